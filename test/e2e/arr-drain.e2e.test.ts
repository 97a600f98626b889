// The arr drain provider against real processes: a real nats-server, a real controller, three agents on simulated
// web hosts, and a fourth agent on a simulated ARR host (--sim-arr-farm) whose web farm balances them. A rolling
// reset (--batch 1) must take each web host out of the ARR farm (Drain, its requests down to 0) before its reset
// and make it Available after. Proven from the ARR host's side: its agent logs every member state change with a
// timestamp, and each web host's reset (as its own agent timed it) lies inside that host's Drain interval.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Controller, type Proc, cli } from "../support/processes.js";
import { waitForRollout } from "../support/events.js";
import { type Stack, startStack } from "../support/stack.js";

interface RolloutJson {
  rollout: { id: string; state: string; definition: { drain?: Record<string, { provider: string }> } };
  hosts: Array<{ host: string; state: string; code: string; message: string }>;
}
interface CommandJson {
  host: string;
  kind: string;
  operation: string;
  state: string;
  code: string | null;
  message: string | null;
  agentStartedMs: number | null;
  agentFinishedMs: number | null;
  options: Record<string, unknown>;
}
interface ArrChange {
  webFarm: string;
  server: string;
  from: string;
  to: string;
  atMs: number;
}

const WEB = ["web01", "web02", "web03"];
let stack: Stack | undefined;
let controller: Controller;
let arrAgent: Proc;

const api = (args: string[]) => cli(["--controller", controller.url, ...args]);

/** The ARR host agent's own record of its farm: every member state change it made, in order. */
function arrChanges(): ArrChange[] {
  return arrAgent
    .stderr()
    .split("\n")
    .filter((l) => l.includes('"arr"'))
    .map((l) => (JSON.parse(l) as { arr: ArrChange }).arr);
}

describe("load-balancer drain through IIS ARR (simulated ARR host)", () => {
  beforeAll(async () => {
    stack = await startStack({
      dirPrefix: "iisfleet-arr-e2e-",
      agents: [
        ...WEB.map((host) => ({ host, farm: "shop", stopMs: 100, startMs: 100 })),
        {
          host: "arr01",
          farm: "edge",
          extra: ["--sim-arr-farm", `shopfarm=${WEB.join(",")}`, "--sim-arr-drain-ms", "400", "--sim-arr-requests", "5"],
        },
      ],
      waitFor: { hosts: WEB.length + 1, what: "four agents to register", timeoutMs: 60_000 },
    });
    controller = stack.controller;
    arrAgent = stack.agent("arr01");
  }, 90_000);

  afterAll(() => stack?.stop());

  it("refuses a farm drain set without the ARR host or the web farm, naming the flags", async () => {
    const r = await api(["farm", "drain", "set", "shop", "--provider", "arr", "--arr-host", "arr01", "--json"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/--provider arr needs --arr-host HOST .* and --web-farm NAME/);
    const foreign = await api(["farm", "drain", "set", "shop", "--provider", "arr", "--arr-host", "arr01", "--web-farm", "shopfarm", "--backend", "x", "--json"]);
    expect(foreign.stderr + foreign.stdout).toMatch(/--backend does not apply to --provider arr/);
  });

  it("by hand: an unknown ARR farm member fails with the ARR host's own code, and nothing changes there", async () => {
    const set = await api(["farm", "drain", "set", "shop", "--provider", "arr", "--arr-host", "arr01", "--web-farm", "shopfarm", "--server", "{host}.missing", "--poll", "100ms", "--json"]);
    expect(set.code, set.stderr + set.stdout).toBe(0);
    const r = await api(["farm", "drain-host", "web01", "--json"]);
    expect(r.code).not.toBe(0);
    expect((r.stderr + r.stdout).replaceAll('\\"', '"')).toMatch(/LB_SERVER_UNKNOWN: Web farm "shopfarm" has no server "web01.missing" \(it has: web01, web02, web03\)/);
    const lb = ((await api(["history", "--json"])).json as { commands: CommandJson[] }).commands.filter((c) => c.kind === "lb");
    expect(lb.map((c) => [c.host, c.operation, c.state, c.code])).toEqual([["arr01", "drain", "rejected", "LB_SERVER_UNKNOWN"]]);
    expect(arrChanges()).toEqual([]);
  }, 30_000);

  it("a rollout --batch 1 drains each web host on the ARR host before its reset and makes it Available after", async () => {
    const set = await api(["farm", "drain", "set", "shop", "--provider", "arr", "--arr-host", "arr01", "--web-farm", "shopfarm", "--poll", "100ms", "--drain-timeout", "20s", "--json"]);
    expect(set.code, set.stderr + set.stdout).toBe(0);
    expect((set.json as { drain: { description: string } }).drain.description).toBe("arr on arr01, web farm shopfarm, server {host}, drain timeout 20 s");

    const started = await api(["rollout", "start", "--farm", "shop", "--batch", "1", "--json"]);
    expect(started.code, started.stderr + started.stdout).toBe(0);
    const id = (started.json as RolloutJson).rollout.id;
    const detail = await waitForRollout<RolloutJson>(controller, id, "finished", undefined, { timeoutMs: 90_000 });
    expect(detail.rollout.state, JSON.stringify(detail.hosts)).toBe("succeeded");
    expect(detail.rollout.definition.drain?.shop?.provider).toBe("arr");

    // The ARR host's side: each member went Drain then Available exactly once, never two at a time (batch 1).
    const changes = arrChanges();
    expect(changes.map((c) => `${c.server}:${c.to}`).sort()).toEqual(WEB.flatMap((h) => [`${h}:available`, `${h}:drain`]).sort());
    let out = 0;
    for (const c of [...changes].sort((a, b) => a.atMs - b.atMs)) {
      out += c.to === "drain" ? 1 : -1;
      expect(out).toBeLessThanOrEqual(1);
    }

    // Each web host's reset, as its own agent timed it, lies inside the interval its ARR member was drained.
    const history = (await api(["history", "--limit", "100", "--json"])).json as { commands: CommandJson[] };
    for (const host of WEB) {
      const reset = history.commands.find((c) => c.kind === "reset" && c.host === host);
      expect(reset?.state, host).toBe("succeeded");
      const drainedAt = changes.find((c) => c.server === host && c.to === "drain")?.atMs ?? Infinity;
      const availableAt = changes.find((c) => c.server === host && c.to === "available")?.atMs ?? -Infinity;
      expect(drainedAt, `${host} drained before its reset`).toBeLessThanOrEqual(reset?.agentStartedMs ?? -1);
      expect(availableAt, `${host} available after its reset`).toBeGreaterThanOrEqual(reset?.agentFinishedMs ?? Infinity);
    }

    // The controller's side: the two changes per host are commands on the ARR host, answered by ARR's counters.
    const lb = history.commands.filter((c) => c.kind === "lb" && WEB.includes(String(c.options.server)));
    expect(lb.every((c) => c.host === "arr01" && c.state === "succeeded")).toBe(true);
    expect(lb.map((c) => `${String(c.options.server)}:${c.operation}`).sort()).toEqual(WEB.flatMap((h) => [`${h}:available`, `${h}:drain`]).sort());
    expect(lb.find((c) => c.operation === "drain")?.message).toMatch(/^shopfarm\/web0\d: drain, \d current requests?\.$/);
    const events = (await controller.fetch(`/api/v1/events?limit=1000&kinds=rollout.drain`).then((r) => r.json())) as { events: Array<{ kind: string; message: string }> };
    const drained = events.events.filter((e) => e.kind === "rollout.drain").map((e) => e.message);
    for (const host of WEB) expect(drained).toContain(`${host}: out of rotation: ARR arr01 shopfarm/${host} drained (0 current requests)`);
  }, 120_000);
});
