import type { Db } from "./db.js";

/** Rows older than these instants may go; undefined keeps that kind of row for ever. */
export interface PruneCutoffs {
  /** Commands (with their steps), events and finished rollouts (with their hosts and actions). */
  historyBeforeMs?: number | undefined;
  /** The audit log: kept in full unless this is set (controller --retain-audit). */
  auditBeforeMs?: number | undefined;
}

export type PruneCounts = Record<PruneKind, number>;

/** The oldest record of each kind still kept (null: none at all). */
export interface OldestKept {
  commandMs: number | null;
  eventMs: number | null;
  rolloutMs: number | null;
  auditMs: number | null;
}

/** Where a sweep has got to, so each batch starts where the last one stopped instead of rescanning. */
interface Cursor {
  commands: number;
  events: number;
  audit: number;
}

export type PruneKind = "rollouts" | "commands" | "events" | "notifications" | "audit";
type Kind = PruneKind;
const KINDS: readonly Kind[] = ["rollouts", "commands", "events", "notifications", "audit"];

/**
 * Rows are walked in insertion order, which follows the clock; the walk goes this far past the cutoff before it
 * stops, so a row written just after the clock was set back is still reached.
 */
const WALK_PAST_CUTOFF_MS = 86_400_000;

const ACTIVE = "('running','paused','waiting-approval','waiting-for-window')";

/**
 * Deletes old history a batch at a time, each batch its own short transaction, so a sweep over a million rows never
 * holds the write lock for long (the rollout runner and the result path share it). Rows are walked in insertion
 * order (rowid), which follows time, so a batch costs what it deletes, not what the tables hold.
 *
 * What is never deleted: anything of an active rollout (its row, hosts, actions, the commands its hosts point at and
 * the events that carry its id), a command not yet finished, a command a host is busy with, the events of every
 * command kept, and the audit log unless a cutoff is given for it.
 */
export class RetentionStore {
  private cursor: Cursor = { commands: 0, events: 0, audit: 0 };
  private pending: Kind[] = [...KINDS];
  /** performance.now() past which the current batch stops early (each row's cursor is saved, so nothing is skipped). */
  private deadline = Number.POSITIVE_INFINITY;

  constructor(private readonly db: Db) {}

  /**
   * One short transaction: deletes at most about `limit` rows of the first kind that still has old rows, and stops
   * early once it has worked `budgetMs` (rows cost more or less by kind and by disk; the lock must stay short). `done`
   * once every kind has reached its cutoff; the next call then starts a new sweep from the oldest rows.
   */
  pruneBatch(cutoffs: PruneCutoffs, limit: number, budgetMs = 20): { kind: Kind; deleted: number; done: boolean } {
    this.deadline = performance.now() + budgetMs;
    if (this.pending.length === 0) {
      this.pending = [...KINDS];
      this.cursor = { commands: 0, events: 0, audit: 0 };
    }
    const kind = this.pending[0] as Kind;
    const { count, exhausted } = this.db.transaction(() => this.pruneKind(kind, cutoffs, limit))();
    if (exhausted) this.pending.shift();
    return { kind, deleted: count, done: this.pending.length === 0 };
  }

  oldestKept(): OldestKept {
    const one = (sql: string): number | null => (this.db.prepare(sql).pluck().get() as number | null | undefined) ?? null;
    // Among the first rows in insertion order rather than a scan of the whole table: the same answer unless the
    // clock went back by more than those rows.
    return {
      commandMs: one("SELECT min(created_ms) FROM (SELECT created_ms FROM commands ORDER BY rowid LIMIT 1000)"),
      eventMs: one("SELECT min(at_ms) FROM (SELECT at_ms FROM events ORDER BY id LIMIT 1000)"),
      rolloutMs: one("SELECT min(created_ms) FROM rollouts"),
      auditMs: one("SELECT min(at_ms) FROM (SELECT at_ms FROM audit ORDER BY id LIMIT 1000)"),
    };
  }

  private pruneKind(kind: Kind, c: PruneCutoffs, limit: number): { count: number; exhausted: boolean } {
    if (kind !== "audit" && c.historyBeforeMs === undefined) return { count: 0, exhausted: true };
    const before = c.historyBeforeMs as number;
    switch (kind) {
      case "rollouts":
        return this.pruneRollout(before, limit);
      case "commands":
        return this.pruneCommands(before, limit);
      case "events":
        return this.pruneEvents(before, limit);
      case "notifications":
        return this.pruneDeliveries(before, limit);
      case "audit":
        return c.auditBeforeMs === undefined ? { count: 0, exhausted: true } : this.pruneAudit(c.auditBeforeMs, limit);
    }
  }

  /**
   * One finished rollout at a time, its hosts `limit` at a time (a rollout may hold 10,000 hosts); the rollout row
   * and its actions go in the batch that deletes its last host. Counts rollouts deleted.
   */
  private pruneRollout(before: number, limit: number): { count: number; exhausted: boolean } {
    const id = this.db
      .prepare(`SELECT id FROM rollouts WHERE state NOT IN ${ACTIVE} AND COALESCE(finished_ms, updated_ms) < ? LIMIT 1`)
      .pluck()
      .get(before) as string | undefined;
    if (id === undefined) return { count: 0, exhausted: true };
    const hosts = this.db
      .prepare("DELETE FROM rollout_hosts WHERE rowid IN (SELECT rowid FROM rollout_hosts WHERE rollout_id = ? LIMIT ?)")
      .run(id, limit).changes;
    if (hosts === limit) return { count: 0, exhausted: false };
    this.db.prepare("DELETE FROM rollout_actions WHERE rollout_id = ?").run(id);
    this.db.prepare("DELETE FROM rollouts WHERE id = ?").run(id);
    return { count: 1, exhausted: false };
  }

  private pruneCommands(before: number, limit: number): { count: number; exhausted: boolean } {
    const page = this.db
      .prepare("SELECT rowid AS r, id, created_ms AS created, state, finished_ms AS finished FROM commands WHERE rowid > ? ORDER BY rowid LIMIT ?")
      .all(this.cursor.commands, limit) as { r: number; id: string; created: number; state: string; finished: number | null }[];
    const inRollout = this.db.prepare("SELECT 1 FROM rollout_hosts WHERE command_id = ? LIMIT 1");
    // Few hosts are busy at once; one read per batch rather than a scan of hosts per command.
    const busy = new Set(this.db.prepare("SELECT busy_command_id FROM hosts WHERE busy_command_id != ''").pluck().all() as string[]);
    const steps = this.db.prepare("DELETE FROM command_steps WHERE command_id = ?");
    const command = this.db.prepare("DELETE FROM commands WHERE id = ?");
    let count = 0;
    for (const row of page) {
      if (row.created >= before + WALK_PAST_CUTOFF_MS) return { count, exhausted: true };
      this.cursor.commands = row.r;
      const finished = row.state !== "created" && row.state !== "sent" && row.finished !== null && row.finished < before;
      if (!finished || busy.has(row.id) || inRollout.get(row.id) !== undefined) continue;
      steps.run(row.id);
      command.run(row.id);
      count++;
      if (performance.now() > this.deadline) return { count, exhausted: false };
    }
    return { count, exhausted: page.length < limit };
  }

  private pruneEvents(before: number, limit: number): { count: number; exhausted: boolean } {
    const page = this.db
      .prepare(
        `SELECT id, at_ms AS at, json_extract(data_json, '$.rolloutId') AS rollout, command_id AS command
         FROM events WHERE id > ? ORDER BY id LIMIT ?`,
      )
      .all(this.cursor.events, limit) as { id: number; at: number; rollout: unknown; command: string | null }[];
    const activeRollouts = new Set(this.db.prepare(`SELECT id FROM rollouts WHERE state IN ${ACTIVE}`).pluck().all() as string[]);
    // Commands are swept before events: a command still here was kept (in flight, busy, an active rollout's), and
    // so is its record.
    const commandKept = this.db.prepare("SELECT 1 FROM commands WHERE id = ?");
    const del = this.db.prepare("DELETE FROM events WHERE id = ?");
    // Agents' progress in batch rows (store/events.ts) goes by age alone: the step rows of a kept command are its record.
    this.db
      .prepare("DELETE FROM event_batches WHERE first_id IN (SELECT first_id FROM event_batches WHERE at_ms < ? ORDER BY first_id LIMIT ?)")
      .run(before, limit);
    let count = 0;
    for (const row of page) {
      if (row.at >= before + WALK_PAST_CUTOFF_MS) return { count, exhausted: true };
      this.cursor.events = row.id;
      if (row.at >= before) continue;
      if (typeof row.rollout === "string" && activeRollouts.has(row.rollout)) continue;
      if (row.command !== null && commandKept.get(row.command) !== undefined) continue;
      del.run(row.id);
      count++;
      if (performance.now() > this.deadline) return { count, exhausted: false };
    }
    return { count, exhausted: page.length < limit };
  }

  /** Notification deliveries that ended (delivered or given up) before the cutoff; pending ones stay. */
  private pruneDeliveries(before: number, limit: number): { count: number; exhausted: boolean } {
    const n = this.db
      .prepare("DELETE FROM notify_deliveries WHERE id IN (SELECT id FROM notify_deliveries WHERE state != 'pending' AND finished_ms < ? ORDER BY id LIMIT ?)")
      .run(before, limit).changes;
    return { count: n, exhausted: n < limit };
  }

  private pruneAudit(before: number, limit: number): { count: number; exhausted: boolean } {
    const page = this.db.prepare("SELECT id, at_ms AS at FROM audit WHERE id > ? ORDER BY id LIMIT ?").all(this.cursor.audit, limit) as {
      id: number;
      at: number;
    }[];
    const del = this.db.prepare("DELETE FROM audit WHERE id = ?");
    let count = 0;
    for (const row of page) {
      if (row.at >= before + WALK_PAST_CUTOFF_MS) return { count, exhausted: true };
      this.cursor.audit = row.id;
      if (row.at >= before) continue;
      del.run(row.id);
      count++;
      if (performance.now() > this.deadline) return { count, exhausted: false };
    }
    return { count, exhausted: page.length < limit };
  }
}
