// What the agent decides before and around the engine: wrong host, expiry, one operation at a time, replays.
import { type Command, ResultCode, v1 } from "@iisfleet/proto";
import { afterEach, describe, expect, it } from "vitest";
import { CommandExecutor } from "../src/commands/executor.js";
import type { Clock } from "../src/host/port.js";
import { SimulatedHost } from "../src/host/simulated/index.js";
import { ResetEngine } from "../src/reset/engine.js";

const hosts: SimulatedHost[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.dispose();
});

function setup(opts: { cordoned?: boolean; now?: () => number } = {}) {
  const host = new SimulatedHost({ stopMs: 20, startMs: 20 });
  hosts.push(host);
  const clock: Clock = { now: opts.now ?? (() => Date.now()), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
  const events: Array<{ id: string; phase: string }> = [];
  const executor = new CommandExecutor({
    host: "web01",
    engine: new ResetEngine(host, { pollMs: 5 }),
    clock,
    isCordoned: () => opts.cordoned === true,
    events: { progress: (id, phase) => events.push({ id, phase }) },
  });
  return { host, executor, events };
}

function command(o: Partial<v1.ICommand> = {}): Command {
  return v1.Command.create({
    commandId: "c1",
    targetHost: "web01",
    issuedAtMs: Date.now(),
    expiresAtMs: Date.now() + 30_000,
    reset: { operation: v1.Operation.OPERATION_RESTART, level: v1.ResetLevel.RESET_LEVEL_IIS },
    ...o,
  });
}

describe("CommandExecutor", () => {
  it("runs a reset and reports steps and progress", async () => {
    const { executor, events } = setup();
    const r = await executor.execute(command());
    expect(r).toMatchObject({ commandId: "c1", host: "web01", outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: "OK" });
    expect(r.steps?.length).toBeGreaterThan(0);
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(["stopping", "starting", "done"]));
  });

  it("answers a repeated command id with the stored result instead of resetting again", async () => {
    const { executor, host } = setup();
    const first = await executor.execute(command());
    const changes = host.stateLog.length;
    const again = await executor.execute(command());
    expect(again.replayed).toBe(true);
    expect(again.steps).toEqual(first.steps);
    expect(host.stateLog.length).toBe(changes);
  });

  it("a repeat that arrives while the first is still running waits for the same result", async () => {
    const { executor, host } = setup();
    const [a, b] = await Promise.all([executor.execute(command()), executor.execute(command())]);
    expect(a.outcome).toBe(v1.Outcome.OUTCOME_SUCCEEDED);
    expect(b.replayed).toBe(true);
    expect(host.stateLog.filter((c) => c.service === "W3SVC" && c.to === 1)).toHaveLength(1);
  });

  it("refuses a second operation while one runs: BUSY with the running command's id", async () => {
    const { executor } = setup();
    const first = executor.execute(command({ commandId: "first" }));
    const second = await executor.execute(command({ commandId: "second" }));
    expect(second).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.BUSY, busyCommandId: "first" });
    expect((await first).code).toBe("OK");
  });

  it.each([
    ["another host", { targetHost: "web02" }, ResultCode.WRONG_HOST],
    ["expired", { expiresAtMs: Date.now() - 1 }, ResultCode.EXPIRED],
    ["no body", { reset: null }, ResultCode.UNSUPPORTED],
    ["no id", { commandId: "" }, ResultCode.MALFORMED],
  ])("refuses a command for %s and touches nothing", async (_label, patch, code) => {
    const { executor, host } = setup();
    const r = await executor.execute(command(patch as Partial<v1.ICommand>));
    expect(r.outcome).toBe(v1.Outcome.OUTCOME_REJECTED);
    expect(r.code).toBe(code);
    expect(host.stateLog).toHaveLength(0);
  });

  it("refuses resets on a cordoned host", async () => {
    const { executor, host } = setup({ cordoned: true });
    const r = await executor.execute(command());
    expect(r.code).toBe(ResultCode.CORDONED);
    expect(host.stateLog).toHaveLength(0);
  });

  it("answers outcome queries: unknown, then the stored result", async () => {
    const { executor } = setup();
    const q = (id: string) => command({ commandId: `q-${id}`, reset: null, outcome: { commandId: id } });
    expect((await executor.execute(q("c1"))).code).toBe(ResultCode.UNKNOWN_COMMAND);
    const running = executor.execute(command());
    expect((await executor.execute(q("c1"))).code).toBe(ResultCode.IN_PROGRESS);
    await running;
    const stored = await executor.execute(q("c1"));
    expect(stored).toMatchObject({ commandId: "c1", code: "OK", replayed: true });
  });
});
