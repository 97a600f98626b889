import { type OperationName, invalidLevelOperation, levelOperationSentence } from "@iisfleet/proto/grammar";
import type { Command } from "commander";
import { InvalidInputError } from "../../errors.js";
import { hostArg, intArg, levelArg, operationArg } from "../options.js";
import { type AtFlags, atOptions } from "../at-options.js";
import { type NamedTargetFlags, impliedLevel, namedTargetsOf, poolOptions, siteOption } from "../named-targets.js";
import { type HostActionFlags, hostActionFields, hostActionOptions, overrideOf, resetEach } from "../reset-run.js";

export { overrideOf };

export function registerReset(program: Command): void {
  const reset = program
    .command("reset")
    .description("reset IIS on one host (iisreset /restart, noforce unless --force) and print each step")
    .argument("<host>", "host name as its agent reports it", hostArg)
    .option("--level <level>", "recycle | w3svc | iis | http | site (iis: stop WAS/IISADMIN with dependents, start W3SVC and them; site: only the --site sites)", levelArg, "iis")
    .option("--operation <op>", "restart | stop | start (iisreset /RESTART, /STOP, /START)", operationArg, "restart");
  poolOptions(reset, "recycle only this application pool (repeatable; implies --level recycle; default: every started pool)");
  siteOption(reset, "stop, start or restart only this site (repeatable; implies --level site, which needs it)")
    .option("--force", "if the graceful stop fails, terminate the processes hosting IIS (unopenable ones are skipped)", false)
    .option("--timeout <seconds>", "graceful stop deadline (iisreset /TIMEOUT; default 20 for restart, 60 for stop)", intArg(1, 3600, "seconds"))
    .option("--reboot-on-error", "reboot the host if the reset fails (iisreset /REBOOTONERROR; only where its agent policy allows)", false);
  hostActionOptions(reset, "reset", "do not wait for the host's health probes after the start");
  atOptions(reset)
    .addHelpText(
      "after",
      "\nThe host counts as back only when its services run and its health probes pass (unless --skip-health).\n" +
        "When a maintenance window applies to the host (see iisfleet window list), a restart or stop starts only inside it,\n" +
        'before its cutoff; otherwise it is refused with the next opening, unless --now --reason "…" (recorded).\n' +
        "--operation start is never held back: it only brings IIS back.\n" +
        "One pool or one site: iisfleet recycle HOST --pool NAME, iisfleet site restart HOST --site NAME (the same request).",
    )
    .action(async (host: string, o: { level: string; operation: string; force: boolean; rebootOnError: boolean } & HostActionFlags & NamedTargetFlags & AtFlags, cmd: Command) => {
      const fields = hostActionFields(o);
      const level = impliedLevel(cmd, o);
      const bad = invalidLevelOperation(level, o.operation as OperationName);
      if (bad) throw new InvalidInputError(`${levelOperationSentence(bad, (f, v) => `--${f} ${v}`)}.`);
      await resetEach(cmd, [host], {
        operation: o.operation,
        level,
        ...namedTargetsOf(level, o),
        force: o.force,
        rebootOnError: o.rebootOnError,
        ...fields,
      }, o);
    });
}
