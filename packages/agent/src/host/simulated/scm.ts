/**
 * A Windows-like service control manager: the service state machine, its Win32 refusals, dependency handling
 * and the service-host processes. It answers the way ControlService / StartService do — including the answers
 * the engine must handle (1051, 1061, 1068, ...) — so the engine is tested against Windows, not a happy stub.
 */
import { ServiceStartType, SvcState, Win32, Win32Error, type Clock, type ServiceInfo } from "../port.js";
import type { Catalog, ServiceSpec } from "./catalog.js";
import type { StartBehavior, StopBehavior } from "./faults.js";
import type { ProcessTable } from "./processes.js";
import type { TimerHandle, TimerSet } from "./timers.js";

/** One service state change, stamped by the injected clock. */
export interface StateChange {
  readonly service: string;
  readonly from: SvcState;
  readonly to: SvcState;
  readonly atMs: number;
  /** dwWin32ExitCode after the change: 0, or why the service ended STOPPED (1053 start timeout, 1067 crash). */
  readonly win32ExitCode: number;
}

/** ServiceInfo plus dwWin32ExitCode, which port.ts does not carry (yet). */
export interface SimServiceInfo extends ServiceInfo {
  win32ExitCode: number;
}

export interface ServiceTiming {
  readonly startMs: number;
  readonly stopMs: number;
  /** Interval between checkpoint increments while pending. */
  readonly checkpointMs: number;
  /** How long the SCM waits for a start that shows no progress before recording 1053. */
  readonly startTimeoutMs: number;
  /** Stop duration multiplier under the slow-stop fault. */
  readonly slowStopFactor: number;
}

/** What the SCM asks its owner at the moment a transition begins, so a fault switched at runtime takes effect. */
export interface ScmBehavior {
  timing(spec: ServiceSpec): ServiceTiming;
  startBehavior(spec: ServiceSpec): StartBehavior;
  stopBehavior(spec: ServiceSpec): StopBehavior;
}

export interface ScmOptions {
  readonly catalog: Catalog;
  readonly processes: ProcessTable;
  readonly timers: TimerSet;
  readonly clock: Clock;
  readonly behavior: ScmBehavior;
  /** Canonical names of the services RUNNING at construction (already closed over dependencies). */
  readonly running: ReadonlySet<string>;
  /** Canonical names of disabled services (StartService fails with 1058). */
  readonly disabled: ReadonlySet<string>;
}

interface ServiceRecord {
  readonly spec: ServiceSpec;
  readonly disabled: boolean;
  state: SvcState;
  checkpoint: number;
  waitHintMs: number;
  exitCode: number;
  /** Timers of the transition in flight: the checkpoint ticker and the completion. */
  timers: TimerHandle[];
}

interface SettleWaiter {
  readonly record: ServiceRecord;
  resolve(): void;
  reject(err: Error): void;
}

interface StatusFields {
  checkpoint?: number;
  waitHintMs?: number;
  exitCode?: number;
}

export class ServiceControlManager {
  /** Keyed by lower-case name: the SCM compares service names case-insensitively (`net stop w3svc` works). */
  private readonly records = new Map<string, ServiceRecord>();
  private readonly log: StateChange[] = [];
  private readonly listeners = new Set<(change: StateChange) => void>();
  private readonly waiters = new Set<SettleWaiter>();

  constructor(private readonly o: ScmOptions) {
    for (const spec of o.catalog.services) {
      this.records.set(spec.name.toLowerCase(), {
        spec,
        disabled: o.disabled.has(spec.name),
        state: o.running.has(spec.name) ? SvcState.Running : SvcState.Stopped,
        checkpoint: 0,
        waitHintMs: 0,
        exitCode: 0,
        timers: [],
      });
    }
    // Spawn in catalog order so pids are the same on every run.
    for (const host of o.catalog.hosts) {
      if (this.activeIn(host.group).length > 0) this.ensureHost(host.group);
    }
  }

  /** Every state change since construction, oldest first. */
  get stateLog(): readonly StateChange[] {
    return this.log;
  }

  /** Listeners run synchronously inside the transition; returns the unsubscribe function. */
  onChange(listener: (change: StateChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The canonical spelling of a service name; throws 1060 as OpenService does. */
  canonicalName(name: string): string {
    return this.record(name).spec.name;
  }

  state(name: string): SvcState {
    return this.record(name).state;
  }

  info(name: string): SimServiceInfo {
    return this.toInfo(this.record(name));
  }

  list(): SimServiceInfo[] {
    return [...this.records.values()].map((record) => this.toInfo(record));
  }

  /** Services of a host group that are not STOPPED, i.e. the ones living in its process. */
  activeIn(group: string): string[] {
    const names: string[] = [];
    for (const record of this.records.values()) {
      if (record.spec.host === group && record.state !== SvcState.Stopped) names.push(record.spec.name);
    }
    return names;
  }

  /** SERVICE_CONTROL_STOP. Returns once accepted (STOP_PENDING); the outcome shows up in `info()`. */
  stop(name: string): void {
    const record = this.record(name);
    const target = record.spec.name;
    if (record.state === SvcState.Stopped) throw new Win32Error(Win32.SERVICE_NOT_ACTIVE, "StopService", target);
    // A pending service (including a hung stop) accepts no control at all.
    if (record.state !== SvcState.Running) {
      throw new Win32Error(Win32.SERVICE_CANNOT_ACCEPT_CTRL, "StopService", target);
    }
    if (!record.spec.stoppable) throw new Win32Error(Win32.ACCESS_DENIED, "StopService", target);
    // ControlService refuses outright; stopping dependents first (`net stop /y`) is the caller's job.
    if (this.dependentsOf(record).some((dependent) => dependent.state !== SvcState.Stopped)) {
      throw new Win32Error(Win32.DEPENDENT_SERVICES_RUNNING, "StopService", target);
    }
    if (this.o.behavior.stopBehavior(record.spec) === "refuse") {
      throw new Win32Error(Win32.SERVICE_CANNOT_ACCEPT_CTRL, "StopService", target);
    }
    this.beginStop(record);
  }

  /**
   * StartService. Like the real SCM it first starts every stopped dependency (recursively) and waits for them;
   * if one does not reach RUNNING the call fails with 1068 and the service itself never leaves STOPPED.
   * Returns once the service is START_PENDING; the outcome shows up in `info()`.
   */
  async start(name: string): Promise<void> {
    const record = this.record(name);
    this.assertStartable(record);
    await this.startDependencies(record);
    // Re-check after waiting: a concurrent caller may have started it, or stopped a dependency again.
    this.assertStartable(record);
    if (record.spec.dependsOn.some((dep) => this.record(dep).state !== SvcState.Running)) {
      throw new Win32Error(Win32.SERVICE_DEPENDENCY_FAIL, "StartService", record.spec.name);
    }
    this.beginStart(record);
  }

  /** The host process died: every service it hosted is STOPPED at once with 1067, as the SCM records a crash. */
  crashHost(group: string): void {
    for (const record of this.records.values()) {
      if (record.spec.host === group && record.state !== SvcState.Stopped) {
        this.finish(record, SvcState.Stopped, Win32.PROCESS_ABORTED);
      }
    }
  }

  /** Fails anyone still waiting on a dependency; the owner closes the timers. */
  dispose(): void {
    const error = new Error("The simulated host was disposed.");
    for (const waiter of this.waiters) waiter.reject(error);
    this.waiters.clear();
    this.listeners.clear();
  }

  private record(name: string): ServiceRecord {
    const record = this.records.get(name.toLowerCase());
    if (!record) throw new Win32Error(Win32.SERVICE_DOES_NOT_EXIST, "OpenService", name);
    return record;
  }

  private dependentsOf(record: ServiceRecord): ServiceRecord[] {
    // lpDependencies are compared without regard to case (WAS lists "RPCSS", the service is "RpcSs").
    const name = record.spec.name.toLowerCase();
    return [...this.records.values()].filter((other) => other.spec.dependsOn.some((dep) => dep.toLowerCase() === name));
  }

  private assertStartable(record: ServiceRecord): void {
    const target = record.spec.name;
    // StartService succeeds only on a STOPPED service: any other state, STOP_PENDING included, answers 1056
    // ("An instance of the service is already running"), as on Windows. A caller that wants it running again
    // waits for STOPPED first.
    if (record.state !== SvcState.Stopped) {
      throw new Win32Error(Win32.SERVICE_ALREADY_RUNNING, "StartService", target);
    }
    if (record.disabled) throw new Win32Error(Win32.SERVICE_DISABLED, "StartService", target);
  }

  private async startDependencies(record: ServiceRecord): Promise<void> {
    for (const depName of record.spec.dependsOn) {
      if (!(await this.bringUp(this.record(depName)))) {
        throw new Win32Error(Win32.SERVICE_DEPENDENCY_FAIL, "StartService", record.spec.name);
      }
    }
  }

  /** Starts a dependency on behalf of a dependent; true once it is RUNNING. */
  private async bringUp(record: ServiceRecord): Promise<boolean> {
    if (record.state === SvcState.Stopped) {
      if (record.disabled) return false;
      try {
        await this.startDependencies(record);
      } catch (err) {
        if (err instanceof Win32Error) return false;
        throw err;
      }
      if (record.state === SvcState.Stopped) this.beginStart(record);
    }
    if (record.state === SvcState.StartPending) await this.settled(record);
    return record.state === SvcState.Running;
  }

  /** Resolves when the service leaves its pending state (every start ends, even under a fault). */
  private settled(record: ServiceRecord): Promise<void> {
    if (record.state === SvcState.Running || record.state === SvcState.Stopped) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.add({ record, resolve, reject }));
  }

  private beginStart(record: ServiceRecord): void {
    const timing = this.o.behavior.timing(record.spec);
    const behavior = this.o.behavior.startBehavior(record.spec);
    this.transition(record, SvcState.StartPending, { checkpoint: 1, waitHintMs: 2 * timing.checkpointMs });
    if (behavior === "timeout") {
      // The service never reports progress: its checkpoint stays put until the SCM gives up on it.
      this.arm(record, timing.startTimeoutMs, () =>
        this.finish(record, SvcState.Stopped, Win32.SERVICE_REQUEST_TIMEOUT),
      );
      return;
    }
    this.tick(record, timing.checkpointMs);
    this.arm(record, timing.startMs, () =>
      behavior === "crash"
        ? this.finish(record, SvcState.Stopped, Win32.PROCESS_ABORTED)
        : this.finish(record, SvcState.Running, Win32.SUCCESS),
    );
  }

  private beginStop(record: ServiceRecord): void {
    const timing = this.o.behavior.timing(record.spec);
    const behavior = this.o.behavior.stopBehavior(record.spec);
    this.transition(record, SvcState.StopPending, { checkpoint: 1, waitHintMs: 2 * timing.checkpointMs });
    // A hung stop arms nothing: STOP_PENDING forever with a frozen checkpoint, until its process is killed.
    if (behavior === "hang" || behavior === "refuse") return;
    this.tick(record, timing.checkpointMs);
    const ms = behavior === "slow" ? timing.stopMs * timing.slowStopFactor : timing.stopMs;
    this.arm(record, ms, () => this.finish(record, SvcState.Stopped, Win32.SUCCESS));
  }

  private tick(record: ServiceRecord, everyMs: number): void {
    const handle = this.o.timers.every(everyMs, () => {
      record.checkpoint += 1;
    });
    if (handle !== undefined) record.timers.push(handle);
  }

  private arm(record: ServiceRecord, ms: number, fn: () => void): void {
    const handle = this.o.timers.after(ms, fn);
    if (handle !== undefined) record.timers.push(handle);
  }

  private finish(record: ServiceRecord, to: SvcState, exitCode: number): void {
    for (const handle of record.timers) this.o.timers.cancel(handle);
    record.timers = [];
    this.transition(record, to, { exitCode });
  }

  private transition(record: ServiceRecord, to: SvcState, fields: StatusFields = {}): void {
    const from = record.state;
    record.state = to;
    record.checkpoint = fields.checkpoint ?? 0;
    record.waitHintMs = fields.waitHintMs ?? 0;
    record.exitCode = fields.exitCode ?? 0;
    const group = record.spec.host;
    if (group !== undefined) {
      if (to === SvcState.StartPending) this.ensureHost(group);
      // The process lives as long as any service in it does (a shared svchost survives W3SVC stopping).
      if (to === SvcState.Stopped && this.activeIn(group).length === 0) this.releaseHost(group);
    }
    const change: StateChange = Object.freeze({
      service: record.spec.name,
      from,
      to,
      atMs: this.o.clock.now(),
      win32ExitCode: record.exitCode,
    });
    this.log.push(change);
    if (to === SvcState.Running || to === SvcState.Stopped) {
      for (const waiter of this.waiters) {
        if (waiter.record !== record) continue;
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (err) {
        // Keep the state machine consistent, but make a listener bug loud rather than swallowed.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }

  private ensureHost(group: string): void {
    if (this.o.processes.serviceHost(group)) return;
    const host = this.o.catalog.hosts.find((candidate) => candidate.group === group);
    if (!host) throw new Error(`Catalog error: no host process for group "${group}".`);
    this.o.processes.spawn(host.image, host.modules, { kind: "service-host", group }, host.protected);
  }

  private releaseHost(group: string): void {
    const process = this.o.processes.serviceHost(group);
    if (process) this.o.processes.exit(process.pid);
  }

  private toInfo(record: ServiceRecord): SimServiceInfo {
    const group = record.spec.host;
    const pid =
      group !== undefined && record.state !== SvcState.Stopped ? (this.o.processes.serviceHost(group)?.pid ?? 0) : 0;
    return {
      name: record.spec.name,
      displayName: record.spec.displayName,
      state: record.state,
      dependsOn: [...record.spec.dependsOn],
      checkpoint: record.checkpoint,
      waitHintMs: record.waitHintMs,
      pid,
      acceptsStop: record.state === SvcState.Running && record.spec.stoppable,
      win32ExitCode: record.exitCode,
      startType: record.disabled ? ServiceStartType.Disabled : record.spec.startType,
    };
  }
}
