// The load-balancer drain proof as a benchmark: the same rolling reset (--batch 2 over six simulated IIS hosts whose
// sites serve real HTTP) under the same load through Debian's HAProxy, once with the haproxy drain provider and once
// with --no-drain, and the failed requests of each side by side. Real nats-server, controller, agents and HAProxy;
// everything on loopback.
//   npm run bench:drain                     (builds first)
//   node scripts/bench-drain.mjs --rate 400 --concurrency 8 --stop-ms 300
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
  },
});
const RATE = Number(args.rate);
const CONCURRENCY = Number(args.concurrency);
if (!(RATE >= 1 && RATE <= 5000) || !(CONCURRENCY >= 1 && CONCURRENCY <= 64)) {
  console.error("bench-drain: --rate must be 1 to 5000 requests/s, --concurrency 1 to 64");
  process.exit(2);
}

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
    const base = await freePortRange(3);
    servers.push({ name: host, port: base });
    start(process.execPath, [
      AGENT, "--host", host, "--farm", "lb", "--nats", natsUrl, "--simulate", "--heartbeat", "1s",
      "--sim-stop-ms", args["stop-ms"], "--sim-start-ms", args["stop-ms"], "--sim-site-port", String(base),
      "--poll-ms", "20", "--probe-interval", "100ms", "--state-dir", join(dir, `agent-${host}`),
    ]);
  }
  const frontendPort = await freePort();
  const statsPort = await freePort();
  const cfgPath = join(dir, "haproxy.cfg");
  writeFileSync(cfgPath, haproxyConfig({ frontendPort, statsPort, servers }));
  const lb = start(haproxy, haproxyArgs(cfgPath));
  const url = `http://127.0.0.1:${frontendPort}/`;
  await until(`${HOSTS.length} hosts registered`, async () => (await json(`${api}/api/v1/hosts`)).hosts.length === HOSTS.length, 60_000);
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
    const load = runLoad({ url, concurrency: CONCURRENCY, ratePerSec: RATE, stop: () => done });
    await sleep(500);
    const t0 = performance.now();
    const { rollout } = await json(`${api}/api/v1/rollouts`, { farm: "lb", batch: "2", drain, actor: "bench" });
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

  console.log(`\nRolling reset of ${HOSTS.length} simulated IIS hosts, --batch 2, level iis (W3SVC answers 503 while stopped),`);
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
  rmSync(dir, { recursive: true, force: true });
}

try {
  await main();
} finally {
  stopAll();
}
