// Proves startStack's teardown: stop() is idempotent and takes everything down, and a start that fails half-way
// (here: the wait for a host that never comes, with nats-server, the controller and an agent up) leaves nothing
// running and no dir behind.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hostsOf, startStack } from "./stack.js";

describe("startStack", () => {
  it("starts nats-server, the controller and the agents, waits for them; stop() twice takes it all down once", async () => {
    const stack = await startStack({ dirPrefix: "iisfleet-stack-test-", agents: hostsOf("shop", "st01") });
    try {
      expect(existsSync(`${stack.dir}/iisfleet.db`)).toBe(true);
      expect(stack.agent("st01")).toBe(stack.agents[0]);
      expect(() => stack.agent("nope01")).toThrow(/no agent nope01 in this stack \(it has st01\)/);
    } finally {
      await Promise.all([stack.stop(), stack.stop()]);
      await stack.stop();
    }
    expect(existsSync(stack.dir)).toBe(false);
    expect(stack.controller.child.exitCode !== null || stack.controller.child.signalCode !== null).toBe(true);
    expect(stack.agent("st01").child.exitCode !== null || stack.agent("st01").child.signalCode !== null).toBe(true);
    expect(existsSync(stack.nats.dir)).toBe(false);
  }, 90_000);

  it("a start that fails half-way stops what it started and removes its dir, then throws", async () => {
    // The temp-dir guard (globalSetup) fails the run if the dir or the nats-server's dir is left behind.
    const failing = startStack({ dirPrefix: "iisfleet-stack-test-", agents: hostsOf("shop", "st02"), waitFor: { hosts: ["never01"], timeoutMs: 2_000 } });
    await expect(failing).rejects.toThrow(/never01/);
  }, 90_000);
});
