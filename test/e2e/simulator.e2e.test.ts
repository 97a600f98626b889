// `iisfleet-agent simulate` as a real process: 200 simulated agents on shared NATS connections, registered with a real
// controller, answering a live query completely, and resetting like any agent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { AGENT_BIN, type Controller, type Proc, cli, spawnNode, startControllerProcess, tempDir } from "../support/processes.js";
import { apiJson } from "../support/events.js";
import { waitFor } from "../support/wait.js";

const COUNT = 200;
let nats: NatsServer;
let controller: Controller;
let sim: Proc;
const dir = tempDir("iisfleet-sim-e2e-");

function simulate(args: string[]): Proc {
  return spawnNode("simulator", AGENT_BIN, ["simulate", ...args]);
}

beforeAll(async () => {
  nats = await startNatsServer();
  controller = await startControllerProcess(nats.url, `${dir.path}/iisfleet.db`);
  sim = simulate([
    "--count", String(COUNT), "--farm", "sim", "--tag", "dc=lab", "--connections", "3", "--nats", nats.url,
    "--heartbeat", "500ms", "--sim-stop-ms", "20", "--sim-start-ms", "20", "--poll-ms", "5",
  ]);
  await waitFor(() => /simulating 200 agents \(web001\.\.web200, farm sim\) on 3 NATS connections/.test(sim.stdout()), { what: "the simulator to start", timeoutMs: 30_000 });
  await waitFor(
    async () => (await apiJson<{ summary: { online: number } }>(controller, "/api/v1/status?farm=sim")).summary.online === COUNT,
    { what: `${COUNT} simulated agents to register`, timeoutMs: 30_000 },
  );
});

afterAll(async () => {
  await sim?.kill();
  await controller?.kill();
  await nats?.stop();
  dir.remove();
});

describe("iisfleet-agent simulate", () => {
  it("200 agents answer a live query completely, each with its own facts", async () => {
    const r = await cli(["--controller", controller.url, "status", "--live", "--farm", "sim", "--tag", "dc=lab", "--timeout", "10s", "--strict", "--json"]);
    expect(r.code).toBe(0);
    const a = r.json as { summary: Record<string, number>; answered: Array<{ host: string; instanceIds: string[]; services: unknown[] }>; nats: { end: string } };
    expect(a.summary).toMatchObject({ expected: COUNT, answered: COUNT, silent: 0, unknown: 0, malformed: 0, duplicates: 0 });
    expect(a.nats.end).toBe("complete");
    expect(new Set(a.answered.map((h) => h.instanceIds[0])).size).toBe(COUNT);
    expect(a.answered.every((h) => h.services.length > 0)).toBe(true);
  });

  it("a simulated host resets like a Windows host, step by step", async () => {
    const r = await cli(["--controller", controller.url, "reset", "web042", "--json"]);
    expect(r.code).toBe(0);
    const c = (r.json as { command: { state: string; steps: Array<{ action: string; target: string }> } }).command;
    expect(c.state).toBe("succeeded");
    expect(c.steps.filter((s) => s.action === "stop").at(-1)?.target).toBe("WAS");
    expect(c.steps.some((s) => s.action === "start" && s.target === "W3SVC")).toBe(true);
  });

  it("refuses a bad command line with a sentence and exit code 2", async () => {
    for (const [args, message] of [
      [["--farm", "sim"], /--count is required/],
      [["--count", "5", "--farm", "sim", "--connections", "9"], /--connections: 9 is more than --count 5/],
    ] as const) {
      const p = simulate([...args]);
      expect(await p.exited).toBe(2);
      expect(p.stderr()).toMatch(message);
      expect(p.stderr()).toMatch(/run with --help for usage/);
    }
    const help = simulate(["--help"]);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toMatch(/Usage: iisfleet-agent simulate --count N --farm NAME/);
  });

  it("stops every agent on SIGTERM and exits 0", async () => {
    await sim.kill("SIGTERM");
    expect(sim.child.exitCode).toBe(0);
    const r = await cli(["--controller", controller.url, "status", "--live", "--farm", "sim", "--timeout", "500ms", "--json"]);
    expect((r.json as { summary: { answered: number; silent: number } }).summary).toMatchObject({ answered: 0, silent: COUNT });
  });
});
