import type { Statement } from "better-sqlite3";
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

/** One event of a batch row: [atMs, kind, host, commandId, message, data]. */
type BatchEntry = [number, EventKind, string | null, string | null, string, Record<string, unknown>];

interface RawBatch {
  first_id: number;
  last_id: number;
  events_json: string;
}

/** A queued advisory event; `batched`: an agent's progress, written in its commit's batch row (appendProgress). */
interface Queued {
  e: NewEvent;
  batched: boolean;
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

const PROGRESS: EventKind = "command.progress";
const KIND_STATEMENTS = 32;
const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
/** Parsed batches kept (EventStore.parsed). */
const PARSED_BATCHES = 8;
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
 *
 * Progress (`appendProgress`: 13 messages per reset) is not one indexed row each: the messages a commit writes go
 * into ONE event_batches row, under ids reserved from the events' own AUTOINCREMENT sequence. Every reader here
 * (`after`, the stream's feed, `forCommand`) merges them back by id, so the stream, a resume from any id and a
 * command's history see exactly what one row per message gave, at a fraction of the writes and reads.
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
  private readonly reserveStmt;
  private readonly seedSequenceStmt;
  private readonly insertBatchStmt;
  private readonly batchAtStmt;
  private readonly batchesFromStmt;
  private readonly batchesOfCommandStmt;
  private readonly lastBatchStmt;
  private queue: Queued[] = [];
  /**
   * The last batches read, parsed: the stream reads a batch in pages of 500 and every client's resume reads it again.
   * Keyed by first id and checked against the row's text, so a batch rolled back and its ids taken again is never
   * mistaken for the one that was parsed.
   */
  private readonly parsed = new Map<number, { json: string; rows: EventRow[] }>();
  /** after() by kinds: one statement per set of kinds asked (a handful: the stream's clients, the metrics). */
  private readonly kindStmts = new Map<string, Statement<[number, number, number], RawEvent>>();
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
    this.reserveStmt = db.prepare<[number], { seq: number }>("UPDATE sqlite_sequence SET seq = seq + ? WHERE name = 'events' RETURNING seq");
    this.seedSequenceStmt = db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('events', ?)");
    this.insertBatchStmt = db.prepare("INSERT INTO event_batches (first_id, last_id, at_ms, command_ids, events_json) VALUES (?, ?, ?, ?, ?)");
    // Batches never overlap and ascend with first_id: the one holding an id is the last to start at or before it.
    this.batchAtStmt = db.prepare<[number], RawBatch>("SELECT first_id, last_id, events_json FROM event_batches WHERE first_id <= ? ORDER BY first_id DESC LIMIT 1");
    this.batchesFromStmt = db.prepare<[number, number, number], RawBatch>(
      "SELECT first_id, last_id, events_json FROM event_batches WHERE first_id > ? AND first_id <= ? ORDER BY first_id LIMIT ?",
    );
    this.batchesOfCommandStmt = db.prepare<[number, number, string], RawBatch>(
      "SELECT first_id, last_id, events_json FROM event_batches WHERE first_id > ? AND first_id < ? AND instr(command_ids, ?) > 0 ORDER BY first_id",
    );
    this.lastBatchStmt = db.prepare<[], { id: number }>("SELECT last_id AS id FROM event_batches ORDER BY first_id DESC LIMIT 1");
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
    // Leading now, with the leader's batches replicated: the next id must come after theirs too.
    else if (this.db.open) this.db.prepare("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'events'").run(this.lastBatchStmt.get()?.id ?? 0);
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

  /**
   * Up to `limit` events with an id above `afterId` (and at most `upToId`), oldest first: the resume cursor. With
   * `kinds` (kinds or kind prefixes, as the stream's ?kinds=), only those: the others are not even read.
   */
  after(afterId: number, limit: number, upToId?: number, kinds?: readonly string[]): EventRow[] {
    const upTo = upToId ?? Number.MAX_SAFE_INTEGER;
    if (kinds) {
      if (kinds.length === 0) return [];
      const rows = this.rowsOfKinds(afterId, limit, upTo, kinds);
      return kinds.some((k) => PROGRESS === k || PROGRESS.startsWith(`${k}.`)) ? this.withBatches(rows, afterId, limit, upTo) : rows;
    }
    const rows = (upToId === undefined ? this.afterStmt.all(afterId, limit) : this.rangeStmt.all(afterId, upToId, limit)).map(toEvent);
    return this.withBatches(rows, afterId, limit, upTo);
  }

  /** A page of rows with the batched progress of the same id range merged in, cut at `limit`. */
  private withBatches(rows: EventRow[], afterId: number, limit: number, upToId: number): EventRow[] {
    // A full page ends at its last row: batched ids beyond it belong to the next page.
    const bound = rows.length === limit ? (rows[limit - 1] as EventRow).id : upToId;
    const held = this.batchAtStmt.get(afterId);
    const batches = this.batchesFromStmt.all(afterId, bound, limit);
    if (held && held.last_id > afterId) batches.unshift(held);
    if (batches.length === 0) return rows;
    const batched = batches.flatMap((b) => this.expandCached(b)).filter((e) => e.id > afterId && e.id <= bound);
    return mergeById(rows, batched).slice(0, limit);
  }

  /** The newest event id, 0 for an empty log. */
  lastId(): number {
    return Math.max(this.maxIdStmt.get()?.id ?? 0, this.lastBatchStmt.get()?.id ?? 0);
  }

  /** The queue's delay is up: it joins the group commit of this turn (Store wires it), else commits alone. */
  rideOn(commitSoon: () => Promise<unknown>): void {
    this.commitSoon = commitSoon;
  }

  /** Queues an advisory event; it reaches SQLite with the next commit, within `flushAfterMs` at the latest. */
  appendSoon(e: NewEvent): void {
    this.enqueue(e, false);
  }

  /**
   * An agent's progress message: queued like `appendSoon`, and written with the others of its commit as one
   * event_batches row (ids from the events' sequence, so it reads back exactly like a row of its own).
   */
  appendProgress(e: NewEvent): void {
    this.enqueue(e, true);
  }

  private enqueue(e: NewEvent, batched: boolean): void {
    if (this.muted) return;
    this.queue.push({ e, batched });
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

  /**
   * A command's events with its agent's progress, oldest first. The progress lies between the command's first row
   * (created) and its last (finished; the log's end while it is in flight), in the batches that name it.
   */
  forCommand(commandId: string): EventRow[] {
    this.flush();
    const rows = this.byCommandStmt.all(commandId).map(toEvent);
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (!first || !last) return rows;
    const end = last.kind === "command.finished" ? last.id : Number.MAX_SAFE_INTEGER;
    const batched = this.batchesOfCommandStmt.all(first.id, end, commandId).flatMap(expand).filter((e) => e.commandId === commandId);
    return batched.length === 0 ? rows : mergeById(rows, batched);
  }

  private rowsOfKinds(afterId: number, limit: number, upToId: number, kinds: readonly string[]): EventRow[] {
    const key = kinds.join(",");
    let stmt = this.kindStmts.get(key);
    if (!stmt) {
      // kind = 'rollout' OR substr(kind, 1, 8) = 'rollout.': the stream's prefix rule, with no LIKE wildcards to escape.
      const where = kinds.map((k) => `kind = ${quote(k)} OR substr(kind, 1, ${k.length + 1}) = ${quote(`${k}.`)}`).join(" OR ");
      stmt = this.db.prepare<[number, number, number], RawEvent>(`SELECT * FROM events WHERE id > ? AND id <= ? AND (${where}) ORDER BY id LIMIT ?`);
      if (this.kindStmts.size >= KIND_STATEMENTS) this.kindStmts.clear();
      this.kindStmts.set(key, stmt);
    }
    return stmt.all(afterId, upToId, limit).map(toEvent);
  }

  private expandCached(b: RawBatch): EventRow[] {
    const hit = this.parsed.get(b.first_id);
    if (hit && hit.json === b.events_json) return hit.rows;
    const rows = expand(b);
    this.parsed.set(b.first_id, { json: b.events_json, rows });
    if (this.parsed.size > PARSED_BATCHES) this.parsed.delete(this.parsed.keys().next().value as number);
    return rows;
  }

  private drain(): void {
    const queued = this.queue;
    this.queue = [];
    let run: NewEvent[] = [];
    for (const q of queued) {
      if (q.batched) {
        run.push(q.e);
        continue;
      }
      // Written in the order reported: a refusal after progress gets its id after that progress.
      if (run.length > 0) this.insertBatch(run);
      run = [];
      this.insert(q.e);
    }
    if (run.length > 0) this.insertBatch(run);
  }

  /** `events` as one event_batches row, under the next events.length ids of the events' sequence. */
  private insertBatch(events: NewEvent[]): void {
    const n = events.length;
    let last = this.reserveStmt.get(n)?.seq;
    if (last === undefined) {
      // No events row was ever written: the sequence starts here.
      last = (this.maxIdStmt.get()?.id ?? 0) + n;
      this.seedSequenceStmt.run(last);
    }
    const entries: BatchEntry[] = events.map((e) => [e.atMs, e.kind, e.host ?? null, e.commandId ?? null, e.message, e.data ?? {}]);
    const commandIds = [...new Set(events.map((e) => e.commandId).filter((c) => c))].join(" ");
    const atMs = events.reduce((m, e) => Math.max(m, e.atMs), 0);
    this.insertBatchStmt.run(last - n + 1, last, atMs, commandIds, JSON.stringify(entries));
  }

  private notify(): void {
    for (const listener of this.appendListeners) listener();
  }

  private insert(e: NewEvent): number {
    const res = this.insertStmt.run(e.atMs, e.kind, e.host ?? null, e.commandId ?? null, e.message, JSON.stringify(e.data ?? {}));
    return Number(res.lastInsertRowid);
  }
}

function expand(b: RawBatch): EventRow[] {
  const entries = JSON.parse(b.events_json) as BatchEntry[];
  return entries.map(([atMs, kind, host, commandId, message, data], i) => ({ id: b.first_id + i, atMs, kind, host, commandId, message, data }));
}

/** Two id-ordered lists as one. */
function mergeById(a: EventRow[], b: EventRow[]): EventRow[] {
  const out: EventRow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.id < y.id)) {
      out.push(x as EventRow);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
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
