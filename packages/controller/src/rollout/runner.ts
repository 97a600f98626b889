import type { Clock } from "../clock.js";
import type { CommandDetail, CommandOutcome, CommandService, PreparedCommand } from "../commands/command-service.js";
import type { DrainConfig } from "../drain/config.js";
import type { DrainProvider, DrainProviders } from "../drain/provider.js";
import { realDrainProviders } from "../drain/providers.js";
import { CommandServiceStoppedError, IisfleetError } from "../errors.js";
import type { FleetRegistry } from "../fleet/registry.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/index.js";
import { type BlockingHost, IN_FLIGHT_HOST_STATES, type RolloutHostRow, type RolloutHostState, type RolloutRow, type RolloutStore } from "../store/rollouts.js";
import { describeInstant } from "../windows/format.js";
import type { WindowService } from "../windows/service.js";
import { admitBatch } from "./admission.js";
import { type CapacityView, currentCapacityView } from "./capacity.js";
import { DEFAULT_BLOCKED_GRACE_MS, type RolloutDefinition } from "./definition.js";
import { resolveAmount, resolveBudget } from "./spec.js";
import { RolloutHostsView } from "./hosts-view.js";
import { RolloutWindowGate } from "./window-gate.js";
import { unitParams, unknownTargetMessage } from "./unit.js";

export interface RunnerDeps {
  store: Store;
  rollouts: RolloutStore<RolloutDefinition>;
  registry: FleetRegistry;
  commands: CommandService;
  clock: Clock;
  log: Logger;
  /** How often the scheduler looks again without being kicked (capacity freeing, bake ending). */
  tickMs?: number;
  /** Maintenance windows: blackouts are looked up here. Without it only a rollout's own window applies. */
  windows?: WindowService;
  /** Load-balancer drivers for rollouts whose farms drain (default: the real HAProxy and webhook drivers). */
  drains?: DrainProviders;
}

const TERMINAL_HOST: readonly RolloutHostState[] = ["healthy", "failed", "skipped"];
type Rollout = RolloutRow<RolloutDefinition>;

/**
 * The rollout scheduler. Every transition is committed before the command that follows from it is published; the
 * rollout rows are read fresh at each pass, their host rows once (RolloutHostsView) and then kept current from the
 * scheduler's own transitions. Nothing lives only in memory except that copy and the promises of resets in flight,
 * which a restarted controller rebuilds from SQLite and by asking the agents for the outcome of the command ids on
 * record. A host's completion is committed with the agent's result, in one transaction (CommandService.deliver).
 *
 * A tick is synchronous from its first read to its last write, so a failure recorded by a finishing host can
 * never race with the decision to start the next one.
 */
export class RolloutRunner {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly views = new Map<string, RolloutHostsView>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private kicked = false;
  private readonly tickMs: number;
  private readonly gate: RolloutWindowGate;

  constructor(private readonly d: RunnerDeps) {
    this.tickMs = d.tickMs ?? 250;
    this.gate = new RolloutWindowGate(d.store, d.registry, d.windows);
  }

  /** Resumes hosts left in flight by a previous controller, then starts ticking. */
  start(): void {
    this.stopped = false;
    for (const h of this.d.rollouts.inFlight()) this.track(h.rolloutId, h.host, this.resume(h));
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Something changed (an operator action, a host finished): look again now. */
  kick(): void {
    if (this.stopped || this.kicked) return;
    this.kicked = true;
    setImmediate(() => {
      this.kicked = false;
      this.tick();
    });
  }

  /** Someone else changed this rollout's host rows (retry-host, skip-host): read them again at the next pass. */
  hostsChanged(rolloutId: string): void {
    this.views.delete(rolloutId);
  }

  /** Resolves when every reset now in flight has been recorded (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.tick();
    }, ms);
  }

  private tick(): void {
    if (this.stopped) return;
    this.pass();
    this.schedule(this.tickMs);
  }

  private pass(): void {
    try {
      const active = this.d.rollouts.active();
      const ids = new Set(active.map((r) => r.id));
      for (const id of this.views.keys()) if (!ids.has(id)) this.views.delete(id);
      for (const r of active) this.advance(r);
    } catch (err) {
      // A transaction that failed may have left the copy ahead of SQLite: read it again.
      this.views.clear();
      this.d.log.error({ err }, "rollout scheduler tick failed");
    }
  }

  private hostsView(rolloutId: string): RolloutHostsView {
    let view = this.views.get(rolloutId);
    if (!view) {
      view = new RolloutHostsView(this.d.rollouts.hosts(rolloutId));
      this.views.set(rolloutId, view);
    }
    return view;
  }

  /** After a write to a host row, inside its transaction: the copy takes the row as SQLite now has it (RETURNING). */
  private wrote(rolloutId: string, row: RolloutHostRow | undefined): void {
    if (row) this.views.get(rolloutId)?.update(row);
  }

  /**
   * One scheduling pass now, then wait until every reset it started is recorded. Tests that drive an injected clock
   * use this on a runner they did not start, so nothing happens between two steps but what the test does.
   */
  async step(): Promise<void> {
    this.pass();
    await this.settle();
  }

  private advance(r: Rollout): void {
    if (r.state !== "running" && r.state !== "waiting-for-window") return;
    const now = this.d.clock.now();
    const def = r.definition;
    const view = this.hostsView(r.id);
    const hosts = view.hosts;
    const failures = view.count("failed");
    const maxFailures = resolveBudget(def.maxFailures, hosts.length);
    if (failures > maxFailures) {
      this.transition(r, "failed", `${failures} host${failures === 1 ? "" : "s"} failed, more than the ${maxFailures} allowed (--max-failures); no further host is touched`);
      return;
    }
    const batch = view.batch(r.currentBatch);
    const batchDone = batch.every((h) => TERMINAL_HOST.includes(h.state));
    if (batchDone) {
      this.finishBatch(r, view, now);
      return;
    }
    const queued = batch.filter((h) => h.state === "queued");
    // Nothing to start (the batch's hosts are all in flight): skip the registry scan and the capacity query.
    if (queued.length === 0) {
      if (r.blocked) this.unblock(r, now);
      else if (r.reason !== "") this.d.rollouts.setReason(r.id, "");
      return;
    }
    if (!this.windowAllows(r, view, queued, now)) return;
    const limitFor = (farmSize: number) => (def.maxUnavailable === null ? view.largestBatch : resolveAmount(def.maxUnavailable, farmSize));
    // Its own casualties: failed here, or failed and then skipped by an operator (who accepted the loss; counting
    // it against the capacity then would block the rollout the moment it is resumed).
    const failedHere = new Set(hosts.filter((h) => h.state === "failed" || (h.state === "skipped" && h.attempts > 0)).map((h) => h.host));
    const verdict = admitBatch(queued, this.capacityView(), { rolloutId: r.id, failedHere, limitFor });
    if (verdict.starting.length > 0) this.startHosts(r, verdict.starting);
    const mineUnderWay = view.inFlight() > 0 || verdict.starting.length > 0;
    if (!mineUnderWay && verdict.waiting.length === 0 && verdict.blockers.length > 0) {
      this.block(r, verdict.blockers, now);
      return;
    }
    if (r.blocked) this.unblock(r, now);
    const reason = verdict.capacityReason ?? (verdict.waiting.length > 0 && verdict.starting.length === 0 ? `waiting: ${verdict.waiting.join("; ")}` : "");
    if (reason !== r.reason) {
      this.setWaitReason(r, reason);
      if (reason) this.d.log.info({ rollout: r.id }, reason);
    }
  }

  /**
   * A new reason why the rollout waits is an event too (`rollout.waiting`): `rollout … --follow` re-reads the
   * rollout on its events, so a stall that changes its cause (capacity held by other hosts, a window) is narrated.
   */
  private setWaitReason(r: Rollout, reason: string): void {
    if (!reason) {
      this.d.rollouts.setReason(r.id, reason);
      return;
    }
    this.d.store.tx(() => {
      this.d.rollouts.setReason(r.id, reason);
      this.event(r.id, "rollout.waiting", `rollout ${r.id} ${reason}`);
    });
  }

  /**
   * No host can start and nothing under way will change that: say so (state stays "running", `blocked` set, an
   * event), and under --on-blocked fail end the rollout once the grace has passed. It goes on by itself when the
   * hosts recover or are reset (by another rollout, by hand), or ends when an operator aborts it.
   */
  private block(r: Rollout, blockers: BlockingHost[], now: number): void {
    const def = r.definition;
    const hosts = blockers.map((b) => `${b.host} (${b.reason})`).join(", ");
    const farms = [...new Set(blockers.map((b) => b.farm))].join(", ");
    const since = r.blocked?.sinceMs ?? now;
    if (def.onBlocked === "fail" && now - since >= (def.blockedGraceMs ?? DEFAULT_BLOCKED_GRACE_MS)) {
      this.transition(r, "failed", `blocked for ${Math.round((now - since) / 1000)} s: farm ${farms} has no capacity left, held by ${hosts} (--on-blocked fail)`);
      return;
    }
    const then = def.onBlocked === "fail" ? `it fails ${Math.round((def.blockedGraceMs ?? DEFAULT_BLOCKED_GRACE_MS) / 1000)} s after it was blocked (--on-blocked fail)` : "it goes on by itself when they are back (--on-blocked wait)";
    const reason =
      `blocked: no host can start in farm ${farms}: the capacity (--max-unavailable) is held by hosts out of service that nothing is bringing back: ${hosts}. ` +
      `Bring them back or reset them (--order unhealthy-first puts such hosts first in a rollout), or abort; ${then}`;
    if (r.blocked !== null && r.reason === reason) return;
    // Said once per set of hosts: a host's reason moving on (last reset failed, then W3SVC STOPPED) is no news.
    const news = r.blocked === null || r.blocked.hosts.map((b) => b.host).join() !== blockers.map((b) => b.host).join();
    this.d.store.tx(() => {
      this.d.rollouts.setBlocked(r.id, { sinceMs: since, hosts: blockers }, reason);
      if (news) this.event(r.id, "rollout.blocked", `rollout ${r.id} ${reason}`, undefined, undefined, { blocked: blockers });
    });
    if (news) this.d.log.warn({ rollout: r.id, blockers }, reason);
  }

  private unblock(r: Rollout, now: number): void {
    const secs = Math.round((now - (r.blocked?.sinceMs ?? now)) / 1000);
    this.d.store.tx(() => {
      this.d.rollouts.setBlocked(r.id, null, "");
      this.event(r.id, "rollout.blocked", `rollout ${r.id} no longer blocked (after ${secs} s)`, undefined, undefined, { blocked: [] });
    });
    r.reason = "";
  }

  private finishBatch(r: Rollout, view: RolloutHostsView, now: number): void {
    const def = r.definition;
    const last = r.currentBatch >= r.batchCount - 1;
    if (last) {
      const failed = view.count("failed");
      const skipped = view.count("skipped");
      const healthy = view.hosts.length - failed - skipped;
      this.transition(r, "succeeded", `${healthy} healthy, ${failed} failed, ${skipped} skipped`);
      return;
    }
    if (r.bakeUntilMs === null && def.bakeMs > 0) {
      this.d.store.tx(() => {
        this.d.rollouts.setBatch(r.id, r.currentBatch, now + def.bakeMs, now);
        this.event(r.id, "rollout.batch", `batch ${r.currentBatch + 1} done; baking ${Math.round(def.bakeMs / 1000)} s`);
      });
      return;
    }
    if (r.bakeUntilMs !== null && now < r.bakeUntilMs) return;
    const canaryDone = def.canary > 0 && r.currentBatch === 0;
    this.d.store.tx(() => {
      this.d.rollouts.setBatch(r.id, r.currentBatch + 1, null, now);
      if (canaryDone && def.canaryApproval === "manual") {
        this.d.rollouts.setState(r.id, "waiting-approval", "canary done; waiting for: iisfleet rollout approve", now);
        this.event(r.id, "rollout.state", "canary batch done; waiting for approval");
      } else {
        this.event(r.id, "rollout.batch", `starting batch ${r.currentBatch + 2} of ${r.batchCount}`);
      }
    });
    this.kick();
  }

  /**
   * Maintenance windows: may this batch's queued hosts start now? Moves the rollout between running and
   * waiting-for-window (or to failed under --on-window-end fail) and says why. A host already resetting is never
   * cut off: while any is, the rollout only stops starting new ones, and decides when they have finished.
   */
  private windowAllows(r: Rollout, view: RolloutHostsView, queued: RolloutHostRow[], now: number): boolean {
    const hosts = view.hosts;
    const def = r.definition;
    const verdict = this.gate.admit(def, queued, `batch ${r.currentBatch + 1}`, now);
    if (verdict.ok) {
      if (r.state === "waiting-for-window") {
        const w = def.window;
        const opened =
          w && verdict.opening
            ? `window ${w.name} is open (batches start until ${describeInstant(verdict.opening.lastStartMs, w.timeZone)})`
            : "no blackout holds it any more";
        this.d.store.tx(() => {
          this.d.rollouts.setState(r.id, "running", "", now);
          this.event(r.id, "rollout.window", `${opened}: starting batch ${r.currentBatch + 1} of ${r.batchCount}`);
        });
        this.d.log.info({ rollout: r.id }, opened);
        r.state = "running";
        r.reason = "";
      }
      return true;
    }
    if (view.inFlight() > 0) {
      const reason = `${verdict.reason}; hosts already resetting finish, no other starts`;
      if (reason !== r.reason) this.setWaitReason(r, reason);
      return false;
    }
    const left = hosts.filter((h) => h.state === "queued").length;
    if (def.window && def.onWindowEnd === "fail" && hosts.some((h) => h.attempts > 0)) {
      this.transition(r, "failed", `${verdict.reason}; ${left} host${left === 1 ? "" : "s"} left (--on-window-end fail)`);
      return false;
    }
    if (r.state === "running") {
      this.d.store.tx(() => {
        this.d.rollouts.setState(r.id, "waiting-for-window", verdict.reason, now);
        this.event(r.id, "rollout.window", `waiting with ${left} host${left === 1 ? "" : "s"} left: ${verdict.reason}`);
      });
      this.d.log.info({ rollout: r.id }, verdict.reason);
    } else if (verdict.reason !== r.reason) {
      this.setWaitReason(r, verdict.reason);
    }
    return false;
  }

  private transition(r: Rollout, state: "succeeded" | "failed", reason: string): void {
    const now = this.d.clock.now();
    this.d.store.tx(() => {
      this.d.rollouts.setState(r.id, state, reason, now);
      this.event(r.id, "rollout.state", `rollout ${state}: ${reason}`, undefined, undefined, { state });
    });
    this.d.log.info({ rollout: r.id, state, reason }, "rollout finished");
  }

  /**
   * Commits every host's transition — "resetting" with its command, or "draining" when its farm has a load
   * balancer to drain — in ONE transaction (one fsync for the whole batch), and only then publishes the commands
   * and calls the balancers. A host is "draining" in SQLite before the balancer hears of it, so a controller that
   * dies at any point afterwards knows the host may be out of rotation, and its successor puts it back.
   */
  private startHosts(r: Rollout, hosts: RolloutHostRow[]): void {
    const now = this.d.clock.now();
    const prepared = this.d.store.tx(() =>
      hosts.map((h) => {
        const drain = this.drainOf(r.definition, h.farm);
        if (!drain) return this.prepareHost(r, h);
        this.wrote(r.id, this.d.rollouts.startDrain(r.id, h.host, now));
        this.event(r.id, "rollout.host", `${h.host}: draining (${drain.provider})`, h.host);
        return "drain" as const;
      }),
    );
    prepared.forEach((p, i) => {
      const { host, farm } = hosts[i] as RolloutHostRow;
      if (p === "drain") this.track(r.id, host, this.drainAndReset(r.id, host));
      else if (p) this.track(r.id, host, this.deliverAndComplete(r.id, r.definition, host, farm, p));
    });
  }

  /** Publishes the reset and commits the host's outcome in the transaction that records the agent's answer. */
  private async deliverAndComplete(rolloutId: string, def: RolloutDefinition, host: string, farm: string, p: PreparedCommand): Promise<void> {
    let then: (() => Promise<void>) | undefined;
    await this.d.commands.deliverOutcome(p, (outcome) => {
      then = this.recordOutcome(rolloutId, def, host, farm, outcome);
    });
    await then?.();
  }

  private drainOf(def: RolloutDefinition, farm: string): DrainConfig | undefined {
    return def.drain?.[farm];
  }

  private provider(rolloutId: string, farm: string, config: DrainConfig): DrainProvider {
    return (this.d.drains ?? realDrainProviders).providerFor(config, { farm, rolloutId });
  }

  /** The host's rollout row and its farm's drain setting; undefined when either is gone. */
  private drainContext(rolloutId: string, host: string) {
    const r = this.d.rollouts.get(rolloutId);
    const h = this.d.rollouts.host(rolloutId, host);
    const config = r && h ? this.drainOf(r.definition, h.farm) : undefined;
    if (!r || !h || !config) return undefined;
    return { r, h, config, provider: this.provider(rolloutId, h.farm, config) };
  }

  /**
   * Out of rotation, then the reset. A failed drain fails the host (the rollout's failure budget decides what
   * follows) and it is never reset — unless --ignore-drain-failure. Repeating a drain is harmless, so a resumed
   * rollout simply drains again.
   */
  private async drainAndReset(rolloutId: string, host: string): Promise<void> {
    const ctx = this.drainContext(rolloutId, host);
    if (!ctx) return;
    const { r, h, provider } = ctx;
    try {
      const drained = await provider.drain(host);
      this.event(rolloutId, "rollout.drain", `${host}: out of rotation: ${drained.message}`, host);
    } catch (err) {
      const message = errorMessage(err);
      if (!r.definition.ignoreDrainFailure) {
        // Whatever part of the drain took effect is undone, so a host that is not reset keeps serving.
        const back = await provider.undrain(host).then(
          () => "; put back in rotation",
          (e: unknown) => `; putting it back failed too: ${errorMessage(e)}`,
        );
        this.d.store.tx(() => {
          this.wrote(rolloutId, this.d.rollouts.finishHost(rolloutId, host, "failed", this.d.clock.now(), "DRAIN_FAILED", `${message}${back} (not reset)`));
          this.event(rolloutId, "rollout.host", `${host}: failed (DRAIN_FAILED: ${message}${back}); not reset`, host);
        });
        return;
      }
      this.event(rolloutId, "rollout.drain", `${host}: drain failed, resetting anyway (--ignore-drain-failure): ${message}`, host);
    }
    // A stopping controller leaves the host "draining": its successor drains again (harmless) and resets it.
    if (this.stopped) return;
    const prepared = this.d.store.tx(() => this.prepareHost(r, h, true));
    if (!prepared) {
      await this.undrain(rolloutId, host, provider, r.definition, "failed before its reset");
      return;
    }
    await this.deliverAndComplete(rolloutId, r.definition, host, h.farm, prepared);
  }

  /**
   * Back in rotation after a healthy reset, then "healthy". With `failedWhy` (a host that was drained but not reset)
   * only puts it back, leaving the failure already recorded.
   */
  private async undrain(rolloutId: string, host: string, provider: DrainProvider, def: RolloutDefinition, failedWhy?: string): Promise<void> {
    let outcome: string;
    try {
      outcome = (await provider.undrain(host)).message;
    } catch (err) {
      const message = errorMessage(err);
      if (failedWhy !== undefined) {
        this.event(rolloutId, "rollout.drain", `${host}: ${failedWhy}; putting it back in rotation failed: ${message}`, host);
        return;
      }
      const ignored = def.ignoreDrainFailure === true;
      this.d.store.tx(() => {
        this.wrote(rolloutId, this.d.rollouts.finishHost(
          rolloutId,
          host,
          ignored ? "healthy" : "failed",
          this.d.clock.now(),
          ignored ? "OK" : "UNDRAIN_FAILED",
          ignored ? `reset and healthy, but not back in rotation (ignored): ${message}` : `reset and healthy, but not back in rotation: ${message}`,
        ));
        this.event(rolloutId, "rollout.host", `${host}: ${ignored ? "healthy; putting it back in rotation failed (ignored)" : "failed (UNDRAIN_FAILED)"}: ${message}`, host);
      });
      return;
    }
    if (failedWhy !== undefined) {
      this.event(rolloutId, "rollout.drain", `${host}: ${failedWhy}; back in rotation: ${outcome}`, host);
      return;
    }
    this.d.store.tx(() => {
      this.wrote(rolloutId, this.d.rollouts.finishHost(rolloutId, host, "healthy", this.d.clock.now(), "OK", ""));
      this.event(rolloutId, "rollout.host", `${host}: healthy, back in rotation: ${outcome}`, host);
    });
  }

  /** `drained`: the host is "draining" and already counted its attempt; it moves to "resetting" with its command. */
  private prepareHost(r: Rollout, h: RolloutHostRow, drained = false): PreparedCommand | undefined {
    const def = r.definition;
    const now = this.d.clock.now();
    try {
      return this.d.commands.prepareReset(
        {
          host: h.host,
          ...unitParams(def),
          force: def.force,
          timeoutMs: def.timeoutMs,
          ...(def.deadlineMs !== undefined ? { deadlineMs: def.deadlineMs } : {}),
          issuer: `rollout:${r.id}`,
        },
        // Same transaction as the command row: the host is "resetting" before a byte is published.
        (commandId) => {
          this.wrote(
            r.id,
            drained ? this.d.rollouts.resetDrained(r.id, h.host, commandId, this.d.clock.now()) : this.d.rollouts.startHost(r.id, h.host, commandId, now),
          );
          this.event(r.id, "rollout.host", `${h.host}: resetting`, h.host, commandId);
        },
      );
    } catch (err) {
      const code = err instanceof IisfleetError ? err.code : "INTERNAL";
      const message = err instanceof Error ? err.message : String(err);
      this.wrote(r.id, this.d.rollouts.finishHost(r.id, h.host, "failed", now, code, message));
      this.event(r.id, "rollout.host", `${h.host}: failed before start: ${message}`, h.host);
      return undefined;
    }
  }

  /**
   * A reset's outcome, written inside the caller's transaction (the one recording the agent's answer). A drained host
   * that came back healthy is put back in rotation ("undraining" here; the balancer is called by the returned step,
   * after the commit); one whose reset failed stays out of rotation — the balancer should not send users to it — and
   * says so.
   */
  private recordOutcome(rolloutId: string, def: RolloutDefinition, host: string, farm: string, c: CommandOutcome): (() => Promise<void>) | undefined {
    const state: RolloutHostState = c.state === "succeeded" ? "healthy" : "failed";
    const code = c.code || (state === "healthy" ? "OK" : "UNKNOWN");
    const config = this.drainOf(def, farm);
    const message = unknownTargetMessage(def, code, c.message, host, (name) => this.d.registry.get(name)) + (config && state === "failed" ? ` [left out of rotation; put it back with: iisfleet farm undrain-host ${host}]` : "");
    if (config && state === "healthy") {
      this.wrote(rolloutId, this.d.rollouts.startUndrain(rolloutId, host, this.d.clock.now()));
      this.event(rolloutId, "rollout.host", `${host}: reset and healthy; undraining (${config.provider})`, host, c.id);
      const provider = this.provider(rolloutId, farm, config);
      return () => this.undrain(rolloutId, host, provider, def);
    }
    this.wrote(rolloutId, this.d.rollouts.finishHost(rolloutId, host, state, this.d.clock.now(), code, message));
    this.event(rolloutId, "rollout.host", `${host}: ${state}${state === "failed" ? ` (${code}: ${message})` : ""}`, host, c.id);
    return undefined;
  }

  /** An outcome already recorded (a resumed host): the host's transition in a transaction of its own. */
  private async complete(rolloutId: string, host: string, c: CommandOutcome): Promise<void> {
    const r = this.d.rollouts.get(rolloutId);
    const h = this.d.rollouts.host(rolloutId, host);
    if (!r || !h) return;
    const then = this.d.store.tx(() => this.recordOutcome(rolloutId, r.definition, host, h.farm, c));
    await then?.();
  }

  /**
   * A host an earlier controller left in flight. Draining: drain again (harmless) and go on. Undraining: put it back.
   * Resetting: find out what happened to its command, never reset it blindly — then put it back if it was drained.
   */
  private async resume(h: RolloutHostRow): Promise<void> {
    if (h.state === "draining") {
      this.d.log.info({ rollout: h.rolloutId, host: h.host }, "resuming: the host may be out of rotation; draining again, then its reset");
      await this.drainAndReset(h.rolloutId, h.host);
      return;
    }
    if (h.state === "undraining") {
      const ctx = this.drainContext(h.rolloutId, h.host);
      this.d.log.info({ rollout: h.rolloutId, host: h.host }, "resuming: putting the host back in rotation");
      if (ctx) await this.undrain(h.rolloutId, h.host, ctx.provider, ctx.r.definition);
      else this.d.store.tx(() => {
        this.wrote(h.rolloutId, this.d.rollouts.finishHost(h.rolloutId, h.host, "healthy", this.d.clock.now(), "OK", ""));
      });
      return;
    }
    const id = h.commandId;
    if (!id) {
      this.requeue(h);
      return;
    }
    const cmd = this.d.store.commands.get(id);
    if (!cmd) {
      this.requeue(h);
      return;
    }
    if (cmd.state !== "sent" && cmd.state !== "created") {
      // The answer was recorded, the host row not (a crash between two transactions).
      await this.complete(h.rolloutId, h.host, outcomeOf(this.d.commands.detail(id)));
      return;
    }
    // Only the agent's answer for this id settles it (commands/command-service.ts, settle): never re-queued under a
    // new id while the agent may hold it, so a host is not reset twice by one rollout.
    const detail = await this.d.commands.resolveInFlight(id);
    this.d.log.info({ host: h.host, commandId: id, code: detail.code }, "resumed: the command's outcome is settled");
    await this.complete(h.rolloutId, h.host, outcomeOf(detail));
  }

  private requeue(h: RolloutHostRow): void {
    this.d.store.tx(() => {
      this.wrote(h.rolloutId, this.d.rollouts.requeueHost(h.rolloutId, h.host));
    });
  }

  private track(rolloutId: string, host: string, p: Promise<void>): void {
    const key = `${rolloutId}/${host}`;
    const tracked = p
      .catch((err: unknown) => {
        // Stopping with an answer still awaited: the host stays in flight, and the next controller resolves it.
        if (err instanceof CommandServiceStoppedError) return;
        // Perhaps a commit that failed after the copy took its rows: read them again.
        this.views.delete(rolloutId);
        this.d.log.error({ err, rollout: rolloutId, host }, "rollout host handling failed");
      })
      .finally(() => {
        this.inFlight.delete(key);
        this.kick();
      });
    this.inFlight.set(key, tracked);
  }

  private capacityView(): CapacityView {
    return currentCapacityView(this.d.store, this.d.registry, this.d.rollouts);
  }

  private event(
    rolloutId: string,
    kind: "rollout.state" | "rollout.batch" | "rollout.host" | "rollout.window" | "rollout.drain" | "rollout.blocked" | "rollout.waiting",
    message: string,
    host?: string,
    commandId?: string,
    data: Record<string, unknown> = {},
  ): void {
    this.d.store.events.append({ atMs: this.d.clock.now(), kind, host, commandId, message, data: { rolloutId, ...data } });
  }
}

const outcomeOf = (d: CommandDetail): CommandOutcome => ({ id: d.id, host: d.host, state: d.state, code: d.code ?? "", message: d.message ?? "" });
const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));
