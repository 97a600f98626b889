// The reset request as reset, recycle and site send it (POST /api/v1/hosts/:name/reset, or a start at a set time),
// host after host. Kept out of commands/ so that loading one of those commands loads no other.
import type { Command } from "commander";
import type { CommandView as CommandDetail, ResetOverrideView as ResetOverride } from "../api/contract/views.js";
import { InvalidInputError } from "../errors.js";
import { type AtFlags, requireAtFor, scheduleStart } from "./at-options.js";
import { EXIT_FAILED, contextOf } from "./context.js";
import { formatCommand } from "./format.js";
import { NAMED_TARGET_FLAGS } from "./named-targets.js";
import { type ActorFlags, actorOf, actorOption, issuerAlias } from "./options.js";

/** --now and --reason come together (an override of the maintenance window is recorded with who and why). */
export function overrideOf(o: { now?: boolean; reason?: string }): { now: boolean; reason?: string } {
  const reason = o.reason?.trim();
  if (o.now && !reason) throw new InvalidInputError('--now needs --reason "…": an override of the maintenance window is recorded with who and why.');
  if (!o.now && o.reason !== undefined) throw new InvalidInputError("--reason goes with --now (an override of the maintenance window).");
  return o.now ? { now: true, reason: reason as string } : { now: false };
}

/** The flags reset, recycle and site take alike: a deadline, the health wait, who asks, and a window override. */
export interface HostActionFlags extends ActorFlags {
  timeout?: number;
  skipHealth: boolean;
  now: boolean;
  reason?: string;
}

/** --skip-health, --actor (--issuer), --now and --reason, worded for `verb` ("reset", "recycle", "act"). */
export function hostActionOptions(cmd: Command, verb: string, skipHealthHelp: string): Command {
  return cmd
    .option("--skip-health", skipHealthHelp, false)
    .addOption(actorOption("who is asking, recorded in history"))
    .addOption(issuerAlias())
    .option("--now", `${verb} even outside the host's maintenance window (or in a blackout); needs --reason`, false)
    .option("--reason <text>", "why the override is needed, recorded with --actor");
}

/** The request fields those flags give (the override checked: --now needs --reason). */
export function hostActionFields(o: HostActionFlags): { timeoutMs: number; skipHealth: boolean; issuer: string; now: boolean; reason?: string } {
  return { timeoutMs: (o.timeout ?? 0) * 1000, skipHealth: o.skipHealth, issuer: actorOf(o), ...overrideOf(o) };
}

/** The request fields that come from flags of the same name on reset, recycle and site. */
const RESET_FLAGS: Readonly<Record<string, string>> = { ...NAMED_TARGET_FLAGS, level: "--level", operation: "--operation", reason: "--reason", issuer: "--actor" };

export interface ResetAnswer {
  command: CommandDetail;
  override?: ResetOverride;
}

/**
 * Sends `request` to each host in turn, in the order given, and prints each command. The first host that does not
 * succeed stops the run: the hosts after it are not touched, and are named (a gentle operation that fails on one host
 * is worth a look before it is done to the next). With --at, one start at that time per host instead.
 */
export async function resetEach(cmd: Command, hosts: readonly string[], request: Record<string, unknown> & { issuer: string }, o: AtFlags): Promise<void> {
  const ctx = contextOf(cmd);
  requireAtFor(cmd, o);
  if (o.at !== undefined) {
    for (const host of hosts) await scheduleStart(ctx, "reset", host, request, o, request.issuer);
    return;
  }
  const answers: Array<ResetAnswer & { host: string }> = [];
  for (const [i, host] of hosts.entries()) {
    let res: ResetAnswer;
    try {
      res = await ctx.api.post<ResetAnswer>(`/api/v1/hosts/${host}/reset`, request, { flags: RESET_FLAGS });
    } catch (err) {
      // Refused (a window, a busy host, NATS down): the error is printed by main; say which hosts it left alone.
      const untouched = hosts.slice(i + 1);
      if (untouched.length > 0 && !ctx.json) process.stderr.write(`Stopped at ${host}; not touched: ${untouched.join(", ")}\n`);
      throw err;
    }
    answers.push({ host, ...res });
    if (hosts.length === 1) {
      ctx.print(res, () => formatCommand(res.command) + overrideLine(host, res));
    } else if (!ctx.json) {
      process.stdout.write(`${formatCommand(res.command)}${overrideLine(host, res)}\n\n`);
    }
    if (res.command.state !== "succeeded") {
      process.exitCode = EXIT_FAILED;
      const untouched = hosts.slice(i + 1);
      if (untouched.length > 0 && !ctx.json) process.stdout.write(`Stopped after ${host} failed; not touched: ${untouched.join(", ")}\n`);
      if (hosts.length > 1 && ctx.json) ctx.print({ results: answers, untouched }, () => "");
      return;
    }
  }
  if (hosts.length > 1 && ctx.json) ctx.print({ results: answers, untouched: [] }, () => "");
}

function overrideLine(host: string, res: ResetAnswer): string {
  return res.override ? `\nOverride recorded: ${res.override.actor} reset ${host} although ${res.override.overrode}; reason: ${res.override.reason}` : "";
}
