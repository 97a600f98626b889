import { type OperationName, type ResetLevelName, invalidLevelOperation, levelOperationSentence } from "@iisfleet/proto/grammar";
import type { Command } from "commander";
import type { CommandView as CommandDetail, ResetOverrideView as ResetOverride } from "../../api/contract/views.js";
import { InvalidInputError } from "../../errors.js";
import { EXIT_FAILED, contextOf } from "../context.js";
import { formatCommand } from "../format.js";
import { type ActorFlags, actorOf, actorOption, hostArg, intArg, issuerAlias, levelArg, operationArg } from "../options.js";
import { type AtFlags, atOptions, requireAtFor, scheduleStart } from "../at-options.js";

/** --now and --reason come together (an override of the maintenance window is recorded with who and why). */
export function overrideOf(o: { now?: boolean; reason?: string }): { now: boolean; reason?: string } {
  const reason = o.reason?.trim();
  if (o.now && !reason) throw new InvalidInputError('--now needs --reason "…": an override of the maintenance window is recorded with who and why.');
  if (!o.now && o.reason !== undefined) throw new InvalidInputError("--reason goes with --now (an override of the maintenance window).");
  return o.now ? { now: true, reason: reason as string } : { now: false };
}

export function registerReset(program: Command): void {
  const reset = program
    .command("reset")
    .description("reset IIS on one host (iisreset /restart, noforce unless --force) and print each step")
    .argument("<host>", "host name as its agent reports it", hostArg)
    .option("--level <level>", "recycle | w3svc | iis | http (iis: stop WAS/IISADMIN with dependents, start W3SVC and them)", levelArg, "iis")
    .option("--operation <op>", "restart | stop | start (iisreset /RESTART, /STOP, /START)", operationArg, "restart")
    .option("--force", "if the graceful stop fails, terminate the processes hosting IIS (unopenable ones are skipped)", false)
    .option("--timeout <seconds>", "graceful stop deadline (iisreset /TIMEOUT; default 20 for restart, 60 for stop)", intArg(1, 3600, "seconds"))
    .option("--reboot-on-error", "reboot the host if the reset fails (iisreset /REBOOTONERROR; only where its agent policy allows)", false)
    .option("--skip-health", "do not wait for the host's health probes after the start", false)
    .addOption(actorOption("who is asking, recorded in history")).addOption(issuerAlias())
    .option("--now", "reset even outside the host's maintenance window (or in a blackout); needs --reason", false)
    .option("--reason <text>", "why the override is needed, recorded with --actor");
  atOptions(reset)
    .addHelpText(
      "after",
      "\nThe host counts as back only when its services run and its health probes pass (unless --skip-health).\n" +
        "When a maintenance window applies to the host (see iisfleet window list), a restart or stop starts only inside it,\n" +
        'before its cutoff; otherwise it is refused with the next opening, unless --now --reason "…" (recorded).\n' +
        "--operation start is never held back: it only brings IIS back.",
    )
    .action(async (host: string, o: { level: string; operation: string; force: boolean; timeout?: number; rebootOnError: boolean; skipHealth: boolean; now: boolean; reason?: string } & ActorFlags & AtFlags, cmd: Command) => {
      const ctx = contextOf(cmd);
      requireAtFor(cmd, o);
      const override = overrideOf(o);
      const bad = invalidLevelOperation(o.level as ResetLevelName, o.operation as OperationName);
      if (bad) throw new InvalidInputError(`${levelOperationSentence(bad, (f, v) => `--${f} ${v}`)}.`);
      const request = {
        operation: o.operation,
        level: o.level,
        force: o.force,
        timeoutMs: (o.timeout ?? 0) * 1000,
        rebootOnError: o.rebootOnError,
        skipHealth: o.skipHealth,
        issuer: actorOf(o),
        ...override,
      };
      if (o.at !== undefined) return scheduleStart(ctx, "reset", host, request, o, actorOf(o));
      const res = await ctx.api.post<{ command: CommandDetail; override?: ResetOverride }>(`/api/v1/hosts/${host}/reset`, request);
      const overrode = res.override ? `\nOverride recorded: ${res.override.actor} reset ${host} although ${res.override.overrode}; reason: ${res.override.reason}` : "";
      ctx.print(res, () => formatCommand(res.command) + overrode);
      if (res.command.state !== "succeeded") process.exitCode = EXIT_FAILED;
    });
}
