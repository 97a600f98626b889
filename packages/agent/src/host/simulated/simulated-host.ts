/**
 * The simulated HostPort: a Windows-like box running IIS, used by tests and the demo. It composes the SCM
 * (scm.ts), the process table (processes.ts) and the application pools (app-pools.ts), and routes the current
 * fault profile (faults.ts) into them. Transitions take real time (setTimeout); timestamps come from the
 * injected Clock so the agents' own measurements stay comparable.
 */
import {
  SvcState,
  Win32,
  Win32Error,
  systemClock,
  type AppPoolInfo,
  type Clock,
  type HostPort,
  type IisGenerationName,
  type ProcessInfo,
  type ProcessRef,
  ProcessGoneError,
  type ResetEventEntry,
  type SiteInfo,
} from "../port.js";
import { type LbMemberActionName, type LbMemberInfo, LbMemberError } from "../lb-member.js";
import { AppPoolManager, type SiteLookup, type SiteRoute } from "./app-pools.js";
import type { SimulatedArr } from "./arr-farm.js";
import {
  DEFAULT_APP_POOLS,
  DEFAULT_SITES,
  catalogFor,
  type Catalog,
  type ServiceSpec,
  type SiteSpec,
} from "./catalog.js";
import { type HostCallFailureKind, SimulatedCallError, tookEffect } from "./errors.js";
import {
  FAULT_PROFILES,
  POOL_FAULTS,
  SITE_FAULTS,
  faultMap,
  parseFaultName,
  startBehaviorFor,
  stopBehaviorFor,
  type FaultName,
  type FaultProfile,
  type PoolFault,
  type SiteFault,
  type StopBehavior,
} from "./faults.js";
import { ProcessTable, type SimProcess } from "./processes.js";
import { ServiceControlManager, type ServiceTiming, type SimServiceInfo, type StateChange } from "./scm.js";
import { TimerSet } from "./timers.js";

/** Per-service timing overrides (keys are service names, case-insensitive). */
export interface ServiceOverrides {
  startMs?: number;
  stopMs?: number;
  startTimeoutMs?: number;
  /** How this service's stops end, whatever the fault profile (any service, not only IIS ones). */
  stop?: StopBehavior;
}

export interface SimulatedHostOptions {
  /** Which IIS the box runs. Default "iis7plus". */
  generation?: IisGenerationName;
  /** Fault profile at construction; switch later with `setFault`. Default "none". */
  fault?: FaultName;
  /** Source of every timestamp (stateLog). Default systemClock. Timers are always real. */
  clock?: Clock;
  /** Time a normal stop takes, ms. Default 300. */
  stopMs?: number;
  /** Time a normal start takes, ms. Default 300. */
  startMs?: number;
  /** Checkpoint interval while pending, ms. Default max(5, min(startMs, stopMs) / 4) per service. */
  checkpointMs?: number;
  /** How long a start that shows no progress may pend before ending STOPPED with 1053. Default 3 × startMs. */
  startTimeoutMs?: number;
  /** Stop duration multiplier under "slow-stop". Default 10. */
  slowStopFactor?: number;
  /** Least overlap of old and new worker during a recycle, ms. Default 50. */
  recycleOverlapMs?: number;
  /**
   * processModel.shutdownTimeLimit, ms: how long an old worker may finish its requests in flight after a recycle
   * before WAS terminates it. Default 90,000 (IIS's default).
   */
  shutdownTimeLimitMs?: number;
  /** Application pools stopped by their administrator at construction (they have no worker; their sites answer 503). */
  stoppedPools?: readonly string[];
  /** How long Site.Stop takes to reach Stopped when no request holds it, ms. Default 30. */
  siteStopMs?: number;
  /** How long Site.Start takes to reach Started, ms. Default 30. */
  siteStartMs?: number;
  /** How long ApplicationPool.Start takes to reach Started, ms. Default 30. */
  poolStartMs?: number;
  /** Per-site faults by site name: "slow-stop", "hung-stop", "slow-start" (slow = slowStopFactor times as long). */
  siteFaults?: Readonly<Record<string, SiteFault>>;
  /** Per-pool faults by pool name: "slow-start", "start-failure", "hung-stop". */
  poolFaults?: Readonly<Record<string, PoolFault>>;
  /**
   * Binding ports that another process (not HTTP.SYS: Skype, a second web server) listens on: a site with a binding on
   * one of them fails Site.Start with Win32 32. Change later with `setPortInUse`.
   */
  portsInUse?: readonly number[];
  services?: Readonly<Record<string, ServiceOverrides>>;
  /**
   * Services RUNNING at construction (their dependencies are added; RPCSS always runs). Default: the catalog's
   * defaults — everything except NetMsmqActivator (IIS 7+) / SMTPSVC (IIS 6).
   */
  running?: readonly string[];
  /** Disabled services: StartService fails with 1058, and a dependent's start with 1068. */
  disabled?: readonly string[];
  /** Default: DefaultAppPool, ShopAppPool, ApiAppPool. */
  appPools?: readonly string[];
  /** Default: one site per default pool. Every site's pool must exist. */
  sites?: readonly SiteSpec[];
  /** IIS Application Request Routing on this host (an ARR host); default none. */
  arr?: SimulatedArr;
  /** IIS 7+ only: the "IIS 6 Metabase Compatibility" feature, i.e. IISADMIN and SMTPSVC in inetinfo.exe. */
  iis6Compat?: boolean;
  /**
   * What one host call costs, ms, before it acts (the Windows adapter pays a PowerShell round trip per call).
   * Default 0. Deadlines the engine keeps must hold with it.
   */
  callMs?: number;
  /**
   * Windows reuses pids: with this on, a freed pid goes to the next process at once, and an unrelated process
   * (WmiPrvSE.exe) starts on every pid that is freed — so a pid listed a moment ago may name another process.
   */
  pidReuse?: boolean;
}

/** A failure to inject into the next matching host call (see SimulatedHost.failCall). */
export interface CallFailurePlan {
  kind: HostCallFailureKind;
  /** Only calls of this port method (default: any). */
  call?: HostCallName;
  /** Only calls on this target (service, pool, pid as a string; case-insensitive). */
  target?: string;
  /** Matching calls to let through first. Default 0. */
  skip?: number;
}

export type HostCallName =
  | "iisGeneration"
  | "listServices"
  | "queryService"
  | "stopService"
  | "startService"
  | "listProcesses"
  | "killProcess"
  | "listAppPools"
  | "recycleAppPool"
  | "startAppPool"
  | "listSites"
  | "stopSite"
  | "startSite";

/** ProcessInfo plus the loaded modules (what IISRESET's force path inspects). */
export interface SimProcessInfo extends ProcessInfo {
  modules: string[];
}

const DEFAULT_STOP_MS = 300;
const DEFAULT_START_MS = 300;
const DEFAULT_SLOW_STOP_FACTOR = 10;
const DEFAULT_RECYCLE_OVERLAP_MS = 50;
const DEFAULT_SHUTDOWN_TIME_LIMIT_MS = 90_000;
const DEFAULT_SITE_TRANSITION_MS = 30;

export class SimulatedHost implements HostPort {
  readonly adapter = "simulated" as const;

  private readonly catalog: Catalog;
  private readonly timers = new TimerSet();
  private readonly processes: ProcessTable;
  private readonly failures: CallFailurePlan[] = [];
  private callCount = 0;
  private readonly scm: ServiceControlManager;
  private readonly pools: AppPoolManager;
  private readonly overrides = new Map<string, ServiceOverrides>();
  private profile: FaultProfile;
  private orphanPid: number | undefined;
  private healthProbes = 0;
  private disposed = false;
  private readonly portsInUse: Set<number>;

  constructor(private readonly options: SimulatedHostOptions = {}) {
    this.catalog = catalogFor(options.generation ?? "iis7plus", options.iis6Compat === true);
    const clock = options.clock ?? systemClock;
    this.processes = new ProcessTable({
      now: () => clock.now(),
      reusePids: options.pidReuse === true,
      ...(options.pidReuse === true ? { onExit: () => this.startUnrelatedProcess() } : {}),
    });
    const numeric = [
      "callMs",
      "stopMs",
      "startMs",
      "checkpointMs",
      "startTimeoutMs",
      "slowStopFactor",
      "recycleOverlapMs",
      "shutdownTimeLimitMs",
      "siteStopMs",
      "siteStartMs",
      "poolStartMs",
    ] as const;
    for (const key of numeric) assertDuration(key, options[key]);
    for (const [name, override] of Object.entries(options.services ?? {})) {
      const spec = this.spec(name, "services");
      for (const key of ["startMs", "stopMs", "startTimeoutMs"] as const) {
        assertDuration(`${name}.${key}`, override[key]);
      }
      this.overrides.set(spec.name, override);
    }
    this.profile = FAULT_PROFILES[parseFaultName(options.fault ?? "none")];
    this.portsInUse = new Set(options.portsInUse ?? []);

    this.scm = new ServiceControlManager({
      catalog: this.catalog,
      processes: this.processes,
      timers: this.timers,
      clock: options.clock ?? systemClock,
      behavior: {
        timing: (spec) => this.timing(spec),
        startBehavior: (spec) => startBehaviorFor(this.profile, spec.iisRole),
        stopBehavior: (spec) => this.overrides.get(spec.name)?.stop ?? stopBehaviorFor(this.profile, spec.iisRole),
      },
      running: this.initiallyRunning(),
      disabled: new Set((options.disabled ?? []).map((name) => this.spec(name, "disabled").name)),
    });
    this.pools = new AppPoolManager({
      catalog: this.catalog,
      processes: this.processes,
      timers: this.timers,
      pools: options.appPools ?? DEFAULT_APP_POOLS,
      stoppedPools: options.stoppedPools ?? [],
      sites: options.sites ?? (options.appPools ? [] : DEFAULT_SITES),
      recycleOverlapMs: options.recycleOverlapMs ?? DEFAULT_RECYCLE_OVERLAP_MS,
      shutdownTimeLimitMs: options.shutdownTimeLimitMs ?? DEFAULT_SHUTDOWN_TIME_LIMIT_MS,
      isServing: () => this.isServing(),
      siteStopMs: options.siteStopMs ?? DEFAULT_SITE_TRANSITION_MS,
      siteStartMs: options.siteStartMs ?? DEFAULT_SITE_TRANSITION_MS,
      poolStartMs: options.poolStartMs ?? DEFAULT_SITE_TRANSITION_MS,
      slowFactor: options.slowStopFactor ?? DEFAULT_SLOW_STOP_FACTOR,
      siteFaults: faultMap("site", SITE_FAULTS, options.siteFaults),
      poolFaults: faultMap("pool", POOL_FAULTS, options.poolFaults),
      portsInUse: () => this.portsInUse,
    });
    this.scm.onChange((change) => this.pools.onServiceChange(change));
    this.applyProcessFaults();
  }

  // ---- HostPort ----

  iisGeneration(): Promise<IisGenerationName> {
    return this.call("iisGeneration", "", () => this.catalog.generation);
  }

  listServices(): Promise<SimServiceInfo[]> {
    return this.call("listServices", "", () => this.scm.list());
  }

  queryService(name: string): Promise<SimServiceInfo> {
    return this.call("queryService", name, () => this.scm.info(name));
  }

  stopService(name: string): Promise<void> {
    return this.call("stopService", name, () => this.scm.stop(name));
  }

  startService(name: string): Promise<void> {
    return this.call("startService", name, () => this.scm.start(name));
  }

  listProcesses(): Promise<SimProcessInfo[]> {
    return this.call("listProcesses", "", () => this.processes.list().map((process) => this.toProcessInfo(process)));
  }

  /**
   * TerminateProcess of the process listed. Its pid gone → 87; the pid now naming another process (another image
   * or creation time) → 87 too, naming what holds it, and that process is left alone; protected process → 5.
   * Killing a service host stops every service in it at once (1067, like a crash); killing a worker removes it
   * from its pool.
   */
  killProcess(target: ProcessRef): Promise<void> {
    return this.call("killProcess", String(target.pid), () => this.terminate(target));
  }

  private terminate(target: ProcessRef): void {
    const pid = target.pid;
    const process = this.processes.get(pid);
    if (!process) throw new ProcessGoneError(target);
    if (process.image.toLowerCase() !== target.image.toLowerCase() || process.createdAtMs !== target.createdAtMs) {
      throw new ProcessGoneError(target, { image: process.image, createdAtMs: process.createdAtMs });
    }
    if (process.protected) {
      throw new Win32Error(Win32.ACCESS_DENIED, "TerminateProcess", `pid ${pid} (${process.image})`);
    }
    switch (process.role.kind) {
      case "service-host":
        this.scm.crashHost(process.role.group);
        break;
      case "worker":
        this.pools.removeWorker(pid);
        break;
      case "system":
      case "orphan-worker":
      case "unrelated":
        break;
    }
    this.processes.exit(pid);
  }

  listAppPools(): Promise<AppPoolInfo[]> {
    return this.call("listAppPools", "", () => this.pools.list());
  }

  recycleAppPool(name: string): Promise<void> {
    return this.call("recycleAppPool", name, () => this.pools.recycle(name));
  }

  startAppPool(name: string): Promise<void> {
    return this.call("startAppPool", name, () => this.pools.startPool(name));
  }

  listSites(): Promise<SiteInfo[]> {
    return this.call("listSites", "", () => this.pools.sites());
  }

  stopSite(name: string): Promise<void> {
    return this.call("stopSite", name, () => this.pools.stopSite(name));
  }

  startSite(name: string): Promise<void> {
    return this.call("startSite", name, () => this.pools.startSite(name));
  }

  // ---- Host call failures and cost ----

  /** Host calls made so far (every HostPort method above counts one). */
  get calls(): number {
    return this.callCount;
  }

  /**
   * The next host call matching `plan` fails as the real host's call would: a timeout or unreadable output after
   * the call took effect, a failed spawn or script fault before. Plans are used once, in the order given.
   */
  failCall(plan: CallFailurePlan): void {
    this.failures.push({ ...plan });
  }

  private async call<T>(name: HostCallName, target: string, act: () => T | Promise<T>): Promise<T> {
    this.assertLive();
    this.callCount++;
    const cost = this.options.callMs ?? 0;
    if (cost > 0) {
      await new Promise((resolve) => setTimeout(resolve, cost));
      this.assertLive();
    }
    const failure = this.takeFailure(name, target);
    if (failure && !tookEffect(failure)) throw new SimulatedCallError(failure, name, target);
    const result = await act();
    if (failure) throw new SimulatedCallError(failure, name, target);
    return result;
  }

  private takeFailure(name: HostCallName, target: string): HostCallFailureKind | undefined {
    const index = this.failures.findIndex(
      (plan) =>
        (plan.call === undefined || plan.call === name) &&
        (plan.target === undefined || plan.target.toLowerCase() === target.toLowerCase()),
    );
    const plan = this.failures[index];
    if (plan === undefined) return undefined;
    if ((plan.skip ?? 0) > 0) {
      plan.skip = (plan.skip ?? 0) - 1;
      return undefined;
    }
    this.failures.splice(index, 1);
    return plan.kind;
  }

  /** Under pid reuse: something unrelated (the WMI provider host the next query starts, say) takes the freed pid. */
  private startUnrelatedProcess(): void {
    if (this.disposed) return;
    this.processes.spawn("WmiPrvSE.exe", ["wmiprvse.exe", "ntdll.dll"], { kind: "unrelated" });
  }

  // ---- Simulation controls, beyond HostPort ----

  get fault(): FaultName {
    return this.profile.name;
  }

  /**
   * Switches the fault profile. It governs transitions that begin from now on; one already in flight keeps
   * its course (a hung stop stays hung until its process is killed). The unkillable worker appears or exits.
   */
  setFault(name: FaultName): void {
    this.assertLive();
    this.profile = FAULT_PROFILES[parseFaultName(name)];
    this.healthProbes = 0;
    this.applyProcessFaults();
  }

  /** Every service state change, oldest first, stamped by the injected clock. */
  get stateLog(): readonly StateChange[] {
    return this.scm.stateLog;
  }

  /** Called synchronously on each state change; returns the unsubscribe function. Listeners must not throw. */
  onStateChange(listener: (change: StateChange) => void): () => void {
    return this.scm.onChange(listener);
  }

  /**
   * The health signal a probe would see: IIS serving (W3SVC, the core and HTTP running). Under
   * "flapping-health" a serving host answers healthy, unhealthy, healthy, ... on successive calls.
   */
  isHealthy(): boolean {
    this.assertLive();
    const serving = this.isServing() && this.scm.state(this.catalog.http) === SvcState.Running;
    if (!this.profile.flappingHealth) return serving;
    const healthyTurn = this.healthProbes % 2 === 0;
    this.healthProbes += 1;
    return serving && healthyTurn;
  }

  /** The sites now, without the cost of a host call (the simulated HTTP listener reads them per request). */
  siteStates(): SiteInfo[] {
    this.assertLive();
    return this.pools.sites();
  }

  /** Which site a request on a binding port with that Host header is for, as HTTP.SYS decides it (see SiteLookup). */
  lookupSite(port: number, localAddress: string, hostHeader: string): SiteLookup {
    this.assertLive();
    return this.pools.lookup(port, localAddress, hostHeader);
  }

  /** What a site serves (SiteSpec.content). */
  siteContent(siteId: number): "app" | "static" {
    this.assertLive();
    return this.pools.siteContent(siteId);
  }

  /** W3SVC and the IIS core both RUNNING: application pools can take requests. */
  iisServing(): boolean {
    this.assertLive();
    return this.isServing();
  }

  /** A site's http bindings: port and host name ("" for any). */
  siteHttpBindings(siteId: number): { port: number; host: string }[] {
    this.assertLive();
    return this.pools.httpBindings(siteId);
  }

  /** Where one HTTP request to a site goes now (see AppPoolManager.route); `done()` it when answered. */
  routeSiteRequest(siteId: number): SiteRoute {
    this.assertLive();
    return this.pools.route(siteId);
  }

  /** Requests in flight on a worker process. */
  requestsInFlight(pid: number): number {
    return this.pools.inFlight(pid);
  }

  /** ApplicationPool.Stop() by an administrator, outside any reset (the port has no pool stop). */
  stopAppPool(name: string): void {
    this.assertLive();
    this.pools.stopPool(name);
  }

  /** Requests in flight on a site: a Stopping site waits for them. */
  siteRequestsInFlight(name: string): number {
    this.assertLive();
    return this.pools.siteInFlight(name);
  }

  /** Another process starts (true) or stops (false) listening on a binding port: see `portsInUse`. */
  setPortInUse(port: number, inUse: boolean): void {
    this.assertLive();
    if (inUse) this.portsInUse.add(port);
    else this.portsInUse.delete(port);
  }

  /** What a reset left in the host's own log (the Windows event log's counterpart), oldest first. */
  readonly eventLog: ResetEventEntry[] = [];

  async recordResetEvent(entry: ResetEventEntry): Promise<void> {
    this.assertLive();
    this.eventLog.push(entry);
  }

  /** How many times reboot() was called. */
  reboots = 0;

  /**
   * A reboot as the services see it: every process dies at once (killable or not: the machine goes down), and after
   * a boot delay the services that run at boot start again. The agent process itself survives here, unlike on a
   * real host — so tests can watch the host come back.
   */
  async reboot(): Promise<void> {
    this.assertLive();
    this.reboots++;
    for (const proc of this.processes.list()) {
      try {
        this.terminate(proc);
      } catch {
        // Protected processes go down with the machine too; the simulation keeps them (the agent survives here).
      }
    }
    const boot = [...this.initiallyRunning()];
    this.timers.after(Math.max(50, (this.options.startMs ?? DEFAULT_START_MS) * 2), () => {
      if (this.disposed) return;
      for (const name of boot) void this.startService(name).catch(() => undefined);
    });
  }

  /** Clears every timer and fails pending dependency waits. Idempotent; any later call throws. */
  async arrMember(webFarm: string, server: string, action: LbMemberActionName): Promise<LbMemberInfo> {
    const arr = this.options.arr;
    if (!arr) throw new LbMemberError("NO_LB", "This simulated host runs no ARR (start its agent with --sim-arr-farm NAME=SERVER,...).");
    return arr.member(webFarm, server, action);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.timers.close();
    this.scm.dispose();
  }

  // ---- internals ----

  private assertLive(): void {
    if (this.disposed) throw new Error("The simulated host was disposed.");
  }

  private isServing(): boolean {
    return (
      this.scm.state(this.catalog.web) === SvcState.Running && this.scm.state(this.catalog.core) === SvcState.Running
    );
  }

  private spec(name: string, option: string): ServiceSpec {
    const spec = this.catalog.services.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (!spec) {
      throw new RangeError(`Option ${option}: no service "${name}" on a simulated ${this.catalog.generation} host.`);
    }
    return spec;
  }

  /** The requested set, closed over dependencies (Windows never has a dependent running without them). */
  private initiallyRunning(): Set<string> {
    const requested = this.options.running
      ? this.options.running.map((name) => this.spec(name, "running"))
      : this.catalog.services.filter((spec) => spec.runningByDefault);
    // Unstoppable services (RPCSS) are always up on a live box.
    const pending = [...requested, ...this.catalog.services.filter((spec) => !spec.stoppable)];
    const running = new Set<string>();
    while (pending.length > 0) {
      const spec = pending.pop();
      if (!spec || running.has(spec.name)) continue;
      running.add(spec.name);
      for (const dep of spec.dependsOn) pending.push(this.spec(dep, "running"));
    }
    return running;
  }

  private timing(spec: ServiceSpec): ServiceTiming {
    const override = this.overrides.get(spec.name) ?? {};
    const startMs = override.startMs ?? this.options.startMs ?? DEFAULT_START_MS;
    const stopMs = override.stopMs ?? this.options.stopMs ?? DEFAULT_STOP_MS;
    return {
      startMs,
      stopMs,
      checkpointMs: this.options.checkpointMs ?? Math.max(5, Math.floor(Math.min(startMs, stopMs) / 4)),
      startTimeoutMs: override.startTimeoutMs ?? this.options.startTimeoutMs ?? 3 * startMs,
      slowStopFactor: this.options.slowStopFactor ?? DEFAULT_SLOW_STOP_FACTOR,
    };
  }

  /** The unkillable-process fault is a process, not a behaviour: it exists exactly while the fault is on. */
  private applyProcessFaults(): void {
    if (this.profile.unkillableWorker && this.orphanPid === undefined) {
      const pool = this.pools.firstPoolName() ?? "DefaultAppPool";
      const orphan = this.processes.spawn(
        this.catalog.workerImage,
        this.catalog.workerModules,
        { kind: "orphan-worker", pool },
        true,
      );
      this.orphanPid = orphan.pid;
    } else if (!this.profile.unkillableWorker && this.orphanPid !== undefined) {
      this.processes.exit(this.orphanPid);
      this.orphanPid = undefined;
    }
  }

  private toProcessInfo(process: SimProcess): SimProcessInfo {
    const role = process.role;
    const info: SimProcessInfo = {
      pid: process.pid,
      image: process.image,
      services: role.kind === "service-host" ? this.scm.activeIn(role.group) : [],
      modules: [...process.modules],
      createdAtMs: process.createdAtMs,
    };
    if (role.kind === "worker" || role.kind === "orphan-worker") info.appPool = role.pool;
    return info;
  }
}

function assertDuration(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`Option ${name} must be a finite number ≥ 0, got ${value}.`);
  }
}
