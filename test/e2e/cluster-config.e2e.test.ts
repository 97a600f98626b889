// `iisfleet nats-config` beyond one server, against REAL nats-servers: a 3-server cluster whose routes use mutual
// TLS (and JetStream replicated over it), a hub with a leaf node for a remote site / DMZ where the hub still decides
// who may send commands, and the flags' validation at the edge.
import { spawnSync } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ConnectionOptions, type Msg, type NatsConnection, connect, createInbox, nkeyAuthenticator } from "@nats-io/transport-node";
import { inboxPrefixes, subjects } from "@iisfleet/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HubAndLeaf, type NatsCluster, startHubAndLeaf, startNatsCluster } from "../support/nats-cluster.js";
import { findNatsServerBinary } from "../support/nats-server.js";
import { cli, tempDir } from "../support/processes.js";
import { type TestCa, createTestCa } from "../support/test-ca.js";
import { waitFor } from "../support/wait.js";

const dir = tempDir("iisfleet-clustercfg-");
const keysDir = join(dir.path, "keys");
let ca: TestCa;
type Who = "controller" | "simulator" | "web01" | "web02";
const seedFile = (who: Who) =>
  who === "controller" || who === "simulator" ? join(keysDir, "nats", `${who}.nk`) : join(keysDir, "nats", "agents", `${who}.nk`);
const seed = (who: Who) => new TextEncoder().encode(readFileSync(seedFile(who), "utf8").trim());

const open: NatsConnection[] = [];
async function client(opts: Partial<ConnectionOptions>): Promise<NatsConnection> {
  const nc = await connect({ reconnect: false, ...opts });
  open.push(nc);
  return nc;
}
const as = (who: Who, server: string, tls: boolean) =>
  client({
    servers: server,
    authenticator: nkeyAuthenticator(seed(who)),
    ...(who === "controller" ? { inboxPrefix: inboxPrefixes.controller } : {}),
    ...(tls ? { tls: { caFile: ca.caCert } } : {}),
  });

function natsServerCheck(file: string): { ok: boolean; text: string } {
  const check = spawnSync(findNatsServerBinary(), ["-t", "-c", file], { encoding: "utf8" });
  return { ok: check.status === 0, text: check.stderr + check.stdout };
}

beforeAll(async () => {
  ca = createTestCa();
  const init = await cli(["keys", "init", "--dir", keysDir, "--agent", "web01,web02", "--simulator", "--json"]);
  expect(init.code).toBe(0);
});

afterAll(async () => {
  await Promise.all(open.map((nc) => nc.close().catch(() => undefined)));
  ca?.remove();
  dir.remove();
});

// Every refusal is checked in-process (packages/controller/test/nats-config-topology.test.ts); here the CLI process's
// answer: a usage error naming the flag, and INVALID_INPUT in --json.
describe("nats-config, as a process, refuses a topology it cannot make safely", () => {
  const out = () => join(dir.path, "bad.conf");
  it("a cluster without TLS between its routes", async () => {
    const r = await cli(["nats-config", "--keys", keysDir, "--out", out(), "--cluster", "c", "--server-name", "a", "--routes", "nats://a:6222", "--json"]);
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({ error: { code: "INVALID_INPUT", message: expect.stringMatching(/--cluster needs --tls-cert, --tls-key and --tls-ca/) } });
    expect(() => statSync(out())).toThrow();
  });

  it("a route that is not a URL", async () => {
    const r = await cli(["nats-config", "--keys", keysDir, "--out", out(), "--cluster", "c", "--routes", "a:6222"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"a:6222" is not a URL like nats:\/\/nats-a:6222/);
  });

  it("a credentials file that is a NATS JWT creds file, or not JSON, is named as such", async () => {
    const jwtCreds = join(dir.path, "user.creds");
    writeFileSync(jwtCreds, "-----BEGIN NATS USER JWT-----\neyJ0eXAi\n------END NATS USER JWT------\n");
    const r = await cli(["nats-config", "--keys", keysDir, "--out", out(), "--leaf-remote", "nats://hub:7422", "--leaf-creds", jwtCreds, "--tls-ca", ca.caCert, "--json"]);
    expect(r.json).toMatchObject({ error: { code: "INVALID_INPUT", message: expect.stringMatching(/a NATS JWT creds file; iisfleet's servers run without an operator/) } });
    const garbage = join(dir.path, "garbage.json");
    writeFileSync(garbage, "{ nope");
    const g = await cli(["nats-config", "--keys", keysDir, "--out", out(), "--leaf-remote", "nats://hub:7422", "--leaf-creds", garbage, "--tls-ca", ca.caCert, "--json"]);
    expect(g.json).toMatchObject({ error: { code: "INVALID_INPUT", message: expect.stringMatching(/not an iisfleet leaf credentials file/) } });
  });
});

describe("a 3-server cluster from nats-config: routes over mutual TLS, JetStream replicated", () => {
  let cluster: NatsCluster;

  beforeAll(async () => {
    cluster = await startNatsCluster({ secure: { keysDir, ca }, jetstream: true });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("writes configs nats-server accepts (nats-server -t), with the cluster, TLS routes and JetStream", () => {
    for (const file of cluster.configFiles) {
      const check = natsServerCheck(file);
      expect(check.text).toMatch(/configuration file .* is valid/);
      expect(check.ok).toBe(true);
      const text = readFileSync(file, "utf8");
      expect(text).toMatch(/^cluster \{[\s\S]*?routes: \["nats:\/\/127\.0\.0\.1:\d+", "nats:\/\/127\.0\.0\.1:\d+", "nats:\/\/127\.0\.0\.1:\d+"\][\s\S]*?verify: true/m);
      expect(text).toMatch(/^jetstream \{/m);
      expect(text).not.toMatch(/^\s*(accounts|no_auth_user)\b/m);
    }
  });

  it("joins the three servers (each has a TLS route to the other two) and gives JetStream a meta leader", async () => {
    await cluster.waitForRoutes();
    await cluster.waitForJetStream();
    const varz = await Promise.all(
      cluster.servers.map(async (s) => (await (await fetch(`${s.monitorUrl}/varz`)).json()) as { server_id: string; server_name: string; cluster: { name: string; tls_required?: boolean; tls_verify?: boolean } }),
    );
    expect(varz.map((v) => v.server_name)).toEqual(["n1", "n2", "n3"]);
    for (const v of varz) expect(v.cluster).toMatchObject({ name: "iisfleet", tls_required: true, tls_verify: true });
    const routez = (await (await fetch(`${cluster.servers[0]?.monitorUrl}/routez`)).json()) as { routes: Array<{ remote_id: string }> };
    expect(new Set(routez.routes.map((r) => r.remote_id))).toEqual(new Set([varz[1]?.server_id, varz[2]?.server_id]));
  });

  it("carries a command from the controller on one server to an agent on another, and its heartbeat back", async () => {
    const controller = await as("controller", cluster.urls[0] as string, true);
    const web02 = await as("web02", cluster.urls[2] as string, true);
    const heard: string[] = [];
    controller.subscribe(subjects.allHeartbeats, { callback: (_e, m: Msg) => void heard.push(m.subject) });
    web02.subscribe(subjects.command("web02"), { callback: (_e, m: Msg) => void m.respond(`done ${m.string()}`) });
    await controller.flush();
    await web02.flush();
    // Interest crosses the routes asynchronously: ask until it has.
    const reply = await waitFor(() => controller.request(subjects.command("web02"), "reset", { timeout: 2_000 }), { what: "web02's answer across the cluster", timeoutMs: 20_000 });
    expect(reply.string()).toBe("done reset");
    await waitFor(() => {
      web02.publish(subjects.heartbeat("web02"), "hb");
      return heard.includes(subjects.heartbeat("web02"));
    }, { what: "web02's heartbeat at the controller on another server", timeoutMs: 20_000, intervalMs: 200 });
  });

  it("lets the controller keep a replicated KV bucket (its JetStream permissions), and gives agents none", async () => {
    const controller = await as("controller", cluster.urls[1] as string, true);
    const info = await controller.request("$JS.API.STREAM.CREATE.KV_iisfleet_test", JSON.stringify({
      name: "KV_iisfleet_test", subjects: ["$KV.iisfleet_test.>"], num_replicas: 3, max_msgs_per_subject: 1, discard: "new", allow_rollup_hdrs: true, deny_delete: true,
    }), { timeout: 20_000 });
    const created = JSON.parse(info.string()) as { config?: { num_replicas: number }; cluster?: { replicas?: unknown[] }; error?: unknown };
    expect(created.error).toBeUndefined();
    expect(created.config?.num_replicas).toBe(3);
    expect(created.cluster?.replicas).toHaveLength(2);
    const web01 = await as("web01", cluster.urls[1] as string, true);
    const errors: string[] = [];
    void (async () => {
      for await (const s of web01.status()) if (s.type === "error") errors.push(String(s.error.message));
    })();
    web01.publish("$JS.API.STREAM.DELETE.KV_iisfleet_test");
    await web01.flush();
    await waitFor(() => errors.length > 0, { what: "the server to refuse an agent's JetStream call", timeoutMs: 10_000 });
    expect(errors.join("\n")).toMatch(/Permissions Violation for Publish to "\$JS\.API\.STREAM\.DELETE/);
  });
});

describe("a hub and a leaf node from nats-config: the hub decides who may send commands", () => {
  let site: HubAndLeaf;

  beforeAll(async () => {
    site = await startHubAndLeaf({ keysDir, ca });
  });
  afterAll(async () => {
    await site?.stop();
  });

  it("writes configs nats-server accepts; the credentials file and the configs holding it are private", () => {
    for (const file of [site.hubConfig, site.leafConfig]) {
      expect(natsServerCheck(file).ok, natsServerCheck(file).text).toBe(true);
      expect(statSync(file).mode & 0o077).toBe(0);
    }
    expect(statSync(site.leafCreds).mode & 0o077).toBe(0);
    const leafText = readFileSync(site.leafConfig, "utf8");
    expect(leafText).toMatch(/remotes: \[/);
    // The leaf admits agents only: the controller's nkey is not in it.
    const controllerKey = (JSON.parse(readFileSync(join(keysDir, "nats", "users.json"), "utf8")) as { users: Array<{ role: string; publicKey: string }> }).users.find((u) => u.role === "controller")?.publicKey;
    expect(controllerKey).toBeDefined();
    expect(leafText).not.toContain(controllerKey as string);
    expect(readFileSync(site.hubConfig, "utf8")).toContain(controllerKey as string);
  });

  it("refuses the controller's nkey on the leaf: commands come only from the hub", async () => {
    await expect(as("controller", site.leaf.url, false)).rejects.toThrow(/Authorization Violation/i);
  });

  it("refuses the leaf link's login on the hub's client port (a leaf connection only)", async () => {
    const { user, password } = JSON.parse(readFileSync(site.leafCreds, "utf8")) as { user: string; password: string };
    await expect(client({ servers: site.hub.url, user, pass: password, tls: { caFile: ca.caCert } })).rejects.toThrow(/Authorization Violation/i);
  });

  it("carries a command from the controller on the hub to an agent on the leaf, its answer and a status scatter-gather back", async () => {
    const controller = await as("controller", site.hub.url, true);
    const web01 = await as("web01", site.leaf.url, false);
    web01.subscribe(subjects.command("web01"), { callback: (_e, m: Msg) => void m.respond(`done ${m.string()}`) });
    web01.subscribe(subjects.fleetStatus, { callback: (_e, m: Msg) => void m.respond("web01 here") });
    await web01.flush();
    const reply = await waitFor(() => controller.request(subjects.command("web01"), "reset", { timeout: 2_000 }), { what: "web01's answer across the leaf link", timeoutMs: 20_000 });
    expect(reply.string()).toBe("done reset");
    const inbox = createInbox(inboxPrefixes.controller);
    const got: string[] = [];
    controller.subscribe(inbox, { callback: (_e, m: Msg) => void got.push(m.string()) });
    await controller.flush();
    controller.publish(subjects.fleetStatus, "who is there", { reply: inbox });
    await waitFor(() => got.length === 1, { what: "web01's answer to the fleet question across the leaf", timeoutMs: 10_000 });
  });

  it("does not let an agent on the leaf send a command to another agent (on the leaf or the hub), nor forge its heartbeat", async () => {
    const controller = await as("controller", site.hub.url, true);
    const heard: string[] = [];
    const record = (_e: Error | null, m: Msg): void => void heard.push(`${m.subject} ${m.string()}`);
    controller.subscribe(subjects.allHeartbeats, { callback: record });
    await controller.flush();
    const web02OnHub = await as("web02", site.hub.url, true);
    web02OnHub.subscribe(subjects.command("web02"), { callback: record });
    await web02OnHub.flush();
    // The simulator holds every agent's rights on the leaf: it listens there, as a second agent would.
    const onLeaf = await as("simulator", site.leaf.url, false);
    onLeaf.subscribe(subjects.command("web02"), { callback: record });
    await onLeaf.flush();
    // Let the hub's command interest for web02 (and the controller's heartbeat interest) reach the leaf first.
    const web01 = await as("web01", site.leaf.url, false);
    await waitFor(() => {
      web01.publish(subjects.heartbeat("web01"), "genuine");
      return heard.includes(`${subjects.heartbeat("web01")} genuine`);
    }, { what: "web01's heartbeat from the leaf at the controller on the hub", timeoutMs: 20_000, intervalMs: 200 });
    const violations: string[] = [];
    void (async () => {
      for await (const s of web01.status()) if (s.type === "error") violations.push(String(s.error.message));
    })();
    web01.publish(subjects.command("web02"), "forged");
    web01.publish(subjects.heartbeat("web02"), "forged");
    web01.publish(subjects.heartbeat("web01"), "last");
    await web01.flush();
    // One connection's messages travel in order: once "last" is heard, the forged ones would have been.
    await waitFor(() => heard.includes(`${subjects.heartbeat("web01")} last`), { what: "web01's own heartbeat after the forged ones", timeoutMs: 10_000 });
    await Promise.all([controller.flush(), web02OnHub.flush(), onLeaf.flush()]);
    expect(heard.filter((h) => h.includes("forged"))).toEqual([]);
    await waitFor(() => violations.length >= 2, { what: "two publish violations reported to web01", timeoutMs: 10_000 });
    expect(violations.join("\n")).toMatch(/Permissions Violation for Publish to "iisfleet\.v1\.agent\.web02\.cmd"/);
  });

  it("does not carry a command across the link even from a leaf whose own config would allow it (the hub's leaf permissions)", async () => {
    // A leaf server run with a doctored config (say, a compromised DMZ box that admits anyone) still connects as the
    // leaf user, and the hub refuses commands and status questions coming up that link.
    const hubConf = readFileSync(site.hubConfig, "utf8");
    const leafPort = /leafnodes \{\s*listen: "127\.0\.0\.1:(\d+)"/.exec(hubConf)?.[1];
    expect(leafPort).toBeDefined();
    const { password } = JSON.parse(readFileSync(site.leafCreds, "utf8")) as { password: string };
    const rogueConf = join(dir.path, "rogue-leaf.conf");
    writeFileSync(rogueConf, [
      "leafnodes {",
      "  remotes: [ {",
      `    urls: ["nats://iisfleet-leaf:${password}@127.0.0.1:${leafPort as string}"]`,
      `    tls { ca_file: ${JSON.stringify(ca.caCert)} }`,
      "  } ]",
      "}",
      "",
    ].join("\n"));
    const { startNatsServer } = await import("../support/nats-server.js");
    const rogue = await startNatsServer({ configFile: rogueConf });
    try {
      await waitFor(async () => ((await (await fetch(`${site.hub.monitorUrl}/leafz`)).json()) as { leafnodes: number }).leafnodes === 2, { what: "the rogue leaf to connect", timeoutMs: 20_000 });
      const heard: string[] = [];
      const record = (_e: Error | null, m: Msg): void => void heard.push(`${m.subject} ${m.string()}`);
      const web02OnHub = await as("web02", site.hub.url, true);
      web02OnHub.subscribe(subjects.command("web02"), { callback: record });
      web02OnHub.subscribe(subjects.fleetStatus, { callback: record });
      await web02OnHub.flush();
      const controller = await as("controller", site.hub.url, true);
      controller.subscribe(subjects.allHeartbeats, { callback: record });
      await controller.flush();
      const anyone = await client({ servers: rogue.url });
      // Wait until the rogue leaf carries something allowed (an agent heartbeat), so its link is fully up.
      await waitFor(() => {
        anyone.publish(subjects.heartbeat("web01"), "via rogue");
        return heard.includes(`${subjects.heartbeat("web01")} via rogue`);
      }, { what: "a heartbeat through the rogue leaf", timeoutMs: 20_000, intervalMs: 200 });
      anyone.publish(subjects.command("web02"), "forged");
      anyone.publish(subjects.fleetStatus, "forged");
      anyone.publish(subjects.heartbeat("web01"), "last");
      await anyone.flush();
      await waitFor(() => heard.includes(`${subjects.heartbeat("web01")} last`), { what: "the last heartbeat through the rogue leaf", timeoutMs: 10_000 });
      await web02OnHub.flush();
      expect(heard.filter((h) => h.includes("forged"))).toEqual([]);
    } finally {
      await rogue.stop();
    }
  });
});

describe("a hub that verifies client certificates (--tls-verify)", () => {
  it("admits a leaf that presents its own certificate on the link", async () => {
    // startHubAndLeaf waits for the hub's /leafz to count the leaf: the link's TLS handshake, with the leaf's certificate, passed.
    const site = await startHubAndLeaf({ keysDir, ca, extraHubFlags: ["--tls-verify"], extraLeafFlags: ["--tls-cert", ca.serverCert, "--tls-key", ca.serverKey] });
    try {
      expect(readFileSync(site.hubConfig, "utf8")).toMatch(/leafnodes \{[\s\S]*?verify: true/);
      expect(readFileSync(site.leafConfig, "utf8")).toMatch(/remotes: \[[\s\S]*?cert_file: /);
    } finally {
      await site.stop();
    }
  });
});
