// A fleet on a REAL 3-server NATS cluster made by `iisfleet nats-config` (nkeys, TLS, routes over mutual TLS): agents
// spread over the three servers, one controller process given all three URLs. A server that is not the controller's
// dies mid-rollout: the rollout completes, no host is reset twice (counted from the agents' own logs), the capacity
// guard holds (measured from the agents' own step timings). Then the controller's own server dies: it moves to
// another and keeps working. Waits are on the controller's API and event stream, and on /routez, never on sleeps.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForApi, waitForHosts, waitForRollout } from "../support/events.js";
import { type NatsCluster, startNatsCluster } from "../support/nats-cluster.js";
import { maxConcurrent, outOfServiceWindows } from "../support/out-of-service.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { type TestCa, createTestCa } from "../support/test-ca.js";
import { resetsStarted } from "../support/agent-log.js";
import { waitFor } from "../support/wait.js";

interface RolloutJson {
  rollout: { id: string; state: string; reason: string };
  hosts: Array<{ host: string; state: string; code: string }>;
}

const dir = tempDir("iisfleet-cluster-e2e-");
const keysDir = join(dir.path, "keys");
const dbPath = join(dir.path, "iisfleet.db");
// Two agents per server; --batch 2 lets two hosts of the farm be out of service at once.
const HOSTS = ["cl01", "cl02", "cl03", "cl04", "cl05", "cl06"];
const BATCH = 2;
let ca: TestCa;
let cluster: NatsCluster;
let controller: Controller;
const agents = new Map<string, { proc: Proc; server: number }>();

const tlsFlags = () => ["--nats-tls-ca", ca.caCert];

/** Which server the controller's connection is on, from the servers' own /connz. */
async function controllerServer(): Promise<number> {
  return waitFor(
    async () => {
      for (const [i, s] of cluster.servers.entries()) {
        if (!running[i]) continue;
        const connz = (await (await fetch(`${s.monitorUrl}/connz?limit=1024`)).json()) as { connections?: Array<{ name?: string }> };
        if ((connz.connections ?? []).some((c) => c.name !== undefined && /^iisfleet-(?!agent)/.test(c.name))) return i;
      }
      return undefined;
    },
    { what: "the controller's connection on one of the servers", timeoutMs: 30_000, intervalMs: 200 },
  );
}
const running = [true, true, true];

/** How often an agent process reconnected to NATS, from its own log. */
const reconnectsOf = (p: Proc): number => p.stderr().split("\n").filter((l) => l.includes("reconnected to NATS")).length;

/** When the controller last heard a host, by the listing's lastSeenMs or, failing that, its age now. */
function heardAt(h: object): number {
  const { lastSeenMs, ageMs } = h as { lastSeenMs?: number; ageMs?: number };
  if (lastSeenMs !== undefined) return lastSeenMs;
  return ageMs === undefined ? 0 : Date.now() - ageMs;
}

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await controller.fetch(path, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

beforeAll(async () => {
  ca = createTestCa();
  const init = await cli(["keys", "init", "--dir", keysDir, "--agent", HOSTS.join(","), "--json"]);
  expect(init.code, init.stderr).toBe(0);
  cluster = await startNatsCluster({ secure: { keysDir, ca } });
  controller = await startControllerProcess(cluster.urls.join(","), dbPath, ["--nats-nkey", join(keysDir, "nats", "controller.nk"), "--agent-keys", keysDir, ...tlsFlags()]);
  HOSTS.forEach((host, n) => {
    const server = Math.floor(n / 2);
    // Each agent is told only its own server: the others it learns from the cluster (as clients do), to fail over.
    const proc = startAgentProcess(cluster.urls[server] as string, {
      host,
      farm: "web",
      stopMs: 700,
      startMs: 300,
      extra: ["--nats-nkey", join(keysDir, "nats", "agents", `${host}.nk`), ...tlsFlags()],
    });
    agents.set(host, { proc, server });
  });
  await waitForHosts(controller, (hs) => HOSTS.every((h) => hs.some((x) => x.name === h && x.liveness === "online")), "every agent online over the cluster", { timeoutMs: 90_000 });
}, 180_000);

afterAll(async () => {
  await Promise.all([...agents.values()].map((a) => a.proc.kill()));
  await controller?.kill();
  await cluster?.stop();
  ca?.remove();
  dir.remove();
}, 60_000);

describe("a rollout across a 3-server cluster", () => {
  it("completes when a server that is not the controller's is killed mid-rollout: each host reset once, capacity held", async () => {
    const home = await controllerServer();
    const victim = (home + 1) % 3;
    const onVictim = HOSTS.filter((h) => agents.get(h)?.server === victim);
    const started = await api<RolloutJson>("/api/v1/rollouts", { farm: "web", batch: String(BATCH), actor: "e2e" });
    const id = started.rollout.id;
    // Kill the server while one of its agents is being reset: that agent's result has to find another way back.
    await waitForRollout<RolloutJson>(controller, id, (d) => d.hosts.some((h) => onVictim.includes(h.host) && h.state === "resetting"), `a host on server ${victim} resetting`, { timeoutMs: 90_000 });
    await cluster.kill(victim);
    running[victim] = false;
    const done = await waitForRollout<RolloutJson>(controller, id, (d) => d.rollout.state !== "running", `rollout ${id} to end`, { timeoutMs: 120_000 });
    expect(done.rollout.state, JSON.stringify(done)).toBe("succeeded");
    expect(done.hosts.map((h) => [h.host, h.state])).toEqual(HOSTS.map((h) => [h, "healthy"]));
    // Every agent started exactly one reset, for the command the rollout recorded for it.
    const detail = await api<{ hosts: Array<{ host: string; commandId: string }> }>(`/api/v1/rollouts/${id}`);
    for (const h of HOSTS) {
      const proc = agents.get(h)?.proc as Proc;
      expect(resetsStarted(proc), `${h}'s own log`).toEqual([detail.hosts.find((x) => x.host === h)?.commandId]);
    }
    // The capacity guard, from the agents' own step timings: never more than BATCH out of service at once.
    const windows = await waitFor(() => {
      const w = outOfServiceWindows(dbPath, HOSTS);
      return w.length === HOSTS.length && w;
    }, { what: "every host's out-of-service window (agents' progress events)", timeoutMs: 30_000, intervalMs: 250 });
    expect(maxConcurrent(windows)).toBeLessThanOrEqual(BATCH);
    expect(maxConcurrent(windows)).toBeGreaterThan(0);
    // The victim's agents move to the surviving servers (their own logs; the one mid-reset sent its result that way).
    await waitFor(() => onVictim.every((h) => reconnectsOf(agents.get(h)?.proc as Proc) >= 1), { what: `${onVictim.join(", ")} to reconnect (their logs)`, timeoutMs: 60_000, intervalMs: 200 });
    await cluster.restart(victim);
    running[victim] = true;
  }, 300_000);

  it("keeps working when its own server dies (--nats A,B,C): it reconnects to another, resets a host and asks the fleet live", async () => {
    const home = await controllerServer();
    // Agents of the dead server find their way to the others too: from the agent's own log, then its next heartbeat.
    const target = HOSTS.find((h) => agents.get(h)?.server === home) as string;
    const targetProc = agents.get(target)?.proc as Proc;
    const reconnects = () => reconnectsOf(targetProc);
    const before = reconnects();
    await cluster.kill(home);
    running[home] = false;
    const moved = await controllerServer();
    expect(moved).not.toBe(home);
    await waitForApi(controller, "/api/v1/health", (b: { status: string }) => b.status === "ok" && b, "the controller healthy on another server", { timeoutMs: 60_000 });
    await waitFor(() => reconnects() > before, { what: `${target} to reconnect to a surviving server (its log)`, timeoutMs: 60_000, intervalMs: 200 });
    const reconnectedMs = Date.now();
    await waitForHosts(
      controller,
      (hs) => hs.some((h) => h.name === target && heardAt(h) > reconnectedMs),
      `a heartbeat from ${target} after it reconnected`,
      { timeoutMs: 60_000 },
    );
    const resetsBefore = resetsStarted(targetProc).length;
    const res = await controller.fetch(`/api/v1/hosts/${target}/reset`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ issuer: "e2e" }) });
    expect(res.ok).toBe(true);
    const reset = (await res.json()) as { command: { state: string; code: string } };
    expect(reset.command).toMatchObject({ state: "succeeded", code: "OK" });
    expect(resetsStarted(targetProc).length).toBe(resetsBefore + 1);
    const live = await waitFor(
      async () => {
        const body = (await (await controller.fetch("/api/v1/status?live=1&timeoutMs=3000")).json()) as { answered?: Array<{ host: string }> };
        const hosts = (body.answered ?? []).map((a) => a.host).sort();
        return hosts.length === HOSTS.length && hosts;
      },
      { what: "every agent to answer a live status query with two servers left", timeoutMs: 90_000, intervalMs: 1_000 },
    );
    expect(live).toEqual(HOSTS);
  }, 300_000);
});
