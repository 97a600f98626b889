// The failure budget and the capacity guard agree (issue 18, item 1), against the real scheduler, services and a
// real SQLite file, with an injected clock and agents in a box that model each host's own truth: which hosts are
// down, which resets fail and leave them down. The runner is stepped, never left on a timer.
import { type ICommandResult, decode, v1 } from "@iisfleet/proto";
import { afterEach, describe, expect, it } from "vitest";
import type { AgentBus } from "../src/commands/agent-bus.js";
import type { RolloutDefinition } from "../src/rollout/definition.js";
import { type Amount, mulberry32, parseAmount, parseBatchSpec, resolveAmount } from "../src/rollout/spec.js";
import { outcomeAnswer, resetResult } from "./support/reset-answers.js";
import { FakeClock, type Harness, at, cleanUp, controller, definition } from "./support/window-harness.js";

afterEach(cleanUp);

/**
 * ok: resets fine. crash: its reset fails and leaves it down (W3SVC crashes on start). down: down before the
 * rollout; a reset brings it back. dead: down before the rollout, and a reset fails (it stays down).
 */
type Fault = "ok" | "crash" | "down" | "dead";

/** Hosts in a box. `down` is the hosts' own truth; the controller learns it from heartbeats, as it would. */
class ModelAgents implements AgentBus {
  readonly fault = new Map<string, Fault>();
  readonly farm = new Map<string, string>();
  readonly down = new Set<string>();
  /** Hosts whose reset this box answered "failed" (the one rollout under test failed them). */
  readonly failed = new Set<string>();
  readonly executing = new Set<string>();
  readonly executed: string[] = [];
  /** Each time a reset begins: the farm's hosts out of service then, this one included, minus the ones failed. */
  readonly outAtStart: Array<{ host: string; farm: string; out: number }> = [];
  private readonly results = new Map<string, ICommandResult>();
  heartbeat: (host: string) => void = () => undefined;

  add(h: Harness, host: string, farm: string, fault: Fault): void {
    this.fault.set(host, fault);
    this.farm.set(host, farm);
    if (fault === "down" || fault === "dead") this.down.add(host);
    this.heartbeat = (name) => h.registry.recordHeartbeat(this.heartbeatOf(name), name);
    this.heartbeat(host);
  }

  heartbeatOf(host: string) {
    const down = this.down.has(host);
    return v1.Heartbeat.create({
      instanceId: `i-${host}`,
      intervalMs: 2_000_000_000,
      facts: {
        host,
        farm: this.farm.get(host) ?? "default",
        services: [{ name: "W3SVC", state: down ? v1.ServiceState.SERVICE_STATE_STOPPED : v1.ServiceState.SERVICE_STATE_RUNNING }],
        health: down ? v1.HealthState.HEALTH_STATE_UNHEALTHY : v1.HealthState.HEALTH_STATE_HEALTHY,
      },
    });
  }

  async sendCommand(host: string, envelope: Uint8Array): Promise<ICommandResult> {
    const cmd = decode.command(decode.envelope(envelope).command);
    if (cmd.outcome) {
      return outcomeAnswer(this.results, cmd.outcome.commandId ?? "");
    }
    const farm = this.farm.get(host) ?? "default";
    this.executing.add(host);
    this.executed.push(host);
    const members = [...this.farm].filter(([, f]) => f === farm).map(([h]) => h);
    const out = members.filter((m) => this.executing.has(m) || (this.down.has(m) && !this.failed.has(m))).length;
    this.outAtStart.push({ host, farm, out });
    this.down.add(host);
    await Promise.resolve();
    const fault = this.fault.get(host) ?? "ok";
    const ok = fault === "ok" || fault === "down";
    if (ok) this.down.delete(host);
    else this.failed.add(host);
    this.executing.delete(host);
    this.heartbeat(host);
    const result = resetResult(cmd.commandId, host, ok, { code: "START_FAILED", message: "W3SVC: the service terminated unexpectedly (1067)." });
    this.results.set(cmd.commandId, result);
    return result;
  }
}

function setUp(hosts: Array<[string, string, Fault]>) {
  const clock = new FakeClock(at("2026-03-02T10:00:00Z"));
  const agents = new ModelAgents();
  const h = controller(clock, agents);
  for (const [host, farm, fault] of hosts) agents.add(h, host, farm, fault);
  return { clock, agents, h };
}

const blockedEvents = (h: Harness, id: string) =>
  h.store.events
    .after(0, 100_000)
    .filter((e) => e.kind === "rollout.blocked" && e.data.rolloutId === id)
    .map((e) => e.message);

describe("failure budget and capacity", () => {
  it("a host this rollout failed counts once, against --max-failures, not also against the default --max-unavailable", async () => {
    // The reproduction: mixa01..03 fine, mixb01..03 crash on start; --batch 1 --max-failures 1.
    const { h } = setUp([
      ["mixa01", "mix", "ok"], ["mixa02", "mix", "ok"], ["mixa03", "mix", "ok"],
      ["mixb01", "mix", "crash"], ["mixb02", "mix", "crash"], ["mixb03", "mix", "crash"],
    ]);
    const { detail } = h.service.start(definition({ targets: { farm: "mix", tags: {}, hosts: [], exclude: [] }, maxFailures: parseAmount("1", { allowZero: true }) }), "alice");
    await h.drive();
    const d = h.detail(detail.rollout.id);
    // mixb01 failed (allowed) and did not hold the capacity: mixb02 was tried, failed, and the budget halted it.
    expect(d.rollout.state).toBe("failed");
    expect(d.rollout.reason).toMatch(/2 hosts failed, more than the 1 allowed/);
    expect(d.hosts.map((x) => [x.host, x.state])).toEqual([
      ["mixa01", "healthy"], ["mixa02", "healthy"], ["mixa03", "healthy"],
      ["mixb01", "failed"], ["mixb02", "failed"], ["mixb03", "queued"],
    ]);
  });

  it("--max-failures 1 with one crashing host: the rollout finishes with that one failure", async () => {
    const { h } = setUp([["web01", "shop", "crash"], ["web02", "shop", "ok"], ["web03", "shop", "ok"]]);
    const { detail } = h.service.start(definition({ maxFailures: parseAmount("1", { allowZero: true }) }), "alice");
    await h.drive();
    const d = h.detail(detail.rollout.id);
    expect(d.rollout.state).toBe("succeeded");
    expect(d.rollout.reason).toBe("2 healthy, 1 failed, 0 skipped");
  });

  it("a farm whose capacity is used up by hosts down before the start: plan and start list them; the rollout reports blocked, then goes on when they are back", async () => {
    const { h, agents } = setUp([["web01", "shop", "ok"], ["web02", "shop", "ok"], ["db01", "shop", "dead"]]);
    const def = definition({ targets: { farm: "shop", tags: {}, hosts: [], exclude: ["db01"] } });
    const plan = h.service.plan(def);
    expect(plan.outOfService).toEqual([{ host: "db01", farm: "shop", reason: "unhealthy" }]);
    expect(plan.blockedReason).toMatch(/no host of batch 1 can start: .*db01 \(unhealthy\)/);
    const { detail } = h.service.start(def, "alice");
    expect(detail.actions[0]?.detail).toMatch(/out of service before it started: db01 \(unhealthy\)/);
    const id = detail.rollout.id;
    await h.drive();
    let d = h.detail(id);
    expect(d.rollout.state).toBe("running");
    expect(d.rollout.blocked?.hosts).toEqual([{ host: "db01", farm: "shop", reason: "unhealthy" }]);
    expect(d.rollout.reason).toMatch(/^blocked: no host can start in farm shop: .*db01 \(unhealthy\).*--on-blocked wait/);
    expect(blockedEvents(h, id)).toHaveLength(1);
    await h.drive(); // still blocked: said once, not on every pass
    expect(blockedEvents(h, id)).toHaveLength(1);
    expect(agents.executed).toEqual([]);

    agents.down.delete("db01"); // someone fixes db01
    agents.heartbeat("db01");
    await h.drive();
    d = h.detail(id);
    expect(d.rollout.state).toBe("succeeded");
    expect(d.rollout.blocked).toBeNull();
    expect(blockedEvents(h, id)[1]).toMatch(/no longer blocked/);
  });

  it("--on-blocked fail ends a blocked rollout after its grace, saying which hosts held it", async () => {
    const { h, clock } = setUp([["web01", "shop", "ok"], ["db01", "shop", "dead"]]);
    const def = definition({ targets: { farm: "shop", tags: {}, hosts: ["web01"], exclude: [] }, onBlocked: "fail", blockedGraceMs: 30_000 });
    const id = h.service.start(def, "alice").detail.rollout.id;
    await h.drive();
    expect(h.detail(id).rollout.reason).toMatch(/blocked: .*it fails 30 s after it was blocked \(--on-blocked fail\)/);
    clock.ms += 29_000;
    await h.drive();
    expect(h.detail(id).rollout.state).toBe("running");
    clock.ms += 1_000;
    await h.drive();
    const d = h.detail(id);
    expect(d.rollout.state).toBe("failed");
    expect(d.rollout.reason).toMatch(/^blocked for 30 s: farm shop has no capacity left, held by db01 \(unhealthy\) \(--on-blocked fail\)/);
  });

  it("a halted rollout whose failed host is skipped resumes without that host holding its capacity", async () => {
    const { h } = setUp([["web01", "shop", "crash"], ["web02", "shop", "ok"], ["web03", "shop", "ok"]]);
    const id = h.service.start(definition(), "alice").detail.rollout.id;
    await h.drive();
    expect(h.detail(id).rollout.state).toBe("failed");
    h.service.actOnHost(id, "web01", "skip-host", "alice");
    h.service.act(id, "resume", "alice");
    await h.drive();
    const d = h.detail(id);
    expect(d.rollout.blocked).toBeNull();
    expect(d.rollout.state).toBe("succeeded");
    expect(d.rollout.reason).toBe("2 healthy, 0 failed, 1 skipped");
  });

  it("a host down before the start that is itself in the batch is reset (it cannot make things worse)", async () => {
    const { h } = setUp([["web01", "shop", "down"], ["web02", "shop", "ok"]]);
    const id = h.service.start(definition(), "alice").detail.rollout.id;
    await h.drive();
    expect(h.detail(id).rollout.state).toBe("succeeded");
  });
});

describe("property: over random farms, faults, batch sizes and budgets", () => {
  it("the rollout always ends or reports blocked (with the hosts) within a bound, and never exceeds --max-unavailable", async () => {
    const CASES = 120;
    for (let seed = 1; seed <= CASES; seed++) {
      const r = mulberry32(seed); // seeded: a failing case is reproduced from the seed the assertion prints
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
      const faults: Fault[] = ["ok", "ok", "ok", "crash", "down", "dead"];
      const hosts: Array<[string, string, Fault]> = [];
      const farms = 1 + Math.floor(r() * 3);
      for (let f = 0; f < farms; f++) {
        const n = 1 + Math.floor(r() * 6);
        for (let i = 1; i <= n; i++) hosts.push([`f${f}h${i}`, `farm${f}`, pick(faults)]);
      }
      // Some hosts are not in the rollout: they still count against their farm's capacity.
      const targets = hosts.filter(() => r() < 0.8).map(([name]) => name);
      if (targets.length === 0) targets.push((hosts[0] as [string, string, Fault])[0]);
      const amount = (max: number, allowZero = false): Amount =>
        r() < 0.5 ? { kind: "count", n: (allowZero ? 0 : 1) + Math.floor(r() * max) } : { kind: "percent", p: Math.max(allowZero ? 0 : 1, Math.floor(r() * 100)) };
      const def: RolloutDefinition = definition({
        targets: { tags: {}, hosts: targets, exclude: [] },
        batch: r() < 0.3 ? parseBatchSpec("1,2,50%") : [amount(4)],
        maxUnavailable: r() < 0.4 ? null : amount(3),
        maxFailures: amount(3, true),
        order: pick(["name", "random", "unhealthy-first"] as const),
        seed,
        onBlocked: pick(["wait", "fail"] as const),
        blockedGraceMs: pick([0, 5_000, 60_000]),
      });
      const { h, agents, clock } = setUp(hosts);
      const id = h.service.start(def, "prop").detail.rollout.id;
      const total = h.detail(id).hosts.length;
      const largest = Math.max(...h.detail(id).hosts.reduce((m, x) => m.set(x.batch, (m.get(x.batch) ?? 0) + 1), new Map<number, number>()).values());
      const farmSize = (farm: string) => hosts.filter(([, f]) => f === farm).length;
      const limit = (farm: string) => (def.maxUnavailable === null ? largest : resolveAmount(def.maxUnavailable, farmSize(farm)));
      const why = `seed ${seed}: ${JSON.stringify({ hosts, targets, def: { ...def, targets: undefined } })}`;

      // Bound: every pass starts a host or finishes one, so 2 passes per host and a few for batches and the grace.
      const bound = 2 * total + 20;
      let ended = false;
      for (let pass = 0; pass < bound && !ended; pass++) {
        await h.runner.step();
        clock.ms += 10_000;
        const x = h.detail(id).rollout;
        ended = x.state === "succeeded" || x.state === "failed" || (x.blocked !== null && def.onBlocked === "wait");
      }
      const d = h.detail(id);
      expect(ended, `${why}: still ${d.rollout.state} (${d.rollout.reason}) after ${bound} passes`).toBe(true);
      for (const s of agents.outAtStart) expect(s.out, `${why}: ${s.host} started with ${s.out} out in ${s.farm}`).toBeLessThanOrEqual(limit(s.farm));
      if (d.rollout.blocked) {
        // Blocked only for a reason: the hosts named are down by their own account, and fill their farm's limit.
        expect(d.rollout.blocked.hosts.length, why).toBeGreaterThan(0);
        for (const b of d.rollout.blocked.hosts) expect(agents.down.has(b.host) && !agents.failed.has(b.host), `${why}: ${b.host}`).toBe(true);
        const farm = d.rollout.blocked.hosts[0]?.farm as string;
        expect(d.rollout.blocked.hosts.filter((b) => b.farm === farm).length, why).toBeGreaterThanOrEqual(limit(farm));
        expect(d.rollout.reason, why).toMatch(/^blocked: /);
      }
      if (d.rollout.state === "succeeded") {
        expect(d.summary.failed, why).toBeLessThanOrEqual(d.summary.maxFailures);
        expect(d.summary.queued, why).toBe(0);
      }
      // No host is reset twice by the rollout (no retries here).
      expect(new Set(agents.executed).size, why).toBe(agents.executed.length);
      cleanUp();
    }
  }, 120_000);
});
