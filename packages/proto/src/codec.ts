import { v1 } from "./wire.js";

/** Largest payload any iisfleet subject accepts; anything bigger is dropped unread. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

export class MalformedPayloadError extends Error {
  readonly code = "MALFORMED";
  constructor(
    readonly messageType: string,
    readonly reason: string,
    readonly size: number,
  ) {
    super(`Malformed ${messageType} payload (${size} bytes): ${reason}.`);
    this.name = "MalformedPayloadError";
  }
}

interface Decodable<T> {
  decode(reader: Uint8Array): T;
  name?: string;
}

/**
 * Decodes untrusted bytes. protobufjs throws plain errors (or RangeErrors) on truncated or garbled input;
 * callers get one error type with a stable code instead, so every decode path can count and drop.
 */
export function decodeOrThrow<T>(type: Decodable<T>, typeName: string, bytes: Uint8Array): T {
  if (bytes.length > MAX_PAYLOAD_BYTES) {
    throw new MalformedPayloadError(typeName, `larger than the ${MAX_PAYLOAD_BYTES}-byte limit`, bytes.length);
  }
  try {
    return type.decode(bytes);
  } catch (err) {
    throw new MalformedPayloadError(typeName, err instanceof Error ? err.message : String(err), bytes.length);
  }
}

export const decode = {
  envelope: (b: Uint8Array) => decodeOrThrow(v1.CommandEnvelope, "CommandEnvelope", b),
  command: (b: Uint8Array) => decodeOrThrow(v1.Command, "Command", b),
  result: (b: Uint8Array) => decodeOrThrow(v1.CommandResult, "CommandResult", b),
  heartbeat: (b: Uint8Array) => decodeOrThrow(v1.Heartbeat, "Heartbeat", b),
  event: (b: Uint8Array) => decodeOrThrow(v1.ProgressEvent, "ProgressEvent", b),
  statusRequest: (b: Uint8Array) => decodeOrThrow(v1.StatusRequest, "StatusRequest", b),
  statusReport: (b: Uint8Array) => decodeOrThrow(v1.StatusReport, "StatusReport", b),
};

export const encode = {
  envelope: (m: v1.ICommandEnvelope) => v1.CommandEnvelope.encode(m).finish(),
  command: (m: v1.ICommand) => v1.Command.encode(m).finish(),
  result: (m: v1.ICommandResult) => v1.CommandResult.encode(m).finish(),
  heartbeat: (m: v1.IHeartbeat) => v1.Heartbeat.encode(m).finish(),
  event: (m: v1.IProgressEvent) => v1.ProgressEvent.encode(m).finish(),
  statusRequest: (m: v1.IStatusRequest) => v1.StatusRequest.encode(m).finish(),
  statusReport: (m: v1.IStatusReport) => v1.StatusReport.encode(m).finish(),
};

/** Stable machine codes carried in CommandResult.code. */
export const ResultCode = {
  OK: "OK",
  MALFORMED: "MALFORMED",
  EXPIRED: "EXPIRED",
  WRONG_HOST: "WRONG_HOST",
  BUSY: "BUSY",
  CORDONED: "CORDONED",
  POLICY: "POLICY",
  UNSUPPORTED: "UNSUPPORTED",
  STOP_FAILED: "STOP_FAILED",
  START_FAILED: "START_FAILED",
  HEALTH_FAILED: "HEALTH_FAILED",
  HOST_ERROR: "HOST_ERROR",
  UNKNOWN_COMMAND: "UNKNOWN_COMMAND",
  IN_PROGRESS: "IN_PROGRESS",
  /** The agent requires signed commands and this one carries no signature. */
  UNSIGNED: "UNSIGNED",
  /** Signed with a key this agent does not trust. */
  UNTRUSTED_KEY: "UNTRUSTED_KEY",
  /** The signature does not match the command bytes (forged or altered). */
  BAD_SIGNATURE: "BAD_SIGNATURE",
  /** The command id or nonce was seen before, and the command cannot be answered from its stored result. */
  REPLAYED: "REPLAYED",
  /** The agent accepted the command, then stopped before it finished; it will not run it again. */
  INTERRUPTED: "INTERRUPTED",
  /** Load-balancer member commands: the host's balancer (ARR) has no web farm of that name. */
  LB_FARM_UNKNOWN: "LB_FARM_UNKNOWN",
  /** The web farm exists but has no server with that address. */
  LB_SERVER_UNKNOWN: "LB_SERVER_UNKNOWN",
  /** The command carries a leadership term older than one this agent has seen: it comes from a deposed controller. */
  STALE_TERM: "STALE_TERM",
  /** A named application pool does not exist on the host; nothing was touched (the message names the ones that do). */
  POOL_UNKNOWN: "POOL_UNKNOWN",
  /** A named site does not exist on the host; nothing was touched (the message names the ones that do). */
  SITE_UNKNOWN: "SITE_UNKNOWN",
} as const;
export type ResultCode = (typeof ResultCode)[keyof typeof ResultCode];
