// Starts a REAL HAProxy (Debian's package: apt-get install haproxy) in the foreground on loopback ports, with a
// config written to a private temp dir, for tests of the load-balancer drain. Killed by its PID (stop(), or on exit).
//
//   const lb = await startHaproxy({ servers: [{ name: "web01", port: 18001 }] });
//   fetch(lb.url); lb.stats  // "127.0.0.1:PORT" of its admin stats socket
//   await lb.stop();
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type HaproxyServer, findHaproxy, haproxyArgs, haproxyConfig } from "../../scripts/drain-harness.mjs";
import { freePort, waitFor } from "./wait.js";

export { findHaproxy } from "../../scripts/drain-harness.mjs";

export interface Haproxy {
  /** The frontend, e.g. http://127.0.0.1:41234/ */
  url: string;
  /** The admin-level runtime API: "127.0.0.1:PORT". */
  stats: string;
  backend: string;
  pid: number;
  log(): string;
  /** One runtime API command; its answer. */
  command(cmd: string): Promise<string>;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once("exit", () => {
  for (const c of live) c.kill("SIGKILL");
});

export async function startHaproxy(o: { servers: HaproxyServer[]; backend?: string; checkIntervalMs?: number }): Promise<Haproxy> {
  const bin = findHaproxy();
  if (!bin) throw new Error("haproxy not found: apt-get install haproxy (Debian/Ubuntu, as root), or set HAPROXY_BIN");
  const dir = mkdtempSync(join(tmpdir(), "iisfleet-haproxy-"));
  const frontendPort = await freePort();
  const statsPort = await freePort();
  const backend = o.backend ?? "be_farm";
  const cfg = join(dir, "haproxy.cfg");
  writeFileSync(cfg, haproxyConfig({ frontendPort, statsPort, backend, servers: o.servers, ...(o.checkIntervalMs ? { checkIntervalMs: o.checkIntervalMs } : {}) }));
  const child = spawn(bin, haproxyArgs(cfg), { stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((res) => child.once("exit", () => res()));
  const stats = `127.0.0.1:${statsPort}`;
  const command = (cmd: string) =>
    new Promise<string>((resolve, reject) => {
      const s = connect(statsPort, "127.0.0.1");
      let out = "";
      s.on("data", (d) => (out += d.toString()));
      s.once("error", reject);
      s.once("close", () => resolve(out));
      s.end(`${cmd}\n`);
    });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(t);
    }
    live.delete(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`haproxy exited ${child.exitCode}: ${log}`);
        return (await command("show info").catch(() => "")).includes("Name: HAProxy");
      },
      { what: "haproxy's runtime API", timeoutMs: 10_000 },
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `http://127.0.0.1:${frontendPort}/`, stats, backend, pid: child.pid ?? 0, log: () => log, command, stop };
}
