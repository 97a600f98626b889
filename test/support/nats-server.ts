// Starts a REAL nats-server (JetStream on, loopback only, OS-chosen port) in a private temp dir for one test file.
//
//   const nats = await startNatsServer();
//   ... connect to nats.url ...
//   await nats.restart();   // same port, same JetStream store: clients reconnect, streams survive
//   await nats.stop();      // always kills it and removes the temp dir
//
//   const secured = await startNatsServer({ configFile: "nats-server.conf" });   // e.g. from `iisfleet nats-config`
//
// The server learns its own free port (`listen: 127.0.0.1:-1`) and reports it in a ports file
// (`ports_file_dir`), so there is no race between picking a port and binding it. Its stdout/stderr go to
// `<dir>/nats-server.log`; the tail of that log is quoted in every error.
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, closeSync, constants as fsConstants, openSync, readFileSync, rmSync, statSync } from "node:fs";
import { copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { sleep, waitFor } from "./wait.js";

export { freePort } from "./wait.js";

export interface NatsServerOptions {
  /**
   * Run this nats-server config (e.g. one written by `iisfleet nats-config`): it is copied into the server's dir and
   * included, then `listen` is overridden to loopback on a free port (and `http`, when monitoring is on). Paths in
   * it (TLS files) must be absolute. The URL stays `nats://`: a client given TLS options upgrades the connection.
   */
  configFile?: string;
  /** Enable JetStream, stored under `<dir>/js`. Default true (false with `configFile`, whose config is run as is). */
  jetstream?: boolean;
  /** Enable the HTTP monitoring endpoint (`/varz`, `/jsz`, `/healthz`, ...) on a loopback port. Default true. */
  monitoring?: boolean;
  /** Extra nats-server configuration text appended verbatim to the generated config (e.g. `max_payload: 2MB`). */
  extraConfig?: string;
  /** How long to wait for the server to report its ports. Default 15 000 ms. */
  startTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. Default 5 000 ms. */
  stopGraceMs?: number;
  /** Client port to listen on (e.g. one a client was already told to use); default: a free one the server picks. */
  port?: number;
  /** Binary to run; default: see `findNatsServerBinary()`. */
  binary?: string;
}

export interface NatsServer {
  /** Client URL, e.g. `nats://127.0.0.1:41234`. Stable across `restart()`. */
  readonly url: string;
  /** Client port. Stable across `restart()`. */
  readonly port: number;
  /** Pid of the current server process; changes on `restart()`. */
  readonly pid: number;
  /** Monitoring base URL (e.g. `http://127.0.0.1:8222`) or undefined when `monitoring: false`. Stable across restart. */
  readonly monitorUrl: string | undefined;
  /** Private temp dir holding the config, the log, the ports file and the JetStream store. Removed by `stop()`. */
  readonly dir: string;
  /** The server's combined stdout/stderr. */
  readonly logFile: string;
  /** Last lines of the server log (for assertions and error messages). */
  logTail(lines?: number): string;
  /** SIGTERM, then SIGKILL after the grace period; removes the temp dir. Idempotent, never throws for a dead server. */
  stop(): Promise<void>;
  /** Stops the process (gracefully) and starts a new one on the same port(s) with the same JetStream store. */
  restart(): Promise<void>;
}

const FALLBACK_BINARY = "/usr/sbin/nats-server";
const INSTALL_HINT =
  "install it with `apt-get install nats-server` (Debian/Ubuntu, as root), run `node scripts/ensure-nats-server.mjs` " +
  "for other platforms, or point NATS_SERVER_BIN at the binary";

/** NATS_SERVER_BIN, then `nats-server` on PATH, then /usr/sbin/nats-server (not on a normal user's PATH on Debian). */
export function findNatsServerBinary(): string {
  const fromEnv = process.env["NATS_SERVER_BIN"];
  if (fromEnv !== undefined && fromEnv !== "") {
    if (!isExecutableFile(fromEnv)) {
      throw new Error(`NATS_SERVER_BIN=${fromEnv} is not an executable file; ${INSTALL_HINT}`);
    }
    return fromEnv;
  }
  const names = process.platform === "win32" ? ["nats-server.exe", "nats-server"] : ["nats-server"];
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    if (dir === "") continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  if (isExecutableFile(FALLBACK_BINARY)) return FALLBACK_BINARY;
  throw new Error(`nats-server not found (looked at NATS_SERVER_BIN, PATH and ${FALLBACK_BINARY}); ${INSTALL_HINT}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Leak protection: whatever a test does, a server we started dies with this process.

const live = new Set<ChildProcess>();
const liveDirs = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: kill hard and remove the dirs. (A SIGKILLed test process cannot clean up;
  // nats-server has no parent-death option, so such a server would outlive it.)
  process.on("exit", () => {
    for (const child of live) {
      try {
        child.kill("SIGKILL");
      } catch {
        // already gone
      }
    }
    for (const dir of liveDirs) {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // best effort
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------

interface Ports {
  clientPort: number;
  monitorPort: number | undefined;
}

export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServer> {
  const binary = options.binary ?? findNatsServerBinary();
  const jetstream = options.jetstream ?? options.configFile === undefined;
  const monitoring = options.monitoring ?? true;
  const startTimeoutMs = options.startTimeoutMs ?? 15_000;
  const stopGraceMs = options.stopGraceMs ?? 5_000;

  installExitHook();
  const dir = await mkdtemp(join(tmpdir(), "iisfleet-nats-"));
  liveDirs.add(dir);
  const logFile = join(dir, "nats-server.log");
  const configFile = join(dir, "nats-server.conf");
  // nats-server includes only relative paths: the given config is copied beside ours.
  const INCLUDED = "included.conf";
  if (options.configFile !== undefined) await copyFile(options.configFile, join(dir, INCLUDED));

  let child: ChildProcess | undefined;
  let ports: Ports | undefined;
  let stopped = false;

  const logTail = (lines = 40): string => tailOf(logFile, lines);

  const writeConfig = async (fixed: Ports | undefined): Promise<void> => {
    const lines = [
      `# generated by test/support/nats-server.ts`,
      // First, so the lines below override its listen and http addresses.
      ...(options.configFile !== undefined ? [`include ${JSON.stringify(INCLUDED)}`] : []),
      `listen: 127.0.0.1:${fixed ? fixed.clientPort : (options.port ?? -1)}`,
      `ports_file_dir: ${confString(dir)}`,
    ];
    if (monitoring) lines.push(`http: 127.0.0.1:${fixed?.monitorPort ?? -1}`);
    if (jetstream) lines.push(`jetstream {`, `  store_dir: ${confString(join(dir, "js"))}`, `}`);
    if (options.extraConfig) lines.push(options.extraConfig);
    await writeFile(configFile, lines.join("\n") + "\n");
  };

  /** Spawns the server and waits for its ports file; on failure the process is killed and the error quotes the log. */
  const launch = async (): Promise<{ proc: ChildProcess; ports: Ports }> => {
    const logFd = openSync(logFile, "a");
    let proc: ChildProcess;
    try {
      proc = spawn(binary, ["-c", configFile], { cwd: dir, stdio: ["ignore", logFd, logFd], windowsHide: true });
    } finally {
      closeSync(logFd);
    }
    live.add(proc);
    // A server that cannot start (bad config, port taken, missing binary) exits at once: stop waiting then.
    const failed = new AbortController();
    proc.once("error", (err) => failed.abort(new Error(`could not run ${binary}: ${err.message}`)));
    proc.once("exit", (code, signal) => {
      live.delete(proc);
      failed.abort(new Error(`nats-server exited during startup (${signal ? `signal ${signal}` : `code ${String(code)}`})`));
    });

    try {
      const found = await waitFor(
        () => (proc.pid === undefined ? undefined : readPortsFile(join(dir, `nats-server_${proc.pid}.ports`), monitoring)),
        {
          what: `nats-server (${binary}) to write its ports file in ${dir}`,
          timeoutMs: startTimeoutMs,
          intervalMs: 25,
          signal: failed.signal,
        },
      );
      return { proc, ports: found };
    } catch (err) {
      await terminate(proc, stopGraceMs);
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(`nats-server failed to start in ${dir}: ${message}\n--- tail of ${logFile} ---\n${logTail()}`, {
        cause: err,
      });
    }
  };

  await writeConfig(undefined);
  try {
    const first = await launch();
    child = first.proc;
    ports = first.ports;
  } catch (err) {
    liveDirs.delete(dir);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const fixedPorts: Ports = ports;

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    try {
      if (child) await terminate(child, stopGraceMs);
    } finally {
      child = undefined;
      liveDirs.delete(dir);
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
  };

  const restart = async (): Promise<void> => {
    if (stopped) throw new Error(`nats-server on port ${fixedPorts.clientPort} was stopped; it cannot be restarted`);
    if (child) await terminate(child, stopGraceMs);
    child = undefined;
    await writeConfig(fixedPorts);
    // The old socket is closed once the process has exited (Go listens with SO_REUSEADDR, so TIME_WAIT does not
    // block the bind). Retry briefly anyway in case something else grabbed the port in between.
    let lastError: unknown;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const next = await launch();
        child = next.proc;
        return;
      } catch (err) {
        lastError = err;
        if (!(err instanceof Error && /address already in use/i.test(err.message))) break;
        await sleep(200 * (attempt + 1));
      }
    }
    throw lastError;
  };

  return {
    url: `nats://127.0.0.1:${fixedPorts.clientPort}`,
    port: fixedPorts.clientPort,
    get pid(): number {
      return child?.pid ?? -1;
    },
    monitorUrl: fixedPorts.monitorPort === undefined ? undefined : `http://127.0.0.1:${fixedPorts.monitorPort}`,
    dir,
    logFile,
    logTail,
    stop,
    restart,
  };
}

// ---------------------------------------------------------------------------------------------------------------

/** The ports file is JSON like {"nats":["nats://127.0.0.1:4222"],"monitoring":["http://127.0.0.1:8222"]}. */
async function readPortsFile(file: string, expectMonitoring: boolean): Promise<Ports | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined; // not written yet
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined; // caught mid-write
  }
  const clientPort = portOf(parsed, "nats");
  if (clientPort === undefined) return undefined;
  const monitorPort = portOf(parsed, "monitoring");
  if (expectMonitoring && monitorPort === undefined) return undefined;
  return { clientPort, monitorPort };
}

function portOf(parsed: unknown, key: string): number | undefined {
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const urls: unknown = (parsed as Record<string, unknown>)[key];
  if (!Array.isArray(urls)) return undefined;
  for (const url of urls) {
    if (typeof url !== "string") continue;
    try {
      const port = Number(new URL(url).port);
      if (Number.isInteger(port) && port > 0) return port;
    } catch {
      // not a URL
    }
  }
  return undefined;
}

/** SIGTERM, wait up to `graceMs`, then SIGKILL and wait for the exit. Resolves once the process is gone. */
async function terminate(proc: ChildProcess, graceMs: number): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null || proc.pid === undefined) {
    live.delete(proc);
    return;
  }
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  proc.kill("SIGTERM");
  const graceOver = new AbortController(); // so a pending grace timer does not hold the event loop open
  const graceful = await Promise.race([exited.then(() => true), sleep(graceMs, graceOver.signal).then(() => false)]);
  graceOver.abort();
  if (!graceful) {
    proc.kill("SIGKILL");
    await exited;
  }
  live.delete(proc);
}

/** nats-server config strings: double-quoted; forward slashes keep Windows paths free of escape sequences. */
function confString(path: string): string {
  return JSON.stringify(path.replace(/\\/g, "/"));
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, process.platform === "win32" ? fsConstants.F_OK : fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function tailOf(file: string, lines: number): string {
  try {
    const all = readFileSync(file, "utf8").trimEnd().split("\n");
    return all.slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
