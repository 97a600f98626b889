// The agent's heartbeats as statement + beat (proto heartbeat-chain.ts): the statement is one object, signed once,
// until the facts, the counters or the chain change; each beat carries the next link, which hashes to the last.
import { createPublicKey } from "node:crypto";
import { nkeys } from "@nats-io/transport-node";
import {
  AGENT_SIGNATURE_HEADER,
  AGENT_SIGNED_LENGTH_HEADER,
  BEAT_CHAIN_LENGTH,
  agentPrivateKeyFromRaw,
  agentSignatureValid,
  answerDigest,
  beatFollows,
  decode,
  encodeHostFacts,
  readHeartbeatBeat,
} from "@iisfleet/proto";
import { describe, expect, it } from "vitest";
import { HeartbeatStatements } from "../src/transport/heartbeat-statement.js";
import { AgentMessageSigner } from "../src/transport/message-signer.js";

const identity = { agentVersion: "1.2.3", instanceId: "i-1", intervalMs: 10_000, startedAtMs: 1_700_000_000_000 };
const zero = { commandsReceived: 0, malformedReceived: 0, rejected: 0, natsReconnects: 0, resetsExecuted: 0 };

describe("HeartbeatStatements", () => {
  it("keeps one statement while nothing changes, and each beat's link hashes forward to the one before", () => {
    const hb = new HeartbeatStatements(identity, true);
    const facts = encodeHostFacts({ host: "web01", farm: "shop" });
    const first = hb.next(facts, { ...zero }, 1, 1_000);
    const whole = decode.heartbeat(first.payload);
    // Read as one Heartbeat (a controller without agent keys): everything, uptime by the start time.
    expect(whole.facts?.farm).toBe("shop");
    expect(Number(whole.seq)).toBe(1);
    expect(Number(whole.sentAtMs)).toBe(1_000);
    expect(Number(whole.startedAtMs)).toBe(identity.startedAtMs);
    expect(whole.beatAnchor.length).toBe(32);
    let link = Buffer.from(whole.beatAnchor);
    let previous = 0;
    for (let seq = 1; seq <= 45; seq++) {
      const { statement, payload } = hb.next(facts, { ...zero }, seq, 1_000 + seq);
      expect(statement).toBe(first.statement);
      const beat = readHeartbeatBeat(payload.subarray(statement.length));
      expect(beat.seq).toBe(seq);
      expect(beatFollows(beat.proof, seq - previous, link)).toBe(true);
      link = Buffer.from(beat.proof);
      previous = seq;
    }
    // New facts bytes or new counters: a new statement on the same chain.
    const moved = hb.next(encodeHostFacts({ host: "web01", farm: "shop2" }), { ...zero }, 46, 2_000);
    expect(moved.statement).not.toBe(first.statement);
    expect(decode.heartbeat(moved.statement).beatAnchor).toEqual(whole.beatAnchor);
    const counted = hb.next(encodeHostFacts({ host: "web01", farm: "shop2" }), { ...zero, rejected: 1 }, 47, 2_001);
    expect(counted.statement).not.toBe(moved.statement);
    expect(beatFollows(readHeartbeatBeat(counted.payload.subarray(counted.statement.length)).proof, 47 - previous, link)).toBe(true);
  });

  it("starts a new chain, in a new statement, once the last link is spent", () => {
    const hb = new HeartbeatStatements(identity, true);
    const facts = encodeHostFacts({ host: "web01" });
    const first = hb.next(facts, { ...zero }, 1, 0);
    const last = hb.next(facts, { ...zero }, BEAT_CHAIN_LENGTH, 0);
    expect(last.statement).toBe(first.statement);
    const next = hb.next(facts, { ...zero }, BEAT_CHAIN_LENGTH + 1, 0);
    expect(next.statement).not.toBe(first.statement);
    const restated = decode.heartbeat(next.statement);
    expect(Number(restated.seq)).toBe(BEAT_CHAIN_LENGTH);
    const beat = readHeartbeatBeat(next.payload.subarray(next.statement.length));
    expect(beatFollows(beat.proof, 1, Buffer.from(restated.beatAnchor))).toBe(true);
  });

  it("vouches for the stable answers it is given by their digests, in a statement signed with them", () => {
    const hb = new HeartbeatStatements(identity, true);
    const answers = [Uint8Array.of(1, 2, 3), Uint8Array.of(4, 5)];
    const { statement } = hb.next(encodeHostFacts({ host: "web01" }), { ...zero }, 1, 0, () => answers);
    expect(decode.heartbeat(statement).answerDigests.map((d) => Buffer.from(d).toString("hex"))).toEqual(answers.map((a) => answerDigest(a).toString("hex")));
    // The same facts bytes in a new buffer: the same statement, not a new signature.
    expect(hb.next(encodeHostFacts({ host: "web01" }), { ...zero }, 2, 0, () => answers).statement).toBe(statement);
  });

  it("without a signer sends no chain, only the seq and send time after the statement", () => {
    const hb = new HeartbeatStatements(identity, false);
    const { statement, payload } = hb.next(encodeHostFacts({ host: "web01" }), { ...zero }, 7, 5);
    expect(decode.heartbeat(statement).beatAnchor.length).toBe(0);
    expect(readHeartbeatBeat(payload.subarray(statement.length))).toMatchObject({ seq: 7, sentAtMs: 5, proof: new Uint8Array(0) });
  });

  it("signs a statement once, over its bytes alone, and says how long it is", () => {
    const pair = nkeys.createUser();
    const signer = AgentMessageSigner.fromNkeySeed("web01", pair.getSeed());
    const key = createPublicKey(agentPrivateKeyFromRaw((pair as unknown as { getRawSeed(): Uint8Array }).getRawSeed()));
    const hb = new HeartbeatStatements(identity, true);
    const facts = encodeHostFacts({ host: "web01" });
    const a = hb.next(facts, { ...zero }, 1, 0);
    const b = hb.next(facts, { ...zero }, 2, 0);
    const h = signer.statementHeaders(a.statement);
    expect(signer.statementHeaders(b.statement)).toBe(h);
    expect(h.get(AGENT_SIGNED_LENGTH_HEADER)).toBe(String(a.statement.length));
    expect(agentSignatureValid(key, "heartbeat", "web01", a.statement, h.get(AGENT_SIGNATURE_HEADER))).toBe(true);
    expect(agentSignatureValid(key, "heartbeat", "web01", b.payload, h.get(AGENT_SIGNATURE_HEADER))).toBe(false);
  });
});
