import {
  AuthorizationError,
  type Msg,
  type NatsConnection,
  RequestError,
  type Subscription,
  TimeoutError,
  connect,
  nkeyAuthenticator,
} from "@nats-io/transport-node";
import {
  type ICommandResult,
  MalformedPayloadError,
  type NatsClientAuth,
  connectErrorText,
  connectWithRetry,
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

/** Where the controller stands with NATS, for /api/v1/health, the CLI's errors and the log. */
export interface NatsLinkState {
  connected: boolean;
  /** The server in use, or the configured list while not connected. */
  servers: string[];
  /** Since when the link has been in this state (ms since the epoch). */
  sinceMs: number;
  /** Why the last attempt failed, while not connected. */
  lastError?: string;
}

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

  private sinceMs = 0;
  private lastError: string | undefined;
  private firstConnect: Promise<void> | undefined;
  private readonly stopping = new AbortController();

  link(): NatsLinkState {
    const servers = this.connected && this.nc ? [this.nc.getServer()] : this.opts.servers;
    return { connected: this.connected, servers, sinceMs: this.sinceMs, ...(this.lastError && !this.connected ? { lastError: this.lastError } : {}) };
  }

  /** One sentence for an operator: what is wrong with NATS, or undefined while connected. */
  problem(): string | undefined {
    if (this.connected) return undefined;
    const since = this.sinceMs > 0 ? ` since ${new Date(this.sinceMs).toISOString()}` : "";
    const why = this.lastError ? ` (${this.lastError})` : "";
    return `the controller cannot reach NATS at ${this.opts.servers.join(", ")}${since}${why}`;
  }

  /**
   * Connects, or, when no server can be reached yet, keeps trying in the background and returns: the API comes up
   * and says what is wrong instead of the whole controller sitting silent. A refused credential is fatal at once.
   */
  async start(): Promise<void> {
    this.sinceMs = this.opts.clock.now();
    const attempt = (): Promise<NatsConnection> =>
      connect({
        servers: this.opts.servers,
        name: this.opts.name,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 1_000,
        // Its own reply inbox, always: the generated server config lets only the controller subscribe there.
        inboxPrefix: inboxPrefixes.controller,
        ...(this.opts.auth?.nkeySeed ? { authenticator: nkeyAuthenticator(this.opts.auth.nkeySeed) } : {}),
        ...(this.opts.auth?.tls ? { tls: this.opts.auth.tls } : {}),
      }).catch((err: unknown) => {
        throw err instanceof AuthorizationError ? new NatsAuthRefusedError(err.message) : err;
      });
    let failedOnce: () => void = () => undefined;
    const firstFailure = new Promise<undefined>((resolve) => (failedOnce = () => resolve(undefined)));
    const connecting = connectWithRetry(attempt, {
      servers: this.opts.servers,
      isFatal: (e) => e instanceof NatsAuthRefusedError,
      onFailure: (f) => {
        this.lastError = f.error;
        const msg = f.attempt === 1 ? "cannot reach NATS; the API comes up anyway and the controller keeps trying" : "cannot reach NATS; retrying";
        this.opts.log.warn({ servers: f.servers, attempt: f.attempt, err: f.error, retryInMs: f.retryInMs }, msg);
        failedOnce();
      },
      signal: this.stopping.signal,
    });
    // A refused credential before any other failure rejects here: a configuration error stops the start.
    const first = await Promise.race([connecting, firstFailure]);
    if (first !== undefined) return this.attach(first);
    this.firstConnect = connecting.then(
      (nc) => this.attach(nc),
      (e: unknown) => {
        if (this.stopping.signal.aborted) return;
        this.lastError = connectErrorText(e);
        this.opts.log.error({ err: this.lastError }, "NATS refused the controller's credentials; it will not retry");
      },
    );
  }

  /** Resolves once the first connection is made (at once when it already is). */
  async whenConnected(): Promise<void> {
    if (this.connected) return;
    await this.firstConnect;
  }

  private async attach(nc: NatsConnection): Promise<void> {
    if (this.stopping.signal.aborted) {
      await nc.close();
      return;
    }
    this.nc = nc;
    this.connected = true;
    this.sinceMs = this.opts.clock.now();
    this.lastError = undefined;
    void this.watchStatus(nc);
    this.subs.push(nc.subscribe(subjects.allHeartbeats, { callback: (err, msg) => void (err ? undefined : this.onHeartbeat(msg)) }));
    this.subs.push(nc.subscribe(subjects.allEvents, { callback: (err, msg) => void (err ? undefined : this.onEvent(msg)) }));
    await nc.flush();
    this.opts.log.info({ server: nc.getServer() }, "controller connected to NATS");
  }

  async stop(): Promise<void> {
    this.stopping.abort(new Error("controller stopping"));
    await this.firstConnect;
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
    if (!nc || nc.isClosed()) throw new NatsUnavailableError(this.problem() ?? "connection closed");
    let reply: Msg;
    try {
      reply = await nc.request(subjects.command(host), envelope, { timeout: waitMs });
    } catch (err) {
      if (err instanceof RequestError && err.isNoResponders()) {
        throw new AgentUnreachableError(host, "no agent is subscribed for this host (agent down or disconnected)");
      }
      if (err instanceof TimeoutError || (err instanceof Error && err.cause instanceof TimeoutError)) {
        throw new AgentTimeoutError(host, waitMs);
      }
      if (!this.connected) throw new NatsUnavailableError(this.problem() ?? (err instanceof Error ? err.message : String(err)));
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
    if (!this.nc) return Promise.reject(new NatsUnavailableError(this.problem() ?? "not connected to NATS"));
    return gatherReplies(this.nc, subject, request, timeoutMs, onReply, {
      inboxPrefix: inboxPrefixes.controller,
      connected: () => this.connected,
      disconnects: () => this.disconnects,
    });
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    let reconnectAttempts = 0;
    for await (const s of nc.status()) {
      if (s.type === "disconnect") {
        this.connected = false;
        this.disconnects++;
        this.sinceMs = this.opts.clock.now();
        this.lastError = `disconnected from ${s.server}`;
        reconnectAttempts = 0;
        this.opts.log.warn({ server: s.server }, "controller disconnected from NATS; reconnecting");
      } else if (s.type === "reconnecting") {
        // One line per attempt at first, then every 30th: an hour-long outage should not bury the log.
        reconnectAttempts++;
        if (reconnectAttempts <= 5 || reconnectAttempts % 30 === 0) {
          this.opts.log.warn({ servers: this.opts.servers, attempt: reconnectAttempts, since: new Date(this.sinceMs).toISOString() }, "still cannot reach NATS; reconnecting");
        }
      } else if (s.type === "reconnect") {
        this.connected = true;
        this.sinceMs = this.opts.clock.now();
        this.lastError = undefined;
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
