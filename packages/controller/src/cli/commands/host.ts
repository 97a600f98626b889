import type { Command } from "commander";
import { contextOf } from "../context.js";
import { DEFAULT_ACTOR, hostArg } from "../options.js";
import { issuerOf } from "./reset.js";

/** One host's lifecycle in the registry (`hosts` lists them). */
export function registerHost(program: Command): void {
  const host = program.command("host").description("act on one host's record in the fleet registry");
  host
    .command("forget")
    .description("forget a decommissioned host: out of hosts, live status and capacity, history kept; it comes back if its agent reports again")
    .argument("<host>", "host name", hostArg)
    .option("--reason <text>", "why, recorded with the event", "")
    .option("--actor <name>", "who is asking, recorded", DEFAULT_ACTOR)
    .action(async (name: string, o: { reason: string; actor: string }, c: Command) => {
      const ctx = contextOf(c);
      const res = await ctx.api.post<{ forgotten: string; actor: string }>(`/api/v1/hosts/${name}/forget`, { reason: o.reason, issuer: issuerOf(o.actor) });
      ctx.print(res, () => `Forgot ${res.forgotten}: its history stays; it is registered again if its agent reports.`);
    });
}
