import type { Db } from "./db.js";

interface Pending {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit. Under synchronous=FULL every commit is an fsync (1.5 ms on a plain disk), so writes that arrive on the
 * same turn of the event loop — a burst of agents' results read from one socket — are committed in ONE transaction
 * on the next turn (setImmediate). Each write still runs in a savepoint of its own: one that throws is rolled back
 * alone, and only its promise rejects. Every promise settles after the COMMIT has returned, so whatever its caller
 * does next (publish, start the next host) follows a durable transition. Nothing is held longer than one turn.
 */
export class CommitQueue {
  private pending: Pending[] = [];
  private scheduled = false;

  /**
   * `first`: runs at the start of every group transaction, outside the writes' savepoints (the event log's queued
   * progress events: they ride on this commit instead of one of their own, and a write rolled back cannot take
   * them with it).
   */
  constructor(
    private readonly db: Db,
    private readonly first?: () => void,
  ) {}

  /** Runs `write` inside the next group transaction; resolves with its value once that transaction committed. */
  enqueue<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  /** Commits everything queued now (the timer does it; closing the store too). */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    if (!this.db.open) {
      for (const p of batch) p.reject(new Error("The database was closed before the write was committed."));
      return;
    }
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; err: unknown }> = [];
    try {
      this.db.transaction(() => {
        this.first?.();
        for (const p of batch) {
          try {
            // Nested: a savepoint, so a failing write is undone without undoing the others.
            outcomes.push({ ok: true, value: this.db.transaction(p.write)() });
          } catch (err) {
            outcomes.push({ ok: false, err });
          }
        }
      })();
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    batch.forEach((p, i) => {
      const o = outcomes[i];
      if (o?.ok) p.resolve(o.value);
      else p.reject(o?.err);
    });
  }
}
