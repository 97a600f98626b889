import type { NotRunning, ReportCode } from "./types.js";

/** How a run ends early: the report's code and sentence, and what was left not running. */
export class Failure extends Error {
  constructor(
    readonly code: ReportCode,
    message: string,
    readonly notRestored?: NotRunning[],
  ) {
    super(message);
  }
}

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Why nothing pool- or site-level can be done: IIS itself is down ("WAS STOPPED", "W3SVC STOPPED"). */
export const notServing = (down: readonly string[]): string =>
  `IIS is not serving (${down.join(", ")}), so no application pool or site runs. Start IIS first (--operation start).`;
