// Heartbeats believed by a hash-chain link instead of a signature each (proto heartbeat-chain.ts), checked by the
// real AgentKeyring with real ed25519 keys: a statement's signature is checked once; a beat must come later than
// the last one believed and carry the link that hashes forward to it. Forged, replayed and spliced beats are refused.
import {
  AGENT_HOST_HEADER,
  AGENT_SIGNATURE_HEADER,
  AGENT_SIGNED_LENGTH_HEADER,
  BEAT_CHAIN_LENGTH,
  BeatChain,
  MalformedPayloadError,
  answerDigest,
  encode,
  encodeHeartbeatBeat,
  encodeHeartbeatStatement,
  encodeHostFacts,
  signAgentMessage,
  v1,
} from "@iisfleet/proto";
import { describe, expect, it } from "vitest";
import type { AgentKeyring } from "../src/keys/agent-keyring.js";
import { keyring, web01, web02 } from "./support/agent-keys.js";

const STARTED = 1_700_000_000_000;
const counters = { commandsReceived: 0, malformedReceived: 0, rejected: 0, natsReconnects: 0, resetsExecuted: 0 };

/** One agent instance's heartbeats, built as the agent builds them: a statement signed once per change, and beats. */
function agent(host: string, key = host === "web01" ? web01.privateKey : web02.privateKey, instanceId = `i-${host}`, startSeq = 0, answers: Uint8Array[] = []) {
  let chain = new BeatChain(startSeq);
  let farm = "shop";
  let statement: Uint8Array = new Uint8Array(0);
  let signature = "";
  const restate = () => {
    statement = encodeHeartbeatStatement(
      { agentVersion: "1.0", instanceId, intervalMs: 10_000, startedAtMs: STARTED, counters, seq: chain.startSeq, beatAnchor: chain.anchor, answerDigests: answers.map(answerDigest) },
      encodeHostFacts({ host, farm, adapter: "simulated" }),
    );
    signature = signAgentMessage(key, "heartbeat", host, statement);
  };
  restate();
  const message = (seq: number, opts: { proof?: Uint8Array; statement?: Uint8Array; signature?: string } = {}) => {
    const s = opts.statement ?? statement;
    const beat = encodeHeartbeatBeat({ seq, sentAtMs: STARTED + seq * 10_000, proof: opts.proof ?? chain.link(seq) });
    const h = new Map([
      [AGENT_HOST_HEADER, host],
      [AGENT_SIGNATURE_HEADER, opts.signature ?? signature],
      [AGENT_SIGNED_LENGTH_HEADER, String(s.length)],
    ]);
    return { payload: Buffer.concat([s, beat]), headers: { get: (name: string) => h.get(name) ?? "" } };
  };
  return {
    message,
    get statement() {
      return statement;
    },
    get signature() {
      return signature;
    },
    moveTo(newFarm: string) {
      farm = newFarm;
      restate();
    },
    newChain(from: number) {
      chain = new BeatChain(from);
      restate();
    },
  };
}

const check = (k: AgentKeyring, m: { payload: Uint8Array; headers: { get(name: string): string } }, host = "web01") => k.verifyHeartbeat(m.payload, m.headers, host);

describe("heartbeats proved by a hash chain", () => {
  it("checks a statement's signature once, then believes each later beat by its link alone", () => {
    const k = keyring();
    const a = agent("web01");
    for (let seq = 1; seq <= 20; seq++) {
      const v = check(k, a.message(seq));
      expect(v.ok).toBe(true);
      if (!v.ok) return;
      expect(v.heartbeat.seq).toBe(seq);
      expect(v.heartbeat.sentAtMs).toBe(STARTED + seq * 10_000);
      expect(v.heartbeat.facts?.farm).toBe("shop");
      expect(v.heartbeat.startedAtMs).toBe(STARTED);
    }
    expect(k.signatureChecks).toBe(1);
    // Lost beats in between: a link three on still hashes forward to the last one believed.
    expect(check(k, a.message(23)).ok).toBe(true);
    expect(k.signatureChecks).toBe(1);
  });

  it("refuses a forged heartbeat that repeats the believed statement and signature with a later seq, and stays where it was", () => {
    const k = keyring();
    const a = agent("web01");
    expect(check(k, a.message(1)).ok).toBe(true);
    const forged = Buffer.alloc(32, 7);
    expect(check(k, a.message(2, { proof: forged }))).toEqual({ ok: false, reason: "bad-beat-proof", host: "web01" });
    // A link of the chain, but not the one for that seq (the anchor side: already revealed or later).
    expect(check(k, a.message(3, { proof: agent("web01").message(3).payload.subarray(-32) }))).toEqual({ ok: false, reason: "bad-beat-proof", host: "web01" });
    // No link at all.
    const bare = a.message(2);
    const noProof = Buffer.concat([a.statement, encodeHeartbeatBeat({ seq: 2, sentAtMs: 1 })]);
    expect(k.verifyHeartbeat(noProof, bare.headers, "web01")).toEqual({ ok: false, reason: "bad-beat-proof", host: "web01" });
    // The genuine beat 2 still passes: nothing forged moved the chain on.
    expect(check(k, a.message(2)).ok).toBe(true);
  });

  it("refuses a replayed beat and an earlier one", () => {
    const k = keyring();
    const a = agent("web01");
    const first = a.message(1);
    const second = a.message(2);
    expect(check(k, first).ok).toBe(true);
    expect(check(k, second).ok).toBe(true);
    expect(check(k, second)).toEqual({ ok: false, reason: "replayed-beat", host: "web01" });
    expect(check(k, first)).toEqual({ ok: false, reason: "replayed-beat", host: "web01" });
    // To a controller that never saw them, the same bytes are news (a restarted controller starts from scratch).
    expect(check(keyring(), second).ok).toBe(true);
  });

  it("refuses a seq beyond the chain without hashing its way there", () => {
    const k = keyring();
    const a = agent("web01");
    expect(check(k, a.message(1)).ok).toBe(true);
    const far = a.message(2, { proof: Buffer.alloc(32, 1) });
    const beyond = Buffer.concat([a.statement, encodeHeartbeatBeat({ seq: 10_000_000, sentAtMs: 1, proof: Buffer.alloc(32, 1) })]);
    const t0 = performance.now();
    expect(k.verifyHeartbeat(beyond, far.headers, "web01")).toEqual({ ok: false, reason: "bad-beat-proof", host: "web01" });
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(BEAT_CHAIN_LENGTH).toBeLessThan(10_000_000);
  });

  it("refuses anything after the signed statement but a seq, a send time and a link: facts there would be merged over the signed ones", () => {
    const k = keyring();
    const a = agent("web01");
    const genuine = a.message(1);
    const beat = genuine.payload.subarray(a.statement.length);
    const smuggled = v1.Heartbeat.encode({ facts: { host: "web01", farm: "evil" } }).finish();
    expect(() => k.verifyHeartbeat(Buffer.concat([a.statement, beat, smuggled]), genuine.headers, "web01")).toThrow(MalformedPayloadError);
    const twice = encodeHeartbeatBeat({ seq: 1, sentAtMs: 1 });
    expect(() => k.verifyHeartbeat(Buffer.concat([a.statement, beat, twice]), genuine.headers, "web01")).toThrow(MalformedPayloadError);
    // A signed length that does not fit.
    const h = (len: string) => ({ get: (name: string) => (name === AGENT_SIGNED_LENGTH_HEADER ? len : genuine.headers.get(name)) });
    for (const len of ["0", "-1", "abc", String(genuine.payload.length + 1)]) {
      expect(() => k.verifyHeartbeat(genuine.payload, h(len), "web01")).toThrow(MalformedPayloadError);
    }
    // None of it was believed: the genuine beat is still news.
    expect(check(k, genuine).ok).toBe(true);
  });

  it("checks a new statement's signature once (new facts on the same chain) and refuses a statement signed by another key", () => {
    const k = keyring();
    const a = agent("web01");
    expect(check(k, a.message(1)).ok).toBe(true);
    a.moveTo("shop2");
    const moved = check(k, a.message(2));
    expect(moved.ok && moved.heartbeat.facts?.farm).toBe("shop2");
    expect(k.signatureChecks).toBe(2);
    expect(check(k, a.message(3)).ok).toBe(true);
    expect(k.signatureChecks).toBe(2);
    // The same chain, so the beats already spent stay spent.
    expect(check(k, a.message(2))).toEqual({ ok: false, reason: "replayed-beat", host: "web01" });
    // web02's key signing web01's statement; and web01's statement and signature on web02's subject.
    const other = agent("web01", web02.privateKey, "i-web01");
    expect(check(k, other.message(4))).toEqual({ ok: false, reason: "bad-signature", host: "web01" });
    const m = a.message(4);
    const asWeb02 = { payload: m.payload, headers: { get: (name: string) => (name === AGENT_HOST_HEADER ? "web02" : m.headers.get(name)) } };
    expect(check(k, asWeb02, "web02")).toEqual({ ok: false, reason: "bad-signature", host: "web02" });
    // Unsigned, or signed for another host than the subject's: as for every other agent message.
    const unsigned = { payload: m.payload, headers: { get: (name: string) => (name === AGENT_SIGNATURE_HEADER ? "" : m.headers.get(name)) } };
    expect(check(k, unsigned)).toEqual({ ok: false, reason: "unsigned", host: "web01" });
    expect(check(k, m, "web02")).toEqual({ ok: false, reason: "host-mismatch", host: "web02" });
    expect(check(k, m).ok).toBe(true);
  });

  it("refuses an older chain of the same agent instance, replayed with its beats, once a newer one was believed", () => {
    const k = keyring();
    const a = agent("web01");
    const oldBeats = [1, 2, 3].map((seq) => a.message(seq));
    for (const m of oldBeats) expect(check(k, m).ok).toBe(true);
    a.newChain(3);
    expect(check(k, a.message(4)).ok).toBe(true);
    expect(check(k, a.message(5)).ok).toBe(true);
    // The old chain's statement is validly signed and its beat 3's link hashes to its anchor, but it is behind.
    for (const m of oldBeats) expect(check(k, m)).toEqual({ ok: false, reason: "replayed-beat", host: "web01" });
    expect(check(k, a.message(6)).ok).toBe(true);
  });

  it("keeps a restarted agent's chain apart from the instance before it", () => {
    const k = keyring();
    const before = agent("web01", web01.privateKey, "i-before");
    const after = agent("web01", web01.privateKey, "i-after");
    expect(check(k, before.message(1)).ok).toBe(true);
    expect(check(k, after.message(1)).ok).toBe(true);
    expect(check(k, before.message(2)).ok).toBe(true);
    expect(check(k, before.message(2))).toEqual({ ok: false, reason: "replayed-beat", host: "web01" });
    expect(check(k, after.message(2)).ok).toBe(true);
  });

  it("believes a status answer whose digest the believed statement carries without a signature check, and nothing else", () => {
    const k = keyring();
    const answerOf = (host: string, farm: string) => encode.statusReport({ facts: { host, farm }, agentVersion: "1.0", instanceId: `i-${host}`, startedAtMs: STARTED });
    const vouched = answerOf("web01", "shop");
    const a = agent("web01", web01.privateKey, "i-web01", 0, [vouched]);
    const sig = (payload: Uint8Array) => ({ get: (name: string) => (name === AGENT_HOST_HEADER ? "web01" : name === AGENT_SIGNATURE_HEADER ? "bm90IGEgc2lnbmF0dXJl" : "") });
    // Before any heartbeat is believed the answer's own signature is checked (and this one is no signature).
    expect(k.verify("status", vouched, sig(vouched))).toEqual({ ok: false, reason: "bad-signature", host: "web01" });
    expect(check(k, a.message(1)).ok).toBe(true);
    const checks = k.signatureChecks;
    expect(k.verify("status", vouched, sig(vouched))).toEqual({ ok: true, host: "web01" });
    expect(k.signatureChecks).toBe(checks);
    // Other bytes (another farm) are not vouched for: their signature is checked, and fails.
    const other = answerOf("web01", "evil");
    expect(k.verify("status", other, sig(other))).toEqual({ ok: false, reason: "bad-signature", host: "web01" });
    // web01's vouched answer, claimed by web02: nothing web02's agent stated vouches for it.
    const asWeb02 = { get: (name: string) => (name === AGENT_HOST_HEADER ? "web02" : sig(vouched).get(name)) };
    expect(k.verify("status", vouched, asWeb02)).toEqual({ ok: false, reason: "bad-signature", host: "web02" });
    // A statement that was not believed (its beat forged) vouches for nothing.
    const k2 = keyring();
    const b = agent("web01", web01.privateKey, "i-web01", 0, [vouched]);
    expect(check(k2, b.message(1, { proof: Buffer.alloc(32, 3) })).ok).toBe(false);
    expect(k2.verify("status", vouched, sig(vouched)).ok).toBe(false);
  });
});
