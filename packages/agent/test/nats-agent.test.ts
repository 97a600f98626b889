// The agent's NATS edge against a real nats-server: an executor that blows up must still produce an answer, and
// a status question is answered in full or, when it says brief, with host and farm only.
import { createPublicKey } from "node:crypto";
import { type NatsConnection, connect, nkeys } from "@nats-io/transport-node";
import { AGENT_HOST_HEADER, AGENT_SIGNATURE_HEADER, ResultCode, agentPrivateKeyFromRaw, agentSignatureValid, decode, encode, subjects, unchangedAnswerOf, v1 } from "@iisfleet/proto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type NatsServer, startNatsServer } from "../../../test/support/nats-server.js";
import type { CommandExecutor } from "../src/commands/executor.js";
import { systemClock } from "../src/host/port.js";
import { SimulatedHost } from "../src/host/simulated/index.js";
import { createLogger } from "../src/log.js";
import { CommandVerifier } from "../src/security/command-verifier.js";
import { AgentMessageSigner } from "../src/transport/message-signer.js";
import { NatsAgent } from "../src/transport/nats-agent.js";

let nats: NatsServer;
let nc: NatsConnection;
let agent: NatsAgent;
const host = new SimulatedHost({ stopMs: 10, startMs: 10 });

beforeAll(async () => {
  nats = await startNatsServer();
  // Only what the NATS edge uses of an executor; this one fails in a way the engine never would.
  const exploding = {
    busyCommandId: undefined,
    executedCount: 0,
    execute: () => Promise.reject(new Error("disk on fire")),
  } as unknown as CommandExecutor;
  agent = new NatsAgent({
    servers: [nats.url],
    identity: { host: "web01", farm: "f", tags: { dc: "fra" } },
    port: host,
    executor: exploding,
    verifier: new CommandVerifier({ kind: "unsigned-allowed" }, "web01", systemClock),
    clock: systemClock,
    log: createLogger("test", "silent"),
    version: "test",
    heartbeatMs: 60_000,
    status: () => ({ cordoned: false, cordonReason: "", health: "unknown", lastReset: undefined }),
  });
  await agent.start();
  nc = await connect({ servers: nats.url });
});

afterAll(async () => {
  await nc?.close();
  await agent?.stop();
  host.dispose();
  await nats?.stop();
});

describe("NatsAgent", () => {
  it("answers an unexpected failure at once with HOST_ERROR instead of leaving the controller to its deadline", async () => {
    const cmd = encode.command({ commandId: "c1", targetHost: "web01", issuedAtMs: Date.now(), expiresAtMs: Date.now() + 30_000, reset: {} });
    const reply = await nc.request(subjects.command("web01"), encode.envelope({ command: cmd }), { timeout: 5_000 });
    const result = decode.result(reply.data);
    expect(result).toMatchObject({ outcome: v1.Outcome.OUTCOME_FAILED, code: ResultCode.HOST_ERROR });
    expect(result.message).toBe("The agent failed unexpectedly: disk on fire");
  });

  it("answers a status question with all its facts, or with host and farm only when the question is brief", async () => {
    const ask = async (brief: boolean) => {
      const req = encode.statusRequest({ requestId: `r-${brief}`, brief });
      return decode.statusReport((await nc.request(subjects.status("web01"), req, { timeout: 5_000 })).data);
    };
    const full = await ask(false);
    expect(full).toMatchObject({ requestId: "r-false", agentVersion: "test", instanceId: agent.instanceId });
    expect(full.facts).toMatchObject({ host: "web01", farm: "f", tags: { dc: "fra" }, adapter: "simulated" });
    expect(full.facts?.services?.length).toBeGreaterThan(0);

    // A brief answer names no request (it goes to the asker's own inbox for this question) and no send time.
    const brief = await ask(true);
    expect(brief).toMatchObject({ requestId: "", sentAtMs: 0, agentVersion: "test", instanceId: agent.instanceId });
    expect(v1.HostFacts.toObject(v1.HostFacts.fromObject(brief.facts ?? {}))).toEqual(v1.HostFacts.toObject(v1.HostFacts.create({ host: "web01", farm: "f" })));
    expect(brief.uptimeMs).toBeGreaterThanOrEqual(0);
  });

  it("answers a stable question with the same signed bytes each time (start time, no uptime or request id) until its facts change", async () => {
    const pair = nkeys.createUser();
    let cordoned = false;
    const signedHost = new SimulatedHost({ stopMs: 10, startMs: 10 });
    // The agent's start time is taken when it is made (heartbeat statements carry it from the first one).
    const before = Date.now();
    const signed = new NatsAgent({
      servers: [nats.url],
      identity: { host: "web02", farm: "f", tags: {} },
      port: signedHost,
      executor: { busyCommandId: undefined, executedCount: 0 } as unknown as CommandExecutor,
      verifier: new CommandVerifier({ kind: "unsigned-allowed" }, "web02", systemClock),
      clock: systemClock,
      log: createLogger("test", "silent"),
      version: "test",
      heartbeatMs: 60_000,
      signer: AgentMessageSigner.fromNkeySeed("web02", pair.getSeed()),
      status: () => ({ cordoned, cordonReason: cordoned ? "patching" : "", health: "unknown", lastReset: undefined }),
    });
    await signed.start();
    try {
      const raw = (pair as unknown as { getRawSeed(): Uint8Array }).getRawSeed();
      const key = createPublicKey(agentPrivateKeyFromRaw(raw));
      const ask = async (brief: boolean, requestId: string) => {
        const m = await nc.request(subjects.status("web02"), encode.statusRequest({ requestId, brief, stable: true }), { timeout: 5_000 });
        const signature = m.headers?.get(AGENT_SIGNATURE_HEADER) ?? "";
        expect(m.headers?.get(AGENT_HOST_HEADER)).toBe("web02");
        expect(agentSignatureValid(key, "status", "web02", m.data, signature)).toBe(true);
        return { data: Uint8Array.from(m.data), signature, report: decode.statusReport(m.data) };
      };
      for (const brief of [true, false]) {
        const first = await ask(brief, "q1");
        const second = await ask(brief, "q2");
        expect(first.report).toMatchObject({ requestId: "", uptimeMs: 0, sentAtMs: 0, instanceId: signed.instanceId });
        expect(Number(first.report.startedAtMs)).toBeGreaterThanOrEqual(before);
        expect(Number(first.report.startedAtMs)).toBeLessThanOrEqual(Date.now());
        expect(second.data).toEqual(first.data);
        expect(second.signature).toBe(first.signature);
      }
      // A change of the host's facts is a new answer, signed anew.
      const old = await ask(false, "q3");
      cordoned = true;
      const changed = await ask(false, "q4");
      expect(changed.data).not.toEqual(old.data);
      expect(changed.signature).not.toBe(old.signature);
    } finally {
      await signed.stop();
      signedHost.dispose();
    }
  });

  it("signs its stable answers beside the heartbeat statement that vouches for them, so a live question finds them signed", async () => {
    const pair = nkeys.createUser();
    const signer = AgentMessageSigner.fromNkeySeed("web03", pair.getSeed());
    const signs = vi.spyOn(signer as unknown as { sign: (kind: string, payload: Uint8Array) => unknown }, "sign");
    const host = new SimulatedHost({ stopMs: 10, startMs: 10 });
    const agent3 = new NatsAgent({
      servers: [nats.url],
      identity: { host: "web03", farm: "f", tags: {} },
      port: host,
      executor: { busyCommandId: undefined, executedCount: 0 } as unknown as CommandExecutor,
      verifier: new CommandVerifier({ kind: "unsigned-allowed" }, "web03", systemClock),
      clock: systemClock,
      log: createLogger("test", "silent"),
      version: "test",
      heartbeatMs: 60_000,
      signer,
      status: () => ({ cordoned, cordonReason: "", health: "unknown", lastReset: undefined }),
    });
    let cordoned = false;
    await agent3.start();
    try {
      // The first heartbeat went out at start: its statement, and the brief and the detailed answer, each full and
      // unchanged (StatusRequest.conditional).
      expect(signs.mock.calls.map((c) => c[0]).sort()).toEqual(["heartbeat", "status", "status", "status", "status"]);
      for (const brief of [true, false]) {
        for (const conditional of [false, true]) {
          const m = await nc.request(subjects.status("web03"), encode.statusRequest({ requestId: "q", brief, stable: true, conditional }), { timeout: 5_000 });
          expect(m.headers?.get(AGENT_SIGNATURE_HEADER)).toBeTruthy();
          expect(unchangedAnswerOf(m.data) !== undefined).toBe(conditional);
        }
      }
      expect(signs).toHaveBeenCalledTimes(5);
      // Live news the statement does not hold yet (cordoned since): asked conditionally, it answers in full.
      cordoned = true;
      const m = await nc.request(subjects.status("web03"), encode.statusRequest({ requestId: "q", stable: true, conditional: true }), { timeout: 5_000 });
      expect(unchangedAnswerOf(m.data)).toBeUndefined();
      expect(decode.statusReport(m.data).facts?.cordoned).toBe(true);
    } finally {
      await agent3.stop();
      host.dispose();
    }
  });
});
