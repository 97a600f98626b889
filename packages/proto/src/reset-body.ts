import { v1 } from "./wire.js";

type ResetRequest = v1.IResetRequest;

/** Whether a reset names pools or sites: then it must travel as Command.targeted_reset (see the .proto). */
export function namesTargets(req: ResetRequest): boolean {
  return (req.pools?.length ?? 0) > 0 || (req.sites?.length ?? 0) > 0 || req.startStopped === true || req.level === v1.ResetLevel.RESET_LEVEL_SITE;
}

/** The command body a controller sends for a reset: `targetedReset` when it names pools or sites, else `reset`. */
export function resetBody(req: ResetRequest): { reset: ResetRequest } | { targetedReset: ResetRequest } {
  return namesTargets(req) ? { targetedReset: req } : { reset: req };
}

const KNOWN_LEVELS: ReadonlySet<number> = new Set(Object.values(v1.ResetLevel).filter((v): v is number => typeof v === "number"));
const KNOWN_OPERATIONS: ReadonlySet<number> = new Set(Object.values(v1.Operation).filter((v): v is number => typeof v === "number"));

/**
 * The reset a command carries, as an agent must read it, or why it cannot be run. An enum value this build does not
 * know is refused rather than read as the default (a level from a newer controller must never become a whole IIS
 * reset), and names travel only in `targetedReset`, so a controller that put them in `reset` is refused too: an agent
 * that predates them would have dropped them and reset more than was asked.
 */
export function readResetBody(cmd: { reset?: ResetRequest | null; targetedReset?: ResetRequest | null }): { request: ResetRequest } | { problem: string } | undefined {
  const request = cmd.targetedReset ?? cmd.reset;
  if (!request) return undefined;
  if (request.level != null && !KNOWN_LEVELS.has(request.level)) return { problem: `its reset level (${request.level}) is not one this agent knows` };
  if (request.operation != null && !KNOWN_OPERATIONS.has(request.operation)) return { problem: `its operation (${request.operation}) is not one this agent knows` };
  if (!cmd.targetedReset && namesTargets(request)) return { problem: "it names pools or sites in a plain reset, where an older agent would not see them (they travel as targeted_reset)" };
  return { request };
}
