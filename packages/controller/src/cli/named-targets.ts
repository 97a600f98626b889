// --pool, --site and --start-stopped: the application pools or sites a reset or a rollout names. Shared by reset,
// recycle, site and rollout; kept out of commands/ so that loading one of them loads no other command.
import { type ResetLevelName, targetsProblem } from "@iisfleet/proto/grammar";
import type { Command } from "commander";
import { InvalidInputError } from "../errors.js";

export interface NamedTargetFlags {
  pool?: string[];
  site?: string[];
  startStopped?: boolean;
}

/** The request fields these flags fill, so that the API's sentence about one reaches the user with the flag's name. */
export const NAMED_TARGET_FLAGS: Readonly<Record<string, string>> = { pools: "--pool", sites: "--site", startStopped: "--start-stopped" };

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** --pool NAME (repeatable) and --start-stopped. */
export function poolOptions(cmd: Command, help: string): Command {
  return cmd
    .option("--pool <name>", help, collect)
    .option("--start-stopped", "with --pool: start a named pool that is stopped (default: report it and leave it stopped)", false);
}

/** --site NAME (repeatable). */
export function siteOption(cmd: Command, help: string): Command {
  return cmd.option("--site <name>", help, collect);
}

/**
 * The level a command means: --level when given; else --pool implies recycle and --site implies site (`rollout
 * start --farm shop --pool ShopPool` recycles ShopPool), else the command's default.
 */
export function impliedLevel(cmd: Command, o: NamedTargetFlags & { level: string }): ResetLevelName {
  if (cmd.getOptionValueSource("level") === "cli") return o.level as ResetLevelName;
  if ((o.pool ?? []).length > 0) return "recycle";
  if ((o.site ?? []).length > 0) return "site";
  return o.level as ResetLevelName;
}

/**
 * The body fields for these flags, checked with IIS's own name rules before anything is sent; the sentence names the
 * flag (the API names the field for the same problem).
 */
export function namedTargetsOf(level: ResetLevelName, o: NamedTargetFlags): { pools: string[]; sites: string[]; startStopped: boolean } {
  const pools = o.pool ?? [];
  const sites = o.site ?? [];
  const problem = targetsProblem(level, pools, sites);
  if (problem) throw new InvalidInputError(`${NAMED_TARGET_FLAGS[problem.field]}: ${problem.sentence}.`);
  if (o.startStopped && pools.length === 0) {
    throw new InvalidInputError("--start-stopped goes with --pool: without names only the started pools are recycled.");
  }
  return { pools, sites, startStopped: o.startStopped === true };
}
