// The arr drain provider and the command layer under it: CommandService.lbMember against an in-process AgentBus
// that answers like an ARR host's agent (its counters move a step per status read), and SQLite as it is.
import { type ICommandResult, ResultCode, decode, lbMemberActionName, lbMemberStateFromName, v1 } from "@iisfleet/proto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AgentBus } from "../src/commands/agent-bus.js";
import { CommandService } from "../src/commands/command-service.js";
import { ArrDrain } from "../src/drain/arr.js";
import { type ArrDrainConfig, describeDrain, drainConfig } from "../src/drain/config.js";
import { DrainError } from "../src/drain/provider.js";
import { drainProviders } from "../src/drain/providers.js";
import { AgentTimeoutError } from "../src/errors.js";
import { FleetRegistry } from "../src/fleet/registry.js";
import { Store } from "../src/store/index.js";

let store: Store;
/** Advanced by a request that times out: it costs the controller that long, as a real one does. */
let elapsed = 0;
const clock = { now: () => Date.now() + elapsed };

beforeEach(() => {
  store = Store.open(":memory:");
  new FleetRegistry(store, clock).recordHeartbeat(v1.Heartbeat.create({ instanceId: "i", intervalMs: 1000, facts: { host: "arr01", farm: "edge" } }), "arr01");
});
afterEach(() => store.close());

type State = "available" | "drain" | "unavailable";

/** An ARR host's agent: farm "shopfarm" with web01, web02. A drained member loses one request per status read. */
class ArrAgentBus implements AgentBus {
  members = new Map<string, { state: State; requests: number; healthy: boolean }>([
    ["web01", { state: "available", requests: 2, healthy: true }],
    ["web02", { state: "available", requests: 2, healthy: true }],
  ]);
  actions: string[] = [];
  /** Reads before a member put back is healthy again; Infinity: never. */
  unhealthyReads = 0;
  /** Requests that never finish. */
  stuck = false;
  /** Something to do on each status read (e.g. someone else flipping the member). */
  onStatus?: (server: string) => void;
  fail?: Error;

  async sendCommand(host: string, envelope: Uint8Array): Promise<ICommandResult> {
    if (this.fail instanceof AgentTimeoutError) elapsed += 15_000;
    if (this.fail) throw this.fail;
    const cmd = decode.command(decode.envelope(envelope).command);
    const req = cmd.lbMember as v1.ILbMemberRequest;
    const action = lbMemberActionName(req.action) ?? "?";
    this.actions.push(`${action} ${req.server}`);
    const base = { commandId: cmd.commandId, host };
    if (req.webFarm !== "shopfarm") {
      return { ...base, outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.LB_FARM_UNKNOWN, message: `ARR on this host has no web farm "${req.webFarm}".` };
    }
    const m = this.members.get(req.server ?? "");
    if (!m) return { ...base, outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.LB_SERVER_UNKNOWN, message: `no server "${req.server}"` };
    if (action === "drain") m.state = "drain";
    if (action === "available") {
      m.state = "available";
      m.healthy = this.unhealthyReads === 0;
    }
    if (action === "status") {
      this.onStatus?.(req.server ?? "");
      if (m.state === "drain" && !this.stuck) m.requests = Math.max(0, m.requests - 1);
      if (m.state === "available" && !m.healthy && --this.unhealthyReads <= 0) m.healthy = true;
    }
    return {
      ...base,
      outcome: v1.Outcome.OUTCOME_SUCCEEDED,
      code: "OK",
      message: `shopfarm/${req.server}: ${m.state}`,
      lbMember: { webFarm: "shopfarm", server: req.server ?? "", state: lbMemberStateFromName(m.state), healthy: m.healthy, currentRequests: m.requests, totalRequests: 10 },
    };
  }
}

function setup(over: Partial<ArrDrainConfig> = {}) {
  const bus = new ArrAgentBus();
  const commands = new CommandService(store, bus, clock, "controller:test", undefined, undefined, { pollMs: 1 });
  const config = drainConfig.parse({ provider: "arr", arrHost: "arr01", webFarm: "shopfarm", pollMs: 50, ...over }) as ArrDrainConfig;
  const provider = new ArrDrain(config, commands, { farm: "shop", rolloutId: "r1" });
  return { bus, commands, provider };
}

const lbCommands = () =>
  store.db.prepare("SELECT kind, host, issuer, operation, state, code, options_json AS options FROM commands WHERE kind = 'lb' ORDER BY created_ms, rowid").all() as Array<Record<string, string>>;

describe("arr drain provider", () => {
  it("drain: SetState Drain through the ARR host's agent, then reads the counters until 0 requests; undrain: Available and healthy", async () => {
    const { bus, provider } = setup();
    expect(await provider.drain("web01")).toEqual({ message: "ARR arr01 shopfarm/web01 drained (0 current requests)" });
    expect(bus.actions).toEqual(["drain web01", "status web01", "status web01"]);
    expect(bus.members.get("web02")?.state).toBe("available");
    expect(await provider.undrain("web01")).toEqual({ message: "ARR arr01 shopfarm/web01 available and healthy" });
    expect(bus.members.get("web01")?.state).toBe("available");
    // The two changes are commands with a history (on the ARR host, issued by the rollout); the reads are not.
    expect(lbCommands()).toEqual([
      { kind: "lb", host: "arr01", issuer: "rollout:r1", operation: "drain", state: "succeeded", code: "OK", options: JSON.stringify({ webFarm: "shopfarm", server: "web01" }) },
      { kind: "lb", host: "arr01", issuer: "rollout:r1", operation: "available", state: "succeeded", code: "OK", options: JSON.stringify({ webFarm: "shopfarm", server: "web01" }) },
    ]);
  });

  it("maps the host to the member's address with the server template", async () => {
    const { bus } = setup();
    bus.members.set("web01.shop.local", { state: "available", requests: 0, healthy: true });
    const templated = new ArrDrain(drainConfig.parse({ provider: "arr", arrHost: "ARR01", webFarm: "shopfarm", server: "{host}.shop.local", pollMs: 50 }) as ArrDrainConfig, new CommandService(store, bus, clock, "c"), { farm: "shop", rolloutId: "" });
    expect((await templated.drain("web01")).message).toBe("ARR arr01 shopfarm/web01.shop.local drained (0 current requests)");
    expect(lbCommands().at(-1)?.issuer).toBe("drain:shop");
  });

  it("a drain timeout lets the reset go ahead and says how many requests were cut", async () => {
    const { bus, provider } = setup({ drainTimeoutMs: 120 });
    bus.stuck = true;
    expect((await provider.drain("web01")).message).toBe("ARR arr01 shopfarm/web01 draining; 2 requests still running after the 0.12 s drain timeout");
  });

  it.each([
    ["an unknown web farm", { webFarm: "nofarm" }, "web01", /answered LB_FARM_UNKNOWN: ARR on this host has no web farm "nofarm"/],
    ["an unknown server", {}, "web09", /answered LB_SERVER_UNKNOWN: no server "web09"/],
    ["an ARR host no agent ever reported", { arrHost: "arr99" }, "web01", /ARR arr99 shopfarm\/web01: .*arr99/],
  ])("%s is DRAIN_FAILED with the agent's words", async (_l, over, host, message) => {
    const { provider } = setup(over);
    const err = await provider.drain(host).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DrainError);
    expect(err).toMatchObject({ code: "DRAIN_FAILED" });
    expect((err as Error).message).toMatch(message);
  });

  it("an ARR host's agent that does not answer is DRAIN_FAILED, and the command is recorded as timed out", async () => {
    const { bus, provider } = setup();
    bus.fail = new AgentTimeoutError("arr01", 15_000);
    const err = await provider.drain("web01").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "DRAIN_FAILED", message: expect.stringMatching(/answered AGENT_TIMEOUT: The agent did not answer \(The agent on arr01 did not answer/) });
    expect(lbCommands().map((c) => c.state)).toEqual(["timed-out"]);
  });

  it("a member someone puts back in rotation while it drains fails the drain: resetting it would cut live traffic", async () => {
    const { bus, provider } = setup();
    bus.stuck = true;
    bus.onStatus = (server) => {
      const m = bus.members.get(server);
      if (m) m.state = "available";
    };
    await expect(provider.drain("web01")).rejects.toMatchObject({ code: "DRAIN_FAILED", message: expect.stringMatching(/available again while draining/) });
  });

  it("undrain waits for ARR's health verdict, and fails (UNDRAIN_FAILED) when the member never turns healthy", async () => {
    const { bus, provider } = setup({ undrainTimeoutMs: 150 });
    bus.unhealthyReads = 2;
    expect((await provider.undrain("web01")).message).toBe("ARR arr01 shopfarm/web01 available and healthy");
    expect(bus.actions.filter((a) => a.startsWith("status"))).toHaveLength(2);
    bus.unhealthyReads = Number.POSITIVE_INFINITY;
    await expect(provider.undrain("web02")).rejects.toMatchObject({
      code: "UNDRAIN_FAILED",
      message: "ARR arr01 shopfarm/web02 is set available but ARR still reports it available and unhealthy after 0.15 s.",
    });
  });

  it("without an agent bus the provider refuses rather than pretending", async () => {
    const p = drainProviders().providerFor(drainConfig.parse({ provider: "arr", arrHost: "arr01", webFarm: "shopfarm" }), { farm: "shop", rolloutId: "" });
    await expect(p.drain("web01")).rejects.toMatchObject({ code: "DRAIN_FAILED", message: expect.stringMatching(/cannot reach the ARR host's agent/) });
  });
});

describe("arr drain settings", () => {
  it("fill in defaults and read as one line", () => {
    const c = drainConfig.parse({ provider: "arr", arrHost: "ARR01", webFarm: "shop farm" });
    expect(c).toEqual({ provider: "arr", arrHost: "arr01", webFarm: "shop farm", server: "{host}", drainTimeoutMs: 60_000, undrainTimeoutMs: 60_000, pollMs: 1_000 });
    expect(describeDrain(c)).toBe("arr on arr01, web farm shop farm, server {host}, drain timeout 60 s");
  });

  it.each([
    [{ provider: "arr", webFarm: "shopfarm" }, "arrHost"],
    [{ provider: "arr", arrHost: "arr.01", webFarm: "shopfarm" }, "arrHost"],
    [{ provider: "arr", arrHost: "arr01", webFarm: "shop'farm" }, "webFarm"],
    [{ provider: "arr", arrHost: "arr01", webFarm: "shopfarm", server: "web 01" }, "server"],
    [{ provider: "arr", arrHost: "arr01", webFarm: "shopfarm", pollMs: 10 }, "pollMs"],
  ])("reject %j (%s)", (input, field) => {
    const r = drainConfig.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path.join(".") ?? "").toBe(field);
  });
});
