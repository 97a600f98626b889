// What every benchmark script needs: child processes that are always stopped, a free loopback port, waiting,
// /proc readings, and the results table. Plain Node ESM, no dependencies.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

const children = [];

/** Spawns a process, keeping its stdout (and the tail of its stderr) for waiting and error messages. */
export function start(cmd, args) {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err = (err + d).slice(-20_000)));
  children.push(child);
  return { child, out: () => out, err: () => err };
}

/** SIGTERM to everything `start` spawned, newest first. Call it in a finally. */
export function stopAll() {
  for (const c of children.reverse()) c.kill("SIGTERM");
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

export async function until(what, fn, ms = 20_000, intervalMs = 50) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn().catch(() => false)) return;
    await sleep(intervalMs);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** CPU ticks (utime + stime, USER_HZ) and resident memory of a process, from /proc (Linux). */
export function procStat(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cpuTicks = Number(f[11]) + Number(f[12]);
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]);
  return { cpuTicks, rssKb };
}

export const rssMb = (pid) => procStat(pid).rssKb / 1024;

/** The p-th percentile of a list of numbers (nearest rank). */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** Rows of [metric, value, conditions], aligned. */
export function printTable(rows) {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\n${"metric".padEnd(w0)}  ${"value".padStart(w1)}  conditions`);
  console.log(`${"-".repeat(w0)}  ${"-".repeat(w1)}  ${"-".repeat(50)}`);
  for (const [m, v, c] of rows) console.log(`${m.padEnd(w0)}  ${v.padStart(w1)}  ${c}`);
}

/** The API token a controller writes beside its database on first start, as fetch() headers. */
export function adminAuth(dbPath) {
  return { authorization: `Bearer ${readFileSync(join(dirname(dbPath), "admin.token"), "utf8").trim()}` };
}
