import type { Command } from "commander";
import { hostOperandsArg, intArg } from "../options.js";
import { type AtFlags, atOptions } from "../at-options.js";
import { type NamedTargetFlags, namedTargetsOf, poolOptions } from "../named-targets.js";
import { type HostActionFlags, hostActionFields, hostActionOptions, resetEach } from "../reset-run.js";

type RecycleFlags = NamedTargetFlags & HostActionFlags & AtFlags;

/** `iisfleet recycle HOST... [--pool NAME]...`: the gentlest lever, one pool at a time (reset --level recycle). */
export function registerRecycle(program: Command): void {
  const recycle = program
    .command("recycle")
    .description("recycle application pools on hosts (overlapped: a new worker starts before the old one stops); --pool names them")
    .argument("<host...>", "host names as their agents report them; done one after another, stopping at the first that fails", hostOperandsArg);
  poolOptions(recycle, "recycle only this application pool (repeatable; as IIS names it, any case; default: every started pool)")
    .option("--timeout <seconds>", "deadline for the recycle on the host (default: the agent's own for the operation)", intArg(1, 3600, "seconds"));
  hostActionOptions(recycle, "recycle", "do not wait for the host's health probes after the recycle");
  atOptions(recycle)
    .addHelpText(
      "after",
      "\nA named pool the host does not have is refused there (POOL_UNKNOWN, naming the pools it has) before anything is touched.\n" +
        "A named pool that is stopped is reported and left stopped, unless --start-stopped.\n" +
        "Without --pool: every started pool (the same as iisfleet reset HOST --level recycle).\n" +
        "Across a farm, in batches behind the health gate and the drain: iisfleet rollout start --farm shop --pool NAME --batch 25%\n" +
        "Examples:\n  iisfleet recycle web01 --pool ShopPool\n  iisfleet recycle web01 web02 --pool ShopPool --pool ApiPool --start-stopped\n" +
        '  iisfleet recycle web01 --pool ShopPool --at "2026-12-05 02:00" --tz Europe/Berlin',
    )
    .action(async (hosts: string[], o: RecycleFlags, cmd: Command) => {
      await resetEach(cmd, hosts, { operation: "restart", level: "recycle", ...namedTargetsOf("recycle", o), ...hostActionFields(o) }, o);
    });
}
