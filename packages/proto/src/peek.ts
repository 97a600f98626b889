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
  /**
   * Where the encoded HostFacts lie in the report (`bytes.subarray(factsStart, factsEnd)`), so a reader can tell
   * unchanged facts by their bytes without decoding them; both -1 unless the report has exactly one facts field
   * (protobuf merges repeated ones, and then no single range describes them).
   */
  factsStart: number;
  factsEnd: number;
}

const WIRE_LEN = 2;

/**
 * Reads a StatusReport's identifying fields and skips everything else (services, pools...). A live query over
 * 10 000 hosts that only needs to know who answered would otherwise build 10 000 object graphs it throws away.
 * Field numbers are those of iisfleet.proto: StatusReport {1 request_id, 2 facts, 3 agent_version, 4 instance_id,
 * 5 uptime_ms}, HostFacts {1 host, 2 farm}. Truncated or garbled input throws MalformedPayloadError, and so does
 * a string that is not valid UTF-8 (the full decoder rejects those too).
 */
export function peekStatusReport(bytes: Uint8Array): StatusReportPeek {
  if (bytes.length > MAX_PAYLOAD_BYTES) {
    throw new MalformedPayloadError("StatusReport", `larger than the ${MAX_PAYLOAD_BYTES}-byte limit`, bytes.length);
  }
  const out: StatusReportPeek = { requestId: "", host: "", farm: "", instanceId: "", agentVersion: "", uptimeMs: 0, factsStart: -1, factsEnd: -1 };
  let factsFields = 0;
  try {
    const r = $protobuf.Reader.create(bytes);
    while (r.pos < r.len) {
      const tag = r.uint32();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (field === 0) throw new Error("field number 0");
      if (field === 1 && wire === WIRE_LEN) out.requestId = r.stringVerify();
      else if (field === 3 && wire === WIRE_LEN) out.agentVersion = r.stringVerify();
      else if (field === 4 && wire === WIRE_LEN) out.instanceId = r.stringVerify();
      else if (field === 5 && wire === 0) out.uptimeMs = Number(r.uint64());
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
          else if (f === 2 && (t & 7) === WIRE_LEN) out.farm = r.stringVerify();
          else r.skipType(t & 7);
        }
        if (r.pos !== end) throw new Error("facts overrun their length");
      } else r.skipType(wire);
    }
  } catch (err) {
    throw new MalformedPayloadError("StatusReport", err instanceof Error ? err.message : String(err), bytes.length);
  }
  if (factsFields > 1) {
    out.factsStart = -1;
    out.factsEnd = -1;
  }
  return out;
}
