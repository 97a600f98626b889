import type { Command } from "commander";
import type { HostView } from "../../api/contract/views.js";
import { contextOf } from "../context.js";
import { formatHost } from "../format-host.js";
import { type ActorFlags, actorOf, actorOption, hostArg, issuerAlias } from "../options.js";

/** One host's lifecycle in the registry (`hosts` lists them). */
export function registerHost(program: Command): void {
  const host = program.command("host").description("one host: its facts (services, app pools, sites), or forget it");
  host
    .command("show")
    .description("one host as its agent last reported it: services, application pools (with worker pids) and IIS sites (with bindings)")
    .argument("<host>", "host name", hostArg)
    .action(async (name: string, _o: unknown, c: Command) => {
      const ctx = contextOf(c);
      const res = await ctx.api.get<{ host: HostView }>(`/api/v1/hosts/${name}`);
      ctx.print(res, () => formatHost(res.host));
    });
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
