// History retention as a benchmark: a real controller database (SQLite file, synchronous=FULL) holding about a
// million rows of history, pruned by the controller's own sweeper (controller --retain) while a hot-path writer — one
// committed transaction every few milliseconds, as results and rollout transitions are — keeps writing in the same
// process. Prints how long the prune takes, the longest write lock it held, and the writer's latency and the event
// loop's delay before and during the prune.
//   npm run bench:retention                   (builds first)
//   node scripts/bench-retention.mjs --commands 250000 --old 0.9 --batch 500
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadAverage, percentile, printTable, sleep } from "./bench-support.mjs";

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
  },
});
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
} finally {
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
