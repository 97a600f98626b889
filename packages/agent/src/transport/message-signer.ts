import type { KeyObject } from "node:crypto";
import { type MsgHdrs, headers, nkeys } from "@nats-io/transport-node";
import {
  AGENT_HOST_HEADER,
  AGENT_SIGNATURE_HEADER,
  AGENT_SIGNED_LENGTH_HEADER,
  AgentKeyError,
  type AgentMessageKind,
  agentPrivateKeyFromRaw,
  signAgentMessage,
} from "@iisfleet/proto";

/**
 * Signs what this agent sends with its own ed25519 key — the key inside its NATS nkey seed — so the controller can
 * tell its messages from anyone else's on the same NATS (see proto agent-signature.ts for the signed bytes).
 */
export class AgentMessageSigner {
  private constructor(
    readonly host: string,
    private readonly key: KeyObject,
    private readonly pair: nkeys.KeyPair,
  ) {}

  /**
   * The public nkey ("U..."): what the controller must hold for this host. Derived when first asked for: nkeys.js
   * derives it in JavaScript (about 10 ms), which a simulator starting 10 000 signing agents would pay 10 000 times.
   */
  get publicKey(): string {
    return this.pair.getPublicKey();
  }

  /** From an nkey user seed ("SU..."), as `iisfleet keys` writes it. */
  static fromNkeySeed(host: string, seed: Uint8Array): AgentMessageSigner {
    const pair = nkeys.fromSeed(seed);
    // The key pair class has it; the KeyPair interface does not list it (nkeys.js 2.x).
    const raw = (pair as Partial<{ getRawSeed(): Uint8Array }>).getRawSeed?.();
    if (!raw) throw new AgentKeyError("This nkeys library cannot give the raw seed of a key pair.");
    return new AgentMessageSigner(host, agentPrivateKeyFromRaw(raw), pair);
  }

  /**
   * The last status answers signed, and their headers, newest first: a stable answer is the same object until it
   * changes, and the brief and the detailed one alternate, each full or unchanged (StatusRequest.conditional), so
   * four are kept.
   */
  private readonly lastStatus: Array<{ payload: Uint8Array; headers: MsgHdrs }> = [];

  /**
   * The headers to send `payload` with: the signature over exactly these bytes, and the host it speaks for. A status
   * answer with the bytes signed before reuses that signature (ed25519 would give the same one anyway).
   */
  headers(kind: AgentMessageKind, payload: Uint8Array): MsgHdrs {
    if (kind !== "status") return this.sign(kind, payload);
    // By bytes, not only by object: a real agent collects its facts anew for every question (FactsCache), so an
    // unchanged answer is equal bytes in a new buffer, and ed25519 would only give the same signature again.
    for (const s of this.lastStatus) if (s.payload === payload || (s.payload.length === payload.length && Buffer.compare(s.payload, payload) === 0)) return s.headers;
    const h = this.sign(kind, payload);
    this.lastStatus.unshift({ payload, headers: h });
    if (this.lastStatus.length > 4) this.lastStatus.pop();
    return h;
  }

  private lastStatement: { statement: Uint8Array; headers: MsgHdrs } | undefined;

  /**
   * The headers of a heartbeat whose signature covers only its leading `statement` (proto heartbeat-chain.ts): the
   * statement is the same object until it changes, so it is signed once, and each beat rides on that signature.
   */
  statementHeaders(statement: Uint8Array): MsgHdrs {
    if (this.lastStatement?.statement === statement) return this.lastStatement.headers;
    const h = this.sign("heartbeat", statement);
    h.set(AGENT_SIGNED_LENGTH_HEADER, String(statement.length));
    this.lastStatement = { statement, headers: h };
    return h;
  }

  private sign(kind: AgentMessageKind, payload: Uint8Array): MsgHdrs {
    const h = headers();
    h.set(AGENT_HOST_HEADER, this.host);
    h.set(AGENT_SIGNATURE_HEADER, signAgentMessage(this.key, kind, this.host, payload));
    return h;
  }
}
