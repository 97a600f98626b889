import { type Command, Option } from "commander";
import { DEFAULT_BLOCKED_GRACE_MS } from "../../api/contract/defaults.js";
import type { RolloutDetailView as RolloutDetail, RolloutPlanView as RolloutPlan } from "../../api/contract/views.js";
import { EXIT_FAILED, contextOf } from "../context.js";
import { capacityNotes, formatPlan, formatRollout, formatRolloutList } from "../format-rollout.js";
import { InvalidInputError } from "../../errors.js";
import { type ActorFlags, actorOf, actorOption, durationArg, hostArg, hostListArg, intArg, issuerAlias, levelArg, operationArg, tagArg } from "../options.js";
import { overrideOf } from "../reset-run.js";
import { type AtFlags, atOptions, requireAtFor, scheduleStart } from "../at-options.js";
import { NAMED_TARGET_FLAGS, type NamedTargetFlags, impliedLevel, namedTargetsOf, poolOptions, siteOption } from "../named-targets.js";

interface DefinitionFlags extends NamedTargetFlags {
  operation: string;
  farm?: string;
  tag?: Record<string, string>;
  hosts?: string[];
  exclude?: string[];
  batch: string;
  canary: number;
  canaryApproval: "auto" | "manual";
  maxUnavailable?: string;
  maxFailures: string;
  level: string;
  force: boolean;
  timeout?: number;
  bake: number;
  deadline?: number;
  order: "name" | "random" | "unhealthy-first";
  seed: number;
  window?: string;
  onWindowEnd: "continue" | "fail";
  onBlocked: "wait" | "fail";
  blockedGrace: number;
  now: boolean;
  reason?: string;
  drain: boolean;
  ignoreDrainFailure: boolean;
  skipOffline: boolean;
  actor: string;
  issuer?: string;
}

function definitionFlags(cmd: Command): Command {
  cmd
    .option("--farm <farm>", "every host of this farm", hostArg)
    .option("--tag <key=value>", "hosts with this tag (repeatable: all must match)", tagArg)
    .option("--hosts <a,b,c>", "these hosts (repeatable, comma-separated)", hostListArg)
    .option("--exclude <a,b,c>", "leave these hosts out", hostListArg)
    .option("--batch <spec>", "hosts per batch: 2, 25%, or a ramp 1,2,25% (last step repeats); percent = floor of the target count, at least 1", "1")
    .option("--canary <n>", "reset N hosts first, as their own batch", intArg(0, 10_000, "hosts"), 0)
    .addOption(new Option("--canary-approval <mode>", "after the canary: continue after the bake (auto) or wait for `rollout approve` (manual)").choices(["auto", "manual"]).default("auto"))
    .option(
      "--max-unavailable <n|%>",
      "most hosts of a farm out of service at once, for any reason (default: the largest batch); a host this rollout failed counts against --max-failures instead",
    )
    .option("--max-failures <n|%>", "failures tolerated over the whole rollout; it halts when failures are MORE THAN this (0: the first failure halts)", "0")
    .option("--level <level>", "recycle | w3svc | iis | http | site (--pool implies recycle, --site implies site)", levelArg, "iis");
  poolOptions(cmd, "the unit becomes: recycle this application pool on each host (repeatable; implies --level recycle)");
  return siteOption(cmd, "the unit becomes: restart this site on each host (repeatable; implies --level site)")
    .option("--operation <op>", "restart (a rollout restarts each host's unit; stop and start are for single hosts: iisfleet site stop|start)", operationArg, "restart")
    .option("--force", "let agents kill IIS processes when a graceful stop fails (noforce otherwise)", false)
    .option("--timeout <seconds>", "graceful stop deadline per host (default 20)", intArg(1, 3600, "seconds"))
    .option("--bake <duration>", "wait after each batch before the next, e.g. 30s", durationArg, 0)
    .option("--deadline <duration>", "a host that has not answered by then counts as failed (default: timeout + 95 s for start and probes)", durationArg)
    .addOption(new Option("--order <order>", "which hosts go first").choices(["name", "random", "unhealthy-first"]).default("name"))
    .option("--seed <n>", "seed for --order random (same seed, same order)", intArg(0, 2 ** 31 - 1, ""), 0)
    .option("--window <name>", "keep to this maintenance window (default: the farm's default window, or the only one applying)")
    .addOption(
      new Option("--on-window-end <what>", "when the window ends with hosts left: wait for its next opening, or fail")
        .choices(["continue", "fail"])
        .default("continue"),
    )
    .addOption(
      new Option(
        "--on-blocked <what>",
        "when no host can start because hosts out of service that nothing is bringing back use up --max-unavailable: report `blocked` and go on when they are back (wait), or fail after --blocked-grace",
      )
        .choices(["wait", "fail"])
        .default("wait"),
    )
    .option("--blocked-grace <duration>", "how long --on-blocked fail lets the rollout stay blocked, e.g. 60s", durationArg, DEFAULT_BLOCKED_GRACE_MS)
    .option("--now", "start outside any maintenance window or blackout; needs --reason (recorded with --actor)", false)
    .option("--reason <text>", "why --now is needed")
    .option("--no-drain", "do not take hosts out of their load balancer's rotation, even where the farm has a drain set (iisfleet farm drain)")
    .option("--ignore-drain-failure", "reset a host even when draining it failed (default: the host fails, is not reset, and counts against --max-failures)", false)
    .option("--skip-offline", "leave out targets that are offline now (listed as skipped before the start, recorded with the rollout); unhealthy hosts that still report stay in", false)
    .addOption(actorOption("who is asking, recorded with the rollout")).addOption(issuerAlias());
}

/** The body fields that come from a flag with the same unit, so the API's sentence about a field reaches the user with the flag's name. */
const DEFINITION_FLAGS: Readonly<Record<string, string>> = {
  farm: "--farm",
  tags: "--tag",
  hosts: "--hosts",
  exclude: "--exclude",
  batch: "--batch",
  canary: "--canary",
  canaryApproval: "--canary-approval",
  maxUnavailable: "--max-unavailable",
  maxFailures: "--max-failures",
  level: "--level",
  operation: "--operation",
  ...NAMED_TARGET_FLAGS,
  order: "--order",
  seed: "--seed",
  window: "--window",
  onWindowEnd: "--on-window-end",
  onBlocked: "--on-blocked",
  reason: "--reason",
  actor: "--actor",
};

function bodyOf(o: DefinitionFlags, cmd: Command) {
  const level = impliedLevel(cmd, o);
  return {
    ...(o.farm ? { farm: o.farm } : {}),
    tags: o.tag ?? {},
    hosts: o.hosts ?? [],
    exclude: o.exclude ?? [],
    batch: o.batch,
    canary: o.canary,
    canaryApproval: o.canaryApproval,
    ...(o.maxUnavailable !== undefined ? { maxUnavailable: o.maxUnavailable } : {}),
    maxFailures: o.maxFailures,
    level,
    ...namedTargetsOf(level, o),
    operation: o.operation,
    force: o.force,
    timeoutMs: (o.timeout ?? 0) * 1000,
    bakeMs: o.bake,
    ...(o.deadline !== undefined ? { deadlineMs: o.deadline } : {}),
    order: o.order,
    seed: o.seed,
    ...(o.window !== undefined ? { window: o.window } : {}),
    onWindowEnd: o.onWindowEnd,
    onBlocked: o.onBlocked,
    blockedGraceMs: o.blockedGrace,
    ...overrideOf(o),
    drain: o.drain,
    ignoreDrainFailure: o.ignoreDrainFailure,
    skipOffline: o.skipOffline,
    actor: actorOf(o),
  };
}

export function registerRollout(program: Command): void {
  const rollout = program
    .command("rollout")
    .description("rolling noforce resets across a farm: a few hosts at a time, health-gated, within a failure budget");

  definitionFlags(rollout.command("plan").description("dry run: the batches, and a projected duration from history medians")).action(
    async (o: DefinitionFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.post<{ plan: RolloutPlan }>("/api/v1/rollouts/plan", bodyOf(o, cmd), { flags: DEFINITION_FLAGS });
      ctx.print(res, () => formatPlan(res.plan));
    },
  );

  atOptions(definitionFlags(rollout.command("start").description("start a rollout (it runs in the controller, inside its maintenance window if one applies; --follow to watch it)")))
    .option("--follow", "show live progress and every change of why it waits until the rollout ends; exit 1 if it fails (with --json: one JSON object per line)", false)
    .action(async (o: DefinitionFlags & { follow: boolean } & AtFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireAtFor(cmd, o);
      if (o.at !== undefined) {
        if (o.follow) throw new InvalidInputError("--follow watches a rollout that starts now; with --at, watch it later (iisfleet scheduled list).");
        return scheduleStart(ctx, "rollout", undefined, bodyOf(o, cmd), o, actorOf(o));
      }
      const res = await ctx.api.post<RolloutDetail & { plan: RolloutPlan }>("/api/v1/rollouts", bodyOf(o, cmd), { flags: DEFINITION_FLAGS });
      if (!o.follow) {
        const waits =
          res.rollout.state === "waiting-for-window"
            ? " It waits for its window (rollout show says until when)."
            : res.plan.blockedReason
              ? ` It is blocked: ${res.plan.blockedReason}.`
              : "";
        ctx.print(res, () => `${formatPlan(res.plan)}\n\nStarted rollout ${res.rollout.id}.${waits} Watch it: iisfleet rollout show ${res.rollout.id}`);
        return;
      }
      if (!ctx.json) process.stdout.write(`Started rollout ${res.rollout.id}: ${res.plan.unit}\n${capacityNotes(res.plan)}`);
      // With --json, the stream's last line (type "final") is the rollout as it ended.
      const { followRollout } = await import("../follow.js");
      const final = await followRollout(ctx.api, res.rollout.id, ctx.json);
      if (final.rollout.state !== "succeeded") process.exitCode = EXIT_FAILED;
    });

  rollout
    .command("list")
    .description("recent rollouts, newest first")
    .option("--limit <n>", "at most this many", intArg(1, 1000, "rollouts"), 20)
    .action(async (o: { limit: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.get<{ rollouts: Array<RolloutDetail["rollout"] & { summary: RolloutDetail["summary"] }> }>(`/api/v1/rollouts?limit=${o.limit}`);
      ctx.print(res, () => formatRolloutList(res.rollouts));
    });

  rollout
    .command("show")
    .description("one rollout: per-host timeline (queued, resetting, healthy/failed) with times and error codes")
    .argument("<id>", "rollout id")
    .option("--follow", "keep showing progress and why it waits until it ends (with --json: one JSON object per line)", false)
    .action(async (id: string, o: { follow: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      if (o.follow) {
        // Loaded only here: the task list and the WebSocket client are for --follow alone (CLI start-up time).
        const { followRollout } = await import("../follow.js");
        const final = await followRollout(ctx.api, id, ctx.json);
        if (final.rollout.state !== "succeeded") process.exitCode = EXIT_FAILED;
        return;
      }
      const res = await ctx.api.get<RolloutDetail>(`/api/v1/rollouts/${encodeURIComponent(id)}`);
      ctx.print(res, () => formatRollout(res));
    });

  const actions: Array<[string, string]> = [
    ["pause", "no new host starts; hosts being reset finish"],
    ["resume", "continue a paused rollout (or a halted one, after retry-host/skip-host)"],
    ["abort", "stop for good; hosts being reset finish and are recorded"],
    ["approve", "let a rollout waiting after its canary continue"],
  ];
  for (const [action, help] of actions) {
    rollout
      .command(action)
      .description(help)
      .argument("<id>", "rollout id")
      .addOption(actorOption("who is asking, recorded")).addOption(issuerAlias())
      .action(async (id: string, o: ActorFlags, cmd: Command) => {
        const ctx = contextOf(cmd);
        const res = await ctx.api.post<RolloutDetail>(`/api/v1/rollouts/${encodeURIComponent(id)}/${action}`, { actor: actorOf(o) });
        ctx.print(res, () => formatRollout(res));
      });
  }

  for (const [action, help] of [
    ["retry-host", "put a failed (or skipped) host back in the queue"],
    ["skip-host", "pass over a queued or failed host"],
  ] as const) {
    rollout
      .command(action)
      .description(help)
      .argument("<id>", "rollout id")
      .argument("<host>", "host name", hostArg)
      .addOption(actorOption("who is asking, recorded")).addOption(issuerAlias())
      .action(async (id: string, host: string, o: ActorFlags, cmd: Command) => {
        const ctx = contextOf(cmd);
        const res = await ctx.api.post<RolloutDetail>(
          `/api/v1/rollouts/${encodeURIComponent(id)}/hosts/${host}/${action.replace("-host", "")}`,
          { actor: actorOf(o) },
        );
        ctx.print(res, () => formatRollout(res));
      });
  }
}
