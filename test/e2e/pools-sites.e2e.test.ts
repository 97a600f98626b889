// One pool, one site, end to end: a real nats-server and a real agent process on a simulated host, commands sent
// straight over NATS. Recycling one named pool under HTTP load
// fails no request — requests in flight finish on the old worker, the next go to the new one — and touches no other
// pool; stopping one site leaves IIS and the other sites serving; names the host does not have are refused, and the
// host's facts report every site and pool as they now are.
import { type NatsConnection, connect } from "@nats-io/transport-node";
import { ResultCode, decode, encode, resetBody, subjects, v1 } from "@iisfleet/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePortRange, requestSite, runLoad } from "../../scripts/drain-harness.mjs";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Proc, startAgentProcess } from "../support/processes.js";
import { waitFor } from "../support/wait.js";

const HOST = "pools01";
let nats: NatsServer;
let agent: Proc;
let nc: NatsConnection;
let base: number;
let seq = 0;

/** The agent's three default sites, all on its one port (as IIS's share port 80), told apart by Host header. */
const SITES = [
  { path: "/", host: undefined },
  { path: "/health", host: "shop.example.com" },
  { path: "/health", host: "api.example.com" },
] as const;
const siteUrl = (index: number) => `http://127.0.0.1:${base}${SITES[index]?.path ?? "/"}`;

/** A GET to one site with its Host header; resolves at the headers, the body on text(). */
async function siteGet(index: number, query = ""): Promise<{ status: number; pid: number; text: () => Promise<string> }> {
  const res = await requestSite(`${siteUrl(index)}${query}`, SITES[index]?.host);
  return { status: res.status, pid: Number(res.headers["x-iis-worker-pid"]), text: res.text };
}

async function send(reset: v1.IResetRequest): Promise<v1.CommandResult> {
  const id = `pools-e2e-${++seq}`;
  const command = encode.command({ commandId: id, targetHost: HOST, issuer: "e2e", issuedAtMs: Date.now(), expiresAtMs: Date.now() + 60_000, ...resetBody(reset) });
  const reply = await nc.request(subjects.command(HOST), encode.envelope({ command }), { timeout: 60_000 });
  return decode.result(reply.data);
}

async function facts(): Promise<v1.HostFacts> {
  const reply = await nc.request(subjects.status(HOST), encode.statusRequest({}), { timeout: 5_000 });
  const report = decode.statusReport(reply.data);
  if (!report.facts) throw new Error("no facts");
  return v1.HostFacts.fromObject(report.facts);
}

async function workerPid(index: number): Promise<number> {
  const res = await siteGet(index);
  await res.text();
  return res.pid;
}

beforeAll(async () => {
  nats = await startNatsServer();
  base = await freePortRange(1);
  // Api's stop hangs (IIS leaves it Stopping): the last test restarts it; the others leave Api alone.
  agent = startAgentProcess(nats.url, { host: HOST, extra: ["--sim-site-port", String(base), "--sim-site-fault", "Api=hung-stop"] });
  nc = await connect({ servers: nats.url });
  await waitFor(async () => (await facts()).sites.length === 3, { what: "the agent's facts with its three sites", timeoutMs: 60_000 });
  await waitFor(async () => (await siteGet(1)).status === 200, { what: "the Shop site answering", timeoutMs: 30_000 });
}, 120_000);

afterAll(async () => {
  await nc?.close();
  await agent?.kill();
  await nats?.stop();
});

describe("named pools and sites over NATS, on a real agent process", () => {
  it("recycles only ShopAppPool under load: no request fails, in-flight ones finish on the old worker, new ones go to the new", async () => {
    const before = await facts();
    const pids = (name: string, f: v1.HostFacts) => f.appPools.find((p) => p.name === name)?.workerPids?.map(Number) ?? [];
    const oldShop = await workerPid(1);
    expect(pids("ShopAppPool", before)).toEqual([oldShop]);

    let stop = false;
    const load = runLoad({ url: siteUrl(1), host: "shop.example.com", concurrency: 4, ratePerSec: 200, stop: () => stop });
    // Requests held 1.5 s on their worker: their status and worker come at once, so they are known to be in flight
    // on the old worker before the recycle is sent; their bodies come after it.
    const held = await Promise.all(Array.from({ length: 4 }, () => siteGet(1, "?delayMs=1500")));
    for (const h of held) expect(h.pid).toBe(oldShop);
    const bodies = held.map((h) => h.text().then((text) => ({ text, atMs: Date.now() })));
    const result = await send({ operation: v1.Operation.OPERATION_RESTART, level: v1.ResetLevel.RESET_LEVEL_RECYCLE, pools: ["shopapppool"] });
    const recycledAtMs = Date.now();
    const newShop = await workerPid(1);
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    const stats = await load;

    expect(result).toMatchObject({ outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: ResultCode.OK, message: "Recycled ShopAppPool." });
    expect(result.steps.filter((s) => s.action === v1.StepAction.STEP_ACTION_RECYCLE_POOL).map((s) => s.target)).toEqual(["ShopAppPool"]);
    expect(stats.failed, JSON.stringify(stats.reasons)).toBe(0);
    expect(stats.requests).toBeGreaterThan(10);
    // Every held request finished, on the old worker, after the recycle.
    for (const body of await Promise.all(bodies)) {
      expect(body.text).toBe("Shop: OK\n");
      expect(body.atMs).toBeGreaterThanOrEqual(recycledAtMs);
    }
    expect(newShop).not.toBe(oldShop);

    const after = await waitFor(async () => {
      const f = await facts();
      return pids("ShopAppPool", f).join() === String(newShop) ? f : undefined;
    }, { what: "facts showing ShopAppPool's new worker only", timeoutMs: 30_000 });
    expect(pids("DefaultAppPool", after)).toEqual(pids("DefaultAppPool", before));
    expect(pids("ApiAppPool", after)).toEqual(pids("ApiAppPool", before));
  });

  it("stops and starts the Shop site alone: its name answers 404 while it is stopped (the catch-all site has no /health), the other sites 200, IIS keeps running", async () => {
    const stopped = await send({ operation: v1.Operation.OPERATION_STOP, level: v1.ResetLevel.RESET_LEVEL_SITE, sites: ["Shop"] });
    expect(stopped).toMatchObject({ outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: ResultCode.OK });
    expect(stopped.steps.map((s) => [s.action, s.target])).toEqual([[v1.StepAction.STEP_ACTION_STOP_SITE, "Shop"]]);
    expect((await siteGet(1)).status).toBe(404);
    expect((await siteGet(0)).status).toBe(200);
    expect((await siteGet(2)).status).toBe(200);
    const f = await waitFor(async () => {
      const x = await facts();
      return x.sites.find((s) => s.name === "Shop")?.started === false ? x : undefined;
    }, { what: "facts showing Shop stopped", timeoutMs: 30_000 });
    expect(f.sites.map((s) => [s.name, Number(s.id), s.started, s.appPool])).toEqual([
      ["Default Web Site", 1, true, "DefaultAppPool"],
      ["Shop", 2, false, "ShopAppPool"],
      ["Api", 3, true, "ApiAppPool"],
    ]);
    expect(f.services.find((s) => s.name === "W3SVC")?.state).toBe(v1.ServiceState.SERVICE_STATE_RUNNING);

    const started = await send({ operation: v1.Operation.OPERATION_START, level: v1.ResetLevel.RESET_LEVEL_SITE, sites: ["shop"] });
    expect(started).toMatchObject({ outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: ResultCode.OK });
    expect(started.steps.map((s) => s.action)).toEqual(expect.arrayContaining([v1.StepAction.STEP_ACTION_START_SITE, v1.StepAction.STEP_ACTION_PROBE]));
    expect((await siteGet(1)).status).toBe(200);
  });

  it("refuses what the host does not have (POOL_UNKNOWN / SITE_UNKNOWN, naming what it has) and malformed names (MALFORMED)", async () => {
    const pool = await send({ operation: v1.Operation.OPERATION_RESTART, level: v1.ResetLevel.RESET_LEVEL_RECYCLE, pools: ["Shop' $(Stop-Computer) `x"] });
    expect(pool).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.POOL_UNKNOWN });
    expect(pool.message).toContain('"DefaultAppPool", "ShopAppPool", "ApiAppPool"');
    const site = await send({ operation: v1.Operation.OPERATION_STOP, level: v1.ResetLevel.RESET_LEVEL_SITE, sites: ["Blog"] });
    expect(site).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.SITE_UNKNOWN });
    const malformed = await send({ operation: v1.Operation.OPERATION_STOP, level: v1.ResetLevel.RESET_LEVEL_SITE, sites: ["a/b"] });
    expect(malformed).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.MALFORMED });
    for (const i of [0, 1, 2]) expect((await siteGet(i)).status).toBe(200);
  });

  it("a site whose stop hangs in Stopping: restart fails at its deadline (1053), the site stopped before it is started again", async () => {
    const t0 = Date.now();
    const result = await send({ operation: v1.Operation.OPERATION_RESTART, level: v1.ResetLevel.RESET_LEVEL_SITE, sites: ["Shop", "Api"], timeoutMs: 1_500 });
    expect(result).toMatchObject({ outcome: v1.Outcome.OUTCOME_FAILED, code: ResultCode.STOP_FAILED });
    expect(result.message).toMatch(/^Restart attempt failed: Api did not stop: still Stopping after \d+ s\. Restore: started again Shop\. Api is left Stopping/);
    const apiStop = result.steps.find((s) => s.action === v1.StepAction.STEP_ACTION_STOP_SITE && s.target === "Api");
    expect(apiStop).toMatchObject({ ok: false, win32Error: 1053 });
    expect(Date.now() - t0).toBeLessThan(30_000);
    // Shop was stopped and is serving again; Api's host name now reaches the catch-all Default Web Site (no /health).
    expect((await siteGet(1)).status).toBe(200);
    expect((await siteGet(2)).status).toBe(404);
  });
});
