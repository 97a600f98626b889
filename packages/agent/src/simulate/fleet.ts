import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type NatsConnection, connect } from "@nats-io/transport-node";
import { inboxPrefixes } from "@iisfleet/proto";
import { CommandExecutor, type CordonControl } from "../commands/executor.js";
import { systemClock } from "../host/port.js";
import { HttpHealthChecker, type HealthChecker } from "../health/probe.js";
import { SimulatedHost, SimulatedSites } from "../host/simulated/index.js";
import type { Logger } from "../log.js";
import { ResetEngine } from "../reset/engine.js";
import type { CordonState } from "../state/cordon.js";
import { CommandVerifier, type VerifyMode } from "../security/command-verifier.js";
import { verifyModeFrom } from "../security/verify-mode.js";
import { AgentMessageSigner } from "../transport/message-signer.js";
import { NatsAgent } from "../transport/nats-agent.js";
import { explainConnectError, natsCredentials } from "../transport/nats-credentials.js";
import { VERSION } from "../version.js";
import { SimulatedHealth } from "./health.js";
import { observedHost } from "./observed-host.js";
import { type SimulateOptions, simulatedHostName } from "./options.js";

/** How many agents subscribe at once while starting: enough to batch SUBs, few enough to keep memory flat. */
const START_BATCH = 500;
/**
 * Facts are reused this long unless the simulated host reports a change (see NatsAgent.factsMaxAgeMs and
 * observed-host.ts): every change is reported, so the age limit is only a backstop. It is longer than a heartbeat
 * period on purpose: re-collecting 1 000 hosts' facts a second for heartbeats kept the simulator's garbage
 * collector busy enough to slow its answers to live queries threefold.
 */
const FACTS_MAX_AGE_MS = 300_000;

interface SimAgent {
  host: SimulatedHost;
  agent: NatsAgent;
  unwatch: () => void;
  /** With --sim-sites: the host's sites listening on 127.0.0.1, which its resets probe. */
  sites?: SimulatedSites;
}

/** Cordon kept in memory: a simulated host has no disk worth persisting it to. */
class MemoryCordon implements CordonControl {
  current: CordonState = { cordoned: false, reason: "", changedAtMs: 0 };
  set(cordoned: boolean, reason: string, atMs: number): CordonState {
    this.current = { cordoned, reason: cordoned ? reason : "", changedAtMs: atMs };
    return this.current;
  }
}

/**
 * N simulated agents in one process. Each is a full agent — its own SimulatedHost (a Windows-like SCM, so resets
 * behave as on a real box), reset engine, executor, subjects, instance id and jittered heartbeat — but they share
 * a few NATS connections, as the point is to load the controller and NATS, not to open 10 000 sockets.
 */
export class SimulatedFleet {
  readonly names: string[];
  private readonly connections: NatsConnection[] = [];
  private readonly agents: SimAgent[] = [];
  private readonly verifyMode: VerifyMode;

  constructor(
    private readonly opts: SimulateOptions,
    private readonly log: Logger,
  ) {
    const last = opts.first + opts.count - 1;
    this.verifyMode = verifyModeFrom({ trustedKeys: opts.trustedKeys, allowUnsigned: false, simulate: true });
    this.names = Array.from({ length: opts.count }, (_, i) => simulatedHostName(opts.prefix, opts.first + i, last));
  }

  get size(): number {
    return this.agents.length;
  }

  async start(): Promise<void> {
    for (let i = 0; i < this.opts.connections; i++) {
      const nc = await connect({
        servers: this.opts.nats,
        name: `iisfleet-simulator:${this.opts.farm}:${i}`,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 1_000,
        waitOnFirstConnect: true,
        ...natsCredentials(this.opts.natsAuth, inboxPrefixes.simulator),
      }).catch((err: unknown) => {
        throw explainConnectError(err, "the simulator");
      });
      this.connections.push(nc);
      void this.watch(nc, i);
    }
    for (let offset = 0; offset < this.names.length; offset += START_BATCH) {
      const batch = await Promise.all(this.names.slice(offset, offset + START_BATCH).map((name, i) => this.create(name, offset + i)));
      await Promise.all(batch.map((a) => a.agent.start()));
    }
  }

  /** One agent by host name. */
  agent(name: string): NatsAgent | undefined {
    const i = this.names.indexOf(name);
    return i >= 0 ? this.agents[i]?.agent : undefined;
  }

  async stop(): Promise<void> {
    // Holes where a host failed to start (the fleet stops after a failed start too).
    const started = this.agents.filter((a): a is SimAgent => a !== undefined);
    await Promise.all(started.map((a) => a.agent.stop()));
    await Promise.all(started.map((a) => a.sites?.stop()));
    for (const a of started) {
      a.unwatch();
      a.host.dispose();
    }
    this.agents.length = 0;
    await Promise.all(this.connections.map((nc) => (nc.isClosed() ? undefined : nc.drain().catch(() => nc.close()))));
    this.connections.length = 0;
  }

  private async create(name: string, index: number): Promise<SimAgent> {
    const { opts } = this;
    const clock = systemClock;
    const host = new SimulatedHost({
      generation: opts.sim.generation,
      fault: opts.faultOn[name] ?? opts.sim.fault,
      stopMs: opts.sim.stopMs,
      startMs: opts.sim.startMs,
      callMs: opts.sim.callMs,
      iis6Compat: opts.sim.iis6Compat,
    });
    const health = new SimulatedHealth(host, name);
    const sites = opts.sites ? new SimulatedSites(host) : undefined;
    let agent: NatsAgent | undefined;
    const port = observedHost(host, () => agent?.factsChanged());
    // A listen that fails closes what it opened: this host is not in the fleet yet, so stop() would not.
    if (sites) {
      await sites.start("127.0.0.1").catch(async (err: unknown) => {
        await sites.stop();
        throw err;
      });
    }
    const probes = sites?.probes() ?? [];
    // With sites, a reset probes them over HTTP as a lone simulated agent does; the status verdict stays the cheap one.
    const checker: HealthChecker = sites
      ? new HttpHealthChecker(() => probes, opts.probe.timeoutMs)
      : health;
    const engine = new ResetEngine(port, { clock, pollMs: opts.pollMs, health: checker, probe: opts.probe });
    const cordon = new MemoryCordon();
    const log = this.log.child({ host: name });
    const executor = new CommandExecutor({
      host: name,
      engine,
      clock,
      cordon,
      events: { progress: (id, phase, message, step) => agent?.progress(id, phase, message, step) },
    });
    const signer = this.signerFor(name);
    agent = new NatsAgent({
      ...(signer ? { signer } : {}),
      connection: this.connections[index % this.connections.length] as NatsConnection,
      identity: { host: name, farm: opts.farm, tags: opts.tags },
      port,
      executor,
      verifier: new CommandVerifier(this.verifyMode, name, clock),
      clock,
      log,
      version: VERSION,
      heartbeatMs: opts.heartbeatMs,
      heartbeatJitter: opts.jitter,
      // Spread the first beats over one period: 10 000 agents registering in the same millisecond is a test of
      // something else.
      firstHeartbeatMs: 1 + Math.floor(Math.random() * opts.heartbeatMs),
      factsMaxAgeMs: FACTS_MAX_AGE_MS,
      status: () => ({
        cordoned: cordon.current.cordoned,
        cordonReason: cordon.current.reason,
        health: health.verdict,
        lastReset: executor.lastReset,
      }),
    });
    const running = agent;
    const unwatch = host.onStateChange(() => running.factsChanged());
    const sim: SimAgent = { host, agent: running, unwatch, ...(sites ? { sites } : {}) };
    // By index, not in the order the hosts finished starting: agent(name) and the reconnect spread go by it.
    this.agents[index] = sim;
    return sim;
  }

  /** The host's own key, when the keys dir given (--agent-keys) holds its seed. */
  private signerFor(host: string): AgentMessageSigner | undefined {
    if (this.opts.agentKeys === undefined) return undefined;
    const file = join(this.opts.agentKeys, "nats", "agents", `${host}.nk`);
    if (!existsSync(file)) return undefined;
    return AgentMessageSigner.fromNkeySeed(host, new TextEncoder().encode(readFileSync(file, "utf8").trim()));
  }

  private async watch(nc: NatsConnection, index: number): Promise<void> {
    for await (const s of nc.status()) {
      if (s.type === "disconnect") {
        this.log.warn({ connection: index, server: s.server }, "simulator disconnected from NATS; reconnecting");
      } else if (s.type === "reconnect") {
        this.log.info({ connection: index, server: s.server }, "simulator reconnected to NATS");
        // Every agent on it beats again, spread over a second rather than all at once.
        this.agents.forEach((a, i) => {
          if (i % this.connections.length === index) a.agent.reconnected(1 + Math.floor(Math.random() * 1_000));
        });
      }
    }
  }
}
