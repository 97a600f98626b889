// One pool, one site: the engine recycles only the named pools and stops / starts / restarts only the named sites on
// the simulated host, refusing a name the host does not have before anything is touched; the executor re-checks the
// names (MALFORMED), answers an unknown name as REJECTED and never reboots for it, and policy gates level "site".
import { type Command, ResultCode, resetBody, v1 } from "@iisfleet/proto";
import { describe, expect, it } from "vitest";
import { CommandExecutor } from "../src/commands/executor.js";
import { collectFacts } from "../src/host/facts.js";
import { PowerShellSession, WindowsHost, answerFromHost, fakeSessionSpawn, newSpawnCounts } from "../src/host/windows/index.js";
import type { Clock } from "../src/host/port.js";
import { type HostPort, ObjectState, type SiteInfo, Win32, Win32Error, objectStateName } from "../src/host/port.js";
import type { SimulatedHost } from "../src/host/simulated/index.js";
import { ResetEngine } from "../src/reset/engine.js";
import { NamedTargets } from "../src/reset/named-targets.js";
import { listNames } from "../src/reset/targets.js";
import { DEFAULT_POLICY } from "../src/state/policy.js";
import { fastSimulatedHosts, resetOptions, targets } from "./engine-support.js";

const makeHost = fastSimulatedHosts();
const engineFor = (host: SimulatedHost) => new ResetEngine(host, { pollMs: 5 });

async function workers(host: SimulatedHost): Promise<Record<string, number[]>> {
  return Object.fromEntries((await host.listAppPools()).map((p) => [p.name, p.workerPids]));
}

async function siteStates(host: SimulatedHost): Promise<Record<string, boolean>> {
  return Object.fromEntries((await host.listSites()).map((s) => [s.name, s.started]));
}

describe("recycle with named pools", () => {
  it("recycles only the named pool (named in any case), overlapped; the other pools keep their workers", async () => {
    const host = makeHost({ recycleOverlapMs: 30 });
    const before = await workers(host);
    const report = await engineFor(host).run(resetOptions({ level: "recycle", pools: ["shopapppool"] }));
    expect(report).toMatchObject({ ok: true, code: "OK", message: "Recycled ShopAppPool." });
    expect(targets(report.steps, "recycle")).toEqual(["ShopAppPool"]);
    const after = await workers(host);
    expect(after["DefaultAppPool"]).toEqual(before["DefaultAppPool"]);
    expect(after["ApiAppPool"]).toEqual(before["ApiAppPool"]);
    // Overlapped: the old worker is still there next to the new one until the overlap is over.
    expect(after["ShopAppPool"]).toHaveLength(2);
    expect(after["ShopAppPool"]?.[0]).toBe(before["ShopAppPool"]?.[0]);
    expect(host.stateLog).toEqual([]);
  });

  it("refuses a name the host does not have: POOL_UNKNOWN, nothing touched, the pools that exist named", async () => {
    const host = makeHost();
    const before = await workers(host);
    const report = await engineFor(host).run(resetOptions({ level: "recycle", pools: ["ShopAppPool", "NoSuchPool"] }));
    expect(report.ok).toBe(false);
    expect(report.code).toBe("POOL_UNKNOWN");
    expect(report.message).toBe(
      'This host has no application pool named "NoSuchPool"; nothing was touched. Its application pools: "DefaultAppPool", "ShopAppPool", "ApiAppPool".',
    );
    expect(report.steps).toEqual([]);
    expect(await workers(host)).toEqual(before);
  });

  it("bounds the list of existing names in the refusal", () => {
    const names = Array.from({ length: 25 }, (_, i) => `P${i}`);
    expect(listNames(names)).toMatch(/"P19" and 5 more$/);
    expect(listNames([])).toBe("none");
  });

  it("reports a stopped named pool and leaves it alone; with start-stopped it is started (START_POOL) and gets a worker", async () => {
    const host = makeHost({ stoppedPools: ["ApiAppPool"] });
    const left = await engineFor(host).run(resetOptions({ level: "recycle", pools: ["ShopAppPool", "ApiAppPool"] }));
    expect(left.ok).toBe(true);
    expect(left.message).toBe("Recycled ShopAppPool. ApiAppPool is stopped and was left alone (ask for start-stopped to start it).");
    const skipped = left.steps.find((s) => s.target === "ApiAppPool");
    expect(skipped).toMatchObject({ action: "recycle", ok: true, skipped: true });
    expect((await host.listAppPools()).find((p) => p.name === "ApiAppPool")).toMatchObject({ started: false, workerPids: [] });

    const started = await engineFor(host).run(resetOptions({ level: "recycle", pools: ["ApiAppPool"], startStopped: true }));
    expect(started).toMatchObject({ ok: true, message: "Started ApiAppPool, which was stopped." });
    expect(started.steps.map((s) => [s.action, s.target, s.ok])).toEqual([["start-pool", "ApiAppPool", true]]);
    const api = (await host.listAppPools()).find((p) => p.name === "ApiAppPool");
    expect(api?.started).toBe(true);
    expect(api?.workerPids).toHaveLength(1);
  });

  it("a named pool that is stopped because IIS is down: START_FAILED saying IIS is not serving, nothing started", async () => {
    const host = makeHost();
    await host.stopService("W3SVC");
    await new Promise((r) => setTimeout(r, 100));
    const report = await engineFor(host).run(resetOptions({ level: "recycle", pools: ["ShopAppPool"], startStopped: true }));
    expect(report.code).toBe("START_FAILED");
    expect(report.message).toMatch(/^Nothing was recycled: IIS is not serving \(W3SVC STOPPED\)/);
    expect(report.steps).toEqual([]);
  });

  it("a recycle the host refuses fails the run, naming the pool and the Win32 code, after the others ran", async () => {
    const host = makeHost();
    host.failCall({ kind: "script-fault", call: "recycleAppPool", target: "ShopAppPool" });
    const report = await engineFor(host).run(resetOptions({ level: "recycle", pools: ["ShopAppPool", "ApiAppPool"] }));
    expect(report.code).toBe("START_FAILED");
    expect(report.message).toMatch(/^Failed: ShopAppPool \(recycle: .+\)\. Recycled ApiAppPool\.$/);
    expect(report.steps.map((s) => [s.target, s.ok])).toEqual([["ShopAppPool", false], ["ApiAppPool", true]]);
  });
});

describe("level site", () => {
  it("stops only the named site: IIS, the pools and the other sites keep running", async () => {
    const host = makeHost();
    const pools = await workers(host);
    const report = await engineFor(host).run(resetOptions({ level: "site", operation: "stop", sites: ["shop"] }));
    expect(report).toMatchObject({ ok: true, code: "OK", message: "Stopped Shop; IIS and the other sites keep running." });
    expect(report.steps.map((s) => [s.action, s.target, s.ok, s.skipped])).toEqual([["stop-site", "Shop", true, false]]);
    expect(await siteStates(host)).toEqual({ "Default Web Site": true, Shop: false, Api: true });
    expect(await workers(host)).toEqual(pools);
    expect(host.stateLog).toEqual([]);
  });

  it("starts a stopped site and passes over one already started; restart stops then starts each", async () => {
    const host = makeHost({ sites: [{ id: 1, name: "Default Web Site", appPool: "DefaultAppPool", stopped: true }, { id: 2, name: "Shop", appPool: "ShopAppPool" }] });
    const start = await engineFor(host).run(resetOptions({ level: "site", operation: "start", sites: ["Default Web Site", "Shop"] }));
    expect(start.ok).toBe(true);
    expect(start.steps.map((s) => [s.action, s.target, s.message, s.skipped])).toEqual([
      ["start-site", "Default Web Site", "started", false],
      ["start-site", "Shop", "already started", true],
    ]);
    const restart = await engineFor(host).run(resetOptions({ level: "site", operation: "restart", sites: ["Shop"] }));
    expect(restart).toMatchObject({ ok: true, message: "Restarted Shop; IIS and the other sites kept running." });
    expect(restart.steps.map((s) => s.action)).toEqual(["stop-site", "start-site"]);
    expect(await siteStates(host)).toEqual({ "Default Web Site": true, Shop: true });
  });

  it("refuses a site the host does not have: SITE_UNKNOWN, nothing touched", async () => {
    const host = makeHost();
    const report = await engineFor(host).run(resetOptions({ level: "site", operation: "stop", sites: ["Shop", "Blog"] }));
    expect(report.code).toBe("SITE_UNKNOWN");
    expect(report.message).toBe('This host has no site named "Blog"; nothing was touched. Its sites: "Default Web Site", "Shop", "Api".');
    expect(report.steps).toEqual([]);
    expect(await siteStates(host)).toEqual({ "Default Web Site": true, Shop: true, Api: true });
  });

  it("a start whose binding another started site holds fails with 183, naming the site", async () => {
    const host = makeHost({
      sites: [
        { id: 1, name: "Default Web Site", appPool: "DefaultAppPool", bindings: ["http/*:80:"] },
        { id: 2, name: "Staging", appPool: "ShopAppPool", bindings: ["http/*:80:"], stopped: true },
      ],
    });
    const report = await engineFor(host).run(resetOptions({ level: "site", operation: "start", sites: ["Staging"] }));
    expect(report.code).toBe("START_FAILED");
    expect(report.message).toBe("Start attempt failed; NOT started now: Staging: a binding of Staging is already registered by another started site (Win32 183).");
    expect(report.steps[0]).toMatchObject({ action: "start-site", win32: Win32.ALREADY_EXISTS, ok: false });
  });

  it("a stop that fails part-way starts again the sites it had stopped, and says so", async () => {
    const host = makeHost();
    host.failCall({ kind: "spawn-failed", call: "stopSite", target: "Api" });
    const report = await engineFor(host).run(resetOptions({ level: "site", operation: "stop", sites: ["Shop", "Api"], stopTimeoutMs: 200 }));
    expect(report.code).toBe("STOP_FAILED");
    expect(report.message).toMatch(/^Stop attempt failed: Api did not stop: .+ Restore: started again Shop\.$/);
    expect(await siteStates(host)).toEqual({ "Default Web Site": true, Shop: true, Api: true });
  });

  it("with IIS down no site is touched: the run fails saying IIS is not serving", async () => {
    const host = makeHost();
    await host.stopService("W3SVC");
    await new Promise((r) => setTimeout(r, 100));
    const report = await engineFor(host).run(resetOptions({ level: "site", operation: "start", sites: ["Shop"] }));
    expect(report.code).toBe("START_FAILED");
    expect(report.message).toMatch(/^No site was touched: IIS is not serving \(W3SVC STOPPED\)/);
  });
});

describe("IIS's pending states: Stop() and Start() return before the site or pool settles", () => {
  const stateOf = (host: SimulatedHost, site: string) => objectStateName(host.siteStates().find((s) => s.name === site)?.state);
  const poolStateOf = async (host: SimulatedHost, pool: string) => objectStateName((await host.listAppPools()).find((p) => p.name === pool)?.state);

  it("a site stop is done only once the site is Stopped: requests in flight hold it Stopping, and the step waits for them", async () => {
    const host = makeHost();
    const request = host.routeSiteRequest(2);
    expect(request.kind).toBe("served");
    const heldMs = 400;
    setTimeout(() => (request.kind === "served" ? request.done() : undefined), heldMs);
    const t0 = Date.now();
    const report = await engineFor(host).run(resetOptions({ level: "site", operation: "stop", sites: ["Shop"] }));
    expect(report).toMatchObject({ ok: true, code: "OK" });
    expect(stateOf(host, "Shop")).toBe("Stopped");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(heldMs - 20);
    expect(report.steps.find((s) => s.action === "stop-site")).toMatchObject({ ok: true, message: "stopped" });
  });

  it("a hung site stop fails at the deadline (1053), and the sites this run had stopped are started again, waited for until Started", async () => {
    const host = makeHost({ siteFaults: { Api: "hung-stop" } });
    const t0 = Date.now();
    const report = await engineFor(host).run(resetOptions({ level: "site", operation: "restart", sites: ["Shop", "Api"], stopTimeoutMs: 400 }));
    const tookMs = Date.now() - t0;
    expect(report.code).toBe("STOP_FAILED");
    expect(report.message).toMatch(/^Restart attempt failed: Api did not stop: still Stopping after \d+ s\. Restore: started again Shop\. Api is left Stopping: IIS will finish its stop; start it once it is Stopped\.$/);
    expect(report.steps.find((s) => s.action === "stop-site" && s.target === "Api")).toMatchObject({ ok: false, win32: Win32.SERVICE_REQUEST_TIMEOUT });
    expect(stateOf(host, "Shop")).toBe("Started");
    expect(stateOf(host, "Api")).toBe("Stopping");
    expect(tookMs).toBeLessThan(400 + 3_000);
  });

  it("a slow stop past the deadline fails within it even when every host call costs 60 ms (the poll's own cost counted)", async () => {
    const host = makeHost({ siteFaults: { Shop: "slow-stop" }, siteStopMs: 500, callMs: 60 });
    const t0 = Date.now();
    const report = await engineFor(host).run(resetOptions({ level: "site", operation: "stop", sites: ["Shop"], stopTimeoutMs: 500 }));
    expect(report.code).toBe("STOP_FAILED");
    expect(report.message).toMatch(/^Stop attempt failed: Shop did not stop: still Stopping after \d+ s\. Shop is left Stopping/);
    const stopStep = report.steps.find((s) => s.action === "stop-site");
    // The watch never starts a poll it cannot finish before the deadline: the stop step ends by then (with room for a
    // loaded machine's timer lag; the exact arithmetic is the next test's, on a clock of its own).
    expect(stopStep?.durationMs ?? 0).toBeLessThanOrEqual(500 + 400);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it("the watch never begins a look it cannot finish by the deadline: with 300 ms per host call, a 1 s stop deadline is kept exactly", async () => {
    // A clock that moves only when the host is asked or the engine sleeps: the deadline arithmetic, and nothing else.
    let t = 0;
    const clock: Clock = { now: () => t, sleep: async (ms) => void (t += ms) };
    const costMs = 300;
    const stopping: SiteInfo = { name: "Shop", id: 2, started: false, state: ObjectState.Stopping, bindings: ["http/*:80:shop.example.com"], appPool: "ShopAppPool" };
    const host = {
      listSites: async () => ((t += costMs), [{ ...stopping, started: true, state: t <= costMs ? ObjectState.Started : ObjectState.Stopping }]),
      stopSite: async () => void (t += costMs),
    } as unknown as HostPort;
    const steps: { action: string; win32: number; ok: boolean }[] = [];
    const named = new NamedTargets({
      host,
      clock,
      pollMs: 10,
      opts: resetOptions({ level: "site", operation: "stop", sites: ["Shop"], stopTimeoutMs: 1_000 }),
      step: (action, _target, _t0, win32, _message, ok) => void steps.push({ action, win32, ok }),
      phase: () => undefined,
      iisDown: async () => [],
      verifyHealth: async () => undefined,
    });
    await expect(named.sites(["Shop"])).rejects.toMatchObject({ code: "STOP_FAILED" });
    // Listed at 0→300; the deadline is 1300. Stop 300→600; looks 600→900 and 910→1210; a third would end at 1520.
    expect(t).toBe(1_210);
    expect(steps).toEqual([{ action: "stop-site", win32: Win32.SERVICE_REQUEST_TIMEOUT, ok: false }]);
  });

  it("a pool started by someone else between the listing and ApplicationPool.Start (1056) is watched until Started, not failed", async () => {
    let starts = 0;
    const pool = (state: number) => ({ name: "ApiAppPool", started: state === ObjectState.Started, state, workerPids: [] });
    const host = {
      listAppPools: async () => [pool(starts === 0 ? ObjectState.Stopped : ObjectState.Started)],
      startAppPool: async () => {
        starts++;
        throw new Win32Error(Win32.SERVICE_ALREADY_RUNNING, "StartAppPool", "ApiAppPool");
      },
    } as unknown as HostPort;
    const steps: { action: string; ok: boolean }[] = [];
    const named = new NamedTargets({
      host,
      clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
      pollMs: 5,
      opts: resetOptions({ level: "recycle", pools: ["ApiAppPool"], startStopped: true }),
      step: (action, _target, _t0, _win32, _message, ok) => void steps.push({ action, ok }),
      phase: () => undefined,
      iisDown: async () => [],
      verifyHealth: async () => undefined,
    });
    expect(await named.recycle(["ApiAppPool"])).toBe("Started ApiAppPool, which was stopped.");
    expect(steps).toEqual([{ action: "start-pool", ok: true }]);
  });

  it("a start whose binding's port another process listens on fails with 32 and leaves the site Stopped; restart says NOT started now", async () => {
    const host = makeHost({ sites: [{ id: 1, name: "Default Web Site", appPool: "DefaultAppPool", bindings: ["http/*:80:"] }, { id: 2, name: "Shop", appPool: "ShopAppPool", bindings: ["http/*:8080:shop.example.com"] }] });
    host.setPortInUse(8080, true);
    const report = await engineFor(host).run(resetOptions({ level: "site", operation: "restart", sites: ["Shop"] }));
    expect(report.code).toBe("START_FAILED");
    expect(report.message).toBe(
      "Start attempt failed; NOT started now: Shop: a port of its bindings (8080) is in use by another process, not HTTP.SYS (Win32 32).",
    );
    expect(report.steps.find((s) => s.action === "start-site")).toMatchObject({ ok: false, win32: Win32.SHARING_VIOLATION });
    expect(stateOf(host, "Shop")).toBe("Stopped");
    host.setPortInUse(8080, false);
    const again = await engineFor(host).run(resetOptions({ level: "site", operation: "start", sites: ["Shop"] }));
    expect(again.ok).toBe(true);
    expect(stateOf(host, "Shop")).toBe("Started");
  });

  it("a site started while its pool is stopped is not serving: START_FAILED naming the pool (its requests get 503)", async () => {
    const host = makeHost({ stoppedPools: ["ShopAppPool"], sites: [{ id: 2, name: "Shop", appPool: "ShopAppPool", stopped: true }] });
    const report = await engineFor(host).run(resetOptions({ level: "site", operation: "start", sites: ["Shop"] }));
    expect(report.code).toBe("START_FAILED");
    expect(report.message).toBe("Start attempt failed; NOT started now: Shop: started, but its application pool ShopAppPool is Stopped, so its requests get 503.");
    expect(stateOf(host, "Shop")).toBe("Started");
  });

  it("asks the pools of all the sites it started in one listing, not one per site (each is a PowerShell round trip on Windows)", async () => {
    const host = makeHost();
    const list = host.listAppPools.bind(host);
    let listings = 0;
    host.listAppPools = () => {
      listings++;
      return list();
    };
    const report = await engineFor(host).run(resetOptions({ level: "site", operation: "restart", sites: ["Shop", "Api"] }));
    expect(report).toMatchObject({ ok: true, code: "OK" });
    expect(targets(report.steps, "start-site")).toEqual(["Shop", "Api"]);
    expect(listings).toBe(1);
  });

  it("a pool still Stopping is let settle before start-stopped starts it (IIS starts only a Stopped pool)", async () => {
    const host = makeHost({ recycleOverlapMs: 10 });
    const request = host.routeSiteRequest(3);
    host.stopAppPool("ApiAppPool");
    expect(await poolStateOf(host, "ApiAppPool")).toBe("Stopping");
    setTimeout(() => (request.kind === "served" ? request.done() : undefined), 300);
    const report = await engineFor(host).run(resetOptions({ level: "recycle", pools: ["ApiAppPool"], startStopped: true }));
    expect(report).toMatchObject({ ok: true, message: "Started ApiAppPool, which was stopped." });
    expect(await poolStateOf(host, "ApiAppPool")).toBe("Started");
  });

  it("start-stopped waits for each pool to be Started; a pool whose start ends Stopped fails the run, naming it", async () => {
    const host = makeHost({ stoppedPools: ["ApiAppPool", "ShopAppPool"], poolStartMs: 200, poolFaults: { ShopAppPool: "start-failure" } });
    const report = await engineFor(host).run(resetOptions({ level: "recycle", pools: ["ApiAppPool", "ShopAppPool"], startStopped: true }));
    expect(report.code).toBe("START_FAILED");
    expect(report.message).toBe("Failed: ShopAppPool (start: it went back to Stopped: WAS could not start it, see the System event log). Started ApiAppPool, which was stopped.");
    expect(await poolStateOf(host, "ApiAppPool")).toBe("Started");
    expect(await poolStateOf(host, "ShopAppPool")).toBe("Stopped");
    expect(report.steps.find((s) => s.target === "ApiAppPool")?.durationMs ?? 0).toBeGreaterThanOrEqual(150);
  });
});

describe("the executor with named pools and sites", () => {
  const clock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
  let n = 0;
  const command = (reset: v1.IResetRequest): Command =>
    v1.Command.create({ commandId: `t${++n}`, targetHost: "web01", issuedAtMs: Date.now(), expiresAtMs: Date.now() + 30_000, ...resetBody(reset) });
  const executorFor = (host: SimulatedHost, extra: Partial<ConstructorParameters<typeof CommandExecutor>[0]> = {}) =>
    new CommandExecutor({ host: "web01", engine: engineFor(host), clock, events: { progress: () => undefined }, ...extra });

  it("re-checks the names as IIS would: MALFORMED before anything runs (pools with level iis, a site twice, a forbidden character)", async () => {
    const host = makeHost();
    const executor = executorFor(host);
    const bad: v1.IResetRequest[] = [
      { operation: v1.Operation.OPERATION_RESTART, level: v1.ResetLevel.RESET_LEVEL_IIS, pools: ["ShopAppPool"] },
      { operation: v1.Operation.OPERATION_STOP, level: v1.ResetLevel.RESET_LEVEL_SITE, sites: ["Shop", "SHOP"] },
      { operation: v1.Operation.OPERATION_RESTART, level: v1.ResetLevel.RESET_LEVEL_RECYCLE, pools: ["Shop:Pool"] },
      { operation: v1.Operation.OPERATION_STOP, level: v1.ResetLevel.RESET_LEVEL_SITE, sites: [] },
    ];
    for (const reset of bad) {
      const r = await executor.execute(command(reset));
      expect(r, JSON.stringify(reset)).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.MALFORMED });
    }
    expect(executor.executedCount).toBe(0);
    expect(host.calls).toBe(0);
  });

  it("refuses names sent as a plain reset (an older agent would have dropped them) and a level or operation it does not know, touching nothing", async () => {
    const host = makeHost();
    const executor = executorFor(host);
    const plain = (reset: v1.IResetRequest): Command =>
      v1.Command.create({ commandId: `t${++n}`, targetHost: "web01", issuedAtMs: Date.now(), expiresAtMs: Date.now() + 30_000, reset });
    const cases: Array<[Command, RegExp]> = [
      [plain({ operation: v1.Operation.OPERATION_RESTART, level: v1.ResetLevel.RESET_LEVEL_RECYCLE, pools: ["ShopAppPool"] }), /names pools or sites in a plain reset/],
      [plain({ operation: v1.Operation.OPERATION_STOP, level: v1.ResetLevel.RESET_LEVEL_SITE, sites: ["Shop"] }), /names pools or sites in a plain reset/],
      [plain({ operation: v1.Operation.OPERATION_RESTART, level: 42 as v1.ResetLevel }), /reset level \(42\) is not one this agent knows/],
      [command({ operation: 9 as v1.Operation, level: v1.ResetLevel.RESET_LEVEL_SITE, sites: ["Shop"] }), /operation \(9\) is not one this agent knows/],
    ];
    for (const [cmd, why] of cases) {
      const r = await executor.execute(cmd);
      expect(r).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.MALFORMED });
      expect(r.message).toMatch(why);
    }
    expect(executor.executedCount).toBe(0);
    expect(host.calls).toBe(0);
  });

  it("an unknown pool is REJECTED with POOL_UNKNOWN and never reboots the host, reboot-on-error or not", async () => {
    const host = makeHost();
    let reboots = 0;
    const executor = executorFor(host, { policy: { ...DEFAULT_POLICY, allowReboot: true }, reboot: async () => void reboots++ });
    const r = await executor.execute(
      command({ operation: v1.Operation.OPERATION_RESTART, level: v1.ResetLevel.RESET_LEVEL_RECYCLE, pools: ["Nope"], rebootOnError: true }),
    );
    expect(r).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.POOL_UNKNOWN });
    expect(r.message).toContain('"ShopAppPool"');
    expect(reboots).toBe(0);
    const site = await executor.execute(command({ operation: v1.Operation.OPERATION_STOP, level: v1.ResetLevel.RESET_LEVEL_SITE, sites: ["Nope"] }));
    expect(site).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.SITE_UNKNOWN });
  });

  it("carries the named pools, start-stopped and sites to the engine, with the wire's step actions", async () => {
    const host = makeHost({ stoppedPools: ["ApiAppPool"] });
    const executor = executorFor(host);
    const recycle = await executor.execute(
      command({ operation: v1.Operation.OPERATION_RESTART, level: v1.ResetLevel.RESET_LEVEL_RECYCLE, pools: ["ShopAppPool", "ApiAppPool"], startStopped: true }),
    );
    expect(recycle.outcome).toBe(v1.Outcome.OUTCOME_SUCCEEDED);
    expect(recycle.steps?.map((s) => [s.action, s.target])).toEqual([
      [v1.StepAction.STEP_ACTION_RECYCLE_POOL, "ShopAppPool"],
      [v1.StepAction.STEP_ACTION_START_POOL, "ApiAppPool"],
    ]);
    const stop = await executor.execute(command({ operation: v1.Operation.OPERATION_STOP, level: v1.ResetLevel.RESET_LEVEL_SITE, sites: ["Api"] }));
    const start = await executor.execute(command({ operation: v1.Operation.OPERATION_START, level: v1.ResetLevel.RESET_LEVEL_SITE, sites: ["Api"] }));
    expect(stop.steps?.map((s) => s.action)).toEqual([v1.StepAction.STEP_ACTION_STOP_SITE]);
    expect(start.steps?.map((s) => s.action)).toEqual([v1.StepAction.STEP_ACTION_START_SITE]);
  });

  it("a policy that does not list level site refuses it (POLICY); the default policy allows it", async () => {
    const host = makeHost();
    const strict = executorFor(host, { policy: { ...DEFAULT_POLICY, allowedLevels: ["recycle", "w3svc", "iis", "http"] } });
    const r = await strict.execute(command({ operation: v1.Operation.OPERATION_STOP, level: v1.ResetLevel.RESET_LEVEL_SITE, sites: ["Shop"] }));
    expect(r).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.POLICY });
    expect(r.message).toContain("level site");
    expect(DEFAULT_POLICY.allowedLevels).toContain("site");
  });
});

describe("host facts", () => {
  it("report every site (name, id, state, bindings, root pool) and every pool's state and workers", async () => {
    const host = makeHost({ stoppedPools: ["ApiAppPool"] });
    await host.stopSite("Shop");
    const facts = await collectFacts(host, { host: "web01", farm: "shop", tags: {} }, {
      cordoned: false,
      cordonReason: "",
      busyCommandId: undefined,
      health: "unknown",
      lastReset: undefined,
    });
    expect(facts.sites).toEqual([
      { name: "Default Web Site", id: 1, started: true, bindings: ["http/*:80:"], appPool: "DefaultAppPool" },
      { name: "Shop", id: 2, started: false, bindings: ["http/*:80:shop.example.com"], appPool: "ShopAppPool" },
      { name: "Api", id: 3, started: true, bindings: ["http/*:80:api.example.com"], appPool: "ApiAppPool" },
    ]);
    expect(facts.appPools?.map((p) => [p.name, p.started, p.workerPids?.length])).toEqual([
      ["DefaultAppPool", true, 1],
      ["ShopAppPool", true, 1],
      ["ApiAppPool", false, 0],
    ]);
    // They travel: encoded and decoded as the heartbeat carries them.
    const wire = v1.HostFacts.decode(v1.HostFacts.encode(facts).finish());
    expect(wire.sites.map((s) => [s.name, Number(s.id), s.started])).toEqual([["Default Web Site", 1, true], ["Shop", 2, false], ["Api", 3, true]]);
  });
});

describe("through the Windows adapter's own code (session, scripts, parsers) against a simulated IIS", () => {
  it("recycles one named pool and stops one site with one script call each, names passed as data", async () => {
    const sim = makeHost({ recycleOverlapMs: 30 });
    const counts = newSpawnCounts();
    const session = new PowerShellSession({ spawn: fakeSessionSpawn(answerFromHost(sim), counts) });
    const host = new WindowsHost(session.run, () => session.close());
    try {
      const before = await workers(sim);
      const recycle = await new ResetEngine(host, { pollMs: 5 }).run(resetOptions({ level: "recycle", pools: ["SHOPAPPPOOL"] }));
      expect(recycle).toMatchObject({ ok: true, message: "Recycled ShopAppPool." });
      expect((await workers(sim))["ShopAppPool"]).not.toEqual(before["ShopAppPool"]);
      expect((await workers(sim))["ApiAppPool"]).toEqual(before["ApiAppPool"]);
      const stop = await new ResetEngine(host, { pollMs: 5 }).run(resetOptions({ level: "site", operation: "stop", sites: ["Api"] }));
      expect(stop.ok).toBe(true);
      expect(await siteStates(sim)).toEqual({ "Default Web Site": true, Shop: true, Api: false });
      const unknown = await new ResetEngine(host, { pollMs: 5 }).run(resetOptions({ level: "site", operation: "start", sites: ["Blog"] }));
      expect(unknown.code).toBe("SITE_UNKNOWN");
      expect(counts.byScript).toMatchObject({ listAppPools: 1, recycleAppPool: 1, stopSite: 1 });
      expect(counts.byScript.startSite ?? 0).toBe(0);
      expect(counts.spawns).toBe(1);
    } finally {
      host.dispose();
    }
  });
});

describe("the Windows adapter's scripts and parsers with IIS's pending states (simulated IIS behind them)", () => {
  it("a site Stop() answered while Stopping is watched through listSites until Stopped; a pool Start() until Started", async () => {
    const sim = makeHost({ stoppedPools: ["ApiAppPool"], poolStartMs: 250 });
    const session = new PowerShellSession({ spawn: fakeSessionSpawn(answerFromHost(sim), newSpawnCounts()) });
    const host = new WindowsHost(session.run, () => session.close());
    try {
      const request = sim.routeSiteRequest(2);
      setTimeout(() => (request.kind === "served" ? request.done() : undefined), 400);
      const stop = await new ResetEngine(host, { pollMs: 5 }).run(resetOptions({ level: "site", operation: "stop", sites: ["Shop"] }));
      expect(stop.ok).toBe(true);
      expect(objectStateName(sim.siteStates().find((s) => s.name === "Shop")?.state)).toBe("Stopped");
      const start = await new ResetEngine(host, { pollMs: 5 }).run(resetOptions({ level: "recycle", pools: ["ApiAppPool"], startStopped: true }));
      expect(start).toMatchObject({ ok: true, message: "Started ApiAppPool, which was stopped." });
      expect(objectStateName((await sim.listAppPools()).find((p) => p.name === "ApiAppPool")?.state)).toBe("Started");
    } finally {
      host.dispose();
    }
  });
});
