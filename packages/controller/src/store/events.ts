import type { Db } from "./db.js";

export type EventKind =
  | "host.registered"
  | "host.instance-changed"
  | "host.renamed"
  | "host.forgotten"
  | "host.duplicate"
  | "host.duplicate-resolved"
  | "host.liveness"
  | "command.created"
  | "command.sent"
  | "command.progress"
  | "command.refused"
  | "security.unverified"
  | "command.finished"
  | "rollout.started"
  | "rollout.state"
  | "rollout.batch"
  | "rollout.host"
  | "rollout.action"
  | "rollout.window"
  | "rollout.blocked"
  | "rollout.waiting"
  | "window.added"
  | "window.removed"
  | "rollout.drain"
  | "drain.set"
  | "drain.removed"
  | "drain.host"
  | "override"
  | "history.pruned"
  | "notify.failed"
  | "schedule.added"
  | "schedule.started"
  | "schedule.missed"
  | "schedule.failed"
  | "schedule.cancelled";

export interface EventRow {
  id: number;
  atMs: number;
  kind: EventKind;
  host: string | null;
  commandId: string | null;
  message: string;
  data: Record<string, unknown>;
}

export interface NewEvent {
  atMs: number;
  kind: EventKind;
  host?: string | undefined;
  commandId?: string | undefined;
  message: string;
  data?: Record<string, unknown>;
}

interface RawEvent {
  id: number;
  at_ms: number;
  kind: EventKind;
  host: string | null;
  command_id: string | null;
  message: string;
  data_json: string;
}

/** Queued advisory events that make the queue commit without waiting for its delay. */
const MAX_QUEUED = 1000;

/**
 * The append-only log of everything that happened: the "history" half of every state change.
 *
 * Agents' progress events arrive by the thousand during a rollout, and one fsync each (synchronous=FULL) would
 * make the disk the bottleneck. They are advisory, so `appendSoon` queues them, and they ride on the next commit
 * that happens anyway — the group commit of agents' results (Store.txSoon), which writes the queue first — or, when
 * none comes within `flushAfterMs`, on one they start themselves. `append` (for state changes) first writes whatever
 * is queued, so the log's order is always the order things were reported in: no progress event lands after its
 * command's result.
 */
export class EventStore {
  private readonly insertStmt;
  private readonly byCommandStmt;
  private readonly afterStmt;
  private readonly rangeStmt;
  private readonly maxIdStmt;
  private readonly refusedStmt;
  private readonly refusedByHostStmt;
  private readonly appendListeners = new Set<() => void>();
  private queue: NewEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Starts a group commit (which writes the queue first); without one, the queue commits on its own. */
  private commitSoon: (() => Promise<unknown>) | undefined;
  /** A group commit has been asked for the queue and has not settled yet. */
  private asked = false;
  /** A standby (controller --ha) keeps the leader's log, replicated, and writes none of its own until it leads. */
  private muted = false;

  constructor(
    private readonly db: Db,
    private readonly flushAfterMs = 100,
  ) {
    this.insertStmt = db.prepare(
      "INSERT INTO events (at_ms, kind, host, command_id, message, data_json) VALUES (?, ?, ?, ?, ?, ?)",
    );
    this.byCommandStmt = db.prepare<[string], RawEvent>("SELECT * FROM events WHERE command_id = ? ORDER BY id");
    this.afterStmt = db.prepare<[number, number], RawEvent>("SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?");
    this.rangeStmt = db.prepare<[number, number, number], RawEvent>("SELECT * FROM events WHERE id > ? AND id <= ? ORDER BY id LIMIT ?");
    this.maxIdStmt = db.prepare<[], { id: number | null }>("SELECT max(id) AS id FROM events");
    this.refusedStmt = db.prepare<[number], RawEvent>("SELECT * FROM events WHERE kind = 'command.refused' ORDER BY id DESC LIMIT ?");
    this.refusedByHostStmt = db.prepare<[string, number], RawEvent>(
      "SELECT * FROM events WHERE kind = 'command.refused' AND host = ? ORDER BY id DESC LIMIT ?",
    );
  }

  /** Commands agents refused at their gate (signature, key, replay, target, expiry), newest first. */
  refused(opts: { host?: string | undefined; limit: number }): EventRow[] {
    this.flush();
    const rows = opts.host === undefined ? this.refusedStmt.all(opts.limit) : this.refusedByHostStmt.all(opts.host, opts.limit);
    return rows.map(toEvent);
  }

  /** On: appends are dropped (a standby); off: logged again (it leads). */
  mute(on: boolean): void {
    this.muted = on;
    if (on) this.queue = [];
  }

  get isMuted(): boolean {
    return this.muted;
  }

  /** Rows arrived by other means (a standby applying the leader's changes): listeners look again. */
  announce(): void {
    this.notify();
  }

  append(e: NewEvent): number {
    if (this.muted) return 0;
    if (this.queue.length > 0) this.drain();
    const id = this.insert(e);
    // Only a signal, often given inside a transaction: listeners must read committed rows later, never use this one.
    this.notify();
    return id;
  }

  /** Calls `listener` (synchronously, with no arguments) after every append; returns the unsubscribe function. */
  onAppend(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  /** Up to `limit` events with an id above `afterId` (and at most `upToId`), oldest first: the resume cursor. */
  after(afterId: number, limit: number, upToId?: number): EventRow[] {
    const rows = upToId === undefined ? this.afterStmt.all(afterId, limit) : this.rangeStmt.all(afterId, upToId, limit);
    return rows.map(toEvent);
  }

  /** The newest event id, 0 for an empty log. */
  lastId(): number {
    return this.maxIdStmt.get()?.id ?? 0;
  }

  /** The queue's delay is up: it joins the group commit of this turn (Store wires it), else commits alone. */
  rideOn(commitSoon: () => Promise<unknown>): void {
    this.commitSoon = commitSoon;
  }

  /** Queues an advisory event; it reaches SQLite with the next commit, within `flushAfterMs` at the latest. */
  appendSoon(e: NewEvent): void {
    if (this.muted) return;
    this.queue.push(e);
    // A full queue (a burst: hundreds of hosts reporting at once) joins this turn's group commit, not one of its own.
    if (this.queue.length >= MAX_QUEUED) this.due();
    else this.timer ??= setTimeout(() => this.due(), this.flushAfterMs);
  }

  private due(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.commitSoon) return this.flush();
    if (this.asked) return;
    this.asked = true;
    void this.commitSoon().finally(() => {
      this.asked = false;
      // Queued after that commit wrote the queue, or not written at all (it failed): the next one takes them. A
      // closed database takes nothing more: no timer is left to keep the process alive.
      if (this.queue.length > 0 && this.db.open) this.timer ??= setTimeout(() => this.due(), this.flushAfterMs);
    });
  }

  /** Writes the queue in one transaction of its own: reads that must see it, close, and a store with no group commit. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0 || !this.db.open) return;
    this.db.transaction(() => this.drain())();
    this.notify();
  }

  /**
   * Writes the queue inside the caller's transaction (the group commit's, before its writes): the queued events are
   * committed with it, and the timer finds nothing left to commit on its own.
   */
  writeQueued(): void {
    if (this.queue.length === 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.drain();
    this.notify();
  }

  forCommand(commandId: string): EventRow[] {
    this.flush();
    return this.byCommandStmt.all(commandId).map(toEvent);
  }

  private drain(): void {
    const batch = this.queue;
    this.queue = [];
    for (const e of batch) this.insert(e);
  }

  private notify(): void {
    for (const listener of this.appendListeners) listener();
  }

  private insert(e: NewEvent): number {
    const res = this.insertStmt.run(e.atMs, e.kind, e.host ?? null, e.commandId ?? null, e.message, JSON.stringify(e.data ?? {}));
    return Number(res.lastInsertRowid);
  }
}

function toEvent(r: RawEvent): EventRow {
  return {
    id: r.id,
    atMs: r.at_ms,
    kind: r.kind,
    host: r.host,
    commandId: r.command_id,
    message: r.message,
    data: JSON.parse(r.data_json) as Record<string, unknown>,
  };
}
