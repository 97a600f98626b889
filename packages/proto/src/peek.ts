import $protobuf from "protobufjs/minimal.js";
import { MAX_PAYLOAD_BYTES, MalformedPayloadError } from "./codec.js";

/** The envelope of a StatusReport: who answered which request, without decoding the facts. */
export interface StatusReportPeek {
  requestId: string;
  host: string;
  farm: string;
  instanceId: string;
  agentVersion: string;
  uptimeMs: number;
  /** When the agent instance started, by its clock (answers to a stable request carry this instead of uptime); 0 if absent. */
  startedAtMs: number;
  /**
   * Where the encoded HostFacts lie in the report (`bytes.subarray(factsStart, factsEnd)`), so a reader can tell
   * unchanged facts by their bytes without decoding them; both -1 unless the report has exactly one facts field
   * (protobuf merges repeated ones, and then no single range describes them).
   */
  factsStart: number;
  factsEnd: number;
  /**
   * Where the facts, the agent version and the instance id lie when they come one after the other in that order,
   * once each (as every encoder of this project and protobufjs write them); both -1 otherwise. A reader that has
   * seen these exact bytes from a host before knows the farm, version and instance without decoding them.
   */
  identityStart: number;
  identityEnd: number;
}

/**
 * "all": every identifying string is decoded (and checked to be UTF-8). "host": only the request id and the host
 * name are; farm, agent version and instance id are left empty and unchecked, for a reader that compares the
 * identity bytes with ones it decoded before (and peeks again with "all" when they differ).
 */
export type PeekStrings = "all" | "host";

const WIRE_LEN = 2;
/** StatusReport.unchanged_answer. */
const UNCHANGED_ANSWER = 8;

/**
 * Reads a StatusReport's identifying fields and skips everything else (services, pools...). A live query over
 * 10 000 hosts that only needs to know who answered would otherwise build 10 000 object graphs it throws away.
 * Field numbers are those of iisfleet.proto: StatusReport {1 request_id, 2 facts, 3 agent_version, 4 instance_id,
 * 5 uptime_ms, 7 started_at_ms}, HostFacts {1 host, 2 farm}. Truncated or garbled input throws MalformedPayloadError, and so does
 * a string that is not valid UTF-8 (the full decoder rejects those too).
 */
export function peekStatusReport(bytes: Uint8Array, strings: PeekStrings = "all"): StatusReportPeek {
  if (bytes.length > MAX_PAYLOAD_BYTES) {
    throw new MalformedPayloadError("StatusReport", `larger than the ${MAX_PAYLOAD_BYTES}-byte limit`, bytes.length);
  }
  const out: StatusReportPeek = {
    requestId: "",
    host: "",
    farm: "",
    instanceId: "",
    agentVersion: "",
    uptimeMs: 0,
    startedAtMs: 0,
    factsStart: -1,
    factsEnd: -1,
    identityStart: -1,
    identityEnd: -1,
  };
  const all = strings === "all";
  let factsFields = 0;
  // The identity run: facts (2), then agent version (3), then instance id (4), each right after the other.
  let run = 0;
  let runStart = -1;
  let runEnd = -1;
  let runBroken = false;
  try {
    const r = $protobuf.Reader.create(bytes);
    while (r.pos < r.len) {
      const fieldStart = r.pos;
      const tag = r.uint32();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (field === 0) throw new Error("field number 0");
      if (field >= 2 && field <= 4 && wire === WIRE_LEN) {
        // Part of the identity run only in order, adjacent, and once each.
        if (field === run + 2 && (run === 0 || fieldStart === runEnd)) {
          if (run === 0) runStart = fieldStart;
          run++;
        } else runBroken = true;
      }
      if (field === 1 && wire === WIRE_LEN) out.requestId = r.stringVerify();
      else if (field === 3 && wire === WIRE_LEN) {
        if (all) out.agentVersion = r.stringVerify();
        else r.skipType(WIRE_LEN);
      } else if (field === 4 && wire === WIRE_LEN) {
        if (all) out.instanceId = r.stringVerify();
        else r.skipType(WIRE_LEN);
      } else if (field === 5 && wire === 0) out.uptimeMs = Number(r.uint64());
      else if (field === 7 && wire === 0) out.startedAtMs = Number(r.int64());
      // An unchanged answer stands for a full one the reader must look up (unchangedAnswerOf): never one itself.
      else if (field === UNCHANGED_ANSWER) throw new Error("an unchanged answer is no full answer");
      else if (field === 2 && wire === WIRE_LEN) {
        const end = r.uint32() + r.pos;
        if (end > r.len) throw new Error("facts run past the end of the message");
        factsFields++;
        out.factsStart = r.pos;
        out.factsEnd = end;
        while (r.pos < end) {
          const t = r.uint32();
          const f = t >>> 3;
          if (f === 0) throw new Error("field number 0");
          if (f === 1 && (t & 7) === WIRE_LEN) out.host = r.stringVerify();
          else if (f === 2 && (t & 7) === WIRE_LEN && all) out.farm = r.stringVerify();
          else r.skipType(t & 7);
        }
        if (r.pos !== end) throw new Error("facts overrun their length");
      } else r.skipType(wire);
      if (field >= 2 && field <= 4 && wire === WIRE_LEN) runEnd = r.pos;
    }
  } catch (err) {
    throw new MalformedPayloadError("StatusReport", err instanceof Error ? err.message : String(err), bytes.length);
  }
  if (factsFields > 1) {
    out.factsStart = -1;
    out.factsEnd = -1;
  }
  if (run === 3 && !runBroken) {
    out.identityStart = runStart;
    out.identityEnd = runEnd;
  }
  return out;
}

/**
 * The host a StatusReport names when it begins, as every encoder of this project writes a stable answer, with its
 * facts and their host first; undefined for any other layout (the caller then reads it the long way). A cheap key to
 * look remembered answers up by, never a check of anything.
 */
export function statusReportLeadingHost(bytes: Uint8Array): string | undefined {
  if (bytes[0] !== 18) return undefined; // field 2 (facts), length-delimited
  let pos = 1;
  while (pos < bytes.length && (bytes[pos] as number) >= 128) pos++;
  pos++;
  if (bytes[pos] !== 10) return undefined; // HostFacts field 1 (host), length-delimited
  const len = bytes[pos + 1] as number;
  // Host names are at most 63 ASCII characters: a one-byte length.
  if (len === undefined || len >= 128 || pos + 2 + len > bytes.length) return undefined;
  let host = "";
  for (let i = pos + 2; i < pos + 2 + len; i++) host += String.fromCharCode(bytes[i] as number);
  return host;
}

/**
 * The encoded HostFacts of a heartbeat whose facts come first, once (as encodeHeartbeatWithFacts and protobufjs write
 * it), else undefined: the bytes a detailed status answer carries for the same facts. Never a check of anything.
 */
export function heartbeatFactsBytes(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes[0] !== 10) return undefined; // field 1 (facts), length-delimited
  let len = 0;
  let shift = 0;
  let pos = 1;
  for (; ; pos++) {
    if (pos >= bytes.length || pos >= 6) return undefined;
    const b = bytes[pos] as number;
    len += (b & 127) * 2 ** shift;
    shift += 7;
    if (b < 128) break;
  }
  const start = pos + 1;
  return start + len <= bytes.length ? bytes.subarray(start, start + len) : undefined;
}

/** An unchanged answer (StatusReport.unchanged_answer): who sent it, and the digest of the answer it stands for. */
export interface UnchangedAnswer {
  host: string;
  digest: Uint8Array;
  sinceStatement: number;
}

/**
 * The unchanged answer these bytes are, or undefined for any other StatusReport. An unchanged answer is laid out as
 * encodeUnchangedAnswer writes it: facts holding only the host, then unchanged_answer (a SHA-256), then optionally
 * unchanged_since_statement, and nothing else; a report whose facts are followed by unchanged_answer but is laid out
 * otherwise throws MalformedPayloadError. A report with unchanged_answer elsewhere is left to peekStatusReport, which
 * refuses it. Read by hand: it runs for every reply of a 10,000-host query.
 */
export function unchangedAnswerOf(bytes: Uint8Array): UnchangedAnswer | undefined {
  if (bytes[0] !== FACTS_TAG) return undefined;
  const [factsLen, factsStart] = varintAt(bytes, 1);
  const factsEnd = factsStart + factsLen;
  if (factsLen < 0 || factsEnd >= bytes.length || bytes[factsEnd] !== UNCHANGED_TAG) return undefined;
  const bad = (why: string) => new MalformedPayloadError("StatusReport", `an unchanged answer ${why}`, bytes.length);
  const hostLen = bytes[factsStart + 1] as number;
  if (bytes[factsStart] !== HOST_TAG || hostLen >= 128 || factsStart + 2 + hostLen !== factsEnd) throw bad("carries facts other than its host");
  let host = "";
  for (let i = factsStart + 2; i < factsEnd; i++) {
    const c = bytes[i] as number;
    if (c >= 128) throw bad("names a host that is not ASCII");
    host += String.fromCharCode(c);
  }
  if (bytes[factsEnd + 1] !== 32 || factsEnd + 34 > bytes.length) throw bad("carries no SHA-256");
  const digest = bytes.subarray(factsEnd + 2, factsEnd + 34);
  let pos = factsEnd + 34;
  let sinceStatement = 0;
  if (pos < bytes.length && bytes[pos] === SINCE_TAG) [sinceStatement, pos] = varintAt(bytes, pos + 1);
  if (sinceStatement < 0 || pos !== bytes.length) throw bad("carries more than the host, a digest and a statement's seq");
  return { host, digest, sinceStatement };
}

/** StatusReport.facts, HostFacts.host, StatusReport.unchanged_answer (length-delimited); unchanged_since_statement. */
const FACTS_TAG = (2 << 3) | WIRE_LEN;
const HOST_TAG = (1 << 3) | WIRE_LEN;
const UNCHANGED_TAG = (UNCHANGED_ANSWER << 3) | WIRE_LEN;
const SINCE_TAG = 9 << 3;

/** A varint of at most 7 bytes at `pos`: its value and the position after it, or [-1, pos] when there is none. */
function varintAt(bytes: Uint8Array, pos: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 7 && pos + i < bytes.length; i++) {
    const b = bytes[pos + i] as number;
    value += (b & 127) * 2 ** (7 * i);
    if (b < 128) return [value, pos + i + 1];
  }
  return [-1, pos];
}
