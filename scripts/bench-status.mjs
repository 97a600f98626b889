// Fleet status benchmark, printed as a table (never a test: shared 2-core machines make wall-clock asserts flaky).
// For each fleet size N:
//   1. the transport limit: a raw NATS request-many to N responders (empty payloads, same number of shared
//      connections as the simulator), timed from the requester until the N-th reply;
//   2. iisfleet: a fresh controller and `iisfleet-agent simulate --count N`, then live queries through the HTTP API,
//      timed from request to parsed JSON answer: GET /api/v1/status?live=1&detail=0 (the three buckets, by name)
//      and, alternating with it, the full answer with every host's services and app pools (detail=1).
// It reports p50/p95 of both, replies per second, hosts lost, and the controller's RSS (peak over the queries).
//   npm run bench:status                      (builds first; sizes 100, 1000, 5000, 10000)
//   npm run bench:status -- --sizes 100,1000 --queries 20 --connections 4
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Empty, connect } from "@nats-io/transport-node";
import { adminAuth } from "./bench-support.mjs";
import { ensureNatsServer } from "./ensure-nats-server.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "packages", "controller", "dist", "cli", "main.js");
const AGENT = join(ROOT, "packages", "agent", "dist", "cli.js");
const SELF = fileURLToPath(import.meta.url);
const RAW_SUBJECT = "bench.raw.status";

const USAGE = `Usage: node scripts/bench-status.mjs [--sizes 100,1000,5000,10000] [--queries 10] [--connections 4]
  --sizes LIST        fleet sizes to measure, comma-separated (each 1 to 100000)
  --queries N         timed live queries per size, after 2 warm-up queries (default 10)
  --connections N     NATS connections the simulated agents (and the raw responders) share (default 4)
  --timeout-ms N      deadline of each live query (default 10000)`;

function fail(message) {
  console.error(`bench-status: ${message}\n${USAGE}`);
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        sizes: { type: "string", default: "100,1000,5000,10000" },
        queries: { type: "string", default: "10" },
        connections: { type: "string", default: "4" },
        "timeout-ms": { type: "string", default: "10000" },
        // child mode: be the raw responders
        "raw-responders": { type: "string" },
        nats: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    fail(err.message);
  }
  const v = parsed.values;
  if (v.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name, value, min, max) => {
    if (!/^\d+$/.test(value)) fail(`--${name}: "${value}" is not a whole number.`);
    const n = Number(value);
    if (n < min || n > max) fail(`--${name}: ${n} is out of range (${min} to ${max}).`);
    return n;
  };
  const sizes = v.sizes.split(",").map((s) => int("sizes", s.trim(), 1, 100_000));
  const connections = int("connections", v.connections, 1, 64);
  if (connections > Math.min(...sizes)) fail(`--connections: ${connections} is more than the smallest size.`);
  return {
    sizes,
    queries: int("queries", v.queries, 1, 1000),
    connections,
    timeoutMs: int("timeout-ms", v["timeout-ms"], 100, 60_000),
    rawResponders: v["raw-responders"] === undefined ? undefined : int("raw-responders", v["raw-responders"], 1, 100_000),
    nats: v.nats,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Child mode: N raw responders over C shared connections, answering with empty payloads.

async function rawResponders(n, connections, natsUrl) {
  const conns = [];
  for (let i = 0; i < connections; i++) conns.push(await connect({ servers: natsUrl, name: `bench-raw-${i}` }));
  for (let i = 0; i < n; i++) {
    conns[i % connections].subscribe(RAW_SUBJECT, { callback: (_err, msg) => msg.respond(Empty) });
  }
  await Promise.all(conns.map((nc) => nc.flush()));
  process.stdout.write("ready\n");
  process.once("SIGTERM", () => process.exit(0));
}

// ---------------------------------------------------------------------------------------------------------------

const children = new Set();
function start(cmd, args, env = {}) {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1", ...env } });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err = (err + d).slice(-4000)));
  children.add(child);
  child.once("exit", () => children.delete(child));
  return { child, out: () => out, err: () => err };
}
async function stop(p) {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise((r) => p.child.once("exit", r));
  p.child.kill("SIGTERM");
  const timer = setTimeout(() => p.child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}
async function until(what, fn, ms, proc) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (proc && proc.child.exitCode !== null) throw new Error(`${what}: the process exited (${proc.child.exitCode}): ${proc.err()}`);
    if (await fn().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}${proc ? `: ${proc.err()}` : ""}`);
}
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024;
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function measureRaw(natsUrl, n, o) {
  const responders = start(process.execPath, [SELF, "--raw-responders", String(n), "--connections", String(o.connections), "--nats", natsUrl]);
  try {
    await until(`${n} raw responders`, async () => responders.out().includes("ready"), 60_000, responders);
    const nc = await connect({ servers: natsUrl, name: "bench-raw-requester" });
    const times = [];
    let lost = 0;
    for (let q = 0; q < o.queries + 2; q++) {
      const t0 = performance.now();
      let got = 0;
      const replies = await nc.requestMany(RAW_SUBJECT, Empty, { strategy: "count", maxMessages: n, maxWait: o.timeoutMs });
      for await (const _m of replies) got++;
      const ms = performance.now() - t0;
      if (q >= 2) {
        times.push(ms);
        lost = Math.max(lost, n - got);
      }
      await sleep(200);
    }
    await nc.close();
    return { times, lost };
  } finally {
    await stop(responders);
  }
}

async function measureLive(natsUrl, n, o, dir) {
  const apiPort = await freePort();
  const api = `http://127.0.0.1:${apiPort}`;
  const ctl = start(process.execPath, [CLI, "controller", "--nats", natsUrl, "--db", join(dir, `bench-${n}.db`), "--listen", `127.0.0.1:${apiPort}`]);
  let sim;
  try {
    await until("the controller", async () => ctl.out().includes("listening on"), 30_000, ctl);
    const auth = adminAuth(join(dir, `bench-${n}.db`));
    sim = start(process.execPath, [AGENT, "simulate", "--count", String(n), "--farm", "bench", "--connections", String(o.connections), "--nats", natsUrl, "--heartbeat", "10s"]);
    await until(`${n} simulated agents to start`, async () => sim.out().includes("simulating"), 120_000, sim);
    // Every agent beats once within its first period (10 s): then all N are registered.
    await until(
      `${n} agents to register`,
      async () => {
        const s = await (await fetch(`${api}/api/v1/status?farm=bench&detail=0`, { headers: auth })).json();
        return s.summary.hosts === n && s.summary.online === n;
      },
      60_000,
      ctl,
    );
    const idleRss = rssMb(ctl.child.pid);
    const wall = [];
    const wallDetail = [];
    const gather = [];
    let lost = 0;
    let minAnswered = n;
    let peakRss = idleRss;
    for (let q = 0; q < 2 * (o.queries + 2); q++) {
      const detail = q % 2;
      const t0 = performance.now();
      const res = await fetch(`${api}/api/v1/status?live=1&farm=bench&timeoutMs=${o.timeoutMs}&detail=${detail}`, { headers: auth });
      const answer = await res.json();
      const ms = performance.now() - t0;
      if (!res.ok) throw new Error(`live query failed: ${JSON.stringify(answer)}`);
      peakRss = Math.max(peakRss, rssMb(ctl.child.pid));
      if (q >= 4) {
        (detail ? wallDetail : wall).push(ms);
        gather.push(answer.durationMs);
        lost = Math.max(lost, answer.summary.silent);
        minAnswered = Math.min(minAnswered, answer.summary.answered);
      }
      await sleep(200);
    }
    return { wall, wallDetail, gather, lost, minAnswered, idleRss, peakRss };
  } finally {
    if (sim) await stop(sim);
    await stop(ctl);
  }
}

const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

function printTable(rows, o, loadAtStart) {
  const header = ["agents", "answered", "lost", "live p50", "live p95", "detail p95", "gather p95", "raw p50", "raw p95", "live/raw", "gather/raw", "replies/s", "ctl RSS idle/peak"];
  const cells = rows.map((r) => [
    r.n.toLocaleString("en-US"),
    `${r.live.minAnswered}`,
    `${r.live.lost}`,
    `${pct(r.live.wall, 50).toFixed(0)} ms`,
    `${pct(r.live.wall, 95).toFixed(0)} ms`,
    `${pct(r.live.wallDetail, 95).toFixed(0)} ms`,
    `${pct(r.live.gather, 95).toFixed(0)} ms`,
    `${pct(r.raw.times, 50).toFixed(1)} ms`,
    `${pct(r.raw.times, 95).toFixed(1)} ms`,
    `${(pct(r.live.wall, 95) / pct(r.raw.times, 95)).toFixed(2)}x`,
    `${(pct(r.live.gather, 95) / pct(r.raw.times, 95)).toFixed(2)}x`,
    `${Math.round(r.n / (pct(r.live.wall, 50) / 1000)).toLocaleString("en-US")}`,
    `${r.live.idleRss.toFixed(0)}/${r.live.peakRss.toFixed(0)} MB`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  ");
  console.log(
    `\nfleet status: ${o.queries} + ${o.queries} live queries (summary, detail) per size after 2 + 2 warm-ups; ${o.connections} shared NATS connections; ` +
      `${cpus().length} CPU cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB; load average ${loadAtStart} at the start, ${loadAverage()} at the end`,
  );
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
  console.log(
    "\nlive = GET /api/v1/status?live=1&detail=0 through HTTP until the parsed JSON answer (buckets and host names);" +
      "\ndetail = the same with every host's services and app pools (about 900 bytes of JSON per host);" +
      "\ngather = the controller's own broadcast-to-last-reply time (both kinds); raw = NATS request-many to N empty responders;" +
      "\nlive/raw and gather/raw: ratios of p95s; replies/s = N / live p50; lost = most silent hosts in any query." +
      "\nTargets: 10,000 answered with p95 < 1 s and <= 2x raw; controller RSS < 300 MB with 10,000 registered.",
  );
}

async function main() {
  const o = options();
  if (o.rawResponders !== undefined) return rawResponders(o.rawResponders, o.connections, o.nats);
  const nats = await ensureNatsServer({ install: false });
  const dir = mkdtempSync(join(tmpdir(), "iisfleet-bench-status-"));
  const natsPort = await freePort();
  const natsUrl = `nats://127.0.0.1:${natsPort}`;
  const server = start(nats, ["-a", "127.0.0.1", "-p", String(natsPort)]);
  const rows = [];
  const loadAtStart = loadAverage();
  try {
    await sleep(300);
    for (const n of o.sizes) {
      process.stderr.write(`bench-status: ${n} agents: raw NATS... `);
      const raw = await measureRaw(natsUrl, n, o);
      process.stderr.write("iisfleet... ");
      const live = await measureLive(natsUrl, n, o, dir);
      process.stderr.write("done\n");
      rows.push({ n, raw, live });
    }
    printTable(rows, o, loadAtStart);
  } finally {
    await stop(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (err) {
  console.error(`bench-status: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  if (options().rawResponders === undefined) for (const c of children) c.kill("SIGKILL");
}
