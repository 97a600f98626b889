import type { KeyObject } from "node:crypto";
import {
  AGENT_HOST_HEADER,
  AGENT_SIGNATURE_HEADER,
  AGENT_SIGNED_LENGTH_HEADER,
  type AgentMessageKind,
  type Heartbeat,
  BriefStatusReport,
  StatusReportEncoder,
  agentPublicKeyFromRaw,
  agentSignatureValid,
  answerDigest,
  decode,
  heartbeatFactsBytes,
  encodeUnchangedAnswer,
  statusReportLeadingHost,
} from "@iisfleet/proto";
import { HeartbeatBeliefs } from "./heartbeat-beliefs.js";
import { readNatsUsers } from "./key-store.js";

/**
 * Why an agent message was not believed; also the `reason` label of iisfleet_malformed_messages_total.
 * "replayed-beat": a heartbeat whose beat is not later than the last one believed (or whose chain is older);
 * "bad-beat-proof": a later beat whose chain link does not lead to the last one believed (heartbeat-beliefs.ts).
 */
export type UnverifiedReason = "unsigned" | "unknown-agent-key" | "bad-signature" | "host-mismatch" | "replayed-beat" | "bad-beat-proof";

/** How a status answer was believed (AgentKeyring.statusChecks). */
export type StatusAnswerCheck = "known" | "vouched" | "signature";

export type Verdict = { ok: true; host: string } | { ok: false; reason: UnverifiedReason; host: string };
export type HeartbeatVerdict = { ok: true; host: string; heartbeat: Heartbeat } | { ok: false; reason: UnverifiedReason; host: string };

/** What NATS gives us of a message's headers. */
export interface HeaderReader {
  get(name: string): string;
}

/**
 * The public key of every agent, by host name, from a keys dir (`nats/users.json` from `iisfleet keys`): what the
 * controller checks each agent message's signature against. An agent's nkey is an ed25519 key, so the public nkey
 * the NATS server authenticates it with is also the key its messages are signed with.
 */
export class AgentKeyring {
  /** ed25519 verifications done so far (a believed repeat of a status answer needs none). */
  signatureChecks = 0;
  /**
   * Status answers believed, by how: "known" (the same bytes believed before; believedAnswer finds them without the
   * NATS headers), "vouched" (their digest is in the agent's believed heartbeat statement), "signature" (ed25519).
   */
  readonly statusChecks: Record<StatusAnswerCheck, number> = { known: 0, vouched: 0, signature: 0 };
  /**
   * Per host, the last status answers whose signature checked out, as exactly their bytes and signature: a stable
   * answer (StatusRequest.stable) repeats byte for byte, and at 10 000 agents a check each time was most of a live
   * query's cost. Four per host: a summary and a detailed answer alternate, each full or unchanged.
   */
  private readonly believedStatus = new Map<string, BelievedAnswer[]>();

  private readonly heartbeats = new HeartbeatBeliefs((host, heartbeat, statement) => this.believeVouchedAnswers(host, heartbeat, statement));

  private constructor(private readonly keys: ReadonlyMap<string, KeyObject>) {}

  /** Throws KeysError when the listing is missing or invalid: a controller told to verify must not silently not. */
  static load(keysDir: string): AgentKeyring {
    const keys = new Map<string, KeyObject>();
    for (const user of readNatsUsers(keysDir)) {
      if (user.role !== "agent") continue;
      // readNatsUsers checked each key's checksum (nkeys fromPublic); nkeys.js has no call that returns its raw bytes.
      keys.set(user.name, agentPublicKeyFromRaw(rawPublicKey(user.publicKey)));
    }
    return new AgentKeyring(keys);
  }

  static of(keys: ReadonlyMap<string, KeyObject>): AgentKeyring {
    return new AgentKeyring(keys);
  }

  get size(): number {
    return this.keys.size;
  }

  /**
   * Whether `payload` was signed by the agent of `expectedHost` (the host of the subject it came on, or of the
   * command it answers); with no expected host (a status answer on the controller's inbox), by the agent it names.
   */
  verify(kind: AgentMessageKind, payload: Uint8Array, headers: HeaderReader | undefined, expectedHost?: string): Verdict {
    const signature = headers?.get(AGENT_SIGNATURE_HEADER) ?? "";
    const host = headers?.get(AGENT_HOST_HEADER) ?? "";
    const claimed = expectedHost ?? host;
    if (!signature || !host) return { ok: false, reason: "unsigned", host: claimed };
    if (expectedHost !== undefined && host !== expectedHost) return { ok: false, reason: "host-mismatch", host: claimed };
    const key = this.keys.get(host);
    if (!key) return { ok: false, reason: "unknown-agent-key", host };
    if (kind === "status" && this.believedBefore(host, payload, signature)) {
      this.statusChecks.known++;
      return { ok: true, host };
    }
    // An answer whose digest the agent's believed heartbeat statement carries is vouched for by that signature.
    if (kind === "status" && this.heartbeats.vouchesFor(host, payload)) {
      this.statusChecks.vouched++;
      this.believe(host, payload, signature);
      return { ok: true, host };
    }
    this.signatureChecks++;
    if (!agentSignatureValid(key, kind, host, payload, signature)) return { ok: false, reason: "bad-signature", host };
    if (kind === "status") {
      this.statusChecks.signature++;
      this.believe(host, payload, signature);
    }
    return { ok: true, host };
  }

  /**
   * Whether a heartbeat on `host`'s subject comes from that host's agent, and what it says. A heartbeat whose
   * signature covers a leading statement (Iisfleet-Agent-Signed-Length) has its statement's signature checked once
   * while the statement stays the same bytes, and each beat checked by its hash-chain link (heartbeat-beliefs.ts);
   * any other heartbeat has its signature checked over all its bytes. Throws MalformedPayloadError on a payload that
   * does not decode.
   */
  verifyHeartbeat(payload: Uint8Array, headers: HeaderReader | undefined, host: string): HeartbeatVerdict {
    const signedLength = headers?.get(AGENT_SIGNED_LENGTH_HEADER) ?? "";
    if (!signedLength) {
      const v = this.verify("heartbeat", payload, headers, host);
      return v.ok ? { ...v, heartbeat: decode.heartbeat(payload) } : v;
    }
    return this.heartbeats.believe(payload, signedLength, headers?.get(AGENT_SIGNATURE_HEADER) ?? "", host, (statement) => this.verify("heartbeat", statement, headers, host));
  }

  /**
   * The host whose agent gave exactly these status answer bytes before, as believed then (signature checked or
   * vouched for), read without the message's headers: the host is the one the answer names, and the bytes are
   * remembered under the host whose key signed them, so they only match if both agree. Undefined: check as usual.
   */
  believedAnswer(payload: Uint8Array): string | undefined {
    const host = statusReportLeadingHost(payload);
    const seen = host === undefined ? undefined : this.believedStatus.get(host);
    if (!seen) return undefined;
    for (const b of seen) {
      if (b.payload.length === payload.length && Buffer.compare(b.payload, payload) === 0) {
        this.statusChecks.known++;
        return host;
      }
    }
    return undefined;
  }

  /**
   * A believed heartbeat statement vouches for the agent's stable status answers by their digests; those answers
   * are made of what the statement says (its facts bytes, version, instance and start time), so they are built
   * here, the way the agent builds them, and believed when their digest is among the vouched ones. The first live
   * query after a controller start (or after an agent's facts change) then finds each answer by its bytes, as any
   * later one does, instead of reading its NATS headers and hashing it while the query waits. An answer built
   * otherwise (an agent of another version) simply matches no digest and is checked when it arrives, as before.
   */
  private believeVouchedAnswers(host: string, heartbeat: Heartbeat, statement: Uint8Array): void {
    const digests = heartbeat.answerDigests;
    const facts = heartbeat.facts;
    const factsBytes = heartbeatFactsBytes(statement);
    if (digests.length === 0 || !facts || !factsBytes || facts.host !== host) return;
    const startedAt = Number(heartbeat.startedAtMs);
    const answers = [
      new BriefStatusReport(host, facts.farm ?? "", heartbeat.agentVersion, heartbeat.instanceId).stable(startedAt),
      new StatusReportEncoder(heartbeat.agentVersion, heartbeat.instanceId).encodeStable(factsBytes, startedAt),
    ];
    const statementSeq = Number(heartbeat.seq);
    for (const answer of answers) {
      const digest = answerDigest(answer);
      // No signature of its own: found again by its bytes only (believedAnswer), never by a signature header.
      if (!digests.some((d) => digest.equals(d))) continue;
      this.believe(host, answer, "", digest);
      // The unchanged answer standing for it (StatusRequest.conditional), when the statement vouches for that too.
      const unchanged = encodeUnchangedAnswer(host, digest, statementSeq);
      const unchangedDigest = answerDigest(unchanged);
      if (digests.some((d) => unchangedDigest.equals(d))) this.believe(host, unchanged, "", unchangedDigest);
    }
  }

  /**
   * The answer believed from `host`'s agent whose SHA-256 is `digest`: what an unchanged answer (believed itself)
   * stands for. Undefined when this controller holds no such answer — its statement never reached this controller
   * (restarted, a missed heartbeat) or the agent restarted since: the caller asks that host again in full.
   */
  answerByDigest(host: string, digest: Uint8Array): Uint8Array | undefined {
    const seen = this.believedStatus.get(host);
    if (!seen) return undefined;
    for (const b of seen) if ((b.digest ??= answerDigest(b.payload)).equals(digest)) return b.payload;
    return undefined;
  }

  private believedBefore(host: string, payload: Uint8Array, signature: string): boolean {
    const seen = this.believedStatus.get(host);
    if (!seen) return false;
    for (const b of seen) if (b.signature === signature && Buffer.compare(b.payload, payload) === 0) return true;
    return false;
  }

  private believe(host: string, payload: Uint8Array, signature: string, digest?: Buffer): void {
    // A copy: NATS may reuse the buffer the payload lies in.
    const answer: BelievedAnswer = { payload: Buffer.from(payload), signature, ...(digest ? { digest } : {}) };
    const seen = this.believedStatus.get(host);
    if (!seen) this.believedStatus.set(host, [answer]);
    else if (seen.length < BELIEVED_PER_HOST) seen.unshift(answer);
    else {
      seen.pop();
      seen.unshift(answer);
    }
  }
}

interface BelievedAnswer {
  payload: Buffer;
  signature: string;
  /** Its SHA-256, once asked for (answerByDigest). */
  digest?: Buffer;
}

/** The brief and the detailed answer, each full and unchanged (StatusRequest.conditional). */
const BELIEVED_PER_HOST = 4;

/** The 32 raw bytes of a public nkey ("U..."): base32 without padding, a prefix byte first and a CRC-16 last. */
function rawPublicKey(nkey: string): Uint8Array {
  const bytes = base32Decode(nkey);
  if (bytes.length !== 35) throw new Error(`"${nkey}" is not a public nkey`);
  return bytes.subarray(1, 33);
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32Decode(text: string): Uint8Array {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const v = BASE32.indexOf(ch);
    if (v < 0) throw new Error(`"${ch}" is not base32`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}
