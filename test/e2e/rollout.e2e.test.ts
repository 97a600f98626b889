// Rolling resets over real processes: a real nats-server, a real controller process (SIGKILLed in one test) and
// simulated hosts — one `iisfleet-agent simulate` process per farm (each host a full agent serving and probing its
// own sites over HTTP, as a lone simulated agent does), and lone agent processes for the farm whose agent is killed
// and restarted. Out-of-service overlap is measured from the agents' own timestamps.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { maxConcurrent, outOfServiceWindows } from "../support/out-of-service.js";
import { type RolloutDetail, apiJson, waitForApi, waitForEvent, waitForRollout } from "../support/events.js";
import { type AgentSpec, type Controller, type Proc, type SimulatorSpec, cli, startAgentProcess, startControllerProcess, startSimulatorProcess, tempDir } from "../support/processes.js";

interface HostJson {
  name: string;
  counters: Record<string, number>;
}
type RolloutJson = RolloutDetail;

let nats: NatsServer;
let controller: Controller;
/** Lone agent processes, by host. */
const agents = new Map<string, Proc>();
/** Simulator processes, by farm. */
const simulators = new Map<string, Proc>();
const dir = tempDir("iisfleet-rollout-e2e-");
const dbPath = `${dir.path}/iisfleet.db`;

const farm = (prefix: string, n: number, spec: Partial<AgentSpec> = {}) =>
  Array.from({ length: n }, (_, i) => ({ host: `${prefix}${String(i + 1).padStart(2, "0")}`, farm: prefix, ...spec }));

// State is read in-process from the API (what `hosts --json` and `rollout show --json` print) and waited for on
// the controller's event stream: a CLI process per poll takes seconds on a loaded machine and misses short states.
function resetsOf(list: HostJson[], names: string[]): Record<string, number> {
  return Object.fromEntries(names.map((n) => [n, list.find((h) => h.name === n)?.counters.resetsExecuted ?? -1]));
}

async function resetsExecuted(names: string[]): Promise<Record<string, number>> {
  return resetsOf((await apiJson<{ hosts: HostJson[] }>(controller, "/api/v1/hosts")).hosts, names);
}

/** Waits until the agents' heartbeats report these reset counts (heartbeats are no events: re-read every 300 ms). */
function resetsReach(want: Record<string, number>, what: string): Promise<unknown> {
  return waitForApi(controller, "/api/v1/hosts", (b: { hosts: HostJson[] }) => JSON.stringify(resetsOf(b.hosts, Object.keys(want))) === JSON.stringify(want), what, {
    everyMs: 300,
  });
}

function show(id: string): Promise<RolloutJson> {
  return apiJson<RolloutJson>(controller, `/api/v1/rollouts/${id}`);
}

async function start(...args: string[]): Promise<RolloutJson> {
  const r = await cli(["--controller", controller.url, "rollout", "start", "--json", ...args]);
  expect(r.code, r.stderr + r.stdout).toBe(0);
  return r.json as RolloutJson;
}

function finished(id: string, timeoutMs = 90_000): Promise<RolloutJson> {
  return waitForRollout(controller, id, "finished", `rollout ${id} to finish`, { timeoutMs });
}

/** The rollout's "<host>: resetting" event, which names the command it sent. */
function resettingEvent(rolloutId: string, host: string | ((h: string) => boolean)) {
  const is = typeof host === "string" ? (h: string) => h === host : host;
  return waitForEvent(
    controller,
    (e) => e.kind === "rollout.host" && e.data["rolloutId"] === rolloutId && e.host !== null && is(e.host) && e.message.endsWith(": resetting"),
    `a ${typeof host === "string" ? host : "host"} resetting in rollout ${rolloutId}`,
  );
}

/** The agent has received this command and is working on it: its first progress event reached the controller. */
function agentWorkingOn(commandId: string) {
  return waitForEvent(controller, (e) => e.kind === "command.progress" && e.commandId === commandId, `progress of command ${commandId}`);
}

function spawnAll(specs: AgentSpec[]): void {
  for (const s of specs) agents.set(s.host, startAgentProcess(nats.url, { stopMs: 120, startMs: 120, ...s }));
}

function simulateAll(specs: SimulatorSpec[]): void {
  for (const s of specs) simulators.set(s.farm, startSimulatorProcess(nats.url, { stopMs: 120, startMs: 120, ...s }));
}

beforeAll(async () => {
  nats = await startNatsServer();
  // The controller and the agents start side by side: agents beat every 300 ms, so none is missed by a late controller.
  const starting = startControllerProcess(nats.url, dbPath);
  // 30 hosts in five processes: as 30 agent processes they took 20-45 s to start on a loaded 2-core CI machine.
  const simulated: SimulatorSpec[] = [
    { farm: "big", count: 12 },
    { farm: "hung", count: 4, faultOn: { hung02: "hung-stop" } },
    { farm: "pair", count: 6 },
    { farm: "crash", count: 4, stopMs: 700, startMs: 300 },
    { farm: "natsr", count: 4, stopMs: 400, startMs: 200 },
  ];
  simulateAll(simulated);
  // dead01 stops slowly, so it can be killed mid-reset; dead02 is quick. Lone agents: one is SIGKILLed and comes back.
  spawnAll(farm("dead", 2).map((s) => (s.host === "dead01" ? { ...s, stopMs: 3_000 } : s)));
  controller = await starting;
  const hostCount = simulated.reduce((n, s) => n + s.count, 0) + agents.size;
  await waitForApi(controller, "/api/v1/hosts", (b: { hosts: HostJson[] }) => b.hosts.length === hostCount, `${hostCount} agents to register`, {
    kinds: ["host"],
    timeoutMs: 90_000,
  });
}, 90_000);

afterAll(async () => {
  await Promise.all([...agents.values(), ...simulators.values()].map((a) => a.kill()));
  await controller?.kill();
  await nats?.stop();
  dir.remove();
});

describe("rolling resets", () => {
  it("12 agents, --batch 3: never more than 3 out of service at once, by the agents' own clocks; each reset once", async () => {
    const names = farm("big", 12).map((s) => s.host);
    const r = await cli(["--controller", controller.url, "rollout", "start", "--farm", "big", "--batch", "3", "--follow"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/succeeded/);
    const windows = outOfServiceWindows(dbPath, names);
    expect(windows).toHaveLength(12);
    expect(maxConcurrent(windows)).toBeLessThanOrEqual(3);
    expect(maxConcurrent(windows)).toBeGreaterThanOrEqual(2); // it did run in parallel
    await resetsReach(Object.fromEntries(names.map((n) => [n, 1])), "every big host to report one reset");
  });

  it("a hung stop with --max-failures 0 halts the rollout; hosts after it are untouched; the report says why", async () => {
    const started = await start("--farm", "hung", "--batch", "1", "--timeout", "2");
    const d = await finished(started.rollout.id);
    expect(d.rollout.state).toBe("failed");
    expect(d.rollout.reason).toMatch(/1 host failed, more than the 0 allowed \(--max-failures\); no further host is touched/);
    expect(d.hosts.map((h) => [h.host, h.state])).toEqual([
      ["hung01", "healthy"],
      ["hung02", "failed"],
      ["hung03", "queued"],
      ["hung04", "queued"],
    ]);
    expect(d.hosts[1]?.code).toBe("STOP_FAILED");
    await resetsReach({ hung02: 1 }, "hung02's heartbeat");
    expect(await resetsExecuted(["hung03", "hung04"])).toEqual({ hung03: 0, hung04: 0 });
  });

  it("two concurrent rollouts on one farm respect one capacity guard", async () => {
    const [a, b] = await Promise.all([
      start("--hosts", "pair01,pair02,pair03", "--batch", "3", "--max-unavailable", "2"),
      start("--hosts", "pair04,pair05,pair06", "--batch", "3", "--max-unavailable", "2"),
    ]);
    const [da, db] = await Promise.all([finished(a.rollout.id), finished(b.rollout.id)]);
    expect([da.rollout.state, db.rollout.state], JSON.stringify([da, db].map((d) => [d.rollout.reason, d.hosts]))).toEqual(["succeeded", "succeeded"]);
    const windows = outOfServiceWindows(dbPath, farm("pair", 6).map((s) => s.host));
    expect(windows).toHaveLength(6);
    expect(maxConcurrent(windows)).toBeLessThanOrEqual(2);
  });

  it("a host in one active rollout cannot join another", async () => {
    // The first rollout must provably still be active when the second is asked for: after its canary (pair01) it
    // waits for a manual approval that never comes, with pair02 queued — however slow the machine is.
    const a = await start("--hosts", "pair01,pair02", "--batch", "1", "--canary", "1", "--canary-approval", "manual");
    await waitForRollout(controller, a.rollout.id, ["waiting-approval"]);
    const r = await cli(["--controller", controller.url, "rollout", "start", "--hosts", "pair02,pair03", "--json"]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect((r.json as { error: { code: string; message: string } }).error).toMatchObject({ code: "ROLLOUT_CONFLICT" });
    expect((await show(a.rollout.id)).rollout.state).toBe("waiting-approval");
    const aborted = await cli(["--controller", controller.url, "rollout", "abort", a.rollout.id]);
    expect(aborted.code, aborted.stderr).toBe(0);
  });
});

describe("durability", () => {
  it("controller SIGKILLed mid-batch and restarted: the rollout completes and every host is reset exactly once", async () => {
    const names = farm("crash", 4).map((s) => s.host);
    const started = await start("--farm", "crash", "--batch", "2");
    await resettingEvent(started.rollout.id, (h) => h.startsWith("crash"));
    await controller.kill("SIGKILL");
    controller = await startControllerProcess(nats.url, dbPath);
    const d = await finished(started.rollout.id);
    expect(d.rollout.state).toBe("succeeded");
    expect(d.hosts.every((h) => h.state === "healthy")).toBe(true);
    await resetsReach(Object.fromEntries(names.map((n) => [n, 1])), "every crash host to report exactly one reset");
    // And never two at once, across the crash.
    expect(maxConcurrent(outOfServiceWindows(dbPath, names))).toBeLessThanOrEqual(2);
  });

  it("an agent killed mid-reset counts as failed at the deadline; its later return corrupts nothing", async () => {
    // dead01 stays down after it fails: --max-unavailable 2 lets dead02 go ahead anyway (with 1, the guard would
    // rightly hold dead02 while dead01 is out of service).
    const started = await start("--farm", "dead", "--batch", "1", "--deadline", "4s", "--max-failures", "1", "--max-unavailable", "2");
    // Killed while it works on the command (its 3 s stop under way), not merely after the controller sent it.
    const resetting = await resettingEvent(started.rollout.id, "dead01");
    await agentWorkingOn(resetting.commandId ?? "");
    await agents.get("dead01")?.kill("SIGKILL");
    const d = await finished(started.rollout.id);
    expect(d.hosts.find((h) => h.host === "dead01")).toMatchObject({ state: "failed", code: "AGENT_TIMEOUT" });
    expect(d.hosts.find((h) => h.host === "dead02"), JSON.stringify(d.hosts)).toMatchObject({ state: "healthy" });
    expect(d.rollout.state).toBe("succeeded"); // 1 failure is within --max-failures 1

    agents.set("dead01", startAgentProcess(nats.url, { host: "dead01", farm: "dead", stopMs: 3_000 }));
    await resetsReach({ dead01: 0 }, "dead01 back, fresh");
    const after = await show(started.rollout.id);
    expect(after.hosts.find((h) => h.host === "dead01")).toMatchObject({ state: "failed", code: "AGENT_TIMEOUT" });
  });

  it("NATS restarted mid-rollout: the rollout carries on once it is back, and history keeps every step", async () => {
    const names = farm("natsr", 4).map((s) => s.host);
    // A bounded deadline: if a reply were lost for good, the test fails on AGENT_TIMEOUT, not on its own timeout.
    const started = await start("--farm", "natsr", "--batch", "2", "--deadline", "25s");
    await resettingEvent(started.rollout.id, (h) => h.startsWith("natsr"));
    await nats.restart();
    const d = await finished(started.rollout.id);
    expect(d.rollout.state).toBe("succeeded");
    await resetsReach(Object.fromEntries(names.map((n) => [n, 1])), "every natsr host to report one reset");
    // Every host's reset is in history with all its steps: the agent's result carries them, so they survive the
    // outage even where the advisory progress events published during it were dropped (core NATS: at most once).
    const db = new Database(dbPath, { readonly: true });
    try {
      for (const h of d.hosts) {
        const cmd = db.prepare("SELECT state FROM commands WHERE id = ?").get(h.commandId) as { state: string };
        expect(cmd.state).toBe("succeeded");
        const steps = db.prepare("SELECT action, target FROM command_steps WHERE command_id = ?").all(h.commandId) as Array<{ action: string; target: string }>;
        expect(steps.filter((x) => x.target === "W3SVC").map((x) => x.action)).toEqual(["stop", "start"]);
      }
    } finally {
      db.close();
    }
  });
});
