// The command layer against an in-process AgentBus (the transport port): proves what is in SQLite at the moment
// a command is handed to the transport, and how each transport failure is recorded.
import { type ICommandResult, decode, v1 } from "@iisfleet/proto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AgentBus } from "../src/commands/agent-bus.js";
import { CommandService } from "../src/commands/command-service.js";
import { AgentTimeoutError, AgentUnreachableError, UnknownHostError } from "../src/errors.js";
import { FleetRegistry } from "../src/fleet/registry.js";
import { Store } from "../src/store/index.js";

let store: Store;
const clock = { now: () => Date.now() };

beforeEach(() => {
  store = Store.open(":memory:");
  new FleetRegistry(store, clock).recordHeartbeat(v1.Heartbeat.create({ instanceId: "i", intervalMs: 1000, facts: { host: "web01", farm: "f" } }), "web01");
});
afterEach(() => store.close());

class ScriptedBus implements AgentBus {
  seenAtSend: Array<{ state: unknown; events: string[] }> = [];
  sent: Uint8Array[] = [];
  constructor(private readonly answer: (env: Uint8Array) => Promise<ICommandResult>) {}
  async sendCommand(_host: string, envelope: Uint8Array): Promise<ICommandResult> {
    const cmd = decode.command(decode.envelope(envelope).command);
    this.seenAtSend.push({
      state: store.db.prepare("SELECT state FROM commands WHERE id = ?").get(cmd.commandId),
      events: (store.db.prepare("SELECT kind FROM events WHERE command_id = ? ORDER BY id").all(cmd.commandId) as Array<{ kind: string }>).map((e) => e.kind),
    });
    this.sent.push(envelope);
    return this.answer(envelope);
  }
}

const ok = (env: Uint8Array): Promise<ICommandResult> => {
  const cmd = decode.command(decode.envelope(env).command);
  return Promise.resolve({
    commandId: cmd.commandId,
    host: "web01",
    outcome: v1.Outcome.OUTCOME_SUCCEEDED,
    code: "OK",
    message: "Internet services successfully restarted.",
    steps: [{ seq: 1, action: v1.StepAction.STEP_ACTION_STOP, target: "W3SVC", fromState: 4, toState: 1, durationMs: 12, ok: true }],
  });
};

const params = { host: "web01", operation: "restart", level: "iis", force: false, timeoutMs: 0, issuer: "alice" } as const;

describe("CommandService", () => {
  it("commits the command as sent, with its events, before handing it to the transport", async () => {
    const bus = new ScriptedBus(ok);
    const detail = await new CommandService(store, bus, clock, "controller:test").reset(params);
    expect(bus.seenAtSend).toEqual([{ state: { state: "sent" }, events: ["command.created", "command.sent"] }]);
    expect(detail).toMatchObject({ state: "succeeded", code: "OK", issuer: "alice", steps: [{ action: "stop", target: "W3SVC", fromState: "RUNNING", toState: "STOPPED" }] });
  });

  it("sends a well-formed, noforce, expiring command addressed to the host", async () => {
    const bus = new ScriptedBus(ok);
    await new CommandService(store, bus, clock, "controller:test").reset(params);
    const cmd = decode.command(decode.envelope(bus.sent[0] as Uint8Array).command);
    expect(cmd.targetHost).toBe("web01");
    expect(cmd.reset?.force).toBe(false);
    expect(cmd.issuer).toBe("controller:test/alice");
    expect(cmd.expiresAtMs).toBeGreaterThan(cmd.issuedAtMs);
    expect(cmd.nonce).toHaveLength(16);
  });

  it("an unknown host is refused before anything is written", async () => {
    const bus = new ScriptedBus(ok);
    await expect(new CommandService(store, bus, clock, "c").reset({ ...params, host: "web99" })).rejects.toBeInstanceOf(UnknownHostError);
    expect(store.db.prepare("SELECT count(*) AS n FROM commands").get()).toEqual({ n: 0 });
    expect(bus.sent).toHaveLength(0);
  });

  it("an agent that never answers is recorded as timed-out, not silently dropped", async () => {
    const bus = new ScriptedBus(() => Promise.reject(new AgentTimeoutError("web01", 85_000)));
    const d = await new CommandService(store, bus, clock, "c").reset(params);
    expect(d).toMatchObject({ state: "timed-out", code: "AGENT_TIMEOUT" });
    expect(d.message).toMatch(/did not answer within 85 s; the outcome is unknown/);
  });

  it("an unreachable agent is recorded as an error with the reason", async () => {
    const bus = new ScriptedBus(() => Promise.reject(new AgentUnreachableError("web01", "no agent is subscribed")));
    const d = await new CommandService(store, bus, clock, "c").reset(params);
    expect(d).toMatchObject({ state: "error", code: "AGENT_UNREACHABLE" });
  });

  it("a rejected command (e.g. BUSY) is recorded as rejected with the agent's sentence", async () => {
    const bus = new ScriptedBus((env) =>
      Promise.resolve({
        commandId: decode.command(decode.envelope(env).command).commandId,
        outcome: v1.Outcome.OUTCOME_REJECTED,
        code: "BUSY",
        message: "Another operation (x) is running on this host.",
      }),
    );
    const d = await new CommandService(store, bus, clock, "c").reset(params);
    expect(d).toMatchObject({ state: "rejected", code: "BUSY", message: "Another operation (x) is running on this host." });
  });

  it("a reply lost in transit is recovered from the agent's journal instead of recording a timeout", async () => {
    const stored = new Map<string, ICommandResult>();
    const bus: AgentBus = {
      async sendCommand(_host, envelope) {
        const cmd = decode.command(decode.envelope(envelope).command);
        if (cmd.outcome) {
          const id = cmd.outcome.commandId ?? "";
          return stored.get(id) ?? { commandId: id, outcome: v1.Outcome.OUTCOME_UNKNOWN_COMMAND, code: "UNKNOWN_COMMAND" };
        }
        // The agent does the work, but its reply never arrives.
        stored.set(cmd.commandId, { ...(await ok(envelope)), replayed: true });
        throw new AgentTimeoutError("web01", 1000);
      },
    };
    const d = await new CommandService(store, bus, clock, "c").reset(params);
    expect(d).toMatchObject({ state: "succeeded", code: "OK", steps: [{ target: "W3SVC" }] });
  });

  it("a timeout stays a timeout when the agent has no result either", async () => {
    const bus: AgentBus = {
      async sendCommand(_host, envelope) {
        const cmd = decode.command(decode.envelope(envelope).command);
        if (cmd.outcome) return { commandId: cmd.outcome.commandId ?? "", outcome: v1.Outcome.OUTCOME_IN_PROGRESS, code: "IN_PROGRESS" };
        throw new AgentTimeoutError("web01", 1000);
      },
    };
    const d = await new CommandService(store, bus, clock, "c").reset(params);
    expect(d).toMatchObject({ state: "timed-out", code: "AGENT_TIMEOUT" });
  });

  it("after a reconnect, a reply lost during the outage is fetched from the agent at once, not at the deadline", async () => {
    const stored = new Map<string, ICommandResult>();
    const listeners = new Set<() => void>();
    const bus: AgentBus = {
      onReconnect(l) {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      async sendCommand(_host, envelope) {
        const cmd = decode.command(decode.envelope(envelope).command);
        if (cmd.outcome) return stored.get(cmd.outcome.commandId ?? "") ?? { outcome: v1.Outcome.OUTCOME_UNKNOWN_COMMAND };
        stored.set(cmd.commandId, { ...(await ok(envelope)), replayed: true });
        return new Promise<ICommandResult>(() => undefined); // the reply is lost: this request would hang until its deadline
      },
    };
    const pending = new CommandService(store, bus, clock, "c").reset({ ...params, deadlineMs: 3_600_000 });
    await new Promise((r) => setTimeout(r, 20));
    for (const l of listeners) l();
    const d = await pending;
    expect(d).toMatchObject({ state: "succeeded", code: "OK" });
    expect(listeners.size).toBe(0);
  });

  it("after a reconnect, a command the agent never saw is re-sent with the same id", async () => {
    const listeners = new Set<() => void>();
    const seen: string[] = [];
    let first = true;
    const bus: AgentBus = {
      onReconnect(l) {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      async sendCommand(_host, envelope) {
        const cmd = decode.command(decode.envelope(envelope).command);
        if (cmd.outcome) return { commandId: cmd.outcome.commandId ?? "", outcome: v1.Outcome.OUTCOME_UNKNOWN_COMMAND };
        seen.push(cmd.commandId);
        if (first) {
          first = false;
          return new Promise<ICommandResult>(() => undefined); // lost on the way to the agent
        }
        return ok(envelope);
      },
    };
    const pending = new CommandService(store, bus, clock, "c").reset(params);
    await new Promise((r) => setTimeout(r, 20));
    for (const l of listeners) l();
    const d = await pending;
    expect(d.state).toBe("succeeded");
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
  });
});
