// Benchmarks, printed as a table (not timed tests: these shared 2-core machines make wall-clock asserts flaky).
//   1. CLI start-up: `node -e 0`, `iisfleet --version` and `iisfleet hosts` against a running controller, run in
//      interleaved rounds (so a change of load hits all three alike): wall time median and spread, CPU per run.
//   2. Agent idle footprint, for each way the agent runs: the single-file bundle on the pinned Node 24 with the
//      executable's own flags (what iisfleet-agent.exe runs), the same without them, the bundle on this Node, and
//      the npm-installed agent (dist/) on this Node. All run side by side on simulated hosts, heartbeating at the
//      default 10 s with their health probes, sampled every second for --idle seconds: steady RSS (median of the
//      second half's samples), VmHWM (start-up included), anonymous vs file-backed RSS (the node binary's pages) at
//      the end, CPU. --agent-repeats fresh starts; median and range over them. Beside them, reference programs on the
//      same Node 24 with the same flags say what each part costs: bare node, + the builtins the agent loads, + the
//      NATS client heartbeating, + protobufjs and the wire code (each bundled as the agent is).
//   3. Reset round trip: API -> controller -> NATS -> agent -> SQLite -> API, with zero-time simulated services,
//      so what is measured is iisfleet's own overhead per reset.
//   4. The Windows adapter's PowerShell spawns and script calls per reset and per idle minute, per call vs one
//      session (bench-powershell.mjs: counted with a fake powershell.exe, no Windows needed).
// Every figure carries the load average read when it was taken: on a shared machine it says what the figure is worth.
//   npm run bench                                (builds first; --idle 60, --agent-repeats 3, --repeats 20, --resets 40)
//   npm run bench -- --idle 300 --parts agent    (the 5-minute agent figure, nothing else)
//   node scripts/bench.mjs --idle 30 --repeats 10 --resets 20     (after npm run build)
// --parts startup,agent,reset,powershell picks what runs. The pinned Node 24 comes from $AGENT_NODE or
// scripts/pinned-tarballs.mjs (fetched once with npm pack); without it the Node 24 rows say why they are missing.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ensureNatsServer } from "./ensure-nats-server.mjs";
import { AGENT_EXEC_ARGV, bundleAgent, bundleLikeAgent } from "./package-agent.mjs";
import { ensureNodeRuntime } from "./pinned-tarballs.mjs";
import { powershellRows } from "./bench-powershell.mjs";
import { adminAuth, freePort, loadAverage, median, percentile, printTable, procStat, sleep, start, stop, stopAll, until } from "./bench-support.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "packages", "controller", "dist", "cli", "main.js");
const AGENT = join(ROOT, "packages", "agent", "dist", "cli.js");
const MS_PER_TICK = 10; // Linux USER_HZ = 100

const { values: flags } = parseArgs({
  options: {
    idle: { type: "string", default: process.env.BENCH_IDLE_SECONDS ?? "60" },
    "agent-repeats": { type: "string", default: "3" },
    repeats: { type: "string", default: "20" },
    resets: { type: "string", default: process.env.BENCH_RESETS ?? "40" },
    parts: { type: "string", default: "startup,agent,reset,powershell" },
  },
});
const IDLE_SECONDS = Number(flags.idle);
const AGENT_REPEATS = Number(flags["agent-repeats"]);
const REPEATS = Number(flags.repeats);
const RESETS = Number(flags.resets);
for (const [name, v] of [["--idle", IDLE_SECONDS], ["--agent-repeats", AGENT_REPEATS], ["--repeats", REPEATS], ["--resets", RESETS]]) {
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a whole number of at least 1.`);
}
const PARTS = new Set(flags.parts.split(","));
for (const p of PARTS) if (!["startup", "agent", "reset", "powershell"].includes(p)) throw new Error(`--parts: unknown part "${p}" (startup, agent, reset, powershell).`);

/** VmRSS, VmHWM and RSS split into anonymous (heaps) and file-backed (the node binary's pages), MB (Linux /proc). */
function memoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024, anon: kb("RssAnon") / 1024, file: kb("RssFile") / 1024 };
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

/** Samples each agent every second for IDLE_SECONDS: steady RSS (median of the second half), VmHWM, anon/file, CPU. */
async function idleFigures(pids) {
  const samples = pids.map(() => []);
  const cpu0 = pids.map((pid) => procStat(pid).cpuTicks);
  const t0 = Date.now();
  for (let s = 0; s < IDLE_SECONDS; s++) {
    await sleep(1000);
    pids.forEach((pid, i) => samples[i].push(memoryMb(pid).rss));
  }
  const load = loadAverage();
  return pids.map((pid, i) => {
    const m = memoryMb(pid);
    const cpuMs = (procStat(pid).cpuTicks - cpu0[i]) * MS_PER_TICK;
    return { steady: median(samples[i].slice(Math.floor(samples[i].length / 2))), hwm: m.hwm, anon: m.anon, file: m.file, cpuMsPerS: cpuMs / ((Date.now() - t0) / 1000), load };
  });
}

/**
 * What each part of the shipped agent costs: programs bundled as the agent is and run beside it on the same Node 24
 * with the same flags, each adding one part to the one before: bare node; the builtins the agent loads; the NATS
 * client connected and heartbeating (300 bytes every 10 s); protobufjs and the wire code.
 */
const REFERENCES = [
  { label: "bare node", code: "" },
  {
    label: "+ the builtins the agent loads",
    code: `import * as a from "node:net"; import * as b from "node:http"; import * as c from "node:crypto"; import * as d from "node:dns";
      import * as e from "node:os"; import * as f from "node:fs"; import * as g from "node:child_process"; import * as h from "node:stream";
      globalThis.kept = [a, b, c, d, e, f, g, h];`,
  },
  {
    label: "+ the NATS client, heartbeating",
    code: `import { connect } from "@nats-io/transport-node";
      connect({ servers: process.argv[2] }).then((nc) => { nc.subscribe("ref.cmd", { callback: () => {} }); setInterval(() => nc.publish("ref.hb", new Uint8Array(300)), 10_000); });`,
  },
  { label: "+ protobufjs and the wire code", code: `import * as proto from "@iisfleet/proto"; globalThis.wire = proto;` },
];

async function referenceVariants(dir, node24, v24) {
  let code = "";
  const variants = [];
  for (const [i, r] of REFERENCES.entries()) {
    code += `${r.code}\n`;
    const file = join(dir, `reference-${i}.cjs`);
    await bundleLikeAgent(`${code}setInterval(() => {}, 3_600_000);\n`, file);
    variants.push({ label: `reference, Node ${v24}, the exe's flags: ${r.label}`, cmd: node24, args: [...AGENT_EXEC_ARGV, file], reference: true });
  }
  return variants;
}

/** The ways the agent runs, each a command line; the Node 24 ones only when the pinned Node 24 is at hand. */
async function agentVariants(dir) {
  const bundle = join(dir, "iisfleet-agent.cjs");
  await bundleAgent(bundle);
  const variants = [
    { label: `dist/ (npm), Node ${process.version}`, cmd: process.execPath, args: [AGENT] },
    { label: `bundle, Node ${process.version}`, cmd: process.execPath, args: [bundle] },
  ];
  let node24;
  try {
    node24 = process.env.AGENT_NODE || (await ensureNodeRuntime("linux-x64"));
  } catch (err) {
    return { variants, missing: `no Node 24 rows: ${err instanceof Error ? err.message : String(err)}` };
  }
  const v24 = spawnSync(node24, ["--version"], { encoding: "utf8" }).stdout.trim();
  variants.unshift(
    { label: `bundle, Node ${v24}, the exe's flags`, cmd: node24, args: [...AGENT_EXEC_ARGV, bundle], shipped: true },
    { label: `bundle, Node ${v24}, no flags`, cmd: node24, args: [bundle] },
  );
  variants.push(...(await referenceVariants(dir, node24, v24)));
  return { variants };
}

/** AGENT_REPEATS rounds; in each, every variant starts fresh, comes online, and idles beside the others. */
async function agentFootprint({ dir, natsUrl, api, auth }) {
  const { variants, missing } = await agentVariants(dir);
  const runs = variants.map(() => []);
  for (let round = 0; round < AGENT_REPEATS; round++) {
    const procs = variants.map((v, i) => {
      const host = `idle${round}x${i}`;
      if (v.reference) return { p: start(v.cmd, [...v.args, natsUrl]) };
      return { host, p: start(v.cmd, [...v.args, "--host", host, "--simulate", "--nats", natsUrl, "--state-dir", join(dir, host)]) };
    });
    for (const { host, p } of procs) {
      if (!host) continue;
      await until(`idle agent ${host}`, async () => (await (await fetch(`${api}/api/v1/hosts/${host}`, { headers: auth })).json()).host?.liveness === "online", 60_000, 100, p);
    }
    const figures = await idleFigures(procs.map(({ p }) => p.child.pid));
    figures.forEach((f, i) => runs[i].push(f));
    await Promise.all(procs.map(({ p }) => stop(p)));
  }
  const rows = [];
  const range = (xs) => (xs.length > 1 ? ` (${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)})` : "");
  const loads = [...new Set(runs[0]?.map((r) => r.load))].join("; ");
  variants.forEach((v, i) => {
    const r = runs[i];
    const pick = (k) => r.map((x) => x[k]);
    rows.push([
      `agent steady RSS: ${v.label}`,
      mb(median(pick("steady"))),
      `median of ${r.length} starts${range(pick("steady"))}, each the median of 1 s samples over the last ${Math.ceil(IDLE_SECONDS / 2)} s of ${IDLE_SECONDS} s idle${v.shipped ? "; what iisfleet-agent.exe runs" : ""}`,
    ]);
    rows.push([
      "  VmHWM / anon / file",
      `${mb(median(pick("hwm")))}`,
      `high-water mark${range(pick("hwm"))}; at the end ${mb(median(pick("anon")))} anonymous + ${mb(median(pick("file")))} file-backed; CPU ${median(pick("cpuMsPerS")).toFixed(1)} ms/s`,
    ]);
  });
  rows.push(["  load", "", `1-min load average at the end of each round: ${loads}${missing ? `; ${missing}` : ""}`]);
  return rows;
}

/** 1. CLI start-up, with one registered host so `hosts` prints a real table. */
async function startupRows({ dir, natsUrl, api, auth }) {
  const rows = [];
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
  await stop(hostsAgent);
  return rows;
}

/** 3. Reset round trips with zero-time services. */
async function resetRows({ dir, natsUrl, api, auth }) {
  const fast = start(process.execPath, [AGENT, "--host", "fast01", "--simulate", "--nats", natsUrl, "--state-dir", join(dir, "fast01"), "--sim-stop-ms", "0", "--sim-start-ms", "0", "--poll-ms", "1", "--heartbeat", "1s"]);
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
  await stop(fast);
  return [
    ["reset round trip p50", `${percentile(wall, 50).toFixed(1)} ms`, `${RESETS} sequential resets, zero-time services (8 service steps + 3 site probes each); ${load()}`],
    ["reset round trip p95", `${percentile(wall, 95).toFixed(1)} ms`, ""],
    ["iisfleet overhead p50", `${percentile(overhead, 50).toFixed(1)} ms`, "round trip minus the agent's own engine time"],
    ["iisfleet overhead p95", `${percentile(overhead, 95).toFixed(1)} ms`, "(HTTP, SQLite fsyncs, NATS, decode, CLI-less)"],
  ];
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
  const env = { dir, natsUrl, api: `http://127.0.0.1:${apiPort}`, auth: adminAuth(join(dir, "bench.db")) };
  const rows = [];
  if (PARTS.has("startup")) rows.push(...(await startupRows(env)));
  // 2. Idle agents, side by side.
  if (PARTS.has("agent")) rows.push(...(await agentFootprint(env)));
  if (PARTS.has("reset")) rows.push(...(await resetRows(env)));
  if (PARTS.has("powershell")) rows.push(...(await powershellRows()).rows);
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
