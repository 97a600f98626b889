/**
 * One pool, one site: recycling only the named application pools, and stopping / starting / restarting only the
 * named sites (level "site"), for the engine (engine.ts). A name the host does not have refuses the whole request
 * before anything is touched (POOL_UNKNOWN / SITE_UNKNOWN, naming what the host has); IIS's own refusals come back as
 * Win32 codes (1062 already stopped, 1056 already started, 183 a binding taken) and are decided on as numbers.
 */
import { sameIisName } from "@iisfleet/proto";
import { type Clock, type HostPort, Win32, Win32Error, win32Message } from "../host/port.js";
import { Failure, errorText, notServing } from "./failure.js";
import { resolveNames, unknownNamesSentence } from "./targets.js";
import type { Phase, ResetOptions, StepAction } from "./types.js";

/** What a named-target run uses of the engine run it belongs to. */
export interface NamedTargetContext {
  host: HostPort;
  clock: Clock;
  pollMs: number;
  opts: ResetOptions;
  step(action: StepAction, target: string, t0: number, win32: number, message: string, ok: boolean, skipped?: boolean): void;
  phase(phase: Phase, message: string): void;
  /** The IIS core and W3SVC that are not RUNNING; empty while IIS serves. */
  iisDown(): Promise<string[]>;
  /** The health gate; throws a Failure (HEALTH_FAILED) when the probes do not pass. */
  verifyHealth(): Promise<void>;
}

export class NamedTargets {
  constructor(private readonly c: NamedTargetContext) {}

  /**
   * Recycles the named pools only, in the order named. A started pool gets an overlapped recycle (its old worker
   * finishes the requests it has); a stopped one is reported and left alone, or started when `startStopped` says so.
   * A name the host does not have refuses the whole request before anything is touched.
   */
  async recycle(names: readonly string[]): Promise<string> {
    this.c.phase("recycling", `Recycling ${names.join(", ")}...`);
    const all = await this.c.host.listAppPools();
    const { found, missing } = resolveNames(names, all);
    if (missing.length > 0) throw new Failure("POOL_UNKNOWN", unknownNamesSentence("application pool", missing, all));
    if (found.some((p) => !p.started)) {
      const down = await this.c.iisDown();
      if (down.length > 0) throw new Failure("START_FAILED", `Nothing was recycled: ${notServing(down)}`);
    }
    const done = { recycled: [] as string[], started: [] as string[], left: [] as string[], failed: [] as string[] };
    for (const pool of found) {
      const t0 = this.c.clock.now();
      if (!pool.started && !this.c.opts.startStopped) {
        this.c.step("recycle", pool.name, t0, Win32.SUCCESS, "stopped; left alone (start-stopped was not asked for)", true, true);
        done.left.push(pool.name);
        continue;
      }
      const action = pool.started ? "recycle" : "start-pool";
      try {
        if (pool.started) await this.c.host.recycleAppPool(pool.name);
        else await this.c.host.startAppPool(pool.name);
        const message = pool.started ? "recycled (overlapped: the old worker finishes the requests it has)" : "started (it was stopped)";
        this.c.step(action, pool.name, t0, Win32.SUCCESS, message, true);
        (pool.started ? done.recycled : done.started).push(pool.name);
      } catch (err) {
        const why = err instanceof Win32Error ? `${win32Message(err.win32)} (Win32 ${err.win32})` : errorText(err);
        this.c.step(action, pool.name, t0, err instanceof Win32Error ? err.win32 : 0, why, false);
        done.failed.push(`${pool.name} (${action === "recycle" ? "recycle" : "start"}: ${why.replace(/\.$/, "")})`);
      }
    }
    const parts = [
      done.recycled.length > 0 ? `Recycled ${done.recycled.join(", ")}.` : "",
      done.started.length > 0 ? `Started ${done.started.join(", ")}, which ${done.started.length === 1 ? "was" : "were"} stopped.` : "",
      done.left.length > 0 ? `${done.left.join(", ")} ${done.left.length === 1 ? "is" : "are"} stopped and ${done.left.length === 1 ? "was" : "were"} left alone (ask for start-stopped to start ${done.left.length === 1 ? "it" : "them"}).` : "",
    ].filter((p) => p !== "");
    if (done.failed.length > 0) throw new Failure("START_FAILED", [`Failed: ${done.failed.join("; ")}.`, ...parts].join(" "));
    return parts.join(" ");
  }

  /**
   * Level "site": stops, starts or restarts the named sites (Site.Stop / Site.Start) and nothing else — IIS and every
   * other site keep running. A site that would not stop fails the run, and the sites it had already stopped are
   * started again; a start that fails names each site that is not started now.
   */
  async sites(names: readonly string[]): Promise<string> {
    const operation = this.c.opts.operation;
    const all = await this.c.host.listSites();
    const { found, missing } = resolveNames(names, all);
    if (missing.length > 0) throw new Failure("SITE_UNKNOWN", unknownNamesSentence("site", missing, all));
    const down = await this.c.iisDown();
    if (down.length > 0) {
      throw new Failure(operation === "stop" ? "STOP_FAILED" : "START_FAILED", `No site was touched: ${notServing(down)}`);
    }
    const list = found.map((s) => s.name).join(", ");
    const stopped: string[] = [];
    if (operation !== "start") {
      this.c.phase("stopping", `Stopping ${list}...`);
      const deadline = this.c.clock.now() + this.c.opts.stopTimeoutMs;
      for (const site of found) {
        const why = await this.siteTo(site.name, site.started, false, deadline);
        if (why === undefined) {
          if (site.started) stopped.push(site.name);
          continue;
        }
        const restore = stopped.length === 0 ? "" : await this.restoreSites(stopped);
        throw new Failure("STOP_FAILED", `${operation === "stop" ? "Stop" : "Restart"} attempt failed: ${site.name} did not stop: ${why.replace(/\.$/, "")}.${restore}`);
      }
      if (operation === "stop") return `Stopped ${list}; IIS and the other sites keep running.`;
    }
    this.c.phase("starting", `Starting ${list}...`);
    const deadline = this.c.clock.now() + this.c.opts.startTimeoutMs;
    const failed: string[] = [];
    for (const site of found) {
      const wasStarted = operation === "start" ? site.started : false;
      const why = await this.siteTo(site.name, wasStarted, true, deadline);
      if (why !== undefined) failed.push(`${site.name}: ${why.replace(/\.$/, "")}`);
    }
    if (failed.length > 0) throw new Failure("START_FAILED", `Start attempt failed; NOT started now: ${failed.join("; ")}.`);
    await this.c.verifyHealth();
    return `${operation === "start" ? "Started" : "Restarted"} ${list}; IIS and the other sites kept running.`;
  }

  /**
   * Brings one site to started / stopped, as a step: nothing to do when it is there already (IIS answers 1062 /
   * 1056 then), else Site.Stop / Site.Start and a watch of its state until the deadline. Undefined, or why not.
   */
  private async siteTo(name: string, startedNow: boolean, start: boolean, deadlineAtMs: number): Promise<string | undefined> {
    const action = start ? "start-site" : "stop-site";
    const t0 = this.c.clock.now();
    const already = start ? "already started" : "already stopped";
    if (startedNow === start) {
      this.c.step(action, name, t0, Win32.SUCCESS, already, true, true);
      return undefined;
    }
    try {
      if (start) await this.c.host.startSite(name);
      else await this.c.host.stopSite(name);
    } catch (err) {
      const idle = start ? Win32.SERVICE_ALREADY_RUNNING : Win32.SERVICE_NOT_ACTIVE;
      if (err instanceof Win32Error && err.win32 === idle) {
        this.c.step(action, name, t0, Win32.SUCCESS, already, true, true);
        return undefined;
      }
      if (err instanceof Win32Error) {
        const why =
          err.win32 === Win32.ALREADY_EXISTS
            ? `a binding of ${name} is already registered by another started site (Win32 183)`
            : `${win32Message(err.win32)} (Win32 ${err.win32})`;
        this.c.step(action, name, t0, err.win32, why, false);
        return why;
      }
      // A call that failed on the host (a PowerShell timeout) may still have taken effect: the state decides.
    }
    for (;;) {
      let site;
      try {
        site = (await this.c.host.listSites()).find((s) => sameIisName(s.name, name));
      } catch (err) {
        site = undefined;
        if (this.c.clock.now() >= deadlineAtMs) {
          this.c.step(action, name, t0, 0, errorText(err), false);
          return errorText(err);
        }
      }
      if (site?.started === start) {
        this.c.step(action, name, t0, Win32.SUCCESS, start ? "started" : "stopped", true);
        return undefined;
      }
      if (this.c.clock.now() >= deadlineAtMs) {
        const why = `still ${start ? "not started" : "started"} after ${Math.round((this.c.clock.now() - t0) / 1000)} s`;
        this.c.step(action, name, t0, Win32.SERVICE_REQUEST_TIMEOUT, why, false);
        return why;
      }
      await this.c.clock.sleep(this.c.pollMs);
    }
  }

  /** After a failed stop: starts again the sites this run stopped; the sentence says what the host shows. */
  private async restoreSites(names: string[]): Promise<string> {
    this.c.phase("restoring", `Starting again ${names.join(", ")}...`);
    const deadline = this.c.clock.now() + this.c.opts.startTimeoutMs;
    const failed: string[] = [];
    for (const name of names) {
      const why = await this.siteTo(name, false, true, deadline);
      if (why !== undefined) failed.push(`${name}: ${why.replace(/\.$/, "")}`);
    }
    return failed.length === 0 ? ` Restore: started again ${names.join(", ")}.` : ` Restore: NOT started now: ${failed.join("; ")}.`;
  }
}
