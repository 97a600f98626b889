import { randomBytes } from "node:crypto";
import { formatDuration } from "@iisfleet/proto";
import { type RolloutBody, definitionOf, rolloutBody, windowRequestOf } from "../api/rollout-schemas.js";
import { type ResetBody, resetBody } from "../api/schemas.js";
import type { ScheduledView } from "../api/contract/views.js";
import type { Clock } from "../clock.js";
import { type ResetRequestDeps, requestReset } from "../commands/reset-request.js";
import { IisfleetError, InvalidInputError, NatsUnavailableError, NotFoundError, UnknownHostError } from "../errors.js";
import type { Logger } from "../log.js";
import type { RolloutService } from "../rollout/service.js";
import type { Store } from "../store/index.js";
import { type ScheduledKind, type ScheduledRow, type ScheduledState, ScheduledStore } from "../store/scheduled.js";
import { type AtTime, parseAt, wallTime } from "./at-time.js";

/** What is said back about a start at a set time: the row, and its time as the operator reads it (the contract's view). */
export type { ScheduledView };

export interface NewScheduled {
  kind: ScheduledKind;
  /** For a reset: the host. */
  host?: string | undefined;
  /** The body POST /api/v1/hosts/:name/reset or POST /api/v1/rollouts would take. */
  request: unknown;
  at: string;
  timeZone: string;
  graceMs: number;
}

export class ScheduleRefusedError extends IisfleetError {
  constructor(message: string, details: Record<string, unknown>) {
    super("SCHEDULE_REFUSED", message, 409, details);
  }
}

export interface ScheduleDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  reset: ResetRequestDeps;
  rollouts: RolloutService;
  /** Whether a host is known (live or in SQLite). */
  knownHost: (name: string) => boolean;
}

/** The longest a start may be set ahead: a year. */
const MAX_AHEAD_MS = 366 * 86_400_000;
/** How often a reset held by an unreachable NATS is tried again, within its grace. */
const NATS_RETRY_MS = 2_000;
/** Timers are re-armed at least this often (setTimeout cannot wait a month; the clock may be set meanwhile). */
const MAX_SLEEP_MS = 60_000;

/**
 * Resets and rollouts started at a set time (--at). Kept in SQLite, so they survive restarts; each fires once. A
 * start the controller was not running for fires late only within its grace, else it is recorded as missed. When it
 * is set it is checked as a start then would be: the request validated, a reset's maintenance windows and blackouts
 * at that very time, a rollout planned (its window is then kept like any rollout's).
 */
export class ScheduledStarts {
  private readonly rows: ScheduledStore;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly firing = new Set<Promise<void>>();

  constructor(private readonly d: ScheduleDeps) {
    this.rows = new ScheduledStore(d.store.db);
  }

  /** Starts firing (once NATS is reachable, like the rollout runner). */
  start(): void {
    this.stopped = false;
    // A controller that died between committing 'firing' and recording the outcome: never sent twice.
    for (const s of this.rows.firing()) {
      this.finish(s, "firing", "failed", { message: "the controller stopped while starting it; see history for whether it ran" });
    }
    this.arm();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.firing]);
  }

  create(input: NewScheduled, actor: string): ScheduledView & { note?: string } {
    const now = this.d.clock.now();
    const at = parseAt(input.at, input.timeZone);
    if (at.atMs <= now) throw new InvalidInputError(`at: ${this.shown(at)} is in the past; to start now, leave --at out.`, { atMs: at.atMs });
    if (at.atMs - now > MAX_AHEAD_MS) throw new InvalidInputError(`at: ${this.shown(at)} is more than a year ahead.`, { atMs: at.atMs });
    const { target, request } = input.kind === "reset" ? this.checkReset(input, at) : this.checkRollout(input, at, actor);
    const id = `s-${randomBytes(4).toString("hex")}`;
    this.d.store.tx(() => {
      this.rows.add({ id, kind: input.kind, target, request, atMs: at.atMs, timeZone: at.timeZone, graceMs: input.graceMs, createdBy: actor, createdMs: now });
      this.d.store.events.append({
        atMs: now,
        kind: "schedule.added",
        ...(input.kind === "reset" ? { host: target } : {}),
        message: `${actor} set a ${input.kind} of ${target} for ${this.shown(at)} (${id})`,
        data: { scheduledId: id, kind: input.kind, atMs: at.atMs },
      });
    });
    this.arm();
    return { ...this.view(this.rows.get(id) as ScheduledRow), ...(at.note ? { note: at.note } : {}) };
  }

  list(all: boolean, limit: number): ScheduledView[] {
    return this.rows.list({ all, limit }).map((r) => this.view(r));
  }

  get(id: string): ScheduledView {
    const r = this.rows.get(id);
    if (!r) throw new NotFoundError("scheduled start", id);
    return this.view(r);
  }

  cancel(id: string, actor: string): ScheduledView {
    const r = this.rows.get(id);
    if (!r) throw new NotFoundError("scheduled start", id);
    if (r.state !== "scheduled") throw new ScheduleRefusedError(`${id} is ${r.state}, not waiting: nothing to cancel.`, { id, state: r.state });
    this.finish(r, "scheduled", "cancelled", { message: `cancelled by ${actor}` });
    return this.get(id);
  }

  private checkReset(input: NewScheduled, at: AtTime): { target: string; request: Record<string, unknown> } {
    const host = input.host ?? "";
    if (!this.d.knownHost(host)) throw new UnknownHostError(host);
    const body = resetBody.parse(input.request);
    if (body.operation !== "start" && !body.now) {
      const refusal = this.d.reset.windows.resetRefusalAt(host, at.atMs);
      if (refusal !== undefined) {
        throw new ScheduleRefusedError(`${host} may not be reset at ${this.shown(at)}: ${refusal}. Pick a time inside its window, or add --now --reason "…".`, {
          host,
          atMs: at.atMs,
        });
      }
    }
    return { target: host, request: body as unknown as Record<string, unknown> };
  }

  private checkRollout(input: NewScheduled, _at: AtTime, actor: string): { target: string; request: Record<string, unknown> } {
    const body = rolloutBody.parse(input.request);
    // Planned now as it would be started: unknown hosts, an empty target, a window that does not apply are refused
    // today, not at 2 a.m. Windows are kept at the time like any rollout's (it waits for its opening).
    const plan = this.d.rollouts.plan(definitionOf(body), windowRequestOf(body), actor);
    return { target: targetsText(plan.definition.targets, plan.hosts.length), request: body as unknown as Record<string, unknown> };
  }

  private arm(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const next = this.rows.nextAtMs();
    if (next === undefined) return;
    const now = this.d.clock.now();
    // A start still waiting past its time is a reset held while NATS is unreachable (everything else due was claimed
    // synchronously by fireDue): look again shortly, not at once.
    const delay = next <= now ? NATS_RETRY_MS : Math.min(MAX_SLEEP_MS, next - now);
    this.timer = setTimeout(() => this.fireDue(), delay);
    this.timer.unref();
  }

  private fireDue(): void {
    const now = this.d.clock.now();
    for (const s of this.rows.due(now)) {
      if (now - s.atMs > s.graceMs) {
        const natsDown = s.kind === "reset" && this.d.reset.bus.problem() !== undefined;
        const why = natsDown ? "NATS was unreachable from its time on" : `the controller was not running at ${this.shownRow(s)}`;
        this.finish(s, "scheduled", "missed", {
          message: `not started: ${why}, and ${formatDuration(now - s.atMs)} late is past its grace (${formatDuration(s.graceMs)})`,
        });
        continue;
      }
      const p = this.fire(s, now).finally(() => this.firing.delete(p));
      this.firing.add(p);
    }
    this.arm();
  }

  private async fire(s: ScheduledRow, now: number): Promise<void> {
    const late = now - s.atMs > 1_000 ? ` (${formatDuration(now - s.atMs)} late)` : "";
    if (s.kind === "rollout") {
      // Claiming it and starting the rollout are one transaction: exactly once.
      try {
        this.d.store.tx(() => {
          if (!this.rows.transition(s.id, "scheduled", "firing", { firedMs: now })) return;
          const body = s.request as RolloutBody;
          const { detail } = this.d.rollouts.start(definitionOf(body), s.createdBy, windowRequestOf(body));
          this.finish(s, "firing", "started", { resultId: detail.rollout.id, message: `started rollout ${detail.rollout.id}${late}` });
        });
      } catch (err) {
        this.finish(s, "scheduled", "failed", { firedMs: now, message: `not started: ${messageOf(err)}` });
      }
      return;
    }
    if (this.d.reset.bus.problem() !== undefined && now - s.atMs + NATS_RETRY_MS <= s.graceMs) return; // not claimed: arm() looks again shortly, while its grace lasts
    // A reset is claimed ('firing' committed) before it is sent: a controller that dies meanwhile never sends it twice.
    if (!this.rows.transition(s.id, "scheduled", "firing", { firedMs: now })) return;
    try {
      const { command } = await requestReset(this.d.reset, s.target, s.request as ResetBody, s.createdBy);
      this.finish(s, "firing", "started", { resultId: command.id, message: `reset ${s.target}: ${command.state}${late} (command ${command.id})` });
    } catch (err) {
      const reason = err instanceof NatsUnavailableError ? `NATS stayed unreachable through its grace: ${err.message}` : messageOf(err);
      this.finish(s, "firing", "failed", { message: `not started: ${reason}` });
    }
  }

  private finish(s: ScheduledRow, from: ScheduledState, to: ScheduledState, fields: { firedMs?: number; resultId?: string; message: string }): void {
    const kind = to === "started" ? "schedule.started" : to === "missed" ? "schedule.missed" : to === "cancelled" ? "schedule.cancelled" : "schedule.failed";
    this.d.store.tx(() => {
      if (!this.rows.transition(s.id, from, to, fields)) return;
      this.d.store.events.append({
        atMs: this.d.clock.now(),
        kind,
        ...(s.kind === "reset" ? { host: s.target } : {}),
        message: `${s.kind} of ${s.target} set for ${this.shownRow(s)} (${s.id}): ${fields.message}`,
        data: { scheduledId: s.id, state: to, ...(fields.resultId ? { resultId: fields.resultId } : {}), ...(to === "started" && s.kind === "rollout" ? { rolloutId: fields.resultId } : {}) },
      });
    });
    this.d.log.info({ scheduled: s.id, kind: s.kind, target: s.target, state: to }, fields.message);
  }

  private view(r: ScheduledRow): ScheduledView {
    // The request is what the API validated when it was set (resetBody or rolloutBody), stored as JSON.
    return { ...r, request: r.request as ScheduledView["request"], at: this.shownRow(r) };
  }

  private shown(at: AtTime): string {
    const wall = wallTime(at.atMs, at.timeZone).replace("T", " ");
    return `${wall.endsWith(":00") ? wall.slice(0, 16) : wall} ${at.timeZone}`;
  }

  private shownRow(r: ScheduledRow): string {
    return this.shown({ atMs: r.atMs, timeZone: r.timeZone });
  }
}

function targetsText(t: { farm?: string; tags: Record<string, string>; hosts: string[] }, count: number): string {
  const parts = [
    ...(t.farm ? [`farm ${t.farm}`] : []),
    ...Object.entries(t.tags).map(([k, v]) => `${k}=${v}`),
    ...(t.hosts.length > 0 ? [t.hosts.slice(0, 3).join(",") + (t.hosts.length > 3 ? ",…" : "")] : []),
  ];
  return `${parts.join(" ") || "all hosts"} (${count} host${count === 1 ? "" : "s"})`;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
