/** Hosts remembered at most; past it the cache starts over (a bigger fleet merely loses the shortcut). */
const DEFAULT_MAX_HOSTS = 25_000;

interface Head {
  farm: string;
  instanceId: string;
  agentVersion: string;
  /** Made when first needed: summary and detailed queries alternate on a dashboard. */
  summary: string | undefined;
  detail: string | undefined;
}

/**
 * The JSON text of an answered host up to its uptime: `{"host":…,"farm":…,"instanceIds":["…"],"duplicate":false,
 * "agentVersion":…,"uptimeMs":` (a detailed answer leaves the farm out: its facts bring it). None of it changes
 * between two queries while one agent instance answers for the host, so a 10 000-host answer is made of these and
 * two numbers per host instead of 10 000 JSON.stringify calls. Only for a host one instance answers for: a
 * duplicate's text is made in full (see PreparedAnswer). One per controller (the status route holds it).
 */
export class AnswerJsonCache {
  private readonly entries = new Map<string, Head>();

  constructor(private readonly maxHosts = DEFAULT_MAX_HOSTS) {}

  get size(): number {
    return this.entries.size;
  }

  headOf(host: string, farm: string, instanceId: string, agentVersion: string, summary: boolean): string {
    let head = this.entries.get(host);
    if (!head || head.farm !== farm || head.instanceId !== instanceId || head.agentVersion !== agentVersion) {
      if (!head && this.entries.size >= this.maxHosts) this.entries.clear();
      head = { farm, instanceId, agentVersion, summary: undefined, detail: undefined };
      this.entries.set(host, head);
    }
    // Everything but the uptime's value and the closing brace.
    if (summary) return (head.summary ??= JSON.stringify({ host, farm, instanceIds: [instanceId], duplicate: false, agentVersion, uptimeMs: 0 }).slice(0, -2));
    return (head.detail ??= JSON.stringify({ host, instanceIds: [instanceId], duplicate: false, agentVersion, uptimeMs: 0 }).slice(0, -2));
  }
}
