import { hash, randomBytes, timingSafeEqual } from "node:crypto";
import $protobuf from "protobufjs/minimal.js";
import { MalformedPayloadError } from "./codec.js";
import { encodeHeartbeatWithFacts } from "./report.js";
import { v1 } from "./wire.js";

/**
 * Heartbeats that are proved fresh without a signature each. A heartbeat is a *statement* — facts, version,
 * instance, period, counters, start time and the anchor of a hash chain: the same bytes while nothing about the host
 * changes — followed by a *beat*: its seq, send time and one link of that chain. Protobuf merges the two into one
 * Heartbeat, so a reader that does not verify decodes the whole payload as before.
 *
 * With an agent key the agent signs the statement only, once per change (ed25519, agent-signature.ts), and says how
 * many leading bytes the signature covers in the Iisfleet-Agent-Signed-Length header. Each beat reveals the chain's
 * next link backwards: link(seq) is SHA-256 of link(seq + 1), the statement's anchor is the link at the statement's
 * seq. Only the agent knows the links before the last one revealed, so a beat with a later seq whose link hashes
 * forward to the last accepted one can only come from the agent that signed the anchor — at the cost of a hash or
 * two instead of an ed25519 verification; and a beat already seen, or any earlier one, is refused (replay).
 */

/** How many leading payload bytes the agent's signature covers (the statement); absent: all of them. */
export const AGENT_SIGNED_LENGTH_HEADER = "Iisfleet-Agent-Signed-Length";
/** Bytes of a chain link (SHA-256). */
export const BEAT_LINK_BYTES = 32;
/** Beats per chain: an hour at the default 10 s period; then a new chain, in a new statement, signed once. */
export const BEAT_CHAIN_LENGTH = 360;
/** Links kept per checkpoint: the agent stores every 20th and rebuilds the 20 it is walking through. */
const SEGMENT = 20;

/** One-shot (Node 20.12+): half the cost of a createHash object per link, at 1 000 beats a second. */
function sha256(bytes: Uint8Array): Buffer {
  return hash("sha256", bytes, "buffer");
}

/**
 * The digest a statement carries for each stable status answer the agent gives while it holds (answer_digests): a
 * controller that believes the statement believes an answer with that digest without checking its signature.
 */
export function answerDigest(answer: Uint8Array): Buffer {
  return sha256(answer);
}

/** Whether hashing `proof` `steps` times gives `link`: the beat `steps` seqs after the one that revealed `link`. */
export function beatFollows(proof: Uint8Array, steps: number, link: Uint8Array): boolean {
  if (proof.length !== BEAT_LINK_BYTES || link.length !== BEAT_LINK_BYTES || steps < 1) return false;
  let h: Uint8Array = proof;
  for (let i = 0; i < steps; i++) h = sha256(h);
  return timingSafeEqual(h, link);
}

/**
 * The agent's side of one chain: beats startSeq + 1 .. startSeq + length. Links are made from a random seed
 * (link at position 0) forwards; every SEGMENT-th is kept, and the segment being revealed is rebuilt once, so a
 * simulator of 10 000 agents holds about a kilobyte per agent and hashes about once per beat.
 */
export class BeatChain {
  readonly anchor: Buffer;
  private readonly checkpoints: Buffer;
  private segment = -1;
  private readonly links = Buffer.alloc(SEGMENT * BEAT_LINK_BYTES);

  constructor(
    readonly startSeq: number,
    readonly length = BEAT_CHAIN_LENGTH,
    seed: Uint8Array = randomBytes(BEAT_LINK_BYTES),
  ) {
    this.checkpoints = Buffer.alloc((Math.floor(length / SEGMENT) + 1) * BEAT_LINK_BYTES);
    let h: Buffer = Buffer.from(seed);
    for (let pos = 0; ; pos++) {
      if (pos % SEGMENT === 0) h.copy(this.checkpoints, (pos / SEGMENT) * BEAT_LINK_BYTES);
      if (pos === length) break;
      h = sha256(h);
    }
    this.anchor = h;
  }

  /** Whether `seq` is a beat of this chain. */
  covers(seq: number): boolean {
    return seq > this.startSeq && seq <= this.startSeq + this.length;
  }

  /** The link beat `seq` reveals (a copy). */
  link(seq: number): Buffer {
    if (!this.covers(seq)) throw new RangeError(`beat ${seq} is outside this chain (${this.startSeq + 1}..${this.startSeq + this.length})`);
    const pos = this.length - (seq - this.startSeq);
    const segment = Math.floor(pos / SEGMENT);
    if (segment !== this.segment) {
      let h: Buffer = this.checkpoints.subarray(segment * BEAT_LINK_BYTES, (segment + 1) * BEAT_LINK_BYTES);
      for (let i = 0; i < SEGMENT; i++) {
        h.copy(this.links, i * BEAT_LINK_BYTES);
        h = sha256(h);
      }
      this.segment = segment;
    }
    const at = (pos % SEGMENT) * BEAT_LINK_BYTES;
    return Buffer.from(this.links.subarray(at, at + BEAT_LINK_BYTES));
  }
}

/** A heartbeat's statement: everything but the seq of the beat, its send time and its link (see above). */
export function encodeHeartbeatStatement(statement: Omit<v1.IHeartbeat, "facts" | "sentAtMs" | "uptimeMs" | "beatProof">, encodedFacts: Uint8Array): Uint8Array {
  // Its own buffer: it is kept until it changes, and a slice of Node's shared pool would keep the whole slab alive.
  return Uint8Array.from(encodeHeartbeatWithFacts(statement, encodedFacts));
}

/** A beat, to be sent right after its statement. */
export function encodeHeartbeatBeat(beat: { seq: number; sentAtMs: number; proof?: Uint8Array }): Uint8Array {
  return v1.Heartbeat.encode({ seq: beat.seq, sentAtMs: beat.sentAtMs, ...(beat.proof ? { beatProof: beat.proof } : {}) }).finish();
}

export interface HeartbeatBeat {
  seq: number;
  sentAtMs: number;
  /** Empty when the beat carries no link. */
  proof: Uint8Array;
}

const WIRE_VARINT = 0;
const WIRE_LEN = 2;

/**
 * Reads the unsigned part of a heartbeat, strictly: only seq (4), sent_at_ms (5) and beat_proof (11), each at most
 * once. Anything else there — above all a facts field, which protobuf would merge over the signed one — is refused.
 */
export function readHeartbeatBeat(bytes: Uint8Array): HeartbeatBeat {
  const out: HeartbeatBeat = { seq: 0, sentAtMs: 0, proof: new Uint8Array(0) };
  const seen = new Set<number>();
  try {
    const r = $protobuf.Reader.create(bytes);
    while (r.pos < r.len) {
      const tag = r.uint32();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (seen.has(field)) throw new Error(`field ${field} twice`);
      seen.add(field);
      if (field === 4 && wire === WIRE_VARINT) out.seq = Number(r.uint64());
      else if (field === 5 && wire === WIRE_VARINT) out.sentAtMs = Number(r.int64());
      else if (field === 11 && wire === WIRE_LEN) out.proof = r.bytes();
      else throw new Error(`field ${field} (wire type ${wire}) has no place after the signed statement`);
    }
  } catch (err) {
    throw new MalformedPayloadError("Heartbeat", err instanceof Error ? err.message : String(err), bytes.length);
  }
  return out;
}
