// docker-compose.yml, secure by default (issue #15): its one-shot `keys` service's script is run here as written
// (paths moved into a temp dir, the real `iisfleet` CLI), and the file's volumes are checked: every agent gets only
// its own seed and the controller's public key; NATS runs the generated, locked-down config (real nats-server).
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { connect } from "@nats-io/transport-node";
import { afterAll, describe, expect, it } from "vitest";
import { findNatsServerBinary, startNatsServer } from "../support/nats-server.js";
import { serviceBlock, serviceScript } from "../support/compose-file.js";
import { CONTROLLER_BIN, tempDir } from "../support/processes.js";

const ROOT = join(import.meta.dirname, "..", "..");
const compose = readFileSync(join(ROOT, "docker-compose.yml"), "utf8");
const dir = tempDir("iisfleet-compose-");
afterAll(() => dir.remove());

const service = (name: string) => serviceBlock(compose, name);
const keysScript = () => serviceScript(compose, "keys");

function runKeys(): { status: number | null; out: string } {
  const p = (x: string) => join(dir.path, x);
  const script = keysScript().replace(/\/keys\b/g, p("keys")).replace(/\/nats-conf\b/g, p("nats-conf")).replace(/\/agent-keys\b/g, p("agent-keys"));
  const bin = p("bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "iisfleet"), `#!/bin/sh\nexec "${process.execPath}" "${CONTROLLER_BIN}" "$@"\n`);
  chmodSync(join(bin, "iisfleet"), 0o755);
  for (const h of ["web01", "web02", "web03"]) mkdirSync(p(`agent-keys/${h}`), { recursive: true });
  mkdirSync(p("nats-conf"), { recursive: true });
  const r = spawnSync("/bin/sh", ["-c", script], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, AGENTS: "web01 web02 web03" }, encoding: "utf8" });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe("docker-compose.yml", () => {
  it("mounts into each agent only its own key volume, never the keys volume with the signing key", () => {
    for (const h of ["web01", "web02", "web03"]) {
      const block = service(h);
      const mounts = [...block.matchAll(/^\s+- ([a-z0-9-]+):\/[^\n]*$/gm)].map((m) => m[1]);
      expect(mounts, h).toEqual([`${h}-keys`]);
    }
    expect(service("controller")).toMatch(/--agent-keys/);
    expect(service("nats")).toMatch(/"-c", "\/nats-conf\/nats-server\.conf"/);
  });

  it("its keys service makes nkeys and a locked-down NATS config, moves each seed to its agent, and runs again safely", async () => {
    const first = runKeys();
    expect(first.status, first.out).toBe(0);
    const again = runKeys();
    expect(again.status, again.out).toBe(0);
    for (const h of ["web01", "web02", "web03"]) {
      expect(readdirSync(join(dir.path, "agent-keys", h)).sort()).toEqual(["agent.nk", "command-signing.pub"]);
    }
    // No agent seed left where the controller (which mounts the keys volume) could use it.
    expect(readdirSync(join(dir.path, "keys", "nats", "agents"))).toEqual([]);
    expect(existsSync(join(dir.path, "keys", "command-signing.key"))).toBe(true);
    const conf = join(dir.path, "nats-conf", "nats-server.conf");
    const check = spawnSync(findNatsServerBinary(), ["-t", "-c", conf], { encoding: "utf8" });
    expect(check.status, check.stderr).toBe(0);
    const nats = await startNatsServer({ configFile: conf });
    try {
      await expect(connect({ servers: nats.url, reconnect: false })).rejects.toThrow(/Authorization Violation/i);
    } finally {
      await nats.stop();
    }
  }, 60_000);
});
