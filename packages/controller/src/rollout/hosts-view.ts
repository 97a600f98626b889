import { IN_FLIGHT_HOST_STATES, type RolloutHostRow, type RolloutHostState } from "../store/rollouts.js";

/**
 * The scheduler's copy of one rollout's host rows, read from SQLite once and then kept up to date row by row from
 * the scheduler's own transitions (each write hands back the row it wrote: UPDATE … RETURNING). Re-reading every
 * host at every kick made a rollout quadratic in its size. SQLite stays the truth: a restarted controller, or one
 * whose commit failed, reads the rows again; so does a rollout whose hosts an operator changed (retry-host, skip-host).
 */
export class RolloutHostsView {
  private readonly byHost = new Map<string, RolloutHostRow>();
  private readonly byBatch = new Map<number, RolloutHostRow[]>();
  private readonly counts = new Map<RolloutHostState, number>();
  /** Hosts in the largest batch (at least 1): the default --max-unavailable. Batches never change size. */
  readonly largestBatch: number;

  constructor(readonly hosts: readonly RolloutHostRow[]) {
    for (const h of hosts) {
      this.byHost.set(h.host, h);
      const b = this.byBatch.get(h.batch);
      if (b) b.push(h);
      else this.byBatch.set(h.batch, [h]);
      this.counts.set(h.state, this.count(h.state) + 1);
    }
    this.largestBatch = Math.max(1, ...[...this.byBatch.values()].map((b) => b.length));
  }

  batch(n: number): readonly RolloutHostRow[] {
    return this.byBatch.get(n) ?? [];
  }

  count(state: RolloutHostState): number {
    return this.counts.get(state) ?? 0;
  }

  /** Hosts drained, resetting or being put back. */
  inFlight(): number {
    return IN_FLIGHT_HOST_STATES.reduce((n, s) => n + this.count(s), 0);
  }

  /** Takes the row as SQLite now holds it. The row object is updated in place: lists handed out stay current. */
  update(row: RolloutHostRow): void {
    const mine = this.byHost.get(row.host);
    if (!mine) return;
    this.counts.set(mine.state, this.count(mine.state) - 1);
    Object.assign(mine, row);
    this.counts.set(mine.state, this.count(mine.state) + 1);
  }
}
