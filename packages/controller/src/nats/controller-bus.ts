import {
  AuthorizationError,
  type Msg,
  type NatsConnection,
  RequestError,
  type Subscription,
  TimeoutError,
  connect,
  nkeyAuthenticator,
  nuid,
} from "@nats-io/transport-node";
import {
  type ICommandResult,
  MalformedPayloadError,
  type NatsClientAuth,
  decode,
  hostFromSubject,
  inboxPrefixes,
  isValidHostName,
  subjects,
} from "@iisfleet/proto";
import type { Clock } from "../clock.js";
import type { AgentBus } from "../commands/agent-bus.js";
import { stepRowFromWire } from "../commands/command-service.js";
import { AgentTimeoutError, AgentUnreachableError, NatsAuthRefusedError, NatsUnavailableError } from "../errors.js";
import type { FleetRegistry } from "../fleet/registry.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/index.js";
import { type GatherOutcome, gatherReplies } from "./status-gather.js";

export interface BusCounters {
  heartbeats: number;
  events: number;
  malformed: number;
  rejectedHeartbeats: number;
  reconnects: number;
}

/**
 * The controller's NATS edge: heartbeats into the registry, progress events into the event log, commands out.
 * Anything malformed is counted, logged and dropped; the controller never crashes on a payload.
 */
export class ControllerBus implements AgentBus {
  readonly counters: BusCounters = { heartbeats: 0, events: 0, malformed: 0, rejectedHeartbeats: 0, reconnects: 0 };
  private nc: NatsConnection | undefined;
  private subs: Subscription[] = [];
  private connected = false;
  /** Bumped on every disconnect: a live query that spans one knows its silence proves nothing. */
  private disconnects = 0;

  constructor(
    private readonly opts: {
      servers: string[];
      /** The controller's nkey seed and TLS files (iisfleet keys, iisfleet nats-config); empty: an open server. */
      auth?: NatsClientAuth;
      name: string;
      registry: FleetRegistry;
      store: Store;
      clock: Clock;
      log: Logger;
    },
  ) {}

  get isConnected(): boolean {
    return this.connected;
  }

  async start(): Promise<void> {
    const nc = await connect({
      servers: this.opts.servers,
      name: this.opts.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1_000,
      waitOnFirstConnect: true,
      // Its own reply inbox, always: the generated server config lets only the controller subscribe there.
      inboxPrefix: inboxPrefixes.controller,
      ...(this.opts.auth?.nkeySeed ? { authenticator: nkeyAuthenticator(this.opts.auth.nkeySeed) } : {}),
      ...(this.opts.auth?.tls ? { tls: this.opts.auth.tls } : {}),
    }).catch((err: unknown) => {
      throw err instanceof AuthorizationError ? new NatsAuthRefusedError(err.message) : err;
    });
    this.nc = nc;
    this.connected = true;
    void this.watchStatus(nc);
    this.subs.push(nc.subscribe(subjects.allHeartbeats, { callback: (err, msg) => void (err ? undefined : this.onHeartbeat(msg)) }));
    this.subs.push(nc.subscribe(subjects.allEvents, { callback: (err, msg) => void (err ? undefined : this.onEvent(msg)) }));
    await nc.flush();
    this.opts.log.info({ server: nc.getServer() }, "controller connected to NATS");
  }

  async stop(): Promise<void> {
    const nc = this.nc;
    this.nc = undefined;
    this.connected = false;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
  }

  private readonly reconnectListeners = new Set<() => void>();

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  async sendCommand(host: string, envelope: Uint8Array, waitMs: number): Promise<ICommandResult> {
    const nc = this.nc;
    if (!nc || nc.isClosed()) throw new NatsUnavailableError("connection closed");
    let reply: Msg;
    try {
      // The answer comes on a subject of the agent's own (see subjects.results), never through a reply permission
      // that nats-server expires after two minutes; the token keeps each command's answer to its own request.
      reply = await nc.request(subjects.command(host), envelope, { timeout: waitMs, noMux: true, reply: `${subjects.results(host)}.${nuid.next()}` });
    } catch (err) {
      if (err instanceof RequestError && err.isNoResponders()) {
        throw new AgentUnreachableError(host, "no agent is subscribed for this host (agent down or disconnected)");
      }
      if (err instanceof TimeoutError || (err instanceof Error && err.cause instanceof TimeoutError)) {
        throw new AgentTimeoutError(host, waitMs);
      }
      if (!this.connected) throw new NatsUnavailableError(err instanceof Error ? err.message : String(err));
      throw new AgentUnreachableError(host, err instanceof Error ? err.message : String(err));
    }
    try {
      return decode.result(reply.data);
    } catch (err) {
      if (err instanceof MalformedPayloadError) this.counters.malformed++;
      throw err;
    }
  }

  /** Scatter-gather: one request on `subject`, replies until `onReply` says done or the deadline (status-gather.ts). */
  gather(subject: string, request: Uint8Array, timeoutMs: number, onReply: (data: Uint8Array) => boolean): Promise<GatherOutcome> {
    return gatherReplies(this.nc, subject, request, timeoutMs, onReply, {
      inboxPrefix: inboxPrefixes.controller,
      connected: () => this.connected,
      disconnects: () => this.disconnects,
    });
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (s.type === "disconnect") {
        this.connected = false;
        this.disconnects++;
        this.opts.log.warn({ server: s.server }, "controller disconnected from NATS; reconnecting");
      } else if (s.type === "reconnect") {
        this.connected = true;
        this.counters.reconnects++;
        this.opts.log.info({ server: s.server }, "controller reconnected to NATS");
        for (const listener of this.reconnectListeners) listener();
      }
    }
  }

  private hostOf(msg: Msg): string | undefined {
    const host = hostFromSubject(msg.subject);
    return host !== undefined && isValidHostName(host) ? host : undefined;
  }

  private onHeartbeat(msg: Msg): void {
    const host = this.hostOf(msg);
    try {
      if (!host) throw new MalformedPayloadError("Heartbeat", `subject ${msg.subject} does not name a valid host`, msg.data.length);
      const hb = decode.heartbeat(msg.data);
      const outcome = this.opts.registry.recordHeartbeat(hb, host);
      if (outcome.accepted) this.counters.heartbeats++;
      else {
        this.counters.rejectedHeartbeats++;
        this.opts.log.warn({ subject: msg.subject, reason: outcome.reason }, "heartbeat rejected");
      }
    } catch (err) {
      this.dropped(msg, err);
    }
  }

  private onEvent(msg: Msg): void {
    const host = this.hostOf(msg);
    try {
      if (!host) throw new MalformedPayloadError("ProgressEvent", `subject ${msg.subject} does not name a valid host`, msg.data.length);
      const ev = decode.event(msg.data);
      const refused = ev.phase === "refused";
      if (ev.host !== host || (!ev.commandId && !refused)) {
        throw new MalformedPayloadError("ProgressEvent", `event for "${ev.host}" on ${host}'s subject`, msg.data.length);
      }
      this.counters.events++;
      if (refused) {
        // An agent refused a command at its gate (signature, key, replay, target, expiry). Often not one of ours:
        // that is the point of recording it.
        this.opts.store.events.appendSoon({
          atMs: ev.atMs || this.opts.clock.now(),
          kind: "command.refused",
          host,
          commandId: ev.commandId || undefined,
          message: ev.message.slice(0, 1000),
          data: {},
        });
        return;
      }
      const step = ev.step;
      this.opts.store.events.appendSoon({
        atMs: ev.atMs || this.opts.clock.now(),
        kind: "command.progress",
        host,
        commandId: ev.commandId,
        message: ev.message,
        data: {
          phase: ev.phase,
          seq: ev.seq,
          ...(step ? { step: stepRowFromWire(step, 0) } : {}),
        },
      });
    } catch (err) {
      this.dropped(msg, err);
    }
  }

  private dropped(msg: Msg, err: unknown): void {
    if (err instanceof MalformedPayloadError) {
      this.counters.malformed++;
      this.opts.log.warn({ subject: msg.subject, code: err.code, reason: err.reason }, "malformed message dropped");
      return;
    }
    this.opts.log.error({ subject: msg.subject, err }, "message handling failed");
  }
}
