// GET /api/v1/status against a real controller (in process), a real nats-server and a real SQLite file. The
// "agents" are plain NATS clients in this test, so each can be made to answer, stay silent, lie or babble.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type NatsConnection, connect } from "@nats-io/transport-node";
import { decode, encode, subjects, v1 } from "@iisfleet/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../../../test/support/nats-server.js";
import { bearer, readAdminToken } from "../../../test/support/auth.js";
import { waitFor } from "../../../test/support/wait.js";
import { type RunningController, startController } from "../src/daemon.js";
import type { LiveStatusAnswer } from "../src/fleet/live-query.js";
import type { RegistryStatusAnswer } from "../src/fleet/registry-status.js";
import { createLogger } from "../src/log.js";

let nats: NatsServer;
let ctl: RunningController;
let agents: NatsConnection;
const dir = mkdtempSync(join(tmpdir(), "iisfleet-status-api-"));

interface Fake {
  host: string;
  farm: string;
  tags?: Record<string, string>;
  /** false: registered by its heartbeat, but never answers a status request. */
  answers: boolean;
  /** true: answers, but never heartbeats (an agent this controller has not heard of). */
  unregistered?: boolean;
}

const FLEET: Fake[] = [
  { host: "web01", farm: "shop", tags: { dc: "fra" }, answers: true },
  { host: "web02", farm: "shop", tags: { dc: "ams" }, answers: true },
  { host: "web03", farm: "shop", tags: { dc: "fra" }, answers: false },
  { host: "ghost01", farm: "shop", answers: true, unregistered: true },
  { host: "api01", farm: "api", answers: true },
];

function facts(f: Fake) {
  return {
    host: f.host,
    farm: f.farm,
    tags: f.tags ?? {},
    adapter: "simulated",
    services: [{ name: "W3SVC", state: v1.ServiceState.SERVICE_STATE_RUNNING, pid: 1000 }],
    appPools: [{ name: "ShopAppPool", started: true, workerPids: [2000] }],
  };
}

async function get<T>(path: string): Promise<{ status: number; json: T & { error?: { code: string; message: string } } }> {
  // A hung query fails here, with a sentence, instead of at the test timeout.
  const res = await fetch(`${ctl.url}${path}`, { signal: AbortSignal.timeout(15_000), headers: bearer(readAdminToken(join(dir, "iisfleet.db"))) });
  return { status: res.status, json: (await res.json()) as T & { error?: { code: string; message: string } } };
}

beforeAll(async () => {
  nats = await startNatsServer({ jetstream: false });
  ctl = await startController({
    natsServers: [nats.url],
    dbPath: join(dir, "iisfleet.db"),
    listenHost: "127.0.0.1",
    listenPort: 0,
    log: createLogger("test", "silent"),
  });
  agents = await connect({ servers: nats.url });
  for (const f of FLEET) {
    if (f.answers) {
      agents.subscribe(subjects.fleetStatus, {
        callback: (_err, msg) => {
          const req = decode.statusRequest(msg.data);
          if (req.farm && req.farm !== f.farm) return;
          if (req.hosts.length > 0 && !req.hosts.includes(f.host)) return;
          if (Object.entries(req.tags).some(([k, v]) => f.tags?.[k] !== v)) return;
          msg.respond(encode.statusReport({ requestId: req.requestId, facts: facts(f), instanceId: `i-${f.host}`, agentVersion: "fake", uptimeMs: 5 }));
        },
      });
    }
    if (!f.unregistered) {
      agents.publish(
        subjects.heartbeat(f.host),
        encode.heartbeat({ facts: facts(f), instanceId: `i-${f.host}`, intervalMs: 600_000, agentVersion: "fake", sentAtMs: Date.now() }),
      );
    }
  }
  // Something on the fleet subject that answers every request with garbage.
  agents.subscribe(subjects.fleetStatus, {
    callback: (_err, msg) => {
      msg.respond(new Uint8Array([0x0a, 0xff, 0x01]));
    },
  });
  await agents.flush();
  await waitFor(async () => (await get<RegistryStatusAnswer>("/api/v1/status")).json.summary?.hosts === 4, { what: "four hosts to register" });
});

afterAll(async () => {
  await agents?.close();
  await ctl?.stop();
  await nats?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("GET /api/v1/status?live=1", () => {
  it("answered, silent (registered, no reply) and unknown (replied, never registered); garbage counted and ignored", async () => {
    const r = await get<LiveStatusAnswer>("/api/v1/status?live=1&farm=shop&timeoutMs=1000");
    expect(r.status).toBe(200);
    const a = r.json;
    expect(a.summary).toEqual({ expected: 3, answered: 2, silent: 1, unknown: 1, duplicates: 0, malformed: 1 });
    expect(a.answered.map((h) => h.host)).toEqual(["web01", "web02"]);
    expect(a.answered[0]).toMatchObject({ farm: "shop", instanceIds: ["i-web01"], services: [{ name: "W3SVC", state: "RUNNING", pid: 1000 }], appPools: [{ name: "ShopAppPool" }] });
    expect(a.silent).toEqual([expect.objectContaining({ host: "web03", farm: "shop", liveness: "online" })]);
    expect(a.unknown.map((h) => h.host)).toEqual(["ghost01"]);
    expect(a.complete).toBe(false);
    expect(a.nats).toEqual({ connectedAtStart: true, interrupted: false, end: "deadline" });
    expect(a.warnings).toEqual(["1 malformed reply was counted and ignored."]);
  });

  it("ends early once every expected host has answered", async () => {
    const a = (await get<LiveStatusAnswer>("/api/v1/status?live=1&tag=dc=ams&timeoutMs=30000&detail=0")).json;
    expect(a.summary).toMatchObject({ expected: 1, answered: 1, silent: 0 });
    expect(a.nats.end).toBe("complete");
    expect(a.complete).toBe(true);
    expect(a.answered[0]).not.toHaveProperty("services"); // detail=0: names only
  });

  it("filters by host name: only those are expected, and only those answer", async () => {
    const a = (await get<LiveStatusAnswer>("/api/v1/status?live=1&host=web01&host=web03&timeoutMs=500")).json;
    expect(a.answered.map((h) => h.host)).toEqual(["web01"]);
    expect(a.silent.map((h) => h.host)).toEqual(["web03"]);
    expect(a.scope).toBe("host web01, web03");
  });

  it.each([
    ["live=maybe", /^live: /],
    ["timeoutMs=0", /^timeoutMs: /],
    ["tag=dc", /KEY=VALUE/],
    ["farm=a.b", /^farm: /],
    ["flarm=shop", /Unrecognized key/],
  ])("refuses %s with 400 INVALID_INPUT", async (qs, message) => {
    const r = await get<unknown>(`/api/v1/status?${qs}`);
    expect(r.status).toBe(400);
    expect(r.json.error?.code).toBe("INVALID_INPUT");
    expect(r.json.error?.message).toMatch(message);
  });
});

describe("GET /api/v1/status (registry)", () => {
  it("says how old each host's facts are", async () => {
    const a = (await get<RegistryStatusAnswer>("/api/v1/status?farm=shop")).json;
    expect(a.mode).toBe("registry");
    expect(a.summary).toMatchObject({ hosts: 3, online: 3, stale: 0, offline: 0 });
    for (const h of a.hosts) {
      expect(h.ageMs).toBeGreaterThanOrEqual(0);
      expect(h.lastSeenMs).toBeGreaterThan(0);
    }
    expect(a.hosts.map((h) => h.name)).toEqual(["web01", "web02", "web03"]);
  });

  it("the diagnostics answer counts the registry and the controller's memory", async () => {
    const h = (await get<{ hosts: number; memory: { rss: number; heapUsed: number } }>("/api/v1/diagnostics")).json;
    expect(h.hosts).toBe(4);
    expect(h.memory.rss).toBeGreaterThan(0);
  });
});

describe("a live query while NATS is down", () => {
  it("comes back at its deadline with everyone silent and a sentence saying why — not a hang", async () => {
    await nats.stop();
    await waitFor(async () => (await get<{ nats: string }>("/api/v1/diagnostics")).json.nats === "disconnected", { what: "the controller to notice" });
    const a = (await get<LiveStatusAnswer>("/api/v1/status?live=1&farm=shop&timeoutMs=700")).json;
    expect(a.summary).toMatchObject({ expected: 3, answered: 0, silent: 3 });
    expect(a.nats).toMatchObject({ connectedAtStart: false, interrupted: true, end: "deadline" });
    expect(a.warnings[0]).toMatch(/not connected to NATS when the query started: this answer is partial/);
  });
});
