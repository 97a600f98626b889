import { formatDuration } from "@iisfleet/proto";
import type { Command } from "commander";
import type { ScheduledView } from "../../api/contract/views.js";
import { InvalidInputError } from "../../errors.js";
import { type CliContext, contextOf } from "../context.js";
import { table } from "../format.js";
import { type ActorFlags, actorOf, actorOption, anyDurationArg, intArg, issuerAlias } from "../options.js";

export interface AtFlags {
  at?: string;
  tz: string;
  grace: number;
}

/** The zone this CLI runs in: what "02:00" means to the operator typing it, unless --tz says otherwise. */
const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** --at, --tz and --grace, for commands that can start later (reset, rollout start). */
export function atOptions(cmd: Command): Command {
  return cmd
    .option("--at <time>", 'start at this time instead of now: "2026-12-05 02:00" (in --tz) or 2026-12-05T01:00:00Z; kept by the controller across restarts')
    .option("--tz <zone>", `the IANA time zone --at is in (default: this machine's, ${LOCAL_ZONE})`, LOCAL_ZONE)
    .option("--grace <duration>", "with --at: if the controller was down at that time, start at most this late, else record it as missed", anyDurationArg, 600_000);
}

/** --tz and --grace mean something only with --at: given alone they are a mistake, not silently ignored. */
export function requireAtFor(cmd: Command, o: AtFlags): void {
  if (o.at !== undefined) return;
  const given = ["tz", "grace"].filter((k) => cmd.getOptionValueSource(k) === "cli");
  if (given.length > 0) throw new InvalidInputError(`${given.map((k) => `--${k}`).join(" and ")} go${given.length === 1 ? "es" : ""} with --at.`);
}

/** Sets a start for later (POST /api/v1/scheduled) and says when, in the operator's words. `actor`: from actorOf. */
export async function scheduleStart(ctx: CliContext, kind: "reset" | "rollout", host: string | undefined, request: object, o: AtFlags, actor: string): Promise<void> {
  const res = await ctx.api.post<{ scheduled: ScheduledView & { note?: string } }>("/api/v1/scheduled", {
    kind,
    ...(host !== undefined ? { host } : {}),
    request,
    at: o.at,
    timeZone: o.tz,
    graceMs: o.grace,
    actor,
  });
  const s = res.scheduled;
  ctx.print(res, () =>
    [
      `Set ${s.id}: ${s.kind} of ${s.target} at ${s.at} (may start up to ${formatDuration(s.graceMs)} late if the controller is down then).`,
      ...(s.note ? [`Note: ${s.note}.`] : []),
      `Cancel it: iisfleet scheduled cancel ${s.id}`,
    ].join("\n"),
  );
}

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
