// The load-balancer drain proof's moving parts, shared by test/e2e/drain.e2e.test.ts and scripts/bench-drain.mjs:
// Debian's HAProxy in front of simulated IIS sites, and a bounded load generator that counts every failed request.
// Plain Node ESM, no dependencies; types in drain-harness.d.mts.
import { existsSync } from "node:fs";
import { Agent, request } from "node:http";
import { delimiter, join } from "node:path";

/** $HAPROXY_BIN, haproxy on PATH, or /usr/sbin/haproxy (Debian's package); undefined when none. */
export function findHaproxy(env = process.env) {
  if (env.HAPROXY_BIN && existsSync(env.HAPROXY_BIN)) return env.HAPROXY_BIN;
  for (const dir of [...(env.PATH ?? "").split(delimiter), "/usr/sbin", "/usr/local/sbin"]) {
    if (dir && existsSync(join(dir, "haproxy"))) return join(dir, "haproxy");
  }
  return undefined;
}

/**
 * An HAProxy configuration as an operator would write it for an IIS farm: HTTP mode, round robin, an admin-level
 * stats socket on loopback TCP for iisfleet, and active health checks (GET /, 500 ms apart, down after 2 failures, up
 * after 2 passes). No retry-on or redispatch: a 503 from a host whose IIS is stopping reaches the client, as it would.
 */
export function haproxyConfig({ frontendPort, statsPort, backend = "be_farm", servers, checkIntervalMs = 500, check }) {
  return [
    "global",
    `  stats socket ipv4@127.0.0.1:${statsPort} level admin`,
    "  maxconn 2000",
    "defaults",
    "  mode http",
    "  timeout connect 2s",
    "  timeout client 30s",
    "  timeout server 30s",
    "  option httpchk GET /",
    "frontend fe_farm",
    `  bind 127.0.0.1:${frontendPort}`,
    `  default_backend ${backend}`,
    `backend ${backend}`,
    "  balance roundrobin",
    // IIS sites share a port and are told apart by Host header: the check asks for the balanced site by its name.
    ...(check ? [`  http-check send meth GET uri ${check.path} hdr Host ${check.host}`] : []),
    ...servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check inter ${checkIntervalMs} fall 2 rise 2`),
    "",
  ].join("\n");
}

/** haproxy's command line: check-free foreground (-db), the config file. */
export const haproxyArgs = (configPath) => ["-db", "-f", configPath];

/**
 * Keeps `concurrency` requests in flight against `url` (loopback only, sent with `host` as the Host header when given:
 * IIS sites sharing a port are told apart by it), paced to at most `ratePerSec` in total,
 * until `stop()` says so. Keep-alive to the balancer is on: HAProxy balances each request on its own, so every
 * request meets the rotation as it is at that moment, and thousands of short connections do not exhaust loopback
 * ports. A failure is any 5xx, a connection error or a timeout; each is counted, by reason.
 */
export async function runLoad({ url, host, concurrency = 8, ratePerSec = 400, timeoutMs = 5_000, stop }) {
  const u = new URL(url);
  if (u.hostname !== "127.0.0.1" && u.hostname !== "localhost") throw new Error(`runLoad: loopback only, not ${u.hostname}`);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const stats = { requests: 0, failed: 0, reasons: {}, durationMs: 0 };
  const fail = (why) => {
    stats.failed++;
    stats.reasons[why] = (stats.reasons[why] ?? 0) + 1;
  };
  const gapMs = (1000 * concurrency) / ratePerSec;
  const t0 = performance.now();
  const worker = async () => {
    while (!stop()) {
      const began = performance.now();
      stats.requests++;
      const outcome = await once(u, agent, timeoutMs, host);
      if (outcome !== "ok") fail(outcome);
      const rest = gapMs - (performance.now() - began);
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  stats.durationMs = performance.now() - t0;
  agent.destroy();
  return stats;
}

function once(u, agent, timeoutMs, host) {
  return new Promise((resolve) => {
    const req = request(u, { agent, timeout: timeoutMs, ...(host ? { headers: { host } } : {}) }, (res) => {
      res.resume();
      res.once("end", () => resolve(res.statusCode >= 500 ? `HTTP ${res.statusCode}` : "ok"));
      res.once("error", (err) => resolve(err.code ?? "response error"));
    });
    req.once("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
    req.once("error", (err) => resolve(err.code ?? err.message));
    req.end();
  });
}

/**
 * A base port with `count` consecutive free loopback ports after it (a simulated agent's sites share --sim-site-port
 * N; a site binding a port other than 80 listens on N+1, …). Checked by binding them all; released before returning, so a race stays possible
 * but unlikely in the range used (20000–59999, random).
 */
export async function freePortRange(count) {
  const { createServer } = await import("node:net");
  const bind = (port) =>
    new Promise((resolve) => {
      const s = createServer();
      s.once("error", () => resolve(undefined));
      s.listen(port, "127.0.0.1", () => resolve(s));
    });
  for (let attempt = 0; attempt < 100; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    const held = [];
    for (let i = 0; i < count; i++) {
      const s = await bind(base + i);
      if (!s) break;
      held.push(s);
    }
    await Promise.all(held.map((s) => new Promise((r) => s.close(r))));
    if (held.length === count) return base;
  }
  throw new Error(`no ${count} consecutive free loopback ports found`);
}

/**
 * One GET of a site that shares its port with others, as a client of its host name sends it: `host` as the Host header
 * (fetch() cannot send one). Resolves at the response's headers — a request held on its worker is known to be in
 * flight, and where — with the body, or the connection's loss, on `text()`.
 */
export function requestSite(url, host) {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, ...(host !== undefined ? { headers: { host } } : {}) }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      const ended = new Promise((done, fail) => {
        res.once("end", () => done(body));
        res.once("error", fail);
        res.once("aborted", () => fail(new Error("aborted")));
        res.socket?.once("close", () => (res.complete ? undefined : fail(new Error("reset"))));
      });
      ended.catch(() => undefined);
      resolve({ status: res.statusCode ?? 0, headers: res.headers, text: () => ended });
    });
    req.once("error", reject);
    req.end();
  });
}
