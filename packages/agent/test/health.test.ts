// Health probes against real HTTP listeners of the simulated sites: a host is back only when its services run
// and its sites answer.
import { afterEach, describe, expect, it } from "vitest";
import { HttpHealthChecker, type ProbeSpec, parseProbeSpec } from "../src/health/probe.js";
import { SimulatedHost, SimulatedSites } from "../src/host/simulated/index.js";
import { ResetEngine } from "../src/reset/engine.js";
import type { ResetOptions } from "../src/reset/types.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function siteHost(fault?: "flapping-health" | "none") {
  const host = new SimulatedHost({ stopMs: 20, startMs: 20, ...(fault ? { fault } : {}) });
  const sites = new SimulatedSites(host);
  const endpoints = await sites.start();
  cleanups.push(() => host.dispose(), () => sites.stop());
  const specs: ProbeSpec[] = sites.probes();
  return { host, sites, endpoints, checker: new HttpHealthChecker(() => specs, 1_000) };
}

const restart: ResetOptions = { operation: "restart", level: "iis", force: false, stopTimeoutMs: 2_000, startTimeoutMs: 5_000 };

describe("simulated sites", () => {
  it("answer 200 while IIS serves, 503 while W3SVC is stopped, and reset the connection without HTTP.SYS", async () => {
    const { host, endpoints } = await siteHost();
    const url = endpoints[0]?.url as string;
    expect((await fetch(url)).status).toBe(200);
    await new ResetEngine(host, { pollMs: 5 }).run({ ...restart, operation: "stop" });
    expect((await fetch(url)).status).toBe(503);
    await new ResetEngine(host, { pollMs: 5 }).run({ ...restart, operation: "stop", level: "http" });
    await expect(fetch(url)).rejects.toThrow();
  });

  it("share one port, pinned (--sim-site-port), so a load balancer can point at it; a probe names its site by Host header", async () => {
    const { createServer } = await import("node:net");
    // A free port with two more after it is likely but not certain: ask the OS for one, then try from there.
    const base = await new Promise<number>((res) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => res(p));
      });
    });
    const host = new SimulatedHost({ stopMs: 20, startMs: 20 });
    const sites = new SimulatedSites(host);
    cleanups.push(() => host.dispose(), () => sites.stop());
    const endpoints = await sites.start("127.0.0.1", base);
    expect(endpoints.map((e) => [e.url, e.host])).toEqual([
      [`http://127.0.0.1:${base}/`, undefined],
      [`http://127.0.0.1:${base}/health`, "shop.example.com"],
      [`http://127.0.0.1:${base}/health`, "api.example.com"],
    ]);
    expect(sites.probes()[1]).toEqual({ url: `http://127.0.0.1:${base}/health`, expectStatus: 200, host: "shop.example.com" });
    const results = await new HttpHealthChecker(() => sites.probes(), 1_000).check();
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    // The probe is what names the site: without its Host header, /health on the shared port is the catch-all site's 404.
    expect((await fetch(endpoints[1]?.url as string)).status).toBe(404);
  });
});

describe("the engine's health gate", () => {
  it("a restart is reported successful only after every site answered, with one probe step per site", async () => {
    const { host, checker, endpoints } = await siteHost();
    const seen: boolean[] = [];
    const report = await new ResetEngine(host, { pollMs: 5, health: checker, probe: { timeoutMs: 1_000, attempts: 5, intervalMs: 20 }, onProbe: (r) => seen.push(r.every((x) => x.ok)) }).run(restart);
    expect(report.ok).toBe(true);
    const probes = report.steps.filter((s) => s.action === "probe");
    expect(probes.map((p) => p.target).sort()).toEqual(endpoints.map((e) => (e.host === undefined ? e.url : `${e.url} (Host: ${e.host})`)).sort());
    expect(probes.every((p) => p.ok && /^HTTP 200 in \d+ ms/.test(p.message))).toBe(true);
    expect(seen.at(-1)).toBe(true);
  });

  it("a host whose health flaps fails with HEALTH_FAILED after its warm-up rounds, though services run", async () => {
    const { host, checker } = await siteHost("flapping-health");
    const report = await new ResetEngine(host, { pollMs: 5, health: checker, probe: { timeoutMs: 1_000, attempts: 3, intervalMs: 10 } }).run(restart);
    expect(report.ok).toBe(false);
    expect(report.code).toBe("HEALTH_FAILED");
    expect(report.message).toMatch(/^The services are running but the host is not healthy after 3 probe rounds/);
    expect(report.steps.filter((s) => s.action === "probe" && !s.ok).length).toBeGreaterThan(0);
    expect((await host.queryService("W3SVC")).state).toBe(4);
  });

  it("verifyHealth=false skips the probes", async () => {
    const { host, checker } = await siteHost("flapping-health");
    const report = await new ResetEngine(host, { pollMs: 5, health: checker }).run({ ...restart, verifyHealth: false });
    expect(report.ok).toBe(true);
    expect(report.steps.some((s) => s.action === "probe")).toBe(false);
  });

  it("an unreachable probe URL is a clear failure, not a hang", async () => {
    const { host } = await siteHost();
    const checker = new HttpHealthChecker(() => [{ url: "http://127.0.0.1:9/health", expectStatus: 200 }], 500);
    const report = await new ResetEngine(host, { pollMs: 5, health: checker, probe: { timeoutMs: 500, attempts: 2, intervalMs: 10 } }).run(restart);
    expect(report.code).toBe("HEALTH_FAILED");
    expect(report.message).toMatch(/http:\/\/127\.0\.0\.1:9\/health: no HTTP answer/);
  });
});

describe("probe specs", () => {
  it("parse a URL with an optional expected status", () => {
    expect(parseProbeSpec("http://web01/health")).toEqual({ url: "http://web01/health", expectStatus: 200 });
    expect(parseProbeSpec("https://web01:8443/ping=204")).toEqual({ url: "https://web01:8443/ping", expectStatus: 204 });
  });
  it.each(["ftp://x", "web01/health", "http://x=99", "http://x=2000", ""])("reject %j", (text) => {
    expect(() => parseProbeSpec(text)).toThrow();
  });
});

describe("probes and the idle agent's memory", () => {
  it("probe with node:http, never fetch(): fetch would keep Node's undici and its WebAssembly parser resident", async () => {
    const { endpoints, checker } = await siteHost();
    const realFetch = globalThis.fetch;
    let fetched = 0;
    globalThis.fetch = (() => {
      fetched++;
      return Promise.reject(new Error("fetch() must not be used by probes"));
    }) as typeof fetch;
    try {
      const results = await checker.check();
      expect(results.map((r) => r.ok)).toEqual(endpoints.map(() => true));
      expect(results.every((r) => r.status === 200 && /^HTTP 200 in \d+ ms$/.test(r.message))).toBe(true);
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(fetched).toBe(0);
  });

  it("a probe that gets no answer in time says so, and a wrong status says which", async () => {
    const { createServer } = await import("node:http");
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    cleanups.push(() => new Promise<void>((r) => silent.close(() => r())), () => void silent.closeAllConnections());
    const port = (silent.address() as { port: number }).port;
    const [timedOut] = await new HttpHealthChecker(() => [{ url: `http://127.0.0.1:${port}/`, expectStatus: 200 }], 200).check();
    expect(timedOut).toMatchObject({ ok: false, status: 0, message: "no answer within 200 ms" });
    const { endpoints } = await siteHost();
    const [wrong] = await new HttpHealthChecker(() => [{ url: endpoints[0]?.url as string, expectStatus: 204 }], 1_000).check();
    expect(wrong).toMatchObject({ ok: false, status: 200, message: "HTTP 200, expected 204" });
  });
});
