import {
  type Command,
  type ICommandResult,
  type IStep,
  ResultCode,
  operationName,
  resetLevelName,
  v1,
} from "@iisfleet/proto";
import type { Clock } from "../host/port.js";
import type { ResetEngine } from "../reset/engine.js";
import { DEFAULT_START_TIMEOUT_MS, type Phase, defaultStopTimeoutMs } from "../reset/types.js";
import { ResultCache } from "./result-cache.js";
import { stepToWire } from "./to-wire.js";

export interface ExecutorEvents {
  progress(commandId: string, phase: Phase, message: string, step?: IStep): void;
}

export interface ExecutorOptions {
  host: string;
  engine: ResetEngine;
  clock: Clock;
  events: ExecutorEvents;
  /** Whether resets are refused on this host (iisreset /DISABLE). */
  isCordoned?: () => boolean;
}

/**
 * Decides what a decoded command may do on this host, runs it through the engine, and keeps its result.
 * One operation at a time: a second command gets BUSY with the id of the one holding the host.
 */
export class CommandExecutor {
  private readonly results = new ResultCache();
  private running: { id: string; promise: Promise<ICommandResult> } | undefined;

  constructor(private readonly opts: ExecutorOptions) {}

  get busyCommandId(): string | undefined {
    return this.running?.id;
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

    const stored = this.results.get(cmd.commandId);
    if (stored) return { ...stored, replayed: true };
    if (this.running?.id === cmd.commandId) return this.running.promise.then((r) => ({ ...r, replayed: true }));

    if (cmd.expiresAtMs > 0 && now > cmd.expiresAtMs) {
      return reject(ResultCode.EXPIRED, `The command expired ${now - cmd.expiresAtMs} ms before it arrived; nothing was done.`);
    }
    if (!cmd.reset) return reject(ResultCode.UNSUPPORTED, "The command has no body this agent understands.");
    if (this.running) {
      return reject(ResultCode.BUSY, `Another operation (${this.running.id}) is running on this host.`, {
        busyCommandId: this.running.id,
      });
    }
    if (this.opts.isCordoned?.()) {
      return reject(ResultCode.CORDONED, "This host is cordoned (resets disabled); uncordon it first.");
    }

    const promise = this.runReset(cmd.commandId, cmd.reset);
    this.running = { id: cmd.commandId, promise };
    try {
      const result = await promise;
      this.results.set(cmd.commandId, result);
      return result;
    } finally {
      this.running = undefined;
    }
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
      },
      {
        phase: (phase, message) => {
          current = phase;
          this.opts.events.progress(commandId, phase, message);
        },
        step: (step) => this.opts.events.progress(commandId, current, step.message, stepToWire(step)),
      },
    );
    return this.result(
      commandId,
      report.ok ? v1.Outcome.OUTCOME_SUCCEEDED : v1.Outcome.OUTCOME_FAILED,
      report.code,
      report.message,
      report.steps.map(stepToWire),
      report.startedAtMs,
      { finishedAtMs: report.finishedAtMs },
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
