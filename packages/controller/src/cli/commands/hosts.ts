import type { Command } from "commander";
import type { HostView } from "../../api/contract/views.js";
import { contextOf } from "../context.js";
import { formatHosts } from "../format.js";

export function registerHosts(program: Command): void {
  program
    .command("hosts")
    .description("list the agents that have reported, with liveness and IIS state")
    .action(async (_o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.get<{ hosts: HostView[]; agentIdentities?: "verified" | "unverified" }>("/api/v1/hosts");
      ctx.print(res, () => formatHosts(res.hosts, res.agentIdentities));
    });
}
