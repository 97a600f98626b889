import {
  BEAT_CHAIN_LENGTH,
  BEAT_LINK_BYTES,
  type Heartbeat,
  MalformedPayloadError,
  answerDigest,
  beatFollows,
  decode,
  readHeartbeatBeat,
} from "@iisfleet/proto";
import type { HeartbeatVerdict, Verdict } from "./agent-keyring.js";

/** One agent instance's statement, as believed, and how far along its hash chain it has beaten. */
interface Belief {
  instanceId: string;
  /** The statement's bytes (a copy) and signature, as checked. */
  statement: Buffer;
  signature: string;
  /** The statement, decoded once; each beat sets its seq and send time on it. */
  heartbeat: Heartbeat;
  /** The chain: its start (the statement's seq) and anchor, and the last beat believed and its link. */
  startSeq: number;
  anchor: Buffer;
  seq: number;
  link: Buffer;
}

/** Agent instances remembered per host: the current one and the one it replaced (a restart, or a duplicate). */
const INSTANCES_PER_HOST = 2;

/**
 * Heartbeats believed without an ed25519 verification each (proto heartbeat-chain.ts). At 10 000 agents a heartbeat
 * each 10 s, verifying every signature was most of the controller's CPU; but almost every heartbeat says what the
 * one before said. So a statement's signature is checked once, and while the same bytes come with the same
 * signature only the beat is checked: its seq must be later than the last one believed from that agent instance and
 * its link must hash forward to the last one's link — which only the agent that signed the chain's anchor can give.
 * Nothing that was not proved this way changes what the controller believes: a forged beat (a later seq with any
 * other link), a replayed one (the same or an earlier seq) and an older chain of the same instance are refused.
 */
export class HeartbeatBeliefs {
  private readonly byHost = new Map<string, Belief[]>();

  /**
   * `onStatement`: called once a new statement of `host`'s agent is believed (its signature checked and its first
   * beat proved), with the statement's bytes and decoding, to read anything it vouches for.
   */
  constructor(private readonly onStatement?: (host: string, heartbeat: Heartbeat, statement: Uint8Array) => void) {}

  /**
   * `payload` is statement + beat; `signedLength` the header saying where the statement ends; `signature` its
   * header; `verifyStatement` the full check of the statement's signature (which also says why one fails).
   */
  believe(payload: Uint8Array, signedLength: string, signature: string, host: string, verifyStatement: (statement: Uint8Array) => Verdict): HeartbeatVerdict {
    const n = /^[1-9]\d{0,6}$/.test(signedLength) ? Number(signedLength) : -1;
    if (n < 0 || n > payload.length) {
      throw new MalformedPayloadError("Heartbeat", `the signed length "${signedLength.slice(0, 20)}" does not fit its ${payload.length} bytes`, payload.length);
    }
    const statement = payload.subarray(0, n);
    const beat = readHeartbeatBeat(payload.subarray(n));
    const beliefs = this.byHost.get(host);
    let belief = beliefs?.find((b) => b.signature === signature && b.statement.equals(statement));
    let candidate: Belief | undefined;
    if (!belief) {
      const v = verifyStatement(statement);
      if (!v.ok) return v;
      const heartbeat = decode.heartbeat(statement);
      const anchor = heartbeat.beatAnchor;
      if (anchor.length !== BEAT_LINK_BYTES) {
        throw new MalformedPayloadError("Heartbeat", "a statement signed on its own carries no chain anchor", payload.length);
      }
      const startSeq = Number(heartbeat.seq);
      const known = beliefs?.find((b) => b.instanceId === heartbeat.instanceId);
      if (known && known.anchor.equals(anchor)) {
        // New facts (or counters) on the same chain: the beats go on where they were.
        candidate = { ...known, statement: Buffer.from(statement), signature, heartbeat };
      } else {
        // A new chain of a known instance starts where the last one stopped, never before: else an old chain's
        // statement and beats, replayed, would pass again.
        if (known && startSeq < known.seq) return { ok: false, reason: "replayed-beat", host };
        candidate = { instanceId: heartbeat.instanceId, statement: Buffer.from(statement), signature, heartbeat, startSeq, anchor: Buffer.from(anchor), seq: startSeq, link: Buffer.from(anchor) };
      }
      belief = candidate;
    }
    const steps = beat.seq - belief.seq;
    if (steps < 1) return { ok: false, reason: "replayed-beat", host };
    // A chain has so many links; a seq further on is no beat of it (and would cost a hash per step to check).
    if (beat.seq > belief.startSeq + BEAT_CHAIN_LENGTH || !beatFollows(beat.proof, steps, belief.link)) return { ok: false, reason: "bad-beat-proof", host };
    belief.seq = beat.seq;
    belief.link = Buffer.from(beat.proof);
    if (candidate) {
      this.remember(host, candidate);
      this.onStatement?.(host, candidate.heartbeat, candidate.statement);
    }
    const heartbeat = belief.heartbeat;
    heartbeat.seq = beat.seq;
    heartbeat.sentAtMs = beat.sentAtMs;
    return { ok: true, host, heartbeat };
  }

  /**
   * Whether a believed statement of `host`'s agent carries this status answer's digest (answer_digests): then the
   * statement's signature vouches for these bytes, and they need no signature check of their own.
   */
  vouchesFor(host: string, answer: Uint8Array): boolean {
    const beliefs = this.byHost.get(host);
    if (!beliefs?.some((b) => b.heartbeat.answerDigests.length > 0)) return false;
    const digest = answerDigest(answer);
    return beliefs.some((b) => b.heartbeat.answerDigests.some((d) => digest.equals(d)));
  }

  private remember(host: string, belief: Belief): void {
    const others = (this.byHost.get(host) ?? []).filter((b) => b.instanceId !== belief.instanceId);
    this.byHost.set(host, [belief, ...others].slice(0, INSTANCES_PER_HOST));
  }
}
