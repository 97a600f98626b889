// One pool, one site, end to end through the CLI: what the controller sends (recycle, site, rollouts whose unit is a
// pool or a site) and what the agents do with it (only the named pool's worker changes, POOL_UNKNOWN/SITE_UNKNOWN
// naming what the host has, sites in the facts). Real nats-server, controller and simulated agents; the simulated
// host's pools are DefaultAppPool, ShopAppPool, ApiAppPool and its sites "Default Web Site", Shop and Api (one per
// pool). pools.e2e covers the controller's checks and records; pools-sites.e2e the agent alone, over NATS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiJson, waitForApi, waitForRollout } from "../support/events.js";
import { type Controller, cli } from "../support/processes.js";
import { type Stack, hostsOf, startStack } from "../support/stack.js";

interface Pool {
  name: string;
  started: boolean;
  workerPids: number[];
}
interface Site {
  name: string;
  id: number;
  started: boolean;
  bindings: string[];
  appPool: string;
}
interface HostFacts {
  name: string;
  appPools: Pool[];
  sites?: Site[];
}
interface CommandView {
  id: string;
  state: string;
  code: string | null;
  message: string | null;
  steps: Array<{ action: string; target: string; ok: boolean }>;
}
interface RolloutView {
  rollout: { id: string; state: string };
  hosts: Array<{ host: string; state: string; code: string; message: string; commandId: string | null }>;
}

let stack: Stack | undefined;
let controller: Controller;
const run = (...args: string[]) => cli(["--controller", controller.url, ...args]);
const host = async (name: string) => (await apiJson<{ host: HostFacts }>(controller, `/api/v1/hosts/${name}`)).host;
const pids = (h: HostFacts, pool: string) => h.appPools.find((p) => p.name === pool)?.workerPids ?? [];
const site = (h: HostFacts, name: string) => h.sites?.find((s) => s.name === name);

beforeAll(async () => {
  stack = await startStack({ dirPrefix: "iisfleet-pools-agent-e2e-", agents: hostsOf("shop", "web01", "web02", "web03") });
  controller = stack.controller;
}, 90_000);

afterAll(() => stack?.stop());

describe("one application pool", () => {
  it("recycle web01 --pool ShopAppPool gives ShopAppPool a new worker and leaves the other pools' workers alone", async () => {
    const before = await waitForApi(controller, "/api/v1/hosts/web01", (b: { host: HostFacts }) => pids(b.host, "ShopAppPool").length > 0 && b.host, "web01's pools to have workers");
    const r = await run("--json", "recycle", "web01", "--pool", "ShopAppPool");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const c = (r.json as { command: CommandView }).command;
    expect(c.steps.filter((s) => s.action === "recycle").map((s) => s.target)).toEqual(["ShopAppPool"]);
    const after = await waitForApi(
      controller,
      "/api/v1/hosts/web01",
      (b: { host: HostFacts }) => pids(b.host, "ShopAppPool").join() !== pids(before, "ShopAppPool").join() && b.host,
      "ShopAppPool's worker to change in web01's facts",
    );
    expect(pids(after, "DefaultAppPool")).toEqual(pids(before, "DefaultAppPool"));
    expect(pids(after, "ApiAppPool")).toEqual(pids(before, "ApiAppPool"));
  });

  it("a pool the host does not have is POOL_UNKNOWN, naming the ones it has, and nothing is touched", async () => {
    const before = await host("web02");
    const r = await run("--json", "recycle", "web02", "--pool", "NoSuchPool");
    expect(r.code).toBe(1);
    const c = (r.json as { command: CommandView }).command;
    expect(c.code).toBe("POOL_UNKNOWN");
    expect(c.message).toContain("ShopAppPool");
    expect(c.steps.filter((s) => s.action === "recycle")).toEqual([]);
    const after = await host("web02");
    for (const p of ["DefaultAppPool", "ShopAppPool", "ApiAppPool"]) expect(pids(after, p)).toEqual(pids(before, p));
  });

  it("a rollout of a pool some hosts lack: each such host fails with POOL_UNKNOWN against the budget, named with its pools, and over budget it stops", async () => {
    const r = await run("--json", "rollout", "start", "--farm", "shop", "--pool", "NoSuchPool", "--batch", "1", "--max-failures", "1");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const done = await waitForRollout<RolloutView>(controller, (r.json as RolloutView).rollout.id, "finished");
    expect(done.rollout.state).toBe("failed");
    expect(done.hosts.map((h) => [h.host, h.state, h.code])).toEqual([
      ["web01", "failed", "POOL_UNKNOWN"],
      ["web02", "failed", "POOL_UNKNOWN"],
      ["web03", "queued", ""],
    ]);
    expect(done.hosts[0]?.message).toContain("web01 has no pool NoSuchPool; its pools as last reported: DefaultAppPool, ShopAppPool, ApiAppPool");
  });
});

describe("one site", () => {
  it("hosts report their sites; host show lists them with their pools and bindings", async () => {
    const h = await waitForApi(controller, "/api/v1/hosts/web01", (b: { host: HostFacts }) => (b.host.sites ?? []).length > 0 && b.host, "web01 to report its sites");
    expect(h.sites?.map((s) => [s.name, s.appPool])).toEqual([
      ["Default Web Site", "DefaultAppPool"],
      ["Shop", "ShopAppPool"],
      ["Api", "ApiAppPool"],
    ]);
    const r = await run("host", "show", "web01");
    expect(r.stdout).toMatch(/SITE\s+ID\s+STATE\s+APP POOL\s+BINDINGS/);
    expect(r.stdout).toMatch(/Shop\s+2\s+Started\s+ShopAppPool/);
  });

  it("a live status with detail carries each host's sites", async () => {
    const r = await run("--json", "status", "--live", "--farm", "shop");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const answered = (r.json as { answered: Array<{ host: string; sites?: Site[] }> }).answered;
    expect(answered.find((a) => a.host === "web02")?.sites?.map((s) => s.name)).toEqual(["Default Web Site", "Shop", "Api"]);
  });

  it("site stop, then start, web03 --site Shop: only that site changes state", async () => {
    const stop = await run("--json", "site", "stop", "web03", "--site", "Shop");
    expect(stop.code, stop.stdout + stop.stderr).toBe(0);
    expect((stop.json as { command: CommandView }).command.steps.map((s) => [s.action, s.target])).toContainEqual(["stop-site", "Shop"]);
    const stopped = await waitForApi(controller, "/api/v1/hosts/web03", (b: { host: HostFacts }) => site(b.host, "Shop")?.started === false && b.host, "Shop to be stopped on web03");
    expect(site(stopped, "Api")?.started).toBe(true);
    expect(site(stopped, "Default Web Site")?.started).toBe(true);
    const start = await run("--json", "site", "start", "web03", "--site", "Shop");
    expect(start.code, start.stdout + start.stderr).toBe(0);
    await waitForApi(controller, "/api/v1/hosts/web03", (b: { host: HostFacts }) => site(b.host, "Shop")?.started === true && b.host, "Shop to be started again on web03");
  });

  it("a site the host does not have is SITE_UNKNOWN, naming the sites it has", async () => {
    const r = await run("--json", "site", "restart", "web02", "--site", "Blog");
    expect(r.code).toBe(1);
    const c = (r.json as { command: CommandView }).command;
    expect(c.code).toBe("SITE_UNKNOWN");
    expect(c.message).toContain("Default Web Site");
  });

  it("rollout start --farm shop --site Shop --operation restart restarts Shop on each host, behind the health gate", async () => {
    const r = await run("--json", "rollout", "start", "--farm", "shop", "--site", "Shop", "--operation", "restart", "--batch", "1");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const done = await waitForRollout<RolloutView>(controller, (r.json as RolloutView).rollout.id, "finished");
    expect(done.rollout.state).toBe("succeeded");
    for (const h of done.hosts) {
      const c = await apiJson<{ command: CommandView }>(controller, `/api/v1/commands/${h.commandId}`);
      const actions = c.command.steps.map((s) => `${s.action} ${s.target}`);
      expect(actions).toContain("stop-site Shop");
      expect(actions).toContain("start-site Shop");
      expect(actions.some((a) => a.startsWith("stop-site") && !a.endsWith("Shop"))).toBe(false);
    }
  });
});
