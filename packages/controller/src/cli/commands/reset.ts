import type { Command } from "commander";
import type { CommandDetail } from "../../commands/reset-service.js";
import { EXIT_FAILED, contextOf } from "../context.js";
import { formatCommand } from "../format.js";
import { hostArg, intArg, levelArg, operationArg } from "../options.js";

export function registerReset(program: Command): void {
  program
    .command("reset")
    .description("reset IIS on one host (iisreset /restart, noforce unless --force) and print each step")
    .argument("<host>", "host name as its agent reports it", hostArg)
    .option("--level <level>", "recycle | w3svc | iis | http (iis: stop WAS/IISADMIN with dependents, start W3SVC and them)", levelArg, "iis")
    .option("--operation <op>", "restart | stop | start (iisreset /RESTART, /STOP, /START)", operationArg, "restart")
    .option("--force", "if the graceful stop fails, terminate the processes hosting IIS (unopenable ones are skipped)", false)
    .option("--timeout <seconds>", "graceful stop deadline (iisreset /TIMEOUT; default 20 for restart, 60 for stop)", intArg(1, 3600, "seconds"))
    .option("--issuer <name>", "who is asking, recorded in history", process.env.USER ?? "cli")
    .action(async (host: string, o: { level: string; operation: string; force: boolean; timeout?: number; issuer: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.post<{ command: CommandDetail }>(`/api/v1/hosts/${host}/reset`, {
        operation: o.operation,
        level: o.level,
        force: o.force,
        timeoutMs: (o.timeout ?? 0) * 1000,
        issuer: o.issuer.replace(/[^A-Za-z0-9._@:-]/g, "_").slice(0, 64) || "cli",
      });
      ctx.print(res, () => formatCommand(res.command));
      if (res.command.state !== "succeeded") process.exitCode = EXIT_FAILED;
    });
}
