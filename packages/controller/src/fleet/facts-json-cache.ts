import { type FactsShape, factsFromWire, factsRowMembers } from "./facts.js";
import type { IHostFacts } from "@iisfleet/proto";

/** Hosts remembered at most; past it the cache starts over (a bigger fleet merely loses the shortcut). */
const DEFAULT_MAX_HOSTS = 25_000;

/**
 * A host's facts as JSON object members, as text and as UTF-8: a live answer is written as bytes (json-bytes.ts),
 * and 10,000 hosts' facts encoded anew for every query were most of writing a detailed answer. Made when the
 * facts change (a heartbeat, usually), so the first query after a start finds the bytes ready too.
 */
export class FactsText {
  readonly bytes: Buffer;

  constructor(readonly text: string) {
    this.bytes = Buffer.from(text);
  }
}

interface Entry {
  bytes: Buffer;
  /** The facts' JSON members in each shape (FactsShape), made together from one decode. */
  detail: FactsText;
  rows: FactsText;
}

/**
 * Each host's facts as JSON text (factsJsonMembers, and the table row of factsRowMembers), kept with the encoded
 * facts they were made from. Between two live queries a host's facts rarely change, and when their bytes are the
 * same the text is too: a reply whose facts bytes match the last ones from that host costs a byte comparison
 * instead of a decode, two object graphs and a JSON.stringify — the difference between a 10 000-host answer that
 * waits on the controller and one that waits only on the network. Both shapes are made at once, so heartbeats
 * (registry.ts primes this cache) warm the CLI's row answer as well as the detailed one. One per controller (the
 * status route holds it); about 1.2 KB per host.
 */
export class FactsJsonCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxHosts = DEFAULT_MAX_HOSTS) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * The JSON members of `host`'s facts in `shape`, whose encoding is `factsBytes`. `decode` is called only when the
   * bytes differ from the last ones seen for this host; whatever it throws (a malformed reply) propagates, and
   * nothing is remembered then.
   */
  jsonOf(host: string, factsBytes: Uint8Array, decode: () => IHostFacts, shape: FactsShape = "detail"): string {
    return this.textOf(host, factsBytes, decode, shape).text;
  }

  /** The same as jsonOf, with its UTF-8 (FactsText). */
  textOf(host: string, factsBytes: Uint8Array, decode: () => IHostFacts, shape: FactsShape = "detail"): FactsText {
    const known = this.entries.get(host);
    if (known && known.bytes.equals(factsBytes)) return known[shape];
    const view = factsFromWire(decode());
    const json = JSON.stringify(view);
    // A copy: `factsBytes` may be a view into a larger socket buffer that must not be kept alive.
    const entry: Entry = { bytes: Buffer.from(factsBytes), detail: new FactsText(json.slice(1, -1)), rows: new FactsText(factsRowMembers(view)) };
    if (!known && this.entries.size >= this.maxHosts) this.entries.clear();
    this.entries.set(host, entry);
    return entry[shape];
  }
}
