import { type Command, Option } from "commander";
import type { LiveStatusView as LiveStatusAnswer, RegistryStatusView as RegistryStatusAnswer } from "../../api/contract/views.js";
import { DEFAULT_STATUS_TIMEOUT_MS, MAX_STATUS_TIMEOUT_MS } from "../../api/contract/defaults.js";
import { EXIT_FAILED, contextOf } from "../context.js";
import { formatLiveStatus, formatRegistryStatus } from "../format-status.js";
import { durationArg, farmArg, hostsArg, tagArg } from "../status-options.js";

interface StatusOpts {
  farm?: string;
  tag?: string[];
  host?: string[];
  live: boolean;
  timeout: number;
  strict: boolean;
}

export function registerStatus(program: Command): void {
  program
    .command("status")
    .description("fleet-wide IIS status: from the registry (how old each fact is), or --live from every agent at once")
    .option("--farm <farm>", "only this farm", farmArg)
    .option("--tag <key=value>", "only hosts with this tag; repeat to require several", tagArg)
    .option("--host <name>", "only these hosts; repeat or comma-separate", hostsArg)
    .option("--live", "ask every matching agent now (one broadcast) instead of reading the registry", false)
    .addOption(
      new Option("--timeout <duration>", "with --live: how long to wait for the last reply, e.g. 500ms, 2s (at most 60s)")
        .argParser(durationArg(MAX_STATUS_TIMEOUT_MS))
        .default(DEFAULT_STATUS_TIMEOUT_MS, `${DEFAULT_STATUS_TIMEOUT_MS / 1000}s`),
    )
    .option("--strict", "exit 1 when a host is silent (--live) or not online (registry)", false)
    .addHelpText(
      "after",
      "\nWith --live the answer has three buckets: answered, silent (registered but no reply before the deadline) and\n" +
        "unknown (answered but never registered). The query ends as soon as every expected host answered.\n" +
        "Examples:\n  iisfleet status\n  iisfleet status --live --farm shop --tag dc=fra --timeout 2s\n  iisfleet status --live --strict --json",
    )
    .action(async (o: StatusOpts, cmd: Command) => {
      const ctx = contextOf(cmd);
      const q = new URLSearchParams();
      if (o.farm) q.set("farm", o.farm);
      for (const t of o.tag ?? []) q.append("tag", t);
      for (const h of o.host ?? []) q.append("host", h);
      if (o.live) {
        q.set("live", "1");
        q.set("timeoutMs", String(o.timeout));
        // The table needs each host's row, not its full facts (a fifth of the bytes at 10 000 hosts); --json prints
        // the API's detailed answer as documented.
        if (!ctx.json) q.set("rows", "1");
        const res = await ctx.api.get<LiveStatusAnswer>(`/api/v1/status?${q}`);
        ctx.print(res, () => formatLiveStatus(res));
        if (o.strict && res.summary.silent > 0) strictFailure(res.silent.map((h) => `${h.host} (${h.liveness})`), "did not answer");
      } else {
        const res = await ctx.api.get<RegistryStatusAnswer>(`/api/v1/status?${q}`);
        ctx.print(res, () => formatRegistryStatus(res));
        if (o.strict && res.summary.online < res.summary.hosts) {
          strictFailure(res.hosts.filter((h) => h.liveness !== "online").map((h) => `${h.name} (${h.liveness})`), "are not online");
        }
      }
    });
}

/** --strict says which hosts made it exit 1, on stderr, so --json output stays the API's answer. */
function strictFailure(hosts: string[], what: string): void {
  process.exitCode = EXIT_FAILED;
  const shown = hosts.slice(0, 20).join(", ") + (hosts.length > 20 ? `, and ${hosts.length - 20} more` : "");
  process.stderr.write(`iisfleet: --strict: exit 1 because ${hosts.length} host(s) ${what}: ${shown}. (iisfleet host forget HOST for a decommissioned one.)\n`);
}
