/** Hosts remembered at most; past it the cache starts over (a bigger fleet merely loses the shortcut). */
const DEFAULT_MAX_HOSTS = 25_000;

/**
 * The JSON text of an answered host up to its uptime, for one host answered by one agent instance:
 * `{"host":…,"farm":…,"instanceIds":["…"],"duplicate":false,"agentVersion":…,"uptimeMs":` — a detailed answer
 * leaves the farm out (its facts bring it). Made when first needed, as text and as UTF-8.
 */
export class AnswerHead {
  private summaryText: string | undefined;
  private detailText: string | undefined;
  private summaryBytes: Buffer | undefined;
  private detailBytes: Buffer | undefined;

  /**
   * `identity`: the report bytes farm, version and instance were read from (StatusReportPeek.identityStart..End),
   * when the report had them in one run — a later report with the same bytes needs none of them decoded.
   */
  constructor(
    readonly host: string,
    readonly farm: string,
    readonly instanceId: string,
    readonly agentVersion: string,
    readonly identity?: Uint8Array,
  ) {}

  /** Whether `bytes[start..end)` are the identity bytes this head was made from. */
  sameIdentity(bytes: Uint8Array, start: number, end: number): boolean {
    const id = this.identity;
    if (!id || start < 0 || end - start !== id.length) return false;
    for (let i = 0; i < id.length; i++) if (id[i] !== bytes[start + i]) return false;
    return true;
  }

  text(summary: boolean): string {
    const { host, farm, instanceId, agentVersion } = this;
    // Everything but the uptime's value and the closing brace.
    if (summary) return (this.summaryText ??= JSON.stringify({ host, farm, instanceIds: [instanceId], duplicate: false, agentVersion, uptimeMs: 0 }).slice(0, -2));
    return (this.detailText ??= JSON.stringify({ host, instanceIds: [instanceId], duplicate: false, agentVersion, uptimeMs: 0 }).slice(0, -2));
  }

  bytes(summary: boolean): Buffer {
    if (summary) return (this.summaryBytes ??= Buffer.from(this.text(true)));
    return (this.detailBytes ??= Buffer.from(this.text(false)));
  }
}

/**
 * Each host's AnswerHead, from one live query to the next. None of it changes while one agent instance answers
 * for the host, so a 10 000-host answer is made of these and two numbers per host instead of 10 000
 * JSON.stringify calls. The collector looks the head up as the reply arrives (its strings are fresh in the CPU's
 * cache then), and the writer only copies it. One per controller (the status route holds it).
 */
export class AnswerJsonCache {
  private readonly entries = new Map<string, AnswerHead>();

  constructor(private readonly maxHosts = DEFAULT_MAX_HOSTS) {}

  get size(): number {
    return this.entries.size;
  }

  /** The head for these values; `identity`: the bytes they were decoded from, kept with a new head (a copy). */
  headOf(host: string, farm: string, instanceId: string, agentVersion: string, identity?: Uint8Array): AnswerHead {
    let head = this.entries.get(host);
    if (!head || head.farm !== farm || head.instanceId !== instanceId || head.agentVersion !== agentVersion || (identity && !head.identity)) {
      if (!head && this.entries.size >= this.maxHosts) this.entries.clear();
      head = new AnswerHead(host, farm, instanceId, agentVersion, identity && Uint8Array.from(identity));
      this.entries.set(host, head);
    }
    return head;
  }

  /** The head made from exactly these identity bytes for `host`, if any: then nothing else needs decoding. */
  knownHead(host: string, bytes: Uint8Array, start: number, end: number): AnswerHead | undefined {
    const head = this.entries.get(host);
    return head?.sameIdentity(bytes, start, end) ? head : undefined;
  }
}
