import { OPERATIONS, RESET_LEVELS, invalidLevelOperation, levelOperationSentence } from "@iisfleet/proto";
import { z } from "zod";
import { namedTargetFields, namedTargetsIssue } from "./named-targets.js";

/** Bodies and query strings, validated at the edge; everything past the router trusts these types. */
export const resetBody = z
  .object({
    operation: z.enum(OPERATIONS).default("restart"),
    level: z.enum(RESET_LEVELS).default("iis"),
    force: z.boolean().default(false),
    timeoutMs: z.number().int().min(0).max(3_600_000).default(0),
    rebootOnError: z.boolean().default(false),
    skipHealth: z.boolean().default(false),
    issuer: z
      .string()
      .regex(/^[A-Za-z0-9._@:-]{1,64}$/, "issuer: 1-64 letters, digits or . _ @ : -")
      .default("api"),
    // Maintenance windows: reset even outside the host's window (or in a blackout); recorded with issuer and reason.
    now: z.boolean().default(false),
    reason: z.string().trim().max(500).optional(),
    ...namedTargetFields,
  })
  .strict()
  .refine((b) => !b.now || (b.reason ?? "") !== "", { message: "now: an override needs a reason: who and why are recorded" })
  .refine((b) => b.now || b.reason === undefined, { message: "reason: goes with now (an override of the maintenance window)" })
  // A usage error, never sent: not a command that fails on the host (and is recorded and counted as one).
  .superRefine((b, ctx) => {
    const bad = invalidLevelOperation(b.level, b.operation);
    if (bad) ctx.addIssue({ code: "custom", path: ["level"], message: levelOperationSentence(bad, (f, v) => (f === "level" ? `"${v}"` : `${f} "${v}"`)) });
    namedTargetsIssue(b, ctx);
  });
export type ResetBody = z.infer<typeof resetBody>;

const issuer = z
  .string()
  .regex(/^[A-Za-z0-9._@:-]{1,64}$/, "issuer: 1-64 letters, digits or . _ @ : -")
  .default("api");

export const cordonBody = z
  .object({
    cordoned: z.boolean(),
    reason: z.string().max(200).default(""),
    issuer,
  })
  .strict();

export const forgetBody = z
  .object({
    reason: z.string().max(200).default(""),
    issuer,
  })
  .strict();

// Strict, like every query: a misspelt parameter (?hots=web01) is an error, not a silently wider answer.
export const historyQuery = z
  .object({
    host: z.string().optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(50),
  })
  .strict();

/** GET /api/v1/notifications/:name: how many of its latest deliveries. */
export const notifyShowQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(20) }).strict();
