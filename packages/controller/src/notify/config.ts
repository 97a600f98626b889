import { z } from "zod";
import { redactedUrl } from "../drain/config.js";
import type { NotifyTargetRow } from "../store/index.js";
import { NOTIFY_KINDS } from "./kinds.js";

const actor = z.string().regex(/^[A-Za-z0-9._@:-]{1,64}$/, "1-64 letters, digits or . _ @ : -").default("api");

export const notifyName = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9])?$/, "1-64 letters, digits, - or _, starting and ending with a letter or digit");

/** POST /api/v1/notifications: one target, validated field by field. */
export const notifyTargetBody = z
  .object({
    name: notifyName,
    url: z.url({ protocol: /^https?$/, error: "must be an http or https URL" }).max(2_048),
    events: z.array(z.enum(NOTIFY_KINDS)).min(1).max(NOTIFY_KINDS.length),
    format: z.enum(["generic", "teams", "slack"]).default("generic"),
    // The HMAC-SHA256 key (from the CLI's --secret-file); 16 bytes at least, so a signature means something.
    secret: z.string().min(16, "at least 16 characters").max(4_096).optional(),
    actor,
  })
  .strict();
export type NotifyTargetBody = z.infer<typeof notifyTargetBody>;

export const notifyActorBody = z.object({ actor }).strict();

/** A target as the API shows it: the secret as "(set)", and the URL without what services hide secrets in. */
export interface NotifyTargetView {
  name: string;
  url: string;
  format: NotifyTargetRow["format"];
  events: string[];
  secret: "(set)" | null;
  createdBy: string;
  createdMs: number;
}

export function targetView(t: NotifyTargetRow): NotifyTargetView {
  return {
    name: t.name,
    url: redactedWebhookUrl(t.url),
    format: t.format,
    events: t.events,
    secret: t.secret === null ? null : "(set)",
    createdBy: t.createdBy,
    createdMs: t.createdMs,
  };
}

/**
 * Slack's and Teams' webhook URLs are secrets in their path (hooks.slack.com/services/T…/B…/…), so the path goes
 * too: scheme, host and port are enough to recognise a target.
 */
export function redactedWebhookUrl(raw: string): string {
  const shown = redactedUrl(raw);
  try {
    const url = new URL(raw);
    return url.pathname === "/" && url.search === "" ? shown : `${url.protocol}//${url.username ? "(set)@" : ""}${url.host}/(set)`;
  } catch {
    return shown;
  }
}
