import type { Db } from "./db.js";

export type NotifyFormat = "generic" | "teams" | "slack";
export type DeliveryState = "pending" | "delivered" | "failed";

export interface NotifyTargetRow {
  name: string;
  url: string;
  format: NotifyFormat;
  events: string[];
  /** The HMAC key; never leaves the controller (views show "(set)"). */
  secret: string | null;
  /** Events after this id are notified: a target added now is not sent the past. */
  fromEventId: number;
  createdBy: string;
  createdMs: number;
}

export interface DeliveryRow {
  id: number;
  target: string;
  eventId: number;
  kind: string;
  body: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptMs: number;
  createdMs: number;
  finishedMs: number | null;
  lastStatus: number | null;
  lastError: string;
}

interface RawTarget {
  name: string;
  url: string;
  format: NotifyFormat;
  events_json: string;
  secret: string | null;
  from_event_id: number;
  created_by: string;
  created_ms: number;
}

interface RawDelivery {
  id: number;
  target: string;
  event_id: number;
  kind: string;
  body: string;
  state: DeliveryState;
  attempts: number;
  next_attempt_ms: number;
  created_ms: number;
  finished_ms: number | null;
  last_status: number | null;
  last_error: string;
}

const target = (r: RawTarget): NotifyTargetRow => ({
  name: r.name,
  url: r.url,
  format: r.format,
  events: JSON.parse(r.events_json) as string[],
  secret: r.secret,
  fromEventId: r.from_event_id,
  createdBy: r.created_by,
  createdMs: r.created_ms,
});

const delivery = (r: RawDelivery): DeliveryRow => ({
  id: r.id,
  target: r.target,
  eventId: r.event_id,
  kind: r.kind,
  body: r.body,
  state: r.state,
  attempts: r.attempts,
  nextAttemptMs: r.next_attempt_ms,
  createdMs: r.created_ms,
  finishedMs: r.finished_ms,
  lastStatus: r.last_status,
  lastError: r.last_error,
});

/** Notification targets, the outbox of their deliveries, and how far the event log has been read for them. */
export class NotifyStore {
  constructor(private readonly db: Db) {}

  targets(): NotifyTargetRow[] {
    return (this.db.prepare("SELECT * FROM notify_targets ORDER BY name").all() as RawTarget[]).map(target);
  }

  target(name: string): NotifyTargetRow | undefined {
    const r = this.db.prepare("SELECT * FROM notify_targets WHERE name = ?").get(name) as RawTarget | undefined;
    return r && target(r);
  }

  /** False when a target of that name exists already. */
  addTarget(t: NotifyTargetRow): boolean {
    const res = this.db
      .prepare(
        `INSERT OR IGNORE INTO notify_targets (name, url, format, events_json, secret, from_event_id, created_by, created_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(t.name, t.url, t.format, JSON.stringify(t.events), t.secret, t.fromEventId, t.createdBy, t.createdMs);
    return res.changes === 1;
  }

  /** Removes the target and its delivery log. */
  removeTarget(name: string): boolean {
    return this.db.prepare("DELETE FROM notify_targets WHERE name = ?").run(name).changes === 1;
  }

  /** The last event id read for notifications; `initial` is stored the first time (so a new controller starts now). */
  cursor(initial: number): number {
    this.db.prepare("INSERT OR IGNORE INTO notify_cursor (id, event_id) VALUES (1, ?)").run(initial);
    return this.db.prepare("SELECT event_id FROM notify_cursor WHERE id = 1").pluck().get() as number;
  }

  setCursor(eventId: number): void {
    this.db.prepare("UPDATE notify_cursor SET event_id = ? WHERE id = 1").run(eventId);
  }

  /** Queues one delivery; a second one for the same event and target is ignored (false). */
  enqueue(d: { target: string; eventId: number; kind: string; body: string; atMs: number }): boolean {
    const res = this.db
      .prepare(
        `INSERT OR IGNORE INTO notify_deliveries (target, event_id, kind, body, state, next_attempt_ms, created_ms)
         VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
      )
      .run(d.target, d.eventId, d.kind, d.body, d.atMs, d.atMs);
    return res.changes === 1;
  }

  due(nowMs: number, limit: number): DeliveryRow[] {
    return (
      this.db
        .prepare("SELECT * FROM notify_deliveries WHERE state = 'pending' AND next_attempt_ms <= ? ORDER BY next_attempt_ms, id LIMIT ?")
        .all(nowMs, limit) as RawDelivery[]
    ).map(delivery);
  }

  /** When the next pending delivery is due (undefined: none pending). */
  nextDueMs(): number | undefined {
    return (this.db.prepare("SELECT min(next_attempt_ms) FROM notify_deliveries WHERE state = 'pending'").pluck().get() as number | null) ?? undefined;
  }

  delivered(id: number, status: number, atMs: number): void {
    this.db
      .prepare("UPDATE notify_deliveries SET state = 'delivered', attempts = attempts + 1, last_status = ?, last_error = '', finished_ms = ? WHERE id = ?")
      .run(status, atMs, id);
  }

  /** A failed attempt: tried again at `retryAtMs`, or given up (state failed) when that is undefined. */
  attemptFailed(id: number, status: number | null, error: string, atMs: number, retryAtMs: number | undefined): void {
    this.db
      .prepare(
        `UPDATE notify_deliveries SET attempts = attempts + 1, last_status = ?, last_error = ?,
           state = CASE WHEN ? IS NULL THEN 'failed' ELSE 'pending' END,
           next_attempt_ms = COALESCE(?, next_attempt_ms), finished_ms = CASE WHEN ? IS NULL THEN ? ELSE NULL END
         WHERE id = ?`,
      )
      .run(status, error, retryAtMs ?? null, retryAtMs ?? null, retryAtMs ?? null, atMs, id);
  }

  deliveries(target: string, limit: number): DeliveryRow[] {
    return (this.db.prepare("SELECT * FROM notify_deliveries WHERE target = ? ORDER BY id DESC LIMIT ?").all(target, limit) as RawDelivery[]).map(delivery);
  }

  counts(target: string): Record<DeliveryState, number> {
    const rows = this.db.prepare("SELECT state, count(*) AS n FROM notify_deliveries WHERE target = ? GROUP BY state").all(target) as {
      state: DeliveryState;
      n: number;
    }[];
    const out: Record<DeliveryState, number> = { pending: 0, delivered: 0, failed: 0 };
    for (const r of rows) out[r.state] = r.n;
    return out;
  }
}
