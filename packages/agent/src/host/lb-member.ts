/**
 * A load balancer that runs on this agent's host — IIS Application Request Routing on an ARR host — as the host
 * port sees it: one member (a server address in a web farm) read or set at a time. The controller drives the
 * waiting (drain until no requests are left); the host only sets a state and reports the counters.
 */
import type { LbMemberActionName, LbMemberStateName } from "@iisfleet/proto";

export type { LbMemberActionName, LbMemberStateName };

/** A member after the action, in numbers ARR itself reports (its "counters" element). */
export interface LbMemberInfo {
  webFarm: string;
  server: string;
  state: Exclude<LbMemberStateName, "unknown">;
  healthy: boolean;
  currentRequests: number;
  totalRequests: number;
}

/** Why a member could not be read or set, as a stable code the executor turns into a result code. */
export type LbMemberErrorCode = "NO_LB" | "FARM_UNKNOWN" | "SERVER_UNKNOWN";

export class LbMemberError extends Error {
  constructor(
    readonly code: LbMemberErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "LbMemberError";
  }
}

/** The optional capability of a host port: ARR on this host. */
export type ArrMemberFn = (webFarm: string, server: string, action: LbMemberActionName) => Promise<LbMemberInfo>;
