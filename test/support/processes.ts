// Real iisfleet processes for cross-package tests: the controller daemon, agents on simulated hosts, and the CLI.
// Every spawned process is tracked and killed on exit, so a failing test never leaks one; a state dir made here for an
// agent is removed when that agent exits (pass `stateDir` to keep state across restarts, and remove it yourself).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fetchWithToken, readAdminToken } from "./auth.js";
import { waitFor } from "./wait.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CONTROLLER_BIN = join(ROOT, "packages", "controller", "dist", "cli", "main.js");
export const AGENT_BIN = join(ROOT, "packages", "agent", "dist", "cli.js");

export interface Proc {
  readonly child: ChildProcess;
  readonly name: string;
  stdout(): string;
  stderr(): string;
  /** SIGTERM (or the given signal) and wait for exit; SIGKILL after 5 s. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  exited: Promise<number | null>;
}

const live = new Set<Proc>();
/** Temp dirs that belong to one spawned process: removed when it exits. */
const ownedDirs = new Set<string>();
process.once("exit", () => {
  for (const p of live) p.child.kill("SIGKILL");
  for (const d of ownedDirs) rmSync(d, { recursive: true, force: true });
});

/** `opts.node`: another Node binary to run the script with (the bundled agent's test runs it on the shipped Node 24). */
export function spawnNode(name: string, script: string, args: string[], env: NodeJS.ProcessEnv = {}, opts: { cwd?: string; node?: string; execArgv?: string[] } = {}): Proc {
  const child = spawn(opts.node ?? process.execPath, [...(opts.execArgv ?? []), script, ...args], {
    env: { ...process.env, NO_COLOR: "1", ...env },
    ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((res) => child.once("exit", (code) => res(code)));
  const proc: Proc = {
    child,
    name,
    stdout: () => out,
    stderr: () => err,
    exited,
    async kill(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      live.delete(proc);
    },
  };
  live.add(proc);
  void exited.then(() => live.delete(proc));
  return proc;
}

export interface Controller extends Proc {
  url: string;
  dbPath: string;
  /** The bootstrap admin token the controller wrote beside its database on first start. */
  token: string;
  /** fetch() on this controller's API with its admin token: `controller.fetch("/api/v1/hosts")`. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/** Admin tokens of the controllers started here, by URL: cli() sends the right one to whichever it is pointed at. */
const tokensByUrl = new Map<string, string>();

/** `extra`: more flags for `iisfleet controller`, e.g. `--nats-nkey FILE`; `env`: more environment for it. */
export async function startControllerProcess(natsUrl: string, dbPath: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Controller> {
  const proc = spawnNode("controller", CONTROLLER_BIN, ["controller", "--nats", natsUrl, "--db", dbPath, "--listen", "127.0.0.1:0", ...extra], env);
  let url: string;
  try {
    url = await waitFor(
      () => {
        if (proc.child.exitCode !== null) throw new Error(`controller exited ${proc.child.exitCode}: ${proc.stderr()}`);
        return /listening on (http:\/\/\S+)/.exec(proc.stdout())?.[1];
      },
      { what: "the controller to listen", timeoutMs: 60_000 },
    );
  } catch (err) {
    // The caller never gets this process, so no afterAll can stop it: it would outlive the test run.
    await proc.kill("SIGKILL");
    throw err;
  }
  const token = readAdminToken(dbPath);
  tokensByUrl.set(url, token);
  return Object.assign(proc, { url, dbPath, token, fetch: (path: string, init?: RequestInit) => fetchWithToken(token, `${url}${path}`, init) });
}

export interface AgentSpec {
  host: string;
  farm?: string;
  fault?: string;
  stopMs?: number;
  startMs?: number;
  /** Reuse a state dir (cordon, journal) across agent restarts; default: a fresh temp dir per agent. */
  stateDir?: string;
  extra?: string[];
  /** More environment for the agent process (e.g. NODE_OPTIONS). */
  env?: NodeJS.ProcessEnv;
}

export function startAgentProcess(natsUrl: string, spec: AgentSpec): Proc {
  const ownDir = spec.stateDir === undefined ? mkdtempSync(join(tmpdir(), `iisfleet-agent-${spec.host}-`)) : undefined;
  const proc = spawnNode(`agent ${spec.host}`, AGENT_BIN, [
    "--host", spec.host,
    "--farm", spec.farm ?? "web",
    "--nats", natsUrl,
    "--simulate",
    "--heartbeat", "300ms",
    "--sim-stop-ms", String(spec.stopMs ?? 60),
    "--sim-start-ms", String(spec.startMs ?? 60),
    "--poll-ms", "15",
    "--probe-interval", "50ms",
    "--probe-attempts", "20",
    "--state-dir", spec.stateDir ?? (ownDir as string),
    ...(spec.fault ? ["--fault", spec.fault] : []),
    ...(spec.extra ?? []),
  ], spec.env);
  if (ownDir !== undefined) removeWhenExited(proc, ownDir);
  return proc;
}

export interface SimulatorSpec {
  /** Farm and host name prefix: hosts <farm>01..<farm>NN. */
  farm: string;
  count: number;
  stopMs?: number;
  startMs?: number;
  /** A fault on single hosts, by name (`iisfleet-agent simulate --fault-on`). */
  faultOn?: Record<string, string>;
}

/**
 * `count` simulated agents in one `iisfleet-agent simulate` process, set up as startAgentProcess sets up one: each
 * host serves its sites over HTTP and its resets probe them (--sim-sites) with the same rounds, heartbeat and poll.
 * What it lacks is the lone agent's state dir (cordon, journal, replay memory): a test of those uses agent processes.
 */
export function startSimulatorProcess(natsUrl: string, spec: SimulatorSpec): Proc {
  return spawnNode(`simulator ${spec.farm}`, AGENT_BIN, [
    "simulate",
    "--count", String(spec.count),
    "--farm", spec.farm,
    "--prefix", spec.farm,
    "--nats", natsUrl,
    "--heartbeat", "300ms",
    "--sim-stop-ms", String(spec.stopMs ?? 60),
    "--sim-start-ms", String(spec.startMs ?? 60),
    "--poll-ms", "15",
    "--sim-sites",
    "--probe-interval", "50ms",
    "--probe-attempts", "20",
    ...Object.entries(spec.faultOn ?? {}).flatMap(([host, fault]) => ["--fault-on", `${host}=${fault}`]),
  ]);
}

/** A dir only `proc` uses goes when it exits (not before: it may write there until its last moment). */
function removeWhenExited(proc: Proc, dir: string): void {
  ownedDirs.add(dir);
  void proc.exited.then(() => {
    rmSync(dir, { recursive: true, force: true });
    ownedDirs.delete(dir);
  });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for --json calls); undefined when it is not JSON. */
  json: unknown;
}

/**
 * Runs the iisfleet CLI to completion. Pointed (by --controller or IISFLEET_CONTROLLER) at a controller started by
 * startControllerProcess, it uses that controller's admin token — unless the call chooses its own (--token,
 * --token-file, or IISFLEET_TOKEN / IISFLEET_TOKEN_FILE in `env`, even empty).
 */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}, opts: { cwd?: string } = {}): Promise<CliResult> {
  const chooses = args.some((a) => a === "--token" || a === "--token-file" || a.startsWith("--token=") || a.startsWith("--token-file="));
  const own = chooses || "IISFLEET_TOKEN" in env || "IISFLEET_TOKEN_FILE" in env;
  const at = args.indexOf("--controller");
  const url = at >= 0 ? args[at + 1] : env.IISFLEET_CONTROLLER;
  const token = !own && url !== undefined ? tokensByUrl.get(url) : undefined;
  const proc = spawnNode("cli", CONTROLLER_BIN, args, token !== undefined ? { IISFLEET_TOKEN: token, ...env } : env, opts);
  const code = await proc.exited;
  let json: unknown;
  try {
    json = JSON.parse(proc.stdout());
  } catch {
    json = undefined;
  }
  return { code, stdout: proc.stdout(), stderr: proc.stderr(), json };
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
