import { type WebhookDrainConfig, redactedUrl } from "./config.js";
import { type DrainContext, DrainError, type DrainOutcome, type DrainPhase, type DrainProvider } from "./provider.js";

/** The JSON a webhook receives. `event` says which side of the reset; the balancer's glue does the rest. */
export interface WebhookPayload {
  event: DrainPhase;
  host: string;
  farm: string;
  rolloutId: string;
  atMs: number;
}

/**
 * For balancers iisfleet has no driver for (F5, NetScaler, a cloud LB): POST JSON to a URL before the reset
 * ("drain") and after it ("undrain"). A 2xx answer means done — the receiver answers when the host is out of (or
 * back in) rotation. Each attempt has a timeout; failures are retried with a doubling pause (250 ms, 500 ms, …).
 */
export class WebhookDrain implements DrainProvider {
  constructor(
    private readonly c: WebhookDrainConfig,
    private readonly context: DrainContext,
    private readonly backoffMs = 250,
  ) {}

  async drain(host: string): Promise<DrainOutcome> {
    const answer = await this.post("drain", host);
    if (this.c.settleMs > 0) await sleep(this.c.settleMs);
    return { message: `webhook drain: ${answer}${this.c.settleMs > 0 ? `; settled ${this.c.settleMs / 1000} s` : ""}` };
  }

  async undrain(host: string): Promise<DrainOutcome> {
    return { message: `webhook undrain: ${await this.post("undrain", host)}` };
  }

  private async post(event: DrainPhase, host: string): Promise<string> {
    const payload: WebhookPayload = { event, host, farm: this.context.farm, rolloutId: this.context.rolloutId, atMs: Date.now() };
    const attempts = this.c.retries + 1;
    let last = "";
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await sleep(this.backoffMs * 2 ** (i - 1));
      try {
        const res = await fetch(this.c.url, {
          method: "POST",
          headers: { ...this.c.headers, "content-type": "application/json", "user-agent": "iisfleet-controller" },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(this.c.timeoutMs),
        });
        const body = (await res.text()).slice(0, 200).trim();
        if (res.ok) return `HTTP ${res.status}${body ? ` ${body}` : ""}`;
        last = `HTTP ${res.status}${body ? `: ${body}` : ""}`;
      } catch (err) {
        const e = err as Error & { cause?: { code?: string; message?: string } };
        last = e.name === "TimeoutError" ? `no answer within ${this.c.timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
      }
    }
    throw new DrainError(event, `The ${event} webhook ${redactedUrl(this.c.url)} failed ${attempts} time${attempts === 1 ? "" : "s"} for ${host}; last: ${last}.`, {
      url: redactedUrl(this.c.url),
    });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
