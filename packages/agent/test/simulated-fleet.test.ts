// The fleet simulator in process, over a real nats-server: many agents on a few shared connections, each with its
// own subjects, heartbeat and Windows-like host; fleet status requests answered per farm, tag and host filter.
import { type NatsConnection, connect, createInbox } from "@nats-io/transport-node";
import { type StatusReport, decode, encode, subjects, v1 } from "@iisfleet/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../../../test/support/nats-server.js";
import { waitFor } from "../../../test/support/wait.js";
import { CommandExecutor } from "../src/commands/executor.js";
import { systemClock } from "../src/host/port.js";
import { SimulatedHost } from "../src/host/simulated/index.js";
import { createLogger } from "../src/log.js";
import { ResetEngine } from "../src/reset/engine.js";
import { SimulatedFleet } from "../src/simulate/fleet.js";
import { parseSimulateArgs } from "../src/simulate/options.js";
import { CommandVerifier } from "../src/security/command-verifier.js";
import { NatsAgent } from "../src/transport/nats-agent.js";

const log = createLogger("test", "silent");
let nats: NatsServer;
let nc: NatsConnection;
let shop: SimulatedFleet;
let api: SimulatedFleet;
let sited: SimulatedFleet;

/** One fleet status request; the replies that came within `ms`, decoded. */
async function ask(scope: { farm?: string; tags?: Record<string, string>; hosts?: string[] }, ms = 800): Promise<StatusReport[]> {
  const replies: StatusReport[] = [];
  const sub = nc.subscribe(createInbox(), {
    callback: (_e, m) => {
      if (m.data.length > 0) replies.push(decode.statusReport(m.data));
    },
  });
  nc.publish(subjects.fleetStatus, encode.statusRequest({ requestId: "q", ...scope }), { reply: sub.getSubject() });
  await new Promise((r) => setTimeout(r, ms));
  sub.unsubscribe();
  return replies;
}

beforeAll(async () => {
  nats = await startNatsServer({ jetstream: false, monitoring: false });
  nc = await connect({ servers: nats.url });
  shop = new SimulatedFleet(
    parseSimulateArgs(["--count", "60", "--farm", "shop", "--tag", "dc=fra", "--connections", "3", "--nats", nats.url, "--heartbeat", "300ms", "--sim-stop-ms", "20", "--sim-start-ms", "20", "--poll-ms", "5"], {}),
    log,
  );
  api = new SimulatedFleet(parseSimulateArgs(["--count", "20", "--farm", "api", "--prefix", "api", "--connections", "1", "--nats", nats.url, "--heartbeat", "300ms"], {}), log);
  // Hosts that serve their sites over HTTP and probe them after a reset, one of them with a fault of its own.
  sited = new SimulatedFleet(
    parseSimulateArgs(
      ["--count", "3", "--farm", "sited", "--prefix", "site", "--connections", "1", "--nats", nats.url, "--heartbeat", "300ms", "--sim-stop-ms", "20", "--sim-start-ms", "20", "--poll-ms", "5", "--sim-sites", "--fault-on", "site02=hung-stop", "--probe-attempts", "40", "--probe-interval", "25ms"],
      {},
    ),
    log,
  );
  await shop.start();
  await api.start();
  await sited.start();
});

afterAll(async () => {
  await shop?.stop();
  await api?.stop();
  await sited?.stop();
  await nc?.close();
  await nats?.stop();
});

describe("a simulated fleet", () => {
  it("every agent heartbeats on its own subject with its own instance id, within its first period", async () => {
    const seen = new Map<string, string>();
    const sub = nc.subscribe(subjects.allHeartbeats, {
      callback: (_e, m) => {
        const hb = decode.heartbeat(m.data);
        seen.set(hb.facts?.host ?? "", hb.instanceId);
        expect(m.subject).toBe(subjects.heartbeat(hb.facts?.host ?? "x"));
      },
    });
    await waitFor(() => seen.size === 83, { what: "83 heartbeats", timeoutMs: 5_000 });
    sub.unsubscribe();
    expect(new Set(seen.values()).size).toBe(83);
    expect([...seen.keys()].sort().slice(0, 2)).toEqual(["api01", "api02"]);
  });

  it("answers fleet status by farm, tag and host name — and only those asked", async () => {
    expect((await ask({})).length).toBe(83);
    const farm = await ask({ farm: "shop" });
    expect(farm.length).toBe(60);
    expect(new Set(farm.map((r) => r.facts?.host)).size).toBe(60);
    expect((await ask({ tags: { dc: "fra" } })).length).toBe(60);
    expect((await ask({ tags: { dc: "ams" } })).length).toBe(0);
    const two = await ask({ hosts: ["web02", "api05"] });
    expect(two.map((r) => r.facts?.host).sort()).toEqual(["api05", "web02"]);
    const one = two.find((r) => r.facts?.host === "web02");
    expect(one).toMatchObject({ requestId: "q", agentVersion: expect.any(String), facts: { farm: "shop", tags: { dc: "fra" }, adapter: "simulated" } });
    expect(one?.facts?.services?.find((s) => s.name === "W3SVC")?.state).toBe(v1.ServiceState.SERVICE_STATE_RUNNING);
  });

  it("resets like a Windows host, and its next answer shows the new worker processes", async () => {
    const poolPids = async () => (await ask({ hosts: ["web07"] }, 500))[0]?.facts?.appPools?.flatMap((p) => p.workerPids ?? []) ?? [];
    const before = await poolPids();
    expect(before.length).toBeGreaterThan(0);
    const now = Date.now();
    const command = encode.command({ commandId: "sim-reset-1", targetHost: "web07", issuedAtMs: now, expiresAtMs: now + 30_000, reset: { level: v1.ResetLevel.RESET_LEVEL_IIS } });
    const reply = await nc.request(subjects.command("web07"), encode.envelope({ command }), { timeout: 20_000 });
    const result = decode.result(reply.data);
    expect(result).toMatchObject({ host: "web07", outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: "OK" });
    expect(result.steps.some((s) => s.action === v1.StepAction.STEP_ACTION_STOP && s.target === "WAS")).toBe(true);
    expect(result.steps.some((s) => s.action === v1.StepAction.STEP_ACTION_PROBE && s.ok)).toBe(true);
    const after = await poolPids();
    expect(after.length).toBe(before.length);
    expect(after.some((pid) => before.includes(pid))).toBe(false); // fresh w3wp processes, not a stale cache
    const status = (await ask({ hosts: ["web07"] }, 500))[0];
    expect(status?.facts?.lastReset).toMatchObject({ commandId: "sim-reset-1", code: "OK" });
  });

  it("--sim-sites: a reset probes the host's own sites over HTTP; --fault-on faults that one host only", async () => {
    const reset = async (host: string) => {
      const now = Date.now();
      const command = encode.command({ commandId: `sited-${host}`, targetHost: host, issuedAtMs: now, expiresAtMs: now + 30_000, reset: { level: v1.ResetLevel.RESET_LEVEL_IIS, timeoutMs: 500 } });
      return decode.result((await nc.request(subjects.command(host), encode.envelope({ command }), { timeout: 20_000 })).data);
    };
    const ok = await reset("site01");
    expect(ok).toMatchObject({ host: "site01", outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: "OK" });
    const probes = ok.steps.filter((s) => s.action === v1.StepAction.STEP_ACTION_PROBE);
    expect(probes.length).toBe(3); // the three default sites, on one shared port, told apart by Host header
    expect(probes.map((p) => (p.target ?? "").replace(/:\d+\//, ":PORT/"))).toEqual([
      "http://127.0.0.1:PORT/",
      "http://127.0.0.1:PORT/health (Host: shop.example.com)",
      "http://127.0.0.1:PORT/health (Host: api.example.com)",
    ]);
    expect(new Set(probes.map((p) => /:(\d+)\//.exec(p.target ?? "")?.[1])).size).toBe(1);
    for (const p of probes) expect(p).toMatchObject({ ok: true, message: expect.stringMatching(/^HTTP 200 in \d+ ms/) });
    // A site really listens: what the probe asked, a client gets too.
    expect((await fetch(probes[0]?.target ?? "")).status).toBe(200);
    expect(await reset("site02")).toMatchObject({ host: "site02", outcome: v1.Outcome.OUTCOME_FAILED, code: "STOP_FAILED" });
    expect(await reset("site03")).toMatchObject({ host: "site03", outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: "OK" });
    // Hosts that start their sites finish starting in any order; agent(name) still finds each by its name.
    for (const host of ["site01", "site02", "site03"]) expect(sited.agent(host)?.counters.commandsReceived, host).toBe(1);
  });

  it("a malformed status request is dropped and counted, and the agents keep answering", async () => {
    nc.publish(subjects.fleetStatus, new Uint8Array([0xff, 0xff, 0xff]), { reply: createInbox() });
    await nc.flush();
    await waitFor(() => (shop.agent("web01")?.counters.malformedReceived ?? 0) >= 1, { what: "web01 to count the bad request" });
    expect((await ask({ farm: "api" })).length).toBe(20);
  });
});

describe("NatsAgent on a shared connection", () => {
  it("stopping the agent removes its subscriptions and leaves the connection open", async () => {
    const shared = await connect({ servers: nats.url });
    const host = new SimulatedHost({});
    const executor = new CommandExecutor({ host: "solo01", engine: new ResetEngine(host), clock: systemClock, events: { progress: () => {} } });
    const agent = new NatsAgent({
      connection: shared,
      identity: { host: "solo01", farm: "solo", tags: {} },
      port: host,
      executor,
      verifier: new CommandVerifier({ kind: "unsigned-allowed" }, "solo01", systemClock),
      clock: systemClock,
      log,
      version: "test",
      heartbeatMs: 60_000,
      status: () => ({ cordoned: false, cordonReason: "", health: "unknown", lastReset: undefined }),
    });
    await agent.start();
    expect((await ask({ farm: "solo" }, 300)).length).toBe(1);
    await agent.stop();
    expect(shared.isClosed()).toBe(false);
    expect((await ask({ farm: "solo" }, 300)).length).toBe(0);
    await shared.close();
    host.dispose();
  });
});
