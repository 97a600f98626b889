import { NOTIFY_KINDS, type NotifyKind } from "../api/contract/defaults.js";
import type { EventRow } from "../store/index.js";

// What a notification target can ask for (NOTIFY_KINDS, in the API contract): a few outcomes an operator wants to
// be told about, each derived here from the event log (store/events.ts), which stays the one record of what happened.

export { NOTIFY_KINDS, type NotifyKind };

/** `notify test` sends this one, to the one target asked. */
export const TEST_KIND = "notify.test";

const FAILED_COMMAND = new Set(["failed", "rejected", "timed-out", "error"]);

/** The notification an event stands for, if any. */
export function notifyKindOf(e: EventRow): NotifyKind | undefined {
  const d = e.data;
  switch (e.kind) {
    case "rollout.started":
      return "rollout.started";
    case "rollout.state":
      return d.state === "succeeded" || d.state === "failed" ? "rollout.finished" : undefined;
    case "rollout.action":
      return d.action === "abort" ? "rollout.finished" : undefined;
    case "rollout.blocked":
      return Array.isArray(d.blocked) && d.blocked.length > 0 ? "rollout.blocked" : undefined;
    case "command.finished":
      return typeof d.state === "string" && FAILED_COMMAND.has(d.state) ? "command.failed" : undefined;
    case "host.liveness":
      return d.to === "offline" ? "host.offline" : d.to === "online" && d.from === "offline" ? "host.online" : undefined;
    default:
      return undefined;
  }
}
