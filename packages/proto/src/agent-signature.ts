import { type KeyObject, createPrivateKey, createPublicKey, sign, verify } from "node:crypto";

/**
 * Agent message signatures: the other direction of trust. Every message an agent sends (heartbeats, progress events
 * and refusals, command results, status answers) may carry an ed25519 signature by that agent's own key — the key
 * of its NATS nkey, which is an ed25519 key — in a NATS header, over exactly these bytes:
 *
 *   "iisfleet.v1 agent " + kind + " " + host + "\n" + payload
 *
 * The payload is the message's bytes as sent, never a re-encoding; `kind` keeps a signed heartbeat from passing as a
 * result, and `host` binds the signature to the host the agent speaks for, which the controller checks against the
 * subject and the payload. The payload itself is untouched, so the pre-encoded status answers (peek.ts) stay as
 * they are: signing adds a header, not a re-encoding.
 */
export type AgentMessageKind = "heartbeat" | "event" | "result" | "status";

/** The signature, base64. */
export const AGENT_SIGNATURE_HEADER = "Iisfleet-Agent-Sig";
/** The host the agent signed for: what the controller looks its key up by. */
export const AGENT_HOST_HEADER = "Iisfleet-Agent-Host";

// DER prefixes that turn a raw 32-byte ed25519 seed or public key into PKCS#8 / SPKI (RFC 8410).
const PKCS8_ED25519 = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_ED25519 = Buffer.from("302a300506032b6570032100", "hex");

export class AgentKeyError extends Error {
  readonly code = "INVALID_AGENT_KEY";
}

/** An ed25519 private key from its raw 32-byte seed (what an nkey seed decodes to). */
export function agentPrivateKeyFromRaw(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new AgentKeyError(`An ed25519 seed has 32 bytes, not ${seed.length}.`);
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: "der", type: "pkcs8" });
}

/** An ed25519 public key from its raw 32 bytes (what a public nkey "U..." decodes to). */
export function agentPublicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new AgentKeyError(`An ed25519 public key has 32 bytes, not ${raw.length}.`);
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519, raw]), format: "der", type: "spki" });
}

function signedBytes(kind: AgentMessageKind, host: string, payload: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`iisfleet.v1 agent ${kind} ${host}\n`, "latin1"), payload]);
}

export function signAgentMessage(key: KeyObject, kind: AgentMessageKind, host: string, payload: Uint8Array): string {
  return sign(null, signedBytes(kind, host, payload), key).toString("base64");
}

/** Whether `signature` (base64, as in the header) is `key`'s over this message. Never throws on garbage input. */
export function agentSignatureValid(key: KeyObject, kind: AgentMessageKind, host: string, payload: Uint8Array, signature: string): boolean {
  const sig = Buffer.from(signature, "base64");
  if (sig.length !== 64) return false;
  try {
    return verify(null, signedBytes(kind, host, payload), key, sig);
  } catch {
    return false;
  }
}
