// The load-balancer drain proof as a benchmark: the same rolling reset (--batch 2 over six simulated IIS hosts whose
// sites serve real HTTP) under the same load through Debian's HAProxy, once with the haproxy drain provider and once
// with --no-drain, and the failed requests of each side by side. Real nats-server, controller, agents and HAProxy;
// everything on loopback.
//   npm run bench:drain                     (builds first)
//   node scripts/bench-drain.mjs --rate 400 --concurrency 8 --stop-ms 300
// --pool NAME: the rollout's unit is "recycle NAME on each host" (level recycle, pools [NAME]) and HAProxy balances
// the site that pool serves (from the hosts' reported sites), so the figures say whether recycling one pool across
// the farm fails a request (the goal: 0 with drain). Needs agents that recycle only the named pool and report their
// sites (pools-agent's half of issue 20, item 1).
//   node scripts/bench-drain.mjs --pool ShopAppPool
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { connect } from "node:net";
import { parseArgs } from "node:util";
import { adminAuth, freePort, sleep, start, stopAll, until } from "./bench-support.mjs";
import { findHaproxy, freePortRange, haproxyArgs, haproxyConfig, runLoad } from "./drain-harness.mjs";
import { ensureNatsServer } from "./ensure-nats-server.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "packages", "controller", "dist", "cli", "main.js");
const AGENT = join(ROOT, "packages", "agent", "dist", "cli.js");
const HOSTS = ["web01", "web02", "web03", "web04", "web05", "web06"];

const { values: args } = parseArgs({
  options: {
    rate: { type: "string", default: "300" },
    concurrency: { type: "string", default: "8" },
    "stop-ms": { type: "string", default: "300" },
    pool: { type: "string" },
  },
});
const POOL = args.pool;
const RATE = Number(args.rate);
const CONCURRENCY = Number(args.concurrency);
if (!(RATE >= 1 && RATE <= 5000) || !(CONCURRENCY >= 1 && CONCURRENCY <= 64)) {
  console.error("bench-drain: --rate must be 1 to 5000 requests/s, --concurrency 1 to 64");
  process.exit(2);
}

/** The run's temp dir, removed however the run ends. */
let benchDir;

/** fetch() headers with the bench controller's admin token, once it has written it. */
let auth = {};

async function json(url, body) {
  const res = await fetch(url, body === undefined ? { headers: auth } : { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });
  const data = await res.json();
  if (!res.ok) throw new Error(`${url}: ${JSON.stringify(data)}`);
  return data;
}

async function main() {
  const haproxy = findHaproxy();
  if (!haproxy) throw new Error("haproxy not found: apt-get install haproxy (Debian/Ubuntu), or set HAPROXY_BIN");
  const nats = await ensureNatsServer({ install: false });
  const dir = mkdtempSync(join(tmpdir(), "iisfleet-bench-drain-"));
  benchDir = dir;
  const natsPort = await freePort();
  const apiPort = await freePort();
  const natsUrl = `nats://127.0.0.1:${natsPort}`;
  const api = `http://127.0.0.1:${apiPort}`;
  start(nats, ["-a", "127.0.0.1", "-p", String(natsPort)]);
  await sleep(300);
  const ctl = start(process.execPath, [CLI, "controller", "--nats", natsUrl, "--db", join(dir, "bench.db"), "--listen", `127.0.0.1:${apiPort}`]);
  await until("controller", async () => ctl.out().includes("listening on"), 20_000);
  auth = adminAuth(join(dir, "bench.db"));

  const servers = [];
  for (const host of HOSTS) {
    // The host's sites share this one port, as IIS's share port 80; they are told apart by Host header.
    const base = await freePortRange(1);
    servers.push({ name: host, port: base });
    start(process.execPath, [
      AGENT, "--host", host, "--farm", "lb", "--nats", natsUrl, "--simulate", "--heartbeat", "1s",
      "--sim-stop-ms", args["stop-ms"], "--sim-start-ms", args["stop-ms"], "--sim-site-port", String(base),
      "--poll-ms", "20", "--probe-interval", "100ms", "--state-dir", join(dir, `agent-${host}`),
    ]);
  }
  await until(`${HOSTS.length} hosts registered`, async () => (await json(`${api}/api/v1/hosts`)).hosts.length === HOSTS.length, 60_000);
  // Balance the site the pool serves: the load and HAProxy's check ask for it by its binding's host name. Without
  // --pool, requests name no site and each host's catch-all Default Web Site answers them.
  const site = POOL === undefined ? undefined : await siteOf(api, POOL);
  const frontendPort = await freePort();
  const statsPort = await freePort();
  const cfgPath = join(dir, "haproxy.cfg");
  writeFileSync(cfgPath, haproxyConfig({ frontendPort, statsPort, servers, ...(site ? { check: site } : {}) }));
  const lb = start(haproxy, haproxyArgs(cfgPath));
  const url = `http://127.0.0.1:${frontendPort}${site?.path ?? "/"}`;
  await json(`${api}/api/v1/farms/lb/drain`, {
    config: { provider: "haproxy", address: `127.0.0.1:${statsPort}`, backend: "be_farm", drainTimeoutMs: 10_000 },
    actor: "bench",
  });

  const allUp = async () => {
    // Every server UP (not drained, health checks passing) before a run starts, so both runs start equal.
    const stat = await new Promise((res2, rej) => {
      const s = connect(statsPort, "127.0.0.1");
      let out = "";
      s.on("data", (d) => (out += d));
      s.once("error", rej);
      s.once("close", () => res2(out));
      s.end("show stat be_farm 4 -1\n");
    });
    const rows = stat.split("\n").slice(1).filter(Boolean);
    return rows.length === HOSTS.length && rows.every((r) => r.split(",")[17] === "UP");
  };

  const results = [];
  for (const [label, drain] of [["haproxy", true], ["none (--no-drain)", false]]) {
    await until("every server UP in HAProxy", allUp, 30_000, 200);
    let done = false;
    const load = runLoad({ url, ...(site ? { host: site.host } : {}), concurrency: CONCURRENCY, ratePerSec: RATE, stop: () => done });
    await sleep(500);
    const t0 = performance.now();
    const unit = POOL === undefined ? {} : { level: "recycle", pools: [POOL] };
    const { rollout } = await json(`${api}/api/v1/rollouts`, { farm: "lb", batch: "2", drain, actor: "bench", ...unit });
    let detail;
    for (;;) {
      detail = await json(`${api}/api/v1/rollouts/${rollout.id}`);
      if (["succeeded", "failed", "aborted"].includes(detail.rollout.state)) break;
      await sleep(100);
    }
    const rolloutMs = performance.now() - t0;
    await sleep(500);
    done = true;
    const stats = await load;
    results.push({ label, state: detail.rollout.state, rolloutMs, ...stats });
    if (lb.child.exitCode !== null) throw new Error(`haproxy exited: ${lb.err()}`);
  }

  console.log(
    POOL === undefined
      ? `\nRolling reset of ${HOSTS.length} simulated IIS hosts, --batch 2, level iis (W3SVC answers 503 while stopped),`
      : `\nRolling recycle of pool ${POOL} on ${HOSTS.length} simulated IIS hosts, --batch 2 (overlapped recycle; the load hits the site it serves),`,
  );
  console.log(`under ${CONCURRENCY} concurrent keep-alive requests paced to ${RATE}/s through HAProxy ${"(roundrobin, httpchk every 500 ms, fall 2, rise 2)"}.\n`);
  const rows = results.map((r) => [
    r.label,
    String(r.requests),
    String(r.failed),
    `${(r.failed / Math.max(1, r.requests) * 100).toFixed(2)}%`,
    `${(r.rolloutMs / 1000).toFixed(1)} s`,
    `${(r.durationMs / 1000).toFixed(1)} s`,
    r.state,
    Object.entries(r.reasons).map(([k, v]) => `${k} ×${v}`).join(", ") || "-",
  ]);
  const head = ["drain provider", "requests", "failed", "failed %", "rollout", "load duration", "rollout state", "failures by reason"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 || i >= 6 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

/**
 * The host name and probe path of the site that runs in `pool`, from the sites the agents report (HostFacts.sites):
 * its first http binding's host name ("http/*:80:shop.example.com"). Refuses when the hosts report no such site, or
 * one with no host name: the bench would otherwise measure a site the recycle never touches.
 */
async function siteOf(api, pool) {
  const { host } = await json(`${api}/api/v1/hosts/${HOSTS[0]}`);
  const sites = host.sites ?? [];
  if (sites.length === 0) throw new Error(`--pool: ${HOSTS[0]} reports no sites (an agent without per-site facts); the pool's site cannot be found`);
  const site = sites.find((s) => s.appPool.toUpperCase() === pool.toUpperCase());
  if (!site) throw new Error(`--pool: no site of ${HOSTS[0]} runs in ${pool}; its sites: ${sites.map((s) => `${s.name} (${s.appPool})`).join(", ")}`);
  const name = (site.bindings ?? []).map((b) => /^http\/[^:]*:\d+:(.+)$/.exec(b)?.[1]).find((h) => h !== undefined);
  if (!name) throw new Error(`--pool: ${site.name} has no http binding with a host name (bindings: ${(site.bindings ?? []).join(", ")}); its requests cannot be told apart`);
  return { host: name, path: "/health" };
}

try {
  await main();
} finally {
  stopAll();
  await sleep(500); // SIGTERM sent: let the children leave the dir before it goes
  if (benchDir) rmSync(benchDir, { recursive: true, force: true });
}
