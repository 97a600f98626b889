// Issue 20, item 1, the controller's side, over real processes (nats-server, controller, simulated agents): what an
// operator types to recycle one pool or restart one site — checked at the edge with IIS's own name rules, the CLI
// naming its flag and the API its field — the plan of a rollout whose unit is one pool (and which hosts lack it), the
// unit stored with the rollout and carried by each host's command, and a start at a set time that carries the pools.
// What the agents do with the names (only that pool recycled, POOL_UNKNOWN, sites) is pools-agent.e2e.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiJson, waitForApi, waitForRollout } from "../support/events.js";
import { type Controller, cli } from "../support/processes.js";
import { type Stack, hostsOf, startStack } from "../support/stack.js";

interface CommandView {
  id: string;
  host: string;
  level: string;
  operation: string;
  state: string;
  options: { pools?: string[]; sites?: string[]; startStopped?: boolean };
}
interface RolloutView {
  rollout: { id: string; state: string; definition: { level: string; pools?: string[]; sites?: string[]; startStopped?: boolean } };
  hosts: Array<{ host: string; state: string; commandId: string | null }>;
}

let stack: Stack | undefined;
let controller: Controller;
const run = (...args: string[]) => cli(["--controller", controller.url, ...args]);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

async function post(path: string, body: unknown): Promise<{ status: number; json: { error?: { code: string; message: string; details?: { issues?: Array<{ path: unknown[] }> } } } & Record<string, unknown> }> {
  const res = await controller.fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as never };
}

beforeAll(async () => {
  // The simulated host's pools: DefaultAppPool, ShopAppPool, ApiAppPool.
  stack = await startStack({ dirPrefix: "iisfleet-pools-e2e-", agents: hostsOf("shop", "web01", "web02", "web03") });
  controller = stack.controller;
}, 90_000);

afterAll(() => stack?.stop());

describe("names checked at the edge: the CLI names the flag, the API the field; nothing is sent", () => {
  it.each([
    [["recycle", "web01", "--pool", "Shop/Pool"], "--pool", 'contains "/"'],
    [["recycle", "web01", "--pool", "ShopPool", "--pool", "shoppool"], "--pool", '"shoppool" is named twice'],
    [["recycle", "web01", "--start-stopped"], "--start-stopped", "goes with --pool"],
    [["reset", "web01", "--level", "iis", "--pool", "ShopAppPool"], "--pool", "naming application pools goes only with level recycle, not iis"],
    [["reset", "web01", "--level", "site"], "--site", "level site needs at least one site name"],
    [["site", "restart", "web01"], "--site", "level site needs at least one site name"],
    [["site", "stop", "web01", "--site", "a?b"], "--site", 'contains "?"'],
    [["rollout", "plan", "--farm", "shop", "--pool", " Shop"], "--pool", "white space"],
    [["rollout", "plan", "--farm", "shop", "--site", "Shop", "--operation", "stop"], "--operation", "a rollout restarts"],
  ])("iisfleet %j exits 2 naming %s", async (args, flag, words) => {
    const r = await run(...args);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toContain(flag);
    expect(r.stderr).toContain(words);
  });

  it.each([
    ["/api/v1/hosts/web01/reset", { level: "recycle", pools: ["Shop:Pool"] }, "pools", 'contains ":"'],
    ["/api/v1/hosts/web01/reset", { level: "iis", sites: ["Shop"] }, "sites", "naming sites goes only with level site, not iis"],
    ["/api/v1/hosts/web01/reset", { level: "recycle", startStopped: true }, "startStopped", "goes only with named pools"],
    ["/api/v1/rollouts/plan", { farm: "shop", level: "recycle", pools: ["x".repeat(65)] }, "pools", "at most 64"],
    ["/api/v1/rollouts/plan", { farm: "shop", level: "site", sites: [] }, "sites", "level site needs at least one site name"],
  ])("POST %s %j answers 400 on the field %s, with no flag", async (path, body, field, words) => {
    const before = (await apiJson<{ commands: unknown[] }>(controller, "/api/v1/commands?limit=1000")).commands.length;
    const { status, json } = await post(path, body);
    expect(status, JSON.stringify(json)).toBe(400);
    expect(json.error?.code).toBe("INVALID_INPUT");
    expect(json.error?.message).toContain(`${field}: `);
    expect(json.error?.message).toContain(words);
    expect(json.error?.message).not.toMatch(/--[a-z]/);
    expect(json.error?.details?.issues?.[0]?.path).toEqual([field]);
    expect((await apiJson<{ commands: unknown[] }>(controller, "/api/v1/commands?limit=1000")).commands.length).toBe(before);
  });

  it("recycle, site and the --pool/--site flags are in the help", async () => {
    const top = await run("--help");
    expect(top.stdout).toMatch(/^ {2}recycle\b/m);
    expect(top.stdout).toMatch(/^ {2}site\b/m);
    const recycle = await run("recycle", "--help");
    expect(recycle.stdout).toContain("--pool <name>");
    expect(recycle.stdout).toContain("--start-stopped");
    expect(recycle.stdout).toContain("--at <time>");
    const site = await run("site", "restart", "--help");
    expect(site.stdout).toContain("--site <name>");
    const rollout = await run("rollout", "start", "--help");
    expect(rollout.stdout).toContain("--pool <name>");
    expect(rollout.stdout).toContain("--site <name>");
  });
});

describe("a recycle of named pools is recorded as asked", () => {
  it("iisfleet recycle web01 --pool ShopAppPool sends level recycle with the pool, shown in the command and history", async () => {
    const r = await run("--json", "recycle", "web01", "--pool", "ShopAppPool", "--skip-health");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const c = (r.json as { command: CommandView }).command;
    expect(c).toMatchObject({ host: "web01", level: "recycle", operation: "restart", options: { pools: ["ShopAppPool"] } });
    const shown = await run("show", c.id);
    expect(shown.stdout).toContain("recycle pool ShopAppPool");
    const history = await run("history", "--host", "web01");
    expect(history.stdout).toContain("recycle pool ShopAppPool");
    // reset --level recycle --pool is the same request.
    const same = await run("--json", "reset", "web01", "--level", "recycle", "--pool", "ShopAppPool", "--pool", "ApiAppPool", "--skip-health");
    expect(same.code, same.stdout + same.stderr).toBe(0);
    expect((same.json as { command: CommandView }).command.options.pools).toEqual(["ShopAppPool", "ApiAppPool"]);
  });

  it("several hosts are done one after another, one command each", async () => {
    const r = await run("--json", "recycle", "web02", "web03", "--pool", "ShopAppPool", "--skip-health");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const out = r.json as { results: Array<{ host: string; command: CommandView }>; untouched: string[] };
    expect(out.results.map((x) => [x.host, x.command.options.pools])).toEqual([
      ["web02", ["ShopAppPool"]],
      ["web03", ["ShopAppPool"]],
    ]);
    expect(out.untouched).toEqual([]);
    const [a, b] = out.results;
    expect((a?.command as unknown as { createdMs: number }).createdMs).toBeLessThanOrEqual((b?.command as unknown as { createdMs: number }).createdMs);
  });
});

describe("several hosts, one after another", () => {
  it("the first host that cannot be done stops the run, and the hosts after it are named and left alone", async () => {
    const before = (await apiJson<{ commands: unknown[] }>(controller, "/api/v1/commands?host=web03&limit=1000")).commands.length;
    const r = await run("recycle", "nosuch01", "web03", "--pool", "ShopAppPool");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Stopped at nosuch01; not touched: web03");
    expect((await apiJson<{ commands: unknown[] }>(controller, "/api/v1/commands?host=web03&limit=1000")).commands.length).toBe(before);
  });
});

describe("a rollout whose unit is one pool", () => {
  it("plan says the unit, and names the hosts that lack the pool with the pools they have", async () => {
    const ok = await run("rollout", "plan", "--farm", "shop", "--pool", "ShopAppPool", "--batch", "1");
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain("Unit: recycle pool ShopAppPool on each host.");
    expect(ok.stdout).not.toContain("Would fail");
    const missing = await run("--json", "rollout", "plan", "--farm", "shop", "--pool", "NoSuchPool");
    const plan = (missing.json as { plan: { missingTargets: Array<{ host: string; reason: string }>; definition: { level: string; pools: string[] } } }).plan;
    expect(plan.definition).toMatchObject({ level: "recycle", pools: ["NoSuchPool"] });
    expect(plan.missingTargets.map((m) => m.host)).toEqual(["web01", "web02", "web03"]);
    expect(plan.missingTargets[0]?.reason).toBe("has no pool NoSuchPool (its pools: DefaultAppPool, ShopAppPool, ApiAppPool)");
    const human = await run("rollout", "plan", "--farm", "shop", "--pool", "NoSuchPool");
    expect(human.stdout).toContain("Would fail (the named pool is not there; each counts against --max-failures): web01 has no pool NoSuchPool");
  });

  it("rollout start --farm shop --pool ShopAppPool stores the unit; each host's command carries the pool; --follow and show say so", async () => {
    const r = await run("rollout", "start", "--farm", "shop", "--pool", "ShopAppPool", "--batch", "1", "--actor", "e2e", "--follow");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const id = /Started rollout (r-\w+)/.exec(r.stdout)?.[1] ?? "";
    expect(r.stdout).toContain(`Started rollout ${id}: recycle pool ShopAppPool on each host`);
    expect(r.stdout).toContain(`rollout ${id}: recycle pool ShopAppPool on each host`);
    const done = await waitForRollout<RolloutView>(controller, id, "finished");
    expect(done.rollout.definition).toMatchObject({ level: "recycle", pools: ["ShopAppPool"] });
    for (const h of done.hosts) {
      const c = await apiJson<{ command: CommandView }>(controller, `/api/v1/commands/${h.commandId}`);
      expect(c.command).toMatchObject({ level: "recycle", options: { pools: ["ShopAppPool"] } });
    }
    const shown = await run("rollout", "show", id);
    expect(shown.stdout).toContain("recycle pool ShopAppPool on each host");
  });

  it("a start at a set time carries the pools: the scheduled request keeps them and the rollout it starts has them", async () => {
    const at = Math.floor((Date.now() + 4_000) / 1_000) * 1_000;
    const set = await run("--json", "rollout", "start", "--hosts", "web01,web02", "--pool", "ApiAppPool", "--start-stopped", "--at", iso(at));
    expect(set.code, set.stdout + set.stderr).toBe(0);
    const s = (set.json as { scheduled: { id: string; request: { pools?: string[]; startStopped?: boolean; level: string } } }).scheduled;
    expect(s.request).toMatchObject({ level: "recycle", pools: ["ApiAppPool"], startStopped: true });
    const fired = await waitForApi(controller, `/api/v1/scheduled/${s.id}`, (b: { scheduled: { state: string; resultId: string | null } }) => b.scheduled.state === "started" && b.scheduled, "the scheduled rollout to start", { kinds: ["schedule."] });
    const done = await waitForRollout<RolloutView>(controller, fired.resultId ?? "", "finished");
    expect(done.rollout.definition).toMatchObject({ level: "recycle", pools: ["ApiAppPool"], startStopped: true });
    const c = await apiJson<{ command: CommandView }>(controller, `/api/v1/commands/${done.hosts[0]?.commandId}`);
    expect(c.command.options).toMatchObject({ pools: ["ApiAppPool"], startStopped: true });
  });

  it("a reset set for later with --pool keeps the pool in the scheduled request", async () => {
    const set = await run("--json", "recycle", "web03", "--pool", "ShopAppPool", "--at", iso(Date.now() + 3_600_000));
    expect(set.code, set.stdout + set.stderr).toBe(0);
    const s = (set.json as { scheduled: { id: string; kind: string; target: string; request: { pools?: string[]; level: string } } }).scheduled;
    expect(s).toMatchObject({ kind: "reset", target: "web03", request: { level: "recycle", pools: ["ShopAppPool"] } });
    const human = await run("recycle", "web02", "--pool", "ShopAppPool", "--at", iso(Date.now() + 3_600_000));
    const setId = /Set (s-\w+): reset of web02 \(pool ShopAppPool\) at /.exec(human.stdout)?.[1];
    expect(setId, human.stdout + human.stderr).toBeDefined();
    expect((await run("scheduled", "cancel", setId ?? "")).code).toBe(0);
    const cancel = await run("scheduled", "cancel", s.id);
    expect(cancel.code, cancel.stdout + cancel.stderr).toBe(0);
  });
});

describe("host show", () => {
  it("prints the host's application pools and its sites section", async () => {
    const r = await run("host", "show", "web01");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/APP POOL\s+STATE\s+WORKER PIDS/);
    expect(r.stdout).toContain("ShopAppPool");
    expect(r.stdout).toMatch(/SITE\s+ID\s+STATE|No sites reported/);
  });
});
