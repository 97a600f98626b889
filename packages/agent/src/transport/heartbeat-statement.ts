import { BeatChain, answerDigest, encodeHeartbeatBeat, encodeHeartbeatStatement } from "@iisfleet/proto";

/** The counters a heartbeat reports (proto AgentCounters). */
export interface HeartbeatCounters {
  commandsReceived: number;
  malformedReceived: number;
  rejected: number;
  natsReconnects: number;
  resetsExecuted: number;
}

/** What a heartbeat says that does not change from one beat to the next. */
export interface HeartbeatIdentity {
  agentVersion: string;
  instanceId: string;
  intervalMs: number;
  startedAtMs: number;
}

/** One heartbeat: the statement (signed, when the agent signs, once per change) and the beat after it. */
export interface HeartbeatParts {
  statement: Uint8Array;
  payload: Uint8Array;
}

/**
 * Builds heartbeats as a statement followed by a beat (proto heartbeat-chain.ts). The statement is the same object
 * while the facts bytes, the counters and the hash chain stay the same, so a signer signs it once and a controller
 * verifies it once; `chained` (the agent signs) adds the chain's anchor to the statement and a link to each beat.
 */
export class HeartbeatStatements {
  private statement: Uint8Array | undefined;
  private facts: Uint8Array | undefined;
  private counters: HeartbeatCounters | undefined;
  private chain: BeatChain | undefined;

  constructor(
    private readonly identity: HeartbeatIdentity,
    private readonly chained: boolean,
  ) {}

  /** The seq a chained statement carries (its chain's start): "statement N" of an unchanged answer; else undefined. */
  get statementSeq(): number | undefined {
    return this.chain?.startSeq;
  }

  /**
   * Heartbeat `seq`: the statement to sign and the whole payload to send. `answers`: the stable status answers the
   * agent gives with these facts; a chained statement vouches for them by their digests, so a controller that
   * believes the statement needs no signature check for them either.
   */
  next(encodedFacts: Uint8Array, counters: HeartbeatCounters, seq: number, sentAtMs: number, answers: () => Uint8Array[] = () => []): HeartbeatParts {
    if (this.chained && !this.chain?.covers(seq)) {
      // A new chain starts at the previous beat's seq: its anchor is the link of a beat that no longer comes.
      this.chain = new BeatChain(seq - 1);
      this.statement = undefined;
    }
    // Facts collected again may well be the same bytes in a new buffer: the statement (and its signature) holds.
    if (!this.statement || !sameBytes(encodedFacts, this.facts) || !sameCounters(counters, this.counters)) {
      this.statement = encodeHeartbeatStatement(
        {
          ...this.identity,
          counters,
          // Without a chain the beat's seq is all there is; with one, the statement's seq is the chain's start.
          seq: this.chain ? this.chain.startSeq : 0,
          ...(this.chain ? { beatAnchor: this.chain.anchor, answerDigests: answers().map(answerDigest) } : {}),
        },
        encodedFacts,
      );
      this.facts = encodedFacts;
      this.counters = counters;
    }
    const beat = encodeHeartbeatBeat({ seq, sentAtMs, ...(this.chain ? { proof: this.chain.link(seq) } : {}) });
    const payload = new Uint8Array(this.statement.length + beat.length);
    payload.set(this.statement);
    payload.set(beat, this.statement.length);
    return { statement: this.statement, payload };
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array | undefined): boolean {
  return a === b || (b !== undefined && a.length === b.length && Buffer.compare(a, b) === 0);
}

function sameCounters(a: HeartbeatCounters, b: HeartbeatCounters | undefined): boolean {
  return (
    b !== undefined &&
    a.commandsReceived === b.commandsReceived &&
    a.malformedReceived === b.malformedReceived &&
    a.rejected === b.rejected &&
    a.natsReconnects === b.natsReconnects &&
    a.resetsExecuted === b.resetsExecuted
  );
}
