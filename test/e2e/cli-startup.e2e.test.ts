// What a CLI run (and an idle agent) loads, over real processes: `iisfleet --version` and `iisfleet hosts` (against a real controller) load
// neither the daemon nor its heavy dependencies (SQLite, NATS, pino, prom-client, zod, protobuf) nor the other command
// modules; help still lists every command. Start-up time itself is a benchmark figure (npm run bench), not asserted
// here: this file checks the structure that makes it fast, which holds on a loaded machine too.
import { readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForHosts } from "../support/events.js";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";

const TRACE_HOOK = resolve(dirname(fileURLToPath(import.meta.url)), "..", "support", "module-trace.mjs");

/** What only the daemon needs: no other CLI run may load it, help included. */
const DAEMON_ONLY = ["the daemon", "the store's database", "better-sqlite3", "the NATS client", "pino", "prom-client"];
/** What only the daemon or some other command needs: `--version` and `hosts` load none of it. */
const HEAVY: Array<[string, RegExp]> = [
  ["the daemon", /\/controller\/dist\/daemon\.js$/],
  ["the store's database", /\/controller\/dist\/store\/(index|db)\.js$/],
  ["better-sqlite3", /\/node_modules\/better-sqlite3\//],
  ["the NATS client", /\/node_modules\/@nats-io\/(?!nkeys\/)/],
  ["pino", /\/node_modules\/pino\//],
  ["prom-client", /\/node_modules\/prom-client\//],
  ["store modules", /\/controller\/dist\/store\//],
  ["nkeys", /\/node_modules\/@nats-io\/nkeys\//],
  ["zod", /\/node_modules\/zod\//],
  ["protobufjs", /\/node_modules\/protobufjs\//],
  ["listr2", /\/node_modules\/listr2\//],
  ["ws", /\/node_modules\/ws\//],
];

let nats: NatsServer;
let controller: Controller;
let agent: Proc;
const dir = tempDir("iisfleet-cli-startup-");
let traces = 0;

/** Runs the CLI with the module trace on; returns its result and the URLs of the modules it loaded. */
async function traced(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; modules: string[] }> {
  const file = join(dir.path, `trace-${++traces}.txt`);
  const r = await cli(args, { NODE_OPTIONS: `--import ${TRACE_HOOK}`, IISFLEET_MODULE_TRACE: file });
  const modules = readFileSync(file, "utf8").split("\n").filter((l) => l !== "" && !l.startsWith("node:"));
  rmSync(file);
  return { ...r, modules };
}

function heavyIn(modules: string[]): string[] {
  return HEAVY.filter(([, re]) => modules.some((m) => re.test(m))).map(([name]) => name);
}

const commandModules = (modules: string[]) => modules.filter((m) => /\/cli\/commands\//.test(m)).map((m) => m.replace(/^.*\/cli\/commands\//, ""));

beforeAll(async () => {
  nats = await startNatsServer();
  controller = await startControllerProcess(nats.url, `${dir.path}/iisfleet.db`);
  agent = startAgentProcess(nats.url, { host: "quick01", farm: "web" });
  await waitForHosts(controller, ["quick01"]);
});

afterAll(async () => {
  await agent?.kill();
  await controller?.kill();
  await nats?.stop();
  dir.remove();
});

describe("CLI start-up: a run loads what its command needs", () => {
  it("--version prints the version and loads no command module and none of the daemon's dependencies", async () => {
    const r = await traced(["--version"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    // The trace works: commander itself is in it.
    expect(r.modules.some((m) => /\/node_modules\/commander\//.test(m))).toBe(true);
    expect(heavyIn(r.modules)).toEqual([]);
    expect(commandModules(r.modules)).toEqual([]);
  });

  it("hosts against a running controller lists the host, loading hosts.js alone and nothing heavy", async () => {
    const r = await traced(["--controller", controller.url, "hosts"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("quick01");
    expect(heavyIn(r.modules)).toEqual([]);
    expect(commandModules(r.modules)).toEqual(["hosts.js"]);
  });

  it("--help still lists every command, without loading the daemon, SQLite, NATS, pino or prom-client", async () => {
    const r = await traced(["--help"]);
    expect(r.code, r.stderr).toBe(0);
    for (const name of ["controller", "hosts", "host", "reset", "history", "show", "status", "cordon", "uncordon", "rollout", "window", "keys", "nats-config", "token", "audit", "farm", "completion"]) {
      expect(r.stdout, name).toMatch(new RegExp(`^  ${name}\\b`, "m"));
    }
    expect(heavyIn(r.modules).filter((h) => DAEMON_ONLY.includes(h))).toEqual([]);
  });

  it("a simulated agent, running, holds neither the Windows adapter nor the simulate and service-config subcommands", async () => {
    const file = join(dir.path, "agent-trace.txt");
    const lean = startAgentProcess(nats.url, { host: "lean01", env: { NODE_OPTIONS: `--import ${TRACE_HOOK}`, IISFLEET_MODULE_TRACE: file } });
    try {
      await waitForHosts(controller, ["quick01", "lean01"]);
      const modules = readFileSync(file, "utf8").split("\n").filter((l) => l.includes("/agent/dist/"));
      expect(modules.some((m) => m.includes("/host/simulated/"))).toBe(true);
      expect(modules.filter((m) => /\/agent\/dist\/(host\/windows|simulate|service\/service-config)/.test(m))).toEqual([]);
    } finally {
      await lean.kill();
    }
  });

  it("a command's own help loads only that command's module", async () => {
    const r = await traced(["reset", "--help"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("--level <level>");
    expect(commandModules(r.modules)).toEqual(["reset.js"]);
    expect(heavyIn(r.modules)).toEqual([]);
  });
});
