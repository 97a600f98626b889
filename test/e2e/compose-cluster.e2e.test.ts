// docker-compose.cluster.yml, read and run without Docker: its one-shot `pki` and `cluster-config` scripts run here as
// written (paths moved into a temp dir; the real openssl and `iisfleet` CLI), the configs they write pass nats-server's
// own check, and the file agrees with them: one service per configured server, every client given every server, the
// servers' private key on no client's volume, and the default docker-compose.yml left a single server.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serviceBlock, serviceScript } from "../support/compose-file.js";
import { findNatsServerBinary } from "../support/nats-server.js";
import { CONTROLLER_BIN, cli, tempDir } from "../support/processes.js";

const ROOT = join(import.meta.dirname, "..", "..");
const base = readFileSync(join(ROOT, "docker-compose.yml"), "utf8");
const cluster = readFileSync(join(ROOT, "docker-compose.cluster.yml"), "utf8");
const dir = tempDir("iisfleet-compose-cluster-");
const p = (x: string) => join(dir.path, x);
afterAll(() => dir.remove());

/** Runs a service's script with the volumes' paths moved under the temp dir, `iisfleet` the real CLI, `apk` and `chown` no-ops. */
function run(name: string, env: Record<string, string> = {}): { status: number | null; out: string } {
  let script = serviceScript(cluster, name);
  for (const v of ["keys", "nats-conf", "pki-ca", "pki", "data"]) script = script.replace(new RegExp(`(^|[\\s"=])/${v}\\b`, "g"), `$1${p(v)}`);
  const bin = p("bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "iisfleet"), `#!/bin/sh\nexec "${process.execPath}" "${CONTROLLER_BIN}" "$@"\n`);
  for (const noop of ["apk", "chown"]) writeFileSync(join(bin, noop), "#!/bin/sh\nexit 0\n");
  for (const f of ["iisfleet", "apk", "chown"]) chmodSync(join(bin, f), 0o755);
  const r = spawnSync("/bin/sh", ["-c", script], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, ...env }, encoding: "utf8" });
  return { status: r.status, out: r.stdout + r.stderr };
}

const SERVERS = () => /SERVERS: (.+)/.exec(serviceBlock(cluster, "cluster-config"))?.[1]?.trim().split(/\s+/) ?? [];

beforeAll(async () => {
  for (const v of ["nats-conf", "pki", "pki-ca"]) mkdirSync(p(v), { recursive: true });
  const init = await cli(["keys", "init", "--dir", p("keys"), "--agent", "web01,web02,web03", "--json"]);
  expect(init.code, init.stderr).toBe(0);
});

describe("docker-compose.cluster.yml", () => {
  it("its pki script makes a CA and a certificate for every server name, for both server and client use", () => {
    const r = run("pki");
    expect(r.status, r.out).toBe(0);
    expect(readdirSync(p("pki")).sort()).toEqual(["ca.pem", "ca.srl", "nats-key.pem", "nats.pem"]);
    expect(readdirSync(p("pki-ca"))).toEqual(["ca.pem"]);
    const text = spawnSync("openssl", ["x509", "-in", p("pki/nats.pem"), "-noout", "-text"], { encoding: "utf8" }).stdout;
    for (const s of SERVERS()) expect(text).toContain(`DNS:${s}`);
    expect(text).toMatch(/TLS Web Server Authentication, TLS Web Client Authentication/);
    const verify = spawnSync("openssl", ["verify", "-CAfile", p("pki/ca.pem"), p("pki/nats.pem")], { encoding: "utf8" });
    expect(verify.stdout + verify.stderr).toMatch(/OK/);
  });

  it("its cluster-config script writes one config per server that nats-server accepts, routes naming every server", () => {
    const r = run("cluster-config", { SERVERS: SERVERS().join(" ") });
    expect(r.status, r.out).toBe(0);
    expect(SERVERS()).toEqual(["nats", "nats-2", "nats-3"]);
    for (const s of SERVERS()) {
      const file = p(`nats-conf/${s}.conf`);
      const check = spawnSync(findNatsServerBinary(), ["-t", "-c", file], { encoding: "utf8" });
      expect(check.status, check.stderr + check.stdout).toBe(0);
      const text = readFileSync(file, "utf8");
      expect(text).toContain(`server_name: "${s}"`);
      // Clients and routes learn each other by these names, which the certificate covers, not by container IPs.
      expect(text).toContain(`client_advertise: "${s}:4222"`);
      expect(text).toContain(`advertise: "${s}:6222"`);
      expect(text).toContain(`routes: [${SERVERS().map((x) => `"nats://${x}:6222"`).join(", ")}]`);
      expect(text).toMatch(/^jetstream \{\n {2}store_dir: ".*\/data"/m);
      // The server that runs it: a service of that name, running that file, with the pki and its own data volume.
      const svc = serviceBlock(cluster, s);
      expect(svc).toContain(`command: ["-c", "/nats-conf/${s}.conf"]`);
      expect(svc).toContain("- pki:/pki:ro");
    }
    expect(serviceBlock(cluster, "nats-2")).toContain("- nats-2-data:/data");
    expect(serviceBlock(cluster, "nats-3")).toContain("- nats-3-data:/data");
  });

  it("gives the controller and every agent all three servers and the CA, and no client the servers' private key", () => {
    const urls = SERVERS().map((s) => `nats://${s}:4222`).join(",");
    expect(serviceBlock(cluster, "controller")).toContain(`- ${urls}\n`);
    expect(serviceBlock(cluster, "controller")).toMatch(/--nats-tls-ca\n\s+- \/pki\/ca\.pem/);
    expect(cluster).toContain(`IISFLEET_NATS: ${urls}\n`);
    for (const svc of ["controller", "web01", "web02", "web03"]) {
      const volumes = serviceBlock(cluster, svc).split(/\n {4}volumes:\n/)[1] ?? "";
      const mounts = [...volumes.matchAll(/^ {6}- ([a-z0-9-]+):\/[^\n]*$/gm)].map((m) => m[1]);
      expect(mounts, svc).toEqual(["pki-ca"]);
    }
    // Every agent of the default file is overridden (a forgotten one would dial the single-server URL).
    const agents = [...base.matchAll(/^ {2}(\w+):\n {4}<<: \*agent$/gm)].map((m) => m[1]);
    expect(agents.length).toBeGreaterThan(0);
    for (const a of agents) expect(serviceBlock(cluster, a as string)).toContain("environment: *cluster-client");
  });

  it("leaves the default file a single server, without TLS or a cluster", () => {
    expect(base).not.toMatch(/nats-2|cluster|pki/);
    expect(serviceBlock(base, "nats")).toContain('"-c", "/nats-conf/nats-server.conf"');
  });
});
