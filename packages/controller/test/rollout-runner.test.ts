// The rollout state machine against an in-process AgentBus (the transport port): scripted agents answer, hang or
// lose commands, so operator actions, canary approval, failure budgets and crash recovery are tested precisely.
// Real SQLite file; the NATS path is covered by test/e2e/rollout.e2e.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ICommandResult, ResultCode, decode, v1 } from "@iisfleet/proto";
import { afterEach, describe, expect, it } from "vitest";
import type { AgentBus } from "../src/commands/agent-bus.js";
import { CommandService } from "../src/commands/command-service.js";
import { AgentTimeoutError } from "../src/errors.js";
import { FleetRegistry } from "../src/fleet/registry.js";
import { createLogger } from "../src/log.js";
import type { RolloutDefinition } from "../src/rollout/definition.js";
import { RolloutRunner } from "../src/rollout/runner.js";
import { RolloutService } from "../src/rollout/service.js";
import { parseAmount, parseBatchSpec } from "../src/rollout/spec.js";
import { Store } from "../src/store/index.js";
import { definition as def, named } from "./support/window-harness.js";
import { RolloutStore } from "../src/store/rollouts.js";
import type { DrainConfig } from "../src/drain/config.js";
import { DrainError, type DrainProvider, type DrainProviders } from "../src/drain/provider.js";

type Behaviour = "ok" | "fail" | "hang";

/** Agents in a box: each remembers what it executed (like the agent's journal) and answers outcome queries. */
class ScriptedAgents implements AgentBus {
  behaviour = new Map<string, Behaviour>();
  executed = new Map<string, string[]>();
  results = new Map<string, ICommandResult>();
  /** Commands swallowed as if the controller died before they reached NATS. */
  drop = new Set<string>();
  delayMs = 30;
  /** Called as each reset begins executing (the drain tests check the host is out of rotation by then). */
  onExecute?: (host: string) => void;
  open = 0;
  maxOpen = 0;

  async sendCommand(host: string, envelope: Uint8Array, waitMs: number): Promise<ICommandResult> {
    const cmd = decode.command(decode.envelope(envelope).command);
    if (cmd.outcome) {
      const id = cmd.outcome.commandId ?? "";
      return this.results.get(id) ?? { commandId: id, outcome: v1.Outcome.OUTCOME_UNKNOWN_COMMAND, code: ResultCode.UNKNOWN_COMMAND };
    }
    if (this.drop.has(host)) return new Promise(() => undefined); // never answers: the "controller" dies first
    const stored = this.results.get(cmd.commandId);
    if (stored) return { ...stored, replayed: true };
    const b = this.behaviour.get(host) ?? "ok";
    if (b === "hang") {
      await new Promise((r) => setTimeout(r, waitMs));
      throw new AgentTimeoutError(host, waitMs);
    }
    this.executed.set(host, [...(this.executed.get(host) ?? []), cmd.commandId]);
    this.onExecute?.(host);
    this.open++;
    this.maxOpen = Math.max(this.maxOpen, this.open);
    await new Promise((r) => setTimeout(r, this.delayMs));
    this.open--;
    const result: ICommandResult = {
      commandId: cmd.commandId,
      host,
      outcome: b === "ok" ? v1.Outcome.OUTCOME_SUCCEEDED : v1.Outcome.OUTCOME_FAILED,
      code: b === "ok" ? "OK" : "STOP_FAILED",
      message: b === "ok" ? "Internet services successfully restarted." : "Restart attempt failed.",
    };
    this.results.set(cmd.commandId, result);
    return result;
  }
}

const dirs: string[] = [];
const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A load balancer in a box: which hosts are out of rotation, every call in order, and scripted failures. */
class ScriptedBalancer implements DrainProviders {
  readonly calls: string[] = [];
  readonly out = new Set<string>();
  readonly failDrain = new Set<string>();
  readonly failUndrain = new Set<string>();
  /** Hosts whose drain never finishes (the controller dies meanwhile). */
  readonly hangDrain = new Set<string>();

  providerFor(config: DrainConfig): DrainProvider {
    return {
      drain: async (host) => {
        this.calls.push(`drain ${host}`);
        if (this.hangDrain.has(host)) return new Promise(() => undefined);
        if (this.failDrain.has(host)) throw new DrainError("drain", `No such server ${host} in ${config.provider}.`);
        this.out.add(host);
        return { message: `${host} drained (0 sessions)` };
      },
      undrain: async (host) => {
        this.calls.push(`undrain ${host}`);
        if (this.failUndrain.has(host)) throw new DrainError("undrain", `${host} still DOWN.`);
        this.out.delete(host);
        return { message: `${host} ready (UP)` };
      },
    };
  }
}

const HAPROXY: DrainConfig = { provider: "haproxy", address: "127.0.0.1:9999", backend: "be_shop", server: "{host}", drainTimeoutMs: 1000, undrainTimeoutMs: 1000 };

function controller(agents: ScriptedAgents, dbPath?: string, balancer?: ScriptedBalancer) {
  const path = dbPath ?? join(mkdtempSync(join(tmpdir(), "iisfleet-runner-")), "db.sqlite");
  if (!dbPath) dirs.push(join(path, ".."));
  const store = Store.open(path);
  const clock = { now: () => Date.now() };
  const log = createLogger("test", "silent");
  const registry = new FleetRegistry(store, clock, { log });
  const commands = new CommandService(store, agents, clock, "controller:test", registry, undefined, { pollMs: 20 });
  const rolloutStore = new RolloutStore<RolloutDefinition>(store.db);
  const runner = new RolloutRunner({
    store, rollouts: rolloutStore, registry, commands, clock, log, tickMs: 20,
    ...(balancer ? { drains: balancer } : {}),
  });
  // Farm "shop" has an HAProxy drain configured; the rollout copies it at start.
  const drains = balancer ? { configsFor: (farms: Iterable<string>): Record<string, DrainConfig> => ([...farms].includes("shop") ? { shop: HAPROXY } : {}) } : undefined;
  const service = new RolloutService(store, rolloutStore, registry, runner, clock, undefined, drains);
  const heartbeat = (host: string, farm = "shop") =>
    registry.recordHeartbeat(
      v1.Heartbeat.create({
        instanceId: `i-${host}`,
        intervalMs: 60_000,
        facts: { host, farm, services: [{ name: "W3SVC", state: v1.ServiceState.SERVICE_STATE_RUNNING }] },
      }),
      host,
    );
  let closed = false;
  /** crash: like SIGKILL, nothing in flight is waited for. */
  const stop = async (crash = false) => {
    if (closed) return;
    closed = true;
    await runner.stop();
    if (!crash) await runner.settle().catch(() => undefined);
    registry.close();
    store.close();
  };
  stops.push(() => stop(true));
  return { store, registry, runner, service, heartbeat, path, stop };
}


async function until<T>(f: () => T | undefined | false, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const hostsNamed = (n: number) => named("web", n);

describe("rollout runner", () => {
  it("runs batches in order and ends succeeded; never more in flight than the batch", async () => {
    const agents = new ScriptedAgents();
    const c = controller(agents);
    hostsNamed(5).forEach((h) => c.heartbeat(h));
    c.runner.start();
    const { detail } = c.service.start(def({ batch: parseBatchSpec("2") }), "alice");
    const done = await until(() => {
      const d = c.service.detail(detail.rollout.id);
      return d.rollout.state === "succeeded" ? d : undefined;
    }, "success");
    expect(done.summary.healthy).toBe(5);
    expect(agents.maxOpen).toBeLessThanOrEqual(2);
    expect([...agents.executed.values()].every((ids) => ids.length === 1)).toBe(true);
    expect(done.actions.map((a) => [a.actor, a.action])).toEqual([["alice", "start"]]);
  });

  it("halts at the first failure by default (more than 0 failures) and touches nothing after it", async () => {
    const agents = new ScriptedAgents();
    agents.behaviour.set("web02", "fail");
    const c = controller(agents);
    hostsNamed(4).forEach((h) => c.heartbeat(h));
    c.runner.start();
    const { detail } = c.service.start(def(), "alice");
    const d = await until(() => {
      const x = c.service.detail(detail.rollout.id);
      return x.rollout.state === "failed" ? x : undefined;
    }, "halt");
    expect(d.hosts.map((h) => h.state)).toEqual(["healthy", "failed", "queued", "queued"]);
    expect(agents.executed.has("web03")).toBe(false);
  });

  it("--max-failures 1 tolerates exactly one failure: the threshold is 'more than'", async () => {
    const agents = new ScriptedAgents();
    agents.behaviour.set("web01", "fail");
    agents.behaviour.set("web03", "fail");
    const c = controller(agents);
    hostsNamed(4).forEach((h) => c.heartbeat(h));
    c.runner.start();
    // A failed host counts as out of service, so one failure would use up a budget of 1 and hold the rollout.
    const { detail } = c.service.start(
      def({ maxFailures: parseAmount("1", { allowZero: true }), maxUnavailable: parseAmount("2") }),
      "alice",
    );
    const d = await until(() => {
      const x = c.service.detail(detail.rollout.id);
      return x.rollout.state === "failed" ? x : undefined;
    }, "halt on the second failure");
    expect(d.hosts.map((h) => h.state)).toEqual(["failed", "healthy", "failed", "queued"]);
  });

  it("pause stops new starts, resume continues, abort ends it; each action is recorded with who", async () => {
    const agents = new ScriptedAgents();
    agents.delayMs = 150;
    const c = controller(agents);
    hostsNamed(4).forEach((h) => c.heartbeat(h));
    c.runner.start();
    const { detail } = c.service.start(def(), "alice");
    const id = detail.rollout.id;
    await until(() => c.service.detail(id).summary.resetting === 1, "first host resetting");
    c.service.act(id, "pause", "bob");
    await until(() => c.service.detail(id).summary.healthy === 1, "in-flight host to finish");
    await new Promise((r) => setTimeout(r, 200));
    expect(c.service.detail(id).summary).toMatchObject({ healthy: 1, resetting: 0, queued: 3 });
    c.service.act(id, "resume", "carol");
    await until(() => c.service.detail(id).summary.healthy >= 2, "progress after resume");
    const d = c.service.act(id, "abort", "dave");
    expect(d.rollout.state).toBe("aborted");
    expect(() => c.service.act(id, "resume", "erin")).toThrow(/Cannot resume rollout .*: it is aborted/);
    expect(d.actions.map((a) => `${a.actor}:${a.action}`)).toEqual(["alice:start", "bob:pause", "carol:resume", "dave:abort"]);
  });

  it("a manual canary waits for approval after its batch", async () => {
    const agents = new ScriptedAgents();
    const c = controller(agents);
    hostsNamed(3).forEach((h) => c.heartbeat(h));
    c.runner.start();
    const { detail } = c.service.start(def({ canary: 1, canaryApproval: "manual", batch: parseBatchSpec("2") }), "alice");
    const id = detail.rollout.id;
    await until(() => c.service.detail(id).rollout.state === "waiting-approval", "waiting for approval");
    await new Promise((r) => setTimeout(r, 150));
    expect(c.service.detail(id).summary).toMatchObject({ healthy: 1, queued: 2 });
    c.service.act(id, "approve", "bob");
    await until(() => c.service.detail(id).rollout.state === "succeeded", "success after approval");
  });

  it("retry-host and skip-host let a halted rollout finish", async () => {
    const agents = new ScriptedAgents();
    agents.behaviour.set("web02", "fail");
    const c = controller(agents);
    hostsNamed(3).forEach((h) => c.heartbeat(h));
    c.runner.start();
    const { detail } = c.service.start(def(), "alice");
    const id = detail.rollout.id;
    await until(() => c.service.detail(id).rollout.state === "failed", "halt");
    expect(() => c.service.act(id, "resume", "bob")).toThrow(/retry-host or skip-host the failed hosts first/);
    agents.behaviour.set("web02", "ok");
    c.service.actOnHost(id, "web02", "retry-host", "bob");
    c.service.act(id, "resume", "bob");
    const d = await until(() => {
      const x = c.service.detail(id);
      return x.rollout.state === "succeeded" ? x : undefined;
    }, "success after retry");
    expect(d.hosts.find((h) => h.host === "web02")).toMatchObject({ state: "healthy", attempts: 2 });
    expect(() => c.service.actOnHost(id, "web01", "skip-host", "bob")).toThrow(/succeeded/);
  });

  it("a failure the budget allows does not also hold the capacity: the rollout goes on past it", async () => {
    const agents = new ScriptedAgents();
    agents.behaviour.set("web01", "fail");
    const c = controller(agents);
    hostsNamed(3).forEach((h) => c.heartbeat(h));
    c.runner.start();
    // Before: web01 ("last reset failed") used up the default --max-unavailable of 1 and the rollout waited for ever.
    const { detail } = c.service.start(def({ maxFailures: parseAmount("1", { allowZero: true }) }), "alice");
    const id = detail.rollout.id;
    const d = await until(() => {
      const x = c.service.detail(id);
      return x.rollout.state === "succeeded" ? x : undefined;
    }, "the rollout to finish past its one allowed failure");
    expect(d.summary).toMatchObject({ failed: 1, healthy: 2, queued: 0 });
  });

  it("bakes between batches", async () => {
    const agents = new ScriptedAgents();
    const c = controller(agents);
    hostsNamed(2).forEach((h) => c.heartbeat(h));
    c.runner.start();
    const { detail } = c.service.start(def({ bakeMs: 400 }), "alice");
    const id = detail.rollout.id;
    await until(() => c.service.detail(id).rollout.state === "succeeded", "success");
    const [a, b] = c.service.detail(id).hosts;
    expect((b?.startedMs ?? 0) - (a?.finishedMs ?? 0)).toBeGreaterThanOrEqual(400);
  });

  it("a cordoned host is left out and listed; no targets is an error", async () => {
    const agents = new ScriptedAgents();
    const c = controller(agents);
    c.heartbeat("web01");
    c.registry.recordHeartbeat(
      v1.Heartbeat.create({ instanceId: "i2", intervalMs: 60_000, facts: { host: "web02", farm: "shop", cordoned: true, cordonReason: "disk" } }),
      "web02",
    );
    const plan = c.service.plan(def());
    expect(plan.hosts).toEqual(["web01"]);
    expect(plan.excluded).toEqual([{ host: "web02", reason: "cordoned: disk" }]);
    expect(() => c.service.start(def({ targets: { tags: {}, hosts: ["web02"], exclude: [] } }), "a")).toThrow(/No host matches/);
    expect(() => c.service.start(def({ targets: { tags: {}, hosts: ["web99"], exclude: [] } }), "a")).toThrow(/web99/);
  });

  it("after a controller crash: asks the agent instead of resetting again; re-sends a command it never got", async () => {
    const agents = new ScriptedAgents();
    agents.delayMs = 100;
    const first = controller(agents);
    hostsNamed(3).forEach((h) => first.heartbeat(h));
    first.runner.start();
    const { detail } = first.service.start(def({ batch: parseBatchSpec("3") }), "alice");
    const id = detail.rollout.id;
    // web03's command is "lost": the first controller dies before it reaches the agent.
    agents.drop.add("web03");
    await until(() => first.service.detail(id).summary.resetting === 3, "three in flight");
    await first.stop(true); // the first controller is gone; its in-flight promises are abandoned
    agents.drop.delete("web03");
    await new Promise((r) => setTimeout(r, 150)); // web01 and web02 finish on the agents meanwhile

    const second = controller(agents, first.path);
    second.runner.start();
    const d = await until(() => {
      const x = second.service.detail(id);
      return x.rollout.state === "succeeded" ? x : undefined;
    }, "resumed rollout to succeed");
    expect(d.hosts.every((h) => h.state === "healthy")).toBe(true);
    for (const h of hostsNamed(3)) expect(agents.executed.get(h)).toHaveLength(1);
    // web03 got the very same command id, re-sent; nobody got a second one.
    const web03 = d.hosts.find((h) => h.host === "web03");
    expect(agents.executed.get("web03")).toEqual([web03?.commandId]);
  });

  it("after a controller crash, an expired command the agent has no record of fails the host: never re-queued under a new id", async () => {
    const agents = new ScriptedAgents();
    const first = controller(agents);
    first.heartbeat("web01");
    first.runner.start();
    const { detail } = first.service.start(def({ batch: parseBatchSpec("1") }), "alice");
    const id = detail.rollout.id;
    // The agent took the command and went away before answering; when it is back, its memory of it is gone.
    agents.drop.add("web01");
    await until(() => first.service.detail(id).summary.resetting === 1, "web01 in flight");
    const commandId = first.service.detail(id).hosts[0]?.commandId ?? "";
    await first.stop(true);
    agents.drop.delete("web01");
    const db = new Database(first.path);
    db.prepare("UPDATE commands SET expires_ms = 1 WHERE id = ?").run(commandId);
    db.close();

    const second = controller(agents, first.path);
    second.runner.start();
    const d = await until(() => {
      const x = second.service.detail(id);
      return x.rollout.state === "failed" ? x : undefined;
    }, "resumed rollout to fail web01");
    expect(d.hosts[0]).toMatchObject({ host: "web01", state: "failed", code: "OUTCOME_UNKNOWN", commandId, attempts: 1 });
    expect(agents.executed.get("web01")).toBeUndefined();
    expect(second.store.commands.list({ host: "web01", limit: 10 }).map((c) => c.id)).toEqual([commandId]);
  });
});

describe("rollout runner with a load-balancer drain", () => {
  const done = (c: ReturnType<typeof controller>, id: string, state = "succeeded") =>
    until(() => {
      const d = c.service.detail(id);
      return d.rollout.state === state ? d : undefined;
    }, `rollout ${state}`);

  it("takes each host out of rotation before its reset and puts it back after; resets only drained hosts", async () => {
    const agents = new ScriptedAgents();
    const lb = new ScriptedBalancer();
    const inRotationAtReset: string[] = [];
    agents.onExecute = (host) => {
      if (!lb.out.has(host)) inRotationAtReset.push(host);
    };
    const c = controller(agents, undefined, lb);
    hostsNamed(4).forEach((h) => c.heartbeat(h));
    c.runner.start();
    const { detail } = c.service.start(def({ batch: parseBatchSpec("2") }), "alice");
    expect(detail.rollout.definition.drain).toEqual({ shop: HAPROXY });
    const d = await done(c, detail.rollout.id);
    expect(d.summary).toMatchObject({ healthy: 4, failed: 0, draining: 0, undraining: 0 });
    expect(inRotationAtReset).toEqual([]);
    expect(lb.out.size).toBe(0);
    // Each phase's start is kept, in order, for the timeline: turn (drain) ≤ reset ≤ undrain ≤ finished.
    for (const h of d.hosts) {
      const times = [h.startedMs, h.resetStartedMs, h.undrainStartedMs, h.finishedMs];
      expect(times.every((t) => typeof t === "number"), JSON.stringify(h)).toBe(true);
      expect([...(times as number[])].sort((a, b) => a - b)).toEqual(times);
    }
    for (const h of hostsNamed(4)) expect(lb.calls.filter((x) => x.endsWith(` ${h}`))).toEqual([`drain ${h}`, `undrain ${h}`]);
    // Batch 2 is drained only after batch 1 is back in rotation.
    expect(lb.calls.indexOf("drain web03")).toBeGreaterThan(lb.calls.indexOf("undrain web02"));
    const log = c.store.events.after(0, 10_000).filter((e) => e.kind.startsWith("rollout.") && e.host === "web01").map((e) => e.message);
    expect(log).toEqual([
      "web01: draining (haproxy)",
      "web01: out of rotation: web01 drained (0 sessions)",
      "web01: resetting",
      "web01: reset and healthy; undraining (haproxy)",
      "web01: healthy, back in rotation: web01 ready (UP)",
    ]);
  });

  it("--no-drain leaves the balancer alone", async () => {
    const agents = new ScriptedAgents();
    const lb = new ScriptedBalancer();
    const c = controller(agents, undefined, lb);
    hostsNamed(2).forEach((h) => c.heartbeat(h));
    c.runner.start();
    const { detail } = c.service.start(def({ skipDrain: true }), "alice");
    expect(detail.rollout.definition.drain).toBeUndefined();
    await done(c, detail.rollout.id);
    expect(lb.calls).toEqual([]);
  });

  it("a failed drain fails the host without resetting it, puts it back, and the failure budget halts the rollout", async () => {
    const agents = new ScriptedAgents();
    const lb = new ScriptedBalancer();
    lb.failDrain.add("web02");
    const c = controller(agents, undefined, lb);
    hostsNamed(3).forEach((h) => c.heartbeat(h));
    c.runner.start();
    const { detail } = c.service.start(def(), "alice");
    const d = await done(c, detail.rollout.id, "failed");
    expect(d.hosts.map((h) => h.state)).toEqual(["healthy", "failed", "queued"]);
    expect(d.hosts[1]).toMatchObject({ code: "DRAIN_FAILED", message: "No such server web02 in haproxy.; put back in rotation (not reset)" });
    expect(agents.executed.has("web02")).toBe(false);
    expect(lb.calls.filter((x) => x.endsWith("web02"))).toEqual(["drain web02", "undrain web02"]);
  });

  it("--ignore-drain-failure resets the host anyway", async () => {
    const agents = new ScriptedAgents();
    const lb = new ScriptedBalancer();
    lb.failDrain.add("web01");
    const c = controller(agents, undefined, lb);
    hostsNamed(2).forEach((h) => c.heartbeat(h));
    c.runner.start();
    const { detail } = c.service.start(def({ ignoreDrainFailure: true }), "alice");
    const d = await done(c, detail.rollout.id);
    expect(d.summary.healthy).toBe(2);
    expect(agents.executed.get("web01")).toHaveLength(1);
    const notes = c.store.events.after(0, 10_000).filter((e) => e.kind === "rollout.drain").map((e) => e.message);
    expect(notes).toContain("web01: drain failed, resetting anyway (--ignore-drain-failure): No such server web01 in haproxy.");
  });

  it("a failed reset leaves the host out of rotation and says how to put it back", async () => {
    const agents = new ScriptedAgents();
    agents.behaviour.set("web01", "fail");
    const lb = new ScriptedBalancer();
    const c = controller(agents, undefined, lb);
    hostsNamed(2).forEach((h) => c.heartbeat(h));
    c.runner.start();
    const { detail } = c.service.start(def(), "alice");
    const d = await done(c, detail.rollout.id, "failed");
    expect(d.hosts[0]).toMatchObject({ state: "failed", code: "STOP_FAILED" });
    expect(d.hosts[0]?.message).toMatch(/left out of rotation; put it back with: iisfleet farm undrain-host web01/);
    expect([...lb.out]).toEqual(["web01"]);
  });

  it("a host that cannot be put back fails with UNDRAIN_FAILED (healthy, with a note, under --ignore-drain-failure)", async () => {
    const agents = new ScriptedAgents();
    const lb = new ScriptedBalancer();
    lb.failUndrain.add("web01");
    const c = controller(agents, undefined, lb);
    hostsNamed(1).forEach((h) => c.heartbeat(h));
    c.runner.start();
    const first = await done(c, c.service.start(def(), "alice").detail.rollout.id, "failed");
    expect(first.hosts[0]).toMatchObject({ state: "failed", code: "UNDRAIN_FAILED", message: "reset and healthy, but not back in rotation: web01 still DOWN." });
    const second = await done(c, c.service.start(def({ ignoreDrainFailure: true }), "alice").detail.rollout.id);
    expect(second.hosts[0]).toMatchObject({ state: "healthy", message: "reset and healthy, but not back in rotation (ignored): web01 still DOWN." });
  });

  it("a controller that dies with hosts drained: the next one finds out what happened and puts them back", async () => {
    const agents = new ScriptedAgents();
    agents.delayMs = 150;
    const lb = new ScriptedBalancer();
    // web02's drain never finishes: the controller dies while it is "draining".
    lb.hangDrain.add("web02");
    const first = controller(agents, undefined, lb);
    hostsNamed(2).forEach((h) => first.heartbeat(h));
    first.runner.start();
    const { detail } = first.service.start(def({ batch: parseBatchSpec("2") }), "alice");
    const id = detail.rollout.id;
    await until(() => {
      const hs = first.service.detail(id).hosts;
      return hs[0]?.state === "resetting" && hs[1]?.state === "draining";
    }, "web01 resetting (drained), web02 draining");
    await first.stop(true);
    expect([...lb.out]).toEqual(["web01"]);
    lb.hangDrain.delete("web02");
    await new Promise((r) => setTimeout(r, 200)); // web01's reset finishes on its agent meanwhile

    const second = controller(agents, first.path, lb);
    second.runner.start();
    const d = await done(second, id);
    expect(d.hosts.map((h) => [h.host, h.state])).toEqual([["web01", "healthy"], ["web02", "healthy"]]);
    expect(lb.out.size).toBe(0);
    // web01 was not reset again; web02 was drained again (harmless) and reset once.
    expect(agents.executed.get("web01")).toHaveLength(1);
    expect(agents.executed.get("web02")).toHaveLength(1);
    expect(lb.calls.filter((x) => x.endsWith("web02"))).toEqual(["drain web02", "drain web02", "undrain web02"]);
  });
});
