import { z } from "zod";

/**
 * What the API accepts: the request bodies, query strings and path parameters every route declares (routes.ts),
 * validated at the edge by the router before a handler runs. The schemas that turn an operator's words into domain
 * values (a batch ramp, a window) live beside those values and are re-exported here, so this is the one place to
 * look for what a request may say.
 */
export { cordonBody, forgetBody, historyQuery, notifyShowQuery, resetBody } from "../schemas.js";
export { notifyActorBody, notifyName, notifyTargetBody } from "../../notify/config.js";
export { scheduleBody, scheduledActorBody, scheduledIdParam, scheduledListQuery } from "../schedule-schemas.js";
export { actorBody, listQuery, rolloutBody } from "../rollout-schemas.js";
export { statusQuery } from "../status-schema.js";
export { auditQuery, emptyBody, tokenBody, tokenIdParam } from "../auth-schemas.js";
export { drainActorBody, drainSetBody } from "../drain-schemas.js";
export { windowActorBody, windowBody, windowShowQuery } from "../window-schemas.js";

// Host names are matched case-insensitively and lower-cased (a Windows computer name), hence the mixed-case pattern.
export const hostNameParam = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/).describe("host name (a DNS label)");
export const farmNameParam = hostNameParam.describe("farm name (a DNS label)");
export const rolloutIdParam = z.string().min(1).max(64).describe("rollout id, e.g. r-1a2b3c4d");
export const commandIdParam = z.string().min(1).max(64).describe("command id (a UUID), or a unique prefix of 6 characters or more");
export const windowNameParam = z.string().min(1).max(64).describe("window name");
export const fileParam = z.string().describe("file name");

/** GET /api/v1/events: the event log by cursor. */
export const eventsQuery = z
  .object({
    since: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    kinds: z
      .string()
      .regex(/^[a-z.-]+(,[a-z.-]+)*$/, "a comma-separated list of event kinds or prefixes, e.g. rollout,host.liveness")
      .optional(),
  })
  .strict();

/** The WebSocket stream on the same path: from which event on, and which kinds. */
export const streamQuery = z
  .object({
    since: z.coerce.number().int().min(0).optional(),
    kinds: z
      .string()
      .regex(/^[a-z.-]+(,[a-z.-]+)*$/, "a comma-separated list of event kinds or prefixes, e.g. rollout,host.liveness")
      .optional(),
  })
  .strict();
