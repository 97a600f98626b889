/**
 * Application pools, their w3wp.exe worker processes, and sites. A pool is started only while IIS serves (W3SVC
 * and the core both RUNNING); its worker lives until W3SVC or the core is fully STOPPED — a worker draining
 * during STOP_PENDING is still a process the force path may have to kill.
 */
import { SvcState, Win32, Win32Error, type AppPoolInfo } from "../port.js";
import type { Catalog, SiteSpec } from "./catalog.js";
import { SimWin32 } from "./errors.js";
import type { ProcessTable } from "./processes.js";
import type { StateChange } from "./scm.js";
import type { TimerHandle, TimerSet } from "./timers.js";

export interface SiteInfo {
  id: number;
  name: string;
  appPool: string;
  started: boolean;
}

export interface AppPoolOptions {
  readonly catalog: Catalog;
  readonly processes: ProcessTable;
  readonly timers: TimerSet;
  readonly pools: readonly string[];
  readonly sites: readonly SiteSpec[];
  /** How long the old worker keeps running after its replacement started (overlapped recycle). */
  readonly recycleOverlapMs: number;
  /** W3SVC and the core both RUNNING. */
  readonly isServing: () => boolean;
}

interface PoolRecord {
  readonly name: string;
  workers: number[];
}

export class AppPoolManager {
  /** Keyed by lower-case name: IIS compares pool names case-insensitively. */
  private readonly pools = new Map<string, PoolRecord>();
  private readonly drains = new Set<TimerHandle>();

  constructor(private readonly o: AppPoolOptions) {
    for (const name of o.pools) {
      if (this.pools.has(name.toLowerCase())) throw new RangeError(`Duplicate application pool "${name}".`);
      this.pools.set(name.toLowerCase(), { name, workers: [] });
    }
    for (const site of o.sites) {
      if (!this.pools.has(site.appPool.toLowerCase())) {
        throw new RangeError(`Site "${site.name}" uses unknown application pool "${site.appPool}".`);
      }
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
    const started = this.o.isServing();
    return [...this.pools.values()].map((pool) => ({ name: pool.name, started, workerPids: [...pool.workers] }));
  }

  sites(): SiteInfo[] {
    const started = this.o.isServing();
    return this.o.sites.map((site) => ({ id: site.id, name: site.name, appPool: site.appPool, started }));
  }

  firstPoolName(): string | undefined {
    return this.pools.values().next().value?.name;
  }

  /**
   * Overlapped recycle: the replacement worker exists before the old one is told to leave, so the pool never
   * has zero workers. Unknown pool → 87; pool not started (IIS not serving) → 1062.
   */
  recycle(name: string): void {
    const pool = this.pools.get(name.toLowerCase());
    if (!pool) throw new Win32Error(SimWin32.INVALID_PARAMETER, "RecycleAppPool", name);
    if (!this.o.isServing()) throw new Win32Error(Win32.SERVICE_NOT_ACTIVE, "RecycleAppPool", pool.name);
    const old = [...pool.workers];
    this.spawnWorker(pool);
    for (const pid of old) {
      const handle = this.o.timers.after(this.o.recycleOverlapMs, () => {
        if (handle !== undefined) this.drains.delete(handle);
        this.removeWorker(pid);
      });
      if (handle !== undefined) this.drains.add(handle);
    }
  }

  /** Removes a worker from its pool and the process table; false when the pid is no pool's worker. */
  removeWorker(pid: number): boolean {
    for (const pool of this.pools.values()) {
      const index = pool.workers.indexOf(pid);
      if (index < 0) continue;
      pool.workers.splice(index, 1);
      this.o.processes.exit(pid);
      return true;
    }
    return false;
  }

  private startMissingWorkers(): void {
    for (const pool of this.pools.values()) {
      if (pool.workers.length === 0) this.spawnWorker(pool);
    }
  }

  private stopAllWorkers(): void {
    for (const handle of this.drains) this.o.timers.cancel(handle);
    this.drains.clear();
    for (const pool of this.pools.values()) {
      for (const pid of pool.workers) this.o.processes.exit(pid);
      pool.workers = [];
    }
  }

  private spawnWorker(pool: PoolRecord): void {
    const process = this.o.processes.spawn(this.o.catalog.workerImage, this.o.catalog.workerModules, {
      kind: "worker",
      pool: pool.name,
    });
    pool.workers.push(process.pid);
  }
}
