import {
  type Clock,
  type HostPort,
  type IisGenerationName,
  ProcessGoneError,
  type ProcessRef,
  ServiceStartType,
  type ServiceInfo,
  SvcState,
  Win32,
  Win32Error,
  svcStateName,
  systemClock,
  win32Message,
} from "../host/port.js";
import { DEFAULT_PROBE_SETTINGS, type HealthChecker, type ProbeResult, type ProbeSettings } from "../health/probe.js";
import { startOrder, stopOrder, transitiveDependents } from "./dependencies.js";
import { HostCallFailure, guardedHost } from "./guarded-host.js";
import { planForceKill } from "./kill-plan.js";
import { Failure, errorText, notServing } from "./failure.js";
import { NamedTargets } from "./named-targets.js";
import type {
  NotRunning,
  Phase,
  ProgressSink,
  ReportCode,
  ResetOptions,
  ResetReport,
  StepAction,
  StepRecord,
} from "./types.js";
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

/**
 * The services a level stops with their dependents (DOMAIN.md's manual recipes), as a ladder where each level
 * includes the one below: w3svc → W3SVC; iis → the core (WAS on IIS 7+, plus IISADMIN where the IIS 6
 * compatibility feature installed it, as iisreset does; IISADMIN on IIS 6); http → the iis roots plus HTTP.SYS.
 */
export function resetRoots(level: ResetOptions["level"], generation: IisGenerationName, services: readonly ServiceInfo[]): string[] {
  if (level === "w3svc") return ["W3SVC"];
  const installed = (name: string) => services.some((s) => s.name.toLowerCase() === name.toLowerCase());
  const iis = generation === "iis6" ? ["IISADMIN"] : ["WAS", ...(installed("IISADMIN") ? ["IISADMIN"] : [])];
  return level === "http" ? [...iis, "HTTP"] : iis;
}

const isUp = (s: ServiceInfo | undefined) => s !== undefined && s.state !== SvcState.Stopped;
const lower = (name: string) => name.toLowerCase();


/**
 * The reset engine: IISRESET done right. It talks only to the host port.
 * Sequence for a restart: snapshot every service; stop the running dependents of the level's roots, dependents
 * first (watching checkpoints); only with `force` terminate the one process hosting a service that would not stop,
 * and only when everything in it is being stopped; then start W3SVC and everything that was running, dependencies
 * first. Whatever fails — a Win32 refusal, a timeout, a host call that throws — every service running before is
 * started again (after pending ones settle) and the result names each one that is not running, and why.
 */
export class ResetEngine {
  private readonly deps: RunDeps;

  constructor(host: HostPort, opts: EngineOptions = {}) {
    this.deps = {
      host: guardedHost(host),
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
  /** Every service as it was before anything was touched: what a restore brings back. */
  private before: ServiceInfo[] = [];
  /** Names this run asked to stop (the restore scope, widened to the whole snapshot once anything was killed). */
  private stopSet: string[] = [];
  private killedAny = false;

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
      if (err instanceof Failure) return this.report(false, err.code, err.message, err.notRestored);
      return this.report(false, "HOST_ERROR", `The reset could not run: ${errorText(err)}`);
    }
  }

  private async dispatch(): Promise<string> {
    const { operation, level } = this.opts;
    if (level === "recycle") {
      if (operation !== "restart") throw new Failure("HOST_ERROR", `Level "recycle" only applies to restart, not ${operation}.`);
      const named = this.opts.pools ?? [];
      const message = named.length > 0 ? await this.namedTargets().recycle(named) : await this.recycleAll();
      await this.verifyHealth();
      return message;
    }
    if (level === "site") return this.namedTargets().sites(this.opts.sites ?? []);
    // Nothing is touched before the snapshot: a failure up to here leaves the host as it was.
    const generation = await this.host.iisGeneration();
    this.before = await this.host.listServices();
    const roots = resetRoots(level, generation, this.before);
    const primary = roots[0] as string;
    if (!this.service(primary)) throw new Failure("HOST_ERROR", `${primary} is not installed on this host; is IIS installed?`);
    if (operation === "start") return this.startOperation(roots);
    try {
      this.stopSet = stopOrder(this.before, roots);
      await this.stopAll(operation);
      if (operation === "stop") {
        // A service outside the stop set that died with a terminated process was never meant to stop.
        const lost = await this.runningAfter(await this.collateral());
        if (lost.length > 0) throw new Failure("START_FAILED", `Internet services stopped, but not every other service came back. ${this.describe(lost)}`, lost);
        return "Internet services successfully stopped.";
      }
      this.phase("starting", "Attempting start...");
      // iisreset starts W3SVC whatever its state before (README), and everything this reset stopped.
      const failed = await this.runningAfter(["W3SVC", ...this.stopSet, ...(await this.collateral())]);
      if (failed.length > 0) throw new Failure("START_FAILED", `Start attempt failed. ${this.describe(failed)}`, failed);
    } catch (err) {
      if (err instanceof Failure) throw err;
      throw await this.failAndRestore("HOST_ERROR", `The reset failed: ${errorText(err)}`);
    }
    await this.verifyHealth();
    return "Internet services successfully restarted.";
  }

  private service(name: string): ServiceInfo | undefined {
    return this.before.find((s) => lower(s.name) === lower(name));
  }

  private async stopAll(operation: ResetOptions["operation"]): Promise<void> {
    this.phase("stopping", "Attempting stop...");
    const attempt = operation === "stop" ? "Stop attempt failed." : "Restart attempt failed.";
    const deadline = this.clock.now() + this.opts.stopTimeoutMs;
    const forcedFor = new Set<string>();
    for (const name of this.stopSet) {
      const failure = await this.stopOne(name, deadline);
      if (failure === undefined) continue;
      if (!this.opts.force) {
        throw await this.failAndRestore("STOP_FAILED", `${attempt} ${failure} With noforce no process was killed;`, " Retry later or ask for --force.");
      }
      if (forcedFor.has(lower(name))) {
        throw await this.failAndRestore("STOP_FAILED", `${attempt} ${failure} It still would not stop after its process was terminated;`);
      }
      forcedFor.add(lower(name));
      const forced = await this.forceStop(name);
      if (forced !== undefined) throw await this.failAndRestore("STOP_FAILED", `${attempt} ${failure} ${forced}`);
    }
  }

  /** Returns undefined on success, or a sentence saying what failed (a refusal, a timeout, a host call fault). */
  private async stopOne(name: string, deadlineAtMs: number): Promise<string | undefined> {
    const t0 = this.clock.now();
    let before: ServiceInfo | undefined;
    try {
      before = await this.host.queryService(name);
      if (before.state === SvcState.Stopped) {
        // Gone already: its process was terminated for another service it shared.
        this.step("stop", name, before.state, SvcState.Stopped, t0, Win32.SUCCESS, "already stopped", true);
        return undefined;
      }
      await this.host.stopService(name);
    } catch (err) {
      if (err instanceof Win32Error && err.win32 === Win32.SERVICE_NOT_ACTIVE) {
        this.step("stop", name, undefined, SvcState.Stopped, t0, Win32.SUCCESS, "already stopped", true);
        return undefined;
      }
      const message =
        err instanceof Win32Error ? `${name} refused to stop: ${win32Message(err.win32)} (Win32 ${err.win32}).` : errorText(err);
      this.step("stop", name, before?.state, before?.state, t0, err instanceof Win32Error ? err.win32 : 0, message, false);
      return message;
    }
    return this.awaitState(name, SvcState.Stopped, before.state, t0, deadlineAtMs, "stop");
  }

  /** Waits for `target`, recording the step either way; undefined when reached, else why not. */
  private async awaitState(
    name: string,
    target: SvcState,
    fromState: SvcState | undefined,
    t0: number,
    deadlineAtMs: number,
    action: "stop" | "start",
    note = "",
  ): Promise<string | undefined> {
    let outcome;
    try {
      outcome = await waitForState(this.host, this.clock, name, target, {
        deadlineAtMs,
        pollMs: this.pollMs,
        minStallMs: this.deps.minStallMs,
      });
    } catch (err) {
      const message = errorText(err);
      this.step(action, name, fromState, undefined, t0, err instanceof Win32Error ? err.win32 : 0, message, false);
      return message;
    }
    if (outcome.reached) {
      this.step(action, name, fromState, target, t0, Win32.SUCCESS, `${action === "stop" ? "stopped" : "running"}${note}`, true);
      return undefined;
    }
    const message = `${outcome.detail}; Win32 ${outcome.win32}: ${win32Message(outcome.win32)}`;
    this.step(action, name, fromState, outcome.state, t0, outcome.win32, message, false);
    return message;
  }

  /**
   * Targeted force (DESIGN.md invariant 4): terminate the process hosting `name` only if everything it hosts is
   * being stopped, checking before each kill that the pid still names the process listed. Returns undefined once
   * `name` is STOPPED, else why force could not help.
   */
  private async forceStop(name: string): Promise<string | undefined> {
    this.phase("killing", `Graceful stop failed; force: terminating the process that hosts ${name}...`);
    const t0 = this.clock.now();
    let processes;
    try {
      processes = await this.host.listProcesses();
    } catch (err) {
      return `Force could not list the processes: ${errorText(err)}`;
    }
    const plan = planForceKill(processes, name, this.stopSet);
    if (plan.kind === "refuse") {
      this.step("kill", name, undefined, undefined, t0, 0, `not killed: ${plan.reason}`, false);
      return `Force: ${plan.reason}`;
    }
    const fromState = await this.host.queryService(name).then((s) => s.state, () => undefined);
    const hostLabel = `pid ${plan.host.pid} ${plan.host.image} (${plan.host.services.join(", ")})`;
    const hostFailure = await this.killOne(plan.host, hostLabel);
    if (hostFailure !== undefined) return `Force could not terminate ${hostLabel}: ${hostFailure}`;
    for (const worker of plan.workers) await this.killOne(worker, `pid ${worker.pid} ${worker.image}`);
    const t1 = this.clock.now();
    const failure = await this.awaitState(name, SvcState.Stopped, fromState, t1, t1 + Math.max(5_000, this.pollMs * 4), "stop", " (its process was terminated)");
    return failure === undefined ? undefined : `Even after terminating its process, ${failure}.`;
  }

  /**
   * One kill, reported as a step. A process that has exited (its pid maybe reused by another, left alone) is not
   * a failure; one that cannot be opened (5) is skipped and reported. Returns why, when the process may still run.
   */
  private async killOne(target: ProcessRef, label: string): Promise<string | undefined> {
    const t0 = this.clock.now();
    try {
      await this.host.killProcess(target);
      this.killedAny = true;
      this.step("kill", label, undefined, undefined, t0, Win32.SUCCESS, "terminated", true);
      return undefined;
    } catch (err) {
      if (err instanceof ProcessGoneError) {
        const how = err.now
          ? `had already exited; pid ${target.pid} now belongs to ${err.now.image}, which was left alone`
          : "had already exited";
        this.step("kill", label, undefined, undefined, t0, Win32.SUCCESS, how, true);
        return undefined;
      }
      if (err instanceof Win32Error && err.win32 !== Win32.INVALID_PARAMETER) {
        const message = `could not be terminated: ${win32Message(err.win32)} (Win32 ${err.win32})`;
        this.step("kill", label, undefined, undefined, t0, err.win32, message, true, true);
        return message;
      }
      if (err instanceof Win32Error) {
        this.step("kill", label, undefined, undefined, t0, Win32.SUCCESS, "had already exited", true);
        return undefined;
      }
      const message = errorText(err);
      this.killedAny = true; // a kill that timed out may have happened
      this.step("kill", label, undefined, undefined, t0, 0, message, false);
      return message;
    }
  }

  /**
   * After a kill: the services that were running before, are not now and are outside the stop set (a process
   * that gained a service between listing and kill). They are started again with the rest.
   */
  private async collateral(): Promise<string[]> {
    if (!this.killedAny) return [];
    const now = await this.host.listServices();
    const stopping = new Set(this.stopSet.map(lower));
    return this.before
      .filter((s) => s.state === SvcState.Running && !stopping.has(lower(s.name)))
      .filter((s) => !isUp(now.find((n) => lower(n.name) === lower(s.name))))
      .map((s) => s.name);
  }

  /**
   * `--operation start`, as iisreset /START: W3SVC, the roots, and every service that depends on a root and is set
   * to start automatically — whether or not this agent stopped it (a stop, then a start, brings back the activators).
   */
  private async startOperation(roots: string[]): Promise<string> {
    this.phase("starting", "Attempting start...");
    const automatic = (s: ServiceInfo | undefined) => s?.startType === ServiceStartType.Automatic;
    const names = ["W3SVC"];
    for (const root of roots) {
      if (automatic(this.service(root))) names.push(root);
      for (const name of transitiveDependents(this.before, root).keys()) if (automatic(this.service(name))) names.push(name);
    }
    const failed = await this.runningAfter(names);
    if (failed.length > 0) throw new Failure("START_FAILED", `Start attempt failed. ${this.describe(failed)}`, failed);
    await this.verifyHealth();
    return "Internet services successfully started.";
  }

  /**
   * Ends a failed run: every service running before that is not running now (in the stop set, or anywhere once a
   * process was killed) is started again after pending ones settle; the sentence says what the host now shows.
   */
  private async failAndRestore(code: ReportCode, cause: string, advice = ""): Promise<Failure> {
    const scope = new Set(this.stopSet.map(lower));
    const wanted = this.before
      .filter((s) => s.state === SvcState.Running && (this.killedAny || scope.has(lower(s.name))))
      .map((s) => s.name);
    this.phase("restoring", "Starting again the services that were running before...");
    const notRunningAtStart = new Set<string>();
    try {
      const current = await this.host.listServices();
      for (const name of wanted) {
        if (current.find((c) => lower(c.name) === lower(name))?.state !== SvcState.Running) notRunningAtStart.add(lower(name));
      }
    } catch {
      for (const name of wanted) notRunningAtStart.add(lower(name));
    }
    const toRestore = wanted.filter((n) => notRunningAtStart.has(lower(n)));
    const failed = await this.bringBack(toRestore);
    const final = await this.finalStates(toRestore, failed);
    const restored = toRestore.filter((n) => !final.some((f) => lower(f.name) === lower(n)));
    let sentence: string;
    if (toRestore.length === 0) sentence = " no service was left stopped.";
    else if (final.length === 0) sentence = ` the services it had stopped were started again (${restored.join(", ")}).`;
    else {
      sentence =
        (restored.length > 0 ? ` started again: ${restored.join(", ")};` : "") +
        ` NOT running now: ${this.describe(final)}`;
    }
    const joined = cause.endsWith(";") ? `${cause}${sentence}` : `${cause} Restore:${sentence}`;
    return new Failure(code, `${joined}${advice}`, final.length > 0 ? final : undefined);
  }

  /** The true state of each name after a restore, read once more: a sentence must match the host. */
  private async finalStates(names: string[], failed: NotRunning[]): Promise<NotRunning[]> {
    if (names.length === 0) return [];
    let current: ServiceInfo[];
    try {
      current = await this.host.listServices();
    } catch (err) {
      return failed.map((f) => ({ ...f, why: `${f.why} (final state unread: ${errorText(err)})` }));
    }
    const out: NotRunning[] = [];
    for (const name of names) {
      const info = current.find((c) => lower(c.name) === lower(name));
      if (info?.state === SvcState.Running) continue;
      const why = failed.find((f) => lower(f.name) === lower(name))?.why ?? "it did not come back";
      out.push({ name, ...(info ? { state: info.state } : {}), why });
    }
    return out;
  }

  /** Brings `names` up and returns the ones the host, read once more, does not show running. */
  private async runningAfter(names: string[]): Promise<NotRunning[]> {
    const failed = await this.bringBack(names);
    return failed.length === 0 ? [] : this.finalStates(names, failed);
  }

  private describe(failed: NotRunning[]): string {
    return failed.map((f) => `${f.name}${f.state !== undefined ? ` (${svcStateName(f.state)})` : ""}: ${f.why.replace(/\.$/, "")}`).join("; ") + ".";
  }

  /**
   * Brings each name to RUNNING, dependencies first: a pending service is waited for first (StartService on a
   * STOP_PENDING one answers 1056), then started and watched. Returns the ones that did not get there, with why.
   */
  private async bringBack(names: string[]): Promise<NotRunning[]> {
    const unique = [...new Map(names.map((n) => [lower(n), n])).values()];
    const settleBy = this.clock.now() + this.opts.stopTimeoutMs;
    const startBy = this.clock.now() + this.opts.startTimeoutMs;
    let failed: NotRunning[] = [];
    // A second pass for what failed: a host call that failed once (a PowerShell timeout) is tried again, and a
    // service whose dependency failed first gets its chance once that dependency is up.
    for (let pass = 0; pass < 2; pass++) {
      const names = pass === 0 ? unique : failed.map((f) => f.name);
      if (names.length === 0) break;
      failed = [];
      for (const name of startOrder(this.before, names)) {
        const why = await this.ensureRunning(name, settleBy, startBy);
        if (why !== undefined) failed.push({ name, why });
      }
    }
    return failed;
  }

  private async ensureRunning(name: string, settleByMs: number, startByMs: number): Promise<string | undefined> {
    const t0 = this.clock.now();
    let before: ServiceInfo;
    try {
      before = await this.host.queryService(name);
    } catch (err) {
      const message = err instanceof Win32Error ? `${name} could not be queried: ${win32Message(err.win32)} (Win32 ${err.win32}).` : errorText(err);
      this.step("start", name, undefined, undefined, t0, err instanceof Win32Error ? err.win32 : 0, message, false);
      return message;
    }
    // Already running (pulled in as a dependency of an earlier start): nothing to report as an action.
    if (before.state === SvcState.Running) return undefined;
    if (before.state === SvcState.StartPending) return this.awaitState(name, SvcState.Running, before.state, t0, startByMs, "start");
    if (before.state !== SvcState.Stopped) {
      const settled = await this.awaitState(name, SvcState.Stopped, before.state, t0, settleByMs, "stop", " (settled before its start)");
      if (settled !== undefined) return settled;
    }
    try {
      await this.host.startService(name);
    } catch (err) {
      if (err instanceof HostCallFailure) return this.afterFailedStartCall(name, err, before.state, t0, startByMs);
      if (!(err instanceof Win32Error)) throw err;
      // 1056: already started or starting (pulled in by another start); the wait below tells which.
      if (err.win32 !== Win32.SERVICE_ALREADY_RUNNING) {
        const message = `${name} could not be started: ${win32Message(err.win32)} (Win32 ${err.win32}).`;
        this.step("start", name, before.state, before.state, t0, err.win32, message, false);
        return message;
      }
    }
    return this.awaitState(name, SvcState.Running, before.state, t0, startByMs, "start");
  }

  /** A start call that failed on the host may still have started the service (a timeout after the SCM accepted). */
  private async afterFailedStartCall(
    name: string,
    err: HostCallFailure,
    fromState: SvcState,
    t0: number,
    startByMs: number,
  ): Promise<string | undefined> {
    let state: SvcState | undefined;
    try {
      state = (await this.host.queryService(name)).state;
    } catch {
      state = undefined;
    }
    if (state === undefined || state === SvcState.Stopped) {
      this.step("start", name, fromState, state, t0, 0, err.message, false);
      return err.message;
    }
    const note = ` (the start call failed: ${err.message.replace(/\.$/, "")}; the service started anyway)`;
    const outcome = await this.awaitState(name, SvcState.Running, fromState, t0, startByMs, "start", note);
    return outcome === undefined ? undefined : `${err.message} ${outcome}`;
  }

  private async recycleAll(): Promise<string> {
    this.phase("recycling", "Recycling application pools...");
    const all = await this.host.listAppPools();
    const pools = all.filter((p) => p.started);
    if (pools.length === 0) return this.nothingToRecycle(all.length);
    const failed: string[] = [];
    for (const pool of pools) {
      const t0 = this.clock.now();
      try {
        await this.host.recycleAppPool(pool.name);
        this.step("recycle", pool.name, undefined, undefined, t0, Win32.SUCCESS, "recycled", true);
      } catch (err) {
        failed.push(pool.name);
        const win32 = err instanceof Win32Error ? err.win32 : 0;
        this.step("recycle", pool.name, undefined, undefined, t0, win32, win32 ? win32Message(win32) : errorText(err), false);
      }
    }
    if (failed.length > 0) throw new Failure("START_FAILED", `Recycle failed for ${failed.join(", ")}.`);
    return `Recycled ${pools.length} application pool${pools.length === 1 ? "" : "s"}.`;
  }

  /**
   * No pool is started. With IIS down that is no success: nothing was recycled because nothing serves (WAS or
   * W3SVC stopped). With IIS up and every pool stopped by its administrator, there is honestly nothing to do.
   */
  private async nothingToRecycle(total: number): Promise<string> {
    const down = await this.iisDown();
    if (down.length > 0) throw new Failure("START_FAILED", `Nothing was recycled: ${notServing(down)}`);
    return `No application pool is started (${total} configured, all stopped); nothing was recycled.`;
  }

  /** Named pools and sites (named-targets.ts), run with this run's host, clock, steps and health gate. */
  private namedTargets(): NamedTargets {
    return new NamedTargets({
      host: this.host,
      clock: this.clock,
      pollMs: this.pollMs,
      opts: this.opts,
      step: (action, target, t0, win32, message, ok, skipped) => this.step(action, target, undefined, undefined, t0, win32, message, ok, skipped),
      phase: (phase, message) => this.phase(phase, message),
      iisDown: () => this.iisDown(),
      verifyHealth: () => this.verifyHealth(),
    });
  }

  /** The IIS core and W3SVC that are not RUNNING, as "WAS STOPPED"; empty while IIS serves. */
  private async iisDown(): Promise<string[]> {
    const generation = await this.host.iisGeneration();
    const down: string[] = [];
    for (const name of [generation === "iis6" ? "IISADMIN" : "WAS", "W3SVC"]) {
      const info = await this.host.queryService(name);
      if (info.state !== SvcState.Running) down.push(`${info.name} ${svcStateName(info.state)}`);
    }
    return down;
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

  private report(ok: boolean, code: ReportCode, message: string, notRestored?: NotRunning[]): ResetReport {
    this.phase("done", message);
    return {
      ok,
      code,
      message,
      steps: this.steps,
      startedAtMs: this.startedAtMs,
      finishedAtMs: this.clock.now(),
      ...(notRestored !== undefined ? { notRestored } : {}),
    };
  }
}
