import type { Clock } from "../host/port.js";

/**
 * Tells the controller about commands refused at the gate (bad signature, untrusted key, replay, wrong host,
 * expired), so its history shows the attempt. Whoever can flood the command subject must not be able to flood
 * the history through us: at most `burst` reports per window, and the next report says how many were held back.
 */
export class RefusalReporter {
  private windowStart = 0;
  private sent = 0;
  private suppressed = 0;

  constructor(
    private readonly clock: Clock,
    private readonly publish: (commandId: string, message: string) => void,
    private readonly burst = 10,
    private readonly windowMs = 10_000,
  ) {}

  report(commandId: string, code: string, message: string): void {
    const now = this.clock.now();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.sent = 0;
    }
    if (this.sent >= this.burst) {
      this.suppressed++;
      return;
    }
    this.sent++;
    const held = this.suppressed > 0 ? ` (${this.suppressed} more refusal${this.suppressed === 1 ? "" : "s"} not reported before this one)` : "";
    this.suppressed = 0;
    this.publish(commandId, `${code}: ${message}${held}`);
  }
}
