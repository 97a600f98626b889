// Fleet status benchmark, printed as a table (never a test: shared 2-core machines make wall-clock asserts flaky).
// For each fleet size N, in one run and under one load — a controller, `iisfleet-agent simulate --count N` beating
// every 10 s, and N raw NATS responders on the same server, all up at once — it asks, query by query in turn:
//   raw     a NATS request-many from this process with the summary query's own question (the same StatusRequest
//           bytes on the same subject, iisfleet.v1.fleet.status), answered by the same simulated agents with the
//           same reply bytes (and, signed, the same signature headers), counted until the N-th reply: what the
//           live query costs without the controller — the baseline of the summary/raw goal;
//   empty   a NATS request-many to the N raw responders (empty payloads, the same number of shared connections as
//           the simulator), until the N-th reply: the transport floor, with no agent answering anything;
//   summary GET /api/v1/status?live=1&detail=0 (the three buckets, by name), until the parsed JSON answer;
//   detail  the same with every host's services and app pools (detail=1);
//   cli     `iisfleet status --live --farm bench` (the CLI's default, details on), a fresh process each time, from
//           spawn to exit with the table printed.
// The order of the five rotates from one round to the next, so no kind always follows another. The first live
// query after the controller started (a detailed one, what an operator's first `status --live` asks) is the cold
// query and is reported on its own, against the warm detail p50; the simulated agents have answered a brief and a
// detailed question (from this process, not the controller) before it, as long-running agents would have. Agents sign what they send and the controller
// verifies it (`--agent-keys`, as deployed) unless `--signing off`; `--signing on,off` measures both.
//   npm run bench:status                                  (builds first; sizes 1000, 10000; 30 rounds)
//   npm run bench:status -- --sizes 1000,10000 --queries 30 --signing on,off --runs 1
//   npm run bench:status -- --sizes 10000 --cpu-prof /tmp/prof   (V8 CPU profiles of controller, simulator, CLI)
import { randomBytes, randomUUID, createPrivateKey, createPublicKey } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Codec } from "@nats-io/nkeys/lib/codec.js";
import { Empty, connect, createInbox } from "@nats-io/transport-node";
import { encode, subjects } from "@iisfleet/proto";
import { adminAuth, freePort, loadAverage, median, percentile, printColumns, procStat, rssMb, sleep, start, stop, stopAll, until } from "./bench-support.mjs";
import { ensureNatsServer } from "./ensure-nats-server.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "packages", "controller", "dist", "cli", "main.js");
const AGENT = join(ROOT, "packages", "agent", "dist", "cli.js");
const SELF = fileURLToPath(import.meta.url);
const RAW_SUBJECT = "bench.raw.status";
const PREFIX = "web";
const KINDS = ["raw", "empty", "summary", "detail", "cli"];
/** Linux reports process CPU time in ticks of 1/USER_HZ s, and USER_HZ is 100 on every mainstream build. */
const MS_PER_TICK = 10;
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const mean = (xs) => (xs.length ? sum(xs) / xs.length : 0);
const cpuTicks = (pid) => procStat(pid).cpuTicks;
/** Peak resident set (VmHWM) of a process, in MB. */
const hwmMb = (pid) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]) / 1024;

const USAGE = `Usage: node scripts/bench-status.mjs [--sizes 1000,10000] [--queries 30] [--signing on] [--connections 4] [--runs 1]
  --sizes LIST        fleet sizes to measure, comma-separated (each 1 to 100000)
  --queries N         rounds per size; each round asks raw, empty, summary, detail and cli once (default 30)
  --signing LIST      on (agents sign, the controller verifies: --agent-keys as deployed), off, or on,off (default on)
  --connections N     NATS connections the simulated agents (and the raw responders) share (default 4)
  --timeout-ms N      deadline of each live query (default 10000)
  --runs N            repeat the whole sweep N times and print the medians of the runs (default 1)
  --no-cli            leave out the CLI row (a process per query)
  --cpu-prof DIR      write V8 CPU profiles of each controller, simulator and CLI run into DIR (node --cpu-prof; slows them)`;

function fail(message) {
  console.error(`bench-status: ${message}\n${USAGE}`);
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        sizes: { type: "string", default: "1000,10000" },
        queries: { type: "string", default: "30" },
        signing: { type: "string", default: "on" },
        connections: { type: "string", default: "4" },
        "timeout-ms": { type: "string", default: "10000" },
        runs: { type: "string", default: "1" },
        "no-cli": { type: "boolean", default: false },
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
  const signing = v.signing.split(",").map((s) => s.trim());
  for (const s of signing) if (s !== "on" && s !== "off") fail(`--signing: "${s}" is neither on nor off.`);
  const connections = int("connections", v.connections, 1, 64);
  if (connections > Math.min(...sizes)) fail(`--connections: ${connections} is more than the smallest size.`);
  return {
    sizes,
    signing: [...new Set(signing)].map((s) => s === "on"),
    queries: int("queries", v.queries, 1, 1000),
    connections,
    timeoutMs: int("timeout-ms", v["timeout-ms"], 100, 60_000),
    runs: int("runs", v.runs, 1, 20),
    cli: !v["no-cli"],
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

/**
 * A keys dir as `iisfleet keys init --agent ...` writes it, for the simulated hosts only: each host's nkey seed in
 * nats/agents/HOST.nk and its public key in nats/users.json. Made with Node's ed25519 rather than through
 * `iisfleet keys` (nkeys.js derives each public key in JavaScript, about 10 ms a key: 100 s for 10,000).
 */
function agentKeysDir(dir, names) {
  const agents = join(dir, "nats", "agents");
  mkdirSync(agents, { recursive: true, mode: 0o700 });
  const dec = new TextDecoder();
  const users = names.map((name) => {
    const seed = randomBytes(32);
    const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]);
    const spki = createPublicKey(createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" })).export({ format: "der", type: "spki" });
    writeFileSync(join(agents, `${name}.nk`), `${dec.decode(Codec.encodeSeed(160, seed))}\n`, { mode: 0o600 });
    return { name, role: "agent", publicKey: dec.decode(Codec.encode(160, spki.subarray(spki.length - 32))) };
  });
  writeFileSync(join(dir, "nats", "users.json"), `${JSON.stringify({ version: 1, users }, null, 1)}\n`);
  return dir;
}

function hostNames(n) {
  const width = Math.max(2, String(n).length);
  return Array.from({ length: n }, (_, i) => `${PREFIX}${String(i + 1).padStart(width, "0")}`);
}

/** One size, one signing mode: every process up, then the rounds. */
async function measureSize(natsUrl, n, signing, o, dir) {
  const base = mkdtempSync(join(dir, `size-${n}-${signing ? "signed" : "unsigned"}-`));
  const keys = signing ? agentKeysDir(join(base, "keys"), hostNames(n)) : undefined;
  const apiPort = await freePort();
  const api = `http://127.0.0.1:${apiPort}`;
  const profile = (who) => (o.cpuProfDir ? ["--cpu-prof", "--cpu-prof-dir", o.cpuProfDir, "--cpu-prof-name", `${who}-${n}-${signing ? "signed" : "unsigned"}-${Date.now()}.cpuprofile`] : []);
  // A fresh database (and with it a fresh admin.token beside it) per size and run: every run starts equal.
  const dbPath = join(base, "bench.db");
  const keyArgs = keys ? ["--agent-keys", keys] : [];
  const procs = [];
  try {
    const responders = start(process.execPath, [SELF, "--raw-responders", String(n), "--connections", String(o.connections), "--nats", natsUrl]);
    procs.push(responders);
    const ctl = start(process.execPath, [...profile("controller"), CLI, "controller", "--nats", natsUrl, "--db", dbPath, "--listen", `127.0.0.1:${apiPort}`, ...keyArgs], {
      env: { NO_COLOR: "1" },
    });
    procs.push(ctl);
    await until("the controller", async () => ctl.out().includes("listening on"), 60_000, 100, ctl);
    const auth = adminAuth(dbPath);
    const sim = start(process.execPath, [
      ...profile("simulator"), AGENT, "simulate", "--count", String(n), "--farm", "bench", "--prefix", PREFIX,
      "--connections", String(o.connections), "--nats", natsUrl, "--heartbeat", "10s", ...keyArgs,
    ]);
    procs.push(sim);
    await until(`${n} raw responders`, async () => responders.out().includes("ready"), 120_000, 100, responders);
    await until(`${n} simulated agents to start`, async () => sim.out().includes("simulating"), 300_000, 100, sim);
    // Every agent beats once within its first period (10 s): then all N are registered (and, signed, believed).
    await until(
      `${n} agents to register`,
      async () => {
        const s = await (await fetch(`${api}/api/v1/status?farm=bench&detail=0`, { headers: auth })).json();
        return s.summary.hosts === n && s.summary.online === n;
      },
      90_000,
      200,
      ctl,
    );
    const nc = await connect({ servers: natsUrl, name: "bench-raw-requester" });
    const loadBefore = loadAverage();
    const idleRss = rssMb(ctl.child.pid);
    const samples = Object.fromEntries(KINDS.map((k) => [k, { wall: [], ctl: [], sim: [], other: [], answered: [], gather: [] }]));
    const live = (detail) => async () => {
      const r = await fetch(`${api}/api/v1/status?live=1&farm=bench&timeoutMs=${o.timeoutMs}&detail=${detail}`, { headers: auth });
      const answer = await r.json();
      if (!r.ok) throw new Error(`live query failed: ${JSON.stringify(answer)}`);
      return { answered: answer.summary.answered, gather: answer.durationMs };
    };
    /** A request-many of `request` on `subject`, on an inbox of its own (as the controller gathers), until n replies. */
    const requestMany = (subject, request) =>
      new Promise((resolve) => {
        let count = 0;
        const sub = nc.subscribe(createInbox(), {
          callback: () => {
            // Each reply arrives whole (payload and headers) and is only counted, as a raw requester would.
            if (++count === n) end();
          },
        });
        const timer = setTimeout(() => end(), o.timeoutMs);
        function end() {
          clearTimeout(timer);
          sub.unsubscribe();
          resolve({ answered: count });
        }
        nc.publish(subject, request, { reply: sub.getSubject() });
      });
    const ask = {
      // The question GET /api/v1/status?live=1&farm=bench&detail=0 sends (fleet/live-query.ts): brief and stable, and
      // signed, conditional (the controller holds the agents' statements; their answers are then unchanged answers).
      raw: () => requestMany(subjects.fleetStatus, encode.statusRequest({ requestId: randomUUID(), farm: "bench", brief: true, stable: true, conditional: signing })),
      empty: () => requestMany(RAW_SUBJECT, Empty),
      summary: live(0),
      detail: live(1),
      cli: async () => {
        const p = start(process.execPath, [...profile("cli"), CLI, "status", "--live", "--farm", "bench", "--timeout", `${o.timeoutMs}ms`], {
          env: { NO_COLOR: "1", IISFLEET_CONTROLLER: api, IISFLEET_TOKEN: auth.authorization.slice("Bearer ".length) },
        });
        const code = await new Promise((r) => p.child.once("exit", r));
        if (code !== 0) throw new Error(`iisfleet status --live exited ${code}: ${p.err().slice(-500)}`);
        const m = /^(\d+) answered/m.exec(p.out());
        return { answered: m ? Number(m[1]) : Number.NaN };
      },
    };
    /** One query of `kind`: wall time, CPU time of controller, simulator and raw responders while it ran. */
    const once = async (kind) => {
      const pids = [ctl.child.pid, sim.child.pid, responders.child.pid];
      const before = pids.map(cpuTicks);
      const self0 = process.cpuUsage();
      const t0 = performance.now();
      const got = await ask[kind]();
      const ms = performance.now() - t0;
      const self = process.cpuUsage(self0);
      const cpu = pids.map((pid, i) => (cpuTicks(pid) - before[i]) * MS_PER_TICK);
      return { ms, cpu, selfMs: (self.user + self.system) / 1000, ...got };
    };
    // The agents answer each kind of question once, straight from this process, before the controller asks any: ten
    // thousand real agents are each long warm when a controller starts, while one simulator process that never
    // answered would add its own first-time cost (half its CPU in that query) to the controller's cold query.
    for (const brief of [true, false]) await requestMany(subjects.fleetStatus, encode.statusRequest({ requestId: randomUUID(), farm: "bench", brief, stable: true, conditional: signing }));
    await sleep(200);
    // The cold query: the first live question this controller is asked, a detailed one.
    const cold = await once("detail");
    if (cold.answered !== n) process.stderr.write(`(cold query: ${cold.answered} of ${n} answered) `);
    await sleep(200);
    for (let round = 0; round < o.queries; round++) {
      for (let i = 0; i < KINDS.length; i++) {
        const kind = KINDS[(round + i) % KINDS.length];
        if (kind === "cli" && !o.cli) continue;
        const r = await once(kind);
        const s = samples[kind];
        s.wall.push(r.ms);
        s.ctl.push(r.cpu[0]);
        s.sim.push(r.cpu[1]);
        s.other.push(kind === "empty" ? r.cpu[2] + r.selfMs : kind === "raw" ? r.selfMs : 0);
        s.answered.push(r.answered);
        if (r.gather !== undefined) s.gather.push(r.gather);
        await sleep(100);
      }
      if ((round + 1) % 10 === 0 && round + 1 < o.queries) process.stderr.write(`${round + 1}/${o.queries} rounds... `);
    }
    await nc.close();
    // How the controller came by its answers: unchanged answers used or asked again (conditional questions, signed),
    // and how answers were believed.
    const metrics = await (await fetch(`${api}/metrics`, { headers: auth })).text();
    const counts = (name) => [...metrics.matchAll(new RegExp(`^${name}\\{\\w+="(\\w+)"\\} (\\d+)`, "gm"))].map((m) => `${m[1]} ${m[2]}`).join(", ") || "none";
    process.stderr.write(`(controller: unchanged answers ${counts("iisfleet_status_unchanged_answers_total")}; answers believed ${counts("iisfleet_status_answers_believed_total")}) `);
    return {
      n,
      signing,
      loadBefore,
      loadAfter: loadAverage(),
      samples,
      cold,
      idleRss,
      ctlHwm: hwmMb(ctl.child.pid),
      simHwm: hwmMb(sim.child.pid),
    };
  } catch (err) {
    // Say why: a process that died says so on its stderr.
    const tails = procs
      .filter((p) => p.child.exitCode !== null || p.child.signalCode !== null)
      .map((p) => `\n${p.child.spawnargs.slice(1, 4).join(" ")} exited (${p.child.exitCode ?? p.child.signalCode}): ${p.err().slice(-1500)}`);
    throw new Error(`${err instanceof Error ? err.message : String(err)}${tails.join("")}`);
  } finally {
    for (const p of procs.reverse()) await stop(p);
    rmSync(base, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------

const ms0 = (x) => (Number.isFinite(x) ? `${x.toFixed(0)}` : "-");
const ms1 = (x) => (Number.isFinite(x) ? `${x.toFixed(1)}` : "-");
const times = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : "-");
const mb = (x) => `${x.toFixed(0)}`;
const p = (xs, q) => (xs.length ? percentile(xs, q) : Number.NaN);

/** The figures of one size and signing mode. */
function figures(r) {
  const s = r.samples;
  const stats = (xs) => ({ p50: p(xs, 50), p95: p(xs, 95), max: xs.length ? Math.max(...xs) : Number.NaN, iqr: p(xs, 75) - p(xs, 25) });
  const f = { n: r.n, signing: r.signing, loadBefore: r.loadBefore, loadAfter: r.loadAfter };
  for (const k of KINDS) f[k] = { ...stats(s[k].wall), ctlCpu: mean(s[k].ctl), simCpu: mean(s[k].sim), other: mean(s[k].other), samples: s[k].wall.length, lost: r.n - Math.min(...s[k].answered) };
  f.summaryGatherP95 = p(s.summary.gather, 95);
  f.ratioP50 = f.summary.p50 / f.raw.p50;
  f.ratioP95 = f.summary.p95 / f.raw.p95;
  f.detailRatioP50 = f.detail.p50 / f.raw.p50;
  f.emptyRatioP50 = f.summary.p50 / f.empty.p50;
  f.emptyRatioP95 = f.summary.p95 / f.empty.p95;
  f.cold = r.cold.ms;
  f.coldCtlCpu = r.cold.cpu[0];
  f.coldSimCpu = r.cold.cpu[1];
  f.coldOverWarm = r.cold.ms / f.detail.p50;
  f.idleRss = r.idleRss;
  f.ctlHwm = r.ctlHwm;
  f.simHwm = r.simHwm;
  return f;
}

function printRun(rows, o) {
  const label = (f) => `${f.n.toLocaleString("en-US")} ${f.signing ? "signed" : "unsigned"}`;
  console.log("\nwall time per query, ms (p50 / p95 / max, and the spread: p75 - p25)");
  printColumns(
    ["agents", "kind", "samples", "p50", "p95", "max", "spread", "lost", "CPU/q ctl", "sim", "raw side", "load avg (1/5/15 min) before; after"],
    rows.flatMap((f) =>
      KINDS.filter((k) => f[k].samples > 0).map((k) => [
        label(f), k, `${f[k].samples}`, ms0(f[k].p50), ms0(f[k].p95), ms0(f[k].max), ms0(f[k].iqr), `${f[k].lost}`,
        k === "empty" ? "-" : ms0(f[k].ctlCpu), k === "empty" ? "-" : ms0(f[k].simCpu), k === "empty" || k === "raw" ? ms0(f[k].other) : "-",
        `${f.loadBefore}; ${f.loadAfter}`,
      ]),
    ),
  );
  console.log("\nagainst the goals (summary/raw <= 1.5x at p50 and p95; cli p95 <= 1000 ms; cold <= 1.5x warm detail p50)");
  printColumns(
    ["agents", "summary/raw p50", "p95", "summary/empty p50", "p95", "detail/raw p50", "cli p95", "cold ms", "cold/warm", "cold CPU ctl", "sim", "gather p95", "ctl RSS idle", "VmHWM ctl", "sim", "load avg"],
    rows.map((f) => [
      label(f), times(f.ratioP50), times(f.ratioP95), times(f.emptyRatioP50), times(f.emptyRatioP95), times(f.detailRatioP50), ms0(f.cli.p95), ms0(f.cold), times(f.coldOverWarm), ms0(f.coldCtlCpu), ms0(f.coldSimCpu),
      ms0(f.summaryGatherP95), mb(f.idleRss), mb(f.ctlHwm), mb(f.simHwm), f.loadBefore,
    ]),
  );
}

function printResults(runs, o, loadAtStart) {
  console.log(
    `\nfleet status: ${o.queries} rounds per size of raw, empty, summary, detail${o.cli ? ", cli" : ""} (rotating order), after one cold detailed query; ` +
      `${o.connections} shared NATS connections; ${cpus().length} CPU cores (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(0)} GB; ` +
      `load average ${loadAtStart} at the start, ${loadAverage()} at the end`,
  );
  runs.forEach((rows, i) => {
    if (runs.length > 1) console.log(`\nrun ${i + 1} of ${runs.length}`);
    printRun(rows, o);
  });
  if (runs.length > 1) {
    console.log(`\nmedian of ${runs.length} runs, and their spread (min..max)`);
    const keyed = runs[0].map((_, i) => runs.map((rows) => rows[i]));
    const span = (xs, f) => `${f(median(xs))} (${f(Math.min(...xs))}..${f(Math.max(...xs))})`;
    printColumns(
      ["agents", "raw p95", "summary p95", "summary/raw p50", "p95", "summary/empty p95", "detail p95", "cli p95", "cold/warm"],
      keyed.map((fs) => [
        `${fs[0].n.toLocaleString("en-US")} ${fs[0].signing ? "signed" : "unsigned"}`,
        span(fs.map((f) => f.raw.p95), ms1),
        span(fs.map((f) => f.summary.p95), ms0),
        span(fs.map((f) => f.ratioP50), times),
        span(fs.map((f) => f.ratioP95), times),
        span(fs.map((f) => f.emptyRatioP95), times),
        span(fs.map((f) => f.detail.p95), ms0),
        span(fs.map((f) => f.cli.p95), ms0),
        span(fs.map((f) => f.coldOverWarm), times),
      ]),
    );
  }
  console.log(
    "\nraw = NATS request-many from this process with the summary's own question (same subject, same StatusRequest bytes),"+
      "\nanswered by the same simulated agents with the same reply bytes and headers, counted to the N-th reply; empty = a"+
      "\nrequest-many to N empty responders (the transport floor); summary = GET /api/v1/status?live=1&detail=0 until the" +
      "\nparsed JSON; detail = the same with every host's services and app pools; cli = `iisfleet status --live` (details on), a" +
      "\nnew process from spawn to exit. All run interleaved under the same load: the simulator's heartbeats (10 s) and the raw" +
      "\nresponders are up throughout. signed = agents sign every message and the controller verifies each (--agent-keys)." +
      "\ncold = the controller's first live query (a detailed one), against the warm detail p50. CPU/q = mean CPU ms per query" +
      "\n(10 ms ticks; heartbeats included) of the controller and the simulator; raw side = this requester (and, empty, the responders)." +
      "\nVmHWM = peak resident set over the whole size. lost = most hosts missing from any one answer.",
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
      for (const n of o.sizes) {
        for (const signing of o.signing) {
          const label = o.runs > 1 ? `run ${run}/${o.runs}, ` : "";
          process.stderr.write(`bench-status: ${label}${n} agents, ${signing ? "signed" : "unsigned"}... `);
          rows.push(figures(await measureSize(natsUrl, n, signing, o, dir)));
          process.stderr.write(`done (load average ${loadAverage()})\n`);
        }
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
