// 10,000 random and mutated payloads against every decode path, agent and controller side: nothing crashes,
// nothing untrusted runs, and every payload is accounted for. First the decoders on their own (fast, every
// message type), then over a real nats-server into a running agent and a running controller.
import { createPublicKey, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CommandExecutor, CommandVerifier, NatsAgent, ResetEngine, SimulatedHost, createLogger, systemClock } from "@iisfleet/agent";
import { type RunningController, startController } from "@iisfleet/controller";
import { createLogger as createControllerLogger } from "../../packages/controller/src/log.js";
import { MAX_PAYLOAD_BYTES, MalformedPayloadError, decode, encode, sealCommand, subjects, v1 } from "@iisfleet/proto";
import { type NatsConnection, connect, createInbox } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type TestSigningKey, writeSigningKey } from "../support/signing-keys.js";
import { waitFor } from "../support/wait.js";

/** Deterministic, so a failure can be replayed: mulberry32. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dir = mkdtempSync(join(tmpdir(), "iisfleet-fuzz-"));
const key: TestSigningKey = writeSigningKey(dir);
const trusted = { keyId: key.key.keyId, publicKey: createPublicKey(key.key.privateKey), source: key.publicPath };

function validSamples(): Uint8Array[] {
  const now = Date.now();
  const command = { commandId: "fuzz-seed", issuer: "controller:fuzz", targetHost: "web01", issuedAtMs: now, expiresAtMs: now + 600_000, nonce: randomBytes(16), reset: { level: v1.ResetLevel.RESET_LEVEL_IIS } };
  return [
    sealCommand(command, key.key),
    encode.heartbeat({ agentVersion: "1", instanceId: "i-1", seq: 3, sentAtMs: now, uptimeMs: 1000, intervalMs: 10_000, counters: { commandsReceived: 1 } }),
    encode.event({ commandId: "c", host: "web01", seq: 1, atMs: now, phase: "stopping", message: "stopping W3SVC" }),
    encode.statusRequest({ requestId: "r1", farm: "shop", hosts: ["web01"] }),
    encode.result({ commandId: "c", host: "web01", outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: "OK", steps: [{ seq: 1, target: "W3SVC", ok: true }] }),
  ];
}

/** Half pure noise, half a valid message bent: bit flips, truncation, insertion, duplication, splicing. */
function payloads(count: number, seed: number): Uint8Array[] {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const samples = validSamples();
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      // Now and then larger than any subject accepts.
      const size = i % 1000 === 0 ? MAX_PAYLOAD_BYTES + 1 + int(1000) : int(600);
      out.push(Uint8Array.from({ length: size }, () => int(256)));
      continue;
    }
    const base = Buffer.from(samples[int(samples.length)] as Uint8Array);
    let b: Buffer = Buffer.from(base);
    switch (int(5)) {
      case 0:
        for (let k = 0, n = 1 + int(4); k < n && b.length > 0; k++) {
          const at = int(b.length);
          b[at] = (b[at] as number) ^ (1 << int(8));
        }
        break;
      case 1:
        b = b.subarray(0, int(b.length));
        break;
      case 2: {
        const at = int(b.length + 1);
        b = Buffer.concat([b.subarray(0, at), randomBytes(1 + int(16)), b.subarray(at)]);
        break;
      }
      case 3:
        b = Buffer.concat([b, b]);
        break;
      default: {
        const other = Buffer.from(samples[int(samples.length)] as Uint8Array);
        b = Buffer.concat([b.subarray(0, int(b.length)), other.subarray(int(other.length))]);
      }
    }
    out.push(b);
  }
  return out;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("decoders alone", () => {
  it("10,000 payloads through every decoder: each decodes or is MalformedPayloadError, never anything else", () => {
    const verifier = new CommandVerifier({ kind: "signed", keys: [trusted] }, "web01", systemClock);
    const decoders: Array<[string, (b: Uint8Array) => unknown]> = [
      ["agent: command envelope", (b) => verifier.verify(b)],
      ["agent: status request", decode.statusRequest],
      ["controller: heartbeat", decode.heartbeat],
      ["controller: event", decode.event],
      ["controller: command result", decode.result],
      ["controller: status report", decode.statusReport],
    ];
    const tally = { decoded: 0, malformed: 0 };
    const all = payloads(10_000, 20261126);
    for (const p of all) {
      for (const [name, fn] of decoders) {
        try {
          fn(p);
          tally.decoded++;
        } catch (err) {
          if (!(err instanceof MalformedPayloadError)) throw new Error(`${name} threw ${String(err)} for ${Buffer.from(p).toString("hex").slice(0, 200)}`);
          tally.malformed++;
        }
      }
    }
    expect(tally.decoded + tally.malformed).toBe(all.length * decoders.length);
    expect(tally.malformed).toBeGreaterThan(0);
    expect(tally.decoded).toBeGreaterThan(0);
  });
});

describe("over NATS into a running agent and controller", () => {
  let nats: NatsServer;
  let controller: RunningController;
  let agent: NatsAgent;
  let executor: CommandExecutor;
  let host: SimulatedHost;
  let nc: NatsConnection;

  beforeAll(async () => {
    nats = await startNatsServer();
    const log = createLogger("fuzz", "silent");
    // The controller logs through pino, the agent through its own lighter logger (packages/agent/src/log.ts).
    controller = await startController({ natsServers: [nats.url], dbPath: join(dir, "iisfleet.db"), listenHost: "127.0.0.1", listenPort: 0, log: createControllerLogger("fuzz", "silent") });
    host = new SimulatedHost({ stopMs: 1, startMs: 1 });
    executor = new CommandExecutor({ host: "web01", engine: new ResetEngine(host, { pollMs: 2 }), clock: systemClock, events: { progress: () => undefined } });
    agent = new NatsAgent({
      servers: [nats.url],
      identity: { host: "web01", farm: "fuzz", tags: {} },
      port: host,
      executor,
      verifier: new CommandVerifier({ kind: "signed", keys: [trusted] }, "web01", systemClock),
      clock: systemClock,
      log,
      version: "fuzz",
      heartbeatMs: 3_600_000,
      status: () => ({ cordoned: false, cordonReason: "", health: "unknown", lastReset: undefined }),
    });
    await agent.start();
    nc = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    await nc?.close();
    await agent?.stop();
    host?.dispose();
    await controller?.stop();
    await nats?.stop();
  });

  it("10,000 payloads on the agent's and the controller's subjects: all counted, no crash, nothing untrusted runs", async () => {
    const all = payloads(10_000, 42);
    const replies = createInbox();
    let answered = 0;
    const answers = new Map<string, number>();
    nc.subscribe(replies, {
      callback: (_err, msg) => {
        answered++;
        try {
          const code = decode.result(msg.data).code ?? "";
          answers.set(code, (answers.get(code) ?? 0) + 1);
        } catch {
          answers.set("undecodable answer", (answers.get("undecodable answer") ?? 0) + 1);
        }
      },
    });
    // Whatever reaches the controller's subjects, from us or from the agent (it reports its refusals as events).
    let observed = 0;
    nc.subscribe(subjects.allHeartbeats, { callback: () => void observed++ });
    nc.subscribe(subjects.allEvents, { callback: () => void observed++ });
    await nc.flush();
    const agentBefore = { ...agent.counters };
    const busBefore = controller.busCounters();
    const sent = { cmd: 0, status: 0, hb: 0, evt: 0 };
    for (let i = 0; i < all.length; i++) {
      const p = all[i] as Uint8Array;
      switch (i % 4) {
        case 0:
          nc.publish(subjects.command("web01"), p, { reply: replies });
          sent.cmd++;
          break;
        case 1:
          nc.publish(subjects.status("web01"), p);
          sent.status++;
          break;
        case 2:
          nc.publish(subjects.heartbeat(i % 8 === 2 ? "web01" : `fuzz${i % 50}`), p);
          sent.hb++;
          break;
        default:
          nc.publish(subjects.events("web01"), p);
          sent.evt++;
      }
      if (i % 500 === 499) await nc.flush();
    }
    await nc.flush();

    // Every command payload is answered (refused or malformed: none is signed right, bar replays of the seed).
    await waitFor(() => (answered === sent.cmd ? true : undefined), { what: `${sent.cmd} answers (have ${answered}, ${JSON.stringify([...answers])}, agent ${JSON.stringify(agent.counters)})`, timeoutMs: 20_000 });
    expect(agent.counters.commandsReceived - agentBefore.commandsReceived).toBe(sent.cmd);
    expect(executor.executedCount).toBeLessThanOrEqual(1); // at most the seed command itself, once
    expect(answers.get("undecodable answer") ?? 0).toBe(0);
    expect(agent.counters.malformedReceived - agentBefore.malformedReceived + agent.counters.rejected - agentBefore.rejected).toBeGreaterThanOrEqual(sent.cmd - 1);

    // Every heartbeat and event payload lands in exactly one of the controller's counters.
    const landed = () => {
      const c = controller.busCounters();
      return c.heartbeats - busBefore.heartbeats + c.events - busBefore.events + c.malformed - busBefore.malformed + c.rejectedHeartbeats - busBefore.rejectedHeartbeats;
    };
    await waitFor(() => (observed >= sent.hb + sent.evt ? true : undefined), { what: `our own ${sent.hb + sent.evt} payloads to come round (have ${observed})` });
    await waitFor(() => (landed() === observed ? true : undefined), { what: `the controller to count ${observed} payloads (has ${landed()})`, timeoutMs: 30_000 });
    expect(controller.busCounters().malformed - busBefore.malformed).toBeGreaterThan(sent.hb / 2);

    // Both still work: the agent answers a real signed command, the controller serves its API.
    const now = Date.now();
    const real = await nc.request(subjects.command("web01"), sealCommand({ commandId: "after-fuzz", targetHost: "web01", issuedAtMs: now, expiresAtMs: now + 30_000, nonce: randomBytes(16), reset: { level: v1.ResetLevel.RESET_LEVEL_W3SVC, skipHealth: true } }, key.key), { timeout: 20_000 });
    expect(decode.result(real.data).code).toBe("OK");
    const token = readFileSync(join(dir, "admin.token"), "utf8").trim();
    const res = await fetch(`${controller.url}/api/v1/hosts`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  }, 120_000);
});
