// The live answer's JSON is written from text made as each reply arrived (PreparedAnswer, FactsJsonCache). Here
// random fleets are answered and serialized both ways — the prepared text, and JSON.stringify of the plain objects
// the answer was built from before (decoded anew from the reply bytes) — and the two must be the same bytes.
import { type IHostFacts, decode, encode, v1 } from "@iisfleet/proto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StreamedJson } from "../src/api/json-stream.js";
import { AnswerJsonCache } from "../src/fleet/answer-json-cache.js";
import { FactsJsonCache } from "../src/fleet/facts-json-cache.js";
import { factsFromWire } from "../src/fleet/facts.js";
import { type AnsweredHost, type Gather, type LiveStatusAnswer, runLiveQuery } from "../src/fleet/live-query.js";
import { FleetRegistry } from "../src/fleet/registry.js";
import { Store } from "../src/store/index.js";

/** mulberry32: a small seeded generator, so a failure names the seed that reproduces it. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

const NASTY = ["", "W3SVC", 'q"uote', "back\\slash", "tab\there", "new\nline", "ünïcödé", "日本語", "emoji 🚀", "\u0000nul", "\u2028sep", "</script>"];
const TAG_KEYS = ["dc", "role", "__proto__", "1", "10", "0", "b", "a", "constructor", "toString"];

function randomFacts(r: Rng, host: string): IHostFacts {
  const tags: Record<string, string> = {};
  for (let i = r.int(4); i > 0; i--) Object.defineProperty(tags, r.pick(TAG_KEYS), { value: r.pick(NASTY), enumerable: true, writable: true, configurable: true });
  const facts: IHostFacts = {
    host,
    farm: r.pick(["", "shop", "api", 'f"arm']),
    tags,
    iisGeneration: r.int(4),
    services: Array.from({ length: r.int(5) }, () => ({ name: r.pick(NASTY), state: r.pick([0, 1, 2, 3, 4, 5, 6, 7, 100, 42]) as v1.ServiceState /* 42: a state this controller does not know */, pid: r.int(70_000) })),
    appPools: Array.from({ length: r.int(4) }, () => ({ name: r.pick(NASTY), started: r.next() < 0.5, workerPids: Array.from({ length: r.int(3) }, () => r.int(70_000)) })),
    cordoned: r.next() < 0.3,
    cordonReason: r.pick(NASTY),
    busyCommandId: r.pick(["", "c-1", 'c"2']),
    adapter: r.pick(["simulated", "windows", ""]),
    health: r.int(4),
  };
  if (r.next() < 0.6) {
    facts.lastReset = { commandId: r.pick(["", "c-9", "c-ü"]), outcome: r.int(7), code: r.pick(NASTY), finishedAtMs: r.int(2 ** 40) };
  }
  return facts;
}

/** JSON.stringify of the answer with every answered host as the plain object the API wrote before. */
function oracle(a: LiveStatusAnswer, bytesOf: Map<string, Uint8Array>, detail: boolean): string {
  const plain = (h: AnsweredHost) => {
    const meta = { host: h.host, farm: h.farm, instanceIds: h.instanceIds, duplicate: h.duplicate, agentVersion: h.agentVersion, uptimeMs: h.uptimeMs, replyMs: h.replyMs };
    if (!detail) return meta;
    const { farm: _farm, ...rest } = meta;
    return { ...rest, ...factsFromWire(decode.statusReport(bytesOf.get(h.host) as Uint8Array).facts ?? {}) };
  };
  return JSON.stringify({ ...a, answered: a.answered.map(plain), unknown: a.unknown.map(plain) });
}

const streamed = (a: LiveStatusAnswer) => [...new StreamedJson(a, ["answered", "silent", "unknown"]).pieces()].join("");

let now = 9_000_000;
let store: Store;
let registry: FleetRegistry;
beforeEach(() => {
  store = Store.open(":memory:");
  registry = new FleetRegistry(store, { now: () => now });
});
afterEach(() => {
  registry.close();
  store.close();
});

describe("prepared live answers", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("write byte-identical JSON to the plain objects (seed %i)", async (seed) => {
    const r = rng(seed);
    const hosts = Array.from({ length: 25 }, (_, i) => `web${String(i).padStart(2, "0")}`);
    for (const h of hosts.slice(0, 20)) {
      registry.recordHeartbeat(v1.Heartbeat.create({ facts: randomFacts(r, h), instanceId: `i-${h}`, intervalMs: 1_000, agentVersion: "1.0" }), h);
    }
    const cache = new FactsJsonCache();
    const heads = new AnswerJsonCache();
    let factsOf = new Map(hosts.map((h) => [h, randomFacts(r, h)]));
    // Three rounds against one cache: cold, warm with the same facts, warm with some facts changed.
    for (let round = 0; round < 3; round++) {
      if (round === 2) factsOf = new Map([...factsOf].map(([h, f]) => [h, r.next() < 0.5 ? randomFacts(r, h) : f]));
      for (const detail of [true, false]) {
        const bytesOf = new Map<string, Uint8Array>();
        const gather: Gather = async (request, _t, onReply) => {
          const { requestId } = v1.StatusRequest.decode(request);
          for (const h of hosts) {
            if (r.next() < 0.15) continue; // silent
            const bytes = encode.statusReport({
              // A brief answer from a current agent names no request (it arrives on the question's own inbox).
              requestId: !detail && r.next() < 0.5 ? "" : requestId,
              facts: factsOf.get(h),
              instanceId: r.next() < 0.1 ? `k-${h}` : `i-${h}`, // now and then another instance (a restart)
              agentVersion: r.pick(["1.0", 'v"2', "ü"]),
              uptimeMs: r.int(2 ** 40),
            });
            bytesOf.set(h, bytes);
            onReply(bytes);
            if (r.next() < 0.1) onReply(encode.statusReport({ requestId, facts: factsOf.get(h), instanceId: `j-${h}` })); // a duplicate
          }
          return { end: "deadline", replies: hosts.length, connectedAtStart: true, interrupted: false };
        };
        const a = await runLiveQuery(registry, gather, { tags: {}, hosts: [] }, { timeoutMs: 10, detail, factsJson: cache, answerJson: heads });
        expect(a.answered.length + a.unknown.length).toBeGreaterThan(0);
        expect(streamed(a)).toBe(oracle(a, bytesOf, detail));
        // And as bytes (what the API writes), in chunks small enough that hosts straddle them.
        expect(Buffer.concat([...new StreamedJson(a, ["answered", "silent", "unknown"]).chunks(300)]).toString("utf8")).toBe(oracle(a, bytesOf, detail));
        // Any other JSON.stringify of the answer gives the same text too.
        expect(JSON.stringify(a)).toBe(streamed(a));
      }
    }
  });

  it("reads a report whose facts come in two fields (protobuf merges them) as the decoder does", async () => {
    registry.recordHeartbeat(v1.Heartbeat.create({ facts: { host: "web01", farm: "shop" }, instanceId: "i", intervalMs: 1_000 }), "web01");
    const cache = new FactsJsonCache();
    for (const round of [1, 2]) {
      let bytes = new Uint8Array();
      const gather: Gather = async (request, _t, onReply) => {
        const { requestId } = v1.StatusRequest.decode(request);
        const first = encode.statusReport({ requestId, facts: { host: "web01", farm: "shop" }, instanceId: "i" });
        bytes = Uint8Array.from([...first, ...encode.statusReport({ facts: { cordoned: true, cordonReason: `round ${round}` } })]);
        onReply(bytes);
        return { end: "complete", replies: 1, connectedAtStart: true, interrupted: false };
      };
      const a = await runLiveQuery(registry, gather, { tags: {}, hosts: [] }, { timeoutMs: 10, detail: true, factsJson: cache });
      expect(streamed(a)).toBe(oracle(a, new Map([["web01", bytes]]), true));
      expect(JSON.parse(streamed(a)).answered[0]).toMatchObject({ cordoned: true, cordonReason: `round ${round}` });
    }
  });
});

describe("FactsJsonCache", () => {
  const facts = (reason: string): IHostFacts => ({ host: "web01", farm: "shop", cordoned: true, cordonReason: reason });
  const bytes = (f: IHostFacts) => v1.HostFacts.encode(f).finish();

  it("decodes only when a host's facts bytes changed", () => {
    const cache = new FactsJsonCache();
    let decodes = 0;
    const decodeOf = (f: IHostFacts) => () => (decodes++, v1.HostFacts.decode(bytes(f)));
    const first = cache.jsonOf("web01", bytes(facts("a")), decodeOf(facts("a")));
    expect(first).toBe(JSON.stringify(factsFromWire(facts("a"))).slice(1, -1));
    expect(cache.jsonOf("web01", bytes(facts("a")), decodeOf(facts("a")))).toBe(first);
    expect(decodes).toBe(1);
    const changed = cache.jsonOf("web01", bytes(facts("b")), decodeOf(facts("b")));
    expect(decodes).toBe(2);
    expect(JSON.parse(`{${changed}}`)).toMatchObject({ cordonReason: "b" });
    // The same bytes from another host are that host's own entry.
    cache.jsonOf("web02", bytes(facts("b")), decodeOf(facts("b")));
    expect(decodes).toBe(3);
  });

  it("remembers nothing when the decode throws, and the next good reply is decoded", () => {
    const cache = new FactsJsonCache();
    const garbled = Uint8Array.from([0xff, 0xff]);
    expect(() => cache.jsonOf("web01", garbled, () => v1.HostFacts.decode(garbled))).toThrow();
    expect(cache.size).toBe(0);
    expect(() => cache.jsonOf("web01", garbled, () => v1.HostFacts.decode(garbled))).toThrow();
    expect(cache.jsonOf("web01", bytes(facts("a")), () => facts("a"))).toContain('"cordonReason":"a"');
  });

  it("starts over past its size limit instead of growing", () => {
    const cache = new FactsJsonCache(3);
    for (const h of ["a1", "a2", "a3"]) cache.jsonOf(h, bytes(facts(h)), () => facts(h));
    expect(cache.size).toBe(3);
    cache.jsonOf("a1", bytes(facts("a1-new")), () => facts("a1-new")); // a known host: replaced, no growth
    expect(cache.size).toBe(3);
    cache.jsonOf("a4", bytes(facts("a4")), () => facts("a4"));
    expect(cache.size).toBe(1);
  });

  it("keeps a copy of the bytes, not a view into the caller's buffer", () => {
    const cache = new FactsJsonCache();
    const socket = Uint8Array.from(bytes(facts("a")));
    cache.jsonOf("web01", socket, () => facts("a"));
    socket.fill(0); // the socket buffer is reused for the next message
    let decoded = false;
    cache.jsonOf("web01", bytes(facts("a")), () => ((decoded = true), facts("a")));
    expect(decoded).toBe(false);
  });
});
