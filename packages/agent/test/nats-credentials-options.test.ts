// The agent's and the simulator's NATS credential flags: files are read and checked at start-up, so a wrong path or
// a swapped file is a usage error (exit 2) naming the file, never an authorization error from the server later.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError, parseAgentArgs } from "../src/options.js";
import { parseSimulateArgs } from "../src/simulate/options.js";

const dir = mkdtempSync(join(tmpdir(), "iisfleet-agent-creds-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
// Shaped like the real thing; the server, not the agent, decides whether a seed is known.
const SEED = `SU${"A".repeat(56)}`;
const PUBLIC = `U${"B".repeat(55)}`;
const seedFile = file("web01.nk", `${SEED}\n`);
const ca = file("ca.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
const cert = file("client.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
const key = file("client-key.pem", "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n");

describe("agent NATS credentials", () => {
  it("reads the seed and passes the TLS files on as paths", () => {
    const o = parseAgentArgs(["--host", "web01", "--nats-nkey", seedFile, "--nats-tls-ca", ca, "--nats-tls-cert", cert, "--nats-tls-key", key], {});
    expect(new TextDecoder().decode(o.natsAuth.nkeySeed)).toBe(SEED);
    expect(o.natsAuth.tls).toEqual({ caFile: ca, certFile: cert, keyFile: key });
  });

  it("needs none of them (an open NATS server)", () => {
    expect(parseAgentArgs(["--host", "web01"], {}).natsAuth).toEqual({});
  });

  it("falls back to the environment; a flag wins over it", () => {
    const other = file("other.nk", SEED);
    const env = { IISFLEET_NATS_NKEY: other, IISFLEET_NATS_TLS_CA: ca };
    expect(parseAgentArgs(["--host", "web01"], env).natsAuth.tls).toEqual({ caFile: ca });
    expect(parseAgentArgs(["--host", "web01"], env).natsAuth.nkeySeed).toBeDefined();
    expect(() => parseAgentArgs(["--host", "web01", "--nats-nkey", join(dir, "missing.nk")], env)).toThrow(/missing\.nk: no such file/);
  });

  it.each([
    [["--nats-nkey", join(dir, "missing.nk")], `--nats-nkey ${join(dir, "missing.nk")}: no such file`],
    [["--nats-nkey", dir], `--nats-nkey ${dir}: is a directory, not a file`],
    [["--nats-nkey", file("pub.nk", PUBLIC)], "this is a public key; give the seed file"],
    [["--nats-nkey", ca], "not an nkey user seed (one line starting with SU"],
    [["--nats-nkey", file("account.nk", `SA${"A".repeat(56)}`)], "not an nkey user seed"],
    [["--nats-tls-ca", key], `--nats-tls-ca ${key}: not a PEM file holding a certificate`],
    [["--nats-tls-cert", cert], "a client certificate needs both --nats-tls-cert and --nats-tls-key; --nats-tls-key is missing"],
    [["--nats-tls-key", key], "--nats-tls-cert is missing"],
    [["--nats-tls-cert", cert, "--nats-tls-key", cert], `--nats-tls-key ${cert}: not a PEM file holding a private key`],
  ])("%j is a usage error naming the file", (args, message) => {
    const parse = () => parseAgentArgs(["--host", "web01", ...args], {});
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });

  it("does not read them for --help, whatever the environment says", () => {
    expect(parseAgentArgs(["--help"], { IISFLEET_NATS_NKEY: join(dir, "missing.nk") }).help).toBe(true);
  });
});

describe("simulator NATS credentials", () => {
  it("reads them like the agent", () => {
    const o = parseSimulateArgs(["--count", "2", "--farm", "f", "--nats-nkey", seedFile, "--nats-tls-ca", ca], {});
    expect(o.natsAuth.nkeySeed).toBeDefined();
    expect(o.natsAuth.tls).toEqual({ caFile: ca });
  });

  it("a missing file is a usage error naming it", () => {
    expect(() => parseSimulateArgs(["--count", "2", "--farm", "f", "--nats-nkey", join(dir, "sim.nk")], {})).toThrow(
      new UsageError(`--nats-nkey ${join(dir, "sim.nk")}: no such file`),
    );
  });
});
