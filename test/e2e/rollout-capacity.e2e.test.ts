// The failure budget and the capacity guard agree, and one active rollout owns a host, over real processes
// (issue 18, items 1 and 6): a real nats-server, a
// real controller process and agents on simulated hosts, some of whose W3SVC crashes on start (1067). Waits are on
// the controller's API fetched in-process and its event log, never on repeated CLI processes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentSpec, type Controller, cli } from "../support/processes.js";
import { type Stack, startStack } from "../support/stack.js";
import { waitForRollout } from "../support/events.js";
import { waitFor } from "../support/wait.js";

interface RolloutJson {
  rollout: { id: string; state: string; reason: string; blocked: { sinceMs: number; hosts: Array<{ host: string; farm: string; reason: string }> } | null };
  hosts: Array<{ host: string; state: string; code: string; startedMs: number | null; finishedMs: number | null }>;
  summary: Record<string, number>;
}
interface EventJson {
  id: number;
  kind: string;
  message: string;
  data: Record<string, unknown>;
}

let stack: Stack | undefined;
let controller: Controller;

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await controller.fetch(path, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const show = (id: string) => api<RolloutJson>(`/api/v1/rollouts/${id}`);

const until = (id: string, what: string, ok: (d: RolloutJson) => boolean, timeoutMs = 90_000): Promise<RolloutJson> =>
  waitForRollout<RolloutJson>(controller, id, ok, `rollout ${id}: ${what}`, { timeoutMs });

async function events(kind: string, rolloutId: string): Promise<EventJson[]> {
  const res = await api<{ events: EventJson[] }>(`/api/v1/events?since=0&limit=1000&kinds=${kind}`);
  return res.events.filter((e) => e.data.rolloutId === rolloutId);
}

beforeAll(async () => {
  const specs: AgentSpec[] = [
    ...["mixa01", "mixa02", "mixa03"].map((host) => ({ host, farm: "mix" })),
    ...["mixb01", "mixb02", "mixb03"].map((host) => ({ host, farm: "mix", fault: "crash-on-start" })),
    ...["blk01", "blk02"].map((host) => ({ host, farm: "blk" })),
    { host: "blk03", farm: "blk", fault: "crash-on-start" },
    { host: "own01", farm: "ownx", fault: "crash-on-start" },
    ...["own02", "own03"].map((host) => ({ host, farm: "own" })),
    // own04 stops slowly, so a rollout can be aborted while it is being reset.
    { host: "own04", farm: "own", stopMs: 1_500 },
  ];
  stack = await startStack({
    dirPrefix: "iisfleet-rollout-capacity-e2e-",
    agents: specs,
    agentStateInDir: true,
    waitFor: { hosts: specs.length, what: "every agent to register", timeoutMs: 60_000 },
  });
  controller = stack.controller;
}, 90_000);

afterAll(() => stack?.stop());

describe("failure budget and capacity over real agents", () => {
  it("--batch 1 --max-failures 1 with crashing hosts: the allowed failure does not hold the capacity; the budget ends the rollout", async () => {
    const started = await api<RolloutJson>("/api/v1/rollouts", { farm: "mix", batch: "1", maxFailures: "1", actor: "e2e" });
    const d = await until(started.rollout.id, "to end", (x) => ["succeeded", "failed", "aborted"].includes(x.rollout.state));
    expect(d.rollout.state).toBe("failed");
    expect(d.rollout.reason).toMatch(/2 hosts failed, more than the 1 allowed \(--max-failures\)/);
    expect(d.hosts.map((h) => [h.host, h.state])).toEqual([
      ["mixa01", "healthy"], ["mixa02", "healthy"], ["mixa03", "healthy"],
      ["mixb01", "failed"], ["mixb02", "failed"], ["mixb03", "queued"],
    ]);
  }, 120_000);

  it("a host down before the start: plan lists it and warns; the rollout reports blocked (API, event) instead of waiting silently; --on-blocked fail ends it", async () => {
    // blk03 fails a reset and stays down (W3SVC crashes on start).
    const reset = await controller.fetch("/api/v1/hosts/blk03/reset", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ issuer: "e2e" }) });
    expect(reset.status).toBeLessThan(500);
    const plan = await cli(["--controller", controller.url, "rollout", "plan", "--hosts", "blk01,blk02", "--batch", "1"]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/Out of service now \(they count against --max-unavailable\): blk03 \(/);
    expect(plan.stdout).toMatch(/It would be blocked: no host of batch 1 can start/);

    const waiting = await api<RolloutJson>("/api/v1/rollouts", { hosts: ["blk01", "blk02"], batch: "1", actor: "e2e" });
    const id = waiting.rollout.id;
    const blocked = await until(id, "to report blocked", (x) => x.rollout.blocked !== null);
    expect(blocked.rollout.state).toBe("running");
    expect(blocked.rollout.blocked?.hosts.map((h) => h.host)).toEqual(["blk03"]);
    expect(blocked.rollout.reason).toMatch(/^blocked: no host can start in farm blk: .*blk03/);
    const said = await waitFor(async () => (await events("rollout.blocked", id))[0], { what: "a rollout.blocked event", timeoutMs: 30_000, intervalMs: 250 });
    expect(said.message).toMatch(/blk03/);
    expect(await (await controller.fetch("/metrics")).text()).toMatch(/^iisfleet_rollouts_blocked 1$/m);
    const shown = await cli(["--controller", controller.url, "rollout", "show", id]);
    expect(shown.stdout).toMatch(new RegExp(`${id}\\s+blocked`));
    await api(`/api/v1/rollouts/${id}/abort`, { actor: "e2e" });

    // The issue's `--follow` printed nothing while the rollout stalled: now it says so, and ends with --on-blocked fail.
    const followed = await cli(["--controller", controller.url, "rollout", "start", "--hosts", "blk01,blk02", "--on-blocked", "fail", "--blocked-grace", "1s", "--follow"]);
    expect(followed.code, followed.stderr).toBe(1);
    expect(followed.stdout).toMatch(/Out of service now \(they count against --max-unavailable\): blk03 \(/);
    expect(followed.stdout).toMatch(/rollout r-\w+: blocked: no host can start in farm blk: .*blk03/);
    const failedId = /Started rollout (r-\w+)/.exec(followed.stdout)?.[1] ?? "";
    const failed = await show(failedId);
    expect(failed.rollout.state).toBe("failed");
    expect(failed.rollout.reason).toMatch(/^blocked for \d+ s: farm blk has no capacity left, held by blk03 .*\(--on-blocked fail\)/);
    expect(failed.summary).toMatchObject({ queued: 2, healthy: 0, failed: 0 });
  }, 120_000);
});

async function resetsExecuted(host: string): Promise<number> {
  const { hosts } = await api<{ hosts: Array<{ name: string; counters: Record<string, number> }> }>("/api/v1/hosts");
  return hosts.find((h) => h.name === host)?.counters.resetsExecuted ?? -1;
}

describe("one active owner per host over real agents", () => {
  it("a halted rollout still left with hosts another rollout took cannot resume until that one ends; each resets them once", async () => {
    const r1 = (await api<RolloutJson>("/api/v1/rollouts", { hosts: ["own01", "own02", "own03"], batch: "1", actor: "e2e" })).rollout.id;
    const halted = await until(r1, "to halt", (x) => x.rollout.state === "failed");
    expect(halted.hosts.map((h) => h.state)).toEqual(["failed", "queued", "queued"]);
    // A bake keeps R2 active for a while whatever the load: the resume below meets it.
    const r2 = (await api<RolloutJson>("/api/v1/rollouts", { hosts: ["own02", "own03"], batch: "1", bakeMs: 3_000, actor: "e2e" })).rollout.id;
    await api(`/api/v1/rollouts/${r1}/hosts/own01/skip`, { actor: "e2e" });
    const refused = await controller.fetch(`/api/v1/rollouts/${r1}/resume`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ actor: "e2e" }) });
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("ROLLOUT_CONFLICT");
    expect(body.error.message).toMatch(new RegExp(`Cannot resume rollout ${r1}: .*own02 \\(in ${r2}\\), own03 \\(in ${r2}\\)`));
    expect((await until(r2, "to succeed", (x) => x.rollout.state !== "running")).rollout.state).toBe("succeeded");
    await api(`/api/v1/rollouts/${r1}/resume`, { actor: "e2e" });
    const resumed = await until(r1, "to end after its resume", (x) => x.rollout.state !== "running");
    expect(resumed.rollout.state).toBe("succeeded");
    await waitFor(async () => (await resetsExecuted("own02")) === 2 && (await resetsExecuted("own03")) === 2, {
      what: "own02 and own03 to report one reset per rollout",
      timeoutMs: 30_000,
      intervalMs: 250,
    });
  }, 180_000);

  it("a rollout naming a host still being reset for an aborted rollout waits for it instead of failing it with BUSY", async () => {
    const r3 = (await api<RolloutJson>("/api/v1/rollouts", { hosts: ["own04"], actor: "e2e" })).rollout.id;
    await until(r3, "own04 resetting", (x) => x.hosts[0]?.state === "resetting", 30_000);
    await api(`/api/v1/rollouts/${r3}/abort`, { actor: "e2e" });
    const r4 = (await api<RolloutJson>("/api/v1/rollouts", { hosts: ["own04"], actor: "e2e" })).rollout.id;
    const waiting = await show(r4);
    expect(waiting.hosts[0]?.state).toBe("queued");
    const done = await until(r4, "to end", (x) => x.rollout.state !== "running");
    expect(done.rollout.state).toBe("succeeded");
    expect(done.hosts[0]?.code).toBe("OK");
    const aborted = (await show(r3)).hosts[0];
    expect(aborted?.state).toBe("healthy");
    // Its reset began only once the aborted rollout's reset of own04 was recorded.
    expect(done.hosts[0]?.startedMs ?? 0).toBeGreaterThanOrEqual(aborted?.finishedMs ?? Number.POSITIVE_INFINITY);
  }, 120_000);
});
