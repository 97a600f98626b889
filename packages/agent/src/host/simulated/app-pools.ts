/**
 * Application pools, their w3wp.exe worker processes, and sites, as WAS runs them. A pool serves only while IIS
 * serves (W3SVC and the core both RUNNING) and its administrator has not stopped it; its workers live until W3SVC or
 * the core is fully STOPPED — a worker draining during STOP_PENDING is still a process the force path may have to
 * kill. A recycle is overlapped (IIS's default, disallowOverlappingRotation false): the new worker takes every new
 * request at once, and the old one leaves only when its requests in flight are done, or when the pool's
 * shutdownTimeLimit (90 s by default) runs out and WAS terminates it. A site serves only while started; its
 * administrative state (Site.Stop / Site.Start) survives an IIS restart, as a stopped site's does.
 *
 * Sites and pools pass through IIS's pending states (ObjectState Starting / Stopping): Stop() and Start() return at
 * once and the object settles later. A site stops once its requests in flight are done (at most the pool's
 * shutdownTimeLimit); a site's start can fail at once (a binding another started site holds: 183; a binding's port
 * another process listens on: 32); a pool's start can end Stopped (WAS could not start it). Per-site and per-pool
 * faults (slow, hung, failing) make the simulator show each of these on demand.
 */
import { ObjectState, SvcState, Win32, Win32Error, bindingPort, type AppPoolInfo, type SiteInfo } from "../port.js";
import type { Catalog, SiteSpec } from "./catalog.js";
import type { PoolFault, SiteFault } from "./faults.js";
import { SimWin32 } from "./errors.js";
import type { ProcessTable } from "./processes.js";
import type { StateChange } from "./scm.js";
import type { TimerHandle, TimerSet } from "./timers.js";

export interface AppPoolOptions {
  readonly catalog: Catalog;
  readonly processes: ProcessTable;
  readonly timers: TimerSet;
  readonly pools: readonly string[];
  /** Pools stopped by their administrator at construction. */
  readonly stoppedPools?: readonly string[];
  readonly sites: readonly SiteSpec[];
  /** The least time an old worker keeps running after its replacement started (overlapped recycle). */
  readonly recycleOverlapMs: number;
  /** processModel.shutdownTimeLimit: how long an old worker may finish its requests before WAS terminates it. */
  readonly shutdownTimeLimitMs: number;
  /** W3SVC and the core both RUNNING. */
  readonly isServing: () => boolean;
  /** How long a site's Stop / Start and a pool's Start take when nothing holds them, ms. */
  readonly siteStopMs: number;
  readonly siteStartMs: number;
  readonly poolStartMs: number;
  /** What a "slow-…" fault multiplies those by. */
  readonly slowFactor: number;
  /** Faults by site / pool name (any case). */
  readonly siteFaults: ReadonlyMap<string, SiteFault>;
  readonly poolFaults: ReadonlyMap<string, PoolFault>;
  /** Binding ports another process (not HTTP.SYS) listens on: a site binding one cannot start (Win32 32). */
  readonly portsInUse: () => ReadonlySet<number>;
}

/**
 * Which site HTTP.SYS gives a request that came in on a binding port: a started site's binding with the request's
 * host name, else a started site's binding with no host name (the catch-all, e.g. Default Web Site's `*:80:`), a
 * binding on the address the request came in on before one on `*`. A host name that only a site not started binds:
 * 404 from HTTP.SYS; one no site binds on that port: 400 "Invalid Hostname".
 */
export type SiteLookup =
  | { kind: "site"; siteId: number; name: string; content: "app" | "static" }
  | { kind: "site-not-started" }
  | { kind: "invalid-hostname" };

/** Where one HTTP request to a site goes, as HTTP.SYS routes it. */
export type SiteRoute =
  | { kind: "no-site" }
  | { kind: "not-serving" }
  | { kind: "site-stopped" }
  | { kind: "pool-stopped"; pool: string }
  | { kind: "served"; pid: number; pool: string; done(): void; alive(): boolean };

interface PoolRecord {
  readonly name: string;
  /** ObjectState. */
  state: number;
  timer?: TimerHandle | undefined;
  /** Oldest first; the last one not draining takes new requests. */
  workers: number[];
  /** Workers told to leave: they take no new request and exit once their requests in flight are done. */
  readonly draining: Set<number>;
  readonly inFlight: Map<number, number>;
}

interface SiteRecord {
  readonly spec: SiteSpec;
  readonly bindings: string[];
  /** ObjectState. */
  state: number;
  inFlight: number;
  /** While Stopping: the least stop time is over (the site still waits for its requests in flight). */
  stopTimeOver: boolean;
  timers: TimerHandle[];
}

const key = (name: string) => name.toUpperCase();

interface ParsedBinding {
  protocol: string;
  ip: string;
  port: number;
  host: string;
}

/** "http/*:80:Shop.Example.com" → { protocol "http", ip "*", port 80, host "shop.example.com" } (host names compare without case). */
function parseBinding(binding: string): ParsedBinding | undefined {
  const slash = binding.indexOf("/");
  const m = /^(\[[^\]]*\]|[^:]*):(\d+):(.*)$/.exec(binding.slice(slash + 1));
  if (slash < 0 || !m) return undefined;
  return { protocol: binding.slice(0, slash).toLowerCase(), ip: m[1] === "" ? "*" : (m[1] as string), port: Number(m[2]), host: (m[3] as string).toLowerCase() };
}

/** The Host header's name: without its port, lower case. */
function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  const colon = h.lastIndexOf(":");
  return colon < 0 ? h : h.slice(0, colon);
}

export class AppPoolManager {
  /** Keyed by upper-case name: IIS compares pool and site names without case. */
  private readonly pools = new Map<string, PoolRecord>();
  private readonly siteRecords: SiteRecord[] = [];
  /** Draining workers, by pid: their timers (cancelled when the worker goes first) and whether the overlap is over. */
  private readonly drains = new Map<number, { overlap?: TimerHandle; limit?: TimerHandle; overlapOver: boolean }>();

  constructor(private readonly o: AppPoolOptions) {
    for (const name of o.pools) {
      if (this.pools.has(key(name))) throw new RangeError(`Duplicate application pool "${name}".`);
      this.pools.set(key(name), { name, state: ObjectState.Started, workers: [], draining: new Set(), inFlight: new Map() });
    }
    for (const name of o.stoppedPools ?? []) this.pool(name, "stoppedPools").state = ObjectState.Stopped;
    for (const site of o.sites) {
      if (!this.pools.has(key(site.appPool))) {
        throw new RangeError(`Site "${site.name}" uses unknown application pool "${site.appPool}".`);
      }
      if (this.siteRecords.some((s) => key(s.spec.name) === key(site.name) || s.spec.id === site.id)) {
        throw new RangeError(`Duplicate site "${site.name}" (id ${site.id}).`);
      }
      const bindings = [...(site.bindings ?? [`http/*:80:${site.name.toLowerCase().replace(/[^a-z0-9.-]/g, "-")}`])];
      this.siteRecords.push({
        spec: site,
        bindings,
        state: site.stopped === true ? ObjectState.Stopped : ObjectState.Started,
        inFlight: 0,
        stopTimeOver: false,
        timers: [],
      });
    }
    for (const name of o.siteFaults.keys()) {
      if (!this.siteRecords.some((s) => key(s.spec.name) === name)) throw new RangeError(`siteFaults: no site "${name}" on this simulated host.`);
    }
    for (const name of o.poolFaults.keys()) {
      if (!this.pools.has(name)) throw new RangeError(`poolFaults: no application pool "${name}" on this simulated host.`);
    }
    if (o.isServing()) this.startMissingWorkers();
  }

  /** Wired to the SCM: workers follow W3SVC and the core; with IIS down, pending sites and pools settle. */
  onServiceChange(change: StateChange): void {
    const { core, web } = this.o.catalog;
    if (change.service !== core && change.service !== web) return;
    if (change.to === SvcState.Stopped) {
      this.stopAllWorkers();
      this.settleAll();
    } else if (this.o.isServing()) this.startMissingWorkers();
  }

  list(): AppPoolInfo[] {
    const serving = this.o.isServing();
    return [...this.pools.values()].map((pool) => ({
      name: pool.name,
      started: serving && pool.state === ObjectState.Started,
      workerPids: [...pool.workers],
      // With W3SVC or WAS down the runtime state cannot be read (Microsoft.Web.Administration throws).
      ...(serving ? { state: pool.state } : {}),
    }));
  }

  sites(): SiteInfo[] {
    const serving = this.o.isServing();
    return this.siteRecords.map((site) => ({
      id: site.spec.id,
      name: site.spec.name,
      appPool: this.pools.get(key(site.spec.appPool))?.name ?? site.spec.appPool,
      started: serving && site.state === ObjectState.Started,
      bindings: [...site.bindings],
      ...(serving ? { state: site.state } : {}),
    }));
  }

  firstPoolName(): string | undefined {
    return this.pools.values().next().value?.name;
  }

  /**
   * Overlapped recycle: the replacement worker exists before the old one is told to leave, so the pool never
   * has zero workers. Unknown pool → 87; pool not Started, or IIS not serving → 1062 (Recycle needs a started pool).
   */
  recycle(name: string): void {
    const pool = this.pool(name, "RecycleAppPool");
    if (!this.o.isServing() || pool.state !== ObjectState.Started) throw new Win32Error(Win32.SERVICE_NOT_ACTIVE, "RecycleAppPool", pool.name);
    const old = pool.workers.filter((pid) => !pool.draining.has(pid));
    this.spawnWorker(pool);
    for (const pid of old) this.retire(pool, pid);
  }

  /**
   * ApplicationPool.Start(): unknown → 87; Started or Starting → 1056; IIS not serving → 1062; still Stopping → 1061.
   * The pool is Starting when the call returns, and Started after poolStartMs — or Stopped again under
   * "start-failure" (WAS could not start it, as with a wrong identity password).
   */
  startPool(name: string): void {
    const pool = this.pool(name, "StartAppPool");
    if (!this.o.isServing()) throw new Win32Error(Win32.SERVICE_NOT_ACTIVE, "StartAppPool", pool.name);
    if (pool.state === ObjectState.Started || pool.state === ObjectState.Starting) throw new Win32Error(Win32.SERVICE_ALREADY_RUNNING, "StartAppPool", pool.name);
    if (pool.state === ObjectState.Stopping) throw new Win32Error(Win32.SERVICE_CANNOT_ACCEPT_CTRL, "StartAppPool", pool.name);
    const fault = this.o.poolFaults.get(key(pool.name));
    pool.state = ObjectState.Starting;
    const ms = this.o.poolStartMs * (fault === "slow-start" ? this.o.slowFactor : 1);
    this.o.timers.cancel(pool.timer);
    pool.timer = this.o.timers.after(ms, () => {
      pool.timer = undefined;
      if (pool.state !== ObjectState.Starting) return;
      if (fault === "start-failure") {
        pool.state = ObjectState.Stopped;
        return;
      }
      pool.state = ObjectState.Started;
      if (this.o.isServing() && pool.workers.every((pid) => pool.draining.has(pid))) this.spawnWorker(pool);
    });
  }

  /**
   * ApplicationPool.Stop() (a simulation control): Stopping while its workers finish their requests and leave, then
   * Stopped (never, under "hung-stop"). Already Stopped or Stopping, or IIS not serving → 1062.
   */
  stopPool(name: string): void {
    const pool = this.pool(name, "StopAppPool");
    if (pool.state === ObjectState.Stopped || pool.state === ObjectState.Stopping || !this.o.isServing()) {
      throw new Win32Error(Win32.SERVICE_NOT_ACTIVE, "StopAppPool", pool.name);
    }
    this.o.timers.cancel(pool.timer);
    pool.state = ObjectState.Stopping;
    for (const pid of [...pool.workers]) if (!pool.draining.has(pid)) this.retire(pool, pid);
    this.settlePoolStop(pool);
  }

  /**
   * Site.Stop(): unknown → 87; Stopped or Stopping (or IIS not serving, so no site runs) → 1062. The site is Stopping
   * when the call returns: it takes no new request at once (its URLs leave HTTP.SYS) and is Stopped once siteStopMs
   * is over and its requests in flight are done — or at its pool's shutdownTimeLimit; never under "hung-stop".
   */
  stopSite(name: string): void {
    const site = this.site(name, "StopSite");
    if (site.state === ObjectState.Stopped || site.state === ObjectState.Stopping || !this.o.isServing()) {
      throw new Win32Error(Win32.SERVICE_NOT_ACTIVE, "StopSite", site.spec.name);
    }
    this.clearSiteTimers(site);
    site.state = ObjectState.Stopping;
    site.stopTimeOver = false;
    const fault = this.o.siteFaults.get(key(site.spec.name));
    if (fault === "hung-stop") return;
    const ms = this.o.siteStopMs * (fault === "slow-stop" ? this.o.slowFactor : 1);
    this.siteTimer(site, ms, () => {
      site.stopTimeOver = true;
      this.settleSiteStop(site);
    });
    this.siteTimer(site, Math.max(ms, this.o.shutdownTimeLimitMs), () => {
      if (site.state === ObjectState.Stopping) this.finishSiteStop(site);
    });
  }

  /**
   * Site.Start(): unknown → 87; IIS not serving → 1062; Started or Starting → 1056; still Stopping → 1061; a binding
   * that another started site has registered with HTTP.SYS → 183 (ERROR_ALREADY_EXISTS, HRESULT 0x800700B7); a
   * binding's port that another process listens on → 32 (ERROR_SHARING_VIOLATION, HRESULT 0x80070020). On a failure
   * the site stays Stopped. Otherwise it is Starting when the call returns and Started after siteStartMs.
   */
  startSite(name: string): void {
    const site = this.site(name, "StartSite");
    if (!this.o.isServing()) throw new Win32Error(Win32.SERVICE_NOT_ACTIVE, "StartSite", site.spec.name);
    if (site.state === ObjectState.Started || site.state === ObjectState.Starting) throw new Win32Error(Win32.SERVICE_ALREADY_RUNNING, "StartSite", site.spec.name);
    if (site.state === ObjectState.Stopping) throw new Win32Error(Win32.SERVICE_CANNOT_ACCEPT_CTRL, "StartSite", site.spec.name);
    const taken = this.siteRecords.find(
      (other) =>
        other !== site &&
        (other.state === ObjectState.Started || other.state === ObjectState.Starting) &&
        other.bindings.some((b) => site.bindings.includes(b)),
    );
    if (taken) throw new Win32Error(Win32.ALREADY_EXISTS, "StartSite", site.spec.name);
    const held = this.o.portsInUse();
    if (site.bindings.some((b) => held.has(bindingPort(b) ?? -1))) throw new Win32Error(Win32.SHARING_VIOLATION, "StartSite", site.spec.name);
    this.clearSiteTimers(site);
    site.state = ObjectState.Starting;
    const fault = this.o.siteFaults.get(key(site.spec.name));
    this.siteTimer(site, this.o.siteStartMs * (fault === "slow-start" ? this.o.slowFactor : 1), () => {
      if (site.state === ObjectState.Starting) site.state = ObjectState.Started;
    });
  }

  /**
   * One request to a site, routed as HTTP.SYS does: to the pool's newest worker (WAS starts one on demand when the
   * pool has none). A site that is not Started has no URL registered (404); a pool that is Stopping or Stopped has
   * no worker to take it (503). The caller says `done()` when the response is written; an old worker, and a site
   * that is Stopping, wait for that.
   */
  route(siteId: number): SiteRoute {
    const site = this.siteRecords.find((s) => s.spec.id === siteId);
    if (!site) return { kind: "no-site" };
    if (!this.o.isServing()) return { kind: "not-serving" };
    if (site.state !== ObjectState.Started) return { kind: "site-stopped" };
    const pool = this.pools.get(key(site.spec.appPool)) as PoolRecord;
    if (pool.state === ObjectState.Stopped || pool.state === ObjectState.Stopping) return { kind: "pool-stopped", pool: pool.name };
    let pid = [...pool.workers].reverse().find((p) => !pool.draining.has(p));
    if (pid === undefined) pid = this.spawnWorker(pool);
    const worker = pid;
    pool.inFlight.set(worker, (pool.inFlight.get(worker) ?? 0) + 1);
    site.inFlight += 1;
    let finished = false;
    return {
      kind: "served",
      pid: worker,
      pool: pool.name,
      alive: () => this.o.processes.has(worker) && pool.workers.includes(worker),
      done: () => {
        if (finished) return;
        finished = true;
        site.inFlight = Math.max(0, site.inFlight - 1);
        this.settleSiteStop(site);
        const left = (pool.inFlight.get(worker) ?? 1) - 1;
        if (left > 0) pool.inFlight.set(worker, left);
        else pool.inFlight.delete(worker);
        if (left <= 0 && this.drains.get(worker)?.overlapOver === true) this.removeWorker(worker);
      },
    };
  }

  /** See SiteLookup. `hostHeader` as the client sent it (any case, with or without its port). */
  lookup(port: number, localAddress: string, hostHeader: string): SiteLookup {
    const host = hostName(hostHeader);
    const address = localAddress.replace(/^::ffff:/, "");
    const http = (site: SiteRecord) =>
      site.bindings.map(parseBinding).filter((b): b is ParsedBinding => b !== undefined && b.protocol === "http" && b.port === port && (b.ip === "*" || b.ip === address));
    const rank = (site: SiteRecord): number => {
      let best = 0;
      for (const b of http(site)) {
        const score = b.host === host ? (b.ip === "*" ? 3 : 4) : b.host === "" ? (b.ip === "*" ? 1 : 2) : 0;
        best = Math.max(best, score);
      }
      return best;
    };
    let winner: { site: SiteRecord; score: number } | undefined;
    for (const site of this.siteRecords) {
      if (site.state !== ObjectState.Started) continue;
      const score = rank(site);
      if (score > 0 && (winner === undefined || score > winner.score)) winner = { site, score };
    }
    if (winner) return { kind: "site", siteId: winner.site.spec.id, name: winner.site.spec.name, content: winner.site.spec.content ?? "app" };
    return this.siteRecords.some((site) => rank(site) > 0) ? { kind: "site-not-started" } : { kind: "invalid-hostname" };
  }

  siteContent(siteId: number): "app" | "static" {
    return this.siteRecords.find((s) => s.spec.id === siteId)?.spec.content ?? "app";
  }

  /** Where a site's requests come in: its http bindings' ports and host names (empty: any host name). */
  httpBindings(siteId: number): { port: number; host: string }[] {
    const site = this.siteRecords.find((s) => s.spec.id === siteId);
    return (site?.bindings ?? []).map(parseBinding).filter((b): b is ParsedBinding => b?.protocol === "http").map((b) => ({ port: b.port, host: b.host }));
  }

  /** Requests in flight on a site (a Stopping site waits for them). */
  siteInFlight(name: string): number {
    return this.site(name, "SiteInFlight").inFlight;
  }

  private settleSiteStop(site: SiteRecord): void {
    if (site.state === ObjectState.Stopping && site.stopTimeOver && site.inFlight === 0) this.finishSiteStop(site);
  }

  private finishSiteStop(site: SiteRecord): void {
    this.clearSiteTimers(site);
    site.state = ObjectState.Stopped;
  }

  private settlePoolStop(pool: PoolRecord): void {
    if (pool.state !== ObjectState.Stopping || pool.workers.length > 0) return;
    if (this.o.poolFaults.get(key(pool.name)) === "hung-stop") return;
    pool.state = ObjectState.Stopped;
  }

  /** IIS stopped: nothing is pending any more; each site and pool keeps the state its administrator asked for. */
  private settleAll(): void {
    for (const site of this.siteRecords) {
      this.clearSiteTimers(site);
      if (site.state === ObjectState.Stopping) site.state = ObjectState.Stopped;
      if (site.state === ObjectState.Starting) site.state = ObjectState.Started;
    }
    for (const pool of this.pools.values()) {
      this.o.timers.cancel(pool.timer);
      pool.timer = undefined;
      if (pool.state === ObjectState.Stopping) pool.state = ObjectState.Stopped;
      if (pool.state === ObjectState.Starting) pool.state = this.o.poolFaults.get(key(pool.name)) === "start-failure" ? ObjectState.Stopped : ObjectState.Started;
    }
  }

  private siteTimer(site: SiteRecord, ms: number, fn: () => void): void {
    const handle = this.o.timers.after(ms, fn);
    if (handle !== undefined) site.timers.push(handle);
  }

  private clearSiteTimers(site: SiteRecord): void {
    for (const t of site.timers.splice(0)) this.o.timers.cancel(t);
  }

  /** Requests in flight on a worker (tests watch an old worker finish its own). */
  inFlight(pid: number): number {
    for (const pool of this.pools.values()) if (pool.workers.includes(pid)) return pool.inFlight.get(pid) ?? 0;
    return 0;
  }

  /** Removes a worker from its pool and the process table; false when the pid is no pool's worker. */
  removeWorker(pid: number): boolean {
    for (const pool of this.pools.values()) {
      const index = pool.workers.indexOf(pid);
      if (index < 0) continue;
      pool.workers.splice(index, 1);
      pool.draining.delete(pid);
      pool.inFlight.delete(pid);
      this.cancelDrain(pid);
      this.o.processes.exit(pid);
      this.settlePoolStop(pool);
      return true;
    }
    return false;
  }

  /**
   * The old worker takes no new request; it leaves after the overlap once its requests are done, and at the
   * shutdown time limit whatever it is doing (WAS terminates it).
   */
  private retire(pool: PoolRecord, pid: number): void {
    pool.draining.add(pid);
    const drain: { overlap?: TimerHandle; limit?: TimerHandle; overlapOver: boolean } = { overlapOver: false };
    this.drains.set(pid, drain);
    const overlap = this.o.timers.after(this.o.recycleOverlapMs, () => {
      drain.overlapOver = true;
      if ((pool.inFlight.get(pid) ?? 0) === 0) this.removeWorker(pid);
    });
    const limit = this.o.timers.after(Math.max(this.o.shutdownTimeLimitMs, this.o.recycleOverlapMs), () => this.removeWorker(pid));
    if (overlap !== undefined) drain.overlap = overlap;
    if (limit !== undefined) drain.limit = limit;
  }

  private cancelDrain(pid: number): void {
    const drain = this.drains.get(pid);
    this.o.timers.cancel(drain?.overlap);
    this.o.timers.cancel(drain?.limit);
    this.drains.delete(pid);
  }

  private pool(name: string, operation: string): PoolRecord {
    const pool = this.pools.get(key(name));
    if (!pool) throw new Win32Error(SimWin32.INVALID_PARAMETER, operation, name);
    return pool;
  }

  private site(name: string, operation: string): SiteRecord {
    const site = this.siteRecords.find((s) => key(s.spec.name) === key(name));
    if (!site) throw new Win32Error(SimWin32.INVALID_PARAMETER, operation, name);
    return site;
  }

  private startMissingWorkers(): void {
    for (const pool of this.pools.values()) {
      if (pool.state === ObjectState.Started && pool.workers.every((pid) => pool.draining.has(pid))) this.spawnWorker(pool);
    }
  }

  private stopAllWorkers(): void {
    for (const pid of [...this.drains.keys()]) this.cancelDrain(pid);
    for (const pool of this.pools.values()) {
      for (const pid of pool.workers) this.o.processes.exit(pid);
      pool.workers = [];
      pool.draining.clear();
      pool.inFlight.clear();
    }
  }

  private spawnWorker(pool: PoolRecord): number {
    const process = this.o.processes.spawn(this.o.catalog.workerImage, this.o.catalog.workerModules, {
      kind: "worker",
      pool: pool.name,
    });
    pool.workers.push(process.pid);
    return process.pid;
  }
}
