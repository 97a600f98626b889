import { MAX_NAMED_TARGETS, type ResetLevelName, targetsProblem } from "@iisfleet/proto";
import { z } from "zod";

/**
 * The application pools and sites a reset or a rollout names (level recycle: just these pools; level site: these
 * sites), in the request bodies that start one. Names are checked by the same rules the agent applies (IIS's own),
 * so a bad one is a 400 naming the field before anything is sent.
 */
export const namedTargetFields = {
  pools: z
    .array(z.string().max(1000))
    .max(MAX_NAMED_TARGETS * 4)
    .default([])
    .describe("level recycle: recycle only these application pools (as IIS names them, compared without case); empty: every started pool"),
  startStopped: z.boolean().default(false).describe("with pools: a named pool that is stopped is started instead of reported and left alone"),
  sites: z.array(z.string().max(1000)).max(MAX_NAMED_TARGETS * 4).default([]).describe("level site: the sites to stop, start or restart (required with that level)"),
};

export interface NamedTargets {
  level: ResetLevelName;
  pools: string[];
  startStopped: boolean;
  sites: string[];
}

/** Adds the issue (on the field it is about) when the named pools or sites do not fit the level, else nothing. */
export function namedTargetsIssue(b: NamedTargets, ctx: z.RefinementCtx): void {
  const problem = namedTargetsProblem(b);
  if (problem) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.sentence });
}

/**
 * targetsProblem (IIS's name rules, which names go with which level), and startStopped, which only means something
 * with named pools: without names a recycle touches only the pools that run.
 */
export function namedTargetsProblem(b: NamedTargets): { field: "pools" | "sites" | "startStopped"; sentence: string } | undefined {
  const problem = targetsProblem(b.level, b.pools, b.sites);
  if (problem) return problem;
  if (b.startStopped && b.pools.length === 0) return { field: "startStopped", sentence: "goes only with named pools (level recycle): without names only the started pools are recycled" };
  return undefined;
}
