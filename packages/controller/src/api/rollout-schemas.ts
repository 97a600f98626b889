import { OPERATIONS, RESET_LEVELS, isValidHostName } from "@iisfleet/proto";
import { z } from "zod";
import { namedTargetFields, namedTargetsIssue } from "./named-targets.js";
import { DEFAULT_BLOCKED_GRACE_MS, type RolloutDefinition } from "../rollout/definition.js";
import type { WindowRequest } from "../rollout/service.js";
import { RolloutSpecError, parseAmount, parseBatchSpec } from "../rollout/spec.js";

const hostName = z.string().refine(isValidHostName, "must be a host name (a DNS label in lower case)");
const actor = z.string().regex(/^[A-Za-z0-9._@:-]{1,64}$/, "1-64 letters, digits or . _ @ : -").default("api");

/** Turns a spec parser's sentence into a zod issue, so the API answers 400 with the same words the CLI uses. */
function specField<T>(parse: (s: string) => T) {
  return z.string().transform((s, ctx) => {
    try {
      return parse(s);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: err instanceof RolloutSpecError ? err.message : String(err) });
      return z.NEVER;
    }
  });
}

export const rolloutBody = z
  .object({
    farm: hostName.optional(),
    tags: z.record(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/), z.string().max(256)).default({}),
    hosts: z.array(hostName).max(10_000).default([]),
    exclude: z.array(hostName).max(10_000).default([]),
    batch: specField(parseBatchSpec).default(parseBatchSpec("1")),
    canary: z.number().int().min(0).max(10_000).default(0),
    canaryApproval: z.enum(["auto", "manual"]).default("auto"),
    maxUnavailable: specField((s) => parseAmount(s)).optional(),
    maxFailures: specField((s) => parseAmount(s, { allowZero: true })).default(parseAmount("0", { allowZero: true })),
    level: z.enum(RESET_LEVELS).default("iis"),
    // The unit: with pools, recycle them on each host; with sites, restart them on each host.
    ...namedTargetFields,
    operation: z.enum(OPERATIONS).default("restart").describe("restart only: a rollout takes each host's unit down and brings it back"),
    force: z.boolean().default(false),
    timeoutMs: z.number().int().min(0).max(3_600_000).default(0),
    bakeMs: z.number().int().min(0).max(24 * 3_600_000).default(0),
    deadlineMs: z.number().int().min(1_000).max(24 * 3_600_000).optional(),
    order: z.enum(["name", "random", "unhealthy-first"]).default("name"),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
    // Maintenance windows: keep to this one (default: the farm's), what to do when it ends, or start now (override).
    window: z.string().max(64).optional(),
    onWindowEnd: z.enum(["continue", "fail"]).default("continue"),
    // Blocked (no host can start, nothing under way would change that): report it and wait, or fail after a grace.
    onBlocked: z.enum(["wait", "fail"]).default("wait"),
    blockedGraceMs: z.number().int().min(0).max(24 * 3_600_000).default(DEFAULT_BLOCKED_GRACE_MS),
    now: z.boolean().default(false),
    reason: z.string().trim().max(500).optional(),
    // Load-balancer drain: the farms' settings apply unless drain is false (--no-drain).
    drain: z.boolean().default(true),
    ignoreDrainFailure: z.boolean().default(false),
    // Leave out targets that are offline now (unhealthy ones that still report stay: a reset may bring them back).
    skipOffline: z.boolean().default(false),
    actor,
  })
  .strict()
  .refine((b) => b.farm !== undefined || Object.keys(b.tags).length > 0 || b.hosts.length > 0, {
    message: "say which hosts: a farm, tags or a host list (a rollout never defaults to the whole fleet)",
  })
  .refine((b) => !b.now || (b.reason ?? "") !== "", { message: "now: an override needs a reason: who and why are recorded" })
  .refine((b) => b.now || b.reason === undefined, { message: "reason: goes with now (an override of the maintenance window)" })
  .refine((b) => !(b.now && b.window !== undefined), { message: "use window or now, not both: now starts outside any window" })
  .superRefine((b, ctx) => {
    namedTargetsIssue(b, ctx);
    // Stopping (or starting) a farm's sites batch by batch would leave every batch down: that is `site stop`, per host.
    if (b.operation !== "restart") {
      ctx.addIssue({ code: "custom", path: ["operation"], message: `a rollout restarts each host's unit and waits for it to be healthy; "${b.operation}" is done host by host, not as a rollout` });
    }
  });

export type RolloutBody = z.infer<typeof rolloutBody>;

export function definitionOf(b: RolloutBody): RolloutDefinition {
  return {
    targets: { ...(b.farm !== undefined ? { farm: b.farm } : {}), tags: b.tags, hosts: b.hosts, exclude: b.exclude },
    batch: b.batch,
    canary: b.canary,
    canaryApproval: b.canaryApproval,
    maxUnavailable: b.maxUnavailable ?? null,
    maxFailures: b.maxFailures,
    level: b.level,
    ...(b.pools.length > 0 ? { pools: b.pools } : {}),
    ...(b.startStopped ? { startStopped: true } : {}),
    ...(b.sites.length > 0 ? { sites: b.sites, operation: "restart" as const } : {}),
    force: b.force,
    timeoutMs: b.timeoutMs,
    bakeMs: b.bakeMs,
    ...(b.deadlineMs !== undefined ? { deadlineMs: b.deadlineMs } : {}),
    order: b.order,
    seed: b.seed,
    onWindowEnd: b.onWindowEnd,
    onBlocked: b.onBlocked,
    blockedGraceMs: b.blockedGraceMs,
    ...(b.drain ? {} : { skipDrain: true }),
    ...(b.ignoreDrainFailure ? { ignoreDrainFailure: true } : {}),
    ...(b.skipOffline ? { skipOffline: true } : {}),
  };
}

/** The window part of a rollout body, which the rollout service settles against the stored windows. */
export function windowRequestOf(b: RolloutBody): WindowRequest {
  return { window: b.window, nowReason: b.now ? b.reason : undefined };
}

export const actorBody = z.object({ actor }).strict();
export const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(20) }).strict();
