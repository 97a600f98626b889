// Farm drain settings at the HTTP edge and through the CLI: set, show, list, remove, validation, the copy a rollout
// takes, and taking one host out of rotation by hand — against a real controller in process on a real nats-server,
// with a real HTTP webhook receiver standing in for the load balancer.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchWithToken, readAdminToken } from "../../../test/support/auth.js";
import { type NatsServer, startNatsServer } from "../../../test/support/nats-server.js";
import { CONTROLLER_BIN } from "../../../test/support/processes.js";
import { type RunningController, startController } from "../src/daemon.js";
import { createLogger } from "../src/log.js";
import { Store } from "../src/store/index.js";

let nats: NatsServer;
let ctl: RunningController;
let hook: Server;
let hookUrl: string;
let token: string;
const received: Array<{ event: string; host: string }> = [];
const dir = mkdtempSync(join(tmpdir(), "iisfleet-drain-api-"));
const NOW = Date.now();

beforeAll(async () => {
  nats = await startNatsServer();
  const dbPath = join(dir, "iisfleet.db");
  const seed = Store.open(dbPath);
  for (const [name, farm] of [["web01", "shop"], ["web02", "shop"], ["api01", "api"]] as const) {
    seed.hosts.upsert({
      name, farm, tags: {}, adapter: "simulated", iisGeneration: 7, agentVersion: "1", instanceId: `i-${name}`, cordoned: false,
      busyCommandId: "", services: [], appPools: [], counters: {}, heartbeatMs: 1_000_000_000, firstSeenMs: NOW, lastSeenMs: NOW,
    });
  }
  seed.close();
  hook = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      received.push(JSON.parse(body) as { event: string; host: string });
      res.end("ok");
    });
  });
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/lb`;
  ctl = await startController({ natsServers: [nats.url], dbPath, listenHost: "127.0.0.1", listenPort: 0, log: createLogger("test", "silent") });
  token = readAdminToken(dbPath);
});

afterAll(async () => {
  await ctl?.stop();
  await nats?.stop();
  await new Promise((r) => hook?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

type Json = { error?: { code: string; message: string } } & Record<string, unknown>;

async function call(method: string, path: string, body?: unknown) {
  const res = await fetchWithToken(token, `${ctl.url}${path}`, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, json: (await res.json()) as Json };
}

async function iisfleet(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CONTROLLER_BIN, "--controller", ctl.url, ...args], {
      env: { ...process.env, IISFLEET_TOKEN: token },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("farm drain API and CLI", () => {
  it("sets a farm's haproxy drain with defaults, shows and lists it, and records who", async () => {
    const r = await iisfleet("farm", "drain", "set", "shop", "--provider", "haproxy", "--haproxy", "127.0.0.1:9999", "--backend", "be_shop", "--actor", "alice");
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^Set:\nshop: haproxy 127\.0\.0\.1:9999, backend be_shop, server \{host\}, drain timeout 60 s\n  set by bootstrap-admin:alice at /);
    const shown = await call("GET", "/api/v1/farms/shop/drain");
    expect(shown.json.drain).toMatchObject({ farm: "shop", provider: "haproxy", updatedBy: "bootstrap-admin:alice", config: { drainTimeoutMs: 60_000, server: "{host}" } });
    const list = await iisfleet("--json", "farm", "drain", "list");
    expect((JSON.parse(list.stdout) as { drains: Array<{ farm: string }> }).drains.map((d) => d.farm)).toEqual(["shop"]);
  });

  it.each([
    [["--provider", "haproxy", "--backend", "be"], /--provider haproxy needs --haproxy ADDRESS/],
    [["--provider", "haproxy", "--haproxy", "nowhere", "--backend", "be"], /^iisfleet: address: a unix socket path/],
    [["--provider", "webhook", "--url", "https://lb.example/", "--backend", "be"], /--backend does not apply to --provider webhook/],
    [["--provider", "webhook"], /--provider webhook needs --url URL/],
    [["--provider", "f5"], /Allowed choices are haproxy, webhook/],
  ])("the CLI refuses %j with one sentence and exit 2", async (args, message) => {
    const r = await iisfleet("farm", "drain", "set", "shop", ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("the API refuses a bad body with 400 and the field", async () => {
    const r = await call("POST", "/api/v1/farms/shop/drain", { config: { provider: "webhook", url: "ftp://x/" }, actor: "a" });
    expect(r.status).toBe(400);
    expect(r.json.error?.message).toMatch(/config\.url/);
    expect((await call("GET", "/api/v1/farms/nofarm/drain")).status).toBe(404);
  });

  it("a rollout copies its farm's drain (unless --no-drain), and rollout plan says so", async () => {
    const plan = await iisfleet("rollout", "plan", "--farm", "shop");
    expect(plan.stdout).toMatch(/Load-balancer drain: shop via haproxy 127\.0\.0\.1:9999, backend be_shop/);
    const off = await call("POST", "/api/v1/rollouts/plan", { farm: "shop", drain: false });
    expect((off.json.plan as { definition: Record<string, unknown> }).definition).toMatchObject({ skipDrain: true });
    expect((off.json.plan as { definition: Record<string, unknown> }).definition.drain).toBeUndefined();
    const api = await call("POST", "/api/v1/rollouts/plan", { farm: "api" });
    expect((api.json.plan as { definition: Record<string, unknown> }).definition.drain).toBeUndefined();
  });

  it("a webhook drain hides its header values; drain-host and undrain-host call it by hand", async () => {
    const set = await iisfleet("--json", "farm", "drain", "set", "api", "--provider", "webhook", "--url", hookUrl, "--header", "Authorization: Bearer s3cret", "--retries", "0");
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).not.toMatch(/s3cret/);
    expect(JSON.parse(set.stdout)).toMatchObject({ drain: { config: { headers: { Authorization: "(set)" } } } });
    const out = await iisfleet("farm", "drain-host", "api01");
    expect(out.stdout).toBe("api01 (farm api): webhook drain: HTTP 200 ok\n");
    const back = await iisfleet("farm", "undrain-host", "api01");
    expect(back.code).toBe(0);
    expect(received.map((r) => `${r.event} ${r.host}`)).toEqual(["drain api01", "undrain api01"]);
    const events = await call("GET", "/api/v1/events?limit=1000");
    expect((events.json.events as Array<{ kind: string; message: string }>).filter((e) => e.kind === "drain.host").map((e) => e.message)).toHaveLength(2);
  });

  it("by hand on a farm without a drain, or an unknown host: a sentence, not a crash", async () => {
    await iisfleet("farm", "drain", "rm", "api");
    const none = await call("POST", "/api/v1/hosts/api01/undrain", { actor: "a" });
    expect(none.status).toBe(409);
    expect(none.json.error).toMatchObject({ code: "NO_DRAIN" });
    expect((await call("POST", "/api/v1/hosts/web99/drain", { actor: "a" })).json.error?.code).toBe("UNKNOWN_HOST");
    const rm = await iisfleet("farm", "drain", "rm", "api");
    expect(rm.code).toBe(1);
    expect(rm.stderr).toMatch(/No farm drain "api"/);
  });
});
