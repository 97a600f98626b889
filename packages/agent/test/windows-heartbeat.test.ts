// Idle heartbeats of a Windows agent against a real nats-server: the real NatsAgent, HostReadings, WindowsHost and
// PowerShellSession, with only powershell.exe replaced by a counting fake answering from a simulated host. What
// is counted is what a real host would pay: PowerShell process starts and script calls per heartbeat.
import { type NatsConnection, connect } from "@nats-io/transport-node";
import { decode, subjects } from "@iisfleet/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../../../test/support/nats-server.js";
import type { CommandExecutor } from "../src/commands/executor.js";
import type { FactsPort } from "../src/host/facts.js";
import { systemClock } from "../src/host/port.js";
import { SimulatedHost } from "../src/host/simulated/index.js";
import { PowerShellSession, WindowsHost, answerFromHost, fakeSessionSpawn, newSpawnCounts } from "../src/host/windows/index.js";
import { createLogger } from "../src/log.js";
import { CommandVerifier } from "../src/security/command-verifier.js";
import { HostReadings } from "../src/transport/facts-cache.js";
import { NatsAgent } from "../src/transport/nats-agent.js";

let nats: NatsServer;
let nc: NatsConnection;

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
});

afterAll(async () => {
  await nc?.close();
  await nats?.stop();
});

const idleExecutor = { busyCommandId: undefined, executedCount: 0, execute: () => Promise.reject(new Error("no commands here")) } as unknown as CommandExecutor;

/** Starts a Windows agent named `name` heartbeating every 100 ms; `cached` picks HostReadings or the host itself. */
async function windowsAgent(name: string, cached: boolean) {
  const sim = new SimulatedHost({ stopMs: 10, startMs: 10 });
  const counts = newSpawnCounts();
  const session = new PowerShellSession({ spawn: fakeSessionSpawn(answerFromHost(sim), counts) });
  await session.start();
  const host = new WindowsHost(session.run, () => session.close());
  const readings = cached ? new HostReadings(host, { refreshMs: 60_000 }) : undefined;
  readings?.start();
  const port: FactsPort = readings ?? host;
  const agent = new NatsAgent({
    servers: [nats.url],
    identity: { host: name, farm: "f", tags: {} },
    port,
    executor: idleExecutor,
    verifier: new CommandVerifier({ kind: "unsigned-allowed" }, name, systemClock),
    clock: systemClock,
    log: createLogger("test", "silent"),
    version: "test",
    heartbeatMs: 100,
    status: () => ({ cordoned: false, cordonReason: "", health: "unknown", lastReset: undefined }),
  });
  return {
    counts,
    start: () => agent.start(),
    async stop() {
      await agent.stop();
      readings?.stop();
      host.dispose();
      sim.dispose();
    },
  };
}

/** Waits for `n` heartbeats of `name`, returning the script calls counted at the first and at the last. */
async function heartbeats(name: string, n: number, counts: { calls: number }, start: () => Promise<void>) {
  const sub = nc.subscribe(subjects.heartbeat(name), { max: n });
  await nc.flush();
  await start();
  const callsAt: number[] = [];
  const services: number[] = [];
  for await (const msg of sub) {
    callsAt.push(counts.calls);
    services.push(decode.heartbeat(msg.data).facts?.services?.length ?? 0);
  }
  return { callsAt, services };
}

describe("idle heartbeats of a Windows agent", () => {
  it("reading the host for every heartbeat costs two PowerShell calls a beat (the old wiring)", async () => {
    const a = await windowsAgent("win-old", false);
    try {
      const { callsAt } = await heartbeats("win-old", 6, a.counts, a.start);
      expect((callsAt.at(-1) ?? 0) - (callsAt[0] ?? 0)).toBeGreaterThanOrEqual(2 * 5);
    } finally {
      await a.stop();
    }
  });

  it("with cached readings, heartbeats carry the host's facts and cost no PowerShell call and no process start", async () => {
    const a = await windowsAgent("win-new", true);
    try {
      const { callsAt, services } = await heartbeats("win-new", 6, a.counts, a.start);
      expect(callsAt.at(-1)).toBe(callsAt[0]); // five heartbeats after the first, not one call
      expect(services.every((n) => n > 0)).toBe(true);
      expect(a.counts.spawns).toBe(1); // the session, started with the agent
    } finally {
      await a.stop();
    }
  });
});
