// A rollout's unit (issue 20, item 1): "recycle ShopPool on each host" / "restart site Shop on each host". The real
// CommandService, RolloutRunner and RolloutService on a real SQLite file; in-process agents that check the named
// pools against their own, as an agent does (POOL_UNKNOWN, naming the pools it has, nothing touched). The NATS path
// with real agents is test/e2e/pools.e2e.test.ts and pools-agent.e2e.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ICommandResult, ResultCode, decode, resetLevelName, sameIisName, v1 } from "@iisfleet/proto";
import { afterEach, describe, expect, it } from "vitest";
import type { AgentBus } from "../src/commands/agent-bus.js";
import { CommandService } from "../src/commands/command-service.js";
import { FleetRegistry } from "../src/fleet/registry.js";
import { createLogger } from "../src/log.js";
import { definitionOf, rolloutBody } from "../src/api/rollout-schemas.js";
import type { RolloutDefinition } from "../src/rollout/definition.js";
import { RolloutRunner } from "../src/rollout/runner.js";
import { RolloutService } from "../src/rollout/service.js";
import { Store } from "../src/store/index.js";
import { RolloutStore } from "../src/store/rollouts.js";

/** What each agent was asked to do, decoded from the signed envelope it received. */
interface Received {
  level: string;
  pools: string[];
  sites: string[];
  startStopped: boolean;
}

/** Agents in a box that know their pools, and refuse an unknown one the way the agent's engine does. */
class PoolAgents implements AgentBus {
  received = new Map<string, Received[]>();
  /** Hosts whose agent predates named targets: like that agent, they know only Command.reset. */
  readonly old = new Set<string>();
  constructor(private readonly poolsOf: (host: string) => string[]) {}

  async sendCommand(host: string, envelope: Uint8Array): Promise<ICommandResult> {
    const cmd = decode.command(decode.envelope(envelope).command);
    if (cmd.outcome) return { commandId: cmd.outcome.commandId ?? "", outcome: v1.Outcome.OUTCOME_UNKNOWN_COMMAND, code: ResultCode.UNKNOWN_COMMAND };
    if (this.old.has(host) && !cmd.reset) {
      return { commandId: cmd.commandId, host, outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.UNSUPPORTED, message: "The command has no body this agent understands." };
    }
    // Named pools and sites travel as targeted_reset, so that an agent that predates them refuses them.
    const r = (cmd.targetedReset ?? cmd.reset) as v1.IResetRequest;
    const got = { level: resetLevelName(r.level), pools: [...(r.pools ?? [])], sites: [...(r.sites ?? [])], startStopped: r.startStopped === true };
    this.received.set(host, [...(this.received.get(host) ?? []), got]);
    await new Promise((res) => setTimeout(res, 20));
    const has = this.poolsOf(host);
    const missing = got.pools.filter((p) => !has.some((h) => sameIisName(h, p)));
    if (missing.length > 0) {
      return {
        commandId: cmd.commandId,
        host,
        outcome: v1.Outcome.OUTCOME_FAILED,
        code: "POOL_UNKNOWN",
        message: `No application pool ${missing.join(", ")} on this host; nothing was done.`,
      };
    }
    return { commandId: cmd.commandId, host, outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: "OK", message: `Recycled ${got.pools.join(", ") || "every started pool"}.` };
  }
}

const dirs: string[] = [];
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function controller(agents: PoolAgents, poolsOf: (host: string) => string[]) {
  const dir = mkdtempSync(join(tmpdir(), "iisfleet-rollout-unit-"));
  dirs.push(dir);
  const store = Store.open(join(dir, "db.sqlite"));
  const clock = { now: () => Date.now() };
  const log = createLogger("test", "silent");
  const registry = new FleetRegistry(store, clock, { log });
  const commands = new CommandService(store, agents, clock, "controller:test", registry, undefined, { pollMs: 20 });
  const rollouts = new RolloutStore<RolloutDefinition>(store.db);
  const runner = new RolloutRunner({ store, rollouts, registry, commands, clock, log, tickMs: 20 });
  const service = new RolloutService(store, rollouts, registry, runner, clock);
  for (const host of ["web01", "web02", "web03"]) {
    registry.recordHeartbeat(
      v1.Heartbeat.create({
        instanceId: `i-${host}`,
        intervalMs: 60_000,
        facts: {
          host,
          farm: "shop",
          services: [{ name: "W3SVC", state: v1.ServiceState.SERVICE_STATE_RUNNING }],
          appPools: poolsOf(host).map((name) => ({ name, started: true, workerPids: [100] })),
        },
      }),
      host,
    );
  }
  runner.start();
  stops.push(async () => {
    await runner.stop();
    await runner.settle().catch(() => undefined);
    registry.close();
    store.close();
  });
  return { store, service, rollouts };
}

async function finished(c: ReturnType<typeof controller>, id: string) {
  const end = Date.now() + 20_000;
  for (;;) {
    const r = c.rollouts.get(id);
    if (r && ["succeeded", "failed", "aborted"].includes(r.state)) return { rollout: r, hosts: c.rollouts.hosts(id) };
    if (Date.now() > end) throw new Error(`rollout ${id} did not finish: ${JSON.stringify(r)}`);
    await new Promise((res) => setTimeout(res, 20));
  }
}

const body = (o: Record<string, unknown>) => definitionOf(rolloutBody.parse({ farm: "shop", ...o }));

describe("a rollout whose unit is one application pool", () => {
  it("sends each host a recycle of just the named pool, stores the unit with the rollout and shows it in the plan", async () => {
    const pools = () => ["DefaultAppPool", "ShopPool"];
    const agents = new PoolAgents(pools);
    const c = controller(agents, pools);
    const plan = c.service.plan(body({ pools: ["ShopPool"], level: "recycle", batch: "1" }));
    expect(plan.unit).toBe("recycle pool ShopPool on each host");
    expect(plan.missingTargets).toEqual([]);
    const { detail } = c.service.start(body({ pools: ["ShopPool"], level: "recycle", batch: "1" }), "ops");
    const done = await finished(c, detail.rollout.id);
    expect(done.rollout.state).toBe("succeeded");
    expect(done.rollout.definition.pools).toEqual(["ShopPool"]);
    for (const host of ["web01", "web02", "web03"]) {
      expect(agents.received.get(host)).toEqual([{ level: "recycle", pools: ["ShopPool"], sites: [], startStopped: false }]);
      const cmd = c.store.commands.get(done.hosts.find((h) => h.host === host)?.commandId ?? "");
      expect(cmd?.options.pools).toEqual(["ShopPool"]);
    }
  });

  it("a site rollout restarts just the named site on each host", async () => {
    const pools = () => ["DefaultAppPool"];
    const agents = new PoolAgents(pools);
    const c = controller(agents, pools);
    const { detail } = c.service.start(body({ sites: ["Default Web Site"], level: "site", batch: "3" }), "ops");
    const done = await finished(c, detail.rollout.id);
    expect(done.rollout.definition).toMatchObject({ level: "site", sites: ["Default Web Site"], operation: "restart" });
    expect(agents.received.get("web02")).toEqual([{ level: "site", pools: [], sites: ["Default Web Site"], startStopped: false }]);
  });

  it("a host without the pool answers POOL_UNKNOWN: a failure against the budget, with a line naming the host and the pools it has", async () => {
    // web02 never got ShopPool: the plan says so before the start, the rollout fails it and, over budget, stops.
    const pools = (host: string) => (host === "web02" ? ["DefaultAppPool", "ApiPool"] : ["DefaultAppPool", "ShopPool"]);
    const agents = new PoolAgents(pools);
    const c = controller(agents, pools);
    const def = body({ pools: ["shoppool"], level: "recycle", batch: "1", maxFailures: "0" });
    const plan = c.service.plan(def);
    expect(plan.missingTargets).toEqual([{ host: "web02", reason: "has no pool shoppool (its pools: DefaultAppPool, ApiPool)" }]);
    const { detail } = c.service.start(def, "ops");
    const done = await finished(c, detail.rollout.id);
    expect(done.rollout.state).toBe("failed");
    const states = Object.fromEntries(done.hosts.map((h) => [h.host, h.state]));
    // IIS compares names without case: web01's "ShopPool" is the "shoppool" asked for.
    expect(states).toEqual({ web01: "healthy", web02: "failed", web03: "queued" });
    const web02 = done.hosts.find((h) => h.host === "web02");
    expect(web02?.code).toBe("POOL_UNKNOWN");
    expect(web02?.message).toContain("web02 has no pool shoppool; its pools as last reported: DefaultAppPool, ApiPool");
    expect(web02?.message).toContain("counts against the failure budget");
    expect(agents.received.has("web03")).toBe(false);
  });

  it("with a budget for it, the rollout goes on past the host without the pool and finishes failed-free hosts", async () => {
    const pools = (host: string) => (host === "web02" ? ["DefaultAppPool"] : ["DefaultAppPool", "ShopPool"]);
    const agents = new PoolAgents(pools);
    const c = controller(agents, pools);
    const { detail } = c.service.start(body({ pools: ["ShopPool"], level: "recycle", batch: "1", maxFailures: "1" }), "ops");
    const done = await finished(c, detail.rollout.id);
    expect(Object.fromEntries(done.hosts.map((h) => [h.host, h.state]))).toEqual({ web01: "healthy", web02: "failed", web03: "healthy" });
    expect(done.rollout.state).toBe("succeeded");
  });

  it("a host whose agent predates named pools refuses the command (it never sees them): a failure that says to upgrade, nothing recycled there", async () => {
    const pools = () => ["DefaultAppPool", "ShopPool"];
    const agents = new PoolAgents(pools);
    agents.old.add("web02");
    const c = controller(agents, pools);
    const { detail } = c.service.start(body({ pools: ["ShopPool"], level: "recycle", batch: "1", maxFailures: "0" }), "ops");
    const done = await finished(c, detail.rollout.id);
    expect(Object.fromEntries(done.hosts.map((h) => [h.host, h.state]))).toEqual({ web01: "healthy", web02: "failed", web03: "queued" });
    const web02 = done.hosts.find((h) => h.host === "web02");
    expect(web02?.code).toBe("UNSUPPORTED");
    expect(web02?.message).toMatch(/^web02's agent predates naming pools and sites and refused the command .*; upgrade its agent$/);
    expect(agents.received.has("web02")).toBe(false);
  });
});

describe("the rollout body's unit fields", () => {
  it.each([
    [{ pools: ["ShopPool"] }, "pools", "naming application pools goes only with level recycle, not iis"],
    [{ level: "site" }, "sites", "level site needs at least one site name"],
    [{ level: "recycle", pools: ["a/b"] }, "pools", 'contains "/"'],
    [{ level: "recycle", pools: ["Shop", "SHOP"] }, "pools", '"SHOP" is named twice'],
    [{ level: "recycle", startStopped: true }, "startStopped", "goes only with named pools"],
    [{ level: "site", sites: ["Shop"], operation: "stop" }, "operation", "a rollout restarts"],
  ])("%j is refused on its field", (extra, field, words) => {
    const r = rolloutBody.safeParse({ farm: "shop", ...extra });
    expect(r.success).toBe(false);
    const issue = r.error?.issues[0];
    expect(issue?.path).toEqual([field]);
    expect(issue?.message).toContain(words);
    expect(issue?.message).not.toMatch(/--[a-z]/);
  });
});
