import type { Db } from "./db.js";

export interface ServiceFact {
  name: string;
  state: string;
  pid: number;
}

export interface AppPoolFact {
  name: string;
  started: boolean;
  workerPids: number[];
}

/** An IIS site as its host last reported it (HostFacts.sites). */
export interface SiteFact {
  name: string;
  id: number;
  started: boolean;
  bindings: string[];
  appPool: string;
}

export interface LastResetFact {
  commandId: string;
  outcome: string;
  code: string;
  finishedAtMs: number;
}

export interface HostRow {
  name: string;
  farm: string;
  tags: Record<string, string>;
  adapter: string;
  iisGeneration: number;
  agentVersion: string;
  instanceId: string;
  cordoned: boolean;
  busyCommandId: string;
  services: ServiceFact[];
  appPools: AppPoolFact[];
  /** Added with schema 17; absent in rows built by code that does not report sites. */
  sites?: SiteFact[];
  counters: Record<string, number>;
  heartbeatMs: number;
  firstSeenMs: number;
  lastSeenMs: number;
  // Added with schema 3. Optional so that rows built before them (and by code that does not care) stay valid.
  /** The liveness the registry last recorded as an event: "online", "stale" or "offline". */
  liveness?: string;
  /** Set when this host's agent instance has since reported under another name. */
  renamedTo?: string;
  /** "healthy", "unhealthy" or "" (not probed). */
  health?: string;
  cordonReason?: string;
  lastReset?: LastResetFact | null;
  uptimeMs?: number;
}

interface RawHost {
  name: string;
  farm: string;
  tags_json: string;
  adapter: string;
  iis_generation: number;
  agent_version: string;
  instance_id: string;
  cordoned: number;
  busy_command_id: string;
  services_json: string;
  app_pools_json: string;
  sites_json: string;
  counters_json: string;
  heartbeat_ms: number;
  first_seen_ms: number;
  last_seen_ms: number;
  liveness: string;
  renamed_to: string;
  health: string;
  cordon_reason: string;
  last_reset_json: string;
  uptime_ms: number;
}

export class HostStore {
  private readonly getStmt;
  private readonly isKnownStmt;
  private readonly knownStmt;
  private readonly allStmt;
  private readonly upsertStmt;
  private readonly forgetStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], RawHost>("SELECT * FROM hosts WHERE name = ? AND forgotten_ms = 0");
    this.isKnownStmt = db.prepare<[string], { one: number }>("SELECT 1 AS one FROM hosts WHERE name = ? AND forgotten_ms = 0");
    this.knownStmt = db.prepare<[string], { n: number }>("SELECT 1 AS n FROM hosts WHERE name = ?");
    this.allStmt = db.prepare<[], RawHost>("SELECT * FROM hosts WHERE forgotten_ms = 0 ORDER BY farm, name");
    this.forgetStmt = db.prepare<[number, string]>("UPDATE hosts SET forgotten_ms = ? WHERE name = ? AND forgotten_ms = 0");
    this.upsertStmt = db.prepare(`
      INSERT INTO hosts (name, farm, tags_json, adapter, iis_generation, agent_version, instance_id, cordoned,
                         busy_command_id, services_json, app_pools_json, sites_json, counters_json, heartbeat_ms, first_seen_ms, last_seen_ms,
                         liveness, renamed_to, health, cordon_reason, last_reset_json, uptime_ms)
      VALUES (@name, @farm, @tags_json, @adapter, @iis_generation, @agent_version, @instance_id, @cordoned,
              @busy_command_id, @services_json, @app_pools_json, @sites_json, @counters_json, @heartbeat_ms, @first_seen_ms, @last_seen_ms,
              @liveness, @renamed_to, @health, @cordon_reason, @last_reset_json, @uptime_ms)
      -- forgotten_ms is left at its default (0) for a new row and reset to 0 below: a host that reports is known again.
      ON CONFLICT(name) DO UPDATE SET
        farm = excluded.farm, tags_json = excluded.tags_json, adapter = excluded.adapter,
        iis_generation = excluded.iis_generation, agent_version = excluded.agent_version,
        instance_id = excluded.instance_id, cordoned = excluded.cordoned, busy_command_id = excluded.busy_command_id,
        services_json = excluded.services_json, app_pools_json = excluded.app_pools_json, sites_json = excluded.sites_json,
        counters_json = excluded.counters_json, heartbeat_ms = excluded.heartbeat_ms, last_seen_ms = excluded.last_seen_ms,
        liveness = excluded.liveness, renamed_to = excluded.renamed_to, health = excluded.health,
        cordon_reason = excluded.cordon_reason, last_reset_json = excluded.last_reset_json, uptime_ms = excluded.uptime_ms,
        forgotten_ms = 0`);
  }

  /** A host the fleet knows now (forgotten hosts are not). */
  get(name: string): HostRow | undefined {
    const raw = this.getStmt.get(name);
    return raw ? toHost(raw) : undefined;
  }

  /** Whether `get` would find the host, without reading (and decoding) its facts: a command's foreign key check. */
  isKnown(name: string): boolean {
    return this.isKnownStmt.get(name) !== undefined;
  }

  /** Whether the name ever reported, forgotten or not: its history is still there. */
  everKnown(name: string): boolean {
    return this.knownStmt.get(name) !== undefined;
  }

  all(): HostRow[] {
    return this.allStmt.all().map(toHost);
  }

  /** Leaves the host out of the fleet (its rows and history stay); false when it is unknown or already forgotten. */
  forget(name: string, atMs: number): boolean {
    return this.forgetStmt.run(atMs, name).changes === 1;
  }

  upsert(h: HostRow): void {
    this.upsertStmt.run({
      name: h.name,
      farm: h.farm,
      tags_json: JSON.stringify(h.tags),
      adapter: h.adapter,
      iis_generation: h.iisGeneration,
      agent_version: h.agentVersion,
      instance_id: h.instanceId,
      cordoned: h.cordoned ? 1 : 0,
      busy_command_id: h.busyCommandId,
      services_json: JSON.stringify(h.services),
      app_pools_json: JSON.stringify(h.appPools),
      sites_json: JSON.stringify(h.sites ?? []),
      counters_json: JSON.stringify(h.counters),
      heartbeat_ms: h.heartbeatMs,
      first_seen_ms: h.firstSeenMs,
      last_seen_ms: h.lastSeenMs,
      liveness: h.liveness ?? "online",
      renamed_to: h.renamedTo ?? "",
      health: h.health ?? "",
      cordon_reason: h.cordonReason ?? "",
      last_reset_json: JSON.stringify(h.lastReset ?? null),
      uptime_ms: h.uptimeMs ?? 0,
    });
  }
}

function toHost(r: RawHost): HostRow {
  return {
    name: r.name,
    farm: r.farm,
    tags: JSON.parse(r.tags_json) as Record<string, string>,
    adapter: r.adapter,
    iisGeneration: r.iis_generation,
    agentVersion: r.agent_version,
    instanceId: r.instance_id,
    cordoned: r.cordoned === 1,
    busyCommandId: r.busy_command_id,
    services: JSON.parse(r.services_json) as ServiceFact[],
    appPools: JSON.parse(r.app_pools_json) as AppPoolFact[],
    sites: JSON.parse(r.sites_json) as SiteFact[],
    counters: JSON.parse(r.counters_json) as Record<string, number>,
    heartbeatMs: r.heartbeat_ms,
    firstSeenMs: r.first_seen_ms,
    lastSeenMs: r.last_seen_ms,
    liveness: r.liveness,
    renamedTo: r.renamed_to,
    health: r.health,
    cordonReason: r.cordon_reason,
    lastReset: JSON.parse(r.last_reset_json) as LastResetFact | null,
    uptimeMs: r.uptime_ms,
  };
}
