// The load-balancer drivers against the real thing: Debian's HAProxy (its runtime API over TCP) in front of real
// HTTP servers, and a real HTTP server receiving webhooks. Skipped without haproxy on a developer machine; in CI
// (CI set) a missing haproxy fails, as .ci/run installs it.
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Haproxy, findHaproxy, startHaproxy } from "../../../test/support/haproxy.js";
import { freePort } from "../../../test/support/wait.js";
import { drainConfig, haproxyConfig, redacted, webhookConfig } from "../src/drain/config.js";
import { HaproxyDrain, HaproxyRuntime } from "../src/drain/haproxy.js";
import { DrainError } from "../src/drain/provider.js";
import { WebhookDrain, type WebhookPayload } from "../src/drain/webhook.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as AddressInfo).port };
}

const run = findHaproxy() !== undefined || process.env.CI !== undefined;

describe.runIf(run)("haproxy drain provider (real HAProxy)", () => {
  let lb: Haproxy;
  let release: (() => void) | undefined;
  const backends: Server[] = [];

  beforeAll(async () => {
    // web01 answers at once, except /slow, which it holds until the test releases it (an open session to drain).
    const fast = createServer((req, res) => {
      if (req.url === "/slow") release = () => res.end("slow done");
      else res.end("ok");
    });
    // web02 has nothing listening behind it: its health checks fail, HAProxy marks it DOWN.
    for (const s of [fast]) {
      backends.push(s);
      await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
    }
    const deadPort = (await listen(() => undefined)).port;
    await new Promise((r) => (servers.pop() as Server).close(r));
    lb = await startHaproxy({
      servers: [
        { name: "web01", port: (fast.address() as AddressInfo).port },
        { name: "web02", port: deadPort },
      ],
      checkIntervalMs: 100,
    });
  }, 30_000);

  afterAll(async () => {
    release?.();
    await lb?.stop();
    for (const s of backends) s.closeAllConnections();
    await Promise.all(backends.map((s) => new Promise((r) => s.close(r))));
  });

  const config = (over: Partial<ReturnType<typeof haproxyConfig.parse>> = {}) =>
    haproxyConfig.parse({ provider: "haproxy", address: lb.stats, backend: lb.backend, drainTimeoutMs: 5_000, undrainTimeoutMs: 2_000, ...over });

  it("drain: sets the server to drain and waits for its open session to finish; undrain: ready, then UP", async () => {
    const api = new HaproxyRuntime(lb.stats);
    // One session held open on web01 through HAProxy.
    const slow = fetch(`${lb.url}slow`).then((r) => r.text());
    await waitUntil(async () => (await api.serverStat(lb.backend, "web01")).sessions === 1);
    const drain = new HaproxyDrain(config(), 20);
    let drained = false;
    const p = drain.drain("web01").then((o) => {
      drained = true;
      return o;
    });
    await waitUntil(async () => (await api.serverStat(lb.backend, "web01")).status === "DRAIN");
    await new Promise((r) => setTimeout(r, 150));
    expect(drained).toBe(false); // still waiting for the open session
    release?.();
    expect(await slow).toBe("slow done");
    expect((await p).message).toBe("be_farm/web01 drained (0 sessions)");
    // New requests go elsewhere: web02 is DOWN, so HAProxy has no server left and answers 503 itself.
    expect((await fetch(lb.url)).status).toBe(503);

    const back = await new HaproxyDrain(config()).undrain("web01");
    expect(back.message).toBe("be_farm/web01 ready (UP)");
    expect(await (await fetch(lb.url)).text()).toBe("ok");
  });

  it("a drain timeout lets the reset go ahead and says how many sessions were cut", async () => {
    const api = new HaproxyRuntime(lb.stats);
    const slow = fetch(`${lb.url}slow`).then((r) => r.text());
    await waitUntil(async () => (await api.serverStat(lb.backend, "web01")).sessions === 1);
    const o = await new HaproxyDrain(config({ drainTimeoutMs: 200 }), 20).drain("web01");
    expect(o.message).toBe("be_farm/web01 draining; 1 session still open after the 0.2 s drain timeout");
    release?.();
    await slow;
    await new HaproxyDrain(config()).undrain("web01");
  });

  it("an unknown server, an unknown backend and an unreachable socket are DRAIN_FAILED with HAProxy's own words", async () => {
    const drainOf = (over: Partial<ReturnType<typeof haproxyConfig.parse>>) => new HaproxyDrain(config(over)).drain("web01");
    await expect(drainOf({ server: "nope-{host}" })).rejects.toThrow(/HAProxy refused "set server be_farm\/nope-web01 state drain": No such server\./);
    await expect(drainOf({ backend: "be_other" })).rejects.toThrow(/No such backend\./);
    const err = await drainOf({ address: "127.0.0.1:9" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DrainError);
    expect((err as DrainError).code).toBe("DRAIN_FAILED");
    expect((err as DrainError).message).toMatch(/HAProxy runtime API at 127\.0\.0\.1:9: connect ECONNREFUSED/);
  });

  it("undrain fails (UNDRAIN_FAILED) when HAProxy never sees the server UP", async () => {
    const err = await new HaproxyDrain(config({ undrainTimeoutMs: 300 }), 20).undrain("web02").catch((e: unknown) => e);
    expect((err as DrainError).code).toBe("UNDRAIN_FAILED");
    expect((err as DrainError).message).toBe("be_farm/web02 is set ready but HAProxy still reports it DOWN after 0.3 s.");
  });
});

describe("webhook drain provider (real HTTP)", () => {
  const cfg = (url: string, over: Record<string, unknown> = {}) => webhookConfig.parse({ provider: "webhook", url, ...over });

  it("POSTs the event as JSON with the configured headers; a 2xx means done", async () => {
    const got: Array<{ body: WebhookPayload; auth: string | undefined; type: string | undefined }> = [];
    const { port } = await listen((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        got.push({ body: JSON.parse(body) as WebhookPayload, auth: req.headers.authorization, type: req.headers["content-type"] });
        res.writeHead(204).end();
      });
    });
    const hook = new WebhookDrain(cfg(`http://127.0.0.1:${port}/lb`, { headers: { Authorization: "Bearer s3cret" } }), { farm: "shop", rolloutId: "r-1" });
    expect((await hook.drain("web01")).message).toBe("webhook drain: HTTP 204");
    expect((await hook.undrain("web01")).message).toBe("webhook undrain: HTTP 204");
    expect(got.map((g) => [g.body.event, g.body.host, g.body.farm, g.body.rolloutId, g.auth, g.type])).toEqual([
      ["drain", "web01", "shop", "r-1", "Bearer s3cret", "application/json"],
      ["undrain", "web01", "shop", "r-1", "Bearer s3cret", "application/json"],
    ]);
  });

  it("retries a 5xx and a timeout, then succeeds", async () => {
    let n = 0;
    const { port } = await listen((_req, res) => {
      n++;
      if (n === 1) res.writeHead(502).end("bad gateway");
      else if (n === 2) setTimeout(() => res.end("late"), 1_000); // past the 200 ms timeout
      else res.end("drained");
    });
    const hook = new WebhookDrain(cfg(`http://127.0.0.1:${port}/`, { timeoutMs: 200, retries: 3 }), { farm: "shop", rolloutId: "r-1" }, 10);
    expect((await hook.drain("web01")).message).toBe("webhook drain: HTTP 200 drained");
    expect(n).toBe(3);
  });

  it("gives up after its retries with DRAIN_FAILED and the last reason", async () => {
    let n = 0;
    const { port } = await listen((_req, res) => {
      n++;
      res.writeHead(500).end("LB says no");
    });
    const hook = new WebhookDrain(cfg(`http://127.0.0.1:${port}/`, { retries: 2 }), { farm: "shop", rolloutId: "r-1" }, 10);
    const err = await hook.drain("web01").catch((e: unknown) => e);
    expect(n).toBe(3);
    expect((err as DrainError).code).toBe("DRAIN_FAILED");
    expect((err as DrainError).message).toBe(`The drain webhook http://127.0.0.1:${port}/ failed 3 times for web01; last: HTTP 500: LB says no.`);
    const closed = await freePort(); // nothing listens there
    const refused = await new WebhookDrain(cfg(`http://127.0.0.1:${closed}/`, { retries: 0 }), { farm: "shop", rolloutId: "r-1" }).undrain("web01").catch((e: unknown) => e);
    expect((refused as DrainError).code).toBe("UNDRAIN_FAILED");
    expect((refused as DrainError).message).toMatch(/failed 1 time for web01; last: ECONNREFUSED/);
  });
});

describe("drain settings", () => {
  it("fill in defaults and hide webhook header values", () => {
    expect(drainConfig.parse({ provider: "haproxy", address: "/run/haproxy/admin.sock", backend: "be_shop" })).toEqual({
      provider: "haproxy", address: "/run/haproxy/admin.sock", backend: "be_shop", server: "{host}", drainTimeoutMs: 60_000, undrainTimeoutMs: 60_000,
    });
    const hook = drainConfig.parse({ provider: "webhook", url: "https://lb.example/drain", headers: { Authorization: "Bearer x" } });
    expect(redacted(hook)).toMatchObject({ headers: { Authorization: "(set)" }, retries: 3, timeoutMs: 10_000 });
  });

  it.each([
    [{ provider: "haproxy", address: "run/haproxy.sock", backend: "be" }, "address"],
    [{ provider: "haproxy", address: "127.0.0.1:9999", backend: "be shop" }, "backend"],
    [{ provider: "haproxy", address: "127.0.0.1:9999", backend: "be", server: "srv;{host}" }, "server"],
    [{ provider: "webhook", url: "ftp://lb.example/" }, "url"],
    [{ provider: "webhook", url: "https://lb.example/", retries: 99 }, "retries"],
    [{ provider: "f5", url: "https://lb.example/" }, "provider"],
    [{ provider: "haproxy", address: "127.0.0.1:9999", backend: "be", extra: 1 }, ""],
  ])("reject %j (%s)", (input, field) => {
    const r = drainConfig.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path.join(".") ?? "").toBe(field);
  });
});

async function waitUntil(f: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await f().catch(() => false))) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}
