import { v1 } from "./wire.js";

/** StatusReport field tags (field << 3 | wire type), from iisfleet.proto. */
const TAG = { requestId: 10, facts: 18, agentVersion: 26, instanceId: 34, uptimeMs: 40, sentAtMs: 48, startedAtMs: 56 } as const;

const utf8 = new TextEncoder();

/**
 * Small, short-lived buffers: Node's Buffer.allocUnsafe carves them from a shared pool (a fresh ArrayBuffer per
 * answer costs more than the encoding). Every byte is written before the buffer leaves encode().
 */
const alloc: (size: number) => Uint8Array =
  typeof Buffer === "undefined" ? (size) => new Uint8Array(size) : (size) => Buffer.allocUnsafe(size);

/** The request-id field of the query being answered, shared by every encoder: one query, thousands of answers. */
let lastRequestId = "";
let lastRequestField: Uint8Array = new Uint8Array(0);

function requestField(requestId: string): Uint8Array {
  if (requestId !== lastRequestId) {
    lastRequestField = requestId ? lengthDelimited(TAG.requestId, utf8.encode(requestId)) : new Uint8Array(0);
    lastRequestId = requestId;
  }
  return lastRequestField;
}

function varintLength(n: number): number {
  let len = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

function writeVarint(buf: Uint8Array, pos: number, n: number): number {
  // Numbers here are non-negative millisecond counts far below 2^53: plain division keeps them exact.
  while (n >= 128) {
    buf[pos++] = (n % 128) | 128;
    n = Math.floor(n / 128);
  }
  buf[pos++] = n;
  return pos;
}

/** A length-delimited field, ready to copy: tag, length, bytes. */
function lengthDelimited(tag: number, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + varintLength(bytes.length) + bytes.length);
  out[0] = tag;
  out.set(bytes, writeVarint(out, 1, bytes.length));
  return out;
}

/**
 * Encodes an agent's StatusReports on the hot path. A fleet query reaches every agent at the same instant, and a
 * simulator answers for thousands: the parts that do not change between answers — the agent's version and instance
 * id, its facts until they change, the request id of the query — are encoded once, and an answer is a copy of them
 * plus two varints. The bytes are exactly what `encode.statusReport` produces for the same values.
 */
export class StatusReportEncoder {
  private readonly identity: Uint8Array;

  constructor(agentVersion: string, instanceId: string) {
    const version = agentVersion ? lengthDelimited(TAG.agentVersion, utf8.encode(agentVersion)) : new Uint8Array(0);
    const instance = instanceId ? lengthDelimited(TAG.instanceId, utf8.encode(instanceId)) : new Uint8Array(0);
    this.identity = new Uint8Array(version.length + instance.length);
    this.identity.set(version, 0);
    this.identity.set(instance, version.length);
  }

  /** `encodedFacts`: HostFacts bytes from `encodeHostFacts`, reused while the facts stay the same. */
  encode(requestId: string, encodedFacts: Uint8Array, uptimeMs: number, sentAtMs: number): Uint8Array {
    const request = requestField(requestId);
    const factsHeader = 1 + varintLength(encodedFacts.length);
    const uptime = Math.max(0, Math.floor(uptimeMs));
    const sent = Math.max(0, Math.floor(sentAtMs));
    const size =
      request.length +
      factsHeader +
      encodedFacts.length +
      this.identity.length +
      (uptime > 0 ? 1 + varintLength(uptime) : 0) +
      (sent > 0 ? 1 + varintLength(sent) : 0);
    const out = alloc(size);
    out.set(request, 0);
    let pos = request.length;
    out[pos++] = TAG.facts;
    pos = writeVarint(out, pos, encodedFacts.length);
    out.set(encodedFacts, pos);
    pos += encodedFacts.length;
    out.set(this.identity, pos);
    pos += this.identity.length;
    if (uptime > 0) {
      out[pos++] = TAG.uptimeMs;
      pos = writeVarint(out, pos, uptime);
    }
    if (sent > 0) {
      out[pos++] = TAG.sentAtMs;
      writeVarint(out, pos, sent);
    }
    return out;
  }

  private stableFacts: Uint8Array | undefined;
  private stableStartedAt = -1;
  private stableReport: Uint8Array | undefined;

  /**
   * The answer to a stable StatusRequest (iisfleet.proto): facts, version, instance and the instance's start time,
   * without request id, uptime or send time. While the facts bytes are the same object, the same answer object is
   * returned, so a signer can tell it signed these bytes already by identity.
   */
  encodeStable(encodedFacts: Uint8Array, startedAtMs: number): Uint8Array {
    if (this.stableReport && this.stableFacts === encodedFacts && this.stableStartedAt === startedAtMs) return this.stableReport;
    const body = this.encode("", encodedFacts, 0, 0);
    // Its own buffer: the encoder's come from a shared pool, and this one is kept.
    this.stableReport = withStartedAt(body, startedAtMs);
    this.stableFacts = encodedFacts;
    this.stableStartedAt = startedAtMs;
    return this.stableReport;
  }
}

/** `body` followed by the started_at_ms field (when positive), in a buffer of its own. */
function withStartedAt(body: Uint8Array, startedAtMs: number): Uint8Array {
  const started = Math.max(0, Math.floor(startedAtMs));
  const out = new Uint8Array(body.length + (started > 0 ? 1 + varintLength(started) : 0));
  out.set(body, 0);
  if (started > 0) {
    out[body.length] = TAG.startedAtMs;
    writeVarint(out, body.length + 1, started);
  }
  return out;
}

/**
 * The answer to a brief StatusRequest, kept encoded: facts with host and farm only, agent version and instance id
 * never change for one agent, so only the uptime is written per answer. A brief answer leaves out the request id
 * and the send time: the asker gathers each question on a reply inbox of its own, so where the answer arrives says
 * which question it answers (see iisfleet.proto, StatusRequest.brief). The bytes are exactly what
 * `encode.statusReport({ facts: { host, farm }, agentVersion, instanceId, uptimeMs })` produces.
 */
export class BriefStatusReport {
  private readonly head: Uint8Array;
  private stableReport: Uint8Array | undefined;
  private stableStartedAt = -1;

  constructor(host: string, farm: string, agentVersion: string, instanceId: string) {
    const facts = encodeHostFacts({ host, farm });
    // Its own copy: the encoder's buffers come from a shared pool.
    this.head = Uint8Array.from(new StatusReportEncoder(agentVersion, instanceId).encode("", facts, 0, 0));
  }

  encode(uptimeMs: number): Uint8Array {
    const uptime = Math.max(0, Math.floor(uptimeMs));
    if (uptime === 0) return this.head;
    const out = alloc(this.head.length + 1 + varintLength(uptime));
    out.set(this.head, 0);
    out[this.head.length] = TAG.uptimeMs;
    writeVarint(out, this.head.length + 1, uptime);
    return out;
  }

  /** The brief answer to a stable request: the start time instead of the uptime, the same object every time. */
  stable(startedAtMs: number): Uint8Array {
    if (this.stableReport && this.stableStartedAt === startedAtMs) return this.stableReport;
    this.stableStartedAt = startedAtMs;
    return (this.stableReport = withStartedAt(this.head, startedAtMs));
  }
}

/**
 * A Heartbeat around facts encoded once before (Heartbeat.facts is field 1, so it comes first, exactly where
 * protobufjs would put it): a simulator sends a thousand heartbeats a second whose facts rarely change.
 */
export function encodeHeartbeatWithFacts(heartbeat: Omit<v1.IHeartbeat, "facts">, encodedFacts: Uint8Array): Uint8Array {
  const rest = v1.Heartbeat.encode({ ...heartbeat, facts: null }).finish();
  const head = 1 + varintLength(encodedFacts.length);
  const out = alloc(head + encodedFacts.length + rest.length);
  out[0] = 10; // field 1, length-delimited
  const pos = writeVarint(out, 1, encodedFacts.length);
  out.set(encodedFacts, pos);
  out.set(rest, pos + encodedFacts.length);
  return out;
}

export function encodeHostFacts(facts: v1.IHostFacts): Uint8Array {
  return v1.HostFacts.encode(facts).finish();
}

/**
 * An unchanged answer to a conditional status request (StatusRequest.conditional): the host (in facts, first, as
 * in every answer), the SHA-256 of the stable answer it stands for and the seq of the statement that vouched for it.
 */
export function encodeUnchangedAnswer(host: string, digest: Uint8Array, sinceStatement: number): Uint8Array {
  return Uint8Array.from(v1.StatusReport.encode({ facts: { host }, unchangedAnswer: digest, unchangedSinceStatement: sinceStatement }).finish());
}
