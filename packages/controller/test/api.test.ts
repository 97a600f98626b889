// The HTTP API's edge validation, against a real controller (in process) on a real nats-server and SQLite file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, readAdminToken } from "../../../test/support/auth.js";
import { type NatsServer, startNatsServer } from "../../../test/support/nats-server.js";
import { type RunningController, startController } from "../src/daemon.js";
import { createLogger } from "../src/log.js";

let nats: NatsServer;
let ctl: RunningController;
const dir = mkdtempSync(join(tmpdir(), "iisfleet-api-"));

beforeAll(async () => {
  nats = await startNatsServer();
  ctl = await startController({
    natsServers: [nats.url],
    dbPath: join(dir, "iisfleet.db"),
    listenHost: "127.0.0.1",
    listenPort: 0,
    log: createLogger("test", "silent"),
  });
  ctl.store.hosts.upsert({
    name: "web01", farm: "f", tags: {}, adapter: "simulated", iisGeneration: 7, agentVersion: "1", instanceId: "i",
    cordoned: false, busyCommandId: "", services: [], appPools: [], counters: {}, heartbeatMs: 1000, firstSeenMs: 1, lastSeenMs: Date.now(),
  });
});

afterAll(async () => {
  await ctl?.stop();
  await nats?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: string) {
  const auth = bearer(readAdminToken(join(dir, "iisfleet.db")));
  const res = await fetch(`${ctl.url}${path}`, { method, headers: { ...auth, ...(body !== undefined ? { "content-type": "application/json" } : {}) }, ...(body !== undefined ? { body } : {}) });
  return { status: res.status, json: (await res.json()) as { error?: { code: string; message: string } } & Record<string, unknown> };
}

describe("HTTP API edge", () => {
  it("listens on loopback and reports health", async () => {
    expect(ctl.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await call("GET", "/api/v1/health");
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ status: "ok", reasons: [] });
    const d = await call("GET", "/api/v1/diagnostics");
    expect(d.json).toMatchObject({ nats: "connected", natsLink: { connected: true } });
  });

  it.each([
    ["not JSON", "{oops", /not valid JSON/],
    ["an unknown field", JSON.stringify({ forse: true }), /Unrecognized key/],
    ["a bad level", JSON.stringify({ level: "nuclear" }), /^level: /],
    ["force as a string", JSON.stringify({ force: "yes" }), /^force: /],
    ["a negative timeout", JSON.stringify({ timeoutMs: -1 }), /^timeoutMs: /],
    ["an issuer with spaces", JSON.stringify({ issuer: "bob smith" }), /^issuer: /],
  ])("a reset body with %s is refused with 400 and nothing is recorded", async (_label, body, message) => {
    const r = await call("POST", "/api/v1/hosts/web01/reset", body);
    expect(r.status).toBe(400);
    expect(r.json.error?.code).toBe("INVALID_INPUT");
    expect(r.json.error?.message).toMatch(message);
    expect(ctl.store.commands.list({ limit: 10 })).toEqual([]);
  });

  it("a body that is not declared application/json is refused with 415 (no cross-site form posts)", async () => {
    const res = await fetch(`${ctl.url}/api/v1/hosts/web01/reset`, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "text/plain", ...bearer(readAdminToken(join(dir, "iisfleet.db"))) },
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(ctl.store.commands.list({ limit: 10 })).toEqual([]);
  });

  it("an oversized body is refused", async () => {
    const r = await call("POST", "/api/v1/hosts/web01/reset", JSON.stringify({ issuer: "x".repeat(70_000) }));
    expect(r.status).toBe(400);
    expect(r.json.error?.message).toMatch(/larger than 65536 bytes/);
  });

  it("an invalid host name in the path is a 400, an unknown one a 404", async () => {
    expect((await call("POST", "/api/v1/hosts/web*01/reset", "{}")).status).toBe(400);
    const r = await call("POST", "/api/v1/hosts/web99/reset", "{}");
    expect(r.status).toBe(404);
    expect(r.json.error?.code).toBe("UNKNOWN_HOST");
  });

  it("a registered host whose agent is gone: the command is recorded as an error with the reason", async () => {
    const r = await call("POST", "/api/v1/hosts/web01/reset", "{}");
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ command: { state: "error", code: "AGENT_UNREACHABLE" } });
  });

  it("a command is found by its full id or a unique prefix of 6+ characters (history prints 8); an ambiguous one says so", async () => {
    const first = (await call("POST", "/api/v1/hosts/web01/reset", "{}")).json as { command: { id: string } };
    const id = first.command.id;
    expect((await call("GET", `/api/v1/commands/${id}`)).json).toMatchObject({ command: { id } });
    expect((await call("GET", `/api/v1/commands/${id.slice(0, 8)}`)).json).toMatchObject({ command: { id } });
    expect((await call("GET", `/api/v1/commands/${id.slice(0, 5)}`)).status).toBe(404);
    // Two ids sharing a prefix: the store decides, so plant a second one with the same first 8 characters.
    const other = id[9] === "0" ? "1" : "0"; // differs from the real id right after its first dash
    ctl.store.commands.create({ id: `${id.slice(0, 8)}-${other}000-4000-8000-000000000000`, host: "web01", kind: "reset", issuer: "t", operation: "restart", level: "iis", force: false, timeoutMs: 0, createdMs: Date.now(), expiresMs: Date.now() + 1000, options: {} });
    const ambiguous = await call("GET", `/api/v1/commands/${id.slice(0, 8)}`);
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.json.error?.message).toMatch(/is ambiguous: .*Give more of it/);
    expect((await call("GET", `/api/v1/commands/${id.slice(0, 10)}`)).json).toMatchObject({ command: { id } });
  });

  it("unknown routes and methods answer with codes", async () => {
    expect((await call("GET", "/api/v1/nothing")).json.error?.code).toBe("NOT_FOUND");
    expect((await call("DELETE", "/api/v1/hosts")).json.error?.code).toBe("METHOD_NOT_ALLOWED");
    expect((await call("GET", "/api/v1/commands?limit=0")).status).toBe(400);
  });
});
