import { isValidHostName } from "@iisfleet/proto";
import { z } from "zod";
import type { NewWindow } from "../windows/service.js";

/**
 * Window bodies and queries. Types and ranges are checked here; what a cron expression, a time zone or a
 * duration/cutoff pair means is checked by windows/spec.ts, which the CLI also calls, so both say the same sentence.
 */
const actor = z.string().regex(/^[A-Za-z0-9._@:-]{1,64}$/, "1-64 letters, digits or . _ @ : -").default("api");

export const windowBody = z
  .object({
    name: z.string().max(64),
    cron: z.string().max(200),
    timeZone: z.string().max(64),
    durationMs: z.number().int(),
    cutoffMs: z.number().int().default(0),
    farm: z.string().refine(isValidHostName, "must be a farm name (a DNS label in lower case)").optional(),
    tags: z.record(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/), z.string().max(256)).default({}),
    blackout: z.boolean().default(false),
    default: z.boolean().default(false),
    actor,
  })
  .strict();

export function newWindowOf(b: z.infer<typeof windowBody>): NewWindow {
  return {
    name: b.name,
    cron: b.cron,
    timeZone: b.timeZone,
    durationMs: b.durationMs,
    cutoffMs: b.cutoffMs,
    farm: b.farm,
    tags: b.tags,
    blackout: b.blackout,
    farmDefault: b.default,
  };
}

export const windowShowQuery = z.object({
  count: z.coerce.number().int().min(1).max(100).default(5),
  /** Openings from this date (the start of that day in the window's zone) or ISO instant instead of from now. */
  from: z.string().max(40).optional(),
});
export const windowActorBody = z.object({ actor }).strict();
