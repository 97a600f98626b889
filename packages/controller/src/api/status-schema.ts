import { isValidHostName, parseTag } from "@iisfleet/proto";
import { z } from "zod";
import type { StatusFilter } from "../fleet/filter.js";

import { DEFAULT_STATUS_TIMEOUT_MS, MAX_STATUS_TIMEOUT_MS } from "./contract/defaults.js";

export { DEFAULT_STATUS_TIMEOUT_MS, MAX_STATUS_TIMEOUT_MS };

const flag = z
  .enum(["1", "0", "true", "false"], { error: 'use 1, 0, true or false' })
  .transform((v) => v === "1" || v === "true");

const label = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .refine(isValidHostName, "use 1-63 letters, digits or hyphens, not starting or ending with a hyphen");

const tag = z.string().refine(
  (v) => {
    try {
      parseTag(v);
      return true;
    } catch {
      return false;
    }
  },
  { error: (issue) => `"${String(issue.input)}" is not KEY=VALUE (key: 1-64 letters, digits, _ . -; value without spaces)` },
);

/** GET /api/v1/status. Unknown parameters are refused, so a typo (`tags=`) never widens a query silently. */
export const statusQuery = z
  .object({
    farm: label.optional(),
    tag: z.array(tag).max(32).default([]),
    host: z.array(label).max(10_000).default([]),
    live: flag.default(false),
    timeoutMs: z.coerce.number().int().min(1).max(MAX_STATUS_TIMEOUT_MS).default(DEFAULT_STATUS_TIMEOUT_MS),
    /** 0: names and liveness only (big fleets, scripts); 1: every host's services and app pools. */
    detail: flag.default(true),
    /**
     * With live and detail: each answered host as its table row (`row`: counts, and names only of what is not
     * running) instead of its full facts — what `iisfleet status --live` prints, at a fifth of the bytes.
     */
    rows: flag.default(false),
  })
  .strict();
export type StatusQuery = z.infer<typeof statusQuery>;

/** URLSearchParams to the shape statusQuery expects: `tag` and `host` repeat, everything else is single. */
export function statusQueryInput(query: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(query.keys())) {
    out[key] = key === "tag" || key === "host" ? query.getAll(key) : query.get(key);
  }
  return out;
}

export function filterOf(q: StatusQuery): StatusFilter {
  return {
    ...(q.farm ? { farm: q.farm } : {}),
    tags: Object.fromEntries(q.tag.map((t) => parseTag(t))),
    hosts: [...new Set(q.host)],
  };
}
