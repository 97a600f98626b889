import { randomUUID } from "node:crypto";
import { type Msg, type NatsConnection, type Subscription, connect } from "@nats-io/transport-node";
import {
  type ICommandResult,
  type IStep,
  MalformedPayloadError,
  ResultCode,
  decode,
  encode,
  subjects,
  v1,
} from "@iisfleet/proto";
import type { CommandExecutor } from "../commands/executor.js";
import { type HostIdentity, collectFacts } from "../host/facts.js";
import type { Clock, HostPort } from "../host/port.js";
import type { Logger } from "../log.js";
import type { Phase } from "../reset/types.js";

export interface NatsAgentOptions {
  servers: string[];
  identity: HostIdentity;
  port: HostPort;
  executor: CommandExecutor;
  clock: Clock;
  log: Logger;
  version: string;
  heartbeatMs: number;
  isCordoned: () => boolean;
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
  readonly instanceId = randomUUID();
  readonly counters: AgentCounters = { commandsReceived: 0, malformedReceived: 0, rejected: 0, natsReconnects: 0 };
  private nc: NatsConnection | undefined;
  private subs: Subscription[] = [];
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private heartbeatSeq = 0;
  private eventSeq = 0;
  private readonly startedAt: number;

  constructor(private readonly opts: NatsAgentOptions) {
    this.startedAt = opts.clock.now();
  }

  async start(): Promise<void> {
    const { identity, log } = this.opts;
    const nc = await connect({
      servers: this.opts.servers,
      name: `iisfleet-agent:${identity.host}`,
      maxReconnectAttempts: -1, // an agent outlives any NATS outage
      reconnectTimeWait: 1_000,
      waitOnFirstConnect: true,
    });
    this.nc = nc;
    void this.watchStatus(nc);
    this.subs.push(nc.subscribe(subjects.command(identity.host), { callback: (err, msg) => this.onCommand(err, msg) }));
    this.subs.push(nc.subscribe(subjects.status(identity.host), { callback: (err, msg) => this.onStatus(err, msg) }));
    this.subs.push(nc.subscribe(subjects.fleetStatus, { callback: (err, msg) => this.onStatus(err, msg) }));
    await nc.flush();
    log.info({ host: identity.host, server: nc.getServer() }, "agent connected to NATS");
    await this.publishHeartbeat();
    this.heartbeatTimer = setInterval(() => void this.publishHeartbeat(), this.opts.heartbeatMs);
  }

  async stop(): Promise<void> {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    const nc = this.nc;
    this.nc = undefined;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
  }

  /** Publishes a progress event for a running command; fire-and-forget, as events are advisory. */
  progress(commandId: string, phase: Phase, message: string, step?: IStep): void {
    const nc = this.nc;
    if (!nc || nc.isClosed()) return;
    const host = this.opts.identity.host;
    nc.publish(
      subjects.events(host),
      encode.event({ commandId, host, seq: ++this.eventSeq, atMs: this.opts.clock.now(), phase, message, step: step ?? null }),
    );
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (s.type === "reconnect") {
        this.counters.natsReconnects++;
        this.opts.log.info({ server: s.server }, "reconnected to NATS");
        void this.publishHeartbeat();
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
      const envelope = decode.envelope(msg.data);
      // Signature verification lands here, over envelope.command, before the body is decoded.
      const command = decode.command(envelope.command);
      result = await this.opts.executor.execute(command);
    } catch (err) {
      if (!(err instanceof MalformedPayloadError)) throw err;
      this.counters.malformedReceived++;
      this.opts.log.warn({ code: err.code, size: err.size, subject: msg.subject, reason: err.reason }, "malformed command dropped");
      result = {
        commandId: "",
        host: this.opts.identity.host,
        outcome: v1.Outcome.OUTCOME_REJECTED,
        code: ResultCode.MALFORMED,
        message: err.message,
        startedAtMs: this.opts.clock.now(),
        finishedAtMs: this.opts.clock.now(),
      };
    }
    if (result.outcome === v1.Outcome.OUTCOME_REJECTED) {
      this.counters.rejected++;
      this.opts.log.warn({ commandId: result.commandId, code: result.code }, result.message ?? "command rejected");
    } else {
      this.opts.log.info({ commandId: result.commandId, code: result.code, replayed: result.replayed === true }, result.message ?? "");
    }
    if (msg.reply) msg.respond(encode.result(result));
  }

  private onStatus(err: Error | null, msg: Msg): void {
    if (err) return;
    void this.answerStatus(msg).catch((e: unknown) => this.opts.log.error({ err: e }, "status answer failed"));
  }

  private async answerStatus(msg: Msg): Promise<void> {
    let requestId = "";
    let farm = "";
    try {
      const req = decode.statusRequest(msg.data);
      requestId = req.requestId;
      farm = req.farm;
    } catch (err) {
      if (!(err instanceof MalformedPayloadError)) throw err;
      this.counters.malformedReceived++;
      this.opts.log.warn({ subject: msg.subject, reason: err.reason }, "malformed status request dropped");
      return;
    }
    // A fleet query scoped to another farm is not for us: stay silent rather than answer noise.
    if (farm && farm !== this.opts.identity.farm) return;
    const facts = await this.facts();
    msg.respond(
      encode.statusReport({
        requestId,
        facts,
        agentVersion: this.opts.version,
        instanceId: this.instanceId,
        uptimeMs: this.opts.clock.now() - this.startedAt,
        sentAtMs: this.opts.clock.now(),
      }),
    );
  }

  private facts() {
    return collectFacts(this.opts.port, this.opts.identity, {
      cordoned: this.opts.isCordoned(),
      busyCommandId: this.opts.executor.busyCommandId,
    });
  }

  private async publishHeartbeat(): Promise<void> {
    const nc = this.nc;
    if (!nc || nc.isClosed()) return;
    try {
      const facts = await this.facts();
      nc.publish(
        subjects.heartbeat(this.opts.identity.host),
        encode.heartbeat({
          facts,
          agentVersion: this.opts.version,
          instanceId: this.instanceId,
          seq: ++this.heartbeatSeq,
          sentAtMs: this.opts.clock.now(),
          uptimeMs: this.opts.clock.now() - this.startedAt,
          intervalMs: this.opts.heartbeatMs,
          counters: { ...this.counters },
        }),
      );
    } catch (err) {
      this.opts.log.error({ err }, "heartbeat failed");
    }
  }
}
