import {
  AuthorizationError,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type Subscription,
  connect,
  nkeyAuthenticator,
  nuid,
} from "@nats-io/transport-node";
import {
  type AgentMessageKind,
  type Heartbeat,
  type ICommandResult,
  MalformedPayloadError,
  type NatsClientAuth,
  connectErrorText,
  connectWithRetry,
  decode,
  heartbeatFactsBytes,
  hostFromSubject,
  inboxPrefixes,
  isValidHostName,
  subjects,
  unchangedAnswerOf,
} from "@iisfleet/proto";
import type { Clock } from "../clock.js";
import type { AgentBus } from "../commands/agent-bus.js";
import { stepRowFromWire } from "../commands/command-service.js";
import { AgentTimeoutError, AgentUnreachableError, NatsAuthRefusedError, NatsUnavailableError } from "../errors.js";
import type { FleetRegistry } from "../fleet/registry.js";
import type { Logger } from "../log.js";
import type { AgentKeyring, UnverifiedReason } from "../keys/agent-keyring.js";
import type { Store } from "../store/index.js";
import { EventLimits, type InputRejection, RecordGate } from "./agent-input.js";
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
  /** Every agent message dropped: undecodable, over a limit, or (with agent keys) not provably from its agent. */
  malformed: number;
  /** The same, by reason: the protobuf error's code, an input limit (agent-input.ts) or a signature verdict. */
  malformedByReason: Record<string, number>;
  rejectedHeartbeats: number;
  reconnects: number;
  /** With agent keys, status answers believed, by how (AgentKeyring.statusChecks); empty without. */
  readonly statusAnswersByCheck: Readonly<Record<string, number>>;
  /**
   * Unchanged answers to conditional status questions: "held" (the answer it stands for was believed before, and
   * used), "reasked" (it was not: the host was asked again in full).
   */
  unchangedAnswers: { held: number; reasked: number };
}

/** Every count at 0; the status answer checks are read from the keyring when asked for (it may come later). */
function newBusCounters(keys: () => AgentKeyring | undefined): BusCounters {
  return {
    heartbeats: 0,
    events: 0,
    malformed: 0,
    malformedByReason: {},
    rejectedHeartbeats: 0,
    reconnects: 0,
    unchangedAnswers: { held: 0, reasked: 0 },
    get statusAnswersByCheck() {
      return keys()?.statusChecks ?? {};
    },
  };
}

/** A reply the controller did not believe; the request keeps waiting for one it can. */
type DropReason = UnverifiedReason | InputRejection | "malformed";

/**
 * The controller's NATS edge: heartbeats into the registry, progress events into the event log, commands out.
 * Anything malformed is counted, logged and dropped; the controller never crashes on a payload.
 */
export class ControllerBus implements AgentBus {
  readonly counters: BusCounters = newBusCounters(() => this.opts.agentKeys);
  private readonly eventLimits = new EventLimits();
  private readonly securityEvents = new RecordGate();
  private readonly dropLog = new RecordGate();
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
      /**
       * The agents' public keys (from the keys dir): every agent message must carry its agent's signature, or it is
       * dropped, counted and recorded. Absent (open NATS): agent identities are unverified, and said to be.
       */
      agentKeys?: AgentKeyring;
    },
  ) {}

  /** Whether agent messages are checked against agent keys; false: anyone on NATS may speak for any host. */
  get verifiesAgents(): boolean {
    return this.opts.agentKeys !== undefined;
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** The live connection, for JetStream users beside the bus (the leadership lease, ha/lease.ts); undefined while down. */
  connection(): NatsConnection | undefined {
    return this.connected ? this.nc : undefined;
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

  /**
   * Publishes a command and waits for the first answer this controller can believe: the agent's, signed by its key
   * when agent keys are configured. The answer comes on a subject of the agent's own (see subjects.results), never
   * through a reply permission that nats-server expires after two minutes; the token keeps each command's answer
   * to its own request. A forged or foreign answer is dropped and recorded, and the wait goes on for the real one.
   */
  sendCommand(host: string, envelope: Uint8Array, waitMs: number): Promise<ICommandResult> {
    const nc = this.nc;
    if (!nc || nc.isClosed()) return Promise.reject(new NatsUnavailableError(this.problem() ?? "connection closed"));
    const inbox = `${subjects.results(host)}.${nuid.next()}`;
    return new Promise<ICommandResult>((resolve, reject) => {
      let sub: Subscription | undefined;
      const end = (settle: () => void): void => {
        clearTimeout(timer);
        try {
          sub?.unsubscribe();
        } catch {
          // the connection closed under us: nothing left to unsubscribe
        }
        settle();
      };
      const timer = setTimeout(() => end(() => reject(new AgentTimeoutError(host, waitMs))), waitMs);
      try {
        sub = nc.subscribe(inbox, {
          max: 1_000, // a flood of forged answers ends the subscription, not the controller
          callback: (err, msg) => {
            if (err) return end(() => reject(this.connected ? new AgentUnreachableError(host, err.message) : new NatsUnavailableError(this.problem() ?? err.message)));
            // NATS answers a request nobody listens to with an empty 503 status message.
            if (msg.data.length === 0 && msg.headers?.code === 503) {
              return end(() => reject(new AgentUnreachableError(host, "no agent is subscribed for this host (agent down or disconnected)")));
            }
            const verdict = this.believe("result", msg, host);
            if (!verdict) return;
            let result: ICommandResult;
            try {
              result = decode.result(msg.data);
            } catch (e) {
              if (e instanceof MalformedPayloadError) this.count(e.code);
              return end(() => reject(e));
            }
            if (result.host !== host) return this.drop(msg, "host-mismatch", host, "result", `answer names host "${clip(result.host ?? "")}"`);
            end(() => resolve(result));
          },
        });
        nc.publish(subjects.command(host), envelope, { reply: inbox });
      } catch (err) {
        end(() => reject(new NatsUnavailableError(err instanceof Error ? err.message : String(err))));
      }
    });
  }

  /**
   * Scatter-gather: one request on `subject`, replies until `onReply` says done or the deadline (status-gather.ts).
   * With agent keys, only answers signed by the agent they come from reach `onReply`, with the host that signed.
   * An unchanged answer (StatusRequest.conditional) reaches it as the full answer it stands for, believed before;
   * when this controller holds no such answer, `reask` (the same question without the flag) goes to that host's own
   * subject, once, with its reply on the same inbox and within the same deadline.
   */
  gather(subject: string, request: Uint8Array, timeoutMs: number, onReply: (data: Uint8Array, signedHost?: string) => boolean, reask?: Uint8Array): Promise<GatherOutcome> {
    if (!this.nc) return Promise.reject(new NatsUnavailableError(this.problem() ?? "not connected to NATS"));
    const nc = this.nc;
    const keys = this.opts.agentKeys;
    const reasked = new Set<string>();
    const believed = (data: Uint8Array, host: string, inbox: string): boolean => {
      let unchanged;
      try {
        unchanged = unchangedAnswerOf(data);
      } catch (e) {
        if (!(e instanceof MalformedPayloadError)) throw e;
        this.count(e.code);
        return false;
      }
      if (!unchanged) return onReply(data, host);
      if (unchanged.host !== host) {
        this.unverified("status", "host-mismatch", host, subject);
        return false;
      }
      const full = keys?.answerByDigest(host, unchanged.digest);
      if (full) {
        this.counters.unchangedAnswers.held++;
        return onReply(full, host);
      }
      // Asked once more, directly and in full: the answer is then as live and as trusted as without the flag.
      if (reask && !reasked.has(host)) {
        reasked.add(host);
        this.counters.unchangedAnswers.reasked++;
        try {
          nc.publish(subjects.status(host), reask, { reply: inbox });
        } catch (err) {
          this.opts.log.warn({ host, err: err instanceof Error ? err.message : String(err) }, "could not ask a host again for its full status answer");
        }
      }
      return false;
    };
    const checked = keys
      ? (data: Uint8Array, headers: () => MsgHdrs | undefined, inbox: string): boolean => {
          const known = keys.believedAnswer(data);
          if (known !== undefined) return believed(data, known, inbox);
          const v = keys.verify("status", data, headers());
          if (!v.ok) {
            this.unverified("status", v.reason, v.host, subject);
            return false;
          }
          return believed(data, v.host, inbox);
        }
      : (data: Uint8Array): boolean => onReply(data);
    return gatherReplies(this.nc, subject, request, timeoutMs, checked, {
      inboxPrefix: inboxPrefixes.controller,
      connected: () => this.connected,
      disconnects: () => this.disconnects,
    });
  }

  /** Whether this controller holds the agents' heartbeat statements (verifies agent keys): it may ask conditionally. */
  get holdsStatements(): boolean {
    return this.opts.agentKeys !== undefined;
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
      const hb = this.believedHeartbeat(msg, host);
      if (!hb) return;
      const outcome = this.opts.registry.recordHeartbeat(hb, host, heartbeatFactsBytes(msg.data));
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
    // A standby (controller --ha) keeps the leader's event log, replicated; the agents' own copies are not for it
    // (and it may hear of a command before the leader's row for it arrives).
    if (this.opts.store.events.isMuted) return;
    const host = this.hostOf(msg);
    try {
      if (!host) throw new MalformedPayloadError("ProgressEvent", `subject ${msg.subject} does not name a valid host`, msg.data.length);
      if (!this.believe("event", msg, host)) return;
      const ev = decode.event(msg.data);
      const refused = ev.phase === "refused";
      if (ev.host !== host || (!ev.commandId && !refused)) {
        throw new MalformedPayloadError("ProgressEvent", `event for "${ev.host}" on ${host}'s subject`, msg.data.length);
      }
      const now = this.opts.clock.now();
      const atMs = Number(ev.atMs);
      // A refusal names a command that is often not ours (that is the point of recording it): no host to match.
      const commandHost = refused ? host : this.opts.store.commands.hostOf(ev.commandId);
      const limit = this.eventLimits.check({ bytes: msg.data.length, atMs, commandId: ev.commandId, host, commandHost, now });
      if (limit) return this.drop(msg, limit, host, "event", `event for command ${clip(ev.commandId)}`);
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
      this.opts.store.events.appendProgress({
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
      this.count("malformed");
      this.opts.log.warn({ subject: msg.subject, code: err.code, reason: err.reason }, "malformed message dropped");
      return;
    }
    this.opts.log.error({ subject: msg.subject, err }, "message handling failed");
  }

  private count(reason: string): void {
    this.counters.malformed++;
    this.counters.malformedByReason[reason] = (this.counters.malformedByReason[reason] ?? 0) + 1;
  }

  /**
   * With agent keys: whether `msg` is signed by the agent of `host`; a message that is not is dropped, counted and
   * recorded as a security event. Without keys every message is believed (identities unverified, as the log,
   * `iisfleet hosts` and the dashboard say).
   */
  private believe(kind: AgentMessageKind, msg: Msg, host: string): boolean {
    const keys = this.opts.agentKeys;
    if (!keys) return true;
    const v = keys.verify(kind, msg.data, msg.headers, host);
    if (v.ok) return true;
    this.unverified(kind, v.reason, host, msg.subject);
    return false;
  }

  /** The heartbeat `msg` carries, if it is believed (see believe; heartbeats have a cheaper proof: AgentKeyring). */
  private believedHeartbeat(msg: Msg, host: string): Heartbeat | undefined {
    const keys = this.opts.agentKeys;
    if (!keys) return decode.heartbeat(msg.data);
    const v = keys.verifyHeartbeat(msg.data, msg.headers, host);
    if (v.ok) return v.heartbeat;
    this.unverified("heartbeat", v.reason, host, msg.subject);
    return undefined;
  }

  private drop(msg: Msg, reason: DropReason, host: string, kind: AgentMessageKind, what: string): void {
    this.count(reason);
    // Counted always; logged within the log gate, so a flood fills neither the disk nor the journal.
    if (this.dropLog.admit(this.opts.clock.now()).record) this.opts.log.warn({ subject: msg.subject, host, kind, reason }, `agent message dropped: ${what}`);
  }

  /** An agent message nobody can prove came from its agent: counted, logged and (rate-limited) put in the history. */
  private unverified(kind: AgentMessageKind, reason: UnverifiedReason, host: string, subject: string): void {
    this.count(reason);
    const now = this.opts.clock.now();
    const gate = this.securityEvents.admit(now);
    if (!gate.record) return;
    const held = gate.heldBefore > 0 ? ` (${gate.heldBefore} more not recorded before this one)` : "";
    this.opts.log.warn({ subject: clip(subject), host: clip(host), kind, reason, heldBefore: gate.heldBefore }, "unverified agent message dropped");
    this.opts.store.events.appendSoon({
      atMs: now,
      kind: "security.unverified",
      host: isValidHostName(host) ? host : undefined,
      message: `dropped a ${kind} message for ${clip(host) || "an unnamed host"}: ${UNVERIFIED_SENTENCES[reason]}${held}`,
      data: { reason, kind, subject: clip(subject) },
    });
  }
}

const UNVERIFIED_SENTENCES: Record<UnverifiedReason, string> = {
  unsigned: "it carries no agent signature",
  "unknown-agent-key": "the controller holds no key for that host (iisfleet keys add-agent)",
  "bad-signature": "its signature does not match (forged, altered, or signed by another key)",
  "host-mismatch": "it is signed for another host than the one it speaks for",
  "replayed-beat": "its heartbeat beat is not later than the last one believed from that agent (a replay)",
  "bad-beat-proof": "its heartbeat beat does not carry the next link of the chain its agent signed (forged)",
};

/** Agent-chosen text in logs and history: kept short. */
function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}
