/**
 * Application pools, their w3wp.exe worker processes, and sites, as WAS runs them. A pool serves only while IIS
 * serves (W3SVC and the core both RUNNING) and its administrator has not stopped it; its workers live until W3SVC or
 * the core is fully STOPPED — a worker draining during STOP_PENDING is still a process the force path may have to
 * kill. A recycle is overlapped (IIS's default, disallowOverlappingRotation false): the new worker takes every new
 * request at once, and the old one leaves only when its requests in flight are done, or when the pool's
 * shutdownTimeLimit (90 s by default) runs out and WAS terminates it. A site serves only while started; its
 * administrative state (Site.Stop / Site.Start) survives an IIS restart, as a stopped site's does.
 */
import { SvcState, Win32, Win32Error, type AppPoolInfo, type SiteInfo } from "../port.js";
import type { Catalog, SiteSpec } from "./catalog.js";
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
}

/** Where one HTTP request to a site goes, as HTTP.SYS routes it. */
export type SiteRoute =
  | { kind: "no-site" }
  | { kind: "not-serving" }
  | { kind: "site-stopped" }
  | { kind: "pool-stopped"; pool: string }
  | { kind: "served"; pid: number; pool: string; done(): void; alive(): boolean };

interface PoolRecord {
  readonly name: string;
  stopped: boolean;
  /** Oldest first; the last one not draining takes new requests. */
  workers: number[];
  /** Workers told to leave: they take no new request and exit once their requests in flight are done. */
  readonly draining: Set<number>;
  readonly inFlight: Map<number, number>;
}

interface SiteRecord {
  readonly spec: SiteSpec;
  readonly bindings: string[];
  stopped: boolean;
}

const key = (name: string) => name.toUpperCase();

export class AppPoolManager {
  /** Keyed by upper-case name: IIS compares pool and site names without case. */
  private readonly pools = new Map<string, PoolRecord>();
  private readonly siteRecords: SiteRecord[] = [];
  /** Draining workers, by pid: their timers (cancelled when the worker goes first) and whether the overlap is over. */
  private readonly drains = new Map<number, { overlap?: TimerHandle; limit?: TimerHandle; overlapOver: boolean }>();

  constructor(private readonly o: AppPoolOptions) {
    for (const name of o.pools) {
      if (this.pools.has(key(name))) throw new RangeError(`Duplicate application pool "${name}".`);
      this.pools.set(key(name), { name, stopped: false, workers: [], draining: new Set(), inFlight: new Map() });
    }
    for (const name of o.stoppedPools ?? []) this.pool(name, "stoppedPools").stopped = true;
    for (const site of o.sites) {
      if (!this.pools.has(key(site.appPool))) {
        throw new RangeError(`Site "${site.name}" uses unknown application pool "${site.appPool}".`);
      }
      if (this.siteRecords.some((s) => key(s.spec.name) === key(site.name) || s.spec.id === site.id)) {
        throw new RangeError(`Duplicate site "${site.name}" (id ${site.id}).`);
      }
      const bindings = [...(site.bindings ?? [`http/*:80:${site.name.toLowerCase().replace(/[^a-z0-9.-]/g, "-")}`])];
      this.siteRecords.push({ spec: site, bindings, stopped: site.stopped === true });
    }
    if (o.isServing()) this.startMissingWorkers();
  }

  /** Wired to the SCM: workers follow W3SVC and the core. */
  onServiceChange(change: StateChange): void {
    const { core, web } = this.o.catalog;
    if (change.service !== core && change.service !== web) return;
    if (change.to === SvcState.Stopped) this.stopAllWorkers();
    else if (this.o.isServing()) this.startMissingWorkers();
  }

  list(): AppPoolInfo[] {
    const serving = this.o.isServing();
    return [...this.pools.values()].map((pool) => ({ name: pool.name, started: serving && !pool.stopped, workerPids: [...pool.workers] }));
  }

  sites(): SiteInfo[] {
    const serving = this.o.isServing();
    return this.siteRecords.map((site) => ({
      id: site.spec.id,
      name: site.spec.name,
      appPool: this.pools.get(key(site.spec.appPool))?.name ?? site.spec.appPool,
      started: serving && !site.stopped,
      bindings: [...site.bindings],
    }));
  }

  firstPoolName(): string | undefined {
    return this.pools.values().next().value?.name;
  }

  /**
   * Overlapped recycle: the replacement worker exists before the old one is told to leave, so the pool never
   * has zero workers. Unknown pool → 87; pool stopped, or IIS not serving → 1062 (Recycle needs a started pool).
   */
  recycle(name: string): void {
    const pool = this.pool(name, "RecycleAppPool");
    if (!this.o.isServing() || pool.stopped) throw new Win32Error(Win32.SERVICE_NOT_ACTIVE, "RecycleAppPool", pool.name);
    const old = pool.workers.filter((pid) => !pool.draining.has(pid));
    this.spawnWorker(pool);
    for (const pid of old) this.retire(pool, pid);
  }

  /** ApplicationPool.Start(): unknown → 87; already started → 1056; IIS not serving → 1062. */
  startPool(name: string): void {
    const pool = this.pool(name, "StartAppPool");
    if (!this.o.isServing()) throw new Win32Error(Win32.SERVICE_NOT_ACTIVE, "StartAppPool", pool.name);
    if (!pool.stopped) throw new Win32Error(Win32.SERVICE_ALREADY_RUNNING, "StartAppPool", pool.name);
    pool.stopped = false;
    if (pool.workers.every((pid) => pool.draining.has(pid))) this.spawnWorker(pool);
  }

  /** ApplicationPool.Stop() (a simulation control): its workers finish their requests and leave. Stopped → 1062. */
  stopPool(name: string): void {
    const pool = this.pool(name, "StopAppPool");
    if (pool.stopped || !this.o.isServing()) throw new Win32Error(Win32.SERVICE_NOT_ACTIVE, "StopAppPool", pool.name);
    pool.stopped = true;
    for (const pid of [...pool.workers]) if (!pool.draining.has(pid)) this.retire(pool, pid);
  }

  /** Site.Stop(): unknown → 87; already stopped (or IIS not serving, so no site runs) → 1062. */
  stopSite(name: string): void {
    const site = this.site(name, "StopSite");
    if (site.stopped || !this.o.isServing()) throw new Win32Error(Win32.SERVICE_NOT_ACTIVE, "StopSite", site.spec.name);
    site.stopped = true;
  }

  /**
   * Site.Start(): unknown → 87; IIS not serving → 1062; already started → 1056; a binding that another started site
   * has registered with HTTP.SYS → 183 (ERROR_ALREADY_EXISTS, the HRESULT 0x800700B7 IIS answers).
   */
  startSite(name: string): void {
    const site = this.site(name, "StartSite");
    if (!this.o.isServing()) throw new Win32Error(Win32.SERVICE_NOT_ACTIVE, "StartSite", site.spec.name);
    if (!site.stopped) throw new Win32Error(Win32.SERVICE_ALREADY_RUNNING, "StartSite", site.spec.name);
    const taken = this.siteRecords.find((other) => other !== site && !other.stopped && other.bindings.some((b) => site.bindings.includes(b)));
    if (taken) throw new Win32Error(Win32.ALREADY_EXISTS, "StartSite", site.spec.name);
    site.stopped = false;
  }

  /**
   * One request to a site, routed as HTTP.SYS does: to the pool's newest worker (WAS starts one on demand when the
   * pool has none). The caller says `done()` when the response is written; an old worker waits for that.
   */
  route(siteId: number): SiteRoute {
    const site = this.siteRecords.find((s) => s.spec.id === siteId);
    if (!site) return { kind: "no-site" };
    if (!this.o.isServing()) return { kind: "not-serving" };
    if (site.stopped) return { kind: "site-stopped" };
    const pool = this.pools.get(key(site.spec.appPool)) as PoolRecord;
    if (pool.stopped) return { kind: "pool-stopped", pool: pool.name };
    let pid = [...pool.workers].reverse().find((p) => !pool.draining.has(p));
    if (pid === undefined) pid = this.spawnWorker(pool);
    const worker = pid;
    pool.inFlight.set(worker, (pool.inFlight.get(worker) ?? 0) + 1);
    let finished = false;
    return {
      kind: "served",
      pid: worker,
      pool: pool.name,
      alive: () => this.o.processes.has(worker) && pool.workers.includes(worker),
      done: () => {
        if (finished) return;
        finished = true;
        const left = (pool.inFlight.get(worker) ?? 1) - 1;
        if (left > 0) pool.inFlight.set(worker, left);
        else pool.inFlight.delete(worker);
        if (left <= 0 && this.drains.get(worker)?.overlapOver === true) this.removeWorker(worker);
      },
    };
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
      if (!pool.stopped && pool.workers.every((pid) => pool.draining.has(pid))) this.spawnWorker(pool);
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
