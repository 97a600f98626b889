/**
 * Health probes: after a reset, the host counts as back only when its services run AND its sites answer. A probe
 * is an HTTP GET with an expected status and a timeout; warm-up (the first requests to a fresh w3wp compile and
 * load the application) is handled by retrying the whole set a few times before giving up.
 */
export interface ProbeSpec {
  url: string;
  /** The status that means healthy. Default 200. */
  expectStatus: number;
}

export interface ProbeResult {
  url: string;
  ok: boolean;
  /** 0 when no HTTP answer came (refused, reset, timed out). */
  status: number;
  durationMs: number;
  message: string;
}

export interface HealthChecker {
  /** Runs every probe once, in parallel. Never throws: a failure is a result. */
  check(): Promise<ProbeResult[]>;
  readonly configured: boolean;
}

export interface ProbeSettings {
  timeoutMs: number;
  /** How many rounds before the verdict is "unhealthy" (warm-up). */
  attempts: number;
  /** Pause between rounds. */
  intervalMs: number;
}

export const DEFAULT_PROBE_SETTINGS: ProbeSettings = { timeoutMs: 5_000, attempts: 10, intervalMs: 1_000 };

/** "http://host/path" or "http://host/path=204". Only http(s) URLs; anything else is a usage error. */
export function parseProbeSpec(text: string): ProbeSpec {
  const trimmed = text.trim();
  // A trailing "=digits" is always meant as the expected status (query strings end in a name=value, rarely digits
  // alone after the URL's last "="); check it strictly rather than swallow a typo into the URL.
  const status = /=(\d+)$/.exec(trimmed);
  const url = status ? trimmed.slice(0, status.index) : trimmed;
  if (!/^https?:\/\/\S+$/.test(url)) {
    throw new Error(`"${text}" is not a probe: use an http(s) URL, optionally followed by =STATUS (e.g. http://localhost/health=200).`);
  }
  try {
    new URL(url);
  } catch {
    throw new Error(`"${url}" is not a valid URL.`);
  }
  const expectStatus = status ? Number(status[1]) : 200;
  if (!Number.isInteger(expectStatus) || expectStatus < 100 || expectStatus > 599) {
    throw new Error(`"${status?.[1]}" is not an HTTP status (100-599).`);
  }
  return { url, expectStatus };
}

export class HttpHealthChecker implements HealthChecker {
  constructor(
    private readonly specs: () => ProbeSpec[],
    private readonly timeoutMs: number,
  ) {}

  get configured(): boolean {
    return this.specs().length > 0;
  }

  check(): Promise<ProbeResult[]> {
    return Promise.all(this.specs().map((s) => this.probeOne(s)));
  }

  private async probeOne(spec: ProbeSpec): Promise<ProbeResult> {
    const t0 = performance.now();
    const took = () => Math.round(performance.now() - t0);
    try {
      const res = await fetch(spec.url, { signal: AbortSignal.timeout(this.timeoutMs), redirect: "manual" });
      await res.arrayBuffer().catch(() => undefined);
      const ok = res.status === spec.expectStatus;
      return {
        url: spec.url,
        ok,
        status: res.status,
        durationMs: took(),
        message: ok ? `HTTP ${res.status} in ${took()} ms` : `HTTP ${res.status}, expected ${spec.expectStatus}`,
      };
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err);
      const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
      return {
        url: spec.url,
        ok: false,
        status: 0,
        durationMs: took(),
        message: timedOut ? `no answer within ${this.timeoutMs} ms` : `no HTTP answer (${cause})`,
      };
    }
  }
}
