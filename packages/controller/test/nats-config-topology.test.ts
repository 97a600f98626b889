// `iisfleet nats-config`'s cluster, JetStream and leaf-node flags, checked at the edge (in-process: the command as
// registered, real files in a temp dir), and the config blocks the generator writes for them. The configs running in
// real nats-servers, and the CLI process's JSON errors: test/e2e/cluster-config.e2e.test.ts.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { registerNatsConfig } from "../src/cli/commands/nats-config.js";
import { initKeys } from "../src/keys/key-store.js";
import { natsServerConfig } from "../src/nats/server-config.js";

const dir = mkdtempSync(join(tmpdir(), "iisfleet-natscfg-topology-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const keysDir = join(dir, "keys");
initKeys(keysDir, { agents: ["web01"], simulator: false });
const pem = (name: string, label: string) => {
  const path = join(dir, name);
  writeFileSync(path, `-----BEGIN ${label}-----\nMIIB\n-----END ${label}-----\n`);
  return path;
};
const cert = pem("server.pem", "CERTIFICATE");
const key = pem("server-key.pem", "PRIVATE KEY");
const caFile = pem("ca.pem", "CERTIFICATE");
const TLS = ["--tls-cert", cert, "--tls-key", key, "--tls-ca", caFile];
const out = join(dir, "out.conf");

/** Runs `nats-config` as registered; resolves to the error it stops with (undefined when it wrote the file). */
async function natsConfig(args: string[]): Promise<Error | undefined> {
  const program = new Command().exitOverride().option("--json", "", false).option("--controller <url>", "", "http://127.0.0.1:8740");
  registerNatsConfig(program);
  for (const c of program.commands) c.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  const write = process.stdout.write;
  process.stdout.write = () => true;
  try {
    await program.parseAsync(["node", "iisfleet", "nats-config", "--keys", keysDir, "--out", out, ...args]);
    return undefined;
  } catch (err) {
    return err as Error;
  } finally {
    process.stdout.write = write;
  }
}

describe("nats-config refuses a topology it cannot make safely, naming the flag", () => {
  const creds = (name: string) => join(dir, name);
  const cases: Array<[string, string[], RegExp]> = [
    ["routes without a cluster", ["--routes", "nats://a:6222"], /--routes and --cluster-listen belong to a cluster: give its name with --cluster/],
    ["a cluster without routes", ["--cluster", "c", "--server-name", "a", ...TLS], /--cluster needs --routes/],
    ["a cluster without a server name", ["--cluster", "c", "--routes", "nats://a:6222", ...TLS], /--cluster needs --server-name/],
    ["a cluster without TLS", ["--cluster", "c", "--server-name", "a", "--routes", "nats://a:6222"], /--cluster needs --tls-cert, --tls-key and --tls-ca/],
    ["a cluster with TLS but no CA to verify routes", ["--cluster", "c", "--server-name", "a", "--routes", "nats://a:6222", "--tls-cert", cert, "--tls-key", key], /--cluster needs --tls-cert, --tls-key and --tls-ca/],
    ["an advertised name that is a URL", ["--advertise", "nats://a:4222"], /"nats:\/\/a:4222" is not a host name or IPv4 address/],
    ["a cluster name with a space", ["--cluster", "my fleet"], /"my fleet" is not a name of letters, digits/],
    ["a route that is not a URL", ["--cluster", "c", "--routes", "a:6222"], /"a:6222" is not a URL like nats:\/\/nats-a:6222/],
    ["a route without a port", ["--cluster", "c", "--routes", "nats://a"], /"nats:\/\/a" is not a URL like/],
    ["an http route", ["--cluster", "c", "--routes", "http://a:6222"], /"http:\/\/a:6222" is not a URL like/],
    ["a leaf listener without credentials", ["--leaf-listen", "0.0.0.0:7422", ...TLS], /--leaf-listen and --leaf-remote need --leaf-creds/],
    ["a leaf listener without TLS", ["--leaf-listen", "0.0.0.0:7422", "--leaf-creds", creds("never.json")], /--leaf-listen needs --tls-cert and --tls-key/],
    ["a leaf remote with its login in the URL", ["--leaf-remote", "nats://u:p@hub:7422"], /carries a login; the leaf link's login comes from --leaf-creds/],
    ["a leaf remote without a CA", ["--leaf-remote", "nats://hub:7422", "--leaf-creds", creds("some.json")], /--leaf-remote needs --tls-ca/],
    ["a leaf remote whose credentials file is missing", ["--leaf-remote", "nats://hub:7422", "--leaf-creds", creds("none.json"), "--tls-ca", caFile], /--leaf-creds .*none\.json: no such file/],
    ["hub and leaf at once", ["--leaf-listen", "0.0.0.0:7422", "--leaf-remote", "nats://hub:7422", "--leaf-creds", creds("x.json")], /exclude each other/],
    ["JetStream on a leaf", ["--leaf-remote", "nats://hub:7422", "--leaf-creds", creds("x.json"), "--tls-ca", caFile, "--jetstream", dir], /--jetstream belongs on the hub/],
    ["credentials with nothing to use them", ["--leaf-creds", creds("x.json")], /--leaf-creds goes with --leaf-listen/],
    ["a clustered leaf", ["--leaf-remote", "nats://hub:7422", "--leaf-creds", creds("x.json"), "--tls-ca", caFile, "--cluster", "c", "--server-name", "a", "--routes", "nats://a:6222", "--tls-cert", cert, "--tls-key", key], /--leaf-remote writes a single leaf server/],
  ];
  it.each(cases)("%s", async (_what, args, message) => {
    const err = await natsConfig(args);
    expect(err?.message).toMatch(message);
    expect(() => statSync(out)).toThrow(); // nothing written
    expect(() => statSync(creds("never.json"))).toThrow(); // nor a credentials file made for a config that was refused
  });
});

describe("nats-config writes the topology asked for", () => {
  it("a cluster server: server name, advertised name, routes with mutual TLS, JetStream, and the controller's JetStream rights", async () => {
    const err = await natsConfig([
      "--server-name", "nats-a", "--advertise", "nats-a.example", "--cluster", "fleet", "--cluster-listen", "0.0.0.0:6222",
      "--routes", "nats://nats-a.example:6222,nats://nats-b.example:6222", "--routes", "nats://nats-c.example:6222,nats://nats-a.example:6222",
      "--jetstream", join(dir, "js"), ...TLS,
    ]);
    expect(err).toBeUndefined();
    const text = readFileSync(out, "utf8");
    rmSync(out);
    expect(text).toContain('server_name: "nats-a"\nlisten: "0.0.0.0:4222"\nclient_advertise: "nats-a.example:4222"\n');
    expect(text).toContain(
      [
        "cluster {",
        '  name: "fleet"',
        '  listen: "0.0.0.0:6222"',
        '  advertise: "nats-a.example:6222"',
        '  routes: ["nats://nats-a.example:6222", "nats://nats-b.example:6222", "nats://nats-c.example:6222"]',
        "  tls {",
        `    cert_file: "${cert}"`,
        `    key_file: "${key}"`,
        `    ca_file: "${caFile}"`,
        "    verify: true",
      ].join("\n"),
    );
    expect(text).toContain(`jetstream {\n  store_dir: "${join(dir, "js")}"\n}`);
    expect(text).toMatch(/publish: \{ allow: \["iisfleet\.v1\.agent\.\*\.cmd", "iisfleet\.v1\.agent\.\*\.status", "iisfleet\.v1\.fleet\.status", "\$JS\.API\.>", "\$JS\.ACK\.>", "\$JS\.FC\.>", "\$KV\.>", "iisfleet\.v1\.ha\.>"\] \}/);
    expect(text.match(/\$JS\.API/g)).toHaveLength(1); // the controller's rights only
  });

  it("a hub, then a leaf, from one credentials file the hub made (0600, kept on the next run)", async () => {
    const credsFile = join(dir, "leaf.json");
    expect(await natsConfig(["--leaf-listen", "0.0.0.0:7422", "--leaf-creds", credsFile, ...TLS])).toBeUndefined();
    const hub = readFileSync(out, "utf8");
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(statSync(credsFile).mode & 0o777).toBe(0o600);
    const { user, password } = JSON.parse(readFileSync(credsFile, "utf8")) as { user: string; password: string };
    expect(hub).toMatch(/leafnodes \{\n {2}listen: "0\.0\.0\.0:7422"\n {2}tls \{/);
    expect(hub).toContain(`      user: "${user}"\n      password: "${password}"\n      allowed_connection_types: ["LEAFNODE"]`);
    expect(hub).toContain(
      '        publish: { allow: ["iisfleet.v1.agent.*.hb", "iisfleet.v1.agent.*.evt", "iisfleet.v1.agent.*.res.>", "_INBOX_controller.>"] }\n' +
        '        subscribe: { allow: ["iisfleet.v1.agent.*.cmd", "iisfleet.v1.agent.*.status", "iisfleet.v1.fleet.status"] }',
    );
    rmSync(out);
    expect(await natsConfig(["--leaf-listen", "0.0.0.0:7422", "--leaf-creds", credsFile, ...TLS])).toBeUndefined();
    expect(JSON.parse(readFileSync(credsFile, "utf8"))).toMatchObject({ password });
    rmSync(out);

    expect(await natsConfig(["--leaf-remote", "tls://hub-a.example:7422,nats://hub-b.example:7422", "--leaf-creds", credsFile, "--tls-ca", caFile])).toBeUndefined();
    const leaf = readFileSync(out, "utf8");
    rmSync(out);
    expect(statSync(credsFile).mode & 0o777).toBe(0o600);
    expect(leaf).toContain(`urls: ["tls://${user}:${password}@hub-a.example:7422", "nats://${user}:${password}@hub-b.example:7422"]`);
    expect(leaf).toContain(`      tls {\n        ca_file: "${caFile}"\n        timeout: 5\n      }`);
    expect(leaf).not.toMatch(/# controller\n/);
    expect(leaf).toMatch(/# agent web01\n/);
    expect(leaf).not.toMatch(/^jetstream/m);
  });

  it("never writes an accounts block, whatever the topology", () => {
    const users = [{ name: "controller", role: "controller" as const, publicKey: "UCONTROLLER" }];
    const text = natsServerConfig(users, {
      listen: { host: "0.0.0.0", port: 4222 },
      tls: { certFile: cert, keyFile: key, caFile, verify: false },
      leafListen: { listen: { host: "0.0.0.0", port: 7422 }, credentials: { user: "iisfleet-leaf", password: "p".repeat(30) } },
      jetstream: { storeDir: "/data" },
    });
    expect(text).not.toMatch(/^\s*(accounts|no_auth_user)\b/m);
  });
});
