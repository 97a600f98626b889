import { randomBytes, randomUUID } from "node:crypto";
import {
  type CommandSigningKey,
  type ICommand,
  type ICommandResult,
  type IStep,
  type LbMemberActionName,
  type LbMemberStateName,
  MalformedPayloadError,
  type OperationName,
  type ResetLevelName,
  encode,
  lbMemberActionFromName,
  lbMemberStateName,
  operationFromName,
  outcomeName,
  resetLevelFromName,
  sealCommand,
  serviceStateName,
  stepActionName,
  v1,
} from "@iisfleet/proto";
import type { Clock } from "../clock.js";
import { AgentTimeoutError, IisfleetError, NatsUnavailableError, UnknownHostError } from "../errors.js";
import type { CommandRow, CommandState, StepRow, Store } from "../store/index.js";
import type { AgentBus } from "./agent-bus.js";

export interface ResetParams {
  host: string;
  operation: OperationName;
  level: ResetLevelName;
  force: boolean;
  /** Graceful stop deadline on the agent; 0 = iisreset's default (20 s restart, 60 s stop). */
  timeoutMs: number;
  rebootOnError?: boolean;
  skipHealth?: boolean;
  /** How long to wait for the agent's answer; default: stop deadline + start and probe allowance. */
  deadlineMs?: number;
  issuer: string;
}

export interface CordonParams {
  host: string;
  cordoned: boolean;
  reason: string;
  issuer: string;
}

/** One member of a load balancer that runs on an agent's host (ARR on an ARR host). */
export interface LbMemberParams {
  /** The agent on the load balancer's host (the ARR host), not the member. */
  host: string;
  webFarm: string;
  server: string;
  action: LbMemberActionName;
  issuer: string;
}

/** The balancer's answer. Drain and Available are recorded as commands (kind "lb"); a status read is not. */
export interface LbMemberAnswer {
  ok: boolean;
  /** The agent's code (OK, LB_FARM_UNKNOWN, POLICY, ...) or the controller's (AGENT_TIMEOUT, NATS_UNAVAILABLE). */
  code: string;
  message: string;
  commandId?: string;
  member?: { state: LbMemberStateName; healthy: boolean; currentRequests: number; totalRequests: number };
}

export interface CommandDetail extends CommandRow {
  steps: StepRow[];
}

/** A command committed to SQLite and ready to publish. */
export interface PreparedCommand {
  id: string;
  host: string;
  envelope: Uint8Array;
  /** How long to wait for the agent's answer before recording a timeout. */
  waitMs: number;
}

/** How long a command may wait in NATS before an agent must refuse it as expired. */
export const DELIVERY_WINDOW_MS = 30_000;
/** Start phase (and health probes) allowance on top of the stop deadline. */
const START_ALLOWANCE_MS = 90_000;
const SLACK_MS = 5_000;

function finalState(result: ICommandResult): CommandState {
  switch (result.outcome) {
    case v1.Outcome.OUTCOME_SUCCEEDED: return "succeeded";
    case v1.Outcome.OUTCOME_FAILED: return "failed";
    case v1.Outcome.OUTCOME_REJECTED: return "rejected";
    default: return "error";
  }
}

function lbAnswer(r: ICommandResult): LbMemberAnswer {
  const m = r.lbMember;
  return {
    ok: r.outcome === v1.Outcome.OUTCOME_SUCCEEDED,
    code: r.code || "UNSPECIFIED",
    message: r.message || outcomeName(r.outcome),
    ...(m
      ? {
          member: {
            state: lbMemberStateName(m.state),
            healthy: m.healthy === true,
            currentRequests: Number(m.currentRequests ?? 0),
            totalRequests: Number(m.totalRequests ?? 0),
          },
        }
      : {}),
  };
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

interface CommandSpec {
  host: string;
  kind: "reset" | "cordon" | "lb";
  issuer: string;
  operation: string;
  level: string;
  force: boolean;
  timeoutMs: number;
  options: Record<string, unknown>;
  body: Pick<ICommand, "reset" | "cordon" | "lbMember">;
  waitMs: number;
  description: string;
}

/**
 * Sends commands to agents. A command and its "sent" transition are committed to SQLite before a byte goes to
 * NATS, and the agent's answer (or the lack of one) is committed with its steps when it comes. `prepare` and
 * `deliver` are separate so a rollout can commit its own transition in the same breath as the command.
 */
/** The live registry, when there is one: it knows hosts before their rows are flushed to SQLite. */
export interface HostDirectory {
  has(name: string): boolean;
  flush(): unknown;
}

export class CommandService {
  constructor(
    private readonly store: Store,
    private readonly bus: AgentBus,
    private readonly clock: Clock,
    private readonly controllerId: string,
    private readonly directory?: HostDirectory,
    /** Signs every command (agents with trusted keys refuse unsigned ones); undefined: unsigned (development). */
    private readonly signingKey?: CommandSigningKey,
  ) {}

  /** Throws UnknownHostError for a host no agent ever reported; makes sure its row exists for the foreign key. */
  private requireHost(host: string): void {
    if (this.store.hosts.get(host)) return;
    if (this.directory?.has(host)) {
      this.directory.flush();
      if (this.store.hosts.get(host)) return;
    }
    throw new UnknownHostError(host);
  }

  async reset(p: ResetParams): Promise<CommandDetail> {
    const prepared = this.prepareReset(p);
    return this.deliver(prepared);
  }

  async cordon(p: CordonParams): Promise<CommandDetail> {
    this.requireHost(p.host);
    const verb = p.cordoned ? "cordon" : "uncordon";
    const prepared = this.prepare({
      host: p.host,
      kind: "cordon",
      issuer: p.issuer,
      operation: verb,
      level: "-",
      force: false,
      timeoutMs: 0,
      options: p.reason ? { reason: p.reason } : {},
      body: { cordon: { cordoned: p.cordoned, reason: p.reason } },
      waitMs: 15_000,
      description: `${p.issuer} asked to ${verb} ${p.host}${p.reason ? ` (${p.reason})` : ""}`,
    });
    return this.deliver(prepared);
  }

  /**
   * Reads or sets one load-balancer member through the agent on the balancer's host, signed like every command.
   * Drain and Available change the balancer, so they are commands with a history; a status read (a drain polls it)
   * is sent like an outcome query, unrecorded. Never throws for agent trouble: the answer says what happened.
   */
  async lbMember(p: LbMemberParams): Promise<LbMemberAnswer> {
    this.requireHost(p.host);
    const body = { lbMember: { webFarm: p.webFarm, server: p.server, action: lbMemberActionFromName(p.action) } };
    if (p.action === "status") {
      const now = this.clock.now();
      const envelope = sealCommand(
        {
          commandId: `lb-status-${randomUUID()}`,
          issuer: `${this.controllerId}/${p.issuer}`,
          targetHost: p.host,
          issuedAtMs: now,
          expiresAtMs: now + DELIVERY_WINDOW_MS,
          nonce: randomBytes(16),
          ...body,
        },
        this.signingKey,
      );
      try {
        return lbAnswer(await this.bus.sendCommand(p.host, envelope, 15_000));
      } catch (err) {
        const code = err instanceof IisfleetError || err instanceof MalformedPayloadError ? err.code : "INTERNAL";
        return { ok: false, code, message: err instanceof Error ? err.message : String(err) };
      }
    }
    const prepared = this.prepare({
      host: p.host,
      kind: "lb",
      issuer: p.issuer,
      operation: p.action,
      level: "-",
      force: false,
      timeoutMs: 0,
      options: { webFarm: p.webFarm, server: p.server },
      body,
      waitMs: 15_000,
      description: `${p.issuer} asked ${p.host}'s load balancer to set ${p.webFarm}/${p.server} ${p.action}`,
    });
    const { detail, result } = await this.deliverWithResult(prepared);
    if (result) return { ...lbAnswer(result), commandId: prepared.id };
    return { ok: false, code: detail.code ?? "INTERNAL", message: detail.message ?? "no answer", commandId: prepared.id };
  }

  /** Validates and commits a reset command; nothing is published yet. */
  prepareReset(p: ResetParams, inTx?: (id: string) => void): PreparedCommand {
    this.requireHost(p.host);
    const stopBudget = p.timeoutMs > 0 ? p.timeoutMs : p.operation === "stop" ? 60_000 : 20_000;
    const verb = p.operation === "restart" ? "reset" : p.operation;
    const options = {
      ...(p.rebootOnError ? { rebootOnError: true } : {}),
      ...(p.skipHealth ? { skipHealth: true } : {}),
      ...(p.deadlineMs ? { deadlineMs: p.deadlineMs } : {}),
    };
    return this.prepare(
      {
        host: p.host,
        kind: "reset",
        issuer: p.issuer,
        operation: p.operation,
        level: p.level,
        force: p.force,
        timeoutMs: p.timeoutMs,
        options,
        body: {
          reset: {
            operation: operationFromName(p.operation),
            level: resetLevelFromName(p.level),
            force: p.force,
            timeoutMs: p.timeoutMs,
            rebootOnError: p.rebootOnError === true,
            skipHealth: p.skipHealth === true,
          },
        },
        waitMs: p.deadlineMs ?? stopBudget + (p.operation === "stop" ? 0 : START_ALLOWANCE_MS) + SLACK_MS,
        description: `${p.issuer} asked for a ${p.force ? "FORCE" : "noforce"} ${verb} (level ${p.level}) of ${p.host}`,
      },
      inTx,
    );
  }

  /** Publishes a prepared command and records the outcome, whatever it is. Never throws for agent trouble. */
  async deliver(c: PreparedCommand): Promise<CommandDetail> {
    return (await this.deliverWithResult(c)).detail;
  }

  /** `deliver`, also handing back the agent's answer when there was one (load-balancer answers carry a member). */
  private async deliverWithResult(c: PreparedCommand): Promise<{ detail: CommandDetail; result?: ICommandResult }> {
    try {
      const result = await this.awaitAnswer(c);
      this.recordResult(c.id, c.host, result);
      return { detail: this.detail(c.id), result };
    } catch (err) {
      // Core NATS delivers at most once: a reply sent while the controller was reconnecting is gone, though the
      // agent did the work. Its journal still has the result, so ask before writing the command off.
      const recovered = err instanceof AgentTimeoutError || err instanceof NatsUnavailableError ? await this.recoverResult(c) : undefined;
      if (recovered) {
        this.recordResult(c.id, c.host, recovered);
        return { detail: this.detail(c.id), result: recovered };
      }
      const state: CommandState = err instanceof AgentTimeoutError ? "timed-out" : "error";
      const code = err instanceof IisfleetError || err instanceof MalformedPayloadError ? err.code : "INTERNAL";
      const message = err instanceof Error ? err.message : String(err);
      this.store.tx(() => {
        this.store.commands.finish(c.id, { state, finishedMs: this.clock.now(), code, message, steps: [] });
        this.store.events.append({ atMs: this.clock.now(), kind: "command.finished", host: c.host, commandId: c.id, message, data: { state, code } });
      });
    }
    return { detail: this.detail(c.id) };
  }

  /**
   * Asks an agent what became of a command (a restarted controller does this instead of resetting again).
   * Not recorded as a command of its own: it changes nothing on the host.
   */
  async queryOutcome(host: string, commandId: string): Promise<ICommandResult> {
    const now = this.clock.now();
    const envelope = sealCommand(
      {
        commandId: `outcome-${randomUUID()}`,
        issuer: `${this.controllerId}/resume`,
        targetHost: host,
        issuedAtMs: now,
        expiresAtMs: now + DELIVERY_WINDOW_MS,
        nonce: randomBytes(16),
        outcome: { commandId },
      },
      this.signingKey,
    );
    return this.bus.sendCommand(host, envelope, 10_000);
  }

  /**
   * The agent's answer. If the transport reconnects meanwhile, a reply sent during the outage is gone for good
   * (core NATS: at most once), so the agent's journal is asked at once rather than at the deadline.
   */
  private awaitAnswer(c: PreparedCommand): Promise<ICommandResult> {
    const request = this.bus.sendCommand(c.host, c.envelope, c.waitMs);
    if (!this.bus.onReconnect) return request;
    return new Promise<ICommandResult>((resolve, reject) => {
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        off();
        fn();
      };
      const off = this.bus.onReconnect?.(() => {
        void this.afterReconnect(c).then((r) => {
          if (r) settle(() => resolve(r));
        });
      }) ?? (() => undefined);
      request.then(
        (r) => settle(() => resolve(r)),
        (e: unknown) => settle(() => reject(e)),
      );
    });
  }

  /**
   * After a reconnect: the final result if the agent has one; undefined if it is still working (its reply will
   * come over the new connection). A command it never saw is re-sent with the same id, which it runs at most once.
   */
  private async afterReconnect(c: PreparedCommand): Promise<ICommandResult | undefined> {
    for (let attempt = 0; attempt < 10; attempt++) {
      // The agents reconnect on their own schedule; give them a moment.
      await new Promise((r) => setTimeout(r, 250 * (attempt + 1)));
      let r: ICommandResult;
      try {
        r = await this.queryOutcome(c.host, c.id);
      } catch {
        continue;
      }
      if (r.outcome === v1.Outcome.OUTCOME_IN_PROGRESS) return undefined;
      if (r.outcome === v1.Outcome.OUTCOME_UNKNOWN_COMMAND) {
        const row = this.store.commands.get(c.id);
        if (!row || this.clock.now() >= row.expiresMs) return undefined;
        return this.bus.sendCommand(c.host, c.envelope, c.waitMs).catch(() => undefined);
      }
      return r;
    }
    return undefined;
  }

  private async recoverResult(c: PreparedCommand): Promise<ICommandResult | undefined> {
    try {
      const r = await this.queryOutcome(c.host, c.id);
      const final = r.outcome === v1.Outcome.OUTCOME_SUCCEEDED || r.outcome === v1.Outcome.OUTCOME_FAILED || r.outcome === v1.Outcome.OUTCOME_REJECTED;
      return final ? r : undefined;
    } catch {
      return undefined;
    }
  }

  /** Re-sends the very bytes of a command (same id: the agent runs it at most once). */
  async resend(id: string): Promise<CommandDetail> {
    const row = this.store.commands.get(id);
    const envelope = this.store.commands.envelope(id);
    if (!row || !envelope) throw new IisfleetError("NOT_FOUND", `No stored envelope for command "${id}".`, 404);
    return this.deliver({ id, host: row.host, envelope, waitMs: this.waitMsOf(row) });
  }

  /** Closes a command whose outcome will never be known (e.g. never delivered before a controller crash). */
  abandon(id: string, code: string, message: string): void {
    const row = this.store.commands.get(id);
    if (!row) return;
    this.store.tx(() => {
      this.store.commands.finish(id, { state: "error", finishedMs: this.clock.now(), code, message, steps: [] });
      this.store.events.append({ atMs: this.clock.now(), kind: "command.finished", host: row.host, commandId: id, message, data: { state: "error", code } });
    });
  }

  /** The instant after which an unanswered command counts as timed out. */
  deadlineOf(row: CommandRow): number {
    return (row.sentMs ?? row.createdMs) + this.waitMsOf(row);
  }

  private waitMsOf(row: CommandRow): number {
    if (row.kind !== "reset") return 15_000;
    if (typeof row.options.deadlineMs === "number") return row.options.deadlineMs;
    const stopBudget = row.timeoutMs > 0 ? row.timeoutMs : row.operation === "stop" ? 60_000 : 20_000;
    return stopBudget + (row.operation === "stop" ? 0 : START_ALLOWANCE_MS) + SLACK_MS;
  }

  detail(id: string): CommandDetail {
    const row = this.store.commands.get(id);
    if (!row) throw new IisfleetError("NOT_FOUND", `No command "${id}".`, 404);
    return { ...row, steps: this.store.commands.steps(id) };
  }

  private prepare(spec: CommandSpec, inTx?: (id: string) => void): PreparedCommand {
    const id = randomUUID();
    const issuedAt = this.clock.now();
    const expiresAt = issuedAt + DELIVERY_WINDOW_MS;
    const envelope = sealCommand(
      {
        commandId: id,
        issuer: `${this.controllerId}/${spec.issuer}`,
        targetHost: spec.host,
        issuedAtMs: issuedAt,
        expiresAtMs: expiresAt,
        nonce: randomBytes(16),
        ...spec.body,
      },
      this.signingKey,
    );
    this.store.tx(() => {
      this.store.commands.create({
        id,
        host: spec.host,
        kind: spec.kind,
        issuer: spec.issuer,
        operation: spec.operation,
        level: spec.level,
        force: spec.force,
        timeoutMs: spec.timeoutMs,
        createdMs: issuedAt,
        expiresMs: expiresAt,
        options: spec.options,
      });
      this.store.events.append({
        atMs: issuedAt,
        kind: "command.created",
        host: spec.host,
        commandId: id,
        message: spec.description,
        data: { operation: spec.operation, level: spec.level, force: spec.force, timeoutMs: spec.timeoutMs, ...spec.options },
      });
      this.store.commands.attachEnvelope(id, envelope);
      this.store.commands.markSent(id, this.clock.now());
      this.store.events.append({ atMs: this.clock.now(), kind: "command.sent", host: spec.host, commandId: id, message: "sent to the agent" });
      inTx?.(id);
    });
    return { id, host: spec.host, envelope, waitMs: spec.waitMs };
  }

  /** Commits an agent's answer (live, or replayed from its journal) with its steps. */
  recordResult(id: string, host: string, result: ICommandResult): void {
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
