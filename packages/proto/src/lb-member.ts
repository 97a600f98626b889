import { v1 } from "./wire.js";

/** What the controller asks of a load-balancer member, by name (the CLI, the API and logs use these). */
export const LB_MEMBER_ACTIONS = ["status", "drain", "available"] as const;
export type LbMemberActionName = (typeof LB_MEMBER_ACTIONS)[number];

/** A member's state as an operator reads it: ARR's own words (IIS Manager's "Availability" column). */
export type LbMemberStateName = "available" | "drain" | "unavailable" | "unknown";

export function lbMemberActionFromName(name: LbMemberActionName): v1.LbMemberAction {
  return {
    status: v1.LbMemberAction.LB_MEMBER_ACTION_STATUS,
    drain: v1.LbMemberAction.LB_MEMBER_ACTION_DRAIN,
    available: v1.LbMemberAction.LB_MEMBER_ACTION_AVAILABLE,
  }[name];
}

/** Undefined for UNSPECIFIED and numbers this version does not know: such a request is refused, never guessed. */
export function lbMemberActionName(action: number | null | undefined): LbMemberActionName | undefined {
  switch (action) {
    case v1.LbMemberAction.LB_MEMBER_ACTION_STATUS: return "status";
    case v1.LbMemberAction.LB_MEMBER_ACTION_DRAIN: return "drain";
    case v1.LbMemberAction.LB_MEMBER_ACTION_AVAILABLE: return "available";
    default: return undefined;
  }
}

export function lbMemberStateFromName(name: LbMemberStateName): v1.LbMemberState {
  switch (name) {
    case "available": return v1.LbMemberState.LB_MEMBER_STATE_AVAILABLE;
    case "drain": return v1.LbMemberState.LB_MEMBER_STATE_DRAIN;
    case "unavailable": return v1.LbMemberState.LB_MEMBER_STATE_UNAVAILABLE;
    default: return v1.LbMemberState.LB_MEMBER_STATE_UNSPECIFIED;
  }
}

export function lbMemberStateName(state: number | null | undefined): LbMemberStateName {
  switch (state) {
    case v1.LbMemberState.LB_MEMBER_STATE_AVAILABLE: return "available";
    case v1.LbMemberState.LB_MEMBER_STATE_DRAIN: return "drain";
    case v1.LbMemberState.LB_MEMBER_STATE_UNAVAILABLE: return "unavailable";
    default: return "unknown";
  }
}
