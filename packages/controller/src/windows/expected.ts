/**
 * How long a batch is expected to take, from what these hosts actually took before: the 95th percentile of their
 * recorded restart durations (as the controller saw them, command created to answer recorded). A host with no
 * history counts as DEFAULT_EXPECTED_RESET_MS, so a batch with a newcomer is judged conservatively.
 */
import type { CommandStore } from "../store/commands.js";
import { DEFAULT_EXPECTED_RESET_MS } from "../api/contract/defaults.js";
import { p95 } from "./schedule.js";

/** What a reset is assumed to take when a host has no recorded one (stated in the CLI help and the README). */
export { DEFAULT_EXPECTED_RESET_MS };
/** The newest successful restarts per host that count. */
export const HISTORY_PER_HOST = 20;

export function resetDurations(commands: CommandStore, host: string): number[] {
  return commands
    .list({ host, limit: HISTORY_PER_HOST * 3 })
    .filter((c) => c.kind === "reset" && c.operation === "restart" && c.state === "succeeded" && c.finishedMs !== null)
    .slice(0, HISTORY_PER_HOST)
    .map((c) => (c.finishedMs as number) - c.createdMs);
}

export interface Expected {
  expectedMs: number;
  /** Hosts that had history; the others counted as the default. */
  fromHistory: number;
}

export function expectedResetMs(commands: CommandStore, hosts: readonly string[]): Expected {
  const pooled: number[] = [];
  let fromHistory = 0;
  for (const h of hosts) {
    const d = resetDurations(commands, h);
    if (d.length > 0) fromHistory++;
    pooled.push(...d);
  }
  const fromSamples = p95(pooled) ?? 0;
  return { expectedMs: Math.max(fromSamples, fromHistory < hosts.length ? DEFAULT_EXPECTED_RESET_MS : 0), fromHistory };
}
