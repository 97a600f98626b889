// The agent's stop as a Windows service: wait for a running command within a grace period, and lifecycle entries in
// the event log that never stop the agent when the log refuses them.
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/log.js";
import { AgentEventId, recordLifecycle, waitForRunningCommand } from "../src/service/lifecycle.js";

const log = createLogger("test", "silent");

describe("waitForRunningCommand", () => {
  it("returns at once when nothing runs", async () => {
    expect(await waitForRunningCommand(() => undefined, 10_000, log)).toEqual({ abandoned: undefined, waitedMs: 0 });
  });

  it("waits until the running command is done", async () => {
    let busy: string | undefined = "cmd-1";
    setTimeout(() => (busy = undefined), 150);
    const outcome = await waitForRunningCommand(() => busy, 10_000, log, 10);
    expect(outcome.abandoned).toBeUndefined();
    expect(outcome.waitedMs).toBeGreaterThanOrEqual(100);
  });

  it("gives up after the grace period and names the command it left running", async () => {
    const outcome = await waitForRunningCommand(() => "cmd-stuck", 200, log, 10);
    expect(outcome.abandoned).toBe("cmd-stuck");
    expect(outcome.waitedMs).toBeGreaterThanOrEqual(200);
  });
});

describe("recordLifecycle", () => {
  it("writes the entry through the host's event log", async () => {
    const written: unknown[] = [];
    await recordLifecycle(async (e) => void written.push(e), log, { eventId: AgentEventId.Started, type: 4, message: "started" });
    expect(written).toEqual([{ eventId: 3100, type: 4, message: "started" }]);
  });

  it("survives an event log that refuses the entry, and does nothing without one", async () => {
    await expect(recordLifecycle(() => Promise.reject(new Error("access denied")), log, { eventId: AgentEventId.Stopped, type: 4, message: "x" })).resolves.toBeUndefined();
    await expect(recordLifecycle(undefined, log, { eventId: AgentEventId.Stopped, type: 4, message: "x" })).resolves.toBeUndefined();
  });
});
