// How the agent starts and stops as a Windows service (WinSW stops it with Ctrl+C, which Node delivers as SIGINT):
// the start and the stop go to the host's event log next to each reset's outcome, and a stop lets the command in
// flight finish and answer first, within a grace period shorter than the service wrapper's <stoptimeout>.
import type { Logger } from "../log.js";

/** Event ids of the agent's own lifecycle, beside the resets' 3201/3202, under the same source "iisfleet". */
export const AgentEventId = { Started: 3100, Stopped: 3101, StoppedWithCommandRunning: 3102 } as const;

/**
 * How long a stop waits for a running command; the service wrapper's <stoptimeout> is longer. A noforce reset of a
 * slow host can take longer still: the stop then goes ahead, says so in the event log, and the controller reports
 * that command as timed out (it never guesses an outcome it was not told).
 */
export const STOP_GRACE_MS = 60_000;

/** One entry in the host's event log; the Windows adapter's writeEvent, absent on a simulated host. */
export type LifecycleEventWriter = (entry: { eventId: number; type: 1 | 2 | 4; message: string }) => Promise<void>;

export interface StopOutcome {
  /** The command still running when the grace period ran out, if one was. */
  abandoned: string | undefined;
  waitedMs: number;
}

/**
 * Waits until `busy()` reports no command (polled: the executor has no completion event to subscribe to), at most
 * `graceMs`. New commands meanwhile are refused as BUSY by the executor itself.
 */
export async function waitForRunningCommand(busy: () => string | undefined, graceMs: number, log: Logger, pollMs = 100): Promise<StopOutcome> {
  const started = Date.now();
  const first = busy();
  if (first === undefined) return { abandoned: undefined, waitedMs: 0 };
  log.info({ commandId: first, graceMs }, "stopping: waiting for the running command to finish and answer first");
  while (Date.now() - started < graceMs) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    if (busy() === undefined) return { abandoned: undefined, waitedMs: Date.now() - started };
  }
  const abandoned = busy();
  if (abandoned !== undefined) log.warn({ commandId: abandoned, graceMs }, "stopping with the command still running: the controller will not get its result");
  return { abandoned, waitedMs: Date.now() - started };
}

/** Writes a lifecycle entry; an event log that refuses it is logged, never fatal. */
export async function recordLifecycle(write: LifecycleEventWriter | undefined, log: Logger, entry: { eventId: number; type: 1 | 2 | 4; message: string }): Promise<void> {
  if (!write) return;
  try {
    await write(entry);
  } catch (err) {
    log.warn({ err, eventId: entry.eventId }, "could not write to the host's event log");
  }
}
