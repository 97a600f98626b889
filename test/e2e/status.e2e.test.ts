// Fleet status over real processes: a nats-server, the controller, agents on simulated hosts and the iisfleet CLI.
// Silent and unknown hosts, --strict, a malformed reply, NATS restarted mid-query, duplicate host names versus a
// plain restart, and the registry surviving a kill -9 of the controller.
import { join } from "node:path";
import Database from "better-sqlite3";
import { type NatsConnection, connect } from "@nats-io/transport-node";
import { decode, encode, subjects } from "@iisfleet/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { apiJson } from "../support/events.js";
import { sleep, waitFor } from "../support/wait.js";

interface LiveJson {
  mode: "live";
  summary: { expected: number; answered: number; silent: number; unknown: number; duplicates: number; malformed: number };
  answered: Array<{ host: string; farm: string; instanceIds: string[]; duplicate: boolean; services: Array<{ name: string; state: string }>; appPools: unknown[] }>;
  silent: Array<{ host: string; liveness: string }>;
  unknown: Array<{ host: string }>;
  nats: { connectedAtStart: boolean; interrupted: boolean; end: string };
  warnings: string[];
}
interface RegistryJson {
  mode: "registry";
  summary: { hosts: number; online: number; stale: number; offline: number; duplicates: number };
  hosts: Array<{ name: string; liveness: string; ageMs: number; instanceId: string; duplicate?: { instanceIds: string[] } }>;
}

let nats: NatsServer;
let controller: Controller;
let nc: NatsConnection;
const agents = new Map<string, Proc>();
const dir = tempDir("iisfleet-status-e2e-");
const dbPath = `${dir.path}/iisfleet.db`;

const status = (...args: string[]) => cli(["--controller", controller.url, "status", ...args]);
async function live(...args: string[]): Promise<{ code: number | null; answer: LiveJson; stdout: string }> {
  const r = await status("--live", "--json", ...args);
  return { code: r.code, answer: r.json as LiveJson, stdout: r.stdout };
}
/** What `status --json --farm F` prints, read in-process: waits poll it, and a CLI process per poll is slow under load. */
async function registry(farm?: string): Promise<RegistryJson> {
  return apiJson<RegistryJson>(controller, `/api/v1/status${farm === undefined ? "" : `?farm=${farm}`}`);
}
function events(kind: string, host?: string): Array<{ host: string; data: Record<string, unknown> }> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT host, data_json FROM events WHERE kind = ? AND (? IS NULL OR host = ?) ORDER BY id").all(kind, host ?? null, host ?? null) as Array<{ host: string; data_json: string }>;
    return rows.map((r) => ({ host: r.host, data: JSON.parse(r.data_json) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}
function agent(host: string, farm: string, tags: string[] = []): Proc {
  const p = startAgentProcess(nats.url, { host, farm, extra: tags.flatMap((t) => ["--tag", t]) });
  agents.set(`${host}:${p.child.pid}`, p);
  return p;
}

beforeAll(async () => {
  nats = await startNatsServer();
  controller = await startControllerProcess(nats.url, dbPath);
  agent("web01", "shop", ["dc=fra"]);
  agent("web02", "shop", ["dc=ams"]);
  agent("web03", "shop", ["dc=fra"]);
  agent("api01", "api");
  await waitFor(async () => (await registry()).summary?.online === 4, { what: "four agents online", timeoutMs: 30_000 });
  nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 200 });
});

afterAll(async () => {
  await nc?.close();
  await Promise.all([...agents.values()].map((a) => a.kill()));
  await controller?.kill();
  await nats?.stop();
  dir.remove();
});

describe("iisfleet status --live", () => {
  it("asks every matching agent at once and shows each host's services and app pools", async () => {
    const r = await live("--farm", "shop");
    expect(r.code).toBe(0);
    expect(r.answer.summary).toMatchObject({ expected: 3, answered: 3, silent: 0, unknown: 0, malformed: 0 });
    expect(r.answer.nats.end).toBe("complete");
    const web01 = r.answer.answered.find((h) => h.host === "web01");
    expect(web01?.services.find((s) => s.name === "W3SVC")?.state).toBe("RUNNING");
    expect(web01?.appPools.length).toBeGreaterThan(0);

    const human = await status("--live", "--farm", "shop");
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^3 answered, 0 silent, 0 unknown in \d+ ms {2}\(farm shop; every expected host answered\)/);
    expect(human.stdout).toMatch(/HOST\s+FARM\s+W3SVC\s+SERVICES\s+APP POOLS\s+HEALTH\s+ACTIVITY\s+REPLY/);
    expect(human.stdout).toMatch(/web02\s+shop\s+RUNNING\s+\d+\/\d+ running/);
  });

  it("narrows by tag and by host", async () => {
    expect((await live("--tag", "dc=fra")).answer.answered.map((h) => h.host)).toEqual(["web01", "web03"]);
    expect((await live("--farm", "shop", "--tag", "dc=fra", "--host", "web03")).answer.answered.map((h) => h.host)).toEqual(["web03"]);
  });

  it("a stopped agent is silent; --strict exits 1 for it and 0 when everyone in scope answered", async () => {
    const web03 = [...agents.entries()].find(([k]) => k.startsWith("web03:"));
    await web03?.[1].kill();
    const r = await live("--farm", "shop", "--timeout", "800ms", "--strict");
    expect(r.code).toBe(1);
    expect(r.answer.summary).toMatchObject({ answered: 2, silent: 1 });
    expect(r.answer.silent.map((h) => h.host)).toEqual(["web03"]);
    expect((await live("--farm", "shop", "--timeout", "800ms")).code).toBe(0); // without --strict, silence is news, not failure
    expect((await live("--farm", "shop", "--tag", "dc=ams", "--strict")).code).toBe(0);

    const human = await status("--live", "--farm", "shop", "--timeout", "800ms");
    expect(human.stdout).toMatch(/^2 answered, 1 silent, 0 unknown in \d+ ms {2}\(farm shop; waited the full 800 ms\)/);
    expect(human.stdout).toMatch(/Silent: registered, no reply before the deadline\n.*HOST\s+FARM\s+LIVENESS\s+LAST HEARTBEAT\n\s*web03\s+shop/);
  });

  it("an unknown host and a malformed reply are reported, not mistaken for fleet members", async () => {
    // Two rogues on the fleet subject, answering only questions about farm "shop": one well-formed reply from a
    // host that never sent a heartbeat, one garbage reply.
    const subs = [
      nc.subscribe(subjects.fleetStatus, {
        callback: (_e, m) => {
          const req = decode.statusRequest(m.data);
          if (req.farm === "shop") m.respond(encode.statusReport({ requestId: req.requestId, facts: { host: "ghost01", farm: "shop" }, instanceId: "ghost" }));
        },
      }),
      nc.subscribe(subjects.fleetStatus, {
        callback: (_e, m) => {
          if (decode.statusRequest(m.data).farm === "shop") m.respond(new Uint8Array([0x12, 0x40, 0x01]));
        },
      }),
    ];
    await nc.flush();
    try {
      // web03 is stopped by now, so the query runs to its deadline and hears every reply (it would otherwise stop
      // at the last expected host, which may be before the rogues get a word in).
      const r = await live("--farm", "shop", "--timeout", "1500ms");
      expect(r.answer.summary).toMatchObject({ answered: 2, silent: 1, unknown: 1, malformed: 1 });
      expect(r.answer.unknown.map((h) => h.host)).toEqual(["ghost01"]);
      const human = await status("--live", "--farm", "shop", "--host", "web01,web03", "--timeout", "1500ms");
      expect(human.stdout).toMatch(/^1 answered, 1 silent, 1 unknown in \d+ ms, 1 malformed reply ignored/);
      expect(human.stdout).toMatch(/Unknown: answered, but never registered with this controller/);
      expect(human.stdout).toMatch(/! 1 malformed reply was counted and ignored\./);
    } finally {
      for (const s of subs) s.unsubscribe();
    }
  });

  it("without --live, the registry answers with the age of each host's facts, and records the silence as events", async () => {
    // Stopped a few seconds ago with a 300 ms heartbeat: stale after 3 missed, offline after 10.
    await waitFor(async () => (await registry("shop")).hosts.find((h) => h.name === "web03")?.liveness === "offline", { what: "web03 to go offline" });
    const a = await registry("shop");
    expect(a.summary).toMatchObject({ hosts: 3, online: 2, stale: 0, offline: 1 });
    expect(a.hosts.find((h) => h.name === "web03")?.ageMs).toBeGreaterThan(3_000);
    const human = await status("--farm", "shop");
    // The age is however long this machine took to get here: "9.8 s" idle, "1 min 24 s" under load.
    expect(human.stdout).toMatch(/^2 online, 0 stale, 1 offline \(from heartbeats; facts up to (\d+ min )?[\d.]+ s old\)/);
    expect(human.stdout).toMatch(/HOST\s+FARM\s+STATE\s+W3SVC\s+SERVICES\s+APP POOLS\s+HEALTH\s+ACTIVITY\s+FACTS FROM/);
    expect(human.stdout).toMatch(/web03\s+shop\s+offline.*\d+(\.\d)? s ago/);
    expect((await status("--farm", "shop", "--strict")).code).toBe(1);
    await waitFor(() => events("host.liveness", "web03").length >= 2, { what: "the transitions in SQLite" });
    expect(events("host.liveness", "web03").map((e) => e.data.to)).toEqual(["stale", "offline"]);
  });

  it("usage errors exit 2 with a sentence", async () => {
    const r = await status("--live", "--timeout", "2h");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2h is out of range: use 1ms to 60s/);
    const soon = await status("--live", "--timeout", "soon");
    expect(soon.code).toBe(2);
    expect(soon.stderr).toMatch(/"soon" is not a duration/);
    const t = await status("--tag", "dc");
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/"dc" is not KEY=VALUE/);
  });
});

describe("NATS restarted during a live query", () => {
  it("the query comes back at its deadline, flagged partial — it does not hang — and the next one is whole", async () => {
    // web03 is gone, so this query runs to its deadline, and NATS restarts under it. The query goes straight to
    // the API (a CLI process can take seconds to start on a loaded machine, and would then miss the restart);
    // the CLI's rendering of a partial answer is covered by the tests above.
    const pending = controller.fetch(`/api/v1/status?live=1&farm=shop&timeoutMs=8000`).then(async (res) => ({
      code: res.ok ? 0 : 1,
      answer: (await res.json()) as LiveJson,
    }));
    await sleep(1_500);
    await nats.restart();
    const r = await pending;
    expect(r.code).toBe(0);
    expect(r.answer.nats.interrupted).toBe(true);
    // Depending on when the CLI's request reached the controller, NATS went down under the query or just before.
    expect(r.answer.warnings[0]).toMatch(/(dropped during the query|not connected to NATS when the query started): this answer is partial/);
    expect(r.answer.summary.expected).toBe(3);
    await waitFor(async () => (await apiJson<LiveJson>(controller, "/api/v1/status?live=1&farm=shop&tag=dc%3Dams&timeoutMs=1000")).summary.answered === 1, {
      what: "agents and controller back on NATS",
      timeoutMs: 20_000,
    });
  });
});

describe("one host name, two agents", () => {
  it("two live agents claiming one name are reported as a duplicate with both instance ids, never merged", async () => {
    agent("dup01", "dup");
    agent("dup01", "dup");
    await waitFor(async () => ((await registry("dup")).hosts[0]?.duplicate?.instanceIds.length ?? 0) === 2, { what: "the duplicate to be seen", timeoutMs: 20_000 });
    const a = await registry("dup");
    expect(a.hosts).toHaveLength(1);
    expect(a.summary.duplicates).toBe(1);
    const human = await status("--farm", "dup");
    expect(human.stdout).toMatch(/dup01 DUPLICATE\(2 agents\)/);
    await waitFor(() => events("host.duplicate", "dup01").length === 1, { what: "the duplicate event" });
    const ids = events("host.duplicate", "dup01")[0]?.data.instanceIds as string[];
    expect(new Set(ids)).toEqual(new Set(a.hosts[0]?.duplicate?.instanceIds));

    // One of them goes away: after three quiet periods only one claims the name again.
    const dups = [...agents.entries()].filter(([k]) => k.startsWith("dup01:"));
    await dups[0]?.[1].kill();
    agents.delete(dups[0]?.[0] ?? "");
    await waitFor(async () => (await registry("dup")).hosts[0]?.duplicate === undefined, { what: "the duplicate to resolve", timeoutMs: 20_000 });
    await waitFor(() => events("host.duplicate-resolved", "dup01").length === 1, { what: "the resolution event" });
  });

  it("an agent restarted on its own state dir keeps its id: no instance change, no duplicate", async () => {
    const stateDir = join(dir.path, "keep01-state"); // inside the file's temp dir: removed with it
    const first = startAgentProcess(nats.url, { host: "keep01", farm: "keep", stateDir });
    await waitFor(async () => (await registry("keep")).summary?.online === 1, { what: "keep01 online" });
    const before = (await registry("keep")).hosts[0]?.instanceId;
    await first.kill();
    const second = startAgentProcess(nats.url, { host: "keep01", farm: "keep", stateDir });
    agents.set(`keep01:${second.child.pid}`, second);
    await sleep(1_500);
    const h = (await registry("keep")).hosts[0];
    expect(h?.instanceId).toBe(before);
    expect(h?.duplicate).toBeUndefined();
    expect(events("host.instance-changed", "keep01")).toEqual([]);
  });

  it("a renamed host (same agent and state dir, a new --host) is recorded as host.renamed", async () => {
    const stateDir = join(dir.path, "rename-state");
    const before = startAgentProcess(nats.url, { host: "old01", farm: "ren", stateDir });
    await waitFor(async () => (await registry("ren")).summary?.online === 1, { what: "old01 online" });
    await before.kill();
    const after = startAgentProcess(nats.url, { host: "new01", farm: "ren", stateDir });
    agents.set(`new01:${after.child.pid}`, after);
    await waitFor(() => events("host.renamed", "new01").length === 1, { what: "the rename event", timeoutMs: 20_000 });
    expect(events("host.renamed", "new01")[0]?.data).toMatchObject({ from: "old01", to: "new01" });
  });

  it("a plain agent restart (old process stopped, new one started) is an instance change, not a duplicate", async () => {
    agent("solo01", "solo");
    await waitFor(async () => (await registry("solo")).summary?.online === 1, { what: "solo01 online" });
    const before = (await registry("solo")).hosts[0]?.instanceId;
    const old = [...agents.entries()].find(([k]) => k.startsWith("solo01:"));
    await old?.[1].kill();
    agent("solo01", "solo");
    await waitFor(async () => {
      const h = (await registry("solo")).hosts[0];
      return h !== undefined && h.instanceId !== before && h.liveness === "online";
    }, { what: "the new solo01 instance", timeoutMs: 20_000 });
    await sleep(1_500); // several heartbeats of the new instance
    const h = (await registry("solo")).hosts[0];
    expect(h?.duplicate).toBeUndefined();
    expect(events("host.duplicate", "solo01")).toEqual([]);
    await waitFor(() => events("host.instance-changed", "solo01").length === 1, { what: "the instance change event" });
    expect(events("host.instance-changed", "solo01")[0]?.data).toMatchObject({ previous: before });
  });
});

describe("the registry survives kill -9", () => {
  it("hosts registered before the crash are known at once by the restarted controller", async () => {
    // New hosts reach SQLite right after their first heartbeat.
    await waitFor(() => events("host.registered").length >= 6, { what: "registrations in SQLite" });
    const known = (await registry()).hosts.map((h) => h.name).sort();
    await controller.kill("SIGKILL");
    // No agent may speak before the new controller answers: everything it knows must come from the file.
    await Promise.all([...agents.values()].map((a) => a.kill()));
    agents.clear();
    controller = await startControllerProcess(nats.url, dbPath);
    const after = await registry();
    expect(after.hosts.map((h) => h.name).sort()).toEqual(known);
    expect(known).toEqual(expect.arrayContaining(["api01", "dup01", "solo01", "web01", "web02", "web03"]));
    // Silent now, and said so once their three periods have passed since this controller started listening.
    await waitFor(async () => (await registry("shop")).summary?.online === 0, { what: "the silent fleet to go stale" });
  });
});
