import type { Command } from "commander";
import { type ActorFlags, actorOf, actorOption, hostOperandsArg, intArg, issuerAlias } from "../options.js";
import { type AtFlags, atOptions } from "../at-options.js";
import { type NamedTargetFlags, namedTargetsOf, poolOptions } from "../named-targets.js";
import { overrideOf, resetEach } from "../reset-run.js";

interface RecycleFlags extends NamedTargetFlags, ActorFlags, AtFlags {
  timeout?: number;
  skipHealth: boolean;
  now: boolean;
  reason?: string;
}

/** `iisfleet recycle HOST... [--pool NAME]...`: the gentlest lever, one pool at a time (reset --level recycle). */
export function registerRecycle(program: Command): void {
  const recycle = program
    .command("recycle")
    .description("recycle application pools on hosts (overlapped: a new worker starts before the old one stops); --pool names them")
    .argument("<host...>", "host names as their agents report them; done one after another, stopping at the first that fails", hostOperandsArg);
  poolOptions(recycle, "recycle only this application pool (repeatable; as IIS names it, any case; default: every started pool)")
    .option("--timeout <seconds>", "deadline for the recycle on the host (default: the agent's own for the operation)", intArg(1, 3600, "seconds"))
    .option("--skip-health", "do not wait for the host's health probes after the recycle", false)
    .addOption(actorOption("who is asking, recorded in history")).addOption(issuerAlias())
    .option("--now", "recycle even outside the host's maintenance window (or in a blackout); needs --reason", false)
    .option("--reason <text>", "why the override is needed, recorded with --actor");
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
      const override = overrideOf(o);
      await resetEach(cmd, hosts, {
        operation: "restart",
        level: "recycle",
        ...namedTargetsOf("recycle", o),
        timeoutMs: (o.timeout ?? 0) * 1000,
        skipHealth: o.skipHealth,
        issuer: actorOf(o),
        ...override,
      }, o);
    });
}
