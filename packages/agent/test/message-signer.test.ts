// The agent's signer: a stable status answer (the same object until it changes) is signed once, even when the brief
// and the detailed answer alternate, as a controller's summary and detailed questions do.
import { nkeys } from "@nats-io/transport-node";
import { AGENT_SIGNATURE_HEADER, agentPrivateKeyFromRaw, agentSignatureValid, encode } from "@iisfleet/proto";
import { createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AgentMessageSigner } from "../src/transport/message-signer.js";

const report = (farm: string) => encode.statusReport({ facts: { host: "web01", farm }, agentVersion: "1", instanceId: "i", startedAtMs: 1_700_000_000_000 });

describe("AgentMessageSigner", () => {
  it("signs an alternating brief and detailed stable answer once each (by bytes), and a heartbeat every time", () => {
    const pair = nkeys.createUser();
    const signer = AgentMessageSigner.fromNkeySeed("web01", pair.getSeed());
    const key = createPublicKey(agentPrivateKeyFromRaw((pair as unknown as { getRawSeed(): Uint8Array }).getRawSeed()));
    const brief = report("shop");
    const detailed = report("shop-detailed");
    const first = [signer.headers("status", brief), signer.headers("status", detailed)];
    for (let i = 0; i < 3; i++) {
      expect(signer.headers("status", brief)).toBe(first[0]);
      expect(signer.headers("status", detailed)).toBe(first[1]);
    }
    expect(agentSignatureValid(key, "status", "web01", brief, first[0]?.get(AGENT_SIGNATURE_HEADER) ?? "")).toBe(true);
    expect(agentSignatureValid(key, "status", "web01", detailed, first[1]?.get(AGENT_SIGNATURE_HEADER) ?? "")).toBe(true);
    // Equal bytes in another object (facts collected anew) reuse the signature; other bytes and any heartbeat do not.
    expect(signer.headers("status", Uint8Array.from(brief))).toBe(first[0]);
    expect(signer.headers("status", report("shop3"))).not.toBe(first[0]);
    expect(signer.headers("heartbeat", brief)).not.toBe(signer.headers("heartbeat", brief));
    // The public nkey is derived when asked for, and is the seed's.
    expect(signer.publicKey).toBe(pair.getPublicKey());
  });
});
