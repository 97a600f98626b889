import {
  type Clock,
  type HostPort,
  type ServiceInfo,
  SvcState,
  Win32,
  Win32Error,
  systemClock,
  win32Message,
} from "../host/port.js";
import { DEFAULT_PROBE_SETTINGS, type HealthChecker, type ProbeResult, type ProbeSettings } from "../health/probe.js";
import { startOrder, transitiveDependents } from "./dependencies.js";
import type { Phase, ProgressSink, ReportCode, ResetOptions, ResetReport, StepAction, StepRecord } from "./types.js";
import { waitForState } from "./wait-for-state.js";

export interface EngineOptions {
  clock?: Clock;
  pollMs?: number;
  /** Shortest checkpoint stall that counts as stuck (see wait-for-state.ts). Default 1 s. */
  minStallMs?: number;
  /** The host's health probes; without them "back" means only "services running". */
  health?: HealthChecker;
  probe?: ProbeSettings;
  /** Told every probe round's results (the agent's health monitor listens). */
  onProbe?: (results: ProbeResult[]) => void;
}

/** The service whose stop takes IIS down, per level and generation (see DOMAIN.md's manual recipes). */
function coreService(level: ResetOptions["level"], generation: "iis6" | "iis7plus"): string {
  if (level === "http") return "HTTP";
  if (level === "w3svc") return "W3SVC";
  return generation === "iis6" ? "IISADMIN" : "WAS";
}

class Failure extends Error {
  constructor(
    readonly code: ReportCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The reset engine: IISRESET done right. It talks only to the host port.
 * Sequence for a restart: remember every running dependent of the core service, stop them deepest first and
 * then the core (watching checkpoints), and only with `force` kill the processes hosting IIS when the graceful
 * stop fails; then start W3SVC and every remembered dependent, dependencies first.
 */
export class ResetEngine {
  private readonly deps: RunDeps;

  constructor(host: HostPort, opts: EngineOptions = {}) {
    this.deps = {
      host,
      clock: opts.clock ?? systemClock,
      pollMs: opts.pollMs ?? 250,
      minStallMs: opts.minStallMs ?? 1_000,
      health: opts.health,
      probe: opts.probe ?? DEFAULT_PROBE_SETTINGS,
      onProbe: opts.onProbe,
    };
  }

  async run(opts: ResetOptions, sink: ProgressSink = {}): Promise<ResetReport> {
    return new EngineRun(this.deps, opts, sink).execute();
  }
}

interface RunDeps {
  host: HostPort;
  clock: Clock;
  pollMs: number;
  minStallMs: number;
  health: HealthChecker | undefined;
  probe: ProbeSettings;
  onProbe: ((results: ProbeResult[]) => void) | undefined;
}

class EngineRun {
  private readonly steps: StepRecord[] = [];
  private readonly startedAtMs: number;
  private readonly host: HostPort;
  private readonly clock: Clock;
  private readonly pollMs: number;

  constructor(
    private readonly deps: RunDeps,
    private readonly opts: ResetOptions,
    private readonly sink: ProgressSink,
  ) {
    this.host = deps.host;
    this.clock = deps.clock;
    this.pollMs = deps.pollMs;
    this.startedAtMs = deps.clock.now();
  }

  async execute(): Promise<ResetReport> {
    try {
      const message = await this.dispatch();
      return this.report(true, "OK", message);
    } catch (err) {
      if (err instanceof Failure) return this.report(false, err.code, err.message);
      const text = err instanceof Error ? err.message : String(err);
      return this.report(false, "HOST_ERROR", `The reset could not run: ${text}`);
    }
  }

  private async dispatch(): Promise<string> {
    const { operation, level } = this.opts;
    if (level === "recycle") {
      if (operation !== "restart") throw new Failure("HOST_ERROR", `Level "recycle" only applies to restart, not ${operation}.`);
      const message = await this.recycleAll();
      await this.verifyHealth();
      return message;
    }
    const generation = await this.host.iisGeneration();
    const core = coreService(level, generation);
    if (operation === "start") {
      this.phase("starting", "Attempting start...");
      await this.startAll(["W3SVC"]);
      await this.verifyHealth();
      return "Internet services successfully started.";
    }
    const remembered = await this.stopWithDependents(core);
    if (operation === "stop") return "Internet services successfully stopped.";
    this.phase("starting", "Attempting start...");
    // The core and W3SVC first (as `net start w3svc` would pull them in, but each reported as its own step),
    // then everything that was running before, dependencies first.
    await this.startAll([core, "W3SVC", ...remembered]);
    await this.verifyHealth();
    return "Internet services successfully restarted.";
  }

  /** Stops `core` and its running dependents; returns the names that were running (to start them again). */
  private async stopWithDependents(core: string): Promise<string[]> {
    this.phase("stopping", "Attempting stop...");
    const services = await this.host.listServices();
    const depths = transitiveDependents(services, core);
    const running = (s: ServiceInfo | undefined) => s !== undefined && s.state !== SvcState.Stopped;
    const byName = new Map(services.map((s) => [s.name.toLowerCase(), s]));
    const toStop = [...depths.entries()]
      .filter(([name]) => running(byName.get(name.toLowerCase())))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([name]) => name);
    const coreInfo = byName.get(core.toLowerCase());
    if (!coreInfo) throw new Failure("HOST_ERROR", `${core} is not installed on this host; is IIS installed?`);
    if (running(coreInfo)) toStop.push(coreInfo.name);

    const deadline = this.clock.now() + this.opts.stopTimeoutMs;
    const stopped: string[] = [];
    let forced = false;
    for (const name of toStop) {
      const failure = await this.stopOne(name, deadline);
      if (failure === undefined) {
        stopped.push(name);
        continue;
      }
      if (!this.opts.force) {
        await this.restore(stopped, services);
        throw new Failure(
          "STOP_FAILED",
          `Restart attempt failed. ${failure} With noforce no process was killed; ` +
            (stopped.length > 0 ? `the services stopped so far were started again.` : `nothing else was touched.`) +
            ` Retry later or ask for --force.`,
        );
      }
      if (forced) throw new Failure("STOP_FAILED", `Restart attempt failed even after terminating the IIS processes. ${failure}`);
      forced = true;
      await this.killIisProcesses(toStop);
      // The services hosted in the killed processes are gone now; anything left is stopped gracefully below.
      const outcome = await waitForState(this.host, this.clock, name, SvcState.Stopped, {
        deadlineAtMs: this.clock.now() + Math.max(5_000, this.pollMs * 4),
        pollMs: this.pollMs,
        minStallMs: this.deps.minStallMs,
      });
      if (!outcome.reached) {
        throw new Failure("STOP_FAILED", `Restart attempt failed. Even after terminating its processes, ${outcome.detail}.`);
      }
      stopped.push(name);
    }
    // Dependents that were running before, other than the core itself (which W3SVC's start pulls in).
    return toStop.filter((n) => n.toLowerCase() !== core.toLowerCase());
  }

  /** Returns undefined on success, or a sentence saying what failed. */
  private async stopOne(name: string, deadlineAtMs: number): Promise<string | undefined> {
    const t0 = this.clock.now();
    const before = await this.host.queryService(name);
    try {
      await this.host.stopService(name);
    } catch (err) {
      if (err instanceof Win32Error && err.win32 === Win32.SERVICE_NOT_ACTIVE) {
        this.step("stop", name, before.state, SvcState.Stopped, t0, Win32.SUCCESS, "already stopped", true);
        return undefined;
      }
      if (err instanceof Win32Error) {
        const message = `${name} refused to stop: ${win32Message(err.win32)} (Win32 ${err.win32}).`;
        this.step("stop", name, before.state, before.state, t0, err.win32, message, false);
        return message;
      }
      throw err;
    }
    const outcome = await waitForState(this.host, this.clock, name, SvcState.Stopped, {
      deadlineAtMs,
      pollMs: this.pollMs,
      minStallMs: this.deps.minStallMs,
    });
    if (outcome.reached) {
      this.step("stop", name, before.state, SvcState.Stopped, t0, Win32.SUCCESS, "stopped", true);
      return undefined;
    }
    const message = `${outcome.detail}; Win32 ${outcome.win32}: ${win32Message(outcome.win32)}`;
    this.step("stop", name, before.state, outcome.state, t0, outcome.win32, message, false);
    return message;
  }

  /**
   * iisreset's rude step, done right: terminate only the processes hosting the IIS services being stopped (and
   * the w3wp workers, and on IIS 6 whatever loaded iisw3adm.dll); one that cannot be opened is skipped and
   * reported, never a failure of the whole reset.
   */
  private async killIisProcesses(stopSet: string[]): Promise<void> {
    this.phase("killing", "Graceful stop failed; force: terminating the processes that host IIS...");
    const wanted = new Set(stopSet.map((s) => s.toLowerCase()));
    const processes = await this.host.listProcesses();
    const targets = processes.filter(
      (p) =>
        p.image.toLowerCase() === "w3wp.exe" ||
        p.services.some((s) => wanted.has(s.toLowerCase())) ||
        (p.modules ?? []).includes("iisw3adm.dll"),
    );
    for (const proc of targets) {
      const t0 = this.clock.now();
      const label = `pid ${proc.pid} ${proc.image}${proc.services.length ? ` (${proc.services.join(", ")})` : ""}`;
      try {
        await this.host.killProcess(proc.pid);
        this.step("kill", label, undefined, undefined, t0, Win32.SUCCESS, "terminated", true);
      } catch (err) {
        if (!(err instanceof Win32Error)) throw err;
        if (err.win32 === Win32.INVALID_PARAMETER) {
          // Gone already: killing its service host took it along (w3wp workers die with WAS).
          this.step("kill", label, undefined, undefined, t0, Win32.SUCCESS, "had already exited", true);
          continue;
        }
        const message = `could not be terminated: ${win32Message(err.win32)} (Win32 ${err.win32})`;
        this.step("kill", label, undefined, undefined, t0, err.win32, message, true, true);
      }
    }
  }

  /** After a failed noforce stop, start again what this reset stopped, so the host is left as it was found. */
  private async restore(stopped: string[], services: ServiceInfo[]): Promise<void> {
    if (stopped.length === 0) return;
    this.phase("restoring", "Starting again the services this reset stopped...");
    for (const name of startOrder(services, stopped)) {
      await this.startOne(name, this.clock.now() + this.opts.startTimeoutMs).catch(() => undefined);
    }
  }

  private async startAll(names: string[]): Promise<void> {
    const services = await this.host.listServices();
    const deadline = this.clock.now() + this.opts.startTimeoutMs;
    const unique = [...new Map(names.map((n) => [n.toLowerCase(), n])).values()];
    for (const name of startOrder(services, unique)) {
      const failure = await this.startOne(name, deadline);
      if (failure !== undefined) throw new Failure("START_FAILED", `Start attempt failed. ${failure}`);
    }
  }

  private async startOne(name: string, deadlineAtMs: number): Promise<string | undefined> {
    const t0 = this.clock.now();
    const before = await this.host.queryService(name);
    if (before.state === SvcState.Running) {
      // Already running (pulled in as a dependency of an earlier start): nothing to report as an action.
      return undefined;
    }
    try {
      await this.host.startService(name);
    } catch (err) {
      if (!(err instanceof Win32Error)) throw err;
      if (err.win32 !== Win32.SERVICE_ALREADY_RUNNING) {
        const message = `${name} could not be started: ${win32Message(err.win32)} (Win32 ${err.win32}).`;
        this.step("start", name, before.state, before.state, t0, err.win32, message, false);
        return message;
      }
    }
    const outcome = await waitForState(this.host, this.clock, name, SvcState.Running, { deadlineAtMs, pollMs: this.pollMs, minStallMs: this.deps.minStallMs });
    if (outcome.reached) {
      this.step("start", name, before.state, SvcState.Running, t0, Win32.SUCCESS, "running", true);
      return undefined;
    }
    const message = `${outcome.detail}; Win32 ${outcome.win32}: ${win32Message(outcome.win32)}`;
    this.step("start", name, before.state, outcome.state, t0, outcome.win32, message, false);
    return message;
  }

  private async recycleAll(): Promise<string> {
    this.phase("recycling", "Recycling application pools...");
    const pools = (await this.host.listAppPools()).filter((p) => p.started);
    const failed: string[] = [];
    for (const pool of pools) {
      const t0 = this.clock.now();
      try {
        await this.host.recycleAppPool(pool.name);
        this.step("recycle", pool.name, undefined, undefined, t0, Win32.SUCCESS, "recycled", true);
      } catch (err) {
        if (!(err instanceof Win32Error)) throw err;
        failed.push(pool.name);
        this.step("recycle", pool.name, undefined, undefined, t0, err.win32, win32Message(err.win32), false);
      }
    }
    if (failed.length > 0) throw new Failure("START_FAILED", `Recycle failed for ${failed.join(", ")}.`);
    return `Recycled ${pools.length} application pool${pools.length === 1 ? "" : "s"}.`;
  }

  /**
   * The host is back only when its probes pass. Fresh workers need warm-up, so a failing round is retried a few
   * times; only the last round is reported, one step per URL.
   */
  private async verifyHealth(): Promise<void> {
    const checker = this.deps.health;
    if (this.opts.verifyHealth === false || !checker?.configured) return;
    this.phase("verifying", "Probing the sites...");
    const { attempts, intervalMs } = this.deps.probe;
    let results: ProbeResult[] = [];
    let round = 0;
    const t0 = this.clock.now();
    while (round < attempts) {
      round++;
      results = await checker.check();
      this.deps.onProbe?.(results);
      if (results.every((r) => r.ok)) break;
      if (round < attempts) await this.clock.sleep(intervalMs);
    }
    for (const r of results) {
      const after = round > 1 ? ` (round ${round} of ${attempts})` : "";
      this.steps.push({
        seq: this.steps.length + 1,
        action: "probe",
        target: r.url,
        durationMs: r.durationMs,
        win32: 0,
        message: `${r.message}${after}`,
        ok: r.ok,
        skipped: false,
      });
      this.sink.step?.(this.steps.at(-1) as StepRecord);
    }
    const failed = results.filter((r) => !r.ok);
    if (failed.length > 0) {
      throw new Failure(
        "HEALTH_FAILED",
        `The services are running but the host is not healthy after ${round} probe round${round === 1 ? "" : "s"} over ` +
          `${Math.round((this.clock.now() - t0) / 1000)} s: ${failed.map((f) => `${f.url}: ${f.message}`).join("; ")}.`,
      );
    }
  }

  private phase(phase: Phase, message: string): void {
    this.sink.phase?.(phase, message);
  }

  private step(
    action: StepAction,
    target: string,
    fromState: SvcState | undefined,
    toState: SvcState | undefined,
    t0: number,
    win32: number,
    message: string,
    ok: boolean,
    skipped = false,
  ): void {
    const step: StepRecord = {
      seq: this.steps.length + 1,
      action,
      target,
      durationMs: Math.max(0, this.clock.now() - t0),
      win32,
      message,
      ok,
      skipped,
      ...(fromState !== undefined ? { fromState } : {}),
      ...(toState !== undefined ? { toState } : {}),
    };
    this.steps.push(step);
    this.sink.step?.(step);
  }

  private report(ok: boolean, code: ReportCode, message: string): ResetReport {
    this.phase("done", message);
    return { ok, code, message, steps: this.steps, startedAtMs: this.startedAtMs, finishedAtMs: this.clock.now() };
  }
}
