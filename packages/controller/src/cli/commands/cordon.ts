import type { Command } from "commander";
import type { CommandView as CommandDetail } from "../../api/contract/views.js";
import { EXIT_FAILED, contextOf } from "../context.js";
import { formatCommand } from "../format.js";
import { type ActorFlags, actorOf, actorOption, hostArg, issuerAlias } from "../options.js";

/** iisreset /DISABLE and /ENABLE, fleet-style: a cordoned host's agent refuses every reset until uncordoned. */
export function registerCordon(program: Command): void {
  for (const cordoned of [true, false]) {
    const verb = cordoned ? "cordon" : "uncordon";
    const cmd = program
      .command(verb)
      .description(
        cordoned
          ? "disable resets on a host (iisreset /DISABLE); the agent keeps it across restarts"
          : "enable resets on a host again (iisreset /ENABLE)",
      )
      .argument("<host>", "host name", hostArg)
      .addOption(actorOption("who is asking, recorded in history")).addOption(issuerAlias());
    if (cordoned) cmd.option("--reason <text>", "why, shown in hosts and in refusals", "");
    cmd.action(async (host: string, o: ActorFlags & { reason?: string }, c: Command) => {
      const ctx = contextOf(c);
      const res = await ctx.api.post<{ command: CommandDetail }>(`/api/v1/hosts/${host}/cordon`, {
        cordoned,
        reason: o.reason ?? "",
        issuer: actorOf(o),
      });
      ctx.print(res, () => formatCommand(res.command));
      if (res.command.state !== "succeeded") process.exitCode = EXIT_FAILED;
    });
  }
}
