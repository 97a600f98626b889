import { type Command, Option } from "commander";
import type { HostView } from "../../api/contract/views.js";
import { contextOf } from "../context.js";
import { formatHosts } from "../format.js";

const NAME_KINDS = ["pools", "sites"] as const;

export function registerHosts(program: Command): void {
  program
    .command("hosts")
    .description("list the agents that have reported, with liveness and IIS state")
    .argument("[host...]", "with --names: only these hosts (any case; default every host)")
    .addOption(
      new Option("--names <kind>", "print only the application pool or site names the hosts last reported, one a line (what shell completion offers)").choices(NAME_KINDS),
    )
    .action(async (hosts: string[], o: { names?: (typeof NAME_KINDS)[number] }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.get<{ hosts: HostView[]; agentIdentities?: "verified" | "unverified" }>("/api/v1/hosts");
      if (o.names === undefined) return ctx.print(res, () => formatHosts(res.hosts, res.agentIdentities));
      const wanted = new Set(hosts.map((h) => h.toLowerCase()));
      const names = new Map<string, string>();
      for (const host of res.hosts) {
        if (wanted.size > 0 && !wanted.has(host.name.toLowerCase())) continue;
        // IIS compares pool and site names without case: one entry per name, as the first host spelled it.
        for (const name of o.names === "pools" ? host.appPools.map((p) => p.name) : (host.sites ?? []).map((s) => s.name)) {
          if (!names.has(name.toUpperCase())) names.set(name.toUpperCase(), name);
        }
      }
      const list = [...names.values()];
      ctx.print({ [o.names]: list }, () => list.join("\n"));
    });
}
