// What every benchmark script needs: child processes that are always stopped, a free loopback port, waiting,
// /proc readings, percentiles and the results tables. Plain Node ESM, no dependencies.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

const children = new Set();

/**
 * Spawns a process, keeping its stdout (and the tail of its stderr) for waiting and error messages.
 * `env` is added to this process's environment.
 */
export function start(cmd, args, { env } = {}) {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], ...(env ? { env: { ...process.env, ...env } } : {}) });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err = (err + d).slice(-20_000)));
  children.add(child);
  child.once("exit", () => children.delete(child));
  return { child, out: () => out, err: () => err };
}

/** Stops one process `start` spawned: SIGTERM, SIGKILL if it is still there after `graceMs`; resolves once it exited. */
export async function stop(p, graceMs = 10_000) {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise((r) => p.child.once("exit", r));
  p.child.kill("SIGTERM");
  const timer = setTimeout(() => p.child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** SIGTERM to everything `start` spawned that is still running, newest first. Call it in a finally. */
export function stopAll() {
  for (const c of [...children].reverse()) c.kill("SIGTERM");
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A nats-server (the binary `bin`) on a free loopback port; its URL and process. */
export async function startNats(bin) {
  const port = await freePort();
  const proc = start(bin, ["-a", "127.0.0.1", "-p", String(port)]);
  await sleep(300);
  return { url: `nats://127.0.0.1:${port}`, proc };
}

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/**
 * Polls `fn` until it resolves truthy. With `proc` (from `start`), gives up at once when that process exits,
 * and puts the tail of its stderr into the error.
 */
export async function until(what, fn, ms = 20_000, intervalMs = 50, proc = undefined) {
  const end = Date.now() + ms;
  const exited = () => proc && (proc.child.exitCode !== null || proc.child.signalCode !== null);
  while (Date.now() < end) {
    if (exited()) throw new Error(`${what}: the process exited (${proc.child.exitCode ?? proc.child.signalCode}): ${proc.err()}`);
    if (await fn().catch(() => false)) return;
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}${proc ? `: ${proc.err()}` : ""}`);
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

/** The machine's 1, 5 and 15 minute load averages, as /proc/loadavg gives them (Linux). */
export const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

/** The p-th percentile of a list of numbers, by nearest rank: the smallest value with at least p% of all at or below it. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** The median of a list of numbers (the mean of the middle two for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
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

/** A table with a header row: the first column left-aligned, the others right-aligned (numbers). */
export function printColumns(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const c of rows) console.log(line(c));
}
