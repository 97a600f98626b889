import {
  type Command,
  type ICommandResult,
  type IStep,
  ResultCode,
  operationName,
  resetLevelName,
  v1,
} from "@iisfleet/proto";
import type { Clock, ResetEventEntry } from "../host/port.js";
import type { ResetEngine } from "../reset/engine.js";
import { DEFAULT_START_TIMEOUT_MS, type Phase, defaultStopTimeoutMs } from "../reset/types.js";
import type { CordonState } from "../state/cordon.js";
import { type AgentPolicy, DEFAULT_POLICY, policyRefusal } from "../state/policy.js";
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
}

/**
 * Decides what a decoded command may do on this host, runs it through the engine, and keeps its result.
 * One operation at a time: a second command gets BUSY with the id of the one holding the host.
 */
export class CommandExecutor {
  private readonly results = new ResultCache();
  private running: { id: string; promise: Promise<ICommandResult> } | undefined;
  private last: LastReset | undefined;
  private executed = 0;

  constructor(private readonly opts: ExecutorOptions) {
    for (const r of opts.previous ?? []) {
      if (r.commandId) this.results.set(r.commandId, r);
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
    if (cmd.targetHost !== this.opts.host) {
      return reject(ResultCode.WRONG_HOST, `This command is for "${cmd.targetHost}", not for "${this.opts.host}".`);
    }
    if (cmd.outcome) return this.outcomeOf(cmd.outcome.commandId ?? "", now);
    if (cmd.expiresAtMs > 0 && now > cmd.expiresAtMs && !this.results.get(cmd.commandId)) {
      return reject(ResultCode.EXPIRED, `The command expired ${now - cmd.expiresAtMs} ms before it arrived; nothing was done.`);
    }
    if (cmd.cordon) return this.setCordon(cmd.commandId, cmd.cordon, now);

    const stored = this.results.get(cmd.commandId);
    if (stored) return { ...stored, replayed: true };
    if (this.running?.id === cmd.commandId) return this.running.promise.then((r) => ({ ...r, replayed: true }));

    if (!cmd.reset) return reject(ResultCode.UNSUPPORTED, "The command has no body this agent understands.");
    if (this.running) {
      return reject(ResultCode.BUSY, `Another operation (${this.running.id}) is running on this host.`, {
        busyCommandId: this.running.id,
      });
    }
    const cordon = this.cordon;
    if (cordon.cordoned) {
      return reject(ResultCode.CORDONED, `This host is cordoned (resets disabled${cordon.reason ? `: ${cordon.reason}` : ""}); uncordon it first.`);
    }
    const refusal = policyRefusal(this.opts.policy ?? DEFAULT_POLICY, {
      operation: operationName(cmd.reset.operation),
      level: resetLevelName(cmd.reset.level),
      force: cmd.reset.force === true,
      rebootOnError: cmd.reset.rebootOnError === true,
    });
    if (refusal) return reject(ResultCode.POLICY, `${refusal} Nothing was done.`);

    this.executed++;
    const promise = this.runReset(cmd.commandId, cmd.reset).then(async (result) => {
      await this.opts
        .recordEvent?.({
          ok: result.outcome === v1.Outcome.OUTCOME_SUCCEEDED,
          commandId: cmd.commandId,
          issuer: cmd.issuer,
          summary: `${operationName(cmd.reset?.operation)} (level ${resetLevelName(cmd.reset?.level)}${cmd.reset?.force ? ", force" : ""}): ${result.code}: ${result.message ?? ""}`,
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
      return this.result(
        commandId,
        v1.Outcome.OUTCOME_FAILED,
        ResultCode.HOST_ERROR,
        `The cordon could not be saved (${err instanceof Error ? err.message : String(err)}); nothing changed.`,
        [],
        now,
      );
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

  private outcomeOf(commandId: string, now: number): ICommandResult {
    const stored = this.results.get(commandId);
    if (stored) return { ...stored, replayed: true };
    if (this.running?.id === commandId) {
      return this.result(commandId, v1.Outcome.OUTCOME_IN_PROGRESS, ResultCode.IN_PROGRESS, "The command is still running.", [], now);
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
    if (!report.ok && req.rebootOnError === true) {
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
      report.ok ? v1.Outcome.OUTCOME_SUCCEEDED : v1.Outcome.OUTCOME_FAILED,
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
