import { get as httpGet } from "node:http";
import type * as Https from "node:https";
import { createRequire } from "node:module";

/**
 * Health probes: after a reset, the host counts as back only when its services run AND its sites answer. A probe
 * is an HTTP GET with an expected status and a timeout; warm-up (the first requests to a fresh w3wp compile and
 * load the application) is handled by retrying the whole set a few times before giving up.
 */
export interface ProbeSpec {
  url: string;
  /** The status that means healthy. Default 200. */
  expectStatus: number;
  /**
   * The Host header to send, when it is not the URL's: sites sharing one IIS port are told apart by it (a binding's
   * host name), so a probe of one of them goes to the shared port and names its site here.
   */
  host?: string;
}

export interface ProbeResult {
  /** The probe as a person reads it: its URL, and the Host header when it names one ("… (Host: shop.example.com)"). */
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

/** A probe as a person reads it: its URL, and the Host header it sends when that is not the URL's. */
export function probeLabel(spec: ProbeSpec): string {
  return spec.host === undefined ? spec.url : `${spec.url} (Host: ${spec.host})`;
}

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
    const url = probeLabel(spec);
    // process.hrtime, not performance.now(): the global `performance` loads perf_hooks (0.2-0.5 MB on Node 24) for this alone.
    const t0 = process.hrtime.bigint();
    const took = () => Number((process.hrtime.bigint() - t0) / 1_000_000n);
    try {
      const status = await httpGetStatus(spec.url, this.timeoutMs, spec.host);
      const ok = status === spec.expectStatus;
      return {
        url,
        ok,
        status,
        durationMs: took(),
        message: ok ? `HTTP ${status} in ${took()} ms` : `HTTP ${status}, expected ${spec.expectStatus}`,
      };
    } catch (err) {
      const timedOut = err instanceof ProbeTimeout;
      return {
        url,
        ok: false,
        status: 0,
        durationMs: took(),
        message: timedOut ? `no answer within ${this.timeoutMs} ms` : `no HTTP answer (${err instanceof Error ? err.message : String(err)})`,
      };
    }
  }
}

class ProbeTimeout extends Error {}

/** node:https on first use; before Node 20.16 (no getBuiltinModule) through a require of its own. */
function loadHttps(): typeof Https {
  const viaProcess = process.getBuiltinModule?.("node:https") as typeof Https | undefined;
  return viaProcess ?? (createRequire(process.execPath)("node:https") as typeof Https);
}

/**
 * One GET on node:http(s), redirects not followed, the body read and dropped; the status, or an Error saying why none
 * came. Not fetch(): its implementation (undici, with a WebAssembly HTTP parser) is loaded on first use and kept
 * resident, several MB of an agent that probes its sites every few seconds while idle. Imported statically, not with
 * `await import()`: in the CommonJS bundle the executable runs, a dynamic import starts Node 24's ESM loader, which
 * loads undici, http2 and zlib with it (+4.5 MB RSS on an idle agent, measured). node:https (and with it node:tls, 3 MB
 * on Node 24) is loaded only for an https probe, through process.getBuiltinModule (Node >= 20.16), which is synchronous.
 */
function httpGetStatus(url: string, timeoutMs: number, host: string | undefined): Promise<number> {
  const get = url.startsWith("https:") ? loadHttps().get : httpGet;
  return new Promise<number>((resolve, reject) => {
    // A fresh connection each time (agent: false): a kept-alive socket from before a reset would fail the first probe.
    const req = get(url, { agent: false, ...(host !== undefined ? { headers: { host } } : {}) }, (res) => {
      res.resume();
      res.once("end", () => resolve(res.statusCode ?? 0));
      res.once("error", reject);
    });
    const timer = setTimeout(() => req.destroy(new ProbeTimeout()), timeoutMs);
    req.once("close", () => clearTimeout(timer));
    req.once("error", reject);
  });
}
