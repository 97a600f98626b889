// The load-balancer drain proof, against real processes: a real nats-server, a real controller, six agents on
// simulated hosts whose sites serve real HTTP, and Debian's HAProxy balancing them. A load generator keeps requests
// flowing through HAProxy while a rolling reset (--batch 2) runs. With the haproxy drain provider no request fails;
// the same rollout with --no-drain fails some (so the harness can see failures). Then the controller is SIGKILLed
// with a host drained, and the restarted one puts it back. scripts/bench-drain.mjs prints the two counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoadStats, freePortRange, runLoad } from "../../scripts/drain-harness.mjs";
import { type Haproxy, findHaproxy, startHaproxy } from "../support/haproxy.js";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { waitForHosts, waitForRollout } from "../support/events.js";
import { waitFor } from "../support/wait.js";

interface RolloutJson {
  rollout: { id: string; state: string; definition: { drain?: Record<string, { provider: string }> } };
  hosts: Array<{ host: string; state: string; code: string; message: string }>;
  summary: Record<string, number>;
}

const HOSTS = ["web01", "web02", "web03", "web04", "web05", "web06"];
const haproxyBin = findHaproxy();
// Like the dashboard's browser test: skipped on a developer machine without haproxy, a failure in CI.
const run = haproxyBin !== undefined || process.env.CI !== undefined;

let nats: NatsServer;
let controller: Controller;
let lb: Haproxy;
const agents: Proc[] = [];
const dir = tempDir("iisfleet-drain-e2e-");
const dbPath = `${dir.path}/iisfleet.db`;

const api = (args: string[]) => cli(["--controller", controller.url, ...args]);

/** HAProxy's view: server → whether it is administratively drained, and its status (UP, DOWN, DRAIN…). */
async function servers(): Promise<Map<string, { drained: boolean; status: string }>> {
  const state = await lb.command(`show servers state ${lb.backend}`);
  const stat = await lb.command(`show stat ${lb.backend} 4 -1`);
  const cols = (stat.split("\n")[0] ?? "").slice(2).split(",");
  const status = new Map(stat.split("\n").slice(1).filter(Boolean).map((l) => {
    const f = l.split(",");
    return [f[cols.indexOf("svname")] as string, f[cols.indexOf("status")] as string];
  }));
  const out = new Map<string, { drained: boolean; status: string }>();
  for (const line of state.split("\n").slice(2).filter(Boolean)) {
    const f = line.split(" ");
    const name = f[3] as string;
    // srv_admin_state: bit 0x08 is a forced drain (set server … state drain).
    out.set(name, { drained: (Number(f[6]) & 0x08) !== 0, status: status.get(name) ?? "?" });
  }
  return out;
}

const allInRotation = async () => [...(await servers()).values()].every((s) => !s.drained && s.status === "UP");

async function rolloutUnderLoad(extra: string[]): Promise<{ detail: RolloutJson; load: LoadStats }> {
  await waitFor(allInRotation, { what: "every server UP in HAProxy", timeoutMs: 30_000 });
  let done = false;
  const load = runLoad({ url: lb.url, concurrency: 8, ratePerSec: 300, stop: () => done });
  try {
    await new Promise((r) => setTimeout(r, 500)); // traffic flowing before the first host is touched
    const started = await api(["rollout", "start", "--farm", "lb", "--batch", "2", "--json", ...extra]);
    expect(started.code, started.stderr + started.stdout).toBe(0);
    const id = (started.json as RolloutJson).rollout.id;
    const detail = await waitForRollout<RolloutJson>(controller, id, "finished", undefined, { timeoutMs: 120_000 });
    await new Promise((r) => setTimeout(r, 500));
    return { detail, load: await (done = true, load) };
  } finally {
    done = true;
    await load;
  }
}

describe.runIf(run)("load-balancer drain with HAProxy, under load", () => {
  beforeAll(async () => {
    nats = await startNatsServer();
    controller = await startControllerProcess(nats.url, dbPath);
    const ports: number[] = [];
    for (const host of HOSTS) {
      const base = await freePortRange(1);
      ports.push(base);
      // A generous health gate: on a loaded machine a slow warm-up must not fail the host (and the rollout).
      agents.push(startAgentProcess(nats.url, { host, farm: "lb", stopMs: 300, startMs: 300, extra: ["--sim-site-port", String(base), "--probe-attempts", "100"] }));
    }
    // HAProxy balances each host's one site port; its requests carry no site's host name, so each host's catch-all
    // Default Web Site answers them. Servers are named after the hosts.
    lb = await startHaproxy({ servers: HOSTS.map((name, i) => ({ name, port: ports[i] as number })) });
    await waitForHosts(controller, HOSTS.length, "six agents to register", { timeoutMs: 60_000 });
    const set = await api(["farm", "drain", "set", "lb", "--provider", "haproxy", "--haproxy", lb.stats, "--backend", lb.backend, "--drain-timeout", "10s", "--json"]);
    expect(set.code, set.stderr + set.stdout).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(agents.map((a) => a.kill()));
    await controller?.kill();
    await lb?.stop();
    await nats?.stop();
    dir.remove();
  });

  it("drains each host before its reset and puts it back after: zero failed requests", async () => {
    const { detail, load } = await rolloutUnderLoad([]);
    expect(detail.rollout.state, JSON.stringify(detail.hosts)).toBe("succeeded");
    expect(detail.rollout.definition.drain?.lb?.provider).toBe("haproxy");
    expect(detail.summary.healthy).toBe(6);
    expect(load.requests).toBeGreaterThan(500);
    expect(load.failed, JSON.stringify(load.reasons)).toBe(0);
    expect(await allInRotation()).toBe(true);
  }, 180_000);

  it("the same rollout with --no-drain fails requests: users of a host whose IIS is stopping see 503s", async () => {
    const { detail, load } = await rolloutUnderLoad(["--no-drain"]);
    expect(detail.rollout.state, JSON.stringify({ rollout: detail.rollout, hosts: detail.hosts })).toBe("succeeded");
    expect(load.failed).toBeGreaterThan(0);
    expect(Object.keys(load.reasons).some((r) => r === "HTTP 503")).toBe(true);
  }, 180_000);

  it("a controller killed with a host drained: the restarted one finishes the reset and puts the host back", async () => {
    await waitFor(allInRotation, { what: "every server UP in HAProxy", timeoutMs: 30_000 });
    const started = await api(["rollout", "start", "--farm", "lb", "--batch", "2", "--json"]);
    const id = (started.json as RolloutJson).rollout.id;
    // Wait until HAProxy itself has a server drained, then SIGKILL the controller.
    const drained = await waitFor(
      async () => [...(await servers()).entries()].find(([, s]) => s.drained)?.[0],
      { what: "a host drained in HAProxy", timeoutMs: 30_000, intervalMs: 20 },
    );
    await controller.kill("SIGKILL");
    expect((await servers()).get(drained)?.drained).toBe(true);

    controller = await startControllerProcess(nats.url, dbPath);
    const detail = await waitForRollout<RolloutJson>(controller, id, "finished", `resumed rollout ${id} to finish`, { timeoutMs: 120_000 });
    expect(detail.rollout.state, JSON.stringify(detail.hosts)).toBe("succeeded");
    await waitFor(allInRotation, { what: `${drained} back in rotation`, timeoutMs: 30_000 });
  }, 180_000);
});
