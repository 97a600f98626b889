import { type Command, InvalidArgumentError } from "commander";
import { InvalidInputError } from "../../errors.js";
import type { OpeningView, WindowView } from "../../api/contract/views.js";
import { WindowSpecError, parseSpan, validateWindow } from "../../windows/spec.js";
import { contextOf } from "../context.js";
import { formatOpenings, formatWindow, formatWindowList } from "../format-window.js";
import { type ActorFlags, actorOf, actorOption, hostArg, intArg, issuerAlias, tagArg } from "../options.js";

/** A date or an ISO instant; the controller reads a date in the window's own zone. */
function fromArg(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError(`"${value}" is not a date (2027-10-31) or an ISO instant with its zone (2027-10-31T02:00:00Z).`);
  }
  return value;
}

interface AddFlags {
  cron: string;
  duration: string;
  tz: string;
  cutoff?: string;
  farm?: string;
  tag?: Record<string, string>;
  blackout: boolean;
  default: boolean;
  actor: string;
  issuer?: string;
}

/** The same checks the controller makes, here too, so a typo is one sentence and exit 2 without a round trip. */
function bodyOf(name: string, o: AddFlags) {
  try {
    const durationMs = parseSpan(o.duration, "--duration");
    const cutoffMs = o.cutoff === undefined ? 0 : parseSpan(o.cutoff, "--cutoff");
    const timing = validateWindow({ name, cron: o.cron, timeZone: o.tz, durationMs, cutoffMs, blackout: o.blackout });
    if (o.default && o.farm === undefined) throw new WindowSpecError("--default needs --farm: a default window belongs to one farm.");
    if (o.default && o.blackout) throw new WindowSpecError("A blackout cannot be a farm's default window; drop --default or --blackout.");
    return {
      name: timing.name,
      cron: timing.cron,
      timeZone: timing.timeZone,
      durationMs,
      cutoffMs,
      ...(o.farm !== undefined ? { farm: o.farm } : {}),
      tags: o.tag ?? {},
      blackout: o.blackout,
      default: o.default,
      actor: actorOf(o),
    };
  } catch (err) {
    if (err instanceof WindowSpecError) throw new InvalidInputError(err.message);
    throw err;
  }
}

export function registerWindow(program: Command): void {
  const window = program
    .command("window")
    .description("maintenance windows and blackouts: when resets and rollouts may start")
    .addHelpText(
      "after",
      [
        "",
        "A window opens on a cron schedule in its own time zone and stays open for --duration (elapsed time, so a window",
        "spanning a DST change still lasts that long). It applies to the hosts of --farm and/or with every --tag (neither:",
        "every host). While any allowed window applies to a host, it may only be reset inside one, before its cutoff:",
        "`iisfleet reset HOST` outside says when the next opening is, unless you override with --now --reason \"…\"",
        "(recorded with who and why). Blackouts win: nothing starts while one that applies is on.",
        "",
        "A rollout keeps to --window NAME, else its farm's default window (add --default), else the one window that",
        "applies to its hosts. It waits in state waiting-for-window, starts a batch only if the batch's expected duration",
        "(p95 of its hosts' recorded resets; 30 s for a host without history) ends before the cutoff, never cuts off a",
        "running batch, and when the window ends with hosts left waits for the next opening (--on-window-end continue)",
        "or fails (fail).",
        "",
        "Examples:",
        '  iisfleet window add nightly --cron "0 2 * * SUN" --duration 3h --cutoff 20m --tz Europe/Berlin --farm shop --default',
        '  iisfleet window add black-friday --cron "0 0 28 11 *" --duration 4d --tz America/New_York --blackout',
        "  iisfleet window show nightly --count 10",
      ].join("\n"),
    );

  window
    .command("add")
    .description("add a maintenance window (or, with --blackout, a period when nothing may start)")
    .argument("<name>", "its name: letters, digits, dots, dashes, underscores")
    .requiredOption("--cron <expr>", 'when it opens: "MIN HOUR DAY MONTH WEEKDAY" (e.g. "0 2 * * SUN"), or 6 fields with seconds first')
    .requiredOption("--duration <time>", "how long it stays open: e.g. 3h, 90m, 1h30m, 45s")
    .requiredOption("--tz <zone>", "the IANA time zone the cron is read in, e.g. Europe/Berlin, America/New_York, UTC")
    .option("--cutoff <time>", "no batch or reset starts later than this before the end, e.g. 20m (default 0)")
    .option("--farm <farm>", "it applies to this farm's hosts", hostArg)
    .option("--tag <key=value>", "it applies to hosts with this tag (repeatable: all must match)", tagArg)
    .option("--blackout", "a blackout: no reset may start while it is on, whatever window is open", false)
    .option("--default", "the farm's default window: rollouts on the farm keep to it unless they name another (needs --farm)", false)
    .addOption(actorOption("who is asking, recorded")).addOption(issuerAlias())
    .action(async (name: string, o: AddFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.post<{ window: WindowView }>("/api/v1/windows", bodyOf(name, o));
      ctx.print(res, () => `Added:\n${formatWindow(res.window)}`);
    });

  window
    .command("list")
    .description("every window and blackout: whom it applies to, whether it is open now, its next opening")
    .action(async (_o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.get<{ windows: WindowView[] }>("/api/v1/windows");
      ctx.print(res, () => formatWindowList(res.windows));
    });

  window
    .command("show")
    .description("one window and its next openings, in its own time zone and in UTC")
    .argument("<name>", "window name")
    .option("--count <n>", "how many openings", intArg(1, 100, "openings"), 5)
    .option("--from <date>", "openings from this date (the start of that day in the window's time zone, e.g. 2027-10-31) or instant (2027-10-31T02:00:00Z) instead of from now", fromArg)
    .action(async (name: string, o: { count: number; from?: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const q = new URLSearchParams({ count: String(o.count), ...(o.from !== undefined ? { from: o.from } : {}) });
      const res = await ctx.api.get<{ window: WindowView; openings: OpeningView[] }>(`/api/v1/windows/${encodeURIComponent(name)}?${q}`);
      ctx.print(res, () => formatOpenings(res.window, res.openings));
    });

  window
    .command("rm")
    .description("remove a window (refused while an active rollout keeps to it)")
    .argument("<name>", "window name")
    .addOption(actorOption("who is asking, recorded")).addOption(issuerAlias())
    .action(async (name: string, o: ActorFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.post<{ removed: WindowView }>(`/api/v1/windows/${encodeURIComponent(name)}/remove`, {
        actor: actorOf(o),
      });
      ctx.print(res, () => `Removed ${res.removed.blackout ? "blackout" : "window"} ${res.removed.name}.`);
    });
}
