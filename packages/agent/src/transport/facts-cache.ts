import { type IHostFacts, encodeHostFacts } from "@iisfleet/proto";
import type { AgentStatus } from "../host/facts.js";
import type { Clock } from "../host/port.js";

export interface CachedFacts {
  readonly facts: IHostFacts;
  /** The facts encoded once, for answers that splice them in (StatusReportEncoder). */
  encoded(): Uint8Array;
}

/**
 * The agent's facts, reused while fresh. With `maxAgeMs` 0 every call collects anew (a real host: one answer per
 * question, and the truth from the service control manager each time). The simulator sets it, because ten thousand
 * simulated hosts share one CPU that ten thousand real ones would not; the host's own change notifications call
 * `invalidate()`, and the cordon, health, running command and last reset are compared on every call.
 */
export class FactsCache {
  private cached: { entry: CachedFacts; status: AgentStatus; atMs: number } | undefined;

  constructor(
    private readonly collect: (status: AgentStatus) => Promise<IHostFacts>,
    private readonly clock: Clock,
    private readonly maxAgeMs: number,
  ) {}

  invalidate(): void {
    this.cached = undefined;
  }

  /** The cached facts if still good for `status`; undefined means call `get()`. Synchronous, for the hot path. */
  peek(status: AgentStatus): CachedFacts | undefined {
    const c = this.cached;
    if (!c || this.clock.now() - c.atMs >= this.maxAgeMs || !sameStatus(c.status, status)) return undefined;
    return c.entry;
  }

  async get(status: AgentStatus): Promise<CachedFacts> {
    const hit = this.peek(status);
    if (hit) return hit;
    const atMs = this.clock.now();
    const facts = await this.collect(status);
    let bytes: Uint8Array | undefined;
    const entry: CachedFacts = { facts, encoded: () => (bytes ??= encodeHostFacts(facts)) };
    if (this.maxAgeMs > 0) this.cached = { entry, status, atMs };
    return entry;
  }
}

function sameStatus(a: AgentStatus, b: AgentStatus): boolean {
  return (
    a.cordoned === b.cordoned &&
    a.cordonReason === b.cordonReason &&
    a.busyCommandId === b.busyCommandId &&
    a.health === b.health &&
    a.lastReset === b.lastReset
  );
}
