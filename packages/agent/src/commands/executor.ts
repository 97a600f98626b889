import {
  type Command,
  type ICommandResult,
  type IStep,
  ResultCode,
  lbMemberActionName,
  lbMemberStateFromName,
  operationName,
  readResetBody,
  resetLevelName,
  targetsProblem,
  v1,
} from "@iisfleet/proto";
import { type ArrMemberFn, LbMemberError } from "../host/lb-member.js";
import type { Clock, ResetEventEntry } from "../host/port.js";
import type { ResetEngine } from "../reset/engine.js";
import { DEFAULT_START_TIMEOUT_MS, type Phase, defaultStopTimeoutMs } from "../reset/types.js";
import type { CordonState } from "../state/cordon.js";
import { type AgentPolicy, DEFAULT_POLICY, policyRefusal } from "../state/policy.js";
import { CLOCK_SKEW_MS } from "../security/command-verifier.js";
import { ReplayMemory } from "../state/replay-memory.js";
import { TermMemory } from "../state/term-memory.js";
import { ResultCache } from "./result-cache.js";
import { stepToWire } from "./to-wire.js";

export interface ExecutorEvents {
  progress(commandId: string, phase: Phase, message: string, step?: IStep): void;
}

/** iisreset /DISABLE and /ENABLE, persisted by the caller. */
export interface CordonControl {
  readonly current: CordonState;
  set(cordoned: boolean, reason: string, atMs: number): CordonState;
}

/** Where finished results go so a restarted agent still answers repeats (see state/journal.ts). */
export interface ResultSink {
  append(result: ICommandResult, all: () => ICommandResult[]): void;
}

export interface LastReset {
  commandId: string;
  outcome: v1.Outcome;
  code: string;
  finishedAtMs: number;
}

export interface ExecutorOptions {
  host: string;
  engine: ResetEngine;
  clock: Clock;
  events: ExecutorEvents;
  cordon?: CordonControl;
  policy?: AgentPolicy;
  journal?: ResultSink;
  /** Results loaded from the journal at start. */
  previous?: ICommandResult[];
  /** The host's reboot, where the adapter has one. */
  reboot?: () => Promise<void>;
  /** The host's own log of resets (Windows event log), where the adapter has one; failures are reported, not fatal. */
  recordEvent?: (entry: ResetEventEntry) => Promise<void>;
  onRecordEventError?: (err: unknown) => void;
  /** Told when the journal cannot be written (full disk...): the result is still answered. */
  onJournalError?: (err: unknown) => void;
  /** Every command id and nonce accepted, durable across restarts (see state/replay-memory.ts); default: memory only. */
  replay?: ReplayMemory;
  /** The highest controller leadership term obeyed, durable across restarts (see state/term-memory.ts); default: memory only. */
  terms?: TermMemory;
  /** Told as the engine starts an operation (the agent logs it: the host's own record of every reset run). */
  onStart?: (commandId: string, summary: string) => void;
  /** ARR on this host, where the adapter has it (lbMember commands); without it they answer UNSUPPORTED. */
  arrMember?: ArrMemberFn;
}

/** Command ids are UUIDs; anything much longer is not from a controller and would bloat the replay memory. */
const MAX_COMMAND_ID_LENGTH = 128;

/**
 * Decides what a decoded command may do on this host, runs it through the engine, and keeps its result.
 * One operation at a time: a second command gets BUSY with the id of the one holding the host.
 */
export class CommandExecutor {
  private readonly results = new ResultCache();
  private running: { id: string; promise: Promise<ICommandResult> } | undefined;
  private last: LastReset | undefined;
  private executed = 0;
  private readonly replay: ReplayMemory;
  private readonly terms: TermMemory;

  constructor(private readonly opts: ExecutorOptions) {
    this.replay = opts.replay ?? new ReplayMemory(undefined);
    this.terms = opts.terms ?? new TermMemory(undefined);
    for (const r of opts.previous ?? []) {
      if (!r.commandId) continue;
      // A start marker with no result after it: this agent stopped (killed, crashed, power lost) while it ran.
      this.results.set(r.commandId, r.outcome === v1.Outcome.OUTCOME_IN_PROGRESS ? interrupted(r, this.opts.host) : r);
    }
  }

  get busyCommandId(): string | undefined {
    return this.running?.id;
  }

  /** Operations the engine actually ran in this process: what "reset exactly once" is measured with. */
  get executedCount(): number {
    return this.executed;
  }

  get lastReset(): LastReset | undefined {
    return this.last;
  }

  get cordon(): CordonState {
    return this.opts.cordon?.current ?? { cordoned: false, reason: "", changedAtMs: 0 };
  }

  async execute(cmd: Command): Promise<ICommandResult> {
    const now = this.opts.clock.now();
    const reject = (code: ResultCode, message: string, extra: Partial<ICommandResult> = {}) =>
      this.result(cmd.commandId, v1.Outcome.OUTCOME_REJECTED, code, message, [], now, extra);

    if (!cmd.commandId) return reject(ResultCode.MALFORMED, "The command has no id.");
    if (cmd.commandId.length > MAX_COMMAND_ID_LENGTH) {
      return this.result("", v1.Outcome.OUTCOME_REJECTED, ResultCode.MALFORMED, `The command id is ${cmd.commandId.length} characters long; at most ${MAX_COMMAND_ID_LENGTH} are accepted.`, [], now);
    }
    if (cmd.targetHost !== this.opts.host) {
      return reject(ResultCode.WRONG_HOST, `This command is for "${cmd.targetHost}", not for "${this.opts.host}".`);
    }
    // Before anything else a command can do, outcome queries included: a deposed leader neither acts nor learns.
    const fenced = this.fence(Number(cmd.term ?? 0), now);
    if (fenced) return reject(ResultCode.STALE_TERM, fenced);
    if (cmd.outcome) return this.outcomeOf(cmd.outcome.commandId ?? "", now);
    // The same skew the signature gate allows (its clock and the controller's are NTP-synced, not identical).
    if (cmd.expiresAtMs > 0 && now > Number(cmd.expiresAtMs) + CLOCK_SKEW_MS && !this.results.get(cmd.commandId)) {
      return reject(ResultCode.EXPIRED, `The command expired ${now - Number(cmd.expiresAtMs)} ms before it arrived (${CLOCK_SKEW_MS / 1000} s of clock skew allowed); nothing was done.`);
    }
    // Reading a load-balancer member changes nothing: answered like an outcome query, never remembered (a drain
    // polls it every second; the replay memory and the journal are for commands that change something).
    if (cmd.lbMember && lbMemberActionName(cmd.lbMember.action) === "status") return this.lbMember(cmd.commandId, cmd.lbMember, now, false);
    // A repeat of a command that ran is answered from its result and never runs again.
    const stored = this.results.get(cmd.commandId);
    if (stored) return { ...stored, replayed: true };
    if (this.running?.id === cmd.commandId) return this.running.promise.then((r) => ({ ...r, replayed: true }));
    const seen = this.replay.check(cmd.commandId, cmd.nonce ?? new Uint8Array(0), Number(cmd.expiresAtMs));
    if (seen === "outdated") {
      // Measured by the controller's clock (a later command's issue time), not ours, which may be wrong.
      return reject(ResultCode.EXPIRED, `The command expired before a later command from the controller was issued (at ${new Date(this.replay.highWater).toISOString()}); nothing was done.`);
    }
    if (seen !== "new") {
      return reject(
        ResultCode.REPLAYED,
        seen === "seen-id"
          ? `Command ${cmd.commandId} was received before and is never run twice; nothing was done.`
          : "The command reuses the nonce of an earlier command (a replay); nothing was done.",
      );
    }
    try {
      this.replay.remember(cmd.commandId, cmd.nonce ?? new Uint8Array(0), Number(cmd.expiresAtMs), Number(cmd.issuedAtMs));
    } catch (err) {
      // Running a command that a restart would not remember would open the door to running it twice.
      return reject(ResultCode.HOST_ERROR, `The agent cannot record the command id (${err instanceof Error ? err.message : String(err)}); nothing was done.`);
    }
    // From here on every answer is final for this id: kept, so a repeat or an outcome query gets the same one.
    const refuse = (code: ResultCode, message: string, extra: Partial<ICommandResult> = {}) => {
      const r = reject(code, message, extra);
      this.remember(r);
      return r;
    };
    if (cmd.cordon) return this.setCordon(cmd.commandId, cmd.cordon, now);
    // Not a reset: no BUSY, no cordon (a cordoned ARR host still balances its farm), only its own policy switch.
    if (cmd.lbMember) return this.lbMember(cmd.commandId, cmd.lbMember, now, true);

    const body = readResetBody(cmd);
    if (!body) return refuse(ResultCode.UNSUPPORTED, "The command has no body this agent understands.");
    if ("problem" in body) return refuse(ResultCode.MALFORMED, `The command cannot be run: ${body.problem}; nothing was done.`);
    const reset = body.request;
    // The controller checked the names too; a command from an older or foreign controller is checked again here.
    const targets = targetsProblem(resetLevelName(reset.level), reset.pools ?? [], reset.sites ?? []);
    if (targets) return refuse(ResultCode.MALFORMED, `The command's ${targets.field}: ${targets.sentence}; nothing was done.`);
    if (this.running) {
      return refuse(ResultCode.BUSY, `Another operation (${this.running.id}) is running on this host.`, {
        busyCommandId: this.running.id,
      });
    }
    const cordon = this.cordon;
    if (cordon.cordoned) {
      return refuse(ResultCode.CORDONED, `This host is cordoned (resets disabled${cordon.reason ? `: ${cordon.reason}` : ""}); uncordon it first.`);
    }
    const refusal = policyRefusal(this.opts.policy ?? DEFAULT_POLICY, {
      operation: operationName(reset.operation),
      level: resetLevelName(reset.level),
      force: reset.force === true,
      rebootOnError: reset.rebootOnError === true,
      atMs: now,
    });
    if (refusal) return refuse(ResultCode.POLICY, `${refusal} Nothing was done.`);

    this.executed++;
    // Durable before anything is said or touched: an agent killed from here on answers INTERRUPTED from its journal.
    this.journalStart(cmd.commandId, now);
    this.opts.onStart?.(
      cmd.commandId,
      `${operationName(reset.operation)} (level ${resetLevelName(reset.level)}${reset.force ? ", force" : ""}${targetsText(reset)}) for ${cmd.issuer}${Number(cmd.expiresAtMs) > 0 ? `, expires ${new Date(Number(cmd.expiresAtMs)).toISOString()}` : ""}`,
    );
    const promise = this.runReset(cmd.commandId, reset).then(async (result) => {
      await this.opts
        .recordEvent?.({
          ok: result.outcome === v1.Outcome.OUTCOME_SUCCEEDED,
          commandId: cmd.commandId,
          issuer: cmd.issuer,
          summary: `${operationName(reset.operation)} (level ${resetLevelName(reset.level)}${reset.force ? ", force" : ""}${targetsText(reset)}): ${result.code}: ${result.message ?? ""}`,
        })
        .catch((err: unknown) => this.opts.onRecordEventError?.(err));
      return result;
    });
    this.running = { id: cmd.commandId, promise };
    try {
      const result = await promise;
      this.remember(result);
      this.last = {
        commandId: cmd.commandId,
        outcome: result.outcome ?? v1.Outcome.OUTCOME_UNSPECIFIED,
        code: result.code ?? "",
        finishedAtMs: result.finishedAtMs ?? now,
      };
      return result;
    } finally {
      this.running = undefined;
    }
  }

  /** A refusal sentence for a command from a deposed leader, or undefined when its term may act. */
  private fence(term: number, now: number): string | undefined {
    let verdict;
    try {
      verdict = this.terms.admit(term, now);
    } catch (err) {
      // Obeying a term a restart would not remember would let the deposed leader back in after it.
      return `The agent cannot record leadership term ${term} (${err instanceof Error ? err.message : String(err)}); nothing was done.`;
    }
    if (verdict.ok) return undefined;
    return `The command comes from leadership term ${term}, but this agent has obeyed term ${verdict.highest}: its controller was deposed (another one leads now); nothing was done.`;
  }

  /**
   * A start marker in the journal, so that an agent that dies mid-reset answers INTERRUPTED for this id after its
   * restart — for as long as the journal keeps it, long after the replay memory has let the id go — instead of
   * "no record of it". Not fatal: the replay memory already guarantees the command never runs twice.
   */
  private journalStart(commandId: string, now: number): void {
    const marker = this.result(commandId, v1.Outcome.OUTCOME_IN_PROGRESS, ResultCode.IN_PROGRESS, "started", [], now);
    try {
      this.opts.journal?.append(marker, () => [...this.results.values(), marker]);
    } catch (err) {
      this.opts.onJournalError?.(err);
    }
  }

  /** Journal first (so a restart still knows), then memory; a journal that cannot be written is reported, not fatal. */
  private remember(result: ICommandResult): void {
    const id = result.commandId ?? "";
    this.results.set(id, result);
    try {
      this.opts.journal?.append(result, () => this.results.values());
    } catch (err) {
      this.opts.onJournalError?.(err);
    }
  }

  private setCordon(commandId: string, req: v1.ICordonRequest, now: number): ICommandResult {
    const control = this.opts.cordon;
    if (!control) {
      return this.result(commandId, v1.Outcome.OUTCOME_REJECTED, ResultCode.UNSUPPORTED, "This agent keeps no state: it cannot be cordoned.", [], now);
    }
    const cordoned = req.cordoned === true;
    try {
      control.set(cordoned, req.reason ?? "", now);
    } catch (err) {
      const failed = this.result(
        commandId,
        v1.Outcome.OUTCOME_FAILED,
        ResultCode.HOST_ERROR,
        `The cordon could not be saved (${err instanceof Error ? err.message : String(err)}); nothing changed.`,
        [],
        now,
      );
      this.remember(failed);
      return failed;
    }
    const result = this.result(
      commandId,
      v1.Outcome.OUTCOME_SUCCEEDED,
      ResultCode.OK,
      cordoned ? "Resets are now disabled on this host (cordoned)." : "Resets are enabled again on this host.",
      [],
      now,
    );
    this.remember(result);
    return result;
  }

  /** Reads or sets one member of a load balancer on this host (ARR); `keep`: the answer is final for this id. */
  private async lbMember(commandId: string, req: v1.ILbMemberRequest, now: number, keep: boolean): Promise<ICommandResult> {
    const done = (outcome: v1.Outcome, code: ResultCode, message: string, extra: Partial<ICommandResult> = {}) => {
      const r = this.result(commandId, outcome, code, message, [], now, extra);
      if (keep) this.remember(r);
      return r;
    };
    const refuse = (code: ResultCode, message: string) => done(v1.Outcome.OUTCOME_REJECTED, code, message);
    const action = lbMemberActionName(req.action);
    const webFarm = req.webFarm ?? "";
    const server = req.server ?? "";
    if (!action) return refuse(ResultCode.MALFORMED, "The load-balancer command names no action this agent knows; nothing was done.");
    if (webFarm === "" || server === "") return refuse(ResultCode.MALFORMED, "The load-balancer command names no web farm or no server; nothing was done.");
    if (action !== "status" && (this.opts.policy ?? DEFAULT_POLICY).allowLbControl === false) {
      return refuse(ResultCode.POLICY, `This host's policy does not allow load-balancer changes (allowLbControl is false); ${webFarm}/${server} was not set to ${action}.`);
    }
    const arr = this.opts.arrMember;
    if (!arr) return refuse(ResultCode.UNSUPPORTED, "This agent manages no load balancer; nothing was done.");
    try {
      const m = await arr(webFarm, server, action);
      const requests = `${m.currentRequests} current request${m.currentRequests === 1 ? "" : "s"}`;
      return done(
        v1.Outcome.OUTCOME_SUCCEEDED,
        ResultCode.OK,
        `${m.webFarm}/${m.server}: ${m.state}, ${requests}${m.healthy ? "" : ", unhealthy"}.`,
        {
          lbMember: {
            webFarm: m.webFarm,
            server: m.server,
            state: lbMemberStateFromName(m.state),
            healthy: m.healthy,
            currentRequests: m.currentRequests,
            totalRequests: m.totalRequests,
          },
        },
      );
    } catch (err) {
      if (err instanceof LbMemberError) {
        const code = { NO_LB: ResultCode.UNSUPPORTED, FARM_UNKNOWN: ResultCode.LB_FARM_UNKNOWN, SERVER_UNKNOWN: ResultCode.LB_SERVER_UNKNOWN }[err.code];
        return refuse(code, `${err.message} Nothing was done.`);
      }
      return done(v1.Outcome.OUTCOME_FAILED, ResultCode.HOST_ERROR, `The load balancer did not answer for ${webFarm}/${server}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private outcomeOf(commandId: string, now: number): ICommandResult {
    const stored = this.results.get(commandId);
    if (stored) return { ...stored, replayed: true };
    if (this.running?.id === commandId) {
      return this.result(commandId, v1.Outcome.OUTCOME_IN_PROGRESS, ResultCode.IN_PROGRESS, "The command is still running.", [], now);
    }
    if (this.replay.check(commandId, new Uint8Array(0)) === "seen-id") {
      // Accepted, then the agent stopped before a result was written: the host may be half reset, and the
      // command will not run again. Saying so beats "unknown", which would invite the controller to re-send.
      return this.result(
        commandId,
        v1.Outcome.OUTCOME_FAILED,
        ResultCode.INTERRUPTED,
        "The agent stopped while this command ran and has no result for it; it will not run it again. Check the host.",
        [],
        now,
      );
    }
    return this.result(
      commandId,
      v1.Outcome.OUTCOME_UNKNOWN_COMMAND,
      ResultCode.UNKNOWN_COMMAND,
      "This agent has no record of that command.",
      [],
      now,
    );
  }

  private async runReset(commandId: string, req: v1.IResetRequest): Promise<ICommandResult> {
    const operation = operationName(req.operation);
    const timeout = req.timeoutMs ?? 0;
    let current: Phase = "stopping";
    const report = await this.opts.engine.run(
      {
        operation,
        level: resetLevelName(req.level),
        force: req.force === true,
        stopTimeoutMs: timeout > 0 ? timeout : defaultStopTimeoutMs(operation),
        startTimeoutMs: Math.max(timeout, DEFAULT_START_TIMEOUT_MS),
        verifyHealth: req.skipHealth !== true,
        pools: req.pools ?? [],
        startStopped: req.startStopped === true,
        sites: req.sites ?? [],
      },
      {
        phase: (phase, message) => {
          current = phase;
          this.opts.events.progress(commandId, phase, message);
        },
        step: (step) => this.opts.events.progress(commandId, current, step.message, stepToWire(step)),
      },
    );
    const steps = report.steps.map(stepToWire);
    let message = report.message;
    // A name the host does not have: refused before anything was touched, so nothing to reboot for either.
    const refused = report.code === "POOL_UNKNOWN" || report.code === "SITE_UNKNOWN";
    if (!report.ok && !refused && req.rebootOnError === true) {
      // Policy allowed it (checked before the run). The reboot ends this agent too, so it is the last step.
      const t0 = this.opts.clock.now();
      const reboot = this.opts.reboot;
      let ok = false;
      let text = "this host adapter cannot reboot";
      if (reboot) {
        try {
          await reboot();
          ok = true;
          text = "reboot initiated";
        } catch (err) {
          text = `reboot failed: ${err instanceof Error ? err.message : String(err)}`;
        }
      }
      steps.push({
        seq: steps.length + 1,
        action: v1.StepAction.STEP_ACTION_REBOOT,
        target: this.opts.host,
        durationMs: this.opts.clock.now() - t0,
        message: text,
        ok,
      });
      message = `${message} Reboot-on-error: ${text}.`;
    }
    return this.result(
      commandId,
      report.ok ? v1.Outcome.OUTCOME_SUCCEEDED : refused ? v1.Outcome.OUTCOME_REJECTED : v1.Outcome.OUTCOME_FAILED,
      report.code,
      message,
      steps,
      report.startedAtMs,
      { finishedAtMs: this.opts.clock.now() },
    );
  }

  private result(
    commandId: string,
    outcome: v1.Outcome,
    code: ResultCode | string,
    message: string,
    steps: IStep[],
    startedAtMs: number,
    extra: Partial<ICommandResult> = {},
  ): ICommandResult {
    return {
      commandId,
      host: this.opts.host,
      outcome,
      code,
      message,
      steps,
      startedAtMs,
      finishedAtMs: this.opts.clock.now(),
      ...extra,
    };
  }
}

/** The named pools or sites of a reset, for the agent's log and the host's event log. */
function targetsText(req: v1.IResetRequest): string {
  const pools = req.pools ?? [];
  const sites = req.sites ?? [];
  if (pools.length > 0) return `, pools ${pools.join(", ")}${req.startStopped ? ", start stopped" : ""}`;
  if (sites.length > 0) return `, sites ${sites.join(", ")}`;
  return "";
}

/** What a start marker left in the journal by an agent that stopped mid-command means after its restart. */
function interrupted(marker: ICommandResult, host: string): ICommandResult {
  const at = Number(marker.startedAtMs ?? 0);
  return {
    commandId: marker.commandId,
    host,
    outcome: v1.Outcome.OUTCOME_FAILED,
    code: ResultCode.INTERRUPTED,
    message: `The agent stopped while this command ran${at > 0 ? ` (started ${new Date(at).toISOString()})` : ""} and has no result for it; it will not run it again. The host may be half reset: check it.`,
    steps: [],
    startedAtMs: at,
    finishedAtMs: at,
  };
}
