import { formatDuration } from "@iisfleet/proto/grammar";
import type { Command } from "commander";
import type { ScheduledView } from "../../api/contract/views.js";
import { contextOf } from "../context.js";
import { table } from "../format.js";
import { type ActorFlags, actorOf, actorOption, intArg, issuerAlias } from "../options.js";

export function registerScheduled(program: Command): void {
  const scheduled = program.command("scheduled").description("resets and rollouts set to start later (reset --at, rollout start --at)");

  scheduled
    .command("list")
    .description("the starts still waiting, soonest first")
    .option("--all", "also those started, missed, failed or cancelled", false)
    .option("--limit <n>", "at most this many", intArg(1, 1000, "entries"), 100)
    .action(async (o: { all: boolean; limit: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.get<{ scheduled: ScheduledView[] }>(`/api/v1/scheduled?all=${o.all ? 1 : 0}&limit=${o.limit}`);
      ctx.print(res, () =>
        res.scheduled.length === 0
          ? `Nothing set for later${o.all ? "" : " (--all for the past ones)"}. Set one: iisfleet reset HOST --at "2026-12-05 02:00" --tz Europe/Berlin`
          : table(
              ["ID", "KIND", "TARGET", "AT", "STATE", "BY", "OUTCOME"],
              res.scheduled.map((s) => [s.id, s.kind, s.target, s.at, s.state, s.createdBy, s.message || "-"]),
            ),
      );
    });

  scheduled
    .command("show")
    .description("one start set for later, with its request")
    .argument("<id>", "id from scheduled list (s-…)")
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.get<{ scheduled: ScheduledView }>(`/api/v1/scheduled/${encodeURIComponent(id)}`);
      const s = res.scheduled;
      ctx.print(res, () =>
        [
          `${s.id}: ${s.kind} of ${s.target} at ${s.at}, ${s.state}${s.message ? ` — ${s.message}` : ""}`,
          `set by ${s.createdBy} at ${new Date(s.createdMs).toISOString()}; grace ${formatDuration(s.graceMs)}${s.resultId ? `; started ${s.resultId}` : ""}`,
          `request: ${JSON.stringify(s.request)}`,
        ].join("\n"),
      );
    });

  scheduled
    .command("cancel")
    .description("cancel a start that is still waiting")
    .argument("<id>", "id from scheduled list (s-…)")
    .addOption(actorOption())
    .addOption(issuerAlias())
    .action(async (id: string, o: ActorFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.post<{ scheduled: ScheduledView }>(`/api/v1/scheduled/${encodeURIComponent(id)}/cancel`, { actor: actorOf(o) });
      ctx.print(res, () => `Cancelled ${res.scheduled.id} (${res.scheduled.kind} of ${res.scheduled.target} at ${res.scheduled.at}).`);
    });
}
