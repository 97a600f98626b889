// The foundation's failure paths over real processes: NATS restarted under the fleet, garbage on an agent's
// command subject, and a noforce reset of a host whose IIS refuses to stop.
import { type NatsConnection, connect } from "@nats-io/transport-node";
import { ResultCode, decode, encode, subjects, v1 } from "@iisfleet/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { apiJson, waitForHosts } from "../support/events.js";
import { waitFor } from "../support/wait.js";

interface HostJson {
  name: string;
  liveness: string;
  instanceId: string;
  counters: Record<string, number>;
}
interface CommandJson {
  state: string;
  code: string;
  message: string;
  steps: Array<{ action: string; target: string; ok: boolean; win32Error: number; toState: string }>;
}

let nats: NatsServer;
let controller: Controller;
let nc: NatsConnection;
const agents: Proc[] = [];
const dir = tempDir("iisfleet-resilience-");

/** What `hosts --json` prints, read in-process (a CLI process per poll takes seconds on a loaded machine). */
async function hosts(): Promise<HostJson[]> {
  return (await apiJson<{ hosts: HostJson[] }>(controller, "/api/v1/hosts")).hosts;
}

async function reset(host: string, ...args: string[]) {
  const r = await cli(["--controller", controller.url, "reset", host, "--json", ...args]);
  return { code: r.code, command: (r.json as { command: CommandJson }).command, raw: r };
}

beforeAll(async () => {
  nats = await startNatsServer();
  controller = await startControllerProcess(nats.url, `${dir.path}/iisfleet.db`);
  agents.push(startAgentProcess(nats.url, { host: "web01" }));
  agents.push(startAgentProcess(nats.url, { host: "web02", fault: "hung-stop" }));
  await waitForHosts(controller, 2, "two agents to register");
  nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 200 });
});

afterAll(async () => {
  await nc?.close();
  await Promise.all(agents.map((a) => a.kill()));
  await controller?.kill();
  await nats?.stop();
  dir.remove();
});

describe("malformed payloads", () => {
  it("an agent answers garbage on its command subject with MALFORMED, counts it, and keeps serving", async () => {
    const garbage = [new Uint8Array([0xff, 0xff, 0xff, 0xff]), new Uint8Array([0x0a, 0x05, 0x01]), new Uint8Array(300 * 1024)];
    for (const payload of garbage) {
      const reply = await nc.request(subjects.command("web01"), payload, { timeout: 5_000 });
      const result = decode.result(reply.data);
      expect(result.outcome).toBe(v1.Outcome.OUTCOME_REJECTED);
      expect(result.code).toBe(ResultCode.MALFORMED);
      expect(result.message).toMatch(/^Malformed CommandEnvelope payload/);
    }
    // A well-formed envelope whose inner command bytes are garbage is caught too.
    const reply = await nc.request(subjects.command("web01"), encode.envelope({ command: new Uint8Array([0xff, 0x01]) }), { timeout: 5_000 });
    expect(decode.result(reply.data).code).toBe(ResultCode.MALFORMED);

    await waitForHosts(controller, (hs) => hs.find((h) => h.name === "web01")?.counters?.["malformedReceived"] === 4, "the agent's heartbeat to report 4 malformed commands");
    const ok = await reset("web01");
    expect(ok.code).toBe(0);
    expect(ok.command.state).toBe("succeeded");
  });

  it("a command aimed at another host is refused and nothing runs", async () => {
    const cmd = encode.command({ commandId: "c-wrong-host", targetHost: "web02", issuedAtMs: Date.now(), expiresAtMs: Date.now() + 30_000, reset: {} });
    const reply = await nc.request(subjects.command("web01"), encode.envelope({ command: cmd }), { timeout: 5_000 });
    const result = decode.result(reply.data);
    expect(result.code).toBe(ResultCode.WRONG_HOST);
    expect(result.steps).toHaveLength(0);
  });

  it("an expired command is refused and nothing runs", async () => {
    // Expired beyond the 60 s of clock skew every agent gate allows (README "Signed commands").
    const cmd = encode.command({ commandId: "c-expired", targetHost: "web01", issuedAtMs: Date.now() - 120_000, expiresAtMs: Date.now() - 90_000, reset: {} });
    const reply = await nc.request(subjects.command("web01"), encode.envelope({ command: cmd }), { timeout: 5_000 });
    const result = decode.result(reply.data);
    expect(result.code).toBe(ResultCode.EXPIRED);
    expect(result.steps).toHaveLength(0);
  });

  it("the controller counts and drops malformed heartbeats and heartbeats claiming another host", async () => {
    nc.publish(subjects.heartbeat("web01"), new Uint8Array([0xff, 0xff, 0xff]));
    nc.publish(subjects.heartbeat("web01"), encode.heartbeat({ facts: { host: "web02" }, instanceId: "impostor" }));
    nc.publish("iisfleet.v1.agent.BAD_HOST.hb", encode.heartbeat({ facts: { host: "BAD_HOST" } }));
    await nc.flush();
    await waitFor(
      async () => {
        const res = await controller.fetch(`/api/v1/diagnostics`);
        const health = (await res.json()) as { counters: { malformed: number; rejectedHeartbeats: number } };
        return health.counters.malformed >= 2 && health.counters.rejectedHeartbeats >= 1;
      },
      { what: "the controller to count the bad heartbeats" },
    );
    const list = await hosts();
    expect(list.map((h) => h.name).sort()).toEqual(["web01", "web02"]);
    expect(list.find((h) => h.name === "web02")?.instanceId).not.toBe("impostor");
  });
});

describe("noforce is the default", () => {
  it("a host whose W3SVC hangs in STOP_PENDING fails clearly and nothing is killed", async () => {
    const r = await reset("web02", "--timeout", "2");
    expect(r.code).toBe(1);
    expect(r.command.state).toBe("failed");
    expect(r.command.code).toBe("STOP_FAILED");
    expect(r.command.message).toMatch(/^Restart attempt failed\..*noforce no process was killed/);
    expect(r.command.steps.some((s) => s.action === "kill")).toBe(false);
    const failed = r.command.steps.find((s) => !s.ok);
    expect(failed).toMatchObject({ action: "stop", toState: "STOP_PENDING" });
    expect([1053, 1061]).toContain(failed?.win32Error);
  });
});

describe("NATS restarted under the fleet", () => {
  it("agents and the controller reconnect and the next reset works", async () => {
    const before = await hosts();
    await nats.restart();
    // Each agent republishes a heartbeat on reconnect; its counter of reconnects proves the path was taken.
    await waitForHosts(controller, (hs) => hs.find((h) => h.name === "web01")?.counters?.["natsReconnects"] === 1, "web01 to report one NATS reconnect");
    const r = await reset("web01");
    expect(r.code).toBe(0);
    expect(r.command.state).toBe("succeeded");
    const health = (await (await controller.fetch(`/api/v1/diagnostics`)).json()) as { nats: string; counters: { reconnects: number } };
    expect(health.nats).toBe("connected");
    expect(health.counters.reconnects).toBeGreaterThanOrEqual(1);
    // The same agent processes, not new ones.
    const after = await hosts();
    expect(after.find((h) => h.name === "web01")?.instanceId).toBe(before.find((h) => h.name === "web01")?.instanceId);
  });
});
