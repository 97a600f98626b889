// Dependents are never lost (#18 item 3), through the CLI over real NATS on simulated agent processes: a stop then
// a start brings the Net.* listener adapters back, and a noforce timeout on a slow-stop host is followed by a
// restore whose sentence matches what the host then shows (read back with a live status query).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Controller, cli } from "../support/processes.js";
import { type Stack, startStack } from "../support/stack.js";

interface CommandJson {
  state: string;
  code: string;
  message: string;
  steps: Array<{ action: string; target: string; ok: boolean; toState: string }>;
}

let stack: Stack | undefined;
let controller: Controller;

async function reset(host: string, ...args: string[]) {
  const r = await cli(["--controller", controller.url, "reset", host, "--json", ...args]);
  return { code: r.code, command: (r.json as { command: CommandJson }).command };
}

/** The host's services as its agent reports them now (a live query, one CLI call). */
async function services(host: string): Promise<Map<string, string>> {
  const r = await cli(["--controller", controller.url, "status", "--live", "--host", host, "--timeout", "10s", "--json"]);
  const answered = (r.json as { answered: Array<{ host: string; services: Array<{ name: string; state: string }> }> }).answered;
  const facts = answered.find((a) => a.host === host);
  if (!facts) throw new Error(`${host} did not answer`);
  return new Map(facts.services.map((s) => [s.name, s.state]));
}

beforeAll(async () => {
  stack = await startStack({
    dirPrefix: "iisfleet-dependents-e2e-",
    agents: [
      { host: "dep01" },
      // IIS services stop in 10 × 300 ms here: W3SVC fits a 4 s budget after the activators, WAS does not.
      { host: "slow01", fault: "slow-stop", stopMs: 300 },
    ],
  });
  controller = stack.controller;
}, 60_000);

afterAll(() => stack?.stop());

describe("dependents are never lost", () => {
  it("reset --operation stop, then --operation start: W3SVC, WAS and the automatic listener adapters all run again", async () => {
    const before = await services("dep01");
    expect(before.get("NetTcpActivator")).toBe("RUNNING");
    const stopped = await reset("dep01", "--operation", "stop");
    expect(stopped.code).toBe(0);
    expect((await services("dep01")).get("NetPipeActivator")).toBe("STOPPED");
    const started = await reset("dep01", "--operation", "start");
    expect(started.code).toBe(0);
    expect(started.command.state).toBe("succeeded");
    expect(await services("dep01")).toEqual(before); // NetMsmqActivator (manual) stopped before and after
  }, 60_000);

  it("a noforce timeout on a slow-stop host: the restore waits for WAS, and the result matches the host", async () => {
    const before = await services("slow01");
    const r = await reset("slow01", "--timeout", "4");
    expect(r.code).toBe(1);
    expect(r.command).toMatchObject({ state: "failed", code: "STOP_FAILED" });
    expect(r.command.steps.find((s) => !s.ok)).toMatchObject({ action: "stop", target: "WAS", toState: "STOP_PENDING" });
    expect(await services("slow01")).toEqual(before);
    expect(r.command.message).toContain("the services it had stopped were started again");
  }, 90_000);
});
