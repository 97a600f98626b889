export type Liveness = "online" | "stale" | "offline";

/** Missed heartbeats before a host is stale, and before it is offline. */
export const STALE_AFTER_MISSED = 3;
export const OFFLINE_AFTER_MISSED = 10;

/** Judged against each agent's own heartbeat period, so a slow-beating agent is not called stale. */
export function liveness(lastSeenMs: number, heartbeatMs: number, nowMs: number): Liveness {
  const missed = (nowMs - lastSeenMs) / Math.max(heartbeatMs, 1);
  if (missed >= OFFLINE_AFTER_MISSED) return "offline";
  if (missed >= STALE_AFTER_MISSED) return "stale";
  return "online";
}
