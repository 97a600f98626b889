// The controller's check of agent signatures, with real ed25519 keys: a stable status answer (the same bytes each
// time) is checked once and believed after; anything else about it that differs is checked anew.
import { AGENT_HOST_HEADER, AGENT_SIGNATURE_HEADER, type AgentMessageKind, encode, signAgentMessage } from "@iisfleet/proto";
import { describe, expect, it } from "vitest";
import { keyring, web01, web02 } from "./support/agent-keys.js";


const headers = (host: string, signature: string) => {
  const h = new Map([
    [AGENT_HOST_HEADER, host],
    [AGENT_SIGNATURE_HEADER, signature],
  ]);
  return { get: (name: string) => h.get(name) ?? "" };
};
const sign = (key: typeof web01.privateKey, kind: AgentMessageKind, host: string, payload: Uint8Array) => signAgentMessage(key, kind, host, payload);
const answer = (host: string, farm = "shop") => encode.statusReport({ facts: { host, farm }, agentVersion: "1.0", instanceId: `i-${host}`, startedAtMs: 1_700_000_000_000 });

describe("AgentKeyring", () => {
  it("checks a repeated status answer's signature once and believes the same bytes and signature after", () => {
    const k = keyring();
    const payload = answer("web01");
    const sig = sign(web01.privateKey, "status", "web01", payload);
    for (let i = 0; i < 3; i++) expect(k.verify("status", Buffer.from(payload), headers("web01", sig))).toEqual({ ok: true, host: "web01" });
    expect(k.signatureChecks).toBe(1);
    // A summary and a detailed answer alternate: both stay believed.
    const other = answer("web01", "shop2");
    const otherSig = sign(web01.privateKey, "status", "web01", other);
    expect(k.verify("status", other, headers("web01", otherSig)).ok).toBe(true);
    expect(k.verify("status", payload, headers("web01", sig)).ok).toBe(true);
    expect(k.verify("status", other, headers("web01", otherSig)).ok).toBe(true);
    expect(k.signatureChecks).toBe(2);
  });

  it("refuses what differs from a believed answer in any way: bytes, signature, host or kind", () => {
    const k = keyring();
    const payload = answer("web01");
    const sig = sign(web01.privateKey, "status", "web01", payload);
    expect(k.verify("status", payload, headers("web01", sig)).ok).toBe(true);
    const altered = Buffer.from(payload);
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 1;
    expect(k.verify("status", altered, headers("web01", sig))).toEqual({ ok: false, reason: "bad-signature", host: "web01" });
    const forged = Buffer.from(Buffer.from(sig, "base64").map((b, i) => (i === 0 ? b ^ 1 : b))).toString("base64");
    expect(k.verify("status", payload, headers("web01", forged))).toEqual({ ok: false, reason: "bad-signature", host: "web01" });
    // web01's believed answer and signature, presented as web02's: checked against web02's key, and refused.
    expect(k.verify("status", payload, headers("web02", sig))).toEqual({ ok: false, reason: "bad-signature", host: "web02" });
    // The same bytes as a heartbeat: a status signature does not pass for one.
    expect(k.verify("heartbeat", payload, headers("web01", sig), "web01")).toEqual({ ok: false, reason: "bad-signature", host: "web01" });
    // Still believed as it was.
    expect(k.verify("status", payload, headers("web01", sig)).ok).toBe(true);
  });

  it("finds a believed answer again by its bytes alone, under the host it names, and only if that host's key signed it", () => {
    const k = keyring();
    const payload = answer("web01");
    expect(k.believedAnswer(payload)).toBeUndefined();
    expect(k.verify("status", payload, headers("web01", sign(web01.privateKey, "status", "web01", payload))).ok).toBe(true);
    expect(k.believedAnswer(Buffer.from(payload))).toBe("web01");
    const altered = Buffer.from(payload);
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 1;
    expect(k.believedAnswer(altered)).toBeUndefined();
    // web01's key signing an answer that names web02 (a stolen seed): verified as web01's, never found as web02's.
    const stolen = answer("web02");
    expect(k.verify("status", stolen, headers("web01", sign(web01.privateKey, "status", "web01", stolen))).ok).toBe(true);
    expect(k.believedAnswer(stolen)).toBeUndefined();
  });
});
