// The agent's NATS edge against a real nats-server: an executor that blows up must still produce an answer, and
// a status question is answered in full or, when it says brief, with host and farm only.
import { type NatsConnection, connect } from "@nats-io/transport-node";
import { ResultCode, decode, encode, subjects, v1 } from "@iisfleet/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../../../test/support/nats-server.js";
import type { CommandExecutor } from "../src/commands/executor.js";
import { systemClock } from "../src/host/port.js";
import { SimulatedHost } from "../src/host/simulated/index.js";
import { createLogger } from "../src/log.js";
import { CommandVerifier } from "../src/security/command-verifier.js";
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
});
