// What an agent process did, read from its own log (pino JSON lines on stderr) rather than from the controller.
import type { Proc } from "./processes.js";

/** The ids of the resets an agent process started, in order. */
export function resetsStarted(p: Proc): string[] {
  return p
    .stderr()
    .split("\n")
    .filter((l) => l.includes("reset started"))
    .map((l) => (JSON.parse(l) as { commandId: string }).commandId);
}
