import { randomBytes, randomUUID } from "node:crypto";
import {
  COMMAND_CLOCK_SKEW_MS,
  type CommandSigningKey,
  type ICommand,
  type ICommandResult,
  type IStep,
  type LbMemberActionName,
  type LbMemberStateName,
  MalformedPayloadError,
  type OperationName,
  type ResetLevelName,
  decode,
  encode,
  lbMemberActionFromName,
  lbMemberStateName,
  operationFromName,
  outcomeName,
  resetBody,
  resetLevelFromName,
  sealCommand,
  serviceStateName,
  stepActionName,
  v1,
} from "@iisfleet/proto";
import type { Clock } from "../clock.js";
import { AgentTimeoutError, AgentUnreachableError, CommandServiceStoppedError, IisfleetError, NatsUnavailableError, UnknownHostError } from "../errors.js";
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
  /** Level recycle: only these application pools (empty or absent: every started pool). */
  pools?: readonly string[];
  /** With pools: start a named pool that is stopped instead of reporting it. */
  startStopped?: boolean;
  /** Level site: the sites to stop, start or restart. */
  sites?: readonly string[];
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

/** How a command ended, as recorded: what a caller committing its own transition with it needs. */
export interface CommandOutcome {
  id: string;
  host: string;
  state: CommandState;
  code: string;
  message: string;
}

/**
 * Runs inside the transaction that records a command's outcome, so the caller's own transition (a rollout host
 * becoming healthy) is committed with it: one commit per answer instead of two.
 */
export type OnOutcome = (outcome: CommandOutcome) => void;

/** A command committed to SQLite and ready to publish. */
export interface PreparedCommand {
  id: string;
  host: string;
  envelope: Uint8Array;
  /** How long to wait for the agent's answer before recording a timeout. */
  waitMs: number;
}

const NONCE_BYTES = 16;
/** Nonces drawn from the system's CSPRNG 256 at a time: one call per command cost more than encoding it. */
const NONCE_POOL = 256;
let noncePool = new Uint8Array(0);
let nonceAt = 0;

/** 16 fresh random bytes for a command's nonce (never handed out twice: a used pool is dropped, not refilled). */
function nextNonce(): Uint8Array {
  if (nonceAt + NONCE_BYTES > noncePool.length) {
    noncePool = randomBytes(NONCE_BYTES * NONCE_POOL);
    nonceAt = 0;
  }
  const nonce = noncePool.subarray(nonceAt, nonceAt + NONCE_BYTES);
  nonceAt += NONCE_BYTES;
  return nonce;
}

/** The longest a command may wait in NATS before an agent must refuse it as expired. */
export const DELIVERY_WINDOW_MS = 30_000;
/** The shortest: enough to cross NATS to a loaded agent. */
const MIN_LIFETIME_MS = 5_000;
/** Room for the outcome query asked at the deadline to reach the agent and come back. */
export const OUTCOME_QUERY_MARGIN_MS = 5_000;
/** Start phase (and health probes) allowance on top of the stop deadline. */
const START_ALLOWANCE_MS = 90_000;
const SLACK_MS = 5_000;
/** Written-off commands are watched for a late answer this long. */
const LATE_HORIZON_MS = 60 * 60_000;

/**
 * How long an agent may start a command after it was issued: its answer deadline less the outcome-query margin,
 * so that the question asked at the deadline finds the command either finished, running, or never to run. A
 * deadline shorter than MIN_LIFETIME_MS + the margin gets the minimum (the controller then waits past its deadline,
 * see `limitsOf`, rather than write off a command the agent might still start).
 */
export function commandLifetimeMs(waitMs: number): number {
  return Math.min(DELIVERY_WINDOW_MS, Math.max(MIN_LIFETIME_MS, waitMs - OUTCOME_QUERY_MARGIN_MS));
}

/** When the controller may stop waiting for a command's answer (see CommandService.settle). */
export interface WriteOffLimits {
  /** The answer deadline: sent + wait. */
  deadlineMs: number;
  /**
   * An agent that is connected but silent (frozen, overloaded) may hold the command unread: past this, it can no
   * longer start it, even with its clock behind the controller's by the allowed skew.
   */
  silentUntilMs: number;
  /**
   * No agent connected for the host ("no responders"), and none seen connected but silent: NATS dropped what it had
   * queued for it with the connection, and an agent process that read the command starts it at once. Past the
   * expiry nothing can start it. (A frozen agent's connection is dropped as stale only after the server's ping
   * interval × max pings, minutes by default: it is seen silent first, and keeps the silent limit.)
   */
  awayUntilMs: number;
  /** An agent that says IN_PROGRESS: waited for up to the engine's own allowance for the operation. */
  runningUntilMs: number;
}

/** An agent's answer that ends the command (as opposed to IN_PROGRESS or "no record of it"). */
export function isFinalAnswer(r: ICommandResult): boolean {
  return r.outcome === v1.Outcome.OUTCOME_SUCCEEDED || r.outcome === v1.Outcome.OUTCOME_FAILED || r.outcome === v1.Outcome.OUTCOME_REJECTED;
}

interface WriteOff {
  state: CommandState;
  code: string;
  message: string;
  mayAnswerLater: boolean;
}
type Settled = { result: ICommandResult } | { writeOff: WriteOff };


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
  body: Pick<ICommand, "reset" | "targetedReset" | "cordon" | "lbMember">;
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
  /** Whether the agent is heard from now, and what it is busy with (to know when to ask it for a late answer). */
  get?(name: string): { liveness: string; busyCommandId: string } | undefined;
}

export interface CommandServiceOptions {
  /**
   * The leadership term every command carries (`controller --ha`), asked as each command is sealed; it throws
   * NotLeaderError on a standby, so nothing is committed or sent there. Default: term 0, always allowed.
   */
  term?: () => number;
  /**
   * Awaited after a command is committed and before it is first sent (`controller --ha`: until the change stream has
   * the command, so a successor knows of it). When it throws, the command is not sent and is recorded as an error.
   */
  beforeSend?: () => Promise<void>;
  /** Pause between two outcome queries while an agent is running a command or silent. Default 1 000 ms. */
  pollMs?: number;
  /** How often written-off commands are checked for a late answer (startLateWatch). Default 5 000 ms. */
  lateCheckMs?: number;
}

export class CommandService {
  private stopping = false;
  private lateTimer: NodeJS.Timeout | undefined;
  private lateRunning = false;
  /** Written-off commands whose agent answered "no record of it": no late answer will come. */
  private readonly noLateAnswer = new Set<string>();
  private readonly pollMs: number;
  private readonly lateCheckMs: number;
  private readonly term: () => number;
  private readonly beforeSend: (() => Promise<void>) | undefined;

  constructor(
    private readonly store: Store,
    private readonly bus: AgentBus,
    private readonly clock: Clock,
    private readonly controllerId: string,
    private readonly directory?: HostDirectory,
    /** Signs every command (agents with trusted keys refuse unsigned ones); undefined: unsigned (development). */
    private readonly signingKey?: CommandSigningKey,
    opts: CommandServiceOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 1_000;
    this.lateCheckMs = opts.lateCheckMs ?? 5_000;
    this.term = opts.term ?? (() => 0);
    this.beforeSend = opts.beforeSend;
  }

  /**
   * A command a previous leader sealed (`controller --ha` takeover), sealed again with this leader's term: same id,
   * nonce, issue time and expiry, so the agent still runs it at most once and never after its expiry — but an agent
   * that has heard from this leader would refuse the old term (STALE_TERM) had it never received the command.
   */
  private inCurrentTerm(envelope: Uint8Array): Uint8Array {
    const term = this.term();
    const command = decode.command(decode.envelope(envelope).command ?? new Uint8Array(0));
    if (Number(command.term ?? 0) === term) return envelope;
    return sealCommand({ ...v1.Command.toObject(command), term }, this.signingKey);
  }

  /** Signs a command with this controller's leadership term in it (so the term is signed too). */
  private seal(command: ICommand): Uint8Array {
    return sealCommand({ ...command, term: this.term() }, this.signingKey);
  }

  /** Looks for late answers to written-off commands from now on (the daemon calls it; tests may call reconcileLate). */
  startLateWatch(): void {
    if (this.lateTimer) return;
    this.lateTimer = setInterval(() => void this.reconcileLate(), this.lateCheckMs);
    this.lateTimer.unref();
  }

  /** Stops the late watch and makes every wait for an answer give up (the commands stay "sent" for the next start). */
  stop(): void {
    this.stopping = true;
    if (this.lateTimer) clearInterval(this.lateTimer);
    this.lateTimer = undefined;
  }

  /** Throws UnknownHostError for a host no agent ever reported; makes sure its row exists for the foreign key. */
  private requireHost(host: string): void {
    if (this.store.hosts.isKnown(host)) return;
    if (this.directory?.has(host)) {
      this.directory.flush();
      if (this.store.hosts.isKnown(host)) return;
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
      const envelope = this.seal(
        {
          commandId: `lb-status-${randomUUID()}`,
          issuer: `${this.controllerId}/${p.issuer}`,
          targetHost: p.host,
          issuedAtMs: now,
          expiresAtMs: now + DELIVERY_WINDOW_MS,
          nonce: nextNonce(),
          ...body,
        },
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
    const verb = p.operation === "restart" ? "reset" : p.operation;
    const options = {
      ...(p.rebootOnError ? { rebootOnError: true } : {}),
      ...(p.skipHealth ? { skipHealth: true } : {}),
      ...(p.deadlineMs ? { deadlineMs: p.deadlineMs } : {}),
      ...(p.pools?.length ? { pools: [...p.pools] } : {}),
      ...(p.startStopped ? { startStopped: true } : {}),
      ...(p.sites?.length ? { sites: [...p.sites] } : {}),
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
        body: resetBody({
            operation: operationFromName(p.operation),
            level: resetLevelFromName(p.level),
            force: p.force,
            timeoutMs: p.timeoutMs,
            rebootOnError: p.rebootOnError === true,
            skipHealth: p.skipHealth === true,
            pools: [...(p.pools ?? [])],
            startStopped: p.startStopped === true,
            sites: [...(p.sites ?? [])],
          }),
        waitMs: p.deadlineMs ?? resetAllowanceMs(p.operation, p.timeoutMs),
        description: `${p.issuer} asked for a ${p.force ? "FORCE" : "noforce"} ${verb} (level ${p.level}${namedTargetsPhrase(p)}) of ${p.host}`,
      },
      inTx,
    );
  }

  /**
   * Publishes a prepared command and records the outcome, whatever it is. Never throws for agent trouble. The outcome
   * is committed with whatever else arrives on the same turn (group commit), `onOutcome` in the same transaction;
   * the promise resolves after the commit.
   */
  async deliver(c: PreparedCommand, onOutcome?: OnOutcome): Promise<CommandDetail> {
    return (await this.deliverWithResult(c, onOutcome)).detail;
  }

  /**
   * `deliver` for a caller that needs only the outcome, which `onOutcome` receives inside the recording transaction
   * (a rollout: thousands of commands, whose rows it would not read back).
   */
  async deliverOutcome(c: PreparedCommand, onOutcome: OnOutcome): Promise<void> {
    await this.settleAndRecord(c, onOutcome);
  }

  /** `deliver`, also handing back the agent's answer when there was one (load-balancer answers carry a member). */
  private async deliverWithResult(c: PreparedCommand, onOutcome?: OnOutcome): Promise<{ detail: CommandDetail; result?: ICommandResult }> {
    const s = await this.settleAndRecord(c, onOutcome);
    return "result" in s ? { detail: this.detail(c.id), result: s.result } : { detail: this.detail(c.id) };
  }

  /** Waits for the agent's answer (or settles without one) and commits it with the next group. */
  private async settleAndRecord(c: PreparedCommand, onOutcome?: OnOutcome): Promise<Settled> {
    if (this.beforeSend) {
      try {
        await this.beforeSend();
      } catch (err) {
        // Never published to NATS: no agent can have it, so an error is the whole truth.
        const s: Settled = {
          writeOff: { state: "error", code: "NOT_REPLICATED", message: `The command was not sent: ${err instanceof Error ? err.message : String(err)}.`, mayAnswerLater: false },
        };
        await this.store.txSoon(() => onOutcome?.(this.writeWriteOff(c.id, c.host, s.writeOff)));
        return s;
      }
    }
    let settled: Settled;
    try {
      settled = { result: await this.awaitAnswer(c) };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof AgentTimeoutError || err instanceof NatsUnavailableError) {
        // The agent may hold the command (a reply lost in a reconnect, an agent slower than the deadline, or one
        // frozen with the command in its socket): only its answer for this id, or its certain inability to start
        // it any more, settles it.
        settled = await this.settle(c, message);
      } else {
        // No responders (no agent subscribed: NATS dropped the command), or an answer that is not a result.
        const code = err instanceof IisfleetError || err instanceof MalformedPayloadError ? err.code : "INTERNAL";
        settled = { writeOff: { state: "error", code, message, mayAnswerLater: false } };
      }
    }
    const s = settled;
    await this.store.txSoon(() => {
      const outcome = "result" in s ? this.writeResult(c.id, c.host, s.result) : this.writeWriteOff(c.id, c.host, s.writeOff);
      onOutcome?.(outcome);
    });
    return s;
  }

  /**
   * A command a previous controller left in flight (committed as sent, no answer recorded): resolved by the agent's
   * answer for the same id, exactly as a live command past its deadline, and never re-sent under a new id.
   */
  async resolveInFlight(id: string): Promise<CommandDetail> {
    const row = this.store.commands.get(id);
    const envelope = this.store.commands.envelope(id);
    if (!row || !envelope) throw new IisfleetError("NOT_FOUND", `No stored envelope for command "${id}".`, 404);
    if (row.state !== "sent" && row.state !== "created") return this.detail(id);
    const c: PreparedCommand = { id, host: row.host, envelope: this.inCurrentTerm(envelope), waitMs: this.waitMsOf(row) };
    const settled = await this.settle(c, "the controller restarted while the command was in flight");
    if ("result" in settled) this.recordResult(id, row.host, settled.result);
    else this.writeOff(id, row.host, settled.writeOff);
    return this.detail(id);
  }

  /** When the controller may stop waiting for this command (see WriteOffLimits). */
  limitsOf(row: CommandRow): WriteOffLimits {
    const sent = row.sentMs ?? row.createdMs;
    const deadlineMs = sent + this.waitMsOf(row);
    return {
      deadlineMs,
      silentUntilMs: Math.max(deadlineMs, row.expiresMs + COMMAND_CLOCK_SKEW_MS + OUTCOME_QUERY_MARGIN_MS),
      awayUntilMs: Math.max(deadlineMs, row.expiresMs + OUTCOME_QUERY_MARGIN_MS),
      runningUntilMs: Math.max(deadlineMs, sent + this.allowanceOf(row)),
    };
  }

  /**
   * Asks the agent about this command id until it answers for it. IN_PROGRESS keeps the controller waiting (up to
   * the engine's own allowance for the operation); "no record of it" before the expiry means it never arrived, so
   * the same bytes go again (the agent runs an id at most once); silence is waited out until the agent can no
   * longer start the command even with a lagging clock. What cannot be settled so is written off, saying why.
   */
  private async settle(c: PreparedCommand, firstWhy: string): Promise<Settled> {
    let why = firstWhy;
    let running = false;
    let away = false;
    // An agent seen connected and silent to a question may hold the command unread, even once its connection is
    // dropped later. (A command's own request timing out proves no such thing: its agent may have died meanwhile.)
    let silentSeen = false;
    for (;;) {
      if (this.stopping) throw new CommandServiceStoppedError();
      const row = this.store.commands.get(c.id);
      if (!row) throw new IisfleetError("NOT_FOUND", `No command "${c.id}".`, 404);
      const limits = this.limitsOf(row);
      let r: ICommandResult | undefined;
      try {
        r = await this.queryOutcome(c.host, c.id);
      } catch (err) {
        why = err instanceof Error ? err.message : String(err);
        away = err instanceof AgentUnreachableError && !silentSeen;
        if (err instanceof AgentTimeoutError) silentSeen = true;
      }
      const now = this.clock.now();
      if (r && isFinalAnswer(r)) return { result: r };
      if (r?.outcome === v1.Outcome.OUTCOME_IN_PROGRESS) {
        running = true;
        if (now >= limits.runningUntilMs) {
          return {
            writeOff: {
              state: "timed-out",
              code: "AGENT_TIMEOUT",
              message: `The agent was still running the command ${seconds(now - (row.sentMs ?? row.createdMs))} after it was sent, longer than the ${seconds(this.allowanceOf(row))} its steps may take; the controller stops waiting. The agent's result is recorded (late) when it reports it.`,
              mayAnswerLater: true,
            },
          };
        }
      } else if (r?.outcome === v1.Outcome.OUTCOME_UNKNOWN_COMMAND && now < row.expiresMs) {
        try {
          const again = await this.bus.sendCommand(c.host, c.envelope, Math.max(limits.deadlineMs - now, OUTCOME_QUERY_MARGIN_MS));
          if (isFinalAnswer(again)) return { result: again };
        } catch (err) {
          why = err instanceof Error ? err.message : String(err);
        }
      } else if (r?.outcome === v1.Outcome.OUTCOME_UNKNOWN_COMMAND) {
        return {
          writeOff: {
            state: "error",
            code: "OUTCOME_UNKNOWN",
            message: `The agent has no record of this command, which expired at ${iso(row.expiresMs)}: it will not run it any more, and it is not sent again. It either never reached the agent (or reached it too late and was refused), or ran before an agent restart made the agent forget it (an agent remembers a command until a minute past its expiry) — check the host before resetting it again.`,
            mayAnswerLater: false,
          },
        };
      } else if (now >= (running ? limits.runningUntilMs : away ? limits.awayUntilMs : limits.silentUntilMs)) {
        return {
          writeOff: {
            state: "timed-out",
            code: "AGENT_TIMEOUT",
            message: running
              ? `The agent stopped answering while it ran the command (${why}); the controller stops waiting. Its result is recorded (late) if it reports one.`
              : away
                ? `The agent is away (${why}). The command expired at ${iso(row.expiresMs)} and NATS dropped it with the agent's connection, so no agent can start it any more; it is written off, not sent again. If the agent ran it before it went away, its result is recorded (late) when it is back.`
                : `The agent did not answer (${why}). The command expired at ${iso(row.expiresMs)}; with ${seconds(COMMAND_CLOCK_SKEW_MS)} allowed for clock skew the agent can no longer start it, so it is written off. If the agent did start it, its result is recorded (late) when it is back.`,
            mayAnswerLater: true,
          },
        };
      }
      await new Promise((res) => setTimeout(res, this.pollMs));
    }
  }

  private writeOff(id: string, host: string, w: WriteOff): void {
    this.store.tx(() => this.writeWriteOff(id, host, w));
  }

  /** The write-off's rows, inside the caller's transaction. */
  private writeWriteOff(id: string, host: string, w: WriteOff): CommandOutcome {
    const now = this.clock.now();
    this.store.commands.finish(id, { state: w.state, finishedMs: now, code: w.code, message: w.message, steps: [] });
    if (w.mayAnswerLater) this.store.commands.markWrittenOff(id, now);
    this.store.events.append({ atMs: now, kind: "command.finished", host, commandId: id, message: w.message, data: { state: w.state, code: w.code } });
    return { id, host, state: w.state, code: w.code, message: w.message };
  }

  /**
   * Asks the agents of written-off commands, once they are heard from again and no longer busy with them, for the
   * result; records each one found as late. Returns how many were recorded.
   */
  async reconcileLate(): Promise<number> {
    if (this.lateRunning || this.stopping) return 0;
    this.lateRunning = true;
    let recorded = 0;
    try {
      for (const row of this.store.commands.writtenOffSince(this.clock.now() - LATE_HORIZON_MS)) {
        if (this.stopping) break;
        if (this.noLateAnswer.has(row.id)) continue;
        const h = this.directory?.get?.(row.host);
        if (!h || h.liveness !== "online" || h.busyCommandId === row.id) continue;
        let r: ICommandResult;
        try {
          r = await this.queryOutcome(row.host, row.id);
        } catch {
          continue;
        }
        if (isFinalAnswer(r)) {
          this.recordResult(row.id, row.host, r, row.writtenOffMs ?? this.clock.now());
          recorded++;
        } else if (r.outcome === v1.Outcome.OUTCOME_UNKNOWN_COMMAND) {
          this.noLateAnswer.add(row.id);
        }
      }
    } finally {
      this.lateRunning = false;
    }
    return recorded;
  }



  /**
   * Asks an agent what became of a command (a restarted controller does this instead of resetting again).
   * Not recorded as a command of its own: it changes nothing on the host.
   */
  async queryOutcome(host: string, commandId: string): Promise<ICommandResult> {
    const now = this.clock.now();
    const envelope = this.seal(
      {
        commandId: `outcome-${randomUUID()}`,
        issuer: `${this.controllerId}/resume`,
        targetHost: host,
        issuedAtMs: now,
        expiresAtMs: now + DELIVERY_WINDOW_MS,
        nonce: nextNonce(),
        outcome: { commandId },
      },
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

  private waitMsOf(row: CommandRow): number {
    if (row.kind === "reset" && typeof row.options.deadlineMs === "number") return row.options.deadlineMs;
    return this.allowanceOf(row);
  }

  /** How long the agent's steps for this command may take: the default deadline, and the bound on IN_PROGRESS. */
  private allowanceOf(row: Pick<CommandRow, "kind" | "operation" | "timeoutMs">): number {
    if (row.kind !== "reset") return 15_000;
    return resetAllowanceMs(row.operation, row.timeoutMs);
  }

  detail(id: string): CommandDetail {
    const row = this.store.commands.get(id);
    if (!row) throw new IisfleetError("NOT_FOUND", `No command "${id}".`, 404);
    return { ...row, steps: this.store.commands.steps(id) };
  }

  private prepare(spec: CommandSpec, inTx?: (id: string) => void): PreparedCommand {
    const id = randomUUID();
    const issuedAt = this.clock.now();
    // The agent may start it only while the controller is still waiting for it (see commandLifetimeMs).
    const expiresAt = issuedAt + commandLifetimeMs(spec.waitMs);
    const envelope = this.seal(
      {
        commandId: id,
        issuer: `${this.controllerId}/${spec.issuer}`,
        targetHost: spec.host,
        issuedAtMs: issuedAt,
        expiresAtMs: expiresAt,
        nonce: nextNonce(),
        ...spec.body,
      },
    );
    this.store.tx(() => {
      const sentAt = this.clock.now();
      // Created and sent in one row write: both are committed in this transaction, before a byte is published.
      this.store.commands.create(
        {
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
        },
        { envelope, atMs: sentAt },
      );
      this.store.events.append({
        atMs: issuedAt,
        kind: "command.created",
        host: spec.host,
        commandId: id,
        message: spec.description,
        data: { operation: spec.operation, level: spec.level, force: spec.force, timeoutMs: spec.timeoutMs, ...spec.options },
      });
      this.store.events.append({ atMs: sentAt, kind: "command.sent", host: spec.host, commandId: id, message: "sent to the agent" });
      inTx?.(id);
    });
    return { id, host: spec.host, envelope, waitMs: spec.waitMs };
  }

  /**
   * Commits an agent's answer (live, or replayed from its journal) with its steps. `writtenOffMs`: the controller had
   * written the command off then; the answer replaces the write-off and is marked late.
   */
  recordResult(id: string, host: string, result: ICommandResult, writtenOffMs?: number): void {
    this.store.tx(() => this.writeResult(id, host, result, writtenOffMs));
  }

  /** The answer's rows, inside the caller's transaction. */
  private writeResult(id: string, host: string, result: ICommandResult, writtenOffMs?: number): CommandOutcome {
    const state = finalState(result);
    const code = result.code || "UNSPECIFIED";
    const answer = result.message || outcomeName(result.outcome);
    const late = writtenOffMs !== undefined;
    const message = late ? `late result (the controller had written the command off at ${iso(writtenOffMs)}): ${answer}` : answer;
    this.store.commands.finish(id, {
      state,
      finishedMs: this.clock.now(),
      code,
      message: answer,
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
      data: { state, code, replayed: result.replayed === true, ...(late ? { late: true, writtenOffMs } : {}) },
    });
    return { id, host, state, code, message: answer };
  }
}

/** The stop deadline (iisreset's default when 0), the start phase and its probes, and slack. */
function resetAllowanceMs(operation: string, timeoutMs: number): number {
  const stopBudget = timeoutMs > 0 ? timeoutMs : operation === "stop" ? 60_000 : 20_000;
  return stopBudget + (operation === "stop" ? 0 : START_ALLOWANCE_MS) + SLACK_MS;
}

const iso = (ms: number) => new Date(ms).toISOString();
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** ", pools A, B" / ", sites X": what a reset names, for the sentences that describe it; "" when it names nothing. */
export function namedTargetsPhrase(p: { pools?: readonly string[]; sites?: readonly string[]; startStopped?: boolean }): string {
  if (p.pools?.length) return `, pool${p.pools.length === 1 ? "" : "s"} ${p.pools.join(", ")}${p.startStopped ? ", starting stopped ones" : ""}`;
  if (p.sites?.length) return `, site${p.sites.length === 1 ? "" : "s"} ${p.sites.join(", ")}`;
  return "";
}
