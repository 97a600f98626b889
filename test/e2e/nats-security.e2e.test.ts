// NATS locked down with `iisfleet keys` + `iisfleet nats-config`, against the REAL nats-server (Debian's 2.9.10 in CI,
// which has CVE-2023-47090): who may connect, who may hear and say what, and a whole fleet over mutual TLS.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { connect as netConnect } from "node:net";
import { join } from "node:path";
import {
  type Msg,
  type NatsConnection,
  type ConnectionOptions,
  PermissionViolationError,
  connect,
  createInbox,
  nkeyAuthenticator,
} from "@nats-io/transport-node";
import { createUser } from "@nats-io/nkeys";
import { inboxPrefixes, subjects } from "@iisfleet/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, findNatsServerBinary, startNatsServer } from "../support/nats-server.js";
import {
  AGENT_BIN,
  type Controller,
  type Proc,
  cli,
  spawnNode,
  startAgentProcess,
  startControllerProcess,
  tempDir,
} from "../support/processes.js";
import { type TestCa, createTestCa } from "../support/test-ca.js";
import { waitFor } from "../support/wait.js";

const dir = tempDir("iisfleet-natssec-");
const keysDir = join(dir.path, "keys");
const seedFile = (who: "controller" | "web01" | "web02") =>
  who === "controller" ? join(keysDir, "nats", "controller.nk") : join(keysDir, "nats", "agents", `${who}.nk`);
const seed = (who: "controller" | "web01" | "web02") => new TextEncoder().encode(readFileSync(seedFile(who), "utf8").trim());

const open: NatsConnection[] = [];
async function client(opts: Partial<ConnectionOptions>): Promise<NatsConnection> {
  const nc = await connect({ reconnect: false, ...opts });
  open.push(nc);
  return nc;
}

/** A raw TCP client that never starts TLS: the server's INFO, then whatever it says to CONNECT + PING until it hangs up. */
function plaintextConnect(port: number): Promise<{ info: Record<string, unknown>; rest: string }> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: "127.0.0.1", port });
    let text = "";
    let sent = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept a plaintext client open: ${text}`));
    }, 15_000);
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      text += chunk;
      if (!sent && text.includes("\r\n")) {
        sent = true;
        socket.write('CONNECT {"verbose":false,"pedantic":false,"tls_required":false,"name":"plaintext"}\r\nPING\r\n');
      }
    });
    socket.on("error", () => undefined); // a reset is a refusal too; "close" follows
    socket.on("close", () => {
      clearTimeout(timer);
      const end = text.indexOf("\r\n");
      const line = end < 0 ? text : text.slice(0, end);
      if (!line.startsWith("INFO ")) return reject(new Error(`expected INFO, got ${text}`));
      resolve({ info: JSON.parse(line.slice(5)) as Record<string, unknown>, rest: text.slice(end + 2) });
    });
  });
}

/** Whether this nats-server still has CVE-2023-47090 (fixed in 2.9.23 and 2.10.2). */
function vulnerableToCve202347090(): boolean {
  const out = execFileSync(findNatsServerBinary(), ["--version"], { encoding: "utf8" });
  const m = /v?(\d+)\.(\d+)\.(\d+)/.exec(out);
  if (!m) return false;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (major !== 2) return false;
  if (minor === 9) return patch < 23;
  if (minor === 10) return patch < 2;
  return minor >= 2 && minor < 9;
}

beforeAll(async () => {
  const init = await cli(["keys", "init", "--dir", keysDir, "--agent", "web01,web02", "--simulator", "--json"]);
  expect(init.stderr).toBe("");
  expect(init.code).toBe(0);
});

afterAll(async () => {
  await Promise.all(open.map((nc) => nc.close().catch(() => undefined)));
  dir.remove();
});

describe("a generated config (nkeys, no TLS)", () => {
  let nats: NatsServer;
  let confFile: string;

  beforeAll(async () => {
    confFile = join(dir.path, "plain.conf");
    const r = await cli(["nats-config", "--keys", keysDir, "--out", confFile, "--json"]);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ file: confFile, tls: "off", users: { controller: 1, agents: 2, simulator: 1 } });
    nats = await startNatsServer({ configFile: confFile });
  });
  afterAll(async () => {
    await nats?.stop();
  });

  it("passes nats-server's own config check (nats-server -t)", () => {
    const check = spawnSync(findNatsServerBinary(), ["-t", "-c", confFile], { encoding: "utf8" });
    expect(check.stderr + check.stdout).toMatch(/configuration file .* is valid/);
    expect(check.status).toBe(0);
  });

  it("has no accounts block beside its authorization block, the shape of CVE-2023-47090", () => {
    const text = readFileSync(confFile, "utf8");
    expect(text).toMatch(/^authorization \{/m);
    expect(text).not.toMatch(/^\s*accounts\b/m);
    expect(text).not.toMatch(/no_auth_user/);
  });

  it("refuses an unauthenticated client (CVE-2023-47090: an accounts block with only $SYS beside authorization would admit it)", async () => {
    await expect(client({ servers: nats.url })).rejects.toThrow(/Authorization Violation/i);
  });

  it("refuses a seed it does not list, and a client presenting a user/password instead", async () => {
    const stranger = createUser();
    await expect(client({ servers: nats.url, authenticator: nkeyAuthenticator(stranger.getSeed()) })).rejects.toThrow(/Authorization Violation/i);
    await expect(client({ servers: nats.url, user: "web01", pass: "web01" })).rejects.toThrow(/Authorization Violation/i);
  });

  it("does not let web01's nkey subscribe to web02's command subject", async () => {
    const web01 = await client({ servers: nats.url, authenticator: nkeyAuthenticator(seed("web01")) });
    const errors: Error[] = [];
    web01.subscribe(subjects.command("web02"), { callback: (err) => void (err ? errors.push(err) : undefined) });
    await web01.flush();
    await waitFor(() => errors.length > 0, { what: "the server to refuse the subscription", timeoutMs: 10_000 });
    expect(errors[0]).toBeInstanceOf(PermissionViolationError);
    expect(String(errors[0]?.message)).toMatch(/Permissions Violation for Subscription to "iisfleet\.v1\.agent\.web02\.cmd"/);
    // Nor the controller's reply inbox, where agents' answers travel.
    const snoop: Error[] = [];
    web01.subscribe(`${inboxPrefixes.controller}.>`, { callback: (err) => void (err ? snoop.push(err) : undefined) });
    await web01.flush();
    await waitFor(() => snoop.length > 0, { what: "the server to refuse the inbox subscription", timeoutMs: 10_000 });
    expect(snoop[0]).toBeInstanceOf(PermissionViolationError);
  });

  it("does not let web01's nkey publish a heartbeat as web02, a command, or into the controller's inbox", async () => {
    const controller = await client({ servers: nats.url, authenticator: nkeyAuthenticator(seed("controller")), inboxPrefix: inboxPrefixes.controller });
    const heard: string[] = [];
    const record = (_err: Error | null, msg: Msg): void => void heard.push(msg.subject);
    controller.subscribe(subjects.allHeartbeats, { callback: record });
    controller.subscribe(`${inboxPrefixes.controller}.>`, { callback: record });
    await controller.flush();
    // The controller may send commands, but web01 may not: a listener on web02's command subject hears nothing.
    const web02 = await client({ servers: nats.url, authenticator: nkeyAuthenticator(seed("web02")) });
    web02.subscribe(subjects.command("web02"), { callback: record });
    await web02.flush();

    const web01 = await client({ servers: nats.url, authenticator: nkeyAuthenticator(seed("web01")) });
    const violations: string[] = [];
    void (async () => {
      for await (const s of web01.status()) if (s.type === "error") violations.push(String(s.error.message));
    })();
    web01.publish(subjects.heartbeat("web02"), "forged");
    web01.publish(subjects.command("web02"), "forged");
    web01.publish(`${inboxPrefixes.controller}.forged`, "forged");
    // One connection's messages are processed in order: once web01's own heartbeat arrives, the forged ones would have.
    web01.publish(subjects.heartbeat("web01"), "genuine");
    await web01.flush();
    await waitFor(() => heard.includes(subjects.heartbeat("web01")), { what: "web01's own heartbeat at the controller", timeoutMs: 10_000 });
    await controller.flush();
    await web02.flush();
    expect(heard).toEqual([subjects.heartbeat("web01")]);
    await waitFor(() => violations.length >= 3, { what: "three publish violations reported to web01", timeoutMs: 10_000 });
    expect(violations.join("\n")).toMatch(/Permissions Violation for Publish to "iisfleet\.v1\.agent\.web02\.hb"/);
  });

  it("lets an agent answer the controller's request through allow_responses, though it may not publish to inboxes", async () => {
    const controller = await client({ servers: nats.url, authenticator: nkeyAuthenticator(seed("controller")), inboxPrefix: inboxPrefixes.controller });
    const web01 = await client({ servers: nats.url, authenticator: nkeyAuthenticator(seed("web01")) });
    web01.subscribe(subjects.command("web01"), { callback: (_err, msg) => void msg.respond(`ack ${msg.string()}`) });
    await web01.flush();
    const reply = await controller.request(subjects.command("web01"), "reset", { timeout: 10_000 });
    expect(reply.string()).toBe("ack reset");
    // A scatter-gather on the fleet subject, replies on a private inbox as the controller's live status does it.
    const inbox = createInbox(inboxPrefixes.controller);
    const got: string[] = [];
    web01.subscribe(subjects.fleetStatus, { callback: (_err, msg) => void msg.respond("web01 here") });
    await web01.flush();
    controller.subscribe(inbox, { callback: (_err, msg) => void got.push(msg.string()) });
    controller.publish(subjects.fleetStatus, "who is there", { reply: inbox });
    await waitFor(() => got.length === 1, { what: "web01's answer to the fleet question", timeoutMs: 10_000 });
    expect(got).toEqual(["web01 here"]);
  });

  it("lets the fleet simulator (test-only identity) serve many hosts on one connection", async () => {
    const controller = await client({ servers: nats.url, authenticator: nkeyAuthenticator(seed("controller")), inboxPrefix: inboxPrefixes.controller });
    const beats = new Set<string>();
    controller.subscribe(subjects.allHeartbeats, { callback: (_err, msg) => void beats.add(msg.subject) });
    await controller.flush();
    const sim = spawnNode("simulator", AGENT_BIN, [
      "simulate", "--count", "3", "--farm", "lab", "--prefix", "sim", "--connections", "1", "--heartbeat", "300ms",
      "--nats", nats.url, "--nats-nkey", join(keysDir, "nats", "simulator.nk"),
    ]);
    try {
      await waitFor(() => /simulating 3 agents/.test(sim.stdout()) || sim.child.exitCode !== null, { what: "the simulator to start", timeoutMs: 20_000 });
      expect(sim.stderr()).not.toMatch(/refused|does not allow/);
      await waitFor(() => beats.size === 3, { what: "heartbeats from sim01..sim03", timeoutMs: 20_000 });
      expect([...beats].sort()).toEqual(["sim01", "sim02", "sim03"].map((h) => subjects.heartbeat(h)));
    } finally {
      await sim.kill();
    }
  });

  it("does not let the controller's client use the default _INBOX prefix (only its own is granted)", async () => {
    const controller = await client({ servers: nats.url, authenticator: nkeyAuthenticator(seed("controller")) });
    const web01 = await client({ servers: nats.url, authenticator: nkeyAuthenticator(seed("web01")) });
    web01.subscribe(subjects.command("web01"), { callback: (_err, msg) => void msg.respond("ack") });
    await web01.flush();
    await expect(controller.request(subjects.command("web01"), "x", { timeout: 5_000 })).rejects.toThrow(/permission|timeout/i);
  });
});

describe("start-up refusals: one sentence naming what to fix", () => {
  let nats: NatsServer;
  beforeAll(async () => {
    nats = await startNatsServer({ configFile: join(dir.path, "plain.conf") });
  });
  afterAll(async () => {
    await nats?.stop();
  });

  it("an agent given another host's seed stops at start (exit 1) instead of running deaf", async () => {
    const agent = startAgentProcess(nats.url, { host: "web01", extra: ["--nats-nkey", seedFile("web02")] });
    expect(await agent.exited).toBe(1);
    expect(agent.stderr()).toMatch(/iisfleet-agent: NATS does not allow web01 its subjects \(Permissions Violation for Subscription to "iisfleet\.v1\.agent\.web01\.cmd"\)/);
  });

  it("an agent, the simulator and the controller with a seed the server does not list are refused (exit 1)", async () => {
    const other = join(dir.path, "other-keys");
    expect((await cli(["keys", "init", "--dir", other, "--agent", "web01", "--simulator"])).code).toBe(0);
    const agent = startAgentProcess(nats.url, { host: "web01", extra: ["--nats-nkey", join(other, "nats", "agents", "web01.nk")] });
    expect(await agent.exited).toBe(1);
    expect(agent.stderr()).toMatch(/NATS refused web01's credentials \(Authorization Violation\)/);
    const sim = spawnNode("simulator", AGENT_BIN, ["simulate", "--count", "2", "--farm", "f", "--nats", nats.url, "--nats-nkey", join(other, "nats", "simulator.nk")]);
    expect(await sim.exited).toBe(1);
    expect(sim.stderr()).toMatch(/NATS refused the simulator's credentials/);
    const ctl = await cli(["controller", "--nats", nats.url, "--db", join(dir.path, "refused.db"), "--listen", "127.0.0.1:0", "--nats-nkey", join(other, "nats", "controller.nk"), "--json"]);
    expect(ctl.code).toBe(1);
    expect(ctl.json).toMatchObject({ error: { code: "NATS_AUTH_REFUSED" } });
  });

  it("a missing or wrong credential file is a usage error naming the path (exit 2), for agent, simulator and controller", async () => {
    const missing = join(dir.path, "no-such.nk");
    const agent = startAgentProcess(nats.url, { host: "web01", extra: ["--nats-nkey", missing] });
    expect(await agent.exited).toBe(2);
    expect(agent.stderr()).toContain(`--nats-nkey ${missing}: no such file`);
    const sim = spawnNode("simulator", AGENT_BIN, ["simulate", "--count", "1", "--farm", "f", "--nats", nats.url, "--nats-tls-ca", seedFile("web01")]);
    expect(await sim.exited).toBe(2);
    expect(sim.stderr()).toContain(`--nats-tls-ca ${seedFile("web01")}: not a PEM file holding a certificate`);
    const ctl = await cli(["controller", "--nats", nats.url, "--db", join(dir.path, "x.db"), "--nats-nkey", missing, "--json"]);
    expect(ctl.code).toBe(2);
    expect(ctl.json).toMatchObject({ error: { code: "INVALID_INPUT", message: `--nats-nkey ${missing}: no such file` } });
  });
});

describe("iisfleet keys and nats-config refuse bad input", () => {
  it("exit 2 for a bad host name or TLS flags that do not fit together, exit 1 for an uninitialized keys dir", async () => {
    expect((await cli(["keys", "init", "--dir", join(dir.path, "k"), "--agent", "web_01"])).code).toBe(2);
    const notInit = await cli(["keys", "add-agent", "web09", "--dir", join(dir.path, "empty"), "--json"]);
    expect(notInit.code).toBe(1);
    expect(notInit.json).toMatchObject({ error: { code: "KEYS_ERROR" } });
    const out = join(dir.path, "never.conf");
    const noCa = await cli(["nats-config", "--keys", keysDir, "--out", out, "--tls-cert", seedFile("web01"), "--tls-key", seedFile("web01"), "--tls-verify", "--json"]);
    expect(noCa.code).toBe(2);
    expect(noCa.json).toMatchObject({ error: { code: "INVALID_INPUT", message: expect.stringMatching(/--tls-verify needs --tls-ca/) } });
    const missingCert = await cli(["nats-config", "--keys", keysDir, "--out", out, "--tls-cert", join(dir.path, "nope.pem"), "--tls-key", seedFile("web01")]);
    expect(missingCert.code).toBe(2);
    expect(missingCert.stderr).toContain(`--tls-cert ${join(dir.path, "nope.pem")}: no such file`);
    expect(existsSync(out)).toBe(false);
  });
});

describe("the CVE-2023-47090 shape itself (control: proves the test above can fail)", () => {
  it.skipIf(!vulnerableToCve202347090())("admits an unauthenticated client on this nats-server when accounts holds only $SYS beside authorization", async () => {
    const conf = join(dir.path, "cve-shape.conf");
    const user = createUser();
    writeFileSync(
      conf,
      [
        `accounts { $SYS { users: [ { user: "sys", password: "${user.getPublicKey()}" } ] } }`,
        `authorization { users: [ { nkey: "${user.getPublicKey()}" } ] }`,
      ].join("\n"),
    );
    const nats = await startNatsServer({ configFile: conf });
    try {
      const nc = await client({ servers: nats.url });
      await nc.flush(); // admitted without credentials: exactly what iisfleet's generated configs avoid
      expect(nc.isClosed()).toBe(false);
    } finally {
      await nats.stop();
    }
  });
});

describe("a fleet over mutual TLS with nkeys (real controller and agent processes)", () => {
  let ca: TestCa;
  let nats: NatsServer;
  let controller: Controller;
  const agents: Proc[] = [];
  let tlsFlags: string[];

  beforeAll(async () => {
    ca = createTestCa();
    const confFile = join(dir.path, "tls.conf");
    const r = await cli([
      "nats-config", "--keys", keysDir, "--out", confFile, "--json",
      "--tls-cert", ca.serverCert, "--tls-key", ca.serverKey, "--tls-ca", ca.caCert, "--tls-verify",
    ]);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ tls: "mutual" });
    execFileSync(findNatsServerBinary(), ["-t", "-c", confFile], { stdio: "ignore" });
    nats = await startNatsServer({ configFile: confFile });
    tlsFlags = ["--nats-tls-ca", ca.caCert, "--nats-tls-cert", ca.clientCert, "--nats-tls-key", ca.clientKey];
    controller = await startControllerProcess(nats.url, join(dir.path, "tls.db"), ["--nats-nkey", seedFile("controller"), ...tlsFlags]);
    for (const host of ["web01", "web02"] as const) {
      agents.push(startAgentProcess(nats.url, { host, extra: ["--nats-nkey", seedFile(host), ...tlsFlags] }));
    }
    await waitFor(
      async () => {
        const hosts = await cli(["--controller", controller.url, "hosts", "--json"]);
        return (hosts.json as { hosts: unknown[] } | undefined)?.hosts.length === 2;
      },
      { what: "both agents to register over TLS", timeoutMs: 30_000 },
    );
  });

  afterAll(async () => {
    await Promise.all(agents.map((a) => a.kill()));
    await controller?.kill();
    await nats?.stop();
    ca?.remove();
  });

  it("resets a host", async () => {
    const r = await cli(["--controller", controller.url, "reset", "web02", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect((r.json as { command: { state: string; code: string } }).command).toMatchObject({ state: "succeeded", code: "OK" });
  });

  it("answers a live fleet status (replies on the controller's own inbox prefix)", async () => {
    const r = await cli(["--controller", controller.url, "status", "--live", "--strict", "--json"]);
    expect(r.code).toBe(0);
    const answered = (r.json as { answered: Array<{ host: string }> }).answered.map((a) => a.host).sort();
    expect(answered).toEqual(["web01", "web02"]);
  });

  it("refuses a client without a certificate, even with a valid nkey", async () => {
    await expect(client({ servers: nats.url, authenticator: nkeyAuthenticator(seed("web01")), tls: { caFile: ca.caCert } })).rejects.toThrow(/bad certificate|certificate required/i);
    expect(nats.logTail(20)).toMatch(/client didn't provide a certificate/);
  });

  it("is refused by a client that trusts another CA", async () => {
    const other = createTestCa();
    try {
      await expect(
        client({
          servers: nats.url,
          authenticator: nkeyAuthenticator(seed("web01")),
          tls: { caFile: other.caCert, certFile: ca.clientCert, keyFile: ca.clientKey },
        }),
      ).rejects.toThrow(/unable to verify/i);
    } finally {
      other.remove();
    }
  });

  it("refuses a plaintext client: it says TLS is required, and a plaintext CONNECT gets no PONG", async () => {
    const { info, rest } = await plaintextConnect(nats.port);
    expect(info).toMatchObject({ tls_required: true, tls_verify: true, auth_required: true });
    expect(rest).not.toMatch(/PONG/);
  });
});
