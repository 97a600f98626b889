/**
 * One pool, one site: recycling only the named application pools, and stopping / starting / restarting only the
 * named sites (level "site"), for the engine (engine.ts). A name the host does not have refuses the whole request
 * before anything is touched (POOL_UNKNOWN / SITE_UNKNOWN, naming what the host has); IIS's own refusals come back as
 * Win32 codes (1062 already stopped, 1056 already started, 183 a binding taken, 32 a port another process holds) and
 * are decided on as numbers.
 *
 * Site.Stop / Site.Start / ApplicationPool.Start return while the object may still be Stopping / Starting (ObjectState):
 * a step is done only when the state the host lists is Stopped / Started, watched until a deadline that counts what
 * each look costs (a PowerShell round trip on Windows), and a start that settles back to Stopped fails at once.
 */
import { sameIisName } from "@iisfleet/proto";
import { type AppPoolInfo, type Clock, type HostPort, ObjectState, type SiteInfo, Win32, Win32Error, bindingPort, objectStateName, win32Message } from "../host/port.js";
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
    for (const listed of found) {
      const t0 = this.c.clock.now();
      // A pool still Starting or Stopping is let settle first: IIS recycles only a Started pool and starts only a
      // Stopped one (ApplicationPool.Recycle / Start).
      const pool = await this.settledPool(listed, t0);
      if (typeof pool === "string") {
        this.c.step("recycle", listed.name, t0, Win32.SERVICE_REQUEST_TIMEOUT, pool, false);
        done.failed.push(`${listed.name} (${pool})`);
        continue;
      }
      if (!pool.started && !this.c.opts.startStopped) {
        this.c.step("recycle", pool.name, t0, Win32.SUCCESS, "stopped; left alone (start-stopped was not asked for)", true, true);
        done.left.push(pool.name);
        continue;
      }
      const action = pool.started ? "recycle" : "start-pool";
      try {
        if (pool.started) await this.c.host.recycleAppPool(pool.name);
        else {
          await this.c.host.startAppPool(pool.name).catch((err: unknown) => {
            // Started (or Starting) since it was listed, by someone else: the watch below says when it is Started.
            if (!(err instanceof Win32Error && err.win32 === Win32.SERVICE_ALREADY_RUNNING)) throw err;
          });
          const watched = await this.watch("pool", pool.name, ObjectState.Started, this.c.clock.now() + this.c.opts.startTimeoutMs);
          if (!watched.reached) {
            const why = watched.settled
              ? "it went back to Stopped: WAS could not start it, see the System event log"
              : `still ${objectStateName(watched.state)} after ${this.seconds(t0)} s`;
            this.c.step(action, pool.name, t0, watched.settled ? 0 : Win32.SERVICE_REQUEST_TIMEOUT, why, false);
            done.failed.push(`${pool.name} (start: ${why})`);
            continue;
          }
        }
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
    const stopped: SiteInfo[] = [];
    if (operation !== "start") {
      this.c.phase("stopping", `Stopping ${list}...`);
      const deadline = this.c.clock.now() + this.c.opts.stopTimeoutMs;
      for (const site of found) {
        const outcome = await this.siteTo(site, false, deadline);
        if (outcome.why === undefined) {
          if (outcome.acted) stopped.push(site);
          continue;
        }
        const restore = stopped.length === 0 ? "" : await this.restoreSites(stopped);
        // A site left Stopping cannot be started (IIS refuses until it is Stopped): say so instead of trying.
        const left = outcome.state === ObjectState.Stopping ? ` ${site.name} is left Stopping: IIS will finish its stop; start it once it is Stopped.` : "";
        throw new Failure("STOP_FAILED", `${operation === "stop" ? "Stop" : "Restart"} attempt failed: ${site.name} did not stop: ${outcome.why.replace(/\.$/, "")}.${restore}${left}`);
      }
      if (operation === "stop") return `Stopped ${list}; IIS and the other sites keep running.`;
    }
    this.c.phase("starting", `Starting ${list}...`);
    const deadline = this.c.clock.now() + this.c.opts.startTimeoutMs;
    const failed: string[] = [];
    const started: SiteInfo[] = [];
    for (const site of found) {
      const now = operation === "start" ? site : { ...site, started: false, state: ObjectState.Stopped };
      const { why } = await this.siteTo(now, true, deadline);
      if (why !== undefined) failed.push(`${site.name}: ${why.replace(/\.$/, "")}`);
      else started.push(site);
    }
    failed.push(...(await this.poolsNotServing(started)));
    if (failed.length > 0) throw new Failure("START_FAILED", `Start attempt failed; NOT started now: ${failed.join("; ")}.`);
    await this.c.verifyHealth();
    return `${operation === "start" ? "Started" : "Restarted"} ${list}; IIS and the other sites kept running.`;
  }

  /**
   * Brings one site to Started / Stopped, as a step: nothing to do when it is there already (IIS answers 1062 /
   * 1056 then); a site already on its way there (Stopping / Starting) is only watched; else Site.Stop / Site.Start
   * and a watch of its state until the deadline. `why` is undefined when it got there; `acted` when this run moved it.
   */
  private async siteTo(site: SiteInfo, start: boolean, deadlineAtMs: number): Promise<{ why?: string; acted: boolean; state?: number | undefined }> {
    const name = site.name;
    const action = start ? "start-site" : "stop-site";
    const want = start ? ObjectState.Started : ObjectState.Stopped;
    const t0 = this.c.clock.now();
    const already = start ? "already started" : "already stopped";
    const now = stateOf(site);
    if (now === want) {
      this.c.step(action, name, t0, Win32.SUCCESS, already, true, true);
      return { acted: false };
    }
    let callError = "";
    const onItsWay = now === (start ? ObjectState.Starting : ObjectState.Stopping);
    // A site still settling the other way cannot take the call yet (IIS refuses a Start while Stopping): wait first.
    const otherWay = now === (start ? ObjectState.Stopping : ObjectState.Starting);
    if (otherWay) {
      const settled = await this.watch("site", name, start ? ObjectState.Stopped : ObjectState.Started, deadlineAtMs);
      if (!settled.reached) return this.siteFailed(action, name, t0, settled.state, `still ${objectStateName(settled.state)} after ${this.seconds(t0)} s`);
    }
    if (!onItsWay) {
      try {
        if (start) await this.c.host.startSite(name);
        else await this.c.host.stopSite(name);
      } catch (err) {
        const idle = start ? Win32.SERVICE_ALREADY_RUNNING : Win32.SERVICE_NOT_ACTIVE;
        if (err instanceof Win32Error && err.win32 === idle) {
          // IIS says it is there (or on its way, since the listing): the state decides when it is.
          const settled = await this.watch("site", name, want, deadlineAtMs);
          if (settled.reached) {
            this.c.step(action, name, t0, Win32.SUCCESS, already, true, true);
            return { acted: false };
          }
          return this.siteFailed(action, name, t0, settled.state, `still ${objectStateName(settled.state)} after ${this.seconds(t0)} s`);
        }
        if (err instanceof Win32Error) {
          const why = this.refusal(err.win32, site);
          this.c.step(action, name, t0, err.win32, why, false);
          return { why, acted: false, state: now };
        }
        // A call that failed on the host (a PowerShell timeout) may still have taken effect: the state decides.
        callError = errorText(err).replace(/\.$/, "");
      }
    }
    const watched = await this.watch("site", name, want, deadlineAtMs);
    if (watched.reached) {
      this.c.step(action, name, t0, Win32.SUCCESS, start ? "started" : "stopped", true);
      // A site that was already on its way was moved by someone else: a failed run does not put it back.
      return { acted: !onItsWay };
    }
    const where = watched.state === undefined ? "in a state the host could not read" : objectStateName(watched.state);
    const why = watched.settled
      ? `it is ${where}${callError !== "" ? ` (${callError})` : ""}`
      : `still ${where} after ${this.seconds(t0)} s${callError !== "" ? ` (${callError})` : watched.error !== undefined ? ` (${watched.error})` : ""}`;
    return this.siteFailed(action, name, t0, watched.state, why, watched.settled ? 0 : Win32.SERVICE_REQUEST_TIMEOUT);
  }

  private siteFailed(action: StepAction, name: string, t0: number, state: number | undefined, why: string, win32: number = Win32.SERVICE_REQUEST_TIMEOUT): { why: string; acted: boolean; state?: number | undefined } {
    this.c.step(action, name, t0, win32, why, false);
    return { why, acted: true, state };
  }

  /** IIS's refusal of a Site.Start / Site.Stop, in words that say what to do about it. */
  private refusal(win32: number, site: SiteInfo): string {
    if (win32 === Win32.ALREADY_EXISTS) return `a binding of ${site.name} is already registered by another started site (Win32 183)`;
    if (win32 === Win32.SHARING_VIOLATION) {
      const ports = [...new Set(site.bindings.map(bindingPort).filter((p): p is number => p !== undefined))].join(", ");
      return `a port of its bindings (${ports}) is in use by another process, not HTTP.SYS (Win32 32)`;
    }
    return `${win32Message(win32)} (Win32 ${win32})`;
  }

  /** The pool once it is Started or Stopped (watched while Starting / Stopping), or why it did not settle in time. */
  private async settledPool(pool: AppPoolInfo, t0: number): Promise<AppPoolInfo | string> {
    const now = stateOf(pool);
    if (now !== ObjectState.Starting && now !== ObjectState.Stopping) return pool;
    const watched = await this.watch("pool", pool.name, now === ObjectState.Starting ? ObjectState.Started : ObjectState.Stopped, t0 + this.c.opts.startTimeoutMs);
    if (!watched.settled) return `still ${objectStateName(watched.state)} after ${this.seconds(t0)} s; nothing was done to it`;
    return { ...pool, started: watched.state === ObjectState.Started, state: watched.state ?? ObjectState.Unknown };
  }

  /**
   * A site can be Started with its pool stopped (IIS allows it); it serves nothing then: 503 from HTTP.SYS. One pool
   * listing for all the started sites (each listing is a PowerShell round trip on Windows); a site's pool is the one
   * it was listed with.
   */
  private async poolsNotServing(sites: SiteInfo[]): Promise<string[]> {
    const named = sites.filter((s) => s.appPool !== "");
    if (named.length === 0) return [];
    let pools: AppPoolInfo[];
    try {
      pools = await this.c.host.listAppPools();
    } catch {
      return []; // The health gate still speaks for the sites.
    }
    return named.flatMap((site) => {
      const pool = pools.find((p) => sameIisName(p.name, site.appPool));
      if (pool === undefined || pool.started || stateOf(pool) === ObjectState.Starting) return [];
      return [`${site.name}: started, but its application pool ${pool.name} is ${objectStateName(stateOf(pool))}, so its requests get 503`];
    });
  }

  /**
   * Watches one site or pool until it is `want`, it settles elsewhere (Started or Stopped, not `want`), or the deadline
   * would pass: a look is not begun when what the last one cost no longer fits before the deadline, so the watch ends
   * by the deadline even when every host call is a PowerShell round trip.
   */
  private async watch(kind: "site" | "pool", name: string, want: number, deadlineAtMs: number): Promise<{ reached: boolean; settled: boolean; state?: number | undefined; error?: string }> {
    let cost = 0;
    let last: { state?: number | undefined; error?: string } = {};
    for (;;) {
      const began = this.c.clock.now();
      try {
        const list: (SiteInfo | AppPoolInfo)[] = kind === "site" ? await this.c.host.listSites() : await this.c.host.listAppPools();
        const found = list.find((o) => sameIisName(o.name, name));
        last = { state: found === undefined ? undefined : stateOf(found) };
      } catch (err) {
        last = { ...last, error: errorText(err).replace(/\.$/, "") };
      }
      const now = this.c.clock.now();
      cost = now - began;
      if (last.state === want) return { reached: true, settled: true, state: last.state };
      const settled = last.state === ObjectState.Started || last.state === ObjectState.Stopped;
      if (settled && last.error === undefined) return { reached: false, settled: true, state: last.state };
      if (now + this.c.pollMs + cost > deadlineAtMs) return { reached: false, settled: false, ...last };
      await this.c.clock.sleep(this.c.pollMs);
    }
  }

  private seconds(t0: number): number {
    return Math.round((this.c.clock.now() - t0) / 1000);
  }

  /** After a failed stop: starts again the sites this run stopped; the sentence says what the host shows. */
  private async restoreSites(sites: SiteInfo[]): Promise<string> {
    const names = sites.map((s) => s.name);
    this.c.phase("restoring", `Starting again ${names.join(", ")}...`);
    const deadline = this.c.clock.now() + this.c.opts.startTimeoutMs;
    const failed: string[] = [];
    for (const site of sites) {
      const { why } = await this.siteTo({ ...site, started: false, state: ObjectState.Stopped }, true, deadline);
      if (why !== undefined) failed.push(`${site.name}: ${why.replace(/\.$/, "")}`);
    }
    return failed.length === 0 ? ` Restore: started again ${names.join(", ")}.` : ` Restore: NOT started now: ${failed.join("; ")}.`;
  }
}

/** ObjectState of a listed site or pool; an adapter that lists no state has only started / not started. */
function stateOf(o: SiteInfo | AppPoolInfo): number {
  return o.state ?? (o.started ? ObjectState.Started : ObjectState.Stopped);
}

