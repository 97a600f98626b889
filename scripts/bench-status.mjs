// Fleet status benchmark, printed as a table (never a test: shared 2-core machines make wall-clock asserts flaky).
// For each fleet size N:
//   1. the transport limit: a raw NATS request-many to N responders (empty payloads, same number of shared
//      connections as the simulator), timed from the requester until the N-th reply;
//   2. iisfleet: a fresh controller and `iisfleet-agent simulate --count N`, then live queries through the HTTP API,
//      timed from request to parsed JSON answer: GET /api/v1/status?live=1&detail=0 (the three buckets, by name)
//      and, alternating with it, the full answer with every host's services and app pools (detail=1).
// It reports p50/p95 of both, replies per second, hosts lost, and the controller's RSS (peak over the queries).
// With --runs N the whole sweep is repeated (fresh processes each time) and the medians of the runs are printed
// with their spread, since one run on a shared machine says little.
//   npm run bench:status                      (builds first; sizes 100, 1000, 5000, 10000)
//   npm run bench:status -- --sizes 100,1000 --queries 20 --connections 4 --runs 3
//   npm run bench:status -- --sizes 10000 --cpu-prof /tmp/prof   (V8 CPU profiles of controller, simulator)
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Empty, connect } from "@nats-io/transport-node";
import { adminAuth, freePort, loadAverage, median, percentile, printColumns, procStat, rssMb, sleep, start, stop, stopAll, until } from "./bench-support.mjs";
import { ensureNatsServer } from "./ensure-nats-server.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "packages", "controller", "dist", "cli", "main.js");
const AGENT = join(ROOT, "packages", "agent", "dist", "cli.js");
const SELF = fileURLToPath(import.meta.url);
const RAW_SUBJECT = "bench.raw.status";
/** Linux reports process CPU time in ticks of 1/USER_HZ s, and USER_HZ is 100 on every mainstream build. */
const MS_PER_TICK = 10;
/** CPU milliseconds `pid` used while `fn` ran: unlike wall time, hardly moved by other load on the machine. */
async function cpuMsOf(pids, fn) {
  const before = pids.map((pid) => procStat(pid).cpuTicks);
  const value = await fn();
  return { value, cpuMs: pids.map((pid, i) => (procStat(pid).cpuTicks - before[i]) * MS_PER_TICK) };
}
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

const USAGE = `Usage: node scripts/bench-status.mjs [--sizes 100,1000,5000,10000] [--queries 10] [--connections 4] [--runs 1]
  --sizes LIST        fleet sizes to measure, comma-separated (each 1 to 100000)
  --queries N         timed live queries per size, after 2 warm-up queries (default 10)
  --connections N     NATS connections the simulated agents (and the raw responders) share (default 4)
  --timeout-ms N      deadline of each live query (default 10000)
  --runs N            repeat the whole sweep N times and print the medians of the runs (default 1)
  --cpu-prof DIR      write V8 CPU profiles of each controller and simulator into DIR (node --cpu-prof; slows them)`;

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
        runs: { type: "string", default: "1" },
        "cpu-prof": { type: "string" },
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
    runs: int("runs", v.runs, 1, 20),
    cpuProfDir: v["cpu-prof"] ? resolve(v["cpu-prof"]) : undefined,
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

/** The numbers of one timed phase, reduced to what the tables show. */
function summarize(n, raw, live) {
  const p = (xs, q) => percentile(xs, q);
  return {
    n,
    answered: live.minAnswered,
    lost: live.lost,
    liveP50: p(live.wall, 50),
    liveP95: p(live.wall, 95),
    detailP95: p(live.wallDetail, 95),
    gatherP95: p(live.gather, 95),
    rawP50: p(raw.times, 50),
    rawP95: p(raw.times, 95),
    rawLost: raw.lost,
    liveOverRaw: p(live.wall, 95) / p(raw.times, 95),
    gatherOverRaw: p(live.gather, 95) / p(raw.times, 95),
    repliesPerSecond: n / (p(live.wall, 50) / 1000),
    idleRss: live.idleRss,
    peakRss: live.peakRss,
    ctlCpu: live.ctlCpuMs,
    simCpu: live.simCpuMs,
    rawCpu: raw.respondersCpuMs,
    rawRequesterCpu: raw.requesterCpuMs,
    ctlCpuDetail: live.ctlCpuMsDetail,
  };
}

async function measureRaw(natsUrl, n, o) {
  const responders = start(process.execPath, [SELF, "--raw-responders", String(n), "--connections", String(o.connections), "--nats", natsUrl]);
  try {
    await until(`${n} raw responders`, async () => responders.out().includes("ready"), 60_000, 100, responders);
    const nc = await connect({ servers: natsUrl, name: "bench-raw-requester" });
    const times = [];
    const respondersCpu = [];
    const requesterCpu = [];
    let lost = 0;
    for (let q = 0; q < o.queries + 2; q++) {
      const t0 = performance.now();
      const self0 = process.cpuUsage();
      const { value: got, cpuMs } = await cpuMsOf([responders.child.pid], async () => {
        let count = 0;
        const replies = await nc.requestMany(RAW_SUBJECT, Empty, { strategy: "count", maxMessages: n, maxWait: o.timeoutMs });
        for await (const _m of replies) count++;
        return count;
      });
      const ms = performance.now() - t0;
      const self = process.cpuUsage(self0);
      if (q >= 2) {
        times.push(ms);
        respondersCpu.push(cpuMs[0]);
        requesterCpu.push((self.user + self.system) / 1000);
        lost = Math.max(lost, n - got);
      }
      await sleep(200);
    }
    await nc.close();
    return { times, lost, respondersCpuMs: sum(respondersCpu) / respondersCpu.length, requesterCpuMs: sum(requesterCpu) / requesterCpu.length };
  } finally {
    await stop(responders);
  }
}

async function measureLive(natsUrl, n, o, dir) {
  const apiPort = await freePort();
  const api = `http://127.0.0.1:${apiPort}`;
  const profile = (who) => (o.cpuProfDir ? ["--cpu-prof", "--cpu-prof-dir", o.cpuProfDir, "--cpu-prof-name", `${who}-${n}-${Date.now()}.cpuprofile`] : []);
  // A fresh database (and with it a fresh admin.token beside it) per size and run: every run starts equal.
  const dbPath = join(mkdtempSync(join(dir, `live-${n}-`)), "bench.db");
  const ctl = start(process.execPath, [...profile("controller"), CLI, "controller", "--nats", natsUrl, "--db", dbPath, "--listen", `127.0.0.1:${apiPort}`], {
    env: { NO_COLOR: "1" },
  });
  let sim;
  try {
    await until("the controller", async () => ctl.out().includes("listening on"), 30_000, 100, ctl);
    const auth = adminAuth(dbPath);
    sim = start(process.execPath, [...profile("simulator"), AGENT, "simulate", "--count", String(n), "--farm", "bench", "--connections", String(o.connections), "--nats", natsUrl, "--heartbeat", "10s"]);
    await until(`${n} simulated agents to start`, async () => sim.out().includes("simulating"), 120_000, 100, sim);
    // Every agent beats once within its first period (10 s): then all N are registered.
    await until(
      `${n} agents to register`,
      async () => {
        const s = await (await fetch(`${api}/api/v1/status?farm=bench&detail=0`, { headers: auth })).json();
        return s.summary.hosts === n && s.summary.online === n;
      },
      60_000,
      100,
      ctl,
    );
    const idleRss = rssMb(ctl.child.pid);
    const wall = [];
    const wallDetail = [];
    const gather = [];
    const cpu = { ctl: [[], []], sim: [[], []] }; // per kind: [summary, detail]
    let lost = 0;
    let minAnswered = n;
    let peakRss = idleRss;
    for (let q = 0; q < 2 * (o.queries + 2); q++) {
      const detail = q % 2;
      const t0 = performance.now();
      const { value: [res, answer], cpuMs } = await cpuMsOf([ctl.child.pid, sim.child.pid], async () => {
        const r = await fetch(`${api}/api/v1/status?live=1&farm=bench&timeoutMs=${o.timeoutMs}&detail=${detail}`, { headers: auth });
        return [r, await r.json()];
      });
      const ms = performance.now() - t0;
      if (!res.ok) throw new Error(`live query failed: ${JSON.stringify(answer)}`);
      peakRss = Math.max(peakRss, rssMb(ctl.child.pid));
      if (q >= 4) {
        (detail ? wallDetail : wall).push(ms);
        if (!detail) gather.push(answer.durationMs);
        cpu.ctl[detail].push(cpuMs[0]);
        cpu.sim[detail].push(cpuMs[1]);
        lost = Math.max(lost, answer.summary.silent);
        minAnswered = Math.min(minAnswered, answer.summary.answered);
      }
      await sleep(200);
    }
    const avg = (xs) => sum(xs) / xs.length;
    return {
      wall, wallDetail, gather, lost, minAnswered, idleRss, peakRss,
      ctlCpuMs: avg(cpu.ctl[0]), simCpuMs: avg(cpu.sim[0]), ctlCpuMsDetail: avg(cpu.ctl[1]), simCpuMsDetail: avg(cpu.sim[1]),
    };
  } finally {
    if (sim) await stop(sim);
    await stop(ctl);
  }
}

const ms0 = (x) => `${x.toFixed(0)} ms`;
const ms1 = (x) => `${x.toFixed(1)} ms`;
const times = (x) => `${x.toFixed(2)}x`;
const count = (x) => Math.round(x).toLocaleString("en-US");
const mb = (x) => `${x.toFixed(0)}`;

const HEADER = [
  "agents", "answered", "lost", "live p50", "live p95", "detail p95", "gather p95", "raw p50", "raw p95", "live/raw", "gather/raw", "replies/s",
  "ctl RSS idle/peak", "CPU/q: ctl", "sim", "raw req", "raw resp", "detail ctl",
];
const cells = (r) => [
  r.n.toLocaleString("en-US"),
  `${r.answered}`,
  `${r.lost}`,
  ms0(r.liveP50),
  ms0(r.liveP95),
  ms0(r.detailP95),
  ms0(r.gatherP95),
  ms1(r.rawP50),
  ms1(r.rawP95),
  times(r.liveOverRaw),
  times(r.gatherOverRaw),
  count(r.repliesPerSecond),
  `${mb(r.idleRss)}/${mb(r.peakRss)} MB`,
  ms0(r.ctlCpu),
  ms0(r.simCpu),
  ms0(r.rawRequesterCpu),
  ms0(r.rawCpu),
  ms0(r.ctlCpuDetail),
];

/** Per size: the median of the runs for every figure, the fewest answered, the most lost and the highest RSS. */
function medianRow(rows) {
  const m = (k) => median(rows.map((r) => r[k]));
  const row = { n: rows[0].n };
  for (const k of Object.keys(rows[0])) if (k !== "n") row[k] = m(k);
  row.answered = Math.min(...rows.map((r) => r.answered));
  row.lost = Math.max(...rows.map((r) => r.lost));
  row.peakRss = Math.max(...rows.map((r) => r.peakRss));
  return row;
}
const spread = (rows, k, f) => {
  const xs = rows.map((r) => r[k]);
  return `${f(Math.min(...xs))}..${f(Math.max(...xs))}`;
};

function printResults(runs, o, loadAtStart) {
  console.log(
    `\nfleet status: ${o.queries} + ${o.queries} live queries (summary, detail) per size after 2 + 2 warm-ups; ${o.connections} shared NATS connections; ` +
      `${cpus().length} CPU cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB; load average ${loadAtStart} at the start, ${loadAverage()} at the end`,
  );
  runs.forEach((rows, i) => {
    if (runs.length > 1) console.log(`\nrun ${i + 1} of ${runs.length} (load average ${rows.load} at its start)`);
    printColumns(HEADER, rows.map(cells));
  });
  if (runs.length > 1) {
    const bySize = o.sizes.map((_, i) => runs.map((rows) => rows[i]));
    console.log(`\nmedian of ${runs.length} runs (answered: fewest; lost: most; peak RSS: highest)`);
    printColumns(HEADER, bySize.map((rows) => cells(medianRow(rows))));
    console.log(`\nspread over the ${runs.length} runs (min..max of each run's figure)`);
    printColumns(
      ["agents", "live p50", "live p95", "raw p95", "live/raw", "gather/raw", "peak RSS"],
      bySize.map((rows) => [
        rows[0].n.toLocaleString("en-US"),
        spread(rows, "liveP50", ms0),
        spread(rows, "liveP95", ms0),
        spread(rows, "rawP95", ms1),
        spread(rows, "liveOverRaw", times),
        spread(rows, "gatherOverRaw", times),
        `${spread(rows, "peakRss", mb)} MB`,
      ]),
    );
  }
  console.log(
    "\nlive = GET /api/v1/status?live=1&detail=0 through HTTP until the parsed JSON answer (buckets and host names);" +
      "\ndetail = the same with every host's services and app pools (about 900 bytes of JSON per host);" +
      "\ngather = the controller's own broadcast-to-last-reply time in the live (summary) queries; raw = NATS request-many to N empty responders;" +
      "\nlive/raw and gather/raw: ratios of p95s; replies/s = N / live p50; lost = most silent hosts in any query." +
      "\nCPU/q = CPU time per query (mean; 10 ms ticks, except the raw requester, which is this process): the controller" +
      "\nand the simulator in a live query (both including background heartbeats), the requester and the responders in a" +
      "\nraw one, the controller in a detail query. Unlike wall time, hardly moved by other load on the machine." +
      "\nTargets: 10,000 answered with p95 < 1 s and <= 2x raw; controller RSS < 300 MB with 10,000 registered.",
  );
}

async function main(o) {
  if (o.rawResponders !== undefined) return rawResponders(o.rawResponders, o.connections, o.nats);
  const nats = await ensureNatsServer({ install: false });
  const dir = mkdtempSync(join(tmpdir(), "iisfleet-bench-status-"));
  const natsPort = await freePort();
  const natsUrl = `nats://127.0.0.1:${natsPort}`;
  const server = start(nats, ["-a", "127.0.0.1", "-p", String(natsPort)]);
  const runs = [];
  const loadAtStart = loadAverage();
  try {
    await sleep(300);
    for (let run = 1; run <= o.runs; run++) {
      const rows = [];
      rows.load = loadAverage();
      for (const n of o.sizes) {
        const label = o.runs > 1 ? `run ${run}/${o.runs}, ` : "";
        process.stderr.write(`bench-status: ${label}${n} agents: raw NATS... `);
        const raw = await measureRaw(natsUrl, n, o);
        process.stderr.write("iisfleet... ");
        const live = await measureLive(natsUrl, n, o, dir);
        process.stderr.write("done\n");
        rows.push(summarize(n, raw, live));
      }
      runs.push(rows);
    }
    printResults(runs, o, loadAtStart);
  } finally {
    await stop(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

const o = options();
try {
  await main(o);
} catch (err) {
  console.error(`bench-status: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  if (o.rawResponders === undefined) stopAll();
}
