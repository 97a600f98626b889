// Rollout orchestration benchmark, printed as tables (not a test: wall-clock asserts flake on shared machines).
// A real nats-server, a real controller and `iisfleet-agent simulate --count N` with zero-time services, then
// rollouts over the whole farm. Resets take (almost) no time on the hosts, so what remains is iisfleet's own cost:
// deciding, committing each transition to SQLite (synchronous=FULL), publishing, recording.
//
//   npm run bench:rollout -- --sizes 1000,5000,10000 --history 250000 --repeats 3
//   node scripts/bench-rollout.mjs --sizes 200 --batch 10%,5%
//   node scripts/bench-rollout.mjs --sizes 1000 --repeats 1 --cpu-prof /tmp/prof   (a V8 profile of the controller)
//   node scripts/bench-rollout.mjs --root /path/to/other/checkout ...               (that checkout's build, e.g. before a change)
//   node scripts/bench-rollout.mjs --sizes 5000 --history 250000 --history-only --save runs.jsonl   (one part of a set)
//   node scripts/bench-rollout.mjs --report runs.jsonl                                (tables and fit over every part saved)
//
// For every size, and for an empty database and one pre-filled with --history commands (real rows, written in one
// transaction before the controller starts), one controller and one simulator run --repeats rollouts back to back.
// The end of each rollout is read from the controller's event stream (one WebSocket, no polling), then its detail is
// fetched once. Printed beside each figure: median and spread (min-max) over the repeats, the controller's CPU time
// (/proc utime+stime over the rollout), its VmHWM (peak RSS since it started, registration included) and the load
// average when the rollout started; beside them, what the controller spends per second with no rollout (heartbeats,
// the fleet summary the event stream sends each second), measured over 5 s before the first rollout. Last, a least-squares
// fit overhead = a*batches + b*hosts over every rollout, per history setting: a is the cost of a batch, b of a host,
// and b is the same at every size when the cost is linear.
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { WebSocket } from "ws";
import { ensureNatsServer } from "./ensure-nats-server.mjs";
import { adminAuth, freePort, loadAverage, median, printColumns, procStat, sleep, start, stop, stopAll, until } from "./bench-support.mjs";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000" },
    count: { type: "string" },
    batch: { type: "string", default: "10%" },
    history: { type: "string", default: "0" },
    repeats: { type: "string", default: "3" },
    connections: { type: "string", default: "4" },
    // Another checkout's build (same layout), to measure the code before a change on the same machine and load.
    root: { type: "string" },
    // Writes a V8 CPU profile of each controller into this directory (open it in Chrome DevTools).
    "cpu-prof": { type: "string" },
    // Only the pre-filled database (not also an empty one).
    "history-only": { type: "boolean", default: false },
    // Appends every session's runs to this JSON-lines file; --report prints the tables and the fit from such a file
    // without running anything. A whole set of sizes is long on a shared machine: run it in parts, fit it once.
    save: { type: "string" },
    report: { type: "string" },
  },
});
const ROOT = resolve(args.root ?? join(dirname(fileURLToPath(import.meta.url)), ".."));
const CLI = join(ROOT, "packages", "controller", "dist", "cli", "main.js");
const AGENT = join(ROOT, "packages", "agent", "dist", "cli.js");
const SIZES = (args.count ?? args.sizes).split(",").map(Number);
const BATCHES = args.batch.split(",");
const HISTORY = Number(args.history);
const REPEATS = Number(args.repeats);
if (SIZES.some((n) => !Number.isInteger(n) || n < 1 || n > 20_000)) fail("--sizes: each size must be 1 to 20000");
if (!Number.isInteger(HISTORY) || HISTORY < 0) fail("--history must be a number of commands (0 or more)");
if (!Number.isInteger(REPEATS) || REPEATS < 1) fail("--repeats must be 1 or more");
const CLK_TCK = 100; // USER_HZ on Linux: /proc/<pid>/stat counts CPU time in hundredths of a second

function fail(message) {
  console.error(`bench-rollout: ${message}`);
  process.exit(2);
}

const hostName = (i, last) => `web${String(i).padStart(Math.max(2, String(last).length), "0")}`;

/**
 * `commands` finished resets spread over the past year across the farm's hosts (the names the simulator will use),
 * written through the controller's own schema (its migrations, triggers included) in one transaction.
 */
async function prefillHistory(dbPath, hosts, commands) {
  const { openDatabase } = await import(pathToFileURL(join(ROOT, "packages", "controller", "dist", "store", "db.js")).href);
  const db = openDatabase(dbPath);
  const now = Date.now();
  const addHost = db.prepare("INSERT INTO hosts (name, farm, first_seen_ms, last_seen_ms) VALUES (?, 'bench', ?, ?)");
  const addCommand = db.prepare(
    `INSERT INTO commands (id, host, kind, issuer, operation, level, force, timeout_ms, state, created_ms, sent_ms, expires_ms,
       finished_ms, agent_started_ms, agent_finished_ms, code, message)
     VALUES (?, ?, 'reset', 'history', 'restart', 'iis', 0, 0, 'succeeded', ?, ?, ?, ?, ?, ?, 'OK', 'Internet services successfully restarted.')`,
  );
  const year = 365 * 24 * 3_600_000;
  const t0 = performance.now();
  db.transaction(() => {
    for (let i = 1; i <= hosts; i++) addHost.run(hostName(i, hosts), now - year, now - 86_400_000);
    for (let i = 0; i < commands; i++) {
      const created = now - year + Math.floor((i / commands) * (year - 86_400_000));
      addCommand.run(`h-${i.toString(16).padStart(8, "0")}`, hostName((i % hosts) + 1, hosts), created, created, created + 30_000, created + 9_000, created + 1_000, created + 8_000);
    }
  })();
  db.close();
  return performance.now() - t0;
}

/** The controller's event stream, kept open for a whole session: resolves when a rollout ends. */
async function openEvents(api, auth) {
  const ended = new Map();
  const waiters = new Map();
  const ws = new WebSocket(`${api.replace(/^http/, "ws")}/api/v1/events?kinds=rollout.state`, "iisfleet.v1", { headers: auth });
  await new Promise((res, rej) => {
    ws.once("error", rej);
    ws.on("message", (raw) => {
      const msg = JSON.parse(raw.toString());
      if (msg.type === "hello") res();
      for (const e of msg.events ?? []) {
        const m = /^rollout (succeeded|failed|aborted)/.exec(e.message);
        const id = e.data?.rolloutId;
        if (!m || !id) continue;
        ended.set(id, m[1]);
        waiters.get(id)?.(m[1]);
      }
    });
  });
  return {
    end: (id, ms) =>
      ended.has(id)
        ? Promise.resolve(ended.get(id))
        : new Promise((res, rej) => {
            const timer = setTimeout(() => rej(new Error(`rollout ${id} did not end within ${ms / 1000} s`)), ms);
            waiters.set(id, (state) => {
              clearTimeout(timer);
              res(state);
            });
          }),
    close: () => ws.terminate(),
  };
}

function procStatus(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return { hwmMb: Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024 };
}

/** One rollout over the farm: its overhead (duration minus the agents' engine time), per batch and per host. */
async function runRollout({ api, auth, ctl, events, db, batch, size }) {
  const load = loadAverage();
  const lastEvent = () => db.prepare("SELECT coalesce(max(id), 0) AS id FROM events").get().id;
  const event0 = lastEvent();
  const cpu0 = procStat(ctl.child.pid).cpuTicks;
  const t0 = performance.now();
  const res = await fetch(`${api}/api/v1/rollouts`, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth },
    body: JSON.stringify({ farm: "bench", batch, maxUnavailable: batch, actor: "bench" }),
  });
  const started = await res.json();
  if (!res.ok) throw new Error(JSON.stringify(started));
  const id = started.rollout.id;
  await events.end(id, Math.max(120_000, size * 30));
  const cpuMs = ((procStat(ctl.child.pid).cpuTicks - cpu0) * 1000) / CLK_TCK;
  const wallMs = performance.now() - t0;
  const detail = await (await fetch(`${api}/api/v1/rollouts/${id}`, { headers: auth })).json();
  const { hwmMb } = procStatus(ctl.child.pid);
  // Written by now, or within the advisory events' 20 ms flush.
  await sleep(100);
  const eventRows = lastEvent() - event0;
  // Rows written for them: since schema 19 an agent's progress is one event_batches row per commit, not a row each.
  const batched = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'event_batches'").get().n > 0;
  const rowsWritten =
    db.prepare("SELECT count(*) AS n FROM events WHERE id > ?").get(event0).n +
    (batched ? db.prepare("SELECT count(*) AS n FROM event_batches WHERE first_id > ?").get(event0).n : 0);

  const commands = new Map(
    db.prepare("SELECT id, agent_started_ms, agent_finished_ms FROM commands WHERE issuer = ?").all(`rollout:${id}`).map((c) => [c.id, c]),
  );
  const batches = new Map();
  for (const h of detail.hosts) batches.set(h.batch, [...(batches.get(h.batch) ?? []), h]);
  let engineMs = 0;
  const gaps = [];
  let prevEnd;
  for (const [, hs] of [...batches.entries()].sort((a, b) => a[0] - b[0])) {
    engineMs += Math.max(
      ...hs.map((h) => {
        const c = commands.get(h.commandId);
        return c ? c.agent_finished_ms - c.agent_started_ms : 0;
      }),
    );
    const startMin = Math.min(...hs.map((h) => h.startedMs));
    if (prevEnd !== undefined) gaps.push(startMin - prevEnd);
    prevEnd = Math.max(...hs.map((h) => h.finishedMs));
  }
  const overheadMs = detail.rollout.finishedMs - detail.rollout.createdMs - engineMs;
  return {
    state: detail.rollout.state,
    healthy: detail.summary.healthy,
    batches: batches.size,
    hosts: detail.hosts.length,
    overheadMs,
    gapMs: gaps.length ? median(gaps) : 0,
    cpuMs,
    wallMs,
    events: eventRows,
    eventRowsWritten: rowsWritten,
    hwmMb,
    load,
  };
}

async function session(nats, size, history) {
  const dir = mkdtempSync(join(tmpdir(), "iisfleet-bench-rollout-"));
  const procs = [];
  try {
    const dbPath = join(dir, "bench.db");
    const fillMs = history > 0 ? await prefillHistory(dbPath, size, history) : 0;
    const natsPort = await freePort();
    const apiPort = await freePort();
    const natsUrl = `nats://127.0.0.1:${natsPort}`;
    const api = `http://127.0.0.1:${apiPort}`;
    procs.push(start(nats, ["-a", "127.0.0.1", "-p", String(natsPort)]));
    await sleep(300);
    const prof = args["cpu-prof"] ? ["--cpu-prof", "--cpu-prof-dir", resolve(args["cpu-prof"])] : [];
    const ctl = start(process.execPath, [...prof, CLI, "controller", "--nats", natsUrl, "--db", dbPath, "--listen", `127.0.0.1:${apiPort}`]);
    procs.push(ctl);
    await until("controller", async () => ctl.out().includes("listening on"), 30_000, 100, ctl);
    const auth = adminAuth(dbPath);
    const sim = start(process.execPath, [
      AGENT, "simulate", "--count", String(size), "--farm", "bench", "--nats", natsUrl, "--connections", args.connections,
      "--heartbeat", "5s", "--sim-stop-ms", "0", "--sim-start-ms", "0", "--poll-ms", "1",
    ]);
    procs.push(sim);
    await until("the simulator", async () => sim.out().includes("simulating"), 180_000, 200, sim);
    // Setup, not the measured part: a 1 s poll of the host list until every agent is registered and online.
    await until(`${size} hosts online`, async () => {
      const { hosts } = await (await fetch(`${api}/api/v1/hosts`, { headers: auth })).json();
      return hosts.filter((h) => h.liveness === "online").length === size;
    }, 180_000, 1_000, ctl);
    const events = await openEvents(api, auth);
    const db = new Database(dbPath, { readonly: true });
    // What the controller spends with no rollout at all (heartbeats, the event stream's fleet summary each second),
    // printed beside the rollout's CPU time: it grows with hosts x duration. Only a hint: right after registration
    // it is sometimes still settling, so it is not subtracted.
    const idle0 = procStat(ctl.child.pid).cpuTicks;
    const idleStart = performance.now();
    await sleep(5_000);
    const idleCpuPerS = (((procStat(ctl.child.pid).cpuTicks - idle0) * 1000) / CLK_TCK) / ((performance.now() - idleStart) / 1000);
    const runs = [];
    try {
      for (const batch of BATCHES) {
        for (let r = 0; r < REPEATS; r++) {
          const run = await runRollout({ api, auth, ctl, events, db, batch, size });
          runs.push({ ...run, batch, idleCpuPerS });
          console.error(
            `  ${size} hosts, history ${history}, --batch ${batch}, run ${r + 1}/${REPEATS}: overhead ${(run.overheadMs / 1000).toFixed(2)} s, ` +
              `CPU ${(run.cpuMs / 1000).toFixed(2)} s, ${run.state}, load ${run.load}`,
          );
        }
      }
    } finally {
      db.close();
      events.close();
    }
    return { size, history, fillMs, runs };
  } finally {
    for (const p of procs.reverse()) await stop(p);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Least squares without intercept: overhead = a*batches + b*hosts. */
function fit(runs) {
  let sbb = 0, sbh = 0, shh = 0, sby = 0, shy = 0;
  for (const r of runs) {
    sbb += r.batches * r.batches;
    sbh += r.batches * r.hosts;
    shh += r.hosts * r.hosts;
    sby += r.batches * r.overheadMs;
    shy += r.hosts * r.overheadMs;
  }
  const det = sbb * shh - sbh * sbh;
  if (runs.length < 2 || Math.abs(det) < 1e-9) return undefined;
  return { a: (sby * shh - sbh * shy) / det, b: (sbb * shy - sbh * sby) / det };
}

const spread = (xs, f) => `${f(median(xs))} (${f(Math.min(...xs))}-${f(Math.max(...xs))})`;

async function main() {
  if (args.report) {
    report(readFileSync(args.report, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)), false);
    return;
  }
  const nats = await ensureNatsServer({ install: false });
  const histories = HISTORY > 0 ? (args["history-only"] ? [HISTORY] : [0, HISTORY]) : [0];
  const sessions = [];
  for (const history of histories) {
    for (const size of SIZES) {
      const s = await session(nats, size, history);
      sessions.push(s);
      if (args.save) appendFileSync(args.save, `${JSON.stringify({ ...s, root: ROOT, repeats: REPEATS, connections: args.connections })}\n`);
    }
  }
  report(sessions.map((s) => ({ ...s, root: ROOT, repeats: REPEATS, connections: args.connections })), true);
}

/** The tables and the fit; `live`: just measured, so the machine's load now means something. */
function report(sessions, live) {
  const histories = [...new Set(sessions.map((s) => s.history))].sort((a, b) => a - b);
  const sizes = [...new Set(sessions.map((s) => s.size))].sort((a, b) => a - b);
  const roots = [...new Set(sessions.map((s) => s.root))];

  console.log(`\nRollout orchestration overhead (rollout duration minus the agents' engine time), median (min-max) over the runs.`);
  console.log(`Controller ${roots.join(", ")}; one simulator process, ${sessions[0]?.connections} NATS connections, zero-time services; --max-unavailable = --batch.\n`);
  const rows = [];
  for (const s of sessions) {
    for (const batch of [...new Set(s.runs.map((r) => r.batch))]) {
      const runs = s.runs.filter((r) => r.batch === batch);
      const ms = (x) => x.toFixed(0);
      rows.push([
        String(s.size),
        s.history ? String(s.history) : "0",
        `${batch} (${runs[0].batches})`,
        `${runs.length} ${runs.every((r) => r.state === "succeeded" && r.healthy === r.hosts) ? "ok" : runs.map((r) => r.state).join("/")}`,
        spread(runs.map((r) => r.overheadMs), ms),
        spread(runs.map((r) => r.overheadMs / r.hosts), (x) => x.toFixed(2)),
        spread(runs.map((r) => r.gapMs), ms),
        spread(runs.map((r) => r.cpuMs), ms),
        spread(runs.map((r) => r.cpuMs / r.hosts), (x) => x.toFixed(2)),
        runs[0].idleCpuPerS === undefined ? "-" : runs[0].idleCpuPerS.toFixed(0),
        (median(runs.map((r) => r.events)) / s.size).toFixed(1),
        runs[0].eventRowsWritten === undefined ? "-" : (median(runs.map((r) => r.eventRowsWritten)) / s.size).toFixed(1),
        `${Math.max(...runs.map((r) => r.hwmMb)).toFixed(0)}`,
        runs.map((r) => r.load.split(" ")[0]).join(" "),
      ]);
    }
  }
  printColumns(
    ["hosts", "history", "batch (n)", "runs", "overhead ms", "ms/host", "gap/batch ms", "ctl CPU ms", "CPU ms/host", "idle CPU ms/s", "events/host", "rows/host", "VmHWM MB", "load (1 min) per run"],
    rows,
  );
  console.log("");
  for (const history of histories) {
    const runs = sessions.filter((s) => s.history === history).flatMap((s) => s.runs);
    const f = fit(runs);
    const label = history ? `with ${history} commands of history` : "empty database";
    if (!f) {
      console.log(`fit, ${label}: needs two sizes or batch settings`);
      continue;
    }
    const perSize = sizes.filter((n) => runs.some((r) => r.hosts === n)).map((n) => {
      const rs = runs.filter((r) => r.hosts === n);
      return `${n}: ${median(rs.map((r) => (r.overheadMs - f.a * r.batches) / r.hosts)).toFixed(2)}`;
    }).join(", ");
    console.log(`fit, ${label}: overhead = ${f.a.toFixed(1)} ms/batch + ${f.b.toFixed(3)} ms/host   (per host once the batches are taken out, by size: ${perSize})`);
  }
  const fills = sessions.filter((s) => s.fillMs > 0);
  if (fills.length) console.log(`history pre-fill: ${fills.map((s) => `${(s.fillMs / 1000).toFixed(1)} s`).join(", ")} (one transaction each)`);
  if (live) console.log(`machine: ${cpus().length} cores, load average now ${loadAverage()}`);
}

try {
  await main();
} finally {
  stopAll();
}
