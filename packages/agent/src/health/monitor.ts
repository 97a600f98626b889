import type { HealthChecker, ProbeResult } from "./probe.js";

export type HealthVerdict = "unknown" | "healthy" | "unhealthy";

/**
 * Keeps the latest health verdict for heartbeats. Probing runs in the background on a timer so a heartbeat never
 * waits on a slow site; a reset's own probes (with warm-up retries) update it too.
 */
export class HealthMonitor {
  private last: HealthVerdict = "unknown";
  private running = false;

  constructor(private readonly checker: HealthChecker) {}

  get verdict(): HealthVerdict {
    return this.last;
  }

  record(results: ProbeResult[]): void {
    if (results.length === 0) return;
    this.last = results.every((r) => r.ok) ? "healthy" : "unhealthy";
  }

  /** One background round; overlapping calls are dropped. */
  async refresh(): Promise<void> {
    if (!this.checker.configured || this.running) return;
    this.running = true;
    try {
      this.record(await this.checker.check());
    } finally {
      this.running = false;
    }
  }
}
