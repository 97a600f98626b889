import type { Command } from "commander";
import { hostOperandsArg, intArg } from "../options.js";
import { type AtFlags, atOptions } from "../at-options.js";
import { type NamedTargetFlags, namedTargetsOf, siteOption } from "../named-targets.js";
import { type HostActionFlags, hostActionFields, hostActionOptions, resetEach } from "../reset-run.js";

type SiteFlags = NamedTargetFlags & HostActionFlags & AtFlags;

const OPERATIONS = [
  ["stop", "stop the named sites (IIS keeps running; their bindings stop answering)"],
  ["start", "start the named sites (never held back by a maintenance window)"],
  ["restart", "stop, then start the named sites, and wait for the host's health probes"],
] as const;

/** `iisfleet site stop|start|restart HOST... --site NAME...` (reset --level site). */
export function registerSite(program: Command): void {
  const site = program.command("site").description("stop, start or restart named IIS sites on hosts, leaving IIS and the other sites running");
  for (const [operation, help] of OPERATIONS) {
    const sub = site
      .command(operation)
      .description(help)
      .argument("<host...>", "host names as their agents report them; done one after another, stopping at the first that fails", hostOperandsArg);
    siteOption(sub, "the site (repeatable, at least one; as IIS names it, any case)")
      .option("--timeout <seconds>", "graceful stop deadline for the sites (default: the agent's own for the operation)", intArg(1, 3600, "seconds"));
    hostActionOptions(sub, "act", "do not wait for the host's health probes afterwards");
    atOptions(sub)
      .addHelpText(
        "after",
        "\nA named site the host does not have is refused there (SITE_UNKNOWN, naming the sites it has) before anything is touched.\n" +
          "Across a farm, in batches behind the health gate and the drain: iisfleet rollout start --farm shop --site NAME --operation restart\n" +
          `Example:\n  iisfleet site ${operation} web01 web02 --site "Default Web Site"`,
      )
      .action(async (hosts: string[], o: SiteFlags, cmd: Command) => {
        await resetEach(cmd, hosts, { operation, level: "site", ...namedTargetsOf("site", o), ...hostActionFields(o) }, o);
      });
  }
}
