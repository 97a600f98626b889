import { randomBytes, randomUUID } from "node:crypto";
import {
  type ICommandResult,
  type IStep,
  MalformedPayloadError,
  type OperationName,
  type ResetLevelName,
  encode,
  operationFromName,
  outcomeName,
  resetLevelFromName,
  serviceStateName,
  stepActionName,
  v1,
} from "@iisfleet/proto";
import type { Clock } from "../clock.js";
import { AgentTimeoutError, IisfleetError, UnknownHostError } from "../errors.js";
import type { CommandRow, CommandState, StepRow, Store } from "../store/index.js";
import type { AgentBus } from "./agent-bus.js";

export interface ResetParams {
  host: string;
  operation: OperationName;
  level: ResetLevelName;
  force: boolean;
  /** Graceful stop deadline on the agent; 0 = iisreset's default (20 s restart, 60 s stop). */
  timeoutMs: number;
  issuer: string;
}

export interface CommandDetail extends CommandRow {
  steps: StepRow[];
}

/** How long a command may wait in NATS before an agent must refuse it as expired. */
export const DELIVERY_WINDOW_MS = 30_000;
/** Start phase allowance on top of the stop deadline (the agent's own start deadline). */
const START_ALLOWANCE_MS = 60_000;
const SLACK_MS = 5_000;

function finalState(result: ICommandResult): CommandState {
  switch (result.outcome) {
    case v1.Outcome.OUTCOME_SUCCEEDED: return "succeeded";
    case v1.Outcome.OUTCOME_FAILED: return "failed";
    case v1.Outcome.OUTCOME_REJECTED: return "rejected";
    default: return "error";
  }
}

/** A wire step as the store and the API show it: enum numbers become Windows' names. */
export function stepRowFromWire(s: IStep, fallbackSeq: number): StepRow {
  return {
    seq: s.seq ?? fallbackSeq,
    action: stepActionName(s.action),
    target: s.target ?? "",
    fromState: serviceStateName(s.fromState),
    toState: serviceStateName(s.toState),
    durationMs: s.durationMs ?? 0,
    win32Error: s.win32Error ?? 0,
    message: s.message ?? "",
    ok: s.ok === true,
    skipped: s.skipped === true,
  };
}

export function stepsFromResult(result: ICommandResult): StepRow[] {
  return (result.steps ?? []).map((s, i) => stepRowFromWire(s, i + 1));
}

/**
 * Resets one host: the command and its "sent" transition are committed to SQLite before a byte goes to NATS,
 * and the agent's answer (or the lack of one) is committed with its steps when it comes.
 */
export class ResetService {
  constructor(
    private readonly store: Store,
    private readonly bus: AgentBus,
    private readonly clock: Clock,
    private readonly controllerId: string,
  ) {}

  async reset(p: ResetParams): Promise<CommandDetail> {
    if (!this.store.hosts.get(p.host)) throw new UnknownHostError(p.host);
    const id = randomUUID();
    const issuedAt = this.clock.now();
    const expiresAt = issuedAt + DELIVERY_WINDOW_MS;
    const stopBudget = p.timeoutMs > 0 ? p.timeoutMs : p.operation === "stop" ? 60_000 : 20_000;
    const waitMs = stopBudget + (p.operation === "stop" ? 0 : START_ALLOWANCE_MS) + SLACK_MS;
    const verb = p.operation === "restart" ? "reset" : p.operation;

    const envelope = encode.envelope({
      command: encode.command({
        commandId: id,
        issuer: `${this.controllerId}/${p.issuer}`,
        targetHost: p.host,
        issuedAtMs: issuedAt,
        expiresAtMs: expiresAt,
        nonce: randomBytes(16),
        reset: {
          operation: operationFromName(p.operation),
          level: resetLevelFromName(p.level),
          force: p.force,
          timeoutMs: p.timeoutMs,
        },
      }),
    });

    this.store.tx(() => {
      this.store.commands.create({
        id,
        host: p.host,
        kind: "reset",
        issuer: p.issuer,
        operation: p.operation,
        level: p.level,
        force: p.force,
        timeoutMs: p.timeoutMs,
        createdMs: issuedAt,
        expiresMs: expiresAt,
      });
      this.store.events.append({
        atMs: issuedAt,
        kind: "command.created",
        host: p.host,
        commandId: id,
        message: `${p.issuer} asked for a ${p.force ? "FORCE" : "noforce"} ${verb} (level ${p.level}) of ${p.host}`,
        data: { operation: p.operation, level: p.level, force: p.force, timeoutMs: p.timeoutMs },
      });
      this.store.commands.markSent(id, this.clock.now());
      this.store.events.append({ atMs: this.clock.now(), kind: "command.sent", host: p.host, commandId: id, message: "sent to the agent" });
    });

    try {
      const result = await this.bus.sendCommand(p.host, envelope, waitMs);
      this.recordResult(id, p.host, result);
    } catch (err) {
      const state: CommandState = err instanceof AgentTimeoutError ? "timed-out" : "error";
      const code = err instanceof IisfleetError || err instanceof MalformedPayloadError ? err.code : "INTERNAL";
      const message = err instanceof Error ? err.message : String(err);
      this.store.tx(() => {
        this.store.commands.finish(id, { state, finishedMs: this.clock.now(), code, message, steps: [] });
        this.store.events.append({ atMs: this.clock.now(), kind: "command.finished", host: p.host, commandId: id, message, data: { state, code } });
      });
    }
    return this.detail(id);
  }

  detail(id: string): CommandDetail {
    const row = this.store.commands.get(id);
    if (!row) throw new IisfleetError("NOT_FOUND", `No command "${id}".`, 404);
    return { ...row, steps: this.store.commands.steps(id) };
  }

  private recordResult(id: string, host: string, result: ICommandResult): void {
    const state = finalState(result);
    const code = result.code || "UNSPECIFIED";
    const message = result.message || outcomeName(result.outcome);
    this.store.tx(() => {
      this.store.commands.finish(id, {
        state,
        finishedMs: this.clock.now(),
        code,
        message,
        agentStartedMs: result.startedAtMs ?? null,
        agentFinishedMs: result.finishedAtMs ?? null,
        steps: stepsFromResult(result),
      });
      this.store.events.append({
        atMs: this.clock.now(),
        kind: "command.finished",
        host,
        commandId: id,
        message,
        data: { state, code, replayed: result.replayed === true },
      });
    });
  }
}
