// The CLI's live table from the compact row view (GET /api/v1/status?live=1&rows=1) over real processes: a
// nats-server, the controller and simulated agents. The rows must say what the full facts say (a stopped site and
// pool included), `status --live` must print the same table from them, and `--json` keeps the detailed answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Controller, cli } from "../support/processes.js";
import { type Stack, hostsOf, startStack } from "../support/stack.js";
import { apiJson } from "../support/events.js";
import { waitFor } from "../support/wait.js";

interface Facts {
  services: Array<{ name: string; state: string }>;
  appPools: Array<{ name: string; started: boolean; workerPids: number[] }>;
  sites: Array<{ name: string; started: boolean }>;
  health: string;
  cordoned: boolean;
  busyCommandId: string;
}
interface Row {
  w3svc: string;
  services: { total: number; notRunning: Array<{ name: string; state: string }> };
  appPools: { total: number; workers: number; stopped: string[] };
  sites: { total: number; stopped: string[] };
  health: string;
  cordoned: boolean;
  busyCommandId: string;
}
type Answered = { host: string; farm: string; instanceIds: string[]; replyMs: number; row?: Row } & Partial<Facts>;
interface Live {
  mode: "live";
  summary: { answered: number; silent: number };
  answered: Answered[];
}

let stack: Stack | undefined;
let controller: Controller;

const run = (...args: string[]) => cli(["--controller", controller.url, ...args]);
const live = (extra: string) => apiJson<Live>(controller, `/api/v1/status?live=1&farm=shop&timeoutMs=10000${extra}`);

/** What the table shows of full facts, counted here on its own (not by the code under test). */
function expectedRow(f: Facts): Row {
  return {
    w3svc: f.services.find((s) => s.name === "W3SVC")?.state ?? "",
    services: { total: f.services.length, notRunning: f.services.filter((s) => s.state !== "RUNNING").map(({ name, state }) => ({ name, state })) },
    appPools: {
      total: f.appPools.length,
      workers: f.appPools.reduce((n, p) => n + p.workerPids.length, 0),
      stopped: f.appPools.filter((p) => !p.started).map((p) => p.name),
    },
    sites: { total: f.sites.length, stopped: f.sites.filter((s) => !s.started).map((s) => s.name) },
    health: f.health,
    cordoned: f.cordoned,
    busyCommandId: f.busyCommandId,
  };
}

beforeAll(async () => {
  // Waits for the agents below, on the farm's status rather than on their registration.
  stack = await startStack({ dirPrefix: "iisfleet-status-rows-e2e-", agents: hostsOf("shop", "web01", "web02"), waitFor: false });
  controller = stack.controller;
  await waitFor(async () => (await apiJson<{ summary: { online: number } }>(controller, "/api/v1/status?farm=shop")).summary?.online === 2, {
    what: "two agents online",
    timeoutMs: 30_000,
  });
  // web02 gets a stopped site, so the two rows differ.
  const stop = await run("--json", "site", "stop", "web02", "--site", "Shop");
  expect(stop.code, stop.stderr).toBe(0);
}, 90_000);

afterAll(() => stack?.stop());

describe("status --live from the row view", () => {
  it("?rows=1 answers each host's row (no full facts) and each row says what that host's full facts say", async () => {
    const full = await live("");
    const rows = await live("&rows=1");
    expect(rows.summary).toMatchObject({ answered: 2, silent: 0 });
    expect(rows.answered.map((h) => [h.host, h.farm])).toEqual([["web01", "shop"], ["web02", "shop"]]);
    for (const h of rows.answered) {
      expect(h).not.toHaveProperty("services");
      expect(h).not.toHaveProperty("appPools");
      const facts = full.answered.find((f) => f.host === h.host) as Answered & Facts;
      expect(h.row).toEqual(expectedRow(facts));
    }
    const web02 = rows.answered[1]?.row;
    expect(web02?.sites.stopped).toEqual(["Shop"]);
    expect(web02?.services.total).toBeGreaterThan(0);
    expect(web02?.appPools.workers).toBeGreaterThan(0);
    // Smaller on the wire: the point of the view.
    expect(JSON.stringify(rows).length).toBeLessThan(JSON.stringify(full).length / 2);
  }, 60_000);

  it("the CLI's table comes from the rows and says what --json's detailed answer says; --json keeps its shape", async () => {
    const json = await run("--json", "status", "--live", "--farm", "shop");
    expect(json.code, json.stderr).toBe(0);
    const answer = json.json as Live;
    for (const h of answer.answered) {
      expect(h).not.toHaveProperty("row");
      expect(h.services?.length).toBeGreaterThan(0);
      expect(h.appPools?.length).toBeGreaterThan(0);
    }

    const table = await run("status", "--live", "--farm", "shop");
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^2 answered, 0 silent, 0 unknown in \d+ ms/m);
    expect(table.stdout.split("\n")[2]).toMatch(/^HOST +FARM +W3SVC +SERVICES +APP POOLS +HEALTH +ACTIVITY +REPLY +SITES$/);
    for (const h of answer.answered) {
      const r = expectedRow(h as Answered & Facts);
      const running = r.services.total - r.services.notRunning.length;
      const services = r.services.notRunning.length === 0
        ? `all ${r.services.total} running`
        : `${running}/${r.services.total} running: ${r.services.notRunning.map((x) => `${x.name} ${x.state}`).join(", ")}`;
      const pools = `${r.appPools.total - r.appPools.stopped.length}/${r.appPools.total} started, ${r.appPools.workers} worker${r.appPools.workers === 1 ? "" : "s"}`;
      const sites = `${r.sites.total - r.sites.stopped.length}/${r.sites.total} started${r.sites.stopped.length ? `: ${r.sites.stopped.join(", ")} stopped` : ""}`;
      const line = table.stdout.split("\n").find((l) => l.startsWith(`${h.host} `)) ?? "";
      const cells = line.split(/ {2,}/);
      expect(cells.slice(0, 4)).toEqual([h.host, "shop", r.w3svc, services]);
      expect(cells[4]).toMatch(new RegExp(`^${pools.replace(/[/]/g, "\\/")}`));
      expect(cells[6]).toBe(r.busyCommandId ? `busy ${r.busyCommandId.slice(0, 8)}` : r.cordoned ? "cordoned" : "idle");
      expect(cells.at(-1)).toBe(sites);
    }
    expect(table.stdout).toMatch(/^web02 .* 2\/3 started: Shop stopped$/m);
  }, 60_000);

  it("rows=1 is refused as not a flag value, like every other status flag", async () => {
    const res = await controller.fetch("/api/v1/status?live=1&rows=yes");
    expect(res.status).toBe(400);
  }, 30_000);
});
