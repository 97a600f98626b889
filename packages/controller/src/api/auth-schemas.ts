import { z } from "zod";
import { ROLES } from "../auth/roles.js";

/** Token and audit bodies and queries, validated at the edge. */
export const tokenBody = z
  .object({
    name: z.string().max(48),
    role: z.enum(ROLES),
    // From the moment it is created; absent: the token does not expire (revoke it when it is no longer needed).
    expiresInMs: z.number().int().min(60_000).max(10 * 366 * 86_400_000).optional(),
  })
  .strict();

export const auditQuery = z
  .object({
    sinceMs: z.coerce.number().int().min(0).optional(),
    target: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

export const tokenIdParam = z.string().regex(/^tok_[0-9a-f]{12}$/, "a token id, e.g. tok_1a2b3c4d5e6f (see iisfleet token list)");

/** A POST action that takes no options. */
export const emptyBody = z.object({}).strict();
