// Issue #15, findings 1 and 3: the controller believes only what an agent can prove. A fleet locked down with
// `iisfleet keys` + `iisfleet nats-config` on the REAL nats-server, a controller with --agent-keys, two real agents,
// and an attacker holding the simulator seed (allowed on every agent's subjects) or one agent's stolen seed.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  AGENT_HOST_HEADER,
  AGENT_SIGNATURE_HEADER,
  AGENT_SIGNED_LENGTH_HEADER,
  type AgentMessageKind,
  type ICommandResult,
  agentPrivateKeyFromRaw,
  decode,
  encode,
  encodeHeartbeatBeat,
  inboxPrefixes,
  readHeartbeatBeat,
  sealCommand,
  signAgentMessage,
  subjects,
  v1,
} from "@iisfleet/proto";
import { fromSeed } from "@nats-io/nkeys";
import { type MsgHdrs, type NatsConnection, connect, headers, nkeyAuthenticator } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { AGENT_BIN, type Controller, type Proc, cli, spawnNode, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { waitFor } from "../support/wait.js";

const dir = tempDir("iisfleet-agent-trust-");
const keysDir = join(dir.path, "keys");
const seedFile = (who: string) => (who === "controller" || who === "simulator" ? join(keysDir, "nats", `${who}.nk`) : join(keysDir, "nats", "agents", `${who}.nk`));
const seed = (who: string) => new TextEncoder().encode(readFileSync(seedFile(who), "utf8").trim());

let nats: NatsServer;
let controller: Controller;
const agents = new Map<string, Proc>();
const open: NatsConnection[] = [];

async function as(who: string): Promise<NatsConnection> {
  const nc = await connect({ servers: nats.url, reconnect: false, authenticator: nkeyAuthenticator(seed(who)), ...(who === "controller" ? { inboxPrefix: inboxPrefixes.controller } : {}) });
  open.push(nc);
  return nc;
}

/** Headers as an agent's signer makes them, with `who`'s key, claiming to speak for `host`. */
function signedBy(who: string, host: string, kind: AgentMessageKind, payload: Uint8Array): MsgHdrs {
  const pair = fromSeed(seed(who)) as unknown as { getRawSeed(): Uint8Array };
  const h = headers();
  h.set(AGENT_HOST_HEADER, host);
  h.set(AGENT_SIGNATURE_HEADER, signAgentMessage(agentPrivateKeyFromRaw(pair.getRawSeed()), kind, host, payload));
  return h;
}

interface HostRow {
  name: string;
  farm: string;
  liveness: string;
  renamedTo?: string;
}
async function hosts(): Promise<{ agentIdentities: string; hosts: HostRow[] }> {
  return (await (await controller.fetch("/api/v1/hosts")).json()) as { agentIdentities: string; hosts: HostRow[] };
}
async function events(kinds: string): Promise<Array<{ kind: string; host: string | null; message: string; data: Record<string, unknown> }>> {
  const r = (await (await controller.fetch(`/api/v1/events?kinds=${kinds}&limit=1000`)).json()) as { events: Array<{ kind: string; host: string | null; message: string; data: Record<string, unknown> }> };
  return r.events;
}
async function dropped(reason: string): Promise<number> {
  const text = await (await controller.fetch("/metrics")).text();
  const m = new RegExp(`^iisfleet_malformed_messages_total\\{reason="${reason}"\\} (\\d+)`, "m").exec(text);
  return m ? Number(m[1]) : 0;
}

/** The event stream's first message, which the dashboard reads its banner from. */
function hello(ctl: Controller): Promise<{ type: string; agentIdentities?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${ctl.url.replace(/^http/, "ws")}/api/v1/events`, ["iisfleet.v1"], { headers: { authorization: `Bearer ${ctl.token}` } });
    ws.once("message", (data) => {
      resolve(JSON.parse(String(data)) as { type: string; agentIdentities?: string });
      ws.close();
    });
    ws.once("error", reject);
  });
}

beforeAll(async () => {
  expect((await cli(["keys", "init", "--dir", keysDir, "--agent", "web01,web02,lab01", "--simulator"])).code).toBe(0);
  const conf = join(dir.path, "nats.conf");
  expect((await cli(["nats-config", "--keys", keysDir, "--out", conf])).code).toBe(0);
  nats = await startNatsServer({ configFile: conf });
  controller = await startControllerProcess(nats.url, join(dir.path, "iisfleet.db"), ["--nats-nkey", seedFile("controller"), "--agent-keys", keysDir]);
  agents.set("web01", startAgentProcess(nats.url, { host: "web01", extra: ["--nats-nkey", seedFile("web01")] }));
  // web02's IIS will not start: its true answer to a reset is FAILED.
  agents.set("web02", startAgentProcess(nats.url, { host: "web02", fault: "start-failure", stopMs: 300, extra: ["--nats-nkey", seedFile("web02")] }));
  await waitFor(async () => (await hosts()).hosts.filter((h) => h.liveness === "online").length === 2, { what: "both agents online", timeoutMs: 30_000 });
}, 90_000);

afterAll(async () => {
  await Promise.all(open.map((nc) => nc.close().catch(() => undefined)));
  await Promise.all([...agents.values()].map((a) => a.kill()));
  await controller?.kill();
  await nats?.stop();
  dir.remove();
});

describe("signed agent messages (controller with --agent-keys)", () => {
  it("the controller says agent identities are verified", async () => {
    expect((await hosts()).agentIdentities).toBe("verified");
    expect(await hello(controller)).toMatchObject({ type: "hello", agentIdentities: "verified" });
    const r = await cli(["--controller", controller.url, "hosts"]);
    expect(r.stdout).not.toMatch(/UNVERIFIED/);
  });

  it("forged answers to a reset (unsigned, signed by the simulator, signed by another agent) are dropped; the agent's own FAILED stands", async () => {
    const attacker = await as("simulator");
    const forged: string[] = [];
    attacker.subscribe(subjects.command("web02"), {
      callback: (_err, msg) => {
        const id = decode.command(decode.envelope(msg.data).command ?? new Uint8Array(0)).commandId;
        const now = Date.now();
        const result: ICommandResult = { commandId: id, host: "web02", outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: "OK", message: "forged", startedAtMs: now, finishedAtMs: now };
        const payload = encode.result(result);
        msg.respond(payload);
        msg.respond(payload, { headers: signedBy("simulator", "web02", "result", payload) });
        msg.respond(payload, { headers: signedBy("web01", "web01", "result", payload) });
        forged.push(id);
      },
    });
    await attacker.flush();
    const r = await cli(["--controller", controller.url, "reset", "web02", "--json"]);
    expect(forged).toHaveLength(1);
    const cmd = (r.json as { command: { id: string; state: string; message: string } }).command;
    expect(cmd.id).toBe(forged[0]);
    expect(cmd.state).toBe("failed");
    expect(cmd.message).not.toMatch(/forged/);
    const security = await waitFor(
      async () => {
        const e = (await events("security")).filter((x) => x.host === "web02" && x.data.kind === "result");
        return e.length >= 3 ? e : undefined;
      },
      { what: "three security events for the forged results", timeoutMs: 15_000 },
    );
    expect(security.map((e) => e.data.reason).sort()).toEqual(["bad-signature", "host-mismatch", "unsigned"]);
    expect(await dropped("unsigned")).toBeGreaterThanOrEqual(1);
    expect(await dropped("bad-signature")).toBeGreaterThanOrEqual(1);
    expect(await dropped("host-mismatch")).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it("a rollout never counts a host healthy on a forged answer: web02 (whose IIS will not start) ends failed", async () => {
    const attacker = await as("simulator");
    attacker.subscribe(subjects.command("web02"), {
      callback: (_err, msg) => {
        const id = decode.command(decode.envelope(msg.data).command ?? new Uint8Array(0)).commandId;
        const now = Date.now();
        const payload = encode.result({ commandId: id, host: "web02", outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: "OK", message: "forged", startedAtMs: now, finishedAtMs: now });
        msg.respond(payload, { headers: signedBy("simulator", "web02", "result", payload) });
      },
    });
    await attacker.flush();
    const started = await controller.fetch("/api/v1/rollouts", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ hosts: ["web02"], actor: "test" }),
    });
    expect(started.status).toBe(200);
    const id = ((await started.json()) as { rollout: { id: string } }).rollout.id;
    const done = await waitFor(
      async () => {
        const d = (await (await controller.fetch(`/api/v1/rollouts/${id}`)).json()) as { rollout: { state: string }; hosts: Array<{ host: string; state: string; message: string }> };
        return ["succeeded", "failed", "aborted"].includes(d.rollout.state) ? d : undefined;
      },
      { what: "the rollout to finish", timeoutMs: 60_000 },
    );
    expect(done.rollout.state).toBe("failed");
    // The agent's own answer decided it: IIS did not start.
    expect(done.hosts[0]).toMatchObject({ host: "web02", state: "failed", code: "START_FAILED" });
    expect(done.hosts[0]?.message).not.toMatch(/forged/);
  }, 90_000);

  it("a heartbeat not signed by its host's agent changes nothing (the simulator seed claiming web02 sits in farm 'evil')", async () => {
    const attacker = await as("simulator");
    const before = await dropped("unsigned");
    const hb = encode.heartbeat({ agentVersion: "x", instanceId: "forged-instance", seq: 1, sentAtMs: Date.now(), intervalMs: 300, facts: { host: "web02", farm: "evil" } });
    attacker.publish(subjects.heartbeat("web02"), hb);
    attacker.publish(subjects.heartbeat("web02"), hb, { headers: signedBy("web01", "web02", "heartbeat", hb) });
    await attacker.flush();
    await waitFor(async () => (await dropped("unsigned")) > before && (await dropped("bad-signature")) >= 2, { what: "both heartbeats dropped", timeoutMs: 15_000 });
    expect((await hosts()).hosts.find((h) => h.name === "web02")?.farm).toBe("web");
  });

  it("web01's own heartbeat replayed, and its signed statement with a later seq and a made-up chain link, are dropped", async () => {
    // The controller's seed may read every heartbeat: capture one of web01's as it goes by.
    const listener = await as("controller");
    const captured = await new Promise<{ data: Uint8Array; headers: MsgHdrs }>((resolve) => {
      listener.subscribe(subjects.heartbeat("web01"), { max: 1, callback: (_err, m) => m.headers && resolve({ data: m.data, headers: m.headers }) });
    });
    const signedLength = Number(captured.headers.get(AGENT_SIGNED_LENGTH_HEADER));
    expect(signedLength).toBeGreaterThan(0);
    const statement = captured.data.subarray(0, signedLength);
    const beat = readHeartbeatBeat(captured.data.subarray(signedLength));
    const copy = () => {
      const h = headers();
      for (const name of [AGENT_HOST_HEADER, AGENT_SIGNATURE_HEADER, AGENT_SIGNED_LENGTH_HEADER]) h.set(name, captured.headers.get(name));
      return h;
    };
    const attacker = await as("simulator");
    const replays = await dropped("replayed-beat");
    const forgeries = await dropped("bad-beat-proof");
    attacker.publish(subjects.heartbeat("web01"), captured.data, { headers: copy() });
    // A beat well ahead of web01's own (still within its chain): on a loaded machine web01's real next beat may land
    // first, and a forged seq + 1 would then be dropped as a replay, not as the forgery it is.
    const forged = Buffer.concat([statement, encodeHeartbeatBeat({ seq: beat.seq + 100, sentAtMs: Date.now(), proof: randomBytes(32) })]);
    attacker.publish(subjects.heartbeat("web01"), forged, { headers: copy() });
    await attacker.flush();
    await waitFor(async () => (await dropped("replayed-beat")) > replays && (await dropped("bad-beat-proof")) > forgeries, { what: "the replay and the forgery dropped", timeoutMs: 15_000 });
    // web01's own later beats are still believed: the forgery moved nothing on.
    const seen = (await hosts()).hosts.find((h) => h.name === "web01") as HostRow & { lastSeenMs: number };
    await waitFor(async () => ((await hosts()).hosts.find((h) => h.name === "web01") as HostRow & { lastSeenMs: number }).lastSeenMs > seen.lastSeenMs, {
      what: "a later heartbeat of web01 believed",
      timeoutMs: 30_000,
    });
    expect((await hosts()).hosts.find((h) => h.name === "web01")?.liveness).toBe("online");
  });

  it("a stolen web02 seed can neither attach events to web01's command nor move web01 to 'renamed' with its instance id", async () => {
    const r = await cli(["--controller", controller.url, "reset", "web01", "--json"]);
    const web01Command = (r.json as { command: { id: string } }).command.id;
    const stolen = await as("web02");
    const before = await dropped("foreign-command");
    const ev = encode.event({ commandId: web01Command, host: "web02", seq: 1, atMs: Date.now(), phase: "stopping", message: "attached by web02" });
    stolen.publish(subjects.events("web02"), ev, { headers: signedBy("web02", "web02", "event", ev) });
    // web01's instance id is no secret: any live status answer carries it.
    const status = (await (await controller.fetch("/api/v1/status?live=1&host=web01")).json()) as { answered: Array<{ host: string; instanceIds: string[] }> };
    const web01Instance = status.answered.find((a) => a.host === "web01")?.instanceIds[0];
    expect(web01Instance).toBeTruthy();
    const hb = encode.heartbeat({ agentVersion: "x", instanceId: web01Instance, seq: 1, sentAtMs: Date.now(), intervalMs: 300, facts: { host: "web02", farm: "web" } });
    stolen.publish(subjects.heartbeat("web02"), hb, { headers: signedBy("web02", "web02", "heartbeat", hb) });
    await stolen.flush();
    await waitFor(async () => (await dropped("foreign-command")) > before, { what: "the foreign event dropped", timeoutMs: 15_000 });
    const detail = (await (await controller.fetch(`/api/v1/commands/${web01Command}`)).json()) as { events: Array<{ message: string }> };
    expect(detail.events.map((e) => e.message)).not.toContain("attached by web02");
    // Give the heartbeat time to land (the registry is in memory; the API reads it directly).
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await hosts()).hosts.find((h) => h.name === "web01")?.renamedTo ?? "").toBe("");
    expect((await events("host.renamed")).length).toBe(0);
  }, 60_000);

  it("a stolen web01 seed cannot answer the fleet status question as web02: a silent web02 stays silent", async () => {
    await agents.get("web02")?.kill();
    agents.delete("web02");
    const stolen = await as("web01");
    const answered: string[] = [];
    stolen.subscribe(subjects.fleetStatus, {
      callback: (_err, msg) => {
        answered.push("asked");
        const req = decode.statusRequest(msg.data);
        const payload = encode.statusReport({ requestId: req.requestId, facts: { host: "web02", farm: "web" }, agentVersion: "x", instanceId: "forged" });
        // Signed by web01 (its key, its host header), speaking for web02.
        msg.respond(payload, { headers: signedBy("web01", "web01", "status", payload) });
      },
    });
    await stolen.flush();
    const r = (await (await controller.fetch("/api/v1/status?live=1&detail=1&timeoutMs=3000")).json()) as {
      answered: Array<{ host: string }>;
      silent: Array<{ host: string } | string>;
      summary: { malformed: number };
    };
    expect(answered).toEqual(["asked"]);
    // The forged answer arrived and was refused: signed by web01, it spoke for web02.
    expect(r.summary.malformed).toBe(1);
    expect(r.answered.map((a) => a.host)).toEqual(["web01"]);
    expect(JSON.stringify(r.silent)).toContain("web02");
  }, 60_000);
});

describe("the fleet simulator", () => {
  it("speaks only for the hosts whose seeds it holds: lab01 (seed in --agent-keys) registers, lab02 (none) is dropped", async () => {
    const before = await dropped("unknown-agent-key");
    const unsignedBefore = await dropped("unsigned");
    const sim = spawnNode("simulator", AGENT_BIN, [
      "simulate", "--count", "2", "--farm", "lab", "--prefix", "lab", "--connections", "1", "--heartbeat", "300ms",
      "--nats", nats.url, "--nats-nkey", seedFile("simulator"), "--agent-keys", keysDir,
    ]);
    try {
      await waitFor(async () => (await hosts()).hosts.some((h) => h.name === "lab01" && h.liveness === "online"), { what: "lab01 online", timeoutMs: 30_000 });
      await waitFor(async () => (await dropped("unsigned")) > unsignedBefore + 2, { what: "lab02's unsigned heartbeats dropped", timeoutMs: 15_000 });
      expect((await hosts()).hosts.some((h) => h.name === "lab02")).toBe(false);
      expect(await dropped("unknown-agent-key")).toBe(before);
    } finally {
      await sim.kill();
    }
  }, 60_000);
});

describe("refusals past the signature gate", () => {
  it("a replay refused by the agent's replay memory (a new id reusing a nonce) reaches the controller's history", async () => {
    const spy = await as("simulator");
    const captured: Uint8Array[] = [];
    spy.subscribe(subjects.command("web01"), { callback: (_err, msg) => void captured.push(msg.data) });
    await spy.flush();
    expect((await cli(["--controller", controller.url, "reset", "web01", "--json"])).code).toBe(0);
    const original = decode.command(decode.envelope(captured[0] ?? new Uint8Array(0)).command ?? new Uint8Array(0));
    const now = Date.now();
    const replay = { ...original, commandId: "replayed-nonce-0001", issuedAtMs: now, expiresAtMs: now + 30_000 };
    const sender = await as("controller");
    const reply = await sender.request(subjects.command("web01"), sealCommand(replay, undefined), { timeout: 10_000 });
    expect(decode.result(reply.data).code).toBe("REPLAYED");
    await waitFor(
      async () => {
        const r = (await (await controller.fetch("/api/v1/refusals?host=web01")).json()) as { refusals: Array<{ commandId: string | null; message: string }> };
        return r.refusals.some((e) => e.commandId === "replayed-nonce-0001" && /^REPLAYED/.test(e.message));
      },
      { what: "the REPLAYED refusal in the controller's history", timeoutMs: 15_000 },
    );
  }, 60_000);
});

describe("a controller without --agent-keys", () => {
  it("says in its log, in `iisfleet hosts` and in the API that agent identities are unverified", async () => {
    const open = await startControllerProcess(nats.url, join(dir.path, "open.db"), ["--nats-nkey", seedFile("controller")]);
    try {
      await waitFor(async () => ((await (await open.fetch("/api/v1/hosts")).json()) as { hosts: unknown[] }).hosts.length > 0, { what: "a host", timeoutMs: 20_000 });
      expect(((await (await open.fetch("/api/v1/hosts")).json()) as { agentIdentities: string }).agentIdentities).toBe("unverified");
      const r = await cli(["--controller", open.url, "hosts"]);
      expect(r.stdout).toMatch(/Agent identities are UNVERIFIED/);
      expect(open.stderr()).toMatch(/agent identities are UNVERIFIED/);
      // The dashboard shows a banner from this.
      expect(await hello(open)).toMatchObject({ type: "hello", agentIdentities: "unverified" });

      // Whoever speaks for a host on open NATS still cannot drive the operator's terminal: a stopped app pool named
      // with escape sequences (clear screen, set the window title) is printed with its control characters replaced.
      const attacker = await as("simulator");
      const hostile = "\u001b[2J\u001b]0;owned\u0007evil\u009b31m";
      const hb = encode.heartbeat({
        agentVersion: "x",
        instanceId: "hostile-instance",
        seq: 1,
        sentAtMs: Date.now(),
        intervalMs: 60_000,
        facts: { host: "web09", farm: "web", appPools: [{ name: hostile, started: false }] },
      });
      attacker.publish(subjects.heartbeat("web09"), hb);
      await attacker.flush();
      await waitFor(async () => ((await (await open.fetch("/api/v1/hosts")).json()) as { hosts: HostRow[] }).hosts.some((h) => h.name === "web09"), {
        what: "web09 registered",
        timeoutMs: 15_000,
      });
      const status = await cli(["--controller", open.url, "status", "--host", "web09"]);
      expect(status.stdout).toContain("evil");
      expect(status.stdout).not.toMatch(/[\u001b\u0007\u009b]/);
      // --json keeps the agent's text as sent, escaped by JSON itself.
      const json = await cli(["--controller", open.url, "status", "--host", "web09", "--json"]);
      expect(json.stdout).toContain("\\u001b[2J");
    } finally {
      await open.kill();
    }
  }, 60_000);
});
