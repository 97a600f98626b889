import type { Db } from "./db.js";

/** Aggregates for metrics: read-only, cheap (the rollouts table holds one row per rollout). */
export class StatsStore {
  private readonly rolloutsByStateStmt;

  constructor(db: Db) {
    this.rolloutsByStateStmt = db.prepare<[], { state: string; n: number }>("SELECT state, count(*) AS n FROM rollouts GROUP BY state");
  }

  rolloutsByState(): Record<string, number> {
    return Object.fromEntries(this.rolloutsByStateStmt.all().map((r) => [r.state, r.n]));
  }
}
