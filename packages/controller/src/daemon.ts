import { randomUUID } from "node:crypto";
import { dirname, join } from "node:path";
import type { CommandSigningKey, NatsClientAuth } from "@iisfleet/proto";
import { JsonHttpServer } from "./api/http-server.js";
import { registerRoutes } from "./api/routes.js";
import { tokenGate } from "./api/stream-gate.js";
import { startOperatorSurfaces } from "./api/surfaces.js";
import { type Clock, systemClock } from "./clock.js";
import { AccessControl } from "./auth/access-control.js";
import { TokenService } from "./auth/tokens.js";
import { CommandService } from "./commands/command-service.js";
import { FleetRegistry } from "./fleet/registry.js";
import { warmWhenFleetReaches } from "./api/routes/status-warmup.js";
import { Leadership } from "./ha/leadership.js";
import { StandbyPair } from "./ha/pair.js";
import { drainProviders } from "./drain/providers.js";
import { DrainService } from "./drain/service.js";
import type { Logger } from "./log.js";
import { type BusCounters, ControllerBus } from "./nats/controller-bus.js";
import type { RolloutDefinition } from "./rollout/definition.js";
import { RolloutRunner } from "./rollout/runner.js";
import { RolloutService } from "./rollout/service.js";
import type { AgentKeyring } from "./keys/agent-keyring.js";
import { NotificationService, type NotifyOptions } from "./notify/service.js";
import { type RetentionPolicy, RetentionSweeper, type SweeperOptions } from "./retention/sweeper.js";
import { ScheduledStarts } from "./schedule/service.js";
import { Store } from "./store/index.js";
import { RolloutStore } from "./store/rollouts.js";
import { FarmDrainStore } from "./store/drains.js";
import { WindowStore } from "./store/windows.js";
import { VERSION } from "./version.js";
import { WindowService } from "./windows/service.js";

/** The CLI reads IISFLEET_WARM_STATUS_HOSTS at its edge with this (the warm-up itself is the server's). */
export { warmStatusHosts } from "./api/routes/status-warmup.js";

export interface ControllerOptions {
  natsServers: string[];
  /** The controller's nkey seed and TLS files for NATS; absent: connect without credentials. */
  natsAuth?: NatsClientAuth;
  dbPath: string;
  listenHost: string;
  listenPort: number;
  log: Logger;
  clock?: Clock;
  /** Signs every command; undefined sends them unsigned (development, simulated agents). */
  signingKey?: CommandSigningKey | undefined;
  /**
   * The agents' public keys (`--agent-keys`, a keys dir): only messages signed by the agent they speak for are
   * believed. Undefined: open NATS, agent identities unverified (logged, and shown by `iisfleet hosts` and the UI).
   */
  agentKeys?: AgentKeyring | undefined;
  /**
   * Where the first start writes its admin token (when the database has no token yet). Default: admin.token beside
   * the database file; none for an in-memory database.
   */
  adminTokenFile?: string;
  /** Reverse proxies (IP addresses) whose X-Forwarded-For the audit log believes. */
  trustedProxies?: Iterable<string>;
  /** Forget hosts offline for longer than this, unless an active rollout holds them; undefined: never. */
  expireOfflineMs?: number;
  /** Prune history older than this (controller --retain, --retain-audit); undefined: keep everything. */
  retention?: RetentionPolicy | undefined;
  /** Sweep timing (tests, the retention benchmark). */
  retentionSweeps?: SweeperOptions;
  /** Notification delivery timing (retries, timeouts); defaults suit real webhooks. */
  notify?: NotifyOptions;
  /**
   * One of a standby pair (`controller --ha`): leads only while it holds the JetStream KV lease (ha/lease.ts);
   * otherwise it answers reads and refuses writes with NOT_LEADER. Undefined: a lone controller, as always.
   */
  ha?: HaOptions;
  /**
   * Warm the live status path on synthetic replies once the fleet holds this many hosts (IISFLEET_WARM_STATUS_HOSTS,
   * api/routes/status-warmup.ts); 0: never. Default: none (in-process controllers of tests and benchmarks).
   */
  warmStatusHosts?: number;
}

export interface HaOptions {
  leaseMs?: number;
  replicas?: number;
  bucket?: string;
  /** The API URL standbys name when they refuse a write; default: the address this controller listens on. */
  apiUrl?: string;
  /** Told once this controller stepped down (it never leads again in this process; the CLI exits, to be restarted). */
  onDeposed?: (reason: string) => void;
}

/** The bootstrap admin token's file: beside the database, where the CLI on the same machine looks by default. */
export function defaultAdminTokenFile(dbPath: string): string | undefined {
  return dbPath === ":memory:" ? undefined : join(dirname(dbPath), "admin.token");
}

export interface RunningController {
  url: string;
  store: Store;
  registry: FleetRegistry;
  /** What the NATS edge received, accepted and dropped (tests, diagnostics). */
  busCounters(): Readonly<BusCounters>;
  /** Resolves once NATS has been reached (the controller starts without it and keeps trying). */
  natsConnected(): Promise<void>;
  /** The file this start wrote the bootstrap admin token to; undefined when the database already had tokens. */
  adminTokenFile: string | undefined;
  /** Leadership (always the leader, term 0, without --ha). */
  leadership: Leadership;
  stop(): Promise<void>;
}

/** Opens the store, connects to NATS, serves the API. Stops in reverse order. */
export async function startController(opts: ControllerOptions): Promise<RunningController> {
  const clock = opts.clock ?? systemClock;
  const controllerId = `controller:${randomUUID().slice(0, 8)}`;
  const store = Store.open(opts.dbPath);
  // One of a standby pair starts as a standby: its event log is the leader's, so it writes none of its own — not even
  // what the registry finds on loading (ha/pair.ts unmutes it once it leads).
  if (opts.ha) store.events.mute(true);
  const tokens = new TokenService({ store, clock });
  const tokenFile = opts.adminTokenFile ?? defaultAdminTokenFile(opts.dbPath);
  let adminTokenFile: string | undefined;
  try {
    adminTokenFile = tokenFile !== undefined ? tokens.bootstrap(tokenFile) : undefined;
  } catch (err) {
    store.close();
    throw err;
  }
  // The path only: the token itself is never logged.
  if (adminTokenFile) opts.log.warn({ file: adminTokenFile }, "no API tokens yet: created the admin token bootstrap-admin and wrote it to this file (mode 0600)");
  // In memory, flushed to SQLite every second (see fleet/registry.ts); loaded from it here.
  const agentKeys = opts.agentKeys;
  if (agentKeys) opts.log.info({ agents: agentKeys.size }, "agent messages are verified: only what an agent signs with its own key is believed");
  else opts.log.warn("agent identities are UNVERIFIED (no --agent-keys): anyone who can publish on NATS can answer for any host; see README \"Securing NATS\"");
  // `held` is bound once the rollout store exists (below); the registry only asks about hosts due to expire.
  let held: (name: string) => boolean = () => true;
  const registry = new FleetRegistry(store, clock, {
    log: opts.log,
    detectRenames: agentKeys === undefined,
    ...(opts.expireOfflineMs !== undefined ? { expireOfflineMs: opts.expireOfflineMs, isHeld: (name: string) => held(name) } : {}),
  });
  const bus = new ControllerBus({
    servers: opts.natsServers,
    auth: opts.natsAuth ?? {},
    name: `iisfleet-${controllerId}`,
    registry,
    store,
    clock,
    log: opts.log,
    ...(agentKeys ? { agentKeys } : {}),
  });
  try {
    await bus.start();
  } catch (err) {
    store.close();
    throw err;
  }
  registry.start();
  // Bound to the lease once the API address is known (below); until then a --ha controller stands by.
  let pair: StandbyPair | undefined;
  const leadership = new Leadership(controllerId, opts.ha !== undefined);
  const commands = new CommandService(store, bus, clock, controllerId, registry, opts.signingKey, {
    term: () => leadership.term(),
    // A standby pair sends a command only once its successor could know of it.
    ...(opts.ha ? { beforeSend: () => pair?.replicated() ?? Promise.reject(new Error("this controller does not lead")) } : {}),
  });
  const rolloutStore = new RolloutStore<RolloutDefinition>(store.db);
  held = (name) => rolloutStore.activeHosts().some((h) => h.host === name);
  const windows = new WindowService({
    store,
    windows: new WindowStore(store.db),
    // The registry knows live hosts; a host only in SQLite still has a farm, and windows must apply to it too.
    hosts: { get: (name) => registry.get(name) ?? store.hosts.get(name) },
    clock,
    boundRollouts: (name) => rolloutStore.active().filter((r) => r.definition.window?.name === name).map((r) => r.id),
  });
  // ARR is driven through the agent on the ARR host: signed lbMember commands, like every command.
  const balancers = drainProviders({ lbMembers: commands });
  const drains = new DrainService({
    store,
    drains: new FarmDrainStore(store.db),
    providers: balancers,
    clock,
    farmOf: (name) => (registry.get(name) ?? store.hosts.get(name))?.farm,
    inFlightRollout: (name) => rolloutStore.inFlight().find((h) => h.host === name)?.rolloutId,
  });
  const runner = new RolloutRunner({ store, rollouts: rolloutStore, registry, commands, clock, log: opts.log, windows, drains: balancers });
  const rollouts = new RolloutService(store, rolloutStore, registry, runner, clock, windows, drains);
  const scheduled = new ScheduledStarts({
    store,
    clock,
    log: opts.log,
    reset: { commands, windows, bus },
    rollouts,
    knownHost: (name) => registry.get(name) !== undefined || store.hosts.everKnown(name),
  });
  const notifications = new NotificationService(store, clock, opts.log, opts.notify);
  const retention = new RetentionSweeper(store, clock, opts.log, opts.retention, opts.retentionSweeps);
  const access = new AccessControl({ tokens: store.tokens, audit: store.audit, clock });
  const http = new JsonHttpServer(opts.log, access, new Set(opts.trustedProxies ?? []));
  http.guardWrites(() => leadership.guardWrite());
  registerRoutes(http, { store, registry, commands, bus, rollouts, windows, tokens, drains, retention, notifications, scheduled, version: VERSION, ha: () => leadership.view() });
  // The event stream (WebSocket), dashboard, metrics and OpenAPI description (api/surfaces.ts).
  const surfaces = startOperatorSurfaces(http, { store, registry, bus, version: VERSION, log: opts.log, gate: tokenGate(access) });
  let address;
  try {
    address = await http.listen(opts.listenHost, opts.listenPort);
  } catch (err) {
    await surfaces.close();
    await bus.stop();
    registry.close();
    store.close();
    throw err;
  }
  retention.start();
  // A lone controller notifies from the start, NATS or not: "host offline" matters most when NATS is in trouble.
  if (!opts.ha) notifications.start();
  // After the API is up, so a resumed rollout's progress can be watched from the first moment; and only once NATS
  // is reachable, since resuming asks the agents for the outcome of the commands in flight.
  let stopping = false;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  // What only the leader does: resume and run rollouts, and look for late answers (both send commands).
  const lead = () => {
    if (stopping) return;
    // A result that comes after the controller wrote its command off is still recorded (late).
    commands.startLateWatch();
    runner.start();
    // Starts set for later fire from the leader alone; so do notifications when there is a standby pair.
    scheduled.start();
    if (opts.ha) notifications.start();
  };
  if (opts.ha) {
    const ha = opts.ha;
    pair = new StandbyPair({
      ...(ha.bucket !== undefined ? { bucket: ha.bucket } : {}),
      ...(ha.leaseMs !== undefined ? { leaseMs: ha.leaseMs } : {}),
      ...(ha.replicas !== undefined ? { replicas: ha.replicas } : {}),
      apiUrl: ha.apiUrl ?? url,
      controllerId,
      store,
      connection: () => bus.connection(),
      whenConnected: () => bus.whenConnected(),
      leadership,
      log: opts.log,
      lead: () => {
        opts.log.info("leading: resuming rollouts (in-flight commands are settled by asking their agents)");
        lead();
      },
      standDown: (reason) => {
        // Commands are already refused (the lease says deposed); stop deciding anything more.
        void runner.stop();
        void scheduled.stop();
        void notifications.stop();
        commands.stop();
        ha.onDeposed?.(reason);
      },
    });
    pair.start();
  } else {
    void bus.whenConnected().then(lead);
  }
  const stopWarmup = warmWhenFleetReaches(
    registry,
    opts.warmStatusHosts ?? 0,
    (ms) => opts.log.info({ ms: Math.round(ms) }, "live status path warmed on synthetic replies"),
    (err) => opts.log.warn({ err }, "warming the live status path failed; the first live query runs cold"),
  );
  opts.log.info({ url, db: opts.dbPath, controllerId, nats: bus.isConnected ? "connected" : "not reachable yet", ha: opts.ha ? "standby until it holds the lease" : "off" }, "controller ready");
  return {
    url,
    store,
    registry,
    busCounters: () => ({ ...bus.counters }),
    natsConnected: () => bus.whenConnected(),
    adminTokenFile,
    leadership,
    async stop() {
      stopping = true;
      stopWarmup();
      await retention.stop();
      await notifications.stop();
      await scheduled.stop();
      await runner.stop();
      // Released after the runner stopped deciding: a standby may take over at once.
      await pair?.stop();
      commands.stop();
      await surfaces.close();
      await http.close();
      // Flush first: draining NATS can take a while; heartbeats that arrive meanwhile are flushed by close().
      registry.flush();
      await bus.stop();
      registry.close();
      store.close();
    },
  };
}

