// Load-balancer member commands on the agent: the simulated ARR (requests drain over time, read from a manual
// clock), the executor's path for them (policy, unknown farm / server, no ARR, replays, reads not remembered),
// and the administrator's policy switch.
import { type Command, ResultCode, lbMemberStateName, v1 } from "@iisfleet/proto";
import { afterEach, describe, expect, it } from "vitest";
import { CommandExecutor, type ExecutorOptions } from "../src/commands/executor.js";
import { LbMemberError } from "../src/host/lb-member.js";
import type { Clock } from "../src/host/port.js";
import { type ArrStateChange, SimulatedArr, SimulatedHost } from "../src/host/simulated/index.js";
import { ResetEngine } from "../src/reset/engine.js";
import { CLOCK_SKEW_MS } from "../src/security/command-verifier.js";
import { parsePolicy } from "../src/state/policy.js";

class ManualClock implements Clock {
  constructor(public t = 1_000_000) {}
  now = () => this.t;
  sleep = async (ms: number) => void (this.t += ms);
}

const hosts: SimulatedHost[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.dispose();
});

function arr(clock: ManualClock, changes: ArrStateChange[] = []) {
  return new SimulatedArr({ farms: { ShopFarm: ["web01", "web02"] }, drainMs: 1_000, requests: 4, clock, onChange: (c) => changes.push(c) });
}

function setup(o: { arr?: SimulatedArr; extra?: Partial<ExecutorOptions>; clock?: ManualClock } = {}) {
  const clock = o.clock ?? new ManualClock();
  const host = new SimulatedHost({ stopMs: 10, startMs: 10, ...(o.arr ? { arr: o.arr } : {}) });
  hosts.push(host);
  const executor = new CommandExecutor({
    host: "arr01",
    engine: new ResetEngine(host, { pollMs: 5 }),
    clock,
    events: { progress: () => undefined },
    arrMember: (farm, server, action) => host.arrMember(farm, server, action),
    ...o.extra,
  });
  return { executor, host, clock };
}

let seq = 0;
function lb(action: v1.LbMemberAction, o: Partial<v1.ILbMemberRequest> = {}, id = `lb-${++seq}`): Command {
  return v1.Command.create({
    commandId: id,
    targetHost: "arr01",
    issuedAtMs: 1_000_000,
    expiresAtMs: 1_000_000 + 30_000_000,
    nonce: new Uint8Array([seq, seq >> 8, 7]),
    lbMember: { webFarm: "ShopFarm", server: "web01", action, ...o },
  });
}
const { LB_MEMBER_ACTION_STATUS: STATUS, LB_MEMBER_ACTION_DRAIN: DRAIN, LB_MEMBER_ACTION_AVAILABLE: AVAILABLE } = v1.LbMemberAction;

describe("the simulated ARR", () => {
  it("drains a member's requests to 0 over the drain time, and takes it back in rotation", async () => {
    const clock = new ManualClock();
    const changes: ArrStateChange[] = [];
    const a = arr(clock, changes);
    expect(await a.member("shopfarm", "WEB01", "status")).toMatchObject({ webFarm: "ShopFarm", server: "web01", state: "available", currentRequests: 4, healthy: true });
    expect(await a.member("ShopFarm", "web01", "drain")).toMatchObject({ state: "drain", currentRequests: 4 });
    clock.t += 500;
    expect((await a.member("ShopFarm", "web01", "status")).currentRequests).toBe(2);
    clock.t += 500;
    expect((await a.member("ShopFarm", "web01", "status")).currentRequests).toBe(0);
    expect((await a.member("ShopFarm", "web02", "status")).state).toBe("available"); // the other member is untouched
    expect(await a.member("ShopFarm", "web01", "available")).toMatchObject({ state: "available", currentRequests: 4 });
    expect(changes.map((c) => [c.server, c.from, c.to, c.atMs])).toEqual([
      ["web01", "available", "drain", 1_000_000],
      ["web01", "drain", "available", 1_001_000],
    ]);
  });

  it("a repeated drain changes nothing (the countdown is not restarted)", async () => {
    const clock = new ManualClock();
    const changes: ArrStateChange[] = [];
    const a = arr(clock, changes);
    await a.member("ShopFarm", "web01", "drain");
    clock.t += 750;
    expect((await a.member("ShopFarm", "web01", "drain")).currentRequests).toBe(1);
    expect(changes).toHaveLength(1);
  });

  it("names what exists when a farm or a server does not", async () => {
    const a = arr(new ManualClock());
    await expect(a.member("nope", "web01", "status")).rejects.toMatchObject({ code: "FARM_UNKNOWN", message: expect.stringMatching(/no web farm "nope" \(it has: ShopFarm\)/) });
    await expect(a.member("ShopFarm", "web09", "drain")).rejects.toMatchObject({ code: "SERVER_UNKNOWN", message: expect.stringMatching(/no server "web09" \(it has: web01, web02\)/) });
  });

  it("a simulated host without ARR says so", async () => {
    const host = new SimulatedHost();
    hosts.push(host);
    await expect(host.arrMember("ShopFarm", "web01", "status")).rejects.toBeInstanceOf(LbMemberError);
    await expect(host.arrMember("ShopFarm", "web01", "status")).rejects.toMatchObject({ code: "NO_LB" });
  });
});

describe("CommandExecutor: load-balancer member commands", () => {
  it("drains, reports the member's counters on the wire, and waits for nothing (the controller polls)", async () => {
    const clock = new ManualClock();
    const { executor } = setup({ arr: arr(clock), clock });
    const r = await executor.execute(lb(DRAIN));
    expect(r).toMatchObject({ outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: ResultCode.OK, message: "ShopFarm/web01: drain, 4 current requests." });
    expect(lbMemberStateName(r.lbMember?.state)).toBe("drain");
    expect(r.lbMember).toMatchObject({ webFarm: "ShopFarm", server: "web01", healthy: true, currentRequests: 4 });
    clock.t += 1_000;
    const s = await executor.execute(lb(STATUS));
    expect(s).toMatchObject({ code: ResultCode.OK, message: "ShopFarm/web01: drain, 0 current requests." });
    const back = await executor.execute(lb(AVAILABLE));
    expect(lbMemberStateName(back.lbMember?.state)).toBe("available");
    expect(executor.executedCount).toBe(0); // not a reset
  });

  it("remembers a drain (a repeat is answered, not re-run) but never a status read", async () => {
    const clock = new ManualClock();
    const saved: unknown[] = [];
    const changes: ArrStateChange[] = [];
    const { executor } = setup({ arr: arr(clock, changes), clock, extra: { journal: { append: (r) => void saved.push(r) } } });
    const drain = lb(DRAIN);
    await executor.execute(drain);
    await executor.execute(lb(AVAILABLE));
    const again = await executor.execute(drain);
    expect(again).toMatchObject({ replayed: true, message: "ShopFarm/web01: drain, 4 current requests." });
    expect(changes).toHaveLength(2); // drain, available: the repeat did not drain again
    await executor.execute(lb(STATUS));
    await executor.execute(lb(STATUS));
    expect(saved).toHaveLength(2);
  });

  it.each([
    ["an unknown farm", { webFarm: "nope" }, ResultCode.LB_FARM_UNKNOWN, /no web farm "nope"/],
    ["an unknown server", { server: "web09" }, ResultCode.LB_SERVER_UNKNOWN, /no server "web09"/],
    ["no farm at all", { webFarm: "" }, ResultCode.MALFORMED, /names no web farm or no server/],
    ["no action", { action: v1.LbMemberAction.LB_MEMBER_ACTION_UNSPECIFIED }, ResultCode.MALFORMED, /names no action/],
  ])("refuses %s with a clear code, touching nothing", async (_l, req, code, message) => {
    const changes: ArrStateChange[] = [];
    const { executor } = setup({ arr: arr(new ManualClock(), changes) });
    const r = await executor.execute(lb(DRAIN, req));
    expect(r).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code });
    expect(r.message).toMatch(message);
    expect(changes).toHaveLength(0);
  });

  it("answers UNSUPPORTED on a host without ARR, and where the adapter has no ARR capability at all", async () => {
    const noArr = setup();
    expect(await noArr.executor.execute(lb(DRAIN))).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.UNSUPPORTED, message: expect.stringMatching(/runs no ARR/) });
    const noCapability = setup({ extra: { arrMember: undefined } });
    expect(await noCapability.executor.execute(lb(STATUS))).toMatchObject({ code: ResultCode.UNSUPPORTED, message: expect.stringMatching(/manages no load balancer/) });
  });

  it("the host's policy can forbid load-balancer changes: POLICY, nothing set; reading stays allowed", async () => {
    const changes: ArrStateChange[] = [];
    const policy = parsePolicy('{"allowLbControl": false}', "policy.json");
    const { executor } = setup({ arr: arr(new ManualClock(), changes), extra: { policy } });
    const r = await executor.execute(lb(DRAIN));
    expect(r).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.POLICY });
    expect(r.message).toMatch(/does not allow load-balancer changes \(allowLbControl is false\); ShopFarm\/web01 was not set to drain/);
    expect(changes).toHaveLength(0);
    expect(await executor.execute(lb(STATUS))).toMatchObject({ code: ResultCode.OK });
  });

  it("a load balancer that fails in an unforeseen way is a FAILED HOST_ERROR with its words", async () => {
    const { executor } = setup({ extra: { arrMember: async () => Promise.reject(new Error("Access is denied. (Win32 5)")) } });
    expect(await executor.execute(lb(DRAIN))).toMatchObject({
      outcome: v1.Outcome.OUTCOME_FAILED,
      code: ResultCode.HOST_ERROR,
      message: "The load balancer did not answer for ShopFarm/web01: Access is denied. (Win32 5)",
    });
  });

  it("refuses an expired status read like any command", async () => {
    // Past its expiry by more than the clock skew agents allow (60 s, as the signature gate).
    const clock = new ManualClock(1_000_000 + 30_000_000 + CLOCK_SKEW_MS + 1);
    const { executor } = setup({ arr: arr(clock), clock });
    expect(await executor.execute(lb(STATUS))).toMatchObject({ code: ResultCode.EXPIRED });
  });
});

describe("policy file: allowLbControl", () => {
  it("defaults to allowed and must be a boolean", () => {
    expect(parsePolicy("{}", "p").allowLbControl).toBe(true);
    expect(parsePolicy('{"allowLbControl": false}', "p").allowLbControl).toBe(false);
    expect(() => parsePolicy('{"allowLbControl": "no"}', "p")).toThrow(/"allowLbControl" must be true or false/);
  });
});

describe("agent options: --sim-arr-farm", () => {
  const env = { IISFLEET_STATE_DIR: "/tmp/x" };
  it("builds the simulated ARR's farms, drain time and requests", async () => {
    const { parseAgentArgs } = await import("../src/options.js");
    const o = parseAgentArgs(["--host", "arr01", "--simulate", "--sim-arr-farm", "shopfarm=web01,web02", "--sim-arr-farm", "api=api01", "--sim-arr-drain-ms", "200"], env);
    expect(o.sim.arr).toEqual({ farms: { shopfarm: ["web01", "web02"], api: ["api01"] }, drainMs: 200, requests: 4 });
    expect(parseAgentArgs(["--host", "web01", "--simulate"], env).sim.arr.farms).toEqual({});
  });

  it.each([
    [["--sim-arr-farm", "shopfarm=web01"], /only applies to a simulated host/],
    [["--simulate", "--sim-arr-farm", "shopfarm"], /is not NAME=SERVER,SERVER/],
    [["--simulate", "--sim-arr-farm", "shop farm=web01"], /is not NAME=SERVER,SERVER/],
    [["--simulate", "--sim-arr-farm", "shopfarm=web01,,web02"], /is not NAME=SERVER,SERVER/],
    [["--simulate", "--sim-arr-farm", "a=web01", "--sim-arr-farm", "a=web02"], /farm "a" is given twice/],
    [["--simulate", "--sim-arr-requests", "x"], /--sim-arr-requests: "x" is not a whole number/],
  ])("refuses %j with a sentence", async (args, message) => {
    const { parseAgentArgs, UsageError } = await import("../src/options.js");
    expect(() => parseAgentArgs(["--host", "arr01", ...args], env)).toThrow(UsageError);
    expect(() => parseAgentArgs(["--host", "arr01", ...args], env)).toThrow(message);
  });
});
