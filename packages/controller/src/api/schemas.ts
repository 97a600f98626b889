import { OPERATIONS, RESET_LEVELS } from "@iisfleet/proto";
import { z } from "zod";

/** Bodies and query strings, validated at the edge; everything past the router trusts these types. */
export const resetBody = z
  .object({
    operation: z.enum(OPERATIONS).default("restart"),
    level: z.enum(RESET_LEVELS).default("iis"),
    force: z.boolean().default(false),
    timeoutMs: z.number().int().min(0).max(3_600_000).default(0),
    issuer: z
      .string()
      .regex(/^[A-Za-z0-9._@:-]{1,64}$/, "issuer: 1-64 letters, digits or . _ @ : -")
      .default("api"),
  })
  .strict();
export type ResetBody = z.infer<typeof resetBody>;

export const historyQuery = z.object({
  host: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});
