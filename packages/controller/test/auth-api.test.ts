// API tokens, roles and the audit log against a real controller (in process), a real nats-server and a real SQLite
// file: who may start a rollout, what is written where, and what is never written at all (a token in clear).
import { readFileSync, readdirSync, rmSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { bearer, readAdminToken } from "../../../test/support/auth.js";
import { type NatsServer, startNatsServer } from "../../../test/support/nats-server.js";
import { type RunningController, startController } from "../src/daemon.js";
import { createLogger } from "../src/log.js";
import type { AuditRow } from "../src/store/audit.js";
import { Store } from "../src/store/index.js";

let nats: NatsServer;
let ctl: RunningController;
const dir = mkdtempSync(join(tmpdir(), "iisfleet-auth-api-"));
const dbPath = join(dir, "iisfleet.db");
const T0 = Date.parse("2025-03-03T10:00:00Z");
let now = T0;
let admin: string;
const secrets: string[] = [];

async function call(method: string, path: string, o: { token?: string; body?: unknown } = {}) {
  const res = await fetch(`${ctl.url}${path}`, {
    method,
    headers: { ...(o.token ? bearer(o.token) : {}), ...(o.body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
  });
  const json = (await res.json()) as { error?: { code: string; message: string } } & Record<string, unknown>;
  return { status: res.status, headers: res.headers, json };
}

async function newToken(name: string, role: string, expiresInMs?: number): Promise<{ id: string; secret: string }> {
  const r = await call("POST", "/api/v1/tokens", { token: admin, body: { name, role, ...(expiresInMs ? { expiresInMs } : {}) } });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  const secret = r.json.secret as string;
  secrets.push(secret);
  return { id: (r.json.token as { id: string }).id, secret };
}

const rolloutCount = () => (ctl.store.db.prepare("SELECT count(*) AS n FROM rollouts").get() as { n: number }).n;
const lastAudit = () => ctl.store.audit.list({ limit: 1 })[0] as AuditRow;

beforeAll(async () => {
  nats = await startNatsServer();
  const seed = Store.open(dbPath);
  seed.hosts.upsert({
    name: "web01", farm: "shop", tags: {}, adapter: "simulated", iisGeneration: 7, agentVersion: "1", instanceId: "i-web01", cordoned: false,
    busyCommandId: "", services: [], appPools: [], counters: {}, heartbeatMs: 1_000_000_000, firstSeenMs: T0, lastSeenMs: T0,
  });
  seed.close();
  ctl = await startController({
    natsServers: [nats.url], dbPath, listenHost: "127.0.0.1", listenPort: 0, log: createLogger("test", "silent"), clock: { now: () => now },
  });
  admin = readAdminToken(dbPath);
  secrets.push(admin);
});

afterAll(async () => {
  await ctl?.stop();
  await nats?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the bootstrap admin token", () => {
  it("is written once, beside the database, readable by its owner only", () => {
    expect(ctl.adminTokenFile).toBe(join(dir, "admin.token"));
    expect(statSync(join(dir, "admin.token")).mode & 0o777).toBe(0o600);
    expect(admin).toMatch(/^iisf_[A-Za-z0-9_-]{43}$/);
    expect(ctl.store.tokens.list()).toMatchObject([{ name: "bootstrap-admin", role: "admin", revokedMs: null, expiresMs: null }]);
  });

  it("is not created again by a later start: a database that has tokens keeps them", async () => {
    const again = await startController({
      natsServers: [nats.url], dbPath: join(dir, "iisfleet.db"), listenHost: "127.0.0.1", listenPort: 0, log: createLogger("test", "silent"),
    });
    try {
      expect(again.adminTokenFile).toBeUndefined();
      expect(readAdminToken(dbPath)).toBe(admin);
      expect(again.store.tokens.list().filter((t) => t.name === "bootstrap-admin")).toHaveLength(1);
    } finally {
      await again.stop();
    }
  });
});

describe("who may start a rollout", () => {
  const rollout = { farm: "shop", actor: "alice" };

  it("nobody without a token: 401 with WWW-Authenticate, nothing created, the attempt audited with its address", async () => {
    const r = await call("POST", "/api/v1/rollouts", { body: rollout });
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(r.json.error).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/needs a token/) });
    expect(rolloutCount()).toBe(0);
    expect(lastAudit()).toMatchObject({
      actor: "anonymous", tokenId: null, action: "POST /api/v1/rollouts", method: "POST", path: "/api/v1/rollouts",
      remote: "127.0.0.1", status: 401, code: "UNAUTHENTICATED", requestId: r.headers.get("x-request-id"),
    });
  });

  it("not a viewer: 403 naming the role it needs, nothing created, the attempt audited with the token's name", async () => {
    const viewer = await newToken("dash", "viewer");
    const r = await call("POST", "/api/v1/rollouts", { token: viewer.secret, body: rollout });
    expect(r.status).toBe(403);
    expect(r.json.error).toMatchObject({ code: "FORBIDDEN", message: 'POST /api/v1/rollouts needs the operator role; token "dash" is a viewer.' });
    expect(rolloutCount()).toBe(0);
    expect(lastAudit()).toMatchObject({ actor: "dash", tokenId: viewer.id, role: "viewer", status: 403, code: "FORBIDDEN", remote: "127.0.0.1" });
    // A viewer still reads, and may plan (a dry run).
    expect((await call("GET", "/api/v1/rollouts", { token: viewer.secret })).status).toBe(200);
    expect((await call("POST", "/api/v1/rollouts/plan", { token: viewer.secret, body: rollout })).status).toBe(200);
  });

  it("an operator may: the rollout is recorded as started by the token (and the name it claimed), and audited", async () => {
    const op = await newToken("ops-bot", "operator");
    const r = await call("POST", "/api/v1/rollouts", { token: op.secret, body: rollout });
    expect(r.status).toBe(200);
    const id = (r.json.rollout as { id: string }).id;
    expect(rolloutCount()).toBe(1);
    expect(ctl.store.db.prepare("SELECT created_by FROM rollouts WHERE id = ?").get(id)).toEqual({ created_by: "ops-bot:alice" });
    expect(lastAudit()).toMatchObject({ actor: "ops-bot", role: "operator", action: "POST /api/v1/rollouts", target: id, status: 200, code: null });
    // Its host has no agent, so the rollout may already have failed (409: nothing to abort); audited either way.
    const abort = await call("POST", `/api/v1/rollouts/${id}/abort`, { token: op.secret, body: {} });
    expect([200, 409]).toContain(abort.status);
    expect(lastAudit()).toMatchObject({ actor: "ops-bot", action: "POST /api/v1/rollouts/:id/abort", target: id, status: abort.status });
    // But an operator manages neither windows nor tokens.
    const w = await call("POST", "/api/v1/windows", { token: op.secret, body: { name: "n", cron: "0 2 * * *", timeZone: "UTC", durationMs: 3_600_000 } });
    expect(w.status).toBe(403);
    expect(w.json.error?.message).toMatch(/needs the admin role/);
    expect(lastAudit()).toMatchObject({ actor: "ops-bot", status: 403, target: "" });
    expect((await call("POST", "/api/v1/tokens", { token: op.secret, body: { name: "x", role: "admin" } })).status).toBe(403);
  });

  it("a failed action is audited with its error code", async () => {
    const r = await call("POST", "/api/v1/rollouts/r-nothere/pause", { token: admin, body: {} });
    expect(r.status).toBe(404);
    expect(lastAudit()).toMatchObject({ actor: "bootstrap-admin", target: "r-nothere", status: 404, code: "NOT_FOUND" });
  });
});

describe("tokens", () => {
  it("a revoked token is refused from the next request on", async () => {
    const t = await newToken("leaver", "operator");
    expect((await call("GET", "/api/v1/whoami", { token: t.secret })).json).toEqual({ token: { tokenId: t.id, name: "leaver", role: "operator" } });
    const revoked = await call("POST", `/api/v1/tokens/${t.id}/revoke`, { token: admin, body: {} });
    expect(revoked.json.token).toMatchObject({ id: t.id, state: "revoked", revokedBy: "bootstrap-admin" });
    const r = await call("GET", "/api/v1/hosts", { token: t.secret });
    expect(r.status).toBe(401);
    expect(r.json.error?.code).toBe("UNAUTHENTICATED");
    expect((await call("POST", `/api/v1/tokens/${t.id}/revoke`, { token: admin, body: {} })).json.error?.code).toBe("ALREADY_REVOKED");
    // Its name is free again.
    await newToken("leaver", "viewer");
  });

  it("an expired token is refused", async () => {
    const t = await newToken("temp", "viewer", 3_600_000);
    expect((await call("GET", "/api/v1/hosts", { token: t.secret })).status).toBe(200);
    now += 3_600_000;
    expect((await call("GET", "/api/v1/hosts", { token: t.secret })).status).toBe(401);
    expect(ctl.store.tokens.get(t.id)?.lastUsedMs).toBe(T0);
    const listed = (await call("GET", "/api/v1/tokens", { token: admin })).json.tokens as Array<{ id: string; state: string }>;
    expect(listed.find((x) => x.id === t.id)?.state).toBe("expired");
  });

  it("malformed headers, unknown tokens and duplicate names are refused with one sentence each", async () => {
    const basic = await fetch(`${ctl.url}/api/v1/hosts`, { headers: { authorization: "Basic YWRtaW46YWRtaW4=" } });
    expect(basic.status).toBe(401);
    expect(((await basic.json()) as { error: { message: string } }).error.message).toMatch(/must be "Bearer <token>"/);
    expect((await call("GET", "/api/v1/hosts", { token: `iisf_${"A".repeat(43)}` })).status).toBe(401);
    expect((await call("GET", "/api/v1/hosts", { token: "not-a-token" })).status).toBe(401);
    const dup = await call("POST", "/api/v1/tokens", { token: admin, body: { name: "dash", role: "admin" } });
    expect(dup.status).toBe(409);
    const bad = await call("POST", "/api/v1/tokens", { token: admin, body: { name: "has space", role: "viewer" } });
    expect(bad.status).toBe(400);
    expect((await call("POST", "/api/v1/tokens", { token: admin, body: { name: "x", role: "root" } })).status).toBe(400);
    expect((await call("POST", "/api/v1/tokens/tok_000000000000/revoke", { token: admin, body: {} })).json.error?.code).toBe("NOT_FOUND");
    const badId = await call("POST", "/api/v1/tokens/bootstrap-admin/revoke", { token: admin, body: {} });
    expect(badId.status).toBe(400);
    expect(badId.json.error?.message).toMatch(/^id: a token id/);
  });

  it("are stored only as hashes: no token is anywhere in the database's files", async () => {
    ctl.store.db.pragma("wal_checkpoint(PASSIVE)");
    const files = readdirSync(dir).filter((f) => f.startsWith("iisfleet.db"));
    expect(files.length).toBeGreaterThan(0);
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(dir, f))));
    expect(secrets.length).toBeGreaterThan(5);
    for (const s of secrets) {
      expect(bytes.includes(Buffer.from(s)), "token in clear").toBe(false);
      expect(bytes.includes(Buffer.from(s.slice(5))), "token body in clear").toBe(false);
    }
    const listed = JSON.stringify((await call("GET", "/api/v1/tokens", { token: admin })).json);
    for (const s of secrets) expect(listed.includes(s)).toBe(false);
  });
});

describe("the other surfaces", () => {
  it("metrics and reads need a viewer; health, the API description and the dashboard's page do not", async () => {
    expect((await fetch(`${ctl.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${ctl.url}/metrics`, { headers: bearer(admin) })).status).toBe(200);
    expect((await fetch(`${ctl.url}/api/v1/diagnostics`)).status).toBe(401);
    // Health is public (container checks) and says no more than ok or degraded, and why.
    const health = await fetch(`${ctl.url}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", reasons: [] });
    expect((await fetch(`${ctl.url}/api/v1/openapi.json`)).status).toBe(200);
    expect((await fetch(`${ctl.url}/`)).status).toBe(200);
  });

  it("the audit log is for admins, filters by target, and shows refused attempts", async () => {
    const viewer = await newToken("auditor-wannabe", "viewer");
    expect((await call("GET", "/api/v1/audit", { token: viewer.secret })).status).toBe(403);
    const rows = (await call("GET", "/api/v1/audit?target=r-nothere", { token: admin })).json.audit as AuditRow[];
    expect(rows.map((r) => [r.actor, r.status])).toEqual([["bootstrap-admin", 404]]);
    const all = (await call("GET", `/api/v1/audit?sinceMs=${T0}&limit=1000`, { token: admin })).json.audit as AuditRow[];
    expect(all.some((r) => r.actor === "anonymous" && r.status === 401)).toBe(true);
    // Reads are not audited.
    expect(all.some((r) => r.method === "GET")).toBe(false);
  });

  it("the event stream needs a viewer token: in the Sec-WebSocket-Protocol list (browsers) or Authorization", async () => {
    const url = `${ctl.url.replace("http", "ws")}/api/v1/events`;
    const open = (protocols: string[], headers: Record<string, string> = {}) =>
      new Promise<{ status: number; protocol?: string }>((resolve, reject) => {
        const ws = new WebSocket(url, protocols, { headers });
        ws.on("open", () => {
          resolve({ status: 101, protocol: ws.protocol });
          ws.terminate();
        });
        ws.on("unexpected-response", (_req, res) => resolve({ status: res.statusCode ?? 0 }));
        ws.on("error", reject);
      });
    expect(await open([])).toEqual({ status: 401 });
    expect(await open(["iisfleet.v1", "iisfleet.bearer.iisf_nope"])).toEqual({ status: 401 });
    const viewer = await newToken("wall-screen", "viewer");
    // The server selects iisfleet.v1: the token never comes back in a response header.
    expect(await open(["iisfleet.v1", `iisfleet.bearer.${viewer.secret}`])).toEqual({ status: 101, protocol: "iisfleet.v1" });
    expect(await open([], bearer(viewer.secret))).toEqual({ status: 101, protocol: "" });
    // A valid token from a page of another site is still refused: that page should never have had it.
    expect(await open(["iisfleet.v1", `iisfleet.bearer.${viewer.secret}`], { origin: "https://evil.example" })).toEqual({ status: 403 });
  });
});
