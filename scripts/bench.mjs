// Benchmarks, printed as a table (not timed tests: these shared 2-core machines make wall-clock asserts flaky).
//   1. CLI start-up: `node -e 0`, `iisfleet --version` and `iisfleet hosts` against a running controller, run in
//      interleaved rounds (so a change of load hits all three alike): wall time median and spread, CPU per run.
//   2. Agent idle footprint: one agent process on a simulated host, heartbeating at its default 10 s, sampled every
//      second for --idle seconds: VmHWM (the high-water mark, start-up included), steady RSS (median of the second
//      half's samples, with their range), CPU time.
//   3. Reset round trip: API -> controller -> NATS -> agent -> SQLite -> API, with zero-time simulated services,
//      so what is measured is iisfleet's own overhead per reset.
//   4. The Windows adapter's PowerShell spawns and script calls per reset and per idle minute, per call vs one
//      session (bench-powershell.mjs: counted with a fake powershell.exe, no Windows needed).
// Every figure carries the load average read when it was taken: on a shared machine it says what the figure is worth.
//   npm run bench                                (builds first; --idle 60, --repeats 20, --resets 40)
//   npm run bench -- --idle 300                  (the 5-minute agent figure)
//   node scripts/bench.mjs --idle 30 --repeats 10 --resets 20     (after npm run build)
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ensureNatsServer } from "./ensure-nats-server.mjs";
import { powershellRows } from "./bench-powershell.mjs";
import { adminAuth, freePort, loadAverage, median, percentile, printTable, procStat, sleep, start, stopAll, until } from "./bench-support.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "packages", "controller", "dist", "cli", "main.js");
const AGENT = join(ROOT, "packages", "agent", "dist", "cli.js");
const MS_PER_TICK = 10; // Linux USER_HZ = 100

const { values: flags } = parseArgs({
  options: {
    idle: { type: "string", default: process.env.BENCH_IDLE_SECONDS ?? "60" },
    repeats: { type: "string", default: "20" },
    resets: { type: "string", default: process.env.BENCH_RESETS ?? "40" },
  },
});
const IDLE_SECONDS = Number(flags.idle);
const REPEATS = Number(flags.repeats);
const RESETS = Number(flags.resets);
for (const [name, v] of [["--idle", IDLE_SECONDS], ["--repeats", REPEATS], ["--resets", RESETS]]) {
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a whole number of at least 1.`);
}

/** VmRSS and VmHWM of a process, MB (Linux /proc). */
function memoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
}

/** CPU time of this process's finished children so far (cutime + cstime), ms; 10 ms ticks. */
function childrenCpuMs() {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[13]) + Number(f[14])) * MS_PER_TICK;
}

const ms = (x) => `${x.toFixed(0)} ms`;
const mb = (x) => `${x.toFixed(1)} MB`;
const load = () => `load ${loadAverage()}`;

/**
 * Runs each command REPEATS times, interleaved round by round. Per command: wall median, p10-p90 and min; CPU per run
 * (the mean of the children's CPU ticks, so 10 ms ticks average out); the load average before and after.
 */
function startupFigures(commands) {
  const wall = commands.map(() => []);
  const cpu = commands.map(() => 0);
  const loadBefore = loadAverage();
  for (let round = 0; round < REPEATS + 1; round++) {
    commands.forEach(({ args, env }, i) => {
      const c0 = childrenCpuMs();
      const t0 = performance.now();
      const r = spawnSync(process.execPath, args, { env: { ...process.env, NO_COLOR: "1", ...env }, encoding: "utf8", timeout: 60_000 });
      const took = performance.now() - t0;
      if (r.status !== 0) throw new Error(`${commands[i].label} exited ${r.status}: ${r.stderr}`);
      // Round 0 warms the file cache; it is not counted.
      if (round === 0) return;
      wall[i].push(took);
      cpu[i] += childrenCpuMs() - c0;
    });
  }
  return commands.map((c, i) => ({
    label: c.label,
    median: median(wall[i]),
    p10: percentile(wall[i], 10),
    p90: percentile(wall[i], 90),
    min: Math.min(...wall[i]),
    cpu: cpu[i] / REPEATS,
    load: `load ${loadBefore} -> ${loadAverage()}`,
  }));
}

/** Samples the agent every second for IDLE_SECONDS: RSS over time, VmHWM at the end, CPU over the whole idle time. */
async function idleAgentFigures(pid) {
  const samples = [];
  const cpu0 = procStat(pid).cpuTicks;
  const t0 = Date.now();
  for (let s = 0; s < IDLE_SECONDS; s++) {
    await sleep(1000);
    samples.push(memoryMb(pid).rss);
  }
  const cpuMs = (procStat(pid).cpuTicks - cpu0) * MS_PER_TICK;
  const steady = samples.slice(Math.floor(samples.length / 2));
  return {
    hwm: memoryMb(pid).hwm,
    steady: median(steady),
    steadyMin: Math.min(...steady),
    steadyMax: Math.max(...steady),
    first: samples[0],
    cpuMs,
    cpuPct: (cpuMs / (Date.now() - t0)) * 100,
    load: load(),
  };
}

async function main() {
  const nats = await ensureNatsServer({ install: false });
  const dir = mkdtempSync(join(tmpdir(), "iisfleet-bench-"));
  const natsPort = await freePort();
  const apiPort = await freePort();
  const natsUrl = `nats://127.0.0.1:${natsPort}`;
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; load at the start ${loadAverage()}`;
  start(nats, ["-a", "127.0.0.1", "-p", String(natsPort)]);
  const ctl = start(process.execPath, [CLI, "controller", "--nats", natsUrl, "--db", join(dir, "bench.db"), "--listen", `127.0.0.1:${apiPort}`]);
  await until("controller", async () => ctl.out().includes("listening on"), 60_000, 50, ctl);
  const auth = adminAuth(join(dir, "bench.db"));
  const api = `http://127.0.0.1:${apiPort}`;
  const rows = [];

  // 1. CLI start-up, with one registered host so `hosts` prints a real table.
  const hostsAgent = start(process.execPath, [AGENT, "--host", "cli01", "--simulate", "--nats", natsUrl, "--state-dir", join(dir, "cli01")]);
  await until("agent cli01", async () => (await (await fetch(`${api}/api/v1/hosts`, { headers: auth })).json()).hosts.length === 1, 60_000, 100, hostsAgent);
  const token = { IISFLEET_TOKEN: auth.authorization.replace(/^Bearer /, "") };
  const startup = startupFigures([
    { label: "node -e 0", args: ["-e", "0"] },
    { label: "iisfleet --version", args: [CLI, "--version"] },
    { label: "iisfleet hosts", args: [CLI, "--controller", api, "hosts"], env: token },
  ]);
  const [bare] = startup;
  for (const s of startup) {
    rows.push([`${s.label} wall`, ms(s.median), `median of ${REPEATS}, p10-p90 ${ms(s.p10)}-${ms(s.p90)}, min ${ms(s.min)}; ${s.load}`]);
    rows.push([`${s.label} CPU`, ms(s.cpu), `per run (user+sys, mean of ${REPEATS})${s === bare ? "" : `; ${(s.cpu / bare.cpu).toFixed(2)}x node -e 0 (wall ${(s.median / bare.median).toFixed(2)}x)`}`]);
  }
  hostsAgent.child.kill("SIGTERM");

  // 2. Idle agent, on its own.
  const idle = start(process.execPath, [AGENT, "--host", "idle01", "--simulate", "--nats", natsUrl, "--state-dir", join(dir, "idle01")]);
  await until("idle agent", async () => (await (await fetch(`${api}/api/v1/hosts/idle01`, { headers: auth })).json()).host?.liveness === "online", 60_000, 100, idle);
  const a = await idleAgentFigures(idle.child.pid);
  rows.push(["agent VmHWM", mb(a.hwm), `high-water mark over start-up and ${IDLE_SECONDS} s idle (1 agent, simulated host); ${a.load}`]);
  rows.push(["agent steady RSS", mb(a.steady), `median of 1 s samples over the last ${Math.ceil(IDLE_SECONDS / 2)} s (range ${a.steadyMin.toFixed(1)}-${a.steadyMax.toFixed(1)}; ${a.first.toFixed(1)} at 1 s); ${a.load}`]);
  rows.push(["agent idle CPU", `${(a.cpuMs / IDLE_SECONDS).toFixed(1)} ms/s`, `${a.cpuPct.toFixed(2)} % of one core, heartbeat and probes every 10 s; ${a.load}`]);
  idle.child.kill("SIGTERM");

  // 3. Reset round trips with zero-time services.
  start(process.execPath, [AGENT, "--host", "fast01", "--simulate", "--nats", natsUrl, "--state-dir", join(dir, "fast01"), "--sim-stop-ms", "0", "--sim-start-ms", "0", "--poll-ms", "1", "--heartbeat", "1s"]);
  await until("fast agent", async () => (await (await fetch(`${api}/api/v1/hosts/fast01`, { headers: auth })).json()).host?.liveness === "online", 60_000);
  const wall = [];
  const overhead = [];
  for (let i = 0; i < RESETS; i++) {
    const s = performance.now();
    const res = await fetch(`${api}/api/v1/hosts/fast01/reset`, { method: "POST", headers: { "content-type": "application/json", ...auth }, body: "{}" });
    const { command } = await res.json();
    const w = performance.now() - s;
    if (command.state !== "succeeded") throw new Error(`reset ${i} ${command.state}: ${command.message}`);
    wall.push(w);
    overhead.push(w - (command.agentFinishedMs - command.agentStartedMs));
  }
  const resetLoad = load();
  rows.push(["reset round trip p50", `${percentile(wall, 50).toFixed(1)} ms`, `${RESETS} sequential resets, zero-time services (8 service steps + 3 site probes each); ${resetLoad}`]);
  rows.push(["reset round trip p95", `${percentile(wall, 95).toFixed(1)} ms`, ""]);
  rows.push(["iisfleet overhead p50", `${percentile(overhead, 50).toFixed(1)} ms`, "round trip minus the agent's own engine time"]);
  rows.push(["iisfleet overhead p95", `${percentile(overhead, 95).toFixed(1)} ms`, "(HTTP, SQLite fsyncs, NATS, decode, CLI-less)"]);
  rows.push(...(await powershellRows()).rows);
  const c = memoryMb(ctl.child.pid);
  rows.push(["controller RSS", mb(c.rss), `after the runs (VmHWM ${mb(c.hwm)}); ${load()}`]);

  console.log(`\nMachine: ${machine}`);
  printTable(rows);
  rmSync(dir, { recursive: true, force: true });
}

try {
  await main();
} finally {
  stopAll();
}
