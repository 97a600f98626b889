import { formatDuration } from "@iisfleet/proto";
import type { Clock } from "../clock.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/index.js";
import { type OldestKept, type PruneCounts, RetentionStore } from "../store/retention.js";

/** How long history is kept (controller --retain, --retain-audit). Absent: everything is kept, as before. */
export interface RetentionPolicy {
  /** Commands, events and finished rollouts; absent: kept in full. */
  retainMs?: number | undefined;
  /** The audit log is kept in full unless this is given. */
  retainAuditMs?: number | undefined;
}

export interface SweepReport {
  startedMs: number;
  finishedMs: number;
  /** Wall time of the whole sweep, batches and the pauses between them. */
  durationMs: number;
  deleted: PruneCounts;
  /** The longest single transaction of the sweep: how long it held the database's write lock at most. */
  longestBatchMs: number;
  batches: number;
}

export interface RetentionView {
  retainMs: number | null;
  retainAuditMs: number | null;
  oldest: OldestKept;
  lastSweep: SweepReport | null;
}

export interface SweeperOptions {
  /** Rows per transaction: small, so the rollout runner and the result path never wait long for the write lock. */
  batchRows?: number;
  /** Between sweeps. */
  intervalMs?: number;
  /** The first sweep, after start: not at once, so a restarted controller first resumes its rollouts. */
  firstDelayMs?: number;
  /**
   * The share of the controller's time a sweep may take, above 0 and at most 1 (default 0.2): after a batch that
   * took t ms it pauses t·(1 − share)/share ms. Pruning a large backlog back to back (1,000,000 rows) doubled the
   * live-status and rollout figures measured beside it on a 2-core machine; spread out, it takes longer and they
   * keep their pace. History that waits a few more minutes to go costs nothing.
   */
  busyShare?: number;
  /** How a pause is waited out (tests record them); 0 still yields to the event loop. */
  pause?: (ms: number) => Promise<void>;
}

const yieldFor = (ms: number): Promise<void> => new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));

/**
 * Prunes old history off the hot path: one sweep at start (after a short delay) and then every interval, a batch
 * per transaction with the event loop served between batches.
 */
export class RetentionSweeper {
  private readonly retention: RetentionStore;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepReport> | undefined;
  private stopped = false;
  private last: SweepReport | undefined;
  private readonly batchRows: number;
  private readonly intervalMs: number;
  private readonly firstDelayMs: number;
  private readonly busyShare: number;
  private readonly pause: (ms: number) => Promise<void>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly policy: RetentionPolicy | undefined,
    opts: SweeperOptions = {},
  ) {
    this.retention = new RetentionStore(store.db);
    this.batchRows = opts.batchRows ?? 500;
    this.intervalMs = opts.intervalMs ?? 3_600_000;
    this.firstDelayMs = opts.firstDelayMs ?? 10_000;
    const share = opts.busyShare ?? 0.2;
    if (!(share > 0 && share <= 1)) throw new RangeError(`busyShare must be above 0 and at most 1, not ${share}`);
    this.busyShare = share;
    this.pause = opts.pause ?? yieldFor;
  }

  start(): void {
    if (this.policy === undefined) return;
    const p = this.policy;
    this.log.info(
      { retain: p.retainMs !== undefined ? formatDuration(p.retainMs) : "everything", retainAudit: p.retainAuditMs !== undefined ? formatDuration(p.retainAuditMs) : "everything" },
      "history retention: older records are pruned",
    );
    this.schedule(this.firstDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  view(): RetentionView {
    return {
      retainMs: this.policy?.retainMs ?? null,
      retainAuditMs: this.policy?.retainAuditMs ?? null,
      oldest: this.retention.oldestKept(),
      lastSweep: this.last ?? null,
    };
  }

  /** One whole sweep now (also what the timer runs); concurrent calls share it. */
  sweep(): Promise<SweepReport> {
    if (this.policy === undefined) return Promise.reject(new Error("no retention policy (controller --retain)"));
    this.running ??= this.runSweep(this.policy).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.sweep()
        .catch((err: unknown) => this.log.error({ err }, "history retention sweep failed; retrying at the next interval"))
        .finally(() => this.schedule(this.intervalMs));
    }, delayMs);
    this.timer.unref();
  }

  private async runSweep(p: RetentionPolicy): Promise<SweepReport> {
    const startedMs = this.clock.now();
    const started = performance.now();
    const cutoffs = {
      ...(p.retainMs !== undefined ? { historyBeforeMs: startedMs - p.retainMs } : {}),
      ...(p.retainAuditMs !== undefined ? { auditBeforeMs: startedMs - p.retainAuditMs } : {}),
    };
    const deleted: PruneCounts = { rollouts: 0, commands: 0, events: 0, notifications: 0, audit: 0 };
    let longestBatchMs = 0;
    let batches = 0;
    // Queued advisory events first, so the walk sees every row in insertion order.
    this.store.events.flush();
    for (;;) {
      if (this.stopped) break;
      const t0 = performance.now();
      const batch = this.retention.pruneBatch(cutoffs, this.batchRows);
      const took = performance.now() - t0;
      longestBatchMs = Math.max(longestBatchMs, took);
      batches++;
      deleted[batch.kind] += batch.deleted;
      if (batch.done) break;
      // Let whatever waits (results, heartbeats, API requests) run between two batches, for long enough that the
      // sweep takes no more than its share of the controller's time.
      await this.pause((took * (1 - this.busyShare)) / this.busyShare);
    }
    const report: SweepReport = {
      startedMs,
      finishedMs: this.clock.now(),
      durationMs: Math.round(performance.now() - started),
      deleted, longestBatchMs: Math.round(longestBatchMs * 10) / 10,
      batches,
    };
    this.last = report;
    const total = Object.values(deleted).reduce((a, b) => a + b, 0);
    if (total > 0) {
      this.store.events.append({
        atMs: report.finishedMs,
        kind: "history.pruned",
        message: `pruned old history: ${pruneSummary(deleted, p)}`,
        data: { ...deleted, longestBatchMs: report.longestBatchMs, batches },
      });
    }
    this.log.info({ ...deleted, batches, longestBatchMs: report.longestBatchMs, ms: report.durationMs }, "history retention sweep done");
    return report;
  }
}

function pruneSummary(d: PruneCounts, p: RetentionPolicy): string {
  const parts: string[] = [];
  if (p.retainMs !== undefined) {
    parts.push(
      `${d.commands} commands, ${d.events} events, ${d.rollouts} finished rollouts and ${d.notifications} notification deliveries older than ${formatDuration(p.retainMs)}`,
    );
  }
  if (p.retainAuditMs !== undefined) parts.push(`${d.audit} audit records older than ${formatDuration(p.retainAuditMs)}`);
  return parts.join("; ");
}
