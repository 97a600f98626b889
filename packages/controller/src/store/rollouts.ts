import type { Db } from "./db.js";

export type RolloutState = "running" | "paused" | "waiting-approval" | "waiting-for-window" | "succeeded" | "failed" | "aborted";
export type RolloutHostState = "queued" | "draining" | "resetting" | "undraining" | "healthy" | "failed" | "skipped";

/** Taken out of service by a rollout and not yet recorded as done: out of rotation, being reset, or being put back. */
export const IN_FLIGHT_HOST_STATES: readonly RolloutHostState[] = ["draining", "resetting", "undraining"];

export const ACTIVE_ROLLOUT_STATES: readonly RolloutState[] = ["running", "paused", "waiting-approval", "waiting-for-window"];
const ACTIVE_SQL = ACTIVE_ROLLOUT_STATES.map((s) => `'${s}'`).join(",");

/** A host that keeps a running rollout from making progress: out of service with nothing under way to bring it back. */
export interface BlockingHost {
  host: string;
  farm: string;
  reason: string;
}

/** Set while a running rollout cannot start any host and nothing it waits for is under way. */
export interface RolloutBlock {
  sinceMs: number;
  hosts: BlockingHost[];
}

export interface RolloutRow<D> {
  id: string;
  state: RolloutState;
  definition: D;
  createdBy: string;
  createdMs: number;
  updatedMs: number;
  finishedMs: number | null;
  currentBatch: number;
  batchCount: number;
  bakeUntilMs: number | null;
  reason: string;
  /** Non-null while the rollout is blocked (its state stays "running"; `reason` says why and what would help). */
  blocked: RolloutBlock | null;
}

export interface RolloutHostRow {
  rolloutId: string;
  host: string;
  farm: string;
  position: number;
  batch: number;
  state: RolloutHostState;
  commandId: string | null;
  attempts: number;
  /** When the host's turn began: its drain, or its reset where the farm has no drain. */
  startedMs: number | null;
  /** When its reset began (after the drain, with one). */
  resetStartedMs: number | null;
  /** When it was being put back in rotation. */
  undrainStartedMs: number | null;
  finishedMs: number | null;
  code: string;
  message: string;
}

export interface RolloutActionRow {
  id: number;
  rolloutId: string;
  atMs: number;
  actor: string;
  action: string;
  host: string | null;
  detail: string;
}

interface RawRollout {
  id: string;
  state: RolloutState;
  definition_json: string;
  created_by: string;
  created_ms: number;
  updated_ms: number;
  finished_ms: number | null;
  current_batch: number;
  batch_count: number;
  bake_until_ms: number | null;
  reason: string;
  blocked_since_ms: number | null;
  blocked_json: string;
}

interface RawRolloutHost {
  rollout_id: string;
  host: string;
  farm: string;
  position: number;
  batch: number;
  state: RolloutHostState;
  command_id: string | null;
  attempts: number;
  started_ms: number | null;
  reset_started_ms: number | null;
  undrain_started_ms: number | null;
  finished_ms: number | null;
  code: string;
  message: string;
}

/** Rows of the rollout state machine. Every write here happens inside a caller's transaction. */
export class RolloutStore<D> {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO rollouts (id, state, definition_json, created_by, created_ms, updated_ms, batch_count)
         VALUES (@id, 'running', @definition_json, @created_by, @created_ms, @created_ms, @batch_count)`,
      ),
      insertHost: db.prepare(
        `INSERT INTO rollout_hosts (rollout_id, host, farm, position, batch, state) VALUES (?, ?, ?, ?, ?, 'queued')`,
      ),
      get: db.prepare<[string], RawRollout>("SELECT * FROM rollouts WHERE id = ?"),
      list: db.prepare<[number], RawRollout>("SELECT * FROM rollouts ORDER BY created_ms DESC, rowid DESC LIMIT ?"),
      active: db.prepare<[], RawRollout>(
        `SELECT * FROM rollouts WHERE state IN (${ACTIVE_SQL}) ORDER BY created_ms, rowid`,
      ),
      hosts: db.prepare<[string], RawRolloutHost>("SELECT * FROM rollout_hosts WHERE rollout_id = ? ORDER BY position"),
      host: db.prepare<[string, string], RawRolloutHost>("SELECT * FROM rollout_hosts WHERE rollout_id = ? AND host = ?"),
      activeHosts: db.prepare<[], RawRolloutHost>(
        `SELECT rh.* FROM rollout_hosts rh JOIN rollouts r ON r.id = rh.rollout_id
         WHERE r.state IN (${ACTIVE_SQL})`,
      ),
      inFlight: db.prepare<[], RawRolloutHost>("SELECT * FROM rollout_hosts WHERE state IN ('draining','resetting','undraining')"),
      // Any change of state ends a block: a blocked rollout is a running one, and is judged again when it runs.
      setState: db.prepare(
        "UPDATE rollouts SET state = ?, reason = ?, updated_ms = ?, finished_ms = ?, blocked_since_ms = NULL, blocked_json = '[]' WHERE id = ?",
      ),
      setBlocked: db.prepare("UPDATE rollouts SET blocked_since_ms = ?, blocked_json = ?, reason = ? WHERE id = ?"),
      setReason: db.prepare("UPDATE rollouts SET reason = ? WHERE id = ? AND reason != ?"),
      setBatch: db.prepare("UPDATE rollouts SET current_batch = ?, bake_until_ms = ?, updated_ms = ? WHERE id = ?"),
      startHost: db.prepare<unknown[], RawRolloutHost>(
        `UPDATE rollout_hosts SET state = 'resetting', command_id = ?, attempts = attempts + 1, started_ms = ?,
           reset_started_ms = ?, undrain_started_ms = NULL, finished_ms = NULL, code = '', message = '' WHERE rollout_id = ? AND host = ? RETURNING *`,
      ),
      startDrain: db.prepare<unknown[], RawRolloutHost>(
        `UPDATE rollout_hosts SET state = 'draining', command_id = NULL, attempts = attempts + 1, started_ms = ?,
           reset_started_ms = NULL, undrain_started_ms = NULL, finished_ms = NULL, code = '', message = '' WHERE rollout_id = ? AND host = ? RETURNING *`,
      ),
      resetDrained: db.prepare<unknown[], RawRolloutHost>(
        "UPDATE rollout_hosts SET state = 'resetting', command_id = ?, reset_started_ms = ? WHERE rollout_id = ? AND host = ? AND state = 'draining' RETURNING *",
      ),
      startUndrain: db.prepare<unknown[], RawRolloutHost>(
        "UPDATE rollout_hosts SET state = 'undraining', undrain_started_ms = ? WHERE rollout_id = ? AND host = ? RETURNING *",
      ),
      finishHost: db.prepare<unknown[], RawRolloutHost>(
        "UPDATE rollout_hosts SET state = ?, finished_ms = ?, code = ?, message = ? WHERE rollout_id = ? AND host = ? RETURNING *",
      ),
      requeueHost: db.prepare<unknown[], RawRolloutHost>(
        "UPDATE rollout_hosts SET state = 'queued', command_id = NULL, started_ms = NULL, reset_started_ms = NULL, undrain_started_ms = NULL, finished_ms = NULL, code = '', message = '' WHERE rollout_id = ? AND host = ? RETURNING *",
      ),
      action: db.prepare("INSERT INTO rollout_actions (rollout_id, at_ms, actor, action, host, detail) VALUES (?, ?, ?, ?, ?, ?)"),
      actions: db.prepare<[string], { id: number; rollout_id: string; at_ms: number; actor: string; action: string; host: string | null; detail: string }>(
        "SELECT * FROM rollout_actions WHERE rollout_id = ? ORDER BY id",
      ),
    };
  }

  create(r: { id: string; definition: D; createdBy: string; createdMs: number; hosts: Array<{ host: string; farm: string; batch: number }> }): void {
    this.s.insert.run({
      id: r.id,
      definition_json: JSON.stringify(r.definition),
      created_by: r.createdBy,
      created_ms: r.createdMs,
      batch_count: r.hosts.reduce((m, h) => Math.max(m, h.batch + 1), 0),
    });
    r.hosts.forEach((h, i) => this.s.insertHost.run(r.id, h.host, h.farm, i, h.batch));
  }

  get(id: string): RolloutRow<D> | undefined {
    const raw = this.s.get.get(id);
    return raw ? this.toRollout(raw) : undefined;
  }

  list(limit: number): RolloutRow<D>[] {
    return this.s.list.all(limit).map((r) => this.toRollout(r));
  }

  active(): RolloutRow<D>[] {
    return this.s.active.all().map((r) => this.toRollout(r));
  }

  hosts(id: string): RolloutHostRow[] {
    return this.s.hosts.all(id).map(toHost);
  }

  host(id: string, host: string): RolloutHostRow | undefined {
    const raw = this.s.host.get(id, host);
    return raw ? toHost(raw) : undefined;
  }

  /** Every host row of every active rollout: the capacity guard's and the one-rollout-per-host rule's view. */
  activeHosts(): RolloutHostRow[] {
    return this.s.activeHosts.all().map(toHost);
  }

  /** Hosts drained, reset or being put back whose outcome is not recorded, in any rollout (active or not). */
  inFlight(): RolloutHostRow[] {
    return this.s.inFlight.all().map(toHost);
  }

  setState(id: string, state: RolloutState, reason: string, atMs: number): void {
    const terminal = state === "succeeded" || state === "failed" || state === "aborted";
    this.s.setState.run(state, reason, atMs, terminal ? atMs : null, id);
  }

  /** Blocked since `sinceMs` by these hosts (null: no longer blocked), with the sentence `rollout show` prints. */
  setBlocked(id: string, block: RolloutBlock | null, reason: string): void {
    this.s.setBlocked.run(block?.sinceMs ?? null, JSON.stringify(block?.hosts ?? []), reason, id);
  }

  /** What a running rollout is waiting for, shown by `rollout show`; written only when it changes. */
  setReason(id: string, reason: string): void {
    this.s.setReason.run(reason, id, reason);
  }

  setBatch(id: string, batch: number, bakeUntilMs: number | null, atMs: number): void {
    this.s.setBatch.run(batch, bakeUntilMs, atMs, id);
  }

  // The host writes hand back the row as written (RETURNING): the scheduler's copy takes it without reading it again.
  startHost(id: string, host: string, commandId: string, atMs: number): RolloutHostRow | undefined {
    return written(this.s.startHost.get(commandId, atMs, atMs, id, host));
  }

  /** The host's turn, with a load-balancer drain: out of rotation first; its reset command comes after. */
  startDrain(id: string, host: string, atMs: number): RolloutHostRow | undefined {
    return written(this.s.startDrain.get(atMs, id, host));
  }

  /** Drained (or the drain failure ignored): its reset command, in the same transaction as the command row. */
  resetDrained(id: string, host: string, commandId: string, atMs: number): RolloutHostRow | undefined {
    return written(this.s.resetDrained.get(commandId, atMs, id, host));
  }

  /** Reset and healthy: being put back in rotation. */
  startUndrain(id: string, host: string, atMs: number): RolloutHostRow | undefined {
    return written(this.s.startUndrain.get(atMs, id, host));
  }

  finishHost(id: string, host: string, state: RolloutHostState, atMs: number, code: string, message: string): RolloutHostRow | undefined {
    return written(this.s.finishHost.get(state, atMs, code, message, id, host));
  }

  requeueHost(id: string, host: string): RolloutHostRow | undefined {
    return written(this.s.requeueHost.get(id, host));
  }

  recordAction(id: string, atMs: number, actor: string, action: string, host: string | null, detail: string): void {
    this.s.action.run(id, atMs, actor, action, host, detail);
  }

  actions(id: string): RolloutActionRow[] {
    return this.s.actions.all(id).map((a) => ({
      id: a.id,
      rolloutId: a.rollout_id,
      atMs: a.at_ms,
      actor: a.actor,
      action: a.action,
      host: a.host,
      detail: a.detail,
    }));
  }

  private toRollout(r: RawRollout): RolloutRow<D> {
    return {
      id: r.id,
      state: r.state,
      definition: JSON.parse(r.definition_json) as D,
      createdBy: r.created_by,
      createdMs: r.created_ms,
      updatedMs: r.updated_ms,
      finishedMs: r.finished_ms,
      currentBatch: r.current_batch,
      batchCount: r.batch_count,
      bakeUntilMs: r.bake_until_ms,
      reason: r.reason,
      blocked: r.blocked_since_ms === null ? null : { sinceMs: r.blocked_since_ms, hosts: JSON.parse(r.blocked_json) as BlockingHost[] },
    };
  }
}

const written = (r: RawRolloutHost | undefined): RolloutHostRow | undefined => (r ? toHost(r) : undefined);

function toHost(r: RawRolloutHost): RolloutHostRow {
  return {
    rolloutId: r.rollout_id,
    host: r.host,
    farm: r.farm,
    position: r.position,
    batch: r.batch,
    state: r.state,
    commandId: r.command_id,
    attempts: r.attempts,
    startedMs: r.started_ms,
    resetStartedMs: r.reset_started_ms,
    undrainStartedMs: r.undrain_started_ms,
    finishedMs: r.finished_ms,
    code: r.code,
    message: r.message,
  };
}
