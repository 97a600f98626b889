// The command layer against an in-process AgentBus (the transport port): proves what is in SQLite at the moment
// a command is handed to the transport, and how each transport failure is recorded.
import { type ICommandResult, decode, v1 } from "@iisfleet/proto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AgentBus } from "../src/commands/agent-bus.js";
import { CommandService } from "../src/commands/command-service.js";
import { AgentTimeoutError, AgentUnreachableError, NatsUnavailableError, UnknownHostError } from "../src/errors.js";
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

  it("gives every command a nonce of its own, also across the random pool's refills, and stores the bytes it sent", async () => {
    const bus = new ScriptedBus(ok);
    const service = new CommandService(store, bus, clock, "controller:test");
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) ids.push(service.prepareReset(params).id);
    const nonces = ids.map((id) => {
      const cmd = decode.command(decode.envelope(store.commands.envelope(id) as Uint8Array).command);
      expect(cmd.commandId).toBe(id);
      expect(cmd.nonce).toHaveLength(16);
      return Buffer.from(cmd.nonce).toString("hex");
    });
    expect(new Set(nonces).size).toBe(300);
  });

  it("an unknown host is refused before anything is written", async () => {
    const bus = new ScriptedBus(ok);
    await expect(new CommandService(store, bus, clock, "c").reset({ ...params, host: "web99" })).rejects.toBeInstanceOf(UnknownHostError);
    expect(store.db.prepare("SELECT count(*) AS n FROM commands").get()).toEqual({ n: 0 });
    expect(bus.sent).toHaveLength(0);
  });

  it("an agent that stays silent is written off only once it can no longer start the command, even with a lagging clock", async () => {
    // Every question costs the controller 10 s of (injected) time, as a real outcome query to a silent agent does.
    let now = Date.now();
    const fake = { now: () => now };
    const bus = new ScriptedBus(() => {
      now += 10_000;
      return Promise.reject(new AgentTimeoutError("web01", 10_000));
    });
    const d = await new CommandService(store, bus, fake, "c", undefined, undefined, { pollMs: 1 }).reset(params);
    expect(d).toMatchObject({ state: "timed-out", code: "AGENT_TIMEOUT" });
    expect(d.message).toMatch(/did not answer .*can no longer start it/);
    expect(d.finishedMs ?? 0).toBeGreaterThanOrEqual(d.expiresMs + 60_000);
    expect(d.writtenOffMs).toBe(d.finishedMs);
    expect(bus.sent.length).toBeGreaterThan(2);
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

  it("an agent that went away (no responders) is written off once the command expired, without the silent agent's skew wait", async () => {
    let now = Date.now();
    const fake = { now: () => now };
    const bus: AgentBus = {
      async sendCommand(_host, envelope) {
        const cmd = decode.command(decode.envelope(envelope).command);
        now += 1_000;
        if (!cmd.outcome) throw new NatsUnavailableError("connection lost");
        throw new AgentUnreachableError("web01", "no agent is subscribed for this host");
      },
    };
    const d = await new CommandService(store, bus, fake, "c", undefined, undefined, { pollMs: 1 }).reset({ ...params, deadlineMs: 4_000 });
    expect(d).toMatchObject({ state: "timed-out", code: "AGENT_TIMEOUT" });
    expect(d.message).toMatch(/is away .*no agent can start it any more/);
    expect(d.finishedMs ?? 0).toBeGreaterThanOrEqual(d.expiresMs + 5_000);
    expect(d.finishedMs ?? 0).toBeLessThan(d.expiresMs + 60_000);
  });

  it("IN_PROGRESS keeps the controller waiting past the deadline, and the agent's result is recorded", async () => {
    let asked = 0;
    const bus: AgentBus = {
      async sendCommand(_host, envelope) {
        const cmd = decode.command(decode.envelope(envelope).command);
        if (!cmd.outcome) throw new AgentTimeoutError("web01", 1000);
        const id = cmd.outcome.commandId ?? "";
        if (++asked < 3) return { commandId: id, outcome: v1.Outcome.OUTCOME_IN_PROGRESS, code: "IN_PROGRESS" };
        return { ...(await ok(envelope)), commandId: id, replayed: true };
      },
    };
    const d = await new CommandService(store, bus, clock, "c", undefined, undefined, { pollMs: 1 }).reset({ ...params, deadlineMs: 1_000 });
    expect(d).toMatchObject({ state: "succeeded", code: "OK", late: false });
    expect(asked).toBe(3);
  });

  it("IN_PROGRESS is waited for only as long as the operation may take; a result after that is recorded as late", async () => {
    let now = Date.now();
    const fake = { now: () => now };
    let running = true;
    const bus: AgentBus = {
      async sendCommand(_host, envelope) {
        const cmd = decode.command(decode.envelope(envelope).command);
        if (!cmd.outcome) throw new AgentTimeoutError("web01", 1000);
        now += 10_000;
        const id = cmd.outcome.commandId ?? "";
        if (running) return { commandId: id, outcome: v1.Outcome.OUTCOME_IN_PROGRESS, code: "IN_PROGRESS" };
        return { ...(await ok(envelope)), commandId: id, replayed: true };
      },
    };
    const online = { has: () => true, flush: () => undefined, get: () => ({ liveness: "online", busyCommandId: "" }) };
    const service = new CommandService(store, bus, fake, "c", online, undefined, { pollMs: 1 });
    const d = await service.reset(params);
    expect(d).toMatchObject({ state: "timed-out", code: "AGENT_TIMEOUT", late: false });
    expect(d.message).toMatch(/still running/);
    // 20 s stop + 90 s start and probes + 5 s: the engine's own allowance for a restart.
    expect((d.finishedMs ?? 0) - (d.sentMs ?? 0)).toBeGreaterThanOrEqual(115_000);
    running = false;
    expect(await service.reconcileLate()).toBe(1);
    const late = service.detail(d.id);
    expect(late).toMatchObject({ state: "succeeded", code: "OK", late: true, writtenOffMs: d.writtenOffMs, steps: [{ target: "W3SVC" }] });
  });

  it("an agent with no record of an expired command gets it written off, never sent again", async () => {
    let now = Date.now();
    const fake = { now: () => now };
    let commands = 0;
    const bus: AgentBus = {
      async sendCommand(_host, envelope) {
        const cmd = decode.command(decode.envelope(envelope).command);
        if (!cmd.outcome) {
          commands++;
          now += 40_000;
          throw new AgentTimeoutError("web01", 40_000);
        }
        return { commandId: cmd.outcome.commandId ?? "", outcome: v1.Outcome.OUTCOME_UNKNOWN_COMMAND, code: "UNKNOWN_COMMAND" };
      },
    };
    const d = await new CommandService(store, bus, fake, "c", undefined, undefined, { pollMs: 1 }).reset({ ...params, deadlineMs: 40_000 });
    expect(d).toMatchObject({ state: "error", code: "OUTCOME_UNKNOWN", writtenOffMs: null });
    expect(d.message).toMatch(/will not run it any more/);
    expect(commands).toBe(1);
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

describe("CommandService under a standby pair's terms", () => {
  it("every command carries the term it was sealed under", async () => {
    const bus = new ScriptedBus(ok);
    await new CommandService(store, bus, clock, "controller:test", undefined, undefined, { term: () => 7 }).reset(params);
    expect(decode.command(decode.envelope(bus.sent[0] as Uint8Array).command).term).toBe(7);
  });

  it("a command the deposed leader left in flight is re-sent by its successor under the new term: same id, nonce and expiry", async () => {
    const old = new CommandService(store, new ScriptedBus(ok), clock, "controller:a", undefined, undefined, { term: () => 3 });
    const prepared = old.prepareReset(params);
    const before = decode.command(decode.envelope(prepared.envelope).command);
    // The successor asks first (the agent never got it), then sends it again.
    const bus = new ScriptedBus((env) => {
      const cmd = decode.command(decode.envelope(env).command);
      if (cmd.outcome) return Promise.resolve({ commandId: cmd.commandId, host: "web01", outcome: v1.Outcome.OUTCOME_UNKNOWN_COMMAND, code: "UNKNOWN_COMMAND" });
      return ok(env);
    });
    const detail = await new CommandService(store, bus, clock, "controller:b", undefined, undefined, { term: () => 5, pollMs: 10 }).resolveInFlight(prepared.id);
    expect(detail.state).toBe("succeeded");
    const sent = bus.sent.map((e) => decode.command(decode.envelope(e).command));
    expect(sent.map((c) => (c.outcome ? "outcome" : "reset"))).toEqual(["outcome", "reset"]);
    expect(sent.every((c) => c.term === 5)).toBe(true);
    const again = sent[1] as v1.Command;
    expect({ id: again.commandId, nonce: Buffer.from(again.nonce).toString("hex"), issued: again.issuedAtMs, expires: again.expiresAtMs }).toEqual({
      id: before.commandId,
      nonce: Buffer.from(before.nonce).toString("hex"),
      issued: before.issuedAtMs,
      expires: before.expiresAtMs,
    });
    expect(before.term).toBe(3);
  });
});
