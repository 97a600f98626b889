import { randomUUID } from "node:crypto";
import type { Clock } from "../clock.js";
import type { DrainConfig } from "../drain/config.js";
import { IisfleetError, InvalidInputError, NotFoundError, UnknownHostError } from "../errors.js";
import type { FleetRegistry, HostView } from "../fleet/registry.js";
import type { Store } from "../store/index.js";
import type { BlockingHost, RolloutActionRow, RolloutHostRow, RolloutHostState, RolloutRow, RolloutState, RolloutStore } from "../store/rollouts.js";
import { DEFAULT_EXPECTED_RESET_MS } from "../windows/expected.js";
import { type OpeningView, openingView } from "../windows/format.js";
import { scheduleFor } from "../windows/schedule.js";
import type { BoundWindow, WindowService } from "../windows/service.js";
import { admitBatch } from "./admission.js";
import { currentCapacityView, farmCapacity, outOfService } from "./capacity.js";
import type { RolloutDefinition } from "./definition.js";
import type { RolloutRunner } from "./runner.js";
import { batchSizes, orderHosts, resolveAmount, resolveBudget } from "./spec.js";
import { describeUnit, missingTargets } from "./unit.js";
import { RolloutWindowGate } from "./window-gate.js";

export class RolloutConflictError extends IisfleetError {
  constructor(conflicts: Array<{ host: string; rolloutId: string }>, what = "", advice = "Exclude them, or wait for / abort that rollout.") {
    super(
      "ROLLOUT_CONFLICT",
      `${what}A host is in at most one active rollout: ${conflicts.map((c) => `${c.host} (in ${c.rolloutId})`).join(", ")}. ${advice}`,
      409,
      { conflicts },
    );
  }
}

/** Hosts of `hosts` that another active rollout holds (any of its rows: it may still reset or retry them). */
function heldElsewhere(rollouts: RolloutStore<RolloutDefinition>, id: string, hosts: string[]): Array<{ host: string; rolloutId: string }> {
  const others = new Map(rollouts.activeHosts().filter((h) => h.rolloutId !== id).map((h) => [h.host, h.rolloutId]));
  return hosts.filter((h) => others.has(h)).map((host) => ({ host, rolloutId: others.get(host) as string }));
}

export interface PlannedBatch {
  batch: number;
  canary: boolean;
  hosts: string[];
  /** Median of the recorded successful reset durations of these hosts (the slowest), or the default. */
  expectedMs: number;
}

/** How a rollout relates to maintenance windows, as asked: --window NAME, or --now --reason "…" (an override). */
export interface WindowRequest {
  window?: string | undefined;
  nowReason?: string | undefined;
}

export interface PlannedWindow extends BoundWindow {
  open: OpeningView | null;
  next: OpeningView | null;
}

export interface RolloutPlan {
  hosts: string[];
  /** Left out, with the reason (cordoned). */
  excluded: Array<{ host: string; reason: string }>;
  /** Targets --skip-offline leaves out because they are offline now ("skipped before the start"). */
  skipped: Array<{ host: string; reason: string }>;
  batches: PlannedBatch[];
  maxFailures: number;
  projectedMs: number;
  /** How many durations came from history; the rest use the default. */
  fromHistory: number;
  /** The maintenance window it would keep to, or null when none applies (or --now). */
  window: PlannedWindow | null;
  override: { actor: string; reason: string } | null;
  /** Why the first batch would wait if started now; "" when it would start at once. */
  waitReason: string;
  /** Hosts of the targeted farms out of service now, for any reason (targets or not): they count against --max-unavailable. */
  outOfService: BlockingHost[];
  /** Why the rollout would be blocked from the start (no host of batch 1 can start, nothing under way); "" otherwise. */
  blockedReason: string;
  /** What it does to each host ("recycle pool ShopPool on each host"). */
  unit: string;
  /** Targets whose last reported pools or sites lack a named one: they would answer POOL_UNKNOWN or SITE_UNKNOWN. */
  missingTargets: Array<{ host: string; reason: string }>;
  /** The definition as it would be stored, its window settled. */
  definition: RolloutDefinition;
}

export interface RolloutDetail {
  rollout: RolloutRow<RolloutDefinition>;
  hosts: RolloutHostRow[];
  actions: RolloutActionRow[];
  summary: Record<RolloutHostState, number> & { maxFailures: number };
}

/** What a reset takes when a host has no history yet (stated in the plan output). */
export const DEFAULT_RESET_MS = DEFAULT_EXPECTED_RESET_MS;

function median(xs: number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

type OperatorAction = "pause" | "resume" | "abort" | "approve";

/** Starting, planning and steering rollouts. Every operator action is recorded with who and when. */
export class RolloutService {
  private readonly gate: RolloutWindowGate;

  constructor(
    private readonly store: Store,
    private readonly rollouts: RolloutStore<RolloutDefinition>,
    private readonly registry: FleetRegistry,
    private readonly runner: RolloutRunner,
    private readonly clock: Clock,
    private readonly windows?: WindowService,
    private readonly drains?: { configsFor(farms: Iterable<string>): Record<string, DrainConfig> },
  ) {
    this.gate = new RolloutWindowGate(store, registry, windows);
  }

  /**
   * The definition with its window settled: --now records an override (no window applies); otherwise the named
   * window, the farm's default, or the only window applying to these hosts (windows/service.ts decides).
   */
  private withWindow(def: RolloutDefinition, hosts: HostView[], req: WindowRequest, actor: string): RolloutDefinition {
    // Settled here only: whatever the caller put in these fields is not taken on trust.
    const rest: RolloutDefinition = { ...def };
    delete rest.window;
    delete rest.override;
    if (req.nowReason !== undefined) {
      if (req.window !== undefined) throw new InvalidInputError("Use --window or --now, not both: --now starts outside any window.");
      return { ...rest, override: { actor, reason: req.nowReason } };
    }
    const window = this.windows?.resolveForRollout(hosts, req.window);
    return window ? { ...rest, window } : rest;
  }

  /** The farms' load-balancer drain settings, copied in (none with --no-drain; never taken from the caller). */
  private withDrain(def: RolloutDefinition, hosts: HostView[]): RolloutDefinition {
    const rest: RolloutDefinition = { ...def };
    delete rest.drain;
    if (def.skipDrain || !this.drains) return rest;
    const drain = this.drains.configsFor(hosts.map((h) => h.farm));
    return Object.keys(drain).length > 0 ? { ...rest, drain } : rest;
  }

  /** The active rollout that holds this host, if any (a host is in at most one). */
  holderOf(host: string): string | undefined {
    return this.rollouts.activeHosts().find((h) => h.host === host)?.rolloutId;
  }

  plan(input: RolloutDefinition, req: WindowRequest = {}, actor = "plan"): RolloutPlan {
    const { hosts, excluded, skipped } = this.targets(input);
    const def = withSkipped(this.withDrain(this.withWindow(input, hosts, req, actor), hosts), skipped);
    const ordered = orderHosts(
      hosts.map((h) => ({ name: h.name, unhealthy: outOfService(h, { hosts, rolloutHosts: [], latestCommand: () => undefined }) !== undefined })),
      def.order,
      def.seed,
    );
    const sizes = batchSizes(ordered.length, def.batch, def.canary);
    const durations = this.historyMedians(ordered);
    let cursor = 0;
    const batches: PlannedBatch[] = sizes.map((size, i) => {
      const names = ordered.slice(cursor, cursor + size);
      cursor += size;
      return {
        batch: i,
        canary: def.canary > 0 && i === 0,
        hosts: names,
        expectedMs: Math.max(...names.map((n) => durations.get(n) ?? DEFAULT_RESET_MS)),
      };
    });
    const projectedMs = batches.reduce((sum, b, i) => sum + b.expectedMs + (i < batches.length - 1 ? def.bakeMs : 0), 0);
    const now = this.clock.now();
    const farmOf = new Map(hosts.map((h) => [h.name, h.farm]));
    const first = (batches[0]?.hosts ?? []).map((host) => ({ host, farm: farmOf.get(host) ?? "default" }));
    const verdict = this.gate.admit(def, first, "batch 1", now);
    return {
      hosts: ordered,
      excluded,
      skipped,
      batches,
      maxFailures: resolveBudget(def.maxFailures, ordered.length),
      projectedMs,
      fromHistory: ordered.filter((n) => durations.has(n)).length,
      window: def.window ? plannedWindow(def.window, now) : null,
      override: def.override ?? null,
      waitReason: verdict.ok ? "" : verdict.reason,
      ...this.capacityAtStart(def, batches, hosts),
      unit: describeUnit(def),
      missingTargets: hosts.flatMap((h) => missingTargets(def, h) ?? []),
      definition: def,
    };
  }

  /**
   * The targeted farms' hosts out of service now, and whether batch 1 could start: what the scheduler's first pass
   * would decide (rollout/capacity.ts), so a plan that would be blocked says so before anything starts.
   */
  private capacityAtStart(def: RolloutDefinition, batches: PlannedBatch[], hosts: HostView[]): Pick<RolloutPlan, "outOfService" | "blockedReason"> {
    const view = currentCapacityView(this.store, this.registry, this.rollouts);
    const farms = [...new Set(hosts.map((h) => h.farm))].sort();
    const down = farms.flatMap((farm) => [...farmCapacity(farm, view).unavailable].map(([host, reason]) => ({ host, farm, reason })));
    const farmOf = new Map(hosts.map((h) => [h.name, h.farm]));
    const first = (batches[0]?.hosts ?? []).map((host) => ({ host, farm: farmOf.get(host) ?? "default" }));
    const largest = Math.max(1, ...batches.map((b) => b.hosts.length));
    const limitFor = (size: number) => (def.maxUnavailable === null ? largest : resolveAmount(def.maxUnavailable, size));
    const verdict = admitBatch(first, view, { limitFor });
    const blocked = verdict.starting.length === 0 && verdict.waiting.length === 0 && verdict.blockers.length > 0;
    return {
      outOfService: down,
      blockedReason: blocked
        ? `no host of batch 1 can start: --max-unavailable is used up by hosts out of service that nothing is bringing back: ${verdict.blockers.map((b) => `${b.host} (${b.reason})`).join(", ")}`
        : "",
    };
  }

  start(input: RolloutDefinition, actor: string, req: WindowRequest = {}): { detail: RolloutDetail; plan: RolloutPlan } {
    const plan = this.plan(input, req, actor);
    const def = plan.definition;
    if (plan.hosts.length === 0) {
      throw new IisfleetError("NO_TARGETS", `No host matches these targets (after leaving out cordoned hosts${input.skipOffline ? " and, with --skip-offline, offline ones" : ""}); see "iisfleet hosts".`, 400, {
        excluded: plan.excluded,
      });
    }
    const busy = new Map(this.rollouts.activeHosts().map((h) => [h.host, h.rolloutId]));
    const conflicts = plan.hosts.filter((h) => busy.has(h)).map((h) => ({ host: h, rolloutId: busy.get(h) as string }));
    if (conflicts.length > 0) throw new RolloutConflictError(conflicts);

    const id = `r-${randomUUID().slice(0, 8)}`;
    const now = this.clock.now();
    // Rollout rows reference hosts: make sure every registered host is in SQLite, not only in memory.
    this.registry.flush();
    const farmOf = new Map(this.registry.list().map((h) => [h.name, h.farm]));
    this.store.tx(() => {
      this.rollouts.create({
        id,
        definition: def,
        createdBy: actor,
        createdMs: now,
        hosts: plan.batches.flatMap((b) => b.hosts.map((host) => ({ host, farm: farmOf.get(host) ?? "default", batch: b.batch }))),
      });
      const size = `${plan.hosts.length} host${plan.hosts.length === 1 ? "" : "s"} in ${plan.batches.length} batch${plan.batches.length === 1 ? "" : "es"}` +
        (def.pools?.length || def.sites?.length ? ` (${plan.unit})` : "");
      const keepsTo = def.window ? `, keeping to window ${def.window.name}` : "";
      const skipped = plan.skipped.length > 0 ? `; skipped before the start (--skip-offline): ${plan.skipped.map((h) => `${h.host} (${h.reason})`).join(", ")}` : "";
      const down = plan.outOfService.length > 0 ? `; out of service before it started: ${plan.outOfService.map((h) => `${h.host} (${h.reason})`).join(", ")}` : "";
      this.rollouts.recordAction(id, now, actor, "start", null, `${size}${keepsTo}${skipped}${down}`);
      this.store.events.append({
        atMs: now,
        kind: "rollout.started",
        message: `${actor} started rollout ${id}: ${size}${keepsTo}${skipped}${down}`,
        data: { rolloutId: id, excluded: plan.excluded, skipped: plan.skipped, outOfService: plan.outOfService },
      });
      if (def.override) {
        // Invariant 2: a start outside any window is an operator's decision, on record with who and why.
        this.rollouts.recordAction(id, now, actor, "override", null, def.override.reason);
        this.store.events.append({
          atMs: now,
          kind: "override",
          message: `${actor} started rollout ${id} outside any maintenance window: ${def.override.reason}`,
          data: { rolloutId: id, ...def.override },
        });
      }
      if (plan.waitReason) {
        this.rollouts.setState(id, "waiting-for-window", plan.waitReason, now);
        this.store.events.append({ atMs: now, kind: "rollout.window", message: `waiting: ${plan.waitReason}`, data: { rolloutId: id } });
      }
    });
    this.runner.kick();
    return { detail: this.detail(id), plan };
  }

  detail(id: string): RolloutDetail {
    const rollout = this.rollouts.get(id);
    if (!rollout) throw new NotFoundError("rollout", id);
    const hosts = this.rollouts.hosts(id);
    const count = (s: RolloutHostRow["state"]) => hosts.filter((h) => h.state === s).length;
    return {
      rollout,
      hosts,
      actions: this.rollouts.actions(id),
      summary: {
        queued: count("queued"),
        draining: count("draining"),
        resetting: count("resetting"),
        undraining: count("undraining"),
        healthy: count("healthy"),
        failed: count("failed"),
        skipped: count("skipped"),
        maxFailures: resolveBudget(rollout.definition.maxFailures, hosts.length),
      },
    };
  }

  list(limit: number): Array<RolloutRow<RolloutDefinition> & { summary: RolloutDetail["summary"] }> {
    return this.rollouts.list(limit).map((r) => ({ ...r, summary: this.detail(r.id).summary }));
  }

  /** pause: no new host starts (in-flight ones finish). resume: continue (also after a halt, once failures fit). */
  act(id: string, action: OperatorAction, actor: string): RolloutDetail {
    const r = this.rollouts.get(id);
    if (!r) throw new NotFoundError("rollout", id);
    const allowed: Record<OperatorAction, RolloutState[]> = {
      pause: ["running", "waiting-approval", "waiting-for-window"],
      resume: ["paused", "failed"],
      abort: ["running", "paused", "waiting-approval", "waiting-for-window"],
      approve: ["waiting-approval"],
    };
    if (!allowed[action].includes(r.state)) {
      throw new IisfleetError("INVALID_STATE", `Cannot ${action} rollout ${id}: it is ${r.state}.`, 409, { state: r.state });
    }
    if (action === "resume" && r.state === "failed") {
      const d = this.detail(id);
      if (d.summary.failed > d.summary.maxFailures) {
        throw new IisfleetError(
          "INVALID_STATE",
          `Rollout ${id} halted on ${d.summary.failed} failures (max ${d.summary.maxFailures}); retry-host or skip-host the failed hosts first.`,
          409,
        );
      }
      // A halted rollout is not active, so another may have taken its hosts meanwhile: one owner at a time.
      const held = heldElsewhere(this.rollouts, id, d.hosts.filter((h) => h.state === "queued").map((h) => h.host));
      if (held.length > 0) {
        throw new RolloutConflictError(
          held,
          `Cannot resume rollout ${id}: another rollout took hosts it has left while it was halted. `,
          `Wait for that rollout to end, or skip-host them in ${id} first.`,
        );
      }
    }
    const next: Record<OperatorAction, RolloutState> = { pause: "paused", resume: "running", abort: "aborted", approve: "running" };
    const now = this.clock.now();
    this.store.tx(() => {
      this.rollouts.setState(id, next[action], `${action} by ${actor}`, now);
      this.rollouts.recordAction(id, now, actor, action, null, "");
      this.store.events.append({ atMs: now, kind: "rollout.action", message: `${actor}: ${action} rollout ${id}`, data: { rolloutId: id, action } });
    });
    this.runner.kick();
    return this.detail(id);
  }

  /** retry-host: a failed or skipped host goes back to the queue. skip-host: a queued or failed host is passed over. */
  actOnHost(id: string, host: string, action: "retry-host" | "skip-host", actor: string): RolloutDetail {
    const r = this.rollouts.get(id);
    if (!r) throw new NotFoundError("rollout", id);
    if (r.state === "succeeded" || r.state === "aborted") {
      throw new IisfleetError("INVALID_STATE", `Rollout ${id} is ${r.state}; start a new one.`, 409);
    }
    const h = this.rollouts.host(id, host);
    if (!h) throw new IisfleetError("NOT_FOUND", `${host} is not part of rollout ${id}.`, 404);
    const ok = action === "retry-host" ? ["failed", "skipped"].includes(h.state) : ["queued", "failed"].includes(h.state);
    if (!ok) throw new IisfleetError("INVALID_STATE", `Cannot ${action} ${host}: it is ${h.state}.`, 409, { state: h.state });
    const held = action === "retry-host" ? heldElsewhere(this.rollouts, id, [host]) : [];
    if (held.length > 0) throw new RolloutConflictError(held, `Cannot retry ${host} in rollout ${id}: `, "Wait for that rollout to end.");
    const now = this.clock.now();
    this.store.tx(() => {
      if (action === "retry-host") this.rollouts.requeueHost(id, host);
      else this.rollouts.finishHost(id, host, "skipped", now, "SKIPPED", `skipped by ${actor}`);
      // A host retried in an earlier batch is picked up again: go back to its batch.
      if (action === "retry-host" && h.batch < r.currentBatch) this.rollouts.setBatch(id, h.batch, null, now);
      this.rollouts.recordAction(id, now, actor, action, host, "");
      this.store.events.append({ atMs: now, kind: "rollout.action", host, message: `${actor}: ${action} ${host} in rollout ${id}`, data: { rolloutId: id, action } });
    });
    this.runner.hostsChanged(id);
    this.runner.kick();
    return this.detail(id);
  }

  private targets(def: RolloutDefinition): { hosts: HostView[]; excluded: Array<{ host: string; reason: string }>; skipped: Array<{ host: string; reason: string }> } {
    const all = this.registry.list();
    const known = new Set(all.map((h) => h.name));
    for (const name of [...def.targets.hosts, ...def.targets.exclude]) {
      if (!known.has(name)) throw new UnknownHostError(name);
    }
    if (def.targets.farm && !all.some((h) => h.farm === def.targets.farm)) {
      throw new InvalidInputError(`No host belongs to farm "${def.targets.farm}".`, { farm: def.targets.farm });
    }
    const exclude = new Set(def.targets.exclude);
    const matching = all.filter(
      (h) =>
        (def.targets.farm === undefined || h.farm === def.targets.farm) &&
        Object.entries(def.targets.tags).every(([k, v]) => h.tags[k] === v) &&
        (def.targets.hosts.length === 0 || def.targets.hosts.includes(h.name)) &&
        !exclude.has(h.name),
    );
    const excluded = matching.filter((h) => h.cordoned).map((h) => ({ host: h.name, reason: `cordoned${h.cordonReason ? `: ${h.cordonReason}` : ""}` }));
    const now = this.clock.now();
    const offline = (h: HostView) => def.skipOffline === true && !h.cordoned && h.liveness === "offline";
    const skipped = matching.filter(offline).map((h) => ({ host: h.name, reason: `offline, last heard ${Math.round((now - h.lastSeenMs) / 1000)} s ago` }));
    return { hosts: matching.filter((h) => !h.cordoned && !offline(h)), excluded, skipped };
  }

  private historyMedians(hosts: string[]): Map<string, number> {
    const out = new Map<string, number>();
    for (const host of hosts) {
      const durations = this.store.commands.recentResetDurations(host, 20);
      const m = median(durations);
      if (m !== undefined) out.set(host, m);
    }
    return out;
  }
}

/** The --skip-offline outcome is settled here only, never taken from the caller. */
function withSkipped(def: RolloutDefinition, skipped: Array<{ host: string; reason: string }>): RolloutDefinition {
  const rest: RolloutDefinition = { ...def };
  delete rest.skippedBeforeStart;
  return skipped.length > 0 ? { ...rest, skippedBeforeStart: skipped } : rest;
}

function plannedWindow(w: BoundWindow, nowMs: number): PlannedWindow {
  const s = scheduleFor({ ...w, blackout: false });
  const open = s.openingAt(nowMs);
  const next = s.nextAfter(nowMs);
  return { ...w, open: open ? openingView(open, w.timeZone) : null, next: next ? openingView(next, w.timeZone) : null };
}
