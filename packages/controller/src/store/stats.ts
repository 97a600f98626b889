import type { Db } from "./db.js";

/** Aggregates for metrics: read-only, cheap (the rollouts table holds one row per rollout). */
export class StatsStore {
  private readonly rolloutsByStateStmt;
  private readonly blockedStmt;

  constructor(db: Db) {
    this.rolloutsByStateStmt = db.prepare<[], { state: string; n: number }>("SELECT state, count(*) AS n FROM rollouts GROUP BY state");
    this.blockedStmt = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM rollouts WHERE state = 'running' AND blocked_since_ms IS NOT NULL");
  }

  /** Running rollouts that report blocked: worth an alert, since they wait for someone. */
  rolloutsBlocked(): number {
    return this.blockedStmt.get()?.n ?? 0;
  }

  rolloutsByState(): Record<string, number> {
    return Object.fromEntries(this.rolloutsByStateStmt.all().map((r) => [r.state, r.n]));
  }
}
