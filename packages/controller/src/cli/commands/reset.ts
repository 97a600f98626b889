import type { Command } from "commander";
import type { CommandDetail } from "../../commands/command-service.js";
import { EXIT_FAILED, contextOf } from "../context.js";
import { formatCommand } from "../format.js";
import { hostArg, intArg, levelArg, operationArg } from "../options.js";

/** Issuer names travel in commands and history; keep them to a safe alphabet. */
export function issuerOf(raw: string): string {
  return raw.replace(/[^A-Za-z0-9._@:-]/g, "_").slice(0, 64) || "cli";
}

export function registerReset(program: Command): void {
  program
    .command("reset")
    .description("reset IIS on one host (iisreset /restart, noforce unless --force) and print each step")
    .argument("<host>", "host name as its agent reports it", hostArg)
    .option("--level <level>", "recycle | w3svc | iis | http (iis: stop WAS/IISADMIN with dependents, start W3SVC and them)", levelArg, "iis")
    .option("--operation <op>", "restart | stop | start (iisreset /RESTART, /STOP, /START)", operationArg, "restart")
    .option("--force", "if the graceful stop fails, terminate the processes hosting IIS (unopenable ones are skipped)", false)
    .option("--timeout <seconds>", "graceful stop deadline (iisreset /TIMEOUT; default 20 for restart, 60 for stop)", intArg(1, 3600, "seconds"))
    .option("--reboot-on-error", "reboot the host if the reset fails (iisreset /REBOOTONERROR; only where its agent policy allows)", false)
    .option("--skip-health", "do not wait for the host's health probes after the start", false)
    .option("--issuer <name>", "who is asking, recorded in history", process.env.USER ?? "cli")
    .addHelpText("after", "\nThe host counts as back only when its services run and its health probes pass (unless --skip-health).")
    .action(async (host: string, o: { level: string; operation: string; force: boolean; timeout?: number; rebootOnError: boolean; skipHealth: boolean; issuer: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.post<{ command: CommandDetail }>(`/api/v1/hosts/${host}/reset`, {
        operation: o.operation,
        level: o.level,
        force: o.force,
        timeoutMs: (o.timeout ?? 0) * 1000,
        rebootOnError: o.rebootOnError,
        skipHealth: o.skipHealth,
        issuer: issuerOf(o.issuer),
      });
      ctx.print(res, () => formatCommand(res.command));
      if (res.command.state !== "succeeded") process.exitCode = EXIT_FAILED;
    });
}
