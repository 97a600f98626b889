import type { Db } from "./db.js";

/** One mutating API request, allowed or refused. */
export interface AuditRow {
  id: number;
  atMs: number;
  requestId: string;
  /** The token's id, or null when there was none (or one the controller did not accept). */
  tokenId: string | null;
  /** The token's name, or "anonymous". */
  actor: string;
  role: string | null;
  /** The route, as registered: "POST /api/v1/rollouts/:id/pause". */
  action: string;
  method: string;
  path: string;
  /** What it was done to: a host, a rollout id, a window or token name ("" when nothing in particular). */
  target: string;
  /** The peer's address as the controller saw it. */
  remote: string;
  /** The HTTP status answered; null while the action runs, or if the controller stopped during it. */
  status: number | null;
  /** The error code when refused or failed. */
  code: string | null;
  message: string;
}

export type NewAudit = Omit<AuditRow, "id" | "status" | "code" | "message"> & { status?: number; code?: string; message?: string };

interface RawAudit {
  id: number;
  at_ms: number;
  request_id: string;
  token_id: string | null;
  actor: string;
  role: string | null;
  action: string;
  method: string;
  path: string;
  target: string;
  remote: string;
  status: number | null;
  code: string | null;
  message: string;
}

export interface AuditQuery {
  sinceMs?: number | undefined;
  target?: string | undefined;
  limit: number;
}

/**
 * How big the audit log may grow. Refused anonymous requests are audited too, so whoever can reach the API could
 * otherwise fill the disk (issue #15, finding 5): each row's free text is clipped, rows older than the retention
 * are deleted, and past the row cap the oldest go first. At the defaults the table stays below ~200 MB.
 */
export interface AuditLimits {
  maxRows: number;
  retentionMs: number;
  /** Pruning runs once per this many inserts (a DELETE per request would cost more than the insert). */
  pruneEvery: number;
}
export const DEFAULT_AUDIT_LIMITS: AuditLimits = { maxRows: 200_000, retentionMs: 400 * 86_400_000, pruneEvery: 500 };
/** Characters kept of a path, a target and a message: enough to read, not enough to fill a disk with. */
const MAX_PATH = 512;
const MAX_TARGET = 256;
const MAX_MESSAGE = 1_000;

/**
 * The audit log (schema 6). A request's row is written before its action runs (status still null), and
 * completed with the status afterwards: an action is never without its row, even if the controller dies during it.
 */
export class AuditStore {
  private readonly s;
  private sincePrune = 0;

  constructor(
    private readonly db: Db,
    private readonly limits: AuditLimits = DEFAULT_AUDIT_LIMITS,
  ) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO audit (at_ms, request_id, token_id, actor, role, action, method, path, target, remote, status, code, message)
         VALUES (@atMs, @requestId, @tokenId, @actor, @role, @action, @method, @path, @target, @remote, @status, @code, @message)`,
      ),
      finish: db.prepare("UPDATE audit SET status = ?, code = ?, message = ?, target = ? WHERE id = ?"),
      pruneOld: db.prepare("DELETE FROM audit WHERE at_ms < ?"),
      pruneOver: db.prepare("DELETE FROM audit WHERE id <= (SELECT id FROM audit ORDER BY id DESC LIMIT 1 OFFSET ?)"),
    };
  }

  insert(a: NewAudit): number {
    const res = this.s.insert.run({
      ...a,
      path: clip(a.path, MAX_PATH),
      target: clip(a.target, MAX_TARGET),
      status: a.status ?? null,
      code: a.code ?? null,
      message: clip(a.message ?? "", MAX_MESSAGE),
    });
    if (++this.sincePrune >= this.limits.pruneEvery) {
      this.sincePrune = 0;
      this.prune(a.atMs);
    }
    return Number(res.lastInsertRowid);
  }

  finish(id: number, status: number, target: string, code?: string, message?: string): void {
    this.s.finish.run(status, code ?? null, clip(message ?? "", MAX_MESSAGE), clip(target, MAX_TARGET), id);
  }

  /** Drops rows past the retention, then the oldest beyond the row cap. */
  prune(nowMs: number): void {
    this.s.pruneOld.run(nowMs - this.limits.retentionMs);
    this.s.pruneOver.run(this.limits.maxRows);
  }

  /** Newest first. */
  list(q: AuditQuery): AuditRow[] {
    const where: string[] = [];
    const args: Array<string | number> = [];
    if (q.sinceMs !== undefined) {
      where.push("at_ms >= ?");
      args.push(q.sinceMs);
    }
    if (q.target !== undefined) {
      // A host is also the target of actions on it inside a rollout ("<rollout id>/<host>").
      where.push("(target = ? OR target LIKE ?)");
      args.push(q.target, `%/${q.target}`);
    }
    const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`;
    return this.db
      .prepare<Array<string | number>, RawAudit>(sql)
      .all(...args, q.limit)
      .map(toAudit);
  }
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function toAudit(r: RawAudit): AuditRow {
  return {
    id: r.id,
    atMs: r.at_ms,
    requestId: r.request_id,
    tokenId: r.token_id,
    actor: r.actor,
    role: r.role,
    action: r.action,
    method: r.method,
    path: r.path,
    target: r.target,
    remote: r.remote,
    status: r.status,
    code: r.code,
    message: r.message,
  };
}
