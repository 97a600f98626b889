import { z } from "zod";

const actor = z.string().regex(/^[A-Za-z0-9._@:-]{1,64}$/, "1-64 letters, digits or . _ @ : -").default("api");

/** POST /api/v1/scheduled: a reset or rollout request (the very body its own route takes) and when to start it. */
export const scheduleBody = z
  .object({
    kind: z.enum(["reset", "rollout"]),
    host: z.string().optional().describe("the host, for a reset"),
    request: z.record(z.string(), z.unknown()).describe("the body POST /api/v1/hosts/{name}/reset or POST /api/v1/rollouts takes"),
    at: z.string().min(1).max(64).describe('"2026-12-05 02:00" (read in timeZone) or an ISO 8601 time with an offset'),
    timeZone: z.string().min(1).max(64).default("UTC").describe("IANA time zone, e.g. Europe/Berlin"),
    graceMs: z.number().int().min(0).max(86_400_000).default(600_000).describe("how late it may still start if the controller was down at the time"),
    actor,
  })
  .strict()
  .refine((b) => b.kind !== "reset" || (b.host ?? "") !== "", { message: "host: a reset needs its host", path: ["host"] })
  .refine((b) => b.kind !== "rollout" || b.host === undefined, { message: "host: a rollout names its hosts in request", path: ["host"] });

export const scheduledListQuery = z
  .object({ all: z.enum(["0", "1"]).default("0"), limit: z.coerce.number().int().min(1).max(1000).default(100) })
  .strict();
export const scheduledActorBody = z.object({ actor }).strict();
export const scheduledIdParam = z.string().regex(/^s-[0-9a-f]{8}$/, "an id like s-1a2b3c4d");
