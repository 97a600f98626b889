import { type Command, InvalidArgumentError } from "commander";
import type { AuditView as AuditRow } from "../../api/contract/views.js";
import { WindowSpecError, parseSpan } from "../../windows/spec.js";
import { contextOf } from "../context.js";
import { formatAudit } from "../format-access.js";
import { intArg } from "../options.js";

/** "2h" (that long ago), or an ISO 8601 instant → epoch milliseconds. */
export function sinceArg(value: string, now = Date.now()): number {
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw new InvalidArgumentError(`"${value}" is not a date and time, e.g. 2025-01-31T08:00Z.`);
    return ms;
  }
  try {
    return now - parseSpan(value, "--since");
  } catch (err) {
    if (err instanceof WindowSpecError) throw new InvalidArgumentError(`${err.message.replace(/\.$/, "")}, or an ISO date such as 2025-01-31T08:00Z.`);
    throw err;
  }
}

export function registerAudit(program: Command): void {
  program
    .command("audit")
    .description("the audit log (admin): every mutating API request, allowed or refused — who, what, on what, from where")
    .option("--since <when>", "only since then: a duration ago (2h, 7d) or an ISO date (2025-01-31T08:00Z)", (v: string) => sinceArg(v))
    .option("--target <name>", "only requests on this host, rollout id, window or token id")
    .option("--limit <n>", "at most this many, newest first", intArg(1, 1000, "entries"), 50)
    .action(async (o: { since?: number; target?: string; limit: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const q = new URLSearchParams({
        limit: String(o.limit),
        ...(o.since !== undefined ? { sinceMs: String(o.since) } : {}),
        ...(o.target !== undefined ? { target: o.target } : {}),
      });
      const res = await ctx.api.get<{ audit: AuditRow[] }>(`/api/v1/audit?${q}`);
      ctx.print(res, () => formatAudit(res.audit));
    });
}
