/**
 * Limits on what an agent may put into the controller (issue #15, finding 3): a stolen seed, or a buggy agent, must
 * not be able to grow the event log without bound, write events dated anywhere in time, or attach its events to
 * another host's command. Each breach has a reason: the `reason` label of iisfleet_malformed_messages_total.
 */
export type InputRejection = "too-large" | "event-time" | "too-many-events" | "foreign-command";

/** A progress event is a step and a sentence; 16 KiB leaves room for long Win32 messages, not for a payload. */
export const MAX_EVENT_BYTES = 16 * 1024;
/** A reset reports a few dozen steps; a thousand is a loop or an attack. */
export const MAX_EVENTS_PER_COMMAND = 1_000;
/** An event dated further than this from the controller's clock is not believed (clocks are NTP-synced). */
export const EVENT_TIME_WINDOW_MS = 5 * 60_000;
/** Commands whose event counts are remembered; the oldest are forgotten first (a command runs at most hours). */
const TRACKED_COMMANDS = 10_000;

export class EventLimits {
  private readonly perCommand = new Map<string, number>();

  /** Why this event must be dropped, or undefined. `commandHost`: the host of the command it names, if known. */
  check(e: { bytes: number; atMs: number; commandId: string; host: string; commandHost: string | undefined; now: number }): InputRejection | undefined {
    if (e.bytes > MAX_EVENT_BYTES) return "too-large";
    if (e.atMs !== 0 && Math.abs(e.atMs - e.now) > EVENT_TIME_WINDOW_MS) return "event-time";
    if (e.commandHost !== e.host) return "foreign-command";
    const n = (this.perCommand.get(e.commandId) ?? 0) + 1;
    if (n > MAX_EVENTS_PER_COMMAND) return "too-many-events";
    this.perCommand.delete(e.commandId); // re-inserted last: the map's order is its age
    this.perCommand.set(e.commandId, n);
    if (this.perCommand.size > TRACKED_COMMANDS) {
      const oldest = this.perCommand.keys().next().value;
      if (oldest !== undefined) this.perCommand.delete(oldest);
    }
    return undefined;
  }
}

/**
 * At most `burst` records per window (security events, log lines): whoever can publish garbage must not fill the
 * history or the log through us.
 * What is held back is still counted (the metric), and the next record says how many were held.
 */
export class RecordGate {
  private windowStart = 0;
  private sent = 0;
  private held = 0;

  constructor(
    private readonly burst = 20,
    private readonly windowMs = 10_000,
  ) {}

  /** Whether to record this one; `heldBefore`: how many were held back since the last one recorded. */
  admit(now: number): { record: boolean; heldBefore: number } {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.sent = 0;
    }
    if (this.sent >= this.burst) {
      this.held++;
      return { record: false, heldBefore: 0 };
    }
    this.sent++;
    const heldBefore = this.held;
    this.held = 0;
    return { record: true, heldBefore };
  }
}
