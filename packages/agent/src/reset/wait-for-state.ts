import { type Clock, type HostPort, SvcState, Win32, svcStateName } from "../host/port.js";

export interface WaitOutcome {
  reached: boolean;
  state: SvcState;
  /** Why it did not reach the state: a deadline, a stalled checkpoint, or the service settling elsewhere. */
  reason?: "deadline" | "stuck" | "settled-elsewhere";
  win32: number;
  detail: string;
}

export interface WaitOptions {
  deadlineAtMs: number;
  /**
   * Never call a service stuck sooner than this, whatever its wait hint: a loaded host (or a service with an
   * optimistic hint) misses a checkpoint now and then, and "hung" is a verdict that changes what we do.
   */
  minStallMs: number;
  /** Poll period; Microsoft's guidance is a tenth of the wait hint, bounded — tests and the simulator use less. */
  pollMs: number;
}

const PENDING = new Set([SvcState.StartPending, SvcState.StopPending, SvcState.ContinuePending, SvcState.PausePending]);

/**
 * Polls a service until it reaches `target`. Like the SCM's own clients, it watches dwCheckPoint: a service
 * whose checkpoint has not advanced for longer than its wait hint is stuck (Win32 1053), even before the
 * overall deadline — that is how a hung stop is told apart from a slow one.
 */
export async function waitForState(
  host: HostPort,
  clock: Clock,
  name: string,
  target: SvcState,
  opts: WaitOptions,
): Promise<WaitOutcome> {
  let lastCheckpoint = -1;
  let lastProgressAt = clock.now();
  for (;;) {
    const info = await host.queryService(name);
    if (info.state === target) return { reached: true, state: info.state, win32: Win32.SUCCESS, detail: "" };
    const now = clock.now();
    if (!PENDING.has(info.state)) {
      // Not pending and not the target: it settled somewhere else (e.g. a start that crashed back to STOPPED).
      return {
        reached: false,
        state: info.state,
        reason: "settled-elsewhere",
        win32: info.win32ExitCode || (target === SvcState.Running ? Win32.PROCESS_ABORTED : Win32.SERVICE_REQUEST_TIMEOUT),
        detail: `${name} went to ${svcStateName(info.state)} instead of ${svcStateName(target)}`,
      };
    }
    if (info.checkpoint !== lastCheckpoint) {
      lastCheckpoint = info.checkpoint;
      lastProgressAt = now;
    } else if (info.waitHintMs > 0 && now - lastProgressAt > Math.max(info.waitHintMs, opts.minStallMs) + opts.pollMs) {
      return {
        reached: false,
        state: info.state,
        reason: "stuck",
        win32: Win32.SERVICE_REQUEST_TIMEOUT,
        detail: `${name} is stuck in ${svcStateName(info.state)}: checkpoint ${info.checkpoint} has not advanced for ${now - lastProgressAt} ms (wait hint ${info.waitHintMs} ms)`,
      };
    }
    if (now >= opts.deadlineAtMs) {
      return {
        reached: false,
        state: info.state,
        reason: "deadline",
        win32: Win32.SERVICE_REQUEST_TIMEOUT,
        detail: `${name} did not reach ${svcStateName(target)} before the deadline (still ${svcStateName(info.state)})`,
      };
    }
    await clock.sleep(Math.min(opts.pollMs, Math.max(1, opts.deadlineAtMs - now)));
  }
}
