import type { Command } from "commander";
import { contextOf } from "../context.js";
import { type ActorFlags, actorOf, actorOption, hostArg, issuerAlias } from "../options.js";

/** One host's lifecycle in the registry (`hosts` lists them). */
export function registerHost(program: Command): void {
  const host = program.command("host").description("act on one host's record in the fleet registry");
  host
    .command("forget")
    .description("forget a decommissioned host: out of hosts, live status and capacity, history kept; it comes back if its agent reports again")
    .argument("<host>", "host name", hostArg)
    .option("--reason <text>", "why, recorded with the event", "")
    .addOption(actorOption("who is asking, recorded")).addOption(issuerAlias())
    .action(async (name: string, o: ActorFlags & { reason: string }, c: Command) => {
      const ctx = contextOf(c);
      const res = await ctx.api.post<{ forgotten: string; actor: string }>(`/api/v1/hosts/${name}/forget`, { reason: o.reason, issuer: actorOf(o) });
      ctx.print(res, () => `Forgot ${res.forgotten}: its history stays; it is registered again if its agent reports.`);
    });
}
