import type { HealthVerdict } from "../health/monitor.js";
import type { HealthChecker, ProbeResult } from "../health/probe.js";
import type { SimulatedHost } from "../host/simulated/index.js";

/**
 * Health for a simulated host without an HTTP listener per site (ten thousand of them would measure the socket
 * table, not iisfleet): the probe asks the simulated host what a request would see — IIS serving, HTTP.SYS up,
 * and under the flapping-health fault, every other answer bad — so resets stay health-gated as on a real host.
 */
export class SimulatedHealth implements HealthChecker {
  readonly configured = true;
  private last: HealthVerdict = "unknown";
  /** What a probe would see now, recomputed only when a service changes state. */
  private current: HealthVerdict | undefined;
  private readonly unwatch: () => void;

  constructor(
    private readonly host: SimulatedHost,
    private readonly name: string,
  ) {
    this.unwatch = host.onStateChange(() => {
      this.current = undefined;
    });
  }

  dispose(): void {
    this.unwatch();
  }

  /**
   * For heartbeats and status answers: what a probe would see now. A flapping host answers differently on every
   * probe, so it reports its last probe's verdict instead of being probed by every status question.
   */
  get verdict(): HealthVerdict {
    if (this.host.fault === "flapping-health") return this.last;
    if (this.current === undefined) {
      try {
        this.current = this.host.isHealthy() ? "healthy" : "unhealthy";
      } catch {
        return "unknown"; // disposed
      }
    }
    return this.current;
  }

  async check(): Promise<ProbeResult[]> {
    let ok = false;
    try {
      ok = this.host.isHealthy();
    } catch {
      ok = false; // disposed
    }
    this.last = ok ? "healthy" : "unhealthy";
    return [
      {
        url: `sim://${this.name}/`,
        ok,
        status: ok ? 200 : 503,
        durationMs: 0,
        message: ok ? "200 OK" : "503 Service Unavailable (IIS is not serving)",
      },
    ];
  }
}
