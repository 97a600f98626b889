// A level/operation pair that means nothing (issue 18, item 4) is a usage error at the edge, over real processes:
// the CLI exits 2 and the API answers 400 with a code and a sentence naming both fields; nothing is sent to the
// agent, recorded as a command, or counted in the metrics.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Controller, cli } from "../support/processes.js";
import { type Stack, startStack } from "../support/stack.js";

let stack: Stack | undefined;
let controller: Controller;

const commands = async () => ((await (await controller.fetch("/api/v1/commands?host=use01")).json()) as { commands: unknown[] }).commands;
const sentTotal = async () => {
  const text = await (await controller.fetch("/metrics")).text();
  return text.split("\n").filter((l) => l.startsWith("iisfleet_commands_sent_total") || l.startsWith("iisfleet_commands_failed_total")).join("\n");
};

beforeAll(async () => {
  stack = await startStack({ dirPrefix: "iisfleet-reset-usage-e2e-", agents: [{ host: "use01", farm: "use" }], agentStateInDir: true });
  controller = stack.controller;
}, 90_000);

afterAll(() => stack?.stop());

describe("invalid level/operation pairs", () => {
  it.each(["stop", "start"])("reset --level recycle --operation %s: exit 2 at the CLI, 400 at the API, never sent, recorded or counted", async (operation) => {
    const metricsBefore = await sentTotal();
    const r = await cli(["--controller", controller.url, "reset", "use01", "--level", "recycle", "--operation", operation]);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toContain(`--level recycle goes only with --operation restart (recycling application pools has no stop or start), not --operation ${operation}`);

    const res = await controller.fetch("/api/v1/hosts/use01/reset", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ level: "recycle", operation }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("INVALID_INPUT");
    expect(body.error.message).toBe(`level: "recycle" goes only with operation "restart" (recycling application pools has no stop or start), not operation "${operation}"`);

    expect(await commands()).toEqual([]);
    expect(await sentTotal()).toBe(metricsBefore);
  });

  it("a valid pair still runs", async () => {
    const r = await cli(["--controller", controller.url, "reset", "use01", "--level", "recycle", "--json"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});
