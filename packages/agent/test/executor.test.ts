// What the agent decides before and around the engine: wrong host, expiry, one operation at a time, replays.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Command, type ICommandResult, ResultCode, v1 } from "@iisfleet/proto";
import { afterEach, describe, expect, it } from "vitest";
import { type CordonControl, CommandExecutor, type ExecutorOptions } from "../src/commands/executor.js";
import type { Clock } from "../src/host/port.js";
import { SimulatedHost } from "../src/host/simulated/index.js";
import { ResetEngine } from "../src/reset/engine.js";
import { ResultJournal } from "../src/state/journal.js";
import { CLOCK_SKEW_MS } from "../src/security/command-verifier.js";

const hosts: SimulatedHost[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.dispose();
});

function memoryCordon(cordoned = false): CordonControl {
  let state = { cordoned, reason: cordoned ? "maintenance" : "", changedAtMs: 0 };
  return {
    get current() {
      return state;
    },
    set(c: boolean, reason: string, atMs: number) {
      state = { cordoned: c, reason, changedAtMs: atMs };
      return state;
    },
  };
}

function setup(opts: { cordoned?: boolean; now?: () => number; extra?: Partial<ExecutorOptions> } = {}) {
  const host = new SimulatedHost({ stopMs: 20, startMs: 20 });
  hosts.push(host);
  const clock: Clock = { now: opts.now ?? (() => Date.now()), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
  const events: Array<{ id: string; phase: string }> = [];
  const executor = new CommandExecutor({
    host: "web01",
    engine: new ResetEngine(host, { pollMs: 5 }),
    clock,
    cordon: memoryCordon(opts.cordoned === true),
    events: { progress: (id, phase) => events.push({ id, phase }) },
    ...opts.extra,
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
    // Expired beyond the clock skew every gate allows (60 s, README "Signed commands").
    ["expired", { expiresAtMs: Date.now() - CLOCK_SKEW_MS - 1_000 }, ResultCode.EXPIRED],
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
    expect(r.message).toContain("maintenance");
    expect(host.stateLog).toHaveLength(0);
  });

  it("cordon and uncordon commands switch resets off and on", async () => {
    const { executor, host } = setup();
    const c = await executor.execute(command({ commandId: "k1", reset: null, cordon: { cordoned: true, reason: "patching" } }));
    expect(c).toMatchObject({ outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: "OK" });
    expect(executor.cordon).toMatchObject({ cordoned: true, reason: "patching" });
    expect((await executor.execute(command({ commandId: "r1" }))).code).toBe(ResultCode.CORDONED);
    await executor.execute(command({ commandId: "k2", reset: null, cordon: { cordoned: false } }));
    expect((await executor.execute(command({ commandId: "r2" }))).code).toBe("OK");
    expect(host.stateLog.length).toBeGreaterThan(0);
  });

  it("a cordon that cannot be saved changes nothing and says so", async () => {
    const broken: CordonControl = {
      current: { cordoned: false, reason: "", changedAtMs: 0 },
      set: () => {
        throw new Error("ENOSPC: no space left on device");
      },
    };
    const { executor } = setup({ extra: { cordon: broken } });
    const r = await executor.execute(command({ commandId: "k1", reset: null, cordon: { cordoned: true } }));
    expect(r).toMatchObject({ outcome: v1.Outcome.OUTCOME_FAILED, code: ResultCode.HOST_ERROR });
    expect(r.message).toMatch(/could not be saved \(ENOSPC: no space left on device\); nothing changed/);
    expect(executor.cordon.cordoned).toBe(false);
  });

  it.each([
    ["force", { allowForce: false }, { force: true }, /does not allow --force/],
    ["a level", { allowedLevels: ["recycle" as const] }, {}, /does not allow resets at level iis/],
    ["an operation", { allowedOperations: ["restart" as const] }, { operation: v1.Operation.OPERATION_STOP }, /does not allow the stop operation/],
    ["reboot-on-error", {}, { rebootOnError: true }, /does not allow reboot-on-error/],
  ])("local policy refuses %s whatever the controller says, touching nothing", async (_l, policy, reset, message) => {
    const { executor, host } = setup({
      extra: { policy: { allowForce: true, allowReboot: false, allowedLevels: ["recycle", "w3svc", "iis", "http"], allowedOperations: ["restart", "stop", "start"], ...policy } },
    });
    const r = await executor.execute(command({ reset: { operation: v1.Operation.OPERATION_RESTART, level: v1.ResetLevel.RESET_LEVEL_IIS, ...reset } }));
    expect(r).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.POLICY });
    expect(r.message).toMatch(message);
    expect(host.stateLog).toHaveLength(0);
  });

  it("a restarted agent answers a repeated id from its journal instead of resetting again", async () => {
    const saved: ICommandResult[] = [];
    const first = setup({ extra: { journal: { append: (r) => void saved.push(r) } } });
    const r1 = await first.executor.execute(command());
    // A start marker, then the result.
    expect(saved.map((r) => r.outcome)).toEqual([v1.Outcome.OUTCOME_IN_PROGRESS, v1.Outcome.OUTCOME_SUCCEEDED]);
    const second = setup({ extra: { previous: saved } });
    const again = await second.executor.execute(command());
    expect(again).toMatchObject({ commandId: "c1", code: "OK", replayed: true });
    expect(again.steps).toEqual(r1.steps);
    expect(second.host.stateLog).toHaveLength(0);
  });

  it("writes the start marker before it says the reset started and before the host is touched", async () => {
    const order: string[] = [];
    const { executor, host } = setup({
      extra: {
        journal: { append: (r) => void order.push(`journal ${r.code} (host calls so far: ${host.stateLog.length})`) },
        onStart: () => void order.push(`started (host calls so far: ${host.stateLog.length})`),
      },
    });
    await executor.execute(command());
    expect(order.slice(0, 2)).toEqual(["journal IN_PROGRESS (host calls so far: 0)", "started (host calls so far: 0)"]);
  });

  it("an agent killed mid-reset answers INTERRUPTED after its restart, even once its replay memory has let the id go", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iisfleet-executor-"));
    try {
      const first = setup({ extra: { journal: new ResultJournal(dir) } });
      first.host.setFault("hung-stop");
      void first.executor.execute(command());
      await new Promise((r) => setTimeout(r, 50)); // the reset is under way: then the process dies
      const previous = new ResultJournal(dir).load().results;
      // A fresh replay memory: the entry was pruned a minute after the command's expiry.
      const second = setup({ extra: { previous } });
      const asked = await second.executor.execute(command({ commandId: "q1", outcome: { commandId: "c1" }, reset: null }));
      expect(asked).toMatchObject({ commandId: "c1", outcome: v1.Outcome.OUTCOME_FAILED, code: ResultCode.INTERRUPTED });
      expect(asked.message).toMatch(/stopped while this command ran/);
      const again = await second.executor.execute(command());
      expect(again).toMatchObject({ code: ResultCode.INTERRUPTED, replayed: true });
      expect(second.host.stateLog).toHaveLength(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a journal that cannot be written (full disk) is reported, and the result still answered", async () => {
    const errors: unknown[] = [];
    const { executor } = setup({
      extra: {
        journal: {
          append: () => {
            throw new Error("ENOSPC: no space left on device");
          },
        },
        onJournalError: (e) => errors.push(e),
      },
    });
    const r = await executor.execute(command());
    expect(r.code).toBe("OK");
    expect(errors).toHaveLength(2); // the start marker and the result
    expect((await executor.execute(command())).replayed).toBe(true);
  });

  it("reboot-on-error reboots only after a failed reset, and only where policy allows", async () => {
    let reboots = 0;
    const reboot = async () => void reboots++;
    const policy = { allowForce: true, allowReboot: true, allowedLevels: ["recycle", "w3svc", "iis", "http"] as const, allowedOperations: ["restart", "stop", "start"] as const };
    const ok = setup({ extra: { reboot, policy: { ...policy, allowedLevels: [...policy.allowedLevels], allowedOperations: [...policy.allowedOperations] } } });
    await ok.executor.execute(command({ reset: { rebootOnError: true } }));
    expect(reboots).toBe(0);

    const failing = setup({ extra: { reboot, policy: { ...policy, allowedLevels: [...policy.allowedLevels], allowedOperations: [...policy.allowedOperations] } } });
    failing.host.setFault("hung-stop");
    const r = await failing.executor.execute(command({ commandId: "f1", reset: { timeoutMs: 300, rebootOnError: true } }));
    expect(r.code).toBe("STOP_FAILED");
    expect(reboots).toBe(1);
    expect(r.steps?.at(-1)).toMatchObject({ action: v1.StepAction.STEP_ACTION_REBOOT, ok: true, message: "reboot initiated" });
    expect(r.message).toMatch(/Reboot-on-error: reboot initiated\.$/);
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

  it("every reset it runs leaves an entry in the host's own event log, failures too; refusals do not", async () => {
    const { host } = setup();
    const ex = new CommandExecutor({
      host: "web01",
      engine: new ResetEngine(host, { pollMs: 5 }),
      clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
      events: { progress: () => undefined },
      recordEvent: (e) => host.recordResetEvent(e),
    });
    await ex.execute(command({ commandId: "ok1", issuer: "controller:x/alice" }));
    await ex.execute(command({ commandId: "bad", targetHost: "web02" }));
    host.setFault("hung-stop");
    await ex.execute(command({ commandId: "fail1", reset: { timeoutMs: 300 } }));
    expect(host.eventLog.map((e) => [e.commandId, e.ok])).toEqual([
      ["ok1", true],
      ["fail1", false],
    ]);
    expect(host.eventLog[0]?.issuer).toBe("controller:x/alice");
    expect(host.eventLog[1]?.summary).toMatch(/^restart \(level iis\): STOP_FAILED: Restart attempt failed/);
  });

  it("reboot-on-error on the simulated host: every process goes, and the boot services come back", async () => {
    const { host } = setup();
    const policy = { allowForce: true, allowReboot: true, allowedLevels: ["recycle", "w3svc", "iis", "http"] as ("recycle" | "w3svc" | "iis" | "http")[], allowedOperations: ["restart", "stop", "start"] as ("restart" | "stop" | "start")[] };
    const ex = new CommandExecutor({
      host: "web01",
      engine: new ResetEngine(host, { pollMs: 5 }),
      clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
      events: { progress: () => undefined },
      policy,
      reboot: () => host.reboot(),
    });
    host.setFault("hung-stop");
    const r = await ex.execute(command({ reset: { timeoutMs: 300, rebootOnError: true } }));
    expect(r.code).toBe("STOP_FAILED");
    expect(host.reboots).toBe(1);
    const deadline = Date.now() + 5_000;
    while ((await host.queryService("W3SVC")).state !== 4 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
    expect((await host.queryService("W3SVC")).state).toBe(4);
  });
});
