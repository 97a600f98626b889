// Rollout orchestration benchmark, printed as a table (not a test: wall-clock asserts flake on shared machines).
// A real nats-server, a real controller and `iisfleet-agent simulate --count N` with zero-time services, then one
// rollout over the whole farm with --batch 10%. Resets take (almost) no time on the hosts, so what remains is
// iisfleet's own cost: deciding, committing each transition to SQLite (synchronous=FULL), publishing, recording.
//   npm run bench:rollout                 (builds first; 1,000 agents)
//   node scripts/bench-rollout.mjs --count 200 --batch 10%
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { ensureNatsServer } from "./ensure-nats-server.mjs";
import { adminAuth, freePort, printTable, rssMb, sleep, start, stopAll, until } from "./bench-support.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "packages", "controller", "dist", "cli", "main.js");
const AGENT = join(ROOT, "packages", "agent", "dist", "cli.js");

const { values: args } = parseArgs({
  options: { count: { type: "string", default: "1000" }, batch: { type: "string", default: "10%" }, connections: { type: "string", default: "4" } },
});
const COUNT = Number(args.count);
if (!Number.isInteger(COUNT) || COUNT < 1 || COUNT > 20_000) {
  console.error("bench-rollout: --count must be 1 to 20000");
  process.exit(2);
}

const rows = (db) =>
  Object.fromEntries(["hosts", "commands", "command_steps", "events", "rollouts", "rollout_hosts", "rollout_actions"].map((t) => [t, db.prepare(`SELECT count(*) AS n FROM ${t}`).get().n]));

async function main() {
  const nats = await ensureNatsServer({ install: false });
  const dir = mkdtempSync(join(tmpdir(), "iisfleet-bench-rollout-"));
  const natsPort = await freePort();
  const apiPort = await freePort();
  const natsUrl = `nats://127.0.0.1:${natsPort}`;
  const api = `http://127.0.0.1:${apiPort}`;
  const dbPath = join(dir, "bench.db");
  start(nats, ["-a", "127.0.0.1", "-p", String(natsPort)]);
  await sleep(300);
  const ctl = start(process.execPath, [CLI, "controller", "--nats", natsUrl, "--db", dbPath, "--listen", `127.0.0.1:${apiPort}`]);
  await until("controller", async () => ctl.out().includes("listening on"), 20_000);
  const auth = adminAuth(dbPath);
  const sim = start(process.execPath, [
    AGENT, "simulate", "--count", String(COUNT), "--farm", "bench", "--nats", natsUrl, "--connections", args.connections,
    "--heartbeat", "5s", "--sim-stop-ms", "0", "--sim-start-ms", "0", "--poll-ms", "1",
  ]);
  await until("the simulator", async () => sim.out().includes("simulating"), 120_000);
  await until(`${COUNT} hosts registered`, async () => {
    const { hosts } = await (await fetch(`${api}/api/v1/hosts`, { headers: auth })).json();
    return hosts.filter((h) => h.liveness === "online").length === COUNT;
  }, 120_000);

  const db = new Database(dbPath, { readonly: true });
  const before = rows(db);
  const t0 = performance.now();
  const res = await fetch(`${api}/api/v1/rollouts`, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth },
    body: JSON.stringify({ farm: "bench", batch: args.batch, maxUnavailable: args.batch, skipHealth: undefined, actor: "bench" }),
  });
  const started = await res.json();
  if (!res.ok) throw new Error(JSON.stringify(started));
  const id = started.rollout.id;
  let detail;
  let peakRss = 0;
  for (;;) {
    detail = await (await fetch(`${api}/api/v1/rollouts/${id}`, { headers: auth })).json();
    peakRss = Math.max(peakRss, rssMb(ctl.child.pid));
    if (["succeeded", "failed", "aborted"].includes(detail.rollout.state)) break;
    await sleep(100);
  }
  const wallMs = performance.now() - t0;
  const after = rows(db);

  // Per batch: the hosts' engine time (agent-reported) against the wall time the controller took.
  const commands = new Map(
    db.prepare("SELECT id, agent_started_ms, agent_finished_ms FROM commands WHERE issuer = ?").all(`rollout:${id}`).map((c) => [c.id, c]),
  );
  const batches = new Map();
  for (const h of detail.hosts) {
    const b = batches.get(h.batch) ?? [];
    b.push(h);
    batches.set(h.batch, b);
  }
  let engineMs = 0;
  const gaps = [];
  const spreads = [];
  let prevEnd;
  for (const [, hs] of [...batches.entries()].sort((a, b) => a[0] - b[0])) {
    const startMin = Math.min(...hs.map((h) => h.startedMs));
    const startMax = Math.max(...hs.map((h) => h.startedMs));
    const endMax = Math.max(...hs.map((h) => h.finishedMs));
    engineMs += Math.max(...hs.map((h) => {
      const c = commands.get(h.commandId);
      return c ? c.agent_finished_ms - c.agent_started_ms : 0;
    }));
    if (prevEnd !== undefined) gaps.push(startMin - prevEnd);
    spreads.push((startMax - startMin) / Math.max(1, hs.length - 1));
    prevEnd = endMax;
  }
  const rolloutMs = detail.rollout.finishedMs - detail.rollout.createdMs;
  const overheadMs = rolloutMs - engineMs;
  const avg = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const written = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - before[k]]));
  db.close();

  const table = [
    ["agents", String(COUNT), `one simulator process, ${args.connections} NATS connections, zero-time services`],
    ["batches", String(batches.size), `--batch ${args.batch} --max-unavailable ${args.batch}`],
    ["rollout state", detail.rollout.state, `${detail.summary.healthy} healthy, ${detail.summary.failed} failed`],
    ["total wall time", `${(wallMs / 1000).toFixed(2)} s`, "POST /rollouts until the API says it ended"],
    ["engine time (sum of batch maxima)", `${(engineMs / 1000).toFixed(2)} s`, "what the agents themselves spent"],
    ["orchestration overhead", `${(overheadMs / 1000).toFixed(2)} s`, "rollout duration minus engine time"],
    ["  per batch (gap between batches)", `${avg(gaps).toFixed(1)} ms`, "last finish of a batch to first start of the next"],
    ["  per host (dispatch spread)", `${avg(spreads).toFixed(2)} ms`, "within a batch, between consecutive starts"],
    ["  per host (overhead / hosts)", `${(overheadMs / COUNT).toFixed(2)} ms`, "everything, spread over the hosts"],
    ["controller RSS, peak", `${peakRss.toFixed(0)} MB`, "sampled every 100 ms"],
    ["SQLite rows written", String(Object.values(written).reduce((a, b) => a + b, 0)), Object.entries(written).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`).join(", ")],
  ];
  printTable(table);
  rmSync(dir, { recursive: true, force: true });
}

try {
  await main();
} finally {
  stopAll();
}
