import { formatDuration } from "@iisfleet/proto/grammar";
import type { Command } from "commander";
import type { RetentionView } from "../../api/contract/views.js";
import type { AuditView as AuditRow, CommandView as CommandDetail, CommandView as CommandRow, EventView as EventRow } from "../../api/contract/views.js";
import { IisfleetError } from "../../errors.js";
import { contextOf } from "../context.js";
import { formatAudit } from "../format-access.js";
import { formatCommand, formatHistory, formatRefusals } from "../format.js";
import { hostArg, intArg } from "../options.js";

export function registerHistory(program: Command): void {
  program
    .command("history")
    .description("recorded commands, newest first, and (for an admin token) the operator actions from the audit log")
    .option("--host <host>", "only this host", hostArg)
    .option("--limit <n>", "at most this many", intArg(1, 1000, "commands"), 20)
    .action(async (o: { host?: string; limit: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const q = new URLSearchParams({ limit: String(o.limit), ...(o.host ? { host: o.host } : {}) });
      const res = await ctx.api.get<{ commands: CommandRow[] }>(`/api/v1/commands?${q}`);
      const { refusals } = await ctx.api.get<{ refusals: EventRow[] }>(`/api/v1/refusals?${q}`);
      const { retention } = await ctx.api.get<{ retention: RetentionView }>("/api/v1/retention");
      // Who did what through the API (rollouts, cordons, windows, refused attempts): the audit log is admin-only, so
      // other roles see the commands alone, with a line saying where the rest is.
      const actions = await ctx.api
        .get<{ audit: AuditRow[] }>(`/api/v1/audit?${new URLSearchParams({ limit: String(o.limit), ...(o.host ? { target: o.host } : {}) })}`)
        .then((a) => a.audit)
        .catch((err: unknown) => {
          if (err instanceof IisfleetError && err.code === "FORBIDDEN") return undefined;
          throw err;
        });
      ctx.print({ ...res, refusals, ...(actions ? { actions } : {}), retention }, () =>
        [
          formatHistory(res.commands),
          "",
          ...(refusals.length > 0 ? [`Refused at the agents, nothing ran (newest first):\n${formatRefusals(refusals)}`, ""] : []),
          actions ? `Operator actions (audit log, newest first):\n${formatAudit(actions)}` : "Operator actions: the audit log needs an admin token (iisfleet audit).",
          "",
          formatRetention(retention),
        ].join("\n"),
      );
    });

  program
    .command("show")
    .description("one command: its steps and the progress events the agent sent")
    .argument("<command-id>", "id from history (full id)")
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.get<{ command: CommandDetail; events: EventRow[] }>(`/api/v1/commands/${encodeURIComponent(id)}`);
      ctx.print(res, () =>
        [formatCommand(res.command), "", ...res.events.map((e) => `${new Date(e.atMs).toISOString()}  ${e.kind.padEnd(17)} ${e.message}`)].join("\n"),
      );
    });
}

/** One line: how far back this history goes, and why (the controller's --retain), so an empty past is not a mystery. */
export function formatRetention(r: RetentionView): string {
  const day = (ms: number | null): string => (ms === null ? "none" : new Date(ms).toISOString().slice(0, 10));
  const kept = r.retainMs === null ? "kept in full" : `kept for ${formatDuration(r.retainMs)} (controller --retain)`;
  const audit =
    r.retainAuditMs === null ? "the audit log for up to 400 days (200,000 records)" : `the audit log for ${formatDuration(r.retainAuditMs)} (controller --retain-audit)`;
  return `History ${kept}, ${audit}. Oldest kept: command ${day(r.oldest.commandMs)}, event ${day(r.oldest.eventMs)}, audit record ${day(r.oldest.auditMs)}.`;
}
