// --at, --tz and --grace: a reset or a rollout started later instead of now (POST /api/v1/scheduled). Shared by the
// commands that can start later; kept out of commands/ so that loading one of them loads no other command.
import { formatDuration } from "@iisfleet/proto/grammar";
import type { Command } from "commander";
import type { ScheduledView } from "../api/contract/views.js";
import { InvalidInputError } from "../errors.js";
import type { CliContext } from "./context.js";
import { names } from "./format.js";
import { anyDurationArg } from "./options.js";

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

/** " (pool ShopPool)", " (sites A, B)": what a start set for later names, or "". */
function namedPart(r: { pools?: string[]; sites?: string[] }): string {
  if (r.pools?.length) return ` (${names(r.pools, "pool")})`;
  if (r.sites?.length) return ` (${names(r.sites, "site")})`;
  return "";
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
      `Set ${s.id}: ${s.kind} of ${s.target}${namedPart(s.request)} at ${s.at} (may start up to ${formatDuration(s.graceMs)} late if the controller is down then).`,
      ...(s.note ? [`Note: ${s.note}.`] : []),
      `Cancel it: iisfleet scheduled cancel ${s.id}`,
    ].join("\n"),
  );
}
