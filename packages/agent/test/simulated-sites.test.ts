// The simulated host's per-pool and per-site state, seen through real HTTP: each site answers for itself (a stopped
// site 404 as HTTP.SYS answers a URL no site registered, a stopped pool 503), a recycle sends new requests to the new
// worker while a request in flight finishes on the old one, which leaves only then (or at the shutdown time limit),
// and the engine's health gate covers a site restart and a pool recycle.
import { afterEach, describe, expect, it } from "vitest";
import { HttpHealthChecker } from "../src/health/probe.js";
import { ObjectState, Win32 } from "../src/host/port.js";
import { SimulatedHost, type SimulatedHostOptions, SimulatedSites, type SiteEndpoint, SimWin32 } from "../src/host/simulated/index.js";
import { ResetEngine } from "../src/reset/engine.js";
import { requestSite } from "../../../scripts/drain-harness.mjs";
import { resetOptions } from "./engine-support.js";

/** Generous: the machine is shared and loaded. */
async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}

const live: { host: SimulatedHost; sites: SimulatedSites }[] = [];
afterEach(async () => {
  for (const { host, sites } of live.splice(0)) {
    await sites.stop();
    host.dispose();
  }
});

async function start(opts: SimulatedHostOptions = {}): Promise<{ host: SimulatedHost; sites: SimulatedSites; url: (name: string) => SiteEndpoint; endpoints: SiteEndpoint[] }> {
  const host = new SimulatedHost({ stopMs: 20, startMs: 20, ...opts });
  const sites = new SimulatedSites(host);
  live.push({ host, sites });
  const endpoints = await sites.start();
  const url = (name: string) => {
    const e = endpoints.find((x) => x.name === name);
    if (!e) throw new Error(`no site ${name}`);
    return e;
  };
  return { host, sites, url, endpoints };
}

/** A request to a site as a client of its host name sends it: to its listener, with its binding's Host header. */
async function open(site: SiteEndpoint, query = ""): Promise<{ status: number; pid: number | undefined; site: string | undefined; text: () => Promise<string> }> {
  const res = await requestSite(`${site.url}${query}`, site.host);
  const pid = res.headers["x-iis-worker-pid"] as string | undefined;
  return { status: res.status, pid: pid === undefined ? undefined : Number(pid), site: res.headers["x-iis-site"] as string | undefined, text: res.text };
}

async function get(site: SiteEndpoint): Promise<{ status: number; pid: number | undefined; site: string | undefined; body: string }> {
  const res = await open(site);
  return { ...res, body: await res.text() };
}

const hold = (site: SiteEndpoint, ms: number) => open(site, `?delayMs=${ms}`);

async function poolWorkers(host: SimulatedHost, pool: string): Promise<number[]> {
  return (await host.listAppPools()).find((p) => p.name === pool)?.workerPids ?? [];
}

/** One GET with a Host header, as a browser asking for that host name would send it. */
async function getAs(url: string, host: string): Promise<{ status: number; site: string | undefined; body: string }> {
  const res = await requestSite(url, host);
  return { status: res.status, site: res.headers["x-iis-site"] as string | undefined, body: await res.text() };
}

describe("one port for every site, told apart by the Host header of their bindings (HTTP.SYS)", () => {
  it("serves every port-80 site on one listener; a host name no started site binds goes to the catch-all site, or 400 without one", async () => {
    const { host, endpoints } = await start();
    const ports = new Set(endpoints.map((e) => new URL(e.url).port));
    expect(ports.size).toBe(1);
    const [url] = endpoints.map((e) => e.url.replace(/\/[^/]*$/, "/"));
    const base = url as string;
    expect(endpoints.map((e) => [e.name, e.host])).toEqual([
      ["Default Web Site", undefined],
      ["Shop", "shop.example.com"],
      ["Api", "api.example.com"],
    ]);
    expect(await getAs(`${base}health`, "shop.example.com")).toMatchObject({ status: 200, site: "Shop" });
    expect(await getAs(`${base}health`, "API.example.com:80")).toMatchObject({ status: 200, site: "Api" });
    // The catch-all binding (*:80:, no host name) takes every other host name: IIS's static start page at /, its own
    // 404.0 for a path it does not have.
    expect(await getAs(base, "other.example")).toMatchObject({ status: 200, site: "Default Web Site" });
    const notThere = await getAs(`${base}health`, "other.example");
    expect(notThere).toMatchObject({ status: 404, site: "Default Web Site" });
    expect(notThere.body).toContain("HTTP Error 404.0 - Not Found");
    // Shop stopped: its host name falls through to the catch-all site, which has no /health.
    await host.stopSite("Shop");
    expect(await getAs(`${base}health`, "shop.example.com")).toMatchObject({ status: 404, site: "Default Web Site" });
    // No catch-all started: a host name that only a stopped site binds gets HTTP.SYS's own 404.
    await host.stopSite("Default Web Site");
    await waitFor(() => host.siteStates()[0]?.state === ObjectState.Stopped);
    const stopped = await getAs(`${base}health`, "shop.example.com");
    expect(stopped).toMatchObject({ status: 404, site: undefined });
    expect(stopped.body).toContain("HTTP Error 404. The requested resource is not found.");
    expect(await getAs(`${base}health`, "api.example.com")).toMatchObject({ status: 200, site: "Api" });
  });

  it("a host name no binding on the port names, with no catch-all binding there: HTTP.SYS's 400 Invalid Hostname", async () => {
    const { endpoints } = await start({ sites: [{ id: 2, name: "Shop", appPool: "ShopAppPool", bindings: ["http/*:80:shop.example.com"] }] });
    const url = endpoints[0]?.url as string;
    expect(await getAs(url, "shop.example.com")).toMatchObject({ status: 200, site: "Shop" });
    const unknown = await getAs(url, "127.0.0.1");
    expect(unknown).toMatchObject({ status: 400, site: undefined });
    expect(unknown.body).toContain("HTTP Error 400. The request hostname is invalid.");
  });

  it("a site whose binding names another port gets a listener of its own; sites on a port only if their bindings say so", async () => {
    const { endpoints } = await start({
      sites: [
        { id: 1, name: "Default Web Site", appPool: "DefaultAppPool", bindings: ["http/*:80:"], content: "static" },
        { id: 2, name: "Shop", appPool: "ShopAppPool", bindings: ["http/*:80:shop.example.com"] },
        { id: 3, name: "Api", appPool: "ApiAppPool", bindings: ["http/*:8080:"] },
      ],
    });
    const port = (name: string) => new URL(endpoints.find((e) => e.name === name)?.url ?? "").port;
    expect(port("Shop")).toBe(port("Default Web Site"));
    expect(port("Api")).not.toBe(port("Shop"));
    expect(await getAs(`http://127.0.0.1:${port("Api")}/health`, "shop.example.com")).toMatchObject({ status: 200, site: "Api" });
    expect(await getAs(`http://127.0.0.1:${port("Shop")}/health`, "api.example.com")).toMatchObject({ status: 404, site: "Default Web Site" });
  });
});

describe("per-site HTTP on the simulated host", () => {
  it("a stopped site answers 404 (HTTP.SYS, no URL registered) while the others answer 200; a stopped pool's site 503", async () => {
    // A long start, so the Starting site is seen: its URLs are not registered until it is Started.
    const { host, url } = await start({ siteStartMs: 1_000 });
    await host.stopSite("Shop");
    // Its host name now falls through to the catch-all Default Web Site, IIS's start page, which has no /health.
    const shop = await get(url("Shop"));
    expect(shop).toMatchObject({ status: 404, site: "Default Web Site" });
    expect(shop.body).toContain("HTTP Error 404.0 - Not Found");
    expect((await get(url("Api"))).status).toBe(200);
    expect((await get(url("Default Web Site"))).status).toBe(200);
    host.stopAppPool("ApiAppPool");
    const api = await get(url("Api"));
    expect(api.status).toBe(503);
    expect(api.body).toContain("HTTP Error 503. The service is unavailable.");
    await waitFor(() => host.siteStates().find((s) => s.name === "Shop")?.state === ObjectState.Stopped);
    await host.startSite("Shop");
    // Starting: its URLs are not registered yet.
    expect(host.siteStates().find((s) => s.name === "Shop")?.state).toBe(ObjectState.Starting);
    expect((await get(url("Shop"))).status).toBe(404);
    await waitFor(() => host.siteStates().find((s) => s.name === "Shop")?.state === ObjectState.Started);
    const back = await get(url("Shop"));
    expect(back.status).toBe(200);
    expect(back.pid).toBe((await poolWorkers(host, "ShopAppPool"))[0]);
  });

  it("IIS's answers to site and pool calls: 87 unknown, 1062 already stopped, 1056 already started, 183 binding taken", async () => {
    const { host } = await start({
      sites: [
        { id: 1, name: "Default Web Site", appPool: "DefaultAppPool", bindings: ["http/*:80:"] },
        { id: 2, name: "Copy", appPool: "ShopAppPool", bindings: ["http/*:80:"], stopped: true },
      ],
    });
    const code = (p: Promise<unknown>) => p.then(() => 0, (e: { win32?: number }) => e.win32 ?? -1);
    expect(await code(host.stopSite("Nope"))).toBe(SimWin32.INVALID_PARAMETER);
    expect(await code(host.stopSite("Copy"))).toBe(Win32.SERVICE_NOT_ACTIVE);
    expect(await code(host.startSite("default web site"))).toBe(Win32.SERVICE_ALREADY_RUNNING);
    expect(await code(host.startSite("Copy"))).toBe(Win32.ALREADY_EXISTS);
    expect(await code(host.startAppPool("ShopAppPool"))).toBe(Win32.SERVICE_ALREADY_RUNNING);
    expect(await code(host.startAppPool("Nope"))).toBe(SimWin32.INVALID_PARAMETER);
    await host.stopSite("Default Web Site");
    expect(await code(host.startSite("Copy"))).toBe(0);
  });

  it("Site.Stop returns with the site Stopping: new requests get 404 at once, and it is Stopped only when its requests in flight are done", async () => {
    const { host, url } = await start({ siteStopMs: 20 });
    const held = await hold(url("Shop"), 600);
    expect(host.siteRequestsInFlight("Shop")).toBe(1);
    await host.stopSite("Shop");
    const state = () => host.siteStates().find((s) => s.name === "Shop")?.state;
    expect(state()).toBe(ObjectState.Stopping);
    expect((await get(url("Shop"))).status).toBe(404);
    await new Promise((r) => setTimeout(r, 200));
    expect(state()).toBe(ObjectState.Stopping);
    expect(await held.text()).toBe("Shop: OK\n");
    await waitFor(() => state() === ObjectState.Stopped);
    // IIS takes no Start while the site is Stopping (assumed 1061, as the SCM answers a pending service).
    const code = (p: Promise<unknown>) => p.then(() => 0, (e: { win32?: number }) => e.win32 ?? -1);
    const hung = await start({ siteFaults: { Api: "hung-stop" } });
    await hung.host.stopSite("Api");
    await new Promise((r) => setTimeout(r, 200));
    expect(hung.host.siteStates().find((s) => s.name === "Api")?.state).toBe(ObjectState.Stopping);
    expect(await code(hung.host.startSite("Api"))).toBe(Win32.SERVICE_CANNOT_ACCEPT_CTRL);
    expect(await code(hung.host.stopSite("Api"))).toBe(Win32.SERVICE_NOT_ACTIVE);
  });

  it("Site.Start fails at once with 32 on a port another process listens on, and the site stays Stopped", async () => {
    const { host } = await start({ sites: [{ id: 1, name: "Default Web Site", appPool: "DefaultAppPool", bindings: ["http/*:80:"], stopped: true }], portsInUse: [80] });
    const code = (p: Promise<unknown>) => p.then(() => 0, (e: { win32?: number }) => e.win32 ?? -1);
    expect(await code(host.startSite("Default Web Site"))).toBe(Win32.SHARING_VIOLATION);
    expect(host.siteStates()[0]?.state).toBe(ObjectState.Stopped);
    host.setPortInUse(80, false);
    expect(await code(host.startSite("Default Web Site"))).toBe(0);
  });

  it("pools pass through Starting and Stopping: a start that fails ends Stopped; a stop ends when the workers have left", async () => {
    const { host, url } = await start({ stoppedPools: ["ApiAppPool", "ShopAppPool"], poolStartMs: 150, poolFaults: { ApiAppPool: "start-failure" } });
    const state = async (pool: string) => (await host.listAppPools()).find((p) => p.name === pool)?.state;
    await host.startAppPool("ShopAppPool");
    await host.startAppPool("ApiAppPool");
    expect(await state("ShopAppPool")).toBe(ObjectState.Starting);
    await waitFor(async () => (await state("ShopAppPool")) === ObjectState.Started && (await state("ApiAppPool")) !== ObjectState.Starting);
    expect(await state("ApiAppPool")).toBe(ObjectState.Stopped);
    expect((await get(url("Api"))).status).toBe(503);
    const held = await hold(url("Shop"), 400);
    host.stopAppPool("ShopAppPool");
    expect(await state("ShopAppPool")).toBe(ObjectState.Stopping);
    expect((await get(url("Shop"))).status).toBe(503);
    await held.text();
    await waitFor(async () => (await state("ShopAppPool")) === ObjectState.Stopped);
  });

  it("overlapped recycle: a request in flight finishes on the old worker, the next goes to the new one; the old leaves after", async () => {
    const { host, url } = await start({ recycleOverlapMs: 20 });
    const [old] = await poolWorkers(host, "ShopAppPool");
    const inFlight = await hold(url("Shop"), 600);
    expect(inFlight.pid).toBe(old);
    expect(host.requestsInFlight(old as number)).toBe(1);
    await host.recycleAppPool("ShopAppPool");
    const [, fresh] = await poolWorkers(host, "ShopAppPool");
    expect(fresh).toBeDefined();
    expect((await get(url("Shop"))).pid).toBe(fresh);
    // Past the overlap, the old worker still runs: it has a request to finish.
    await new Promise((r) => setTimeout(r, 150));
    expect(await poolWorkers(host, "ShopAppPool")).toEqual([old, fresh]);
    expect(await inFlight.text()).toBe("Shop: OK\n");
    await waitFor(async () => (await poolWorkers(host, "ShopAppPool")).length === 1);
    expect(await poolWorkers(host, "ShopAppPool")).toEqual([fresh]);
    expect((await host.listProcesses()).some((p) => p.pid === old)).toBe(false);
  });

  it("an old worker still busy at the shutdown time limit is terminated, and its request's connection goes with it", async () => {
    const { host, url } = await start({ recycleOverlapMs: 10, shutdownTimeLimitMs: 150 });
    const [old] = await poolWorkers(host, "ApiAppPool");
    const held = await hold(url("Api"), 2000);
    expect(host.requestsInFlight(old as number)).toBe(1);
    const inFlight = held.text().then(() => "finished", () => "reset");
    await host.recycleAppPool("ApiAppPool");
    await waitFor(async () => !(await poolWorkers(host, "ApiAppPool")).includes(old as number));
    expect(await inFlight).toBe("reset");
  });

  it("the health gate covers sites: a site restart passes it; a recycle while a probed site is stopped fails it", async () => {
    const { host, sites } = await start();
    const checker = new HttpHealthChecker(() => sites.probes(), 1_000);
    const engine = new ResetEngine(host, { pollMs: 5, health: checker, probe: { timeoutMs: 1_000, attempts: 2, intervalMs: 10 } });
    const restart = await engine.run(resetOptions({ level: "site", operation: "restart", sites: ["Shop"] }));
    expect(restart.ok).toBe(true);
    expect(restart.steps.filter((s) => s.action === "probe").every((s) => s.ok)).toBe(true);
    const stop = await engine.run(resetOptions({ level: "site", operation: "stop", sites: ["Shop"] }));
    expect(stop.steps.some((s) => s.action === "probe")).toBe(false);
    const recycle = await engine.run(resetOptions({ level: "recycle", pools: ["ApiAppPool"] }));
    expect(recycle.code).toBe("HEALTH_FAILED");
    expect(recycle.message).toMatch(/expected 200, got 404|404/);
  });

  it("keeps the simulator's faults: under flapping-health a started site answers 500 every other request", async () => {
    const { url } = await start({ fault: "flapping-health" });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(url("Shop"))).status);
    expect(statuses.sort()).toEqual([200, 200, 500, 500]);
  });

  it("keeps pid reuse: the old worker's pid, once freed, belongs to an unrelated process and is no pool's worker", async () => {
    const { host, url } = await start({ pidReuse: true, recycleOverlapMs: 10 });
    const [old] = await poolWorkers(host, "ShopAppPool");
    await host.recycleAppPool("ShopAppPool");
    await waitFor(async () => (await poolWorkers(host, "ShopAppPool")).length === 1);
    const reused = (await host.listProcesses()).find((p) => p.pid === old);
    expect(reused?.image).toBe("WmiPrvSE.exe");
    expect((await host.listAppPools()).flatMap((p) => p.workerPids)).not.toContain(old);
    expect((await get(url("Shop"))).pid).not.toBe(old);
  });

  it("facts-level state survives an IIS restart: a stopped site and a stopped pool stay stopped", async () => {
    const { host } = await start();
    await host.stopSite("Shop");
    host.stopAppPool("ApiAppPool");
    const report = await new ResetEngine(host, { pollMs: 5 }).run(resetOptions());
    expect(report.ok).toBe(true);
    expect((await host.listSites()).map((s) => [s.name, s.started])).toEqual([["Default Web Site", true], ["Shop", false], ["Api", true]]);
    expect((await host.listAppPools()).map((p) => [p.name, p.started, p.workerPids.length])).toEqual([
      ["DefaultAppPool", true, 1],
      ["ShopAppPool", true, 1],
      ["ApiAppPool", false, 0],
    ]);
  });
});
