// Issue #15, finding 5: the smaller holes, each against a real controller (in process), a real nats-server and a
// real SQLite file.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, readAdminToken } from "../../../test/support/auth.js";
import { type NatsServer, startNatsServer } from "../../../test/support/nats-server.js";
import { type RunningController, startController } from "../src/daemon.js";
import { createLogger } from "../src/log.js";
import { type AuditRow, AuditStore } from "../src/store/audit.js";
import { Store } from "../src/store/index.js";

let nats: NatsServer;
let ctl: RunningController;
const dir = mkdtempSync(join(tmpdir(), "iisfleet-hardening-"));
// A data dir the controller makes itself.
const dataDir = join(dir, "data");
const dbPath = join(dataDir, "iisfleet.db");
let now = Date.parse("2026-03-03T10:00:00Z");
let admin: string;

async function call(method: string, path: string, o: { token?: string; body?: unknown } = {}) {
  const res = await fetch(`${ctl.url}${path}`, {
    method,
    headers: { ...(o.token ? bearer(o.token) : {}), ...(o.body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
  });
  const text = await res.text();
  let json: ({ error?: { code: string; message: string } } & Record<string, unknown>) | undefined;
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

beforeAll(async () => {
  nats = await startNatsServer();
  // The data dir and the database are made by the store, as the controller makes them.
  const seed = Store.open(dbPath);
  seed.hosts.upsert({
    name: "shop01", farm: "shop", tags: {}, adapter: "simulated", iisGeneration: 7, agentVersion: "1", instanceId: "i-shop01", cordoned: false,
    busyCommandId: "", services: [], appPools: [], counters: {}, heartbeatMs: 1_000_000_000, firstSeenMs: now, lastSeenMs: now,
  });
  seed.close();
  ctl = await startController({
    natsServers: [nats.url], dbPath, listenHost: "127.0.0.1", listenPort: 0, log: createLogger("test", "silent"), clock: { now: () => now },
  });
  admin = readAdminToken(dbPath);
});

afterAll(async () => {
  await ctl?.stop();
  await nats?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("dashboard vendor files", () => {
  it.each(["toString", "__proto__", "hasOwnProperty", "constructor"])("/ui/vendor/%s is not found (no prototype lookup)", async (name) => {
    const r = await call("GET", `/ui/vendor/${name}`);
    expect(r.status).toBe(404);
    expect(r.json?.error?.code).toBe("NOT_FOUND");
  });

  it("still serves the real ones", async () => {
    expect((await call("GET", "/ui/vendor/preact.mjs")).status).toBe(200);
  });
});

describe("malformed %-encoding in a path", () => {
  it("is a 400 with an audit row, not a 500", async () => {
    const r = await call("POST", "/api/v1/hosts/web%E0%A4%A/cordon", { token: admin, body: { cordoned: true, reason: "x" } });
    expect(r.status).toBe(400);
    expect(r.json?.error?.code).toBe("INVALID_INPUT");
    const row = ctl.store.audit.list({ limit: 1 })[0] as AuditRow;
    expect(row).toMatchObject({ method: "POST", status: 400, code: "INVALID_INPUT", actor: "bootstrap-admin" });
    expect((await call("GET", "/api/v1/hosts/%ZZ", { token: admin })).status).toBe(400);
  });
});

describe("file modes", () => {
  it("the data dir the controller made is 0700; the database and its WAL are 0600", () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(dbPath).mode & 0o777).toBe(0o600);
    expect(statSync(`${dbPath}-wal`).mode & 0o777).toBe(0o600);
    expect(statSync(`${dbPath}-shm`).mode & 0o777).toBe(0o600);
  });
});

describe("a short-lived admin token", () => {
  it("cannot create a token that outlives it, with or without an expiry of its own", async () => {
    const short = await call("POST", "/api/v1/tokens", { token: admin, body: { name: "short-admin", role: "admin", expiresInMs: 600_000 } });
    expect(short.status).toBe(200);
    const secret = short.json?.secret as string;
    const forever = await call("POST", "/api/v1/tokens", { token: secret, body: { name: "forever", role: "admin" } });
    expect(forever.status).toBe(400);
    expect(forever.json?.error?.message).toMatch(/cannot create a token that outlives it/);
    const longer = await call("POST", "/api/v1/tokens", { token: secret, body: { name: "longer", role: "viewer", expiresInMs: 1_200_000 } });
    expect(longer.status).toBe(400);
    const within = await call("POST", "/api/v1/tokens", { token: secret, body: { name: "within", role: "viewer", expiresInMs: 300_000 } });
    expect(within.status).toBe(200);
    now += 1; // keep the injected clock moving
  });
});

describe("a webhook drain's URL", () => {
  it("shows its credentials and query values to nobody: the drain view, its description and the history say (set)", async () => {
    const url = "https://hookuser:hookpass@lb.example/drain?api_key=k3y-s3cret&farm=shop";
    const set = await call("POST", "/api/v1/farms/shop/drain", { token: admin, body: { config: { provider: "webhook", url }, actor: "a" } });
    expect(set.status, set.text).toBe(200);
    const viewer = await call("POST", "/api/v1/tokens", { token: admin, body: { name: "viewer1", role: "viewer" } });
    const got = await call("GET", "/api/v1/farms/shop/drain", { token: viewer.json?.secret as string });
    expect(got.status).toBe(200);
    for (const text of [got.text, set.text, JSON.stringify(ctl.store.events.after(0, 1000))]) {
      expect(text).not.toMatch(/hookuser|hookpass|k3y-s3cret/);
    }
    expect(got.text).toContain("https://(set):(set)@lb.example/drain?api_key=(set)&farm=(set)");
  });

  it("nor does a rollout that copied the farm's drain settings", async () => {
    await call("POST", "/api/v1/farms/shop/drain", {
      token: admin,
      body: { config: { provider: "webhook", url: "https://u:p4ss@lb.example/d?token=t0k3n", headers: { Authorization: "Bearer h34der" } }, actor: "a" },
    });
    const started = await call("POST", "/api/v1/rollouts", { token: admin, body: { farm: "shop", actor: "a" } });
    expect(started.status, started.text).toBe(200);
    const id = (started.json?.rollout as { id: string }).id;
    const viewer = await call("POST", "/api/v1/tokens", { token: admin, body: { name: "viewer2", role: "viewer" } });
    const secret = viewer.json?.secret as string;
    const one = await call("GET", `/api/v1/rollouts/${id}`, { token: secret });
    const all = await call("GET", "/api/v1/rollouts", { token: secret });
    const plan = await call("POST", "/api/v1/rollouts/plan", { token: secret, body: { farm: "shop", actor: "v" } });
    expect(plan.status, plan.text).toBe(200);
    for (const text of [started.text, one.text, all.text, plan.text]) expect(text).not.toMatch(/p4ss|t0k3n|h34der/);
    expect(one.text).toContain("lb.example");
  });
});

describe("the audit log's size", () => {
  it("clips what a request can make long, deletes rows past the retention and keeps at most the row cap", () => {
    const store = Store.open(join(dir, "audit.db"));
    try {
      const audit = new AuditStore(store.db, { maxRows: 10, retentionMs: 86_400_000, pruneEvery: 1 });
      const row = (atMs: number, path: string) => ({
        atMs, requestId: "r", tokenId: null, actor: "anonymous", role: null, action: "POST /x", method: "POST", path, target: path, remote: "127.0.0.1",
      });
      audit.insert(row(now - 2 * 86_400_000, "/old"));
      const long = `/api/v1/hosts/${"a".repeat(100_000)}/reset`;
      for (let i = 0; i < 25; i++) audit.insert(row(now, long));
      const rows = audit.list({ limit: 1000 });
      expect(rows.length).toBeLessThanOrEqual(10);
      expect(rows.some((r) => r.path === "/old")).toBe(false);
      expect(Math.max(...rows.map((r) => r.path.length + r.target.length))).toBeLessThanOrEqual(512 + 256);
    } finally {
      store.close();
    }
  });
});
