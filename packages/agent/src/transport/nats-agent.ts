import { randomUUID } from "node:crypto";
import { type Msg, type NatsConnection, type PublishOptions, type Subscription, connect } from "@nats-io/transport-node";
import {
  type AgentMessageKind,
  type ICommandResult,
  type IStep,
  MalformedPayloadError,
  type NatsClientAuth,
  ResultCode,
  connectWithRetry,
  decode,
  encode,
  StatusReportEncoder,
  BriefStatusReport,
  answerDigest,
  encodeUnchangedAnswer,
  inboxPrefixes,
  subjects,
  v1,
} from "@iisfleet/proto";
import type { CommandExecutor } from "../commands/executor.js";
import { type AgentStatus, type FactsPort, type HostIdentity, collectFacts } from "../host/facts.js";
import type { Clock } from "../host/port.js";
import type { Logger } from "../log.js";
import type { Phase } from "../reset/types.js";
import type { CommandVerifier } from "../security/command-verifier.js";
import { RefusalReporter } from "../security/refusal-reporter.js";
import { type CachedFacts, FactsCache } from "./facts-cache.js";
import { HeartbeatStatements } from "./heartbeat-statement.js";
import type { AgentMessageSigner } from "./message-signer.js";
import { NatsAuthRefusedError, explainConnectError, natsCredentials } from "./nats-credentials.js";
import { decodeStatusRequestShared } from "./request-memo.js";

export interface NatsAgentOptions {
  /**
   * Who this agent is, across restarts (kept in its state dir): the registry tells a restart (same id) from two
   * agents claiming one name (two ids), and sees a host renamed (a known id under a new name). Default: random.
   */
  instanceId?: string;
  /** NATS servers to connect to; not used when `connection` is given. */
  servers?: string[];
  /** The nkey seed and TLS files for its own connection; not used when `connection` is given. */
  auth?: NatsClientAuth;
  /**
   * A connection shared with other agents (the fleet simulator). The agent then only adds and removes its own
   * subscriptions: it neither drains the connection nor watches its status (the owner calls `reconnected()`).
   */
  connection?: NatsConnection;
  /** ± this fraction of randomness on every heartbeat period (0.1 = ±10 %), so a fleet does not beat in step. */
  heartbeatJitter?: number;
  /** Delay before the first heartbeat; default 0: at once. */
  firstHeartbeatMs?: number;
  /**
   * Reuse collected facts for this long unless `factsChanged()` is called; default 0: collect for every answer.
   * The simulator uses it, since thousands of simulated hosts share one CPU that real hosts would not.
   */
  factsMaxAgeMs?: number;
  identity: HostIdentity;
  /** Read for facts only (a HostPort, or HostReadings that caches one). */
  port: FactsPort;
  executor: CommandExecutor;
  /** Authenticates every command envelope before its body is decoded (see security/command-verifier.ts). */
  verifier: CommandVerifier;
  clock: Clock;
  log: Logger;
  version: string;
  heartbeatMs: number;
  /** Cordon, health and last reset, read at every heartbeat and status answer. */
  status: () => Omit<AgentStatus, "busyCommandId">;
  /** Signs every message sent (its nkey's ed25519 key); absent: unsigned, which a controller with keys drops. */
  signer?: AgentMessageSigner;
}

export interface AgentCounters {
  commandsReceived: number;
  malformedReceived: number;
  rejected: number;
  natsReconnects: number;
}

/**
 * The agent's NATS edge: turns messages into executor calls and results into messages. It never lets a bad
 * payload through to the engine, and never lets one crash the process: malformed input is counted, logged and
 * answered (when the sender waits for an answer) with a MALFORMED result.
 */
export class NatsAgent {
  readonly instanceId: string;
  readonly counters: AgentCounters = { commandsReceived: 0, malformedReceived: 0, rejected: 0, natsReconnects: 0 };
  /** Ends a first-connect retry loop when the agent is stopped before NATS was ever reached. */
  private readonly stopping = new AbortController();
  private nc: NatsConnection | undefined;
  private subs: Subscription[] = [];
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private ownsConnection = false;
  private readonly factsCache: FactsCache;
  private readonly reports: StatusReportEncoder;
  private readonly heartbeats: HeartbeatStatements;
  private heartbeatSeq = 0;
  private eventSeq = 0;
  private readonly startedAt: number;
  private readonly refusals: RefusalReporter;

  constructor(private readonly opts: NatsAgentOptions) {
    this.refusals = new RefusalReporter(opts.clock, (commandId, message) => this.publishEvent(commandId, "refused", message));
    this.instanceId = opts.instanceId ?? randomUUID();
    this.startedAt = opts.clock.now();
    this.reports = new StatusReportEncoder(opts.version, this.instanceId);
    // Signed, each beat proves itself by a hash-chain link instead of a signature (proto heartbeat-chain.ts).
    this.heartbeats = new HeartbeatStatements(
      { agentVersion: opts.version, instanceId: this.instanceId, intervalMs: opts.heartbeatMs, startedAtMs: this.startedAt },
      opts.signer !== undefined,
    );
    this.factsCache = new FactsCache(
      (status) => collectFacts(opts.port, opts.identity, status),
      opts.clock,
      opts.factsMaxAgeMs ?? 0,
    );
  }

  async start(): Promise<void> {
    const { identity, log } = this.opts;
    const servers = this.opts.servers ?? [];
    const nc =
      this.opts.connection ??
      // Each failed first attempt is logged with the servers and the error; the client's own first-connect retry
      // is silent, and an agent pointed at the wrong URL looked hung.
      (await connectWithRetry(
        () =>
          connect({
            servers,
            name: `iisfleet-agent:${identity.host}`,
            maxReconnectAttempts: -1, // an agent outlives any NATS outage
            reconnectTimeWait: 1_000,
            ...natsCredentials(this.opts.auth ?? {}, inboxPrefixes.agent(identity.host)),
          }).catch((err: unknown) => {
            throw explainConnectError(err, identity.host);
          }),
        {
          servers,
          isFatal: (err) => err instanceof NatsAuthRefusedError,
          onFailure: (f) => log.warn({ servers: f.servers, attempt: f.attempt, err: f.error, retryInMs: f.retryInMs }, "cannot reach NATS; retrying"),
          signal: this.stopping.signal,
        },
      ));
    this.nc = nc;
    this.ownsConnection = this.opts.connection === undefined;
    if (this.ownsConnection) void this.watchStatus(nc);
    // A subscription the server refuses (its config does not grant this host these subjects: another host's seed,
    // or a config older than this host) is reported before the flush's PONG: fail the start rather than sit deaf.
    let starting = true;
    const refused: Error[] = [];
    const listen = (subject: string, handler: (err: Error | null, msg: Msg) => void) =>
      nc.subscribe(subject, {
        callback: (err, msg) => {
          if (err && starting) refused.push(err);
          handler(err, msg);
        },
      });
    this.subs.push(listen(subjects.command(identity.host), (err, msg) => this.onCommand(err, msg)));
    this.subs.push(listen(subjects.status(identity.host), (err, msg) => this.onStatus(err, msg)));
    this.subs.push(listen(subjects.fleetStatus, (err, msg) => this.onStatus(err, msg)));
    await nc.flush();
    starting = false;
    if (refused.length > 0) {
      await this.stop();
      throw new NatsAuthRefusedError(
        `NATS does not allow ${identity.host} its subjects (${refused[0]?.message}): the nkey given (--nats-nkey) is not ${identity.host}'s, ` +
          "or the server's config (iisfleet nats-config) does not list this host yet.",
      );
    }
    if (this.ownsConnection) log.info({ host: identity.host, server: nc.getServer() }, "agent connected to NATS");
    const first = this.opts.firstHeartbeatMs ?? 0;
    if (first <= 0) await this.publishHeartbeat();
    this.scheduleHeartbeat(first > 0 ? first : this.nextPeriodMs());
  }

  /** Tells the agent its connection is back (its own watcher does it, or the owner of a shared connection). */
  reconnected(heartbeatDelayMs = 0): void {
    this.counters.natsReconnects++;
    if (heartbeatDelayMs <= 0) void this.publishHeartbeat();
    else setTimeout(() => void this.publishHeartbeat(), heartbeatDelayMs).unref();
  }

  /** The host changed (a service state, a pool): the next answer collects fresh facts. */
  factsChanged(): void {
    this.factsCache.invalidate();
  }

  private nextPeriodMs(): number {
    const jitter = this.opts.heartbeatJitter ?? 0;
    return Math.max(1, Math.round(this.opts.heartbeatMs * (1 + jitter * (2 * Math.random() - 1))));
  }

  private scheduleHeartbeat(delayMs: number): void {
    this.heartbeatTimer = setTimeout(() => {
      void this.publishHeartbeat();
      if (this.heartbeatTimer) this.scheduleHeartbeat(this.nextPeriodMs());
    }, delayMs);
  }

  async stop(): Promise<void> {
    this.stopping.abort(new Error("agent stopping"));
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    const nc = this.nc;
    this.nc = undefined;
    if (!this.ownsConnection) {
      for (const sub of this.subs) sub.unsubscribe();
      this.subs = [];
      return;
    }
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
  }

  /** Publishes a progress event for a running command; fire-and-forget, as events are advisory. */
  progress(commandId: string, phase: Phase, message: string, step?: IStep): void {
    this.publishEvent(commandId, phase, message, step);
  }

  /** "refused" is not a phase of a reset: the command never started. */
  private publishEvent(commandId: string, phase: Phase | "refused", message: string, step?: IStep): void {
    const nc = this.nc;
    if (!nc || nc.isClosed()) return;
    const host = this.opts.identity.host;
    const payload = encode.event({ commandId, host, seq: ++this.eventSeq, atMs: this.opts.clock.now(), phase, message, step: step ?? null });
    nc.publish(subjects.events(host), payload, this.signed("event", payload));
  }

  /** The publish options that carry this agent's signature over `payload`, if it has a key. */
  private signed(kind: AgentMessageKind, payload: Uint8Array): Partial<PublishOptions> | undefined {
    return this.opts.signer ? { headers: this.opts.signer.headers(kind, payload) } : undefined;
  }

  private answer(msg: Msg, kind: AgentMessageKind, payload: Uint8Array): void {
    msg.respond(payload, this.signed(kind, payload));
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (s.type === "reconnect") {
        this.opts.log.info({ server: s.server }, "reconnected to NATS");
        this.reconnected();
      } else if (s.type === "disconnect") {
        this.opts.log.warn({ server: s.server }, "disconnected from NATS; reconnecting");
      }
    }
  }

  private onCommand(err: Error | null, msg: Msg): void {
    if (err) {
      this.opts.log.error({ err }, "command subscription error");
      return;
    }
    this.counters.commandsReceived++;
    void this.handleCommand(msg).catch((e: unknown) => {
      this.opts.log.error({ err: e }, "command handling failed");
    });
  }

  private async handleCommand(msg: Msg): Promise<void> {
    let result: ICommandResult;
    try {
      const verified = this.opts.verifier.verify(msg.data);
      if (verified.ok) {
        result = await this.opts.executor.execute(verified.command);
        // A replay (or a command older than what the replay memory may forget, or from a deposed leader) is refused past the signature gate,
        // by the executor: the controller's history must see it as it sees the gate's refusals.
        if (result.outcome === v1.Outcome.OUTCOME_REJECTED && (result.code === ResultCode.REPLAYED || result.code === ResultCode.EXPIRED || result.code === ResultCode.STALE_TERM)) {
          this.refusals.report(result.commandId ?? "", result.code, result.message ?? "");
        }
      } else {
        const now = this.opts.clock.now();
        const commandId = verified.command?.commandId ?? "";
        result = { commandId, host: this.opts.identity.host, outcome: v1.Outcome.OUTCOME_REJECTED, code: verified.code, message: verified.message, startedAtMs: now, finishedAtMs: now };
        // The controller records this in its history, so a forged or replayed command does not go unseen.
        this.refusals.report(commandId, verified.code, verified.message);
      }
    } catch (err) {
      const now = this.opts.clock.now();
      if (err instanceof MalformedPayloadError) {
        this.counters.malformedReceived++;
        this.opts.log.warn({ code: err.code, size: err.size, subject: msg.subject, reason: err.reason }, "malformed command dropped");
        result = { commandId: "", host: this.opts.identity.host, outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.MALFORMED, message: err.message, startedAtMs: now, finishedAtMs: now };
      } else {
        // A bug or a host adapter failure outside the engine's own handling: answer now rather than leave the
        // controller waiting for its deadline.
        this.opts.log.error({ err, subject: msg.subject }, "command failed unexpectedly");
        const why = err instanceof Error ? err.message : String(err);
        result = { commandId: "", host: this.opts.identity.host, outcome: v1.Outcome.OUTCOME_FAILED, code: ResultCode.HOST_ERROR, message: `The agent failed unexpectedly: ${why}`, startedAtMs: now, finishedAtMs: now };
      }
    }
    if (result.outcome === v1.Outcome.OUTCOME_REJECTED) {
      this.counters.rejected++;
      this.opts.log.warn({ commandId: result.commandId, code: result.code }, result.message ?? "command rejected");
    } else {
      this.opts.log.info({ commandId: result.commandId, code: result.code, replayed: result.replayed === true }, result.message ?? "");
    }
    if (msg.reply) this.answer(msg, "result", encode.result(result));
  }

  /** Synchronous while the facts are cached: a fleet query reaches thousands of simulated agents at once. */
  private onStatus(err: Error | null, msg: Msg): void {
    if (err) return;
    let shared;
    try {
      shared = decodeStatusRequestShared(msg.data);
    } catch (e) {
      if (!(e instanceof MalformedPayloadError)) throw e;
      this.counters.malformedReceived++;
      this.opts.log.warn({ subject: msg.subject, reason: e.reason }, "malformed status request dropped");
      return;
    }
    // A fleet query scoped to another farm, other tags or other hosts is not for us: stay silent.
    if (!shared.inScope(this.opts.identity)) return;
    const req = shared.request;
    // A brief question ("who is there?") needs no facts collected: the answer is kept encoded (BriefStatusReport).
    // A stable question gets the same bytes while nothing changed (the start time instead of the uptime, no request
    // id or send time): signed once, and verified once by the controller, however often it asks.
    if (req.brief) {
      const brief = this.briefReport();
      if (req.stable) this.answerStable(msg, brief.stable(this.startedAt), req.conditional === true);
      else this.answer(msg, "status", brief.encode(this.opts.clock.now() - this.startedAt));
      return;
    }
    const requestId = req.requestId;
    const stable = req.stable === true;
    const conditional = req.conditional === true;
    const status = this.status();
    const fresh = this.factsCache.peek(status);
    if (fresh) return this.answerStatus(msg, requestId, stable, fresh, conditional);
    void this.factsCache
      .get(status)
      .then((facts) => this.answerStatus(msg, requestId, stable, facts, conditional))
      .catch((e: unknown) => this.opts.log.error({ err: e }, "status answer failed"));
  }

  private answerStatus(msg: Msg, requestId: string, stable: boolean, facts: Pick<CachedFacts, "encoded">, conditional: boolean): void {
    if (stable) return this.answerStable(msg, this.reports.encodeStable(facts.encoded(), this.startedAt), conditional);
    const now = this.opts.clock.now();
    this.answer(msg, "status", this.reports.encode(requestId, facts.encoded(), now - this.startedAt, now));
  }

  private brief: BriefStatusReport | undefined;

  private briefReport(): BriefStatusReport {
    const { host, farm } = this.opts.identity;
    return (this.brief ??= new BriefStatusReport(host, farm, this.opts.version, this.instanceId));
  }

  /** Built field by field, not spread: it runs for every status question, and one object shape keeps it fast. */
  private status(): AgentStatus {
    const s = this.opts.status();
    return {
      cordoned: s.cordoned,
      cordonReason: s.cordonReason,
      busyCommandId: this.opts.executor.busyCommandId,
      health: s.health,
      lastReset: s.lastReset,
    };
  }

  private signedStatement: Uint8Array | undefined;
  /** The stable answers (and the unchanged answers standing for them) the last statement sent vouched for. */
  private vouched: VouchedAnswers | undefined;
  /** Those of the statement being built, until it is sent. */
  private vouching: VouchedAnswers | undefined;

  /**
   * A stable answer; to a conditional question (the asker holds the statements), the unchanged answer instead when
   * this is byte for byte an answer the last statement sent vouched for — anything else (busy now, new facts, no
   * statement sent yet, unsigned) gets the full answer, so the asker never learns less than it would have.
   */
  private answerStable(msg: Msg, answer: Uint8Array, conditional: boolean): void {
    const v = conditional ? this.vouched : undefined;
    const i = v ? v.answers.findIndex((a) => a === answer || (a.length === answer.length && Buffer.compare(a, answer) === 0)) : -1;
    this.answer(msg, "status", v && i >= 0 ? (v.unchanged[i] as Uint8Array) : answer);
  }

  /** The brief and the detailed answer to a stable status question, with these facts (the same objects as given). */
  private stableAnswers(facts: Pick<CachedFacts, "encoded">): Uint8Array[] {
    return [this.briefReport().stable(this.startedAt), this.reports.encodeStable(facts.encoded(), this.startedAt)];
  }

  /**
   * What a statement being built vouches for: the stable answers and, chained, the unchanged answer standing for
   * each ("unchanged since statement N", N its chain's start), so a controller that believes the statement believes
   * those too by their bytes, with no signature check while a query waits.
   */
  private answersToVouch(facts: Pick<CachedFacts, "encoded">): Uint8Array[] {
    const answers = this.stableAnswers(facts);
    const seq = this.heartbeats.statementSeq;
    const unchanged = seq === undefined ? [] : answers.map((a) => encodeUnchangedAnswer(this.opts.identity.host, answerDigest(a), seq));
    this.vouching = { answers, unchanged };
    return [...answers, ...unchanged];
  }

  private async publishHeartbeat(): Promise<void> {
    const nc = this.nc;
    if (!nc || nc.isClosed()) return;
    try {
      const facts = await this.factsCache.get(this.status());
      const { statement, payload } = this.heartbeats.next(
        facts.encoded(),
        { ...this.counters, resetsExecuted: this.opts.executor.executedCount },
        ++this.heartbeatSeq,
        this.opts.clock.now(),
        () => this.answersToVouch(facts),
      );
      const signer = this.opts.signer;
      let vouched: VouchedAnswers | undefined;
      if (signer && statement !== this.signedStatement && this.vouching) {
        // The stable answers this statement vouches for are signed now, beside it, rather than when a live query
        // asks: the first query after a change then finds them signed (a simulator signed 10,000 at that moment).
        this.signedStatement = statement;
        vouched = this.vouching;
        for (const answer of [...vouched.answers, ...vouched.unchanged]) signer.headers("status", answer);
      }
      this.vouching = undefined;
      nc.publish(subjects.heartbeat(this.opts.identity.host), payload, signer ? { headers: signer.statementHeaders(statement) } : undefined);
      // Unchanged answers only once the statement that vouches for them is out (signed only: unsigned, none).
      if (vouched && vouched.unchanged.length > 0) this.vouched = vouched;
    } catch (err) {
      this.opts.log.error({ err }, "heartbeat failed");
    }
  }
}

/** The stable answers a heartbeat statement vouches for, and the unchanged answer standing for each (same order). */
interface VouchedAnswers {
  answers: Uint8Array[];
  unchanged: Uint8Array[];
}
