// What an agent process did, read from its own log (pino JSON lines on stderr) or result journal rather than from the
// controller; and a standby pair member's role.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { v1 } from "@iisfleet/proto";
import type { Proc } from "./processes.js";

/** The ids of the resets an agent process started, in order. */
export function resetsStarted(p: Proc): string[] {
  return p
    .stderr()
    .split("\n")
    .filter((l) => l.includes("reset started"))
    .map((l) => (JSON.parse(l) as { commandId: string }).commandId);
}

/** Command ids an agent's own result journal (in its state dir) says it ran: succeeded or failed, refusals and start markers aside. */
export function commandsRan(stateDir: string): string[] {
  return readFileSync(join(stateDir, "results.journal"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => v1.CommandResult.decode(Buffer.from(l, "base64")))
    .filter((r) => r.outcome === v1.Outcome.OUTCOME_SUCCEEDED || r.outcome === v1.Outcome.OUTCOME_FAILED)
    .map((r) => r.commandId);
}

/** A standby pair member's role as its public health answer says it (undefined: not answering, or not --ha). */
export async function haRole(controllerUrl: string): Promise<string | undefined> {
  try {
    return ((await (await fetch(`${controllerUrl}/api/v1/health`)).json()) as { ha?: { role: string } }).ha?.role;
  } catch {
    return undefined;
  }
}
