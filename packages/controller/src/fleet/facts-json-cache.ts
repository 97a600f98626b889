import { factsJsonMembers } from "./facts.js";
import type { IHostFacts } from "@iisfleet/proto";

/** Hosts remembered at most; past it the cache starts over (a bigger fleet merely loses the shortcut). */
const DEFAULT_MAX_HOSTS = 25_000;

/**
 * Each host's facts as JSON text (factsJsonMembers), kept with the encoded facts they were made from. Between two
 * live queries a host's facts rarely change, and when their bytes are the same the text is too: a reply whose
 * facts bytes match the last ones from that host costs a byte comparison instead of a decode, two object graphs
 * and a JSON.stringify — the difference between a 10 000-host answer that waits on the controller and one that
 * waits only on the network. One per controller (the status route holds it); about 1 KB per host.
 */
export class FactsJsonCache {
  private readonly entries = new Map<string, { bytes: Buffer; json: string }>();

  constructor(private readonly maxHosts = DEFAULT_MAX_HOSTS) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * The JSON members of `host`'s facts, whose encoding is `factsBytes`. `decode` is called only when the bytes
   * differ from the last ones seen for this host; whatever it throws (a malformed reply) propagates, and nothing
   * is remembered then.
   */
  jsonOf(host: string, factsBytes: Uint8Array, decode: () => IHostFacts): string {
    const known = this.entries.get(host);
    if (known && known.bytes.equals(factsBytes)) return known.json;
    const json = factsJsonMembers(decode());
    if (!known && this.entries.size >= this.maxHosts) this.entries.clear();
    // A copy: `factsBytes` may be a view into a larger socket buffer that must not be kept alive.
    this.entries.set(host, { bytes: Buffer.from(factsBytes), json });
    return json;
  }
}
