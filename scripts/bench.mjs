// Benchmarks, printed as a table (not timed tests: these shared 2-core machines make wall-clock asserts flaky).
//   1. Agent idle footprint: RSS and CPU of one agent process on a simulated host, heartbeating at its default 10 s.
//   2. Reset round trip: API -> controller -> NATS -> agent -> SQLite -> API, with zero-time simulated services,
//      so what is measured is iisfleet's own overhead per reset.
//   3. The Windows adapter's PowerShell spawns and script calls per reset and per idle minute, per call vs one
//      session (bench-powershell.mjs: counted with a fake powershell.exe, no Windows needed).
//   npm run bench            (builds first)
//   BENCH_IDLE_SECONDS=30 BENCH_RESETS=100 node scripts/bench.mjs
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureNatsServer } from "./ensure-nats-server.mjs";
import { powershellRows } from "./bench-powershell.mjs";
import { adminAuth, percentile, printTable, procStat, sleep, start, stopAll, until, freePort } from "./bench-support.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "packages", "controller", "dist", "cli", "main.js");
const AGENT = join(ROOT, "packages", "agent", "dist", "cli.js");
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 15);
const RESETS = Number(process.env.BENCH_RESETS ?? 40);
const CLK_TCK = 100; // Linux USER_HZ

async function main() {
  const nats = await ensureNatsServer({ install: false });
  const dir = mkdtempSync(join(tmpdir(), "iisfleet-bench-"));
  const natsPort = await freePort();
  const apiPort = await freePort();
  const natsUrl = `nats://127.0.0.1:${natsPort}`;
  start(nats, ["-a", "127.0.0.1", "-p", String(natsPort)]);
  const ctl = start(process.execPath, [CLI, "controller", "--nats", natsUrl, "--db", join(dir, "bench.db"), "--listen", `127.0.0.1:${apiPort}`]);
  await until("controller", async () => ctl.out().includes("listening on"));
  const auth = adminAuth(join(dir, "bench.db"));
  const api = `http://127.0.0.1:${apiPort}`;
  const rows = [];

  // 1. Idle agent.
  const idle = start(process.execPath, [AGENT, "--host", "idle01", "--simulate", "--nats", natsUrl]);
  await until("idle agent", async () => (await (await fetch(`${api}/api/v1/hosts`, { headers: auth })).json()).hosts.length === 1);
  await sleep(2_000); // settle after start-up
  const a = procStat(idle.child.pid);
  const t0 = Date.now();
  await sleep(IDLE_SECONDS * 1000);
  const b = procStat(idle.child.pid);
  const cpuPct = ((b.cpuTicks - a.cpuTicks) / CLK_TCK / ((Date.now() - t0) / 1000)) * 100;
  rows.push(["agent idle RSS", `${(b.rssKb / 1024).toFixed(1)} MB`, `1 agent, simulated host, ${IDLE_SECONDS} s sample`]);
  rows.push(["agent idle CPU", `${cpuPct.toFixed(2)} %`, "of one core, heartbeat every 10 s"]);
  idle.child.kill("SIGTERM");

  // 2. Reset round trips with zero-time services.
  start(process.execPath, [AGENT, "--host", "fast01", "--simulate", "--nats", natsUrl, "--sim-stop-ms", "0", "--sim-start-ms", "0", "--poll-ms", "1", "--heartbeat", "1s"]);
  await until("fast agent", async () => (await (await fetch(`${api}/api/v1/hosts/fast01`, { headers: auth })).json()).host?.liveness === "online");
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
  rows.push(["reset round trip p50", `${percentile(wall, 50).toFixed(1)} ms`, `${RESETS} sequential resets, zero-time services (8 service steps + 3 site probes each)`]);
  rows.push(["reset round trip p95", `${percentile(wall, 95).toFixed(1)} ms`, ""]);
  rows.push(["iisfleet overhead p50", `${percentile(overhead, 50).toFixed(1)} ms`, "round trip minus the agent's own engine time"]);
  rows.push(["iisfleet overhead p95", `${percentile(overhead, 95).toFixed(1)} ms`, "(HTTP, SQLite fsyncs, NATS, decode, CLI-less)"]);
  rows.push(...(await powershellRows()).rows);
  rows.push(["controller RSS", `${(procStat(ctl.child.pid).rssKb / 1024).toFixed(1)} MB`, "after the runs"]);

  printTable(rows);
  rmSync(dir, { recursive: true, force: true });
}

try {
  await main();
} finally {
  stopAll();
}
