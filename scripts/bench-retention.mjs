// History retention as a benchmark: a real controller database (SQLite file, synchronous=FULL) holding about a
// million rows of history, pruned by the controller's own sweeper (controller --retain) while a hot-path writer — one
// committed transaction every few milliseconds, as results and rollout transitions are — keeps writing in the same
// process. Prints how long the prune takes, the longest write lock it held, and the writer's latency and the event
// loop's delay before and during the prune.
//
// --live: then the same prune inside a real controller process (controller --retain 30d, its first sweep 10 s after
// start) with a real nats-server and `iisfleet-agent simulate --count --hosts` (zero-time services), measured twice on
// copies of the same database: once without --retain, once with it. In each, once the sweep is under way (10 s after
// the controller started), live status queries (GET /api/v1/status?live=1&detail=0, one after another, at least
// --queries of them) run while a rollout of the simulated farm (--batch) runs. Printed side by side: status p50 / p95
// / max, the rollout's overhead per host (its duration minus the agents' engine time, over hosts), and the prune time
// under that load. Only the status samples taken while the sweep ran count as "during the prune"; the rollout is
// reported with whether it ran wholly inside the sweep.
//   npm run bench:retention                   (builds first)
//   node scripts/bench-retention.mjs --commands 250000 --old 0.9 --batch 500
//   node scripts/bench-retention.mjs --live --hosts 200 --queries 30
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { WebSocket } from "ws";
import { ensureNatsServer } from "./ensure-nats-server.mjs";
import { adminAuth, freePort, loadAverage, percentile, printColumns, printTable, sleep, start, startNats, stop, stopAll, until } from "./bench-support.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => join(ROOT, "packages", "controller", "dist", p);
const { Store } = await import(dist("store/index.js"));
const { RetentionSweeper } = await import(dist("retention/sweeper.js"));

const { values: args } = parseArgs({
  options: {
    commands: { type: "string", default: "250000" },
    old: { type: "string", default: "0.9" },
    batch: { type: "string", default: "500" },
    "writer-ms": { type: "string", default: "5" },
    live: { type: "boolean", default: false },
    hosts: { type: "string", default: "200" },
    queries: { type: "string", default: "30" },
    "rollout-batch": { type: "string", default: "10%" },
  },
});
const HOSTS = Number(args.hosts);
const QUERIES = Number(args.queries);
for (const [name, v] of [["--hosts", HOSTS], ["--queries", QUERIES]]) {
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a whole number of at least 1.`);
}
const CLI = join(ROOT, "packages", "controller", "dist", "cli", "main.js");
const AGENT = join(ROOT, "packages", "agent", "dist", "cli.js");
/** The controller's first sweep starts this long after it does (RetentionSweeper firstDelayMs). */
const FIRST_SWEEP_MS = 10_000;
const COMMANDS = Number(args.commands);
const OLD = Number(args.old);
const BATCH = Number(args.batch);
const WRITER_MS = Number(args["writer-ms"]);
const DAY = 86_400_000;
const NOW = Date.now();
const silent = { info() {}, warn() {}, error() {}, debug() {} };

const dir = mkdtempSync(join(tmpdir(), "iisfleet-bench-retention-"));
try {
  const dbPath = join(dir, "iisfleet.db");
  const store = Store.open(dbPath);
  const fillStarted = performance.now();
  const rows = fill(store.db);
  const fillMs = performance.now() - fillStarted;
  const sizeBefore = statSync(dbPath).size;
  // Copies for the live runs, made before this process prunes the original.
  const copies = args.live ? liveCopies(store, dbPath) : undefined;

  // The same writer, first alone, then while the sweep runs.
  const alone = await measureWriter(store, () => sleep(5_000));
  let report;
  const during = await measureWriter(store, async () => {
    report = await new RetentionSweeper(store, { now: () => NOW }, silent, { retainMs: 30 * DAY }, { batchRows: BATCH }).sweep();
  });
  const deleted = rows - countRows(store.db) + alone.n + during.n;
  const sweepMs = report.durationMs;
  store.close();

  const load = loadAverage();
  const ms = (x) => `${x.toFixed(1)} ms`;
  printTable([
    ["history rows before", `${rows.toLocaleString("en")}`, `${(sizeBefore / 1e6).toFixed(0)} MB file, filled in ${(fillMs / 1000).toFixed(1)} s; ${Math.round(OLD * 100)} % older than --retain 30d`],
    ["rows pruned", `${deleted.toLocaleString("en")}`, `${report.deleted.commands} commands with their steps, ${report.deleted.rollouts} rollouts with their hosts, ${report.deleted.events} events`],
    ["prune time", `${(sweepMs / 1000).toFixed(1)} s`, `${Math.round(deleted / (sweepMs / 1000)).toLocaleString("en")} rows/s, ${report.batches} transactions of ≤ ${BATCH} rows, beside the writer`],
    ["longest prune transaction", ms(report.longestBatchMs), "the longest the write lock was held by the prune (synchronous=FULL)"],
    ["writer commit p50 alone / during", `${ms(alone.p50)} / ${ms(during.p50)}`, `one committed transaction every ${WRITER_MS} ms (${alone.n} / ${during.n} samples)`],
    ["writer commit p95 alone / during", `${ms(alone.p95)} / ${ms(during.p95)}`, "a result or rollout transition waits this long at most, 95 % of the time"],
    ["writer commit max alone / during", `${ms(alone.max)} / ${ms(during.max)}`, ""],
    ["event loop delay p99 alone / during", `${ms(alone.loopP99)} / ${ms(during.loopP99)}`, "how late timers and NATS messages are handled"],
    ["event loop delay max alone / during", `${ms(alone.loopMax)} / ${ms(during.loopMax)}`, ""],
    ["VmHWM", `${(peakRssKb() / 1024).toFixed(0)} MB`, "this process: database, sweeper and writer"],
    ["load average", load, "1, 5, 15 min (/proc/loadavg) at the end"],
  ]);
  if (copies) {
    const without = await livePhase(copies.without, false);
    const withPrune = await livePhase(copies.with, true);
    printLive(without, withPrune);
  }
} finally {
  stopAll();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * About a million rows in one transaction, straight SQL: COMMANDS commands (each with two steps and a finished
 * event), a tenth of them in finished rollouts of 1,000 hosts each; OLD of everything a year old, the rest recent,
 * in time order as a controller writes them.
 */
function fill(db) {
  const hosts = 1_000;
  const oldCount = Math.round(COMMANDS * OLD);
  const at = (i) => (i < oldCount ? NOW - 365 * DAY + i : NOW - DAY + i);
  db.transaction(() => {
    const host = db.prepare("INSERT INTO hosts (name, farm, first_seen_ms, last_seen_ms) VALUES (?, 'shop', ?, ?)");
    for (let h = 0; h < hosts; h++) host.run(`web${h}`, NOW, NOW);
    const cmd = db.prepare(
      `INSERT INTO commands (id, host, kind, issuer, operation, level, force, timeout_ms, state, created_ms, sent_ms, expires_ms, finished_ms)
       VALUES (?, ?, 'reset', 'bench', 'restart', 'iis', 0, 60000, 'succeeded', ?, ?, ?, ?)`,
    );
    const step = db.prepare(
      `INSERT INTO command_steps (command_id, seq, action, target, from_state, to_state, duration_ms, win32_error, message, ok, skipped)
       VALUES (?, ?, 'stop', 'W3SVC', 'RUNNING', 'STOPPED', 10, 0, '', 1, 0)`,
    );
    const event = db.prepare("INSERT INTO events (at_ms, kind, host, command_id, message, data_json) VALUES (?, 'command.finished', ?, ?, 'succeeded', '{}')");
    const rollout = db.prepare(
      "INSERT INTO rollouts (id, state, definition_json, created_by, created_ms, updated_ms, finished_ms, batch_count) VALUES (?, 'succeeded', '{}', 'bench', ?, ?, ?, 40)",
    );
    const member = db.prepare("INSERT INTO rollout_hosts (rollout_id, host, farm, position, batch, state, command_id) VALUES (?, ?, 'shop', ?, 0, 'healthy', ?)");
    let current = "";
    for (let i = 0; i < COMMANDS; i++) {
      const id = `c${String(i).padStart(8, "0")}`;
      const t = at(i);
      const h = `web${i % hosts}`;
      cmd.run(id, h, t, t, t + 60_000, t + 1_000);
      step.run(id, 1);
      step.run(id, 2);
      event.run(t + 1_000, h, id);
      // Every tenth block of 1,000 commands is a rollout's.
      if (Math.floor(i / hosts) % 10 === 0) {
        if (i % hosts === 0) {
          current = `r-${i}`;
          rollout.run(current, t, t + 3_600_000, t + 3_600_000);
        }
        member.run(current, h, i % hosts, id);
      }
    }
  })();
  return countRows(db);
}

/** History rows: commands, their steps, events, rollouts and their hosts. */
function countRows(db) {
  const n = (t) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get();
  return ["commands", "command_steps", "events", "rollouts", "rollout_hosts"].reduce((s, t) => s + n(t), 0);
}

/** Commits one small transaction every WRITER_MS while `during` runs; their latency and the event loop's delay. */
async function measureWriter(store, during) {
  const latencies = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let running = true;
  const insert = store.db.prepare("INSERT INTO events (at_ms, kind, host, message, data_json) VALUES (?, 'host.liveness', 'web1', 'bench writer', '{}')");
  const writer = (async () => {
    while (running) {
      const t0 = performance.now();
      store.db.transaction(() => insert.run(Date.now()))();
      latencies.push(performance.now() - t0);
      await sleep(WRITER_MS);
    }
  })();
  await during();
  running = false;
  await writer;
  loop.disable();
  return {
    n: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: Math.max(...latencies),
    loopP99: loop.percentile(99) / 1e6,
    loopMax: loop.max / 1e6,
  };
}

function peakRssKb() {
  return process.resourceUsage().maxRSS;
}

/** Two copies of the filled database, one per live run (the store is checkpointed first so the file is whole). */
function liveCopies(store, dbPath) {
  store.db.pragma("wal_checkpoint(TRUNCATE)");
  // Each in a directory of its own: a controller writes its admin token beside its database.
  const copy = (name) => {
    mkdirSync(join(dir, name));
    const to = join(dir, name, "iisfleet.db");
    copyFileSync(dbPath, to);
    return to;
  };
  return { without: copy("live-without"), with: copy("live-with") };
}

/**
 * One live run on `dbPath`: nats-server, a controller (with --retain 30d when `prune`), HOSTS simulated agents; once
 * the first sweep is due, status queries one after another while a rollout runs; then, with `prune`, the sweep's report.
 */
async function livePhase(dbPath, prune) {
  const procs = [];
  try {
    const nats = await startNats(await ensureNatsServer({ install: false }));
    procs.push(nats.proc);
    const natsUrl = nats.url;
    const apiPort = await freePort();
    const api = `http://127.0.0.1:${apiPort}`;
    const ctlStarted = Date.now();
    const ctl = start(process.execPath, [CLI, "controller", "--nats", natsUrl, "--db", dbPath, "--listen", `127.0.0.1:${apiPort}`, ...(prune ? ["--retain", "30d"] : [])]);
    procs.push(ctl);
    await until("controller", async () => ctl.out().includes("listening on"), 60_000, 100, ctl);
    const auth = adminAuth(dbPath);
    const sim = start(process.execPath, [
      AGENT, "simulate", "--count", String(HOSTS), "--farm", "bench", "--prefix", "sim", "--nats", natsUrl,
      "--sim-stop-ms", "0", "--sim-start-ms", "0", "--poll-ms", "1",
    ]);
    procs.push(sim);
    await until(`${HOSTS} hosts online`, async () => {
      const { hosts } = await (await fetch(`${api}/api/v1/hosts?farm=bench`, { headers: auth })).json();
      return hosts.filter((h) => h.liveness === "online").length === HOSTS;
    }, 120_000, 500, ctl);
    // Both runs start measuring at the same moment after start: the one with --retain is then pruning.
    await sleep(Math.max(0, ctlStarted + FIRST_SWEEP_MS + 1_000 - Date.now()));
    const windowStart = Date.now();
    const load = loadAverage();
    const statusSamples = [];
    const rolloutDone = runRollout(api, auth, dbPath);
    let finished = false;
    void rolloutDone.finally(() => (finished = true)).catch(() => undefined);
    while (!finished || statusSamples.length < QUERIES) {
      const at = Date.now();
      const t0 = performance.now();
      const r = await fetch(`${api}/api/v1/status?live=1&farm=bench&detail=0`, { headers: auth });
      const answer = await r.json();
      if (!r.ok) throw new Error(`live status failed: ${JSON.stringify(answer)}`);
      statusSamples.push({ at, ms: performance.now() - t0 });
    }
    const rollout = await rolloutDone;
    const windowEnd = Date.now();
    let sweep;
    if (prune) {
      const lastSweep = async () => (await (await fetch(`${api}/api/v1/retention`, { headers: auth })).json()).retention.lastSweep;
      await until("the first sweep to finish", lastSweep, 600_000, 500, ctl);
      sweep = await lastSweep();
    }
    const inSweep = (t) => !sweep || (t >= sweep.startedMs && t <= sweep.finishedMs);
    const counted = statusSamples.filter((x) => inSweep(x.at)).map((x) => x.ms);
    return {
      prune,
      load,
      status: { n: counted.length, of: statusSamples.length, p50: percentile(counted, 50), p95: percentile(counted, 95), max: Math.max(...counted) },
      rollout,
      rolloutInSweep: !sweep || (rollout.createdMs >= sweep.startedMs && rollout.finishedMs <= sweep.finishedMs),
      sweep,
      windowMs: windowEnd - windowStart,
    };
  } finally {
    for (const p of procs.reverse()) await stop(p);
  }
}

/** A rollout of the simulated farm; resolves with its overhead per host once the event stream says it ended. */
async function runRollout(api, auth, dbPath) {
  const ws = new WebSocket(`${api.replace(/^http/, "ws")}/api/v1/events?kinds=rollout.state`, "iisfleet.v1", { headers: auth });
  let id;
  const terminal = new Set();
  let onTerminal = () => undefined;
  ws.on("message", (raw) => {
    for (const e of JSON.parse(raw.toString()).events ?? []) {
      if (!/^rollout (succeeded|failed|aborted)/.test(e.message)) continue;
      terminal.add(e.data?.rolloutId);
      onTerminal();
    }
  });
  await new Promise((res, rej) => {
    ws.once("open", res);
    ws.once("error", rej);
  });
  try {
    const batch = args["rollout-batch"];
    const res = await fetch(`${api}/api/v1/rollouts`, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ farm: "bench", batch, maxUnavailable: batch, actor: "bench" }),
    });
    const started = await res.json();
    if (!res.ok) throw new Error(`rollout start failed: ${JSON.stringify(started)}`);
    id = started.rollout.id;
    await new Promise((res) => {
      onTerminal = () => terminal.has(id) && res();
      onTerminal();
    });
  } finally {
    ws.terminate();
  }
  const detail = await (await fetch(`${api}/api/v1/rollouts/${id}`, { headers: auth })).json();
  const db = new Database(dbPath, { readonly: true });
  let engineMs = 0;
  try {
    const commands = new Map(db.prepare("SELECT id, agent_started_ms AS s, agent_finished_ms AS f FROM commands WHERE issuer = ?").all(`rollout:${id}`).map((c) => [c.id, c]));
    const byBatch = new Map();
    for (const h of detail.hosts) {
      const c = commands.get(h.commandId);
      byBatch.set(h.batch, Math.max(byBatch.get(h.batch) ?? 0, c ? c.f - c.s : 0));
    }
    // Batches run one after another: the agents' share of the duration is each batch's slowest engine.
    for (const ms of byBatch.values()) engineMs += ms;
  } finally {
    db.close();
  }
  const { createdMs, finishedMs, state } = detail.rollout;
  return { state, hosts: detail.hosts.length, createdMs, finishedMs, perHostMs: (finishedMs - createdMs - engineMs) / detail.hosts.length };
}

function printLive(without, withPrune) {
  // No sample inside the sweep (a small --commands prunes before the window opens): a dash, not a figure.
  const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "-");
  const s = withPrune.sweep;
  console.log(`\nLive: one controller process, ${HOSTS} simulated agents, status queries while a rollout runs (--batch ${args["rollout-batch"]})`);
  printColumns(["", "without prune", "during the prune"], [
    ["live status p50 (detail=0)", ms(without.status.p50), ms(withPrune.status.p50)],
    ["live status p95", ms(without.status.p95), ms(withPrune.status.p95)],
    ["live status max", ms(without.status.max), ms(withPrune.status.max)],
    ["status queries counted", `${without.status.n}`, `${withPrune.status.n} of ${withPrune.status.of} (those inside the sweep)`],
    ["rollout overhead per host", ms(without.rollout.perHostMs), `${ms(withPrune.rollout.perHostMs)}${withPrune.rolloutInSweep ? "" : " (the sweep ended before the rollout did)"}`],
    ["rollout", `${without.rollout.state}, ${without.rollout.hosts} hosts, ${((without.rollout.finishedMs - without.rollout.createdMs) / 1000).toFixed(1)} s`, `${withPrune.rollout.state}, ${withPrune.rollout.hosts} hosts, ${((withPrune.rollout.finishedMs - withPrune.rollout.createdMs) / 1000).toFixed(1)} s`],
    ["prune in the controller", "", s ? `${(s.durationMs / 1000).toFixed(1)} s, ${s.batches} transactions, longest ${ms(s.longestBatchMs)}` : "no sweep reported"],
    ["load average at the start", without.load, withPrune.load],
  ]);
}
