import type { Db } from "./db.js";

export type ScheduledKind = "reset" | "rollout";
export type ScheduledState = "scheduled" | "firing" | "started" | "missed" | "cancelled" | "failed";

export interface ScheduledRow {
  id: string;
  kind: ScheduledKind;
  /** The host of a reset; the targets of a rollout, as words. */
  target: string;
  /** The request body as the API validated it, to be started with at the time. */
  request: Record<string, unknown>;
  atMs: number;
  timeZone: string;
  graceMs: number;
  state: ScheduledState;
  createdBy: string;
  createdMs: number;
  firedMs: number | null;
  /** The command or rollout it started. */
  resultId: string | null;
  message: string;
}

interface Raw {
  id: string;
  kind: ScheduledKind;
  target: string;
  request_json: string;
  at_ms: number;
  time_zone: string;
  grace_ms: number;
  state: ScheduledState;
  created_by: string;
  created_ms: number;
  fired_ms: number | null;
  result_id: string | null;
  message: string;
}

const row = (r: Raw): ScheduledRow => ({
  id: r.id,
  kind: r.kind,
  target: r.target,
  request: JSON.parse(r.request_json) as Record<string, unknown>,
  atMs: r.at_ms,
  timeZone: r.time_zone,
  graceMs: r.grace_ms,
  state: r.state,
  createdBy: r.created_by,
  createdMs: r.created_ms,
  firedMs: r.fired_ms,
  resultId: r.result_id,
  message: r.message,
});

export class ScheduledStore {
  constructor(private readonly db: Db) {}

  add(s: Omit<ScheduledRow, "state" | "firedMs" | "resultId" | "message">): void {
    this.db
      .prepare(
        `INSERT INTO scheduled (id, kind, target, request_json, at_ms, time_zone, grace_ms, state, created_by, created_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?)`,
      )
      .run(s.id, s.kind, s.target, JSON.stringify(s.request), s.atMs, s.timeZone, s.graceMs, s.createdBy, s.createdMs);
  }

  get(id: string): ScheduledRow | undefined {
    const r = this.db.prepare("SELECT * FROM scheduled WHERE id = ?").get(id) as Raw | undefined;
    return r && row(r);
  }

  /** Pending first (soonest first), then the rest newest first. */
  list(opts: { all: boolean; limit: number }): ScheduledRow[] {
    const sql = opts.all
      ? "SELECT * FROM scheduled ORDER BY state = 'scheduled' DESC, CASE WHEN state = 'scheduled' THEN at_ms ELSE -at_ms END LIMIT ?"
      : "SELECT * FROM scheduled WHERE state = 'scheduled' ORDER BY at_ms LIMIT ?";
    return (this.db.prepare(sql).all(opts.limit) as Raw[]).map(row);
  }

  due(nowMs: number): ScheduledRow[] {
    return (this.db.prepare("SELECT * FROM scheduled WHERE state = 'scheduled' AND at_ms <= ? ORDER BY at_ms").all(nowMs) as Raw[]).map(row);
  }

  nextAtMs(): number | undefined {
    return (this.db.prepare("SELECT min(at_ms) FROM scheduled WHERE state = 'scheduled'").pluck().get() as number | null) ?? undefined;
  }

  /** Rows a controller left in 'firing' (it died between committing that and recording the outcome). */
  firing(): ScheduledRow[] {
    return (this.db.prepare("SELECT * FROM scheduled WHERE state = 'firing'").all() as Raw[]).map(row);
  }

  /** Moves a row on; false when it was not in `from` (cancelled or fired meanwhile). */
  transition(id: string, from: ScheduledState, to: ScheduledState, fields: { firedMs?: number; resultId?: string; message?: string } = {}): boolean {
    return (
      this.db
        .prepare(
          `UPDATE scheduled SET state = ?, fired_ms = COALESCE(?, fired_ms), result_id = COALESCE(?, result_id), message = COALESCE(?, message)
           WHERE id = ? AND state = ?`,
        )
        .run(to, fields.firedMs ?? null, fields.resultId ?? null, fields.message ?? null, id, from).changes === 1
    );
  }
}
