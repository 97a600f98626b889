// A throwaway certificate authority for TLS tests, made at test time with the `openssl` CLI in a private temp dir:
//
//   const ca = createTestCa();       // ca.pem, a server certificate for 127.0.0.1/localhost, a client certificate
//   ... nats-config --tls-cert ca.serverCert --tls-key ca.serverKey --tls-ca ca.caCert --tls-verify ...
//   ca.remove();
//
// Keys are EC P-256 (quick to make); certificates last two days. Nothing is cached between runs.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestCa {
  readonly dir: string;
  /** The CA certificate (PEM): what both sides trust. */
  readonly caCert: string;
  /** Server certificate (SAN IP:127.0.0.1, DNS:localhost; serverAuth) and its key. */
  readonly serverCert: string;
  readonly serverKey: string;
  /** Client certificate (CN iisfleet-test-client; clientAuth) and its key. */
  readonly clientCert: string;
  readonly clientKey: string;
  remove(): void;
}

const INSTALL_HINT = "install it with `apt-get install openssl` (Debian/Ubuntu), or point OPENSSL_BIN at the binary";

function openssl(dir: string, args: string[]): void {
  const bin = process.env["OPENSSL_BIN"] || "openssl";
  try {
    execFileSync(bin, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === "ENOENT") throw new Error(`openssl not found (${bin}); ${INSTALL_HINT}`);
    throw new Error(`openssl ${args.join(" ")} failed: ${e.stderr?.toString() ?? e.message}`);
  }
}

const EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

function issue(dir: string, name: string, subject: string, extensions: string[]): void {
  openssl(dir, ["req", "-new", ...EC, "-keyout", `${name}-key.pem`, "-out", `${name}.csr`, "-subj", subject]);
  writeFileSync(join(dir, `${name}.ext`), `${extensions.join("\n")}\n`);
  openssl(dir, [
    "x509", "-req", "-in", `${name}.csr`, "-CA", "ca.pem", "-CAkey", "ca-key.pem",
    "-set_serial", `0x${randomBytes(8).toString("hex")}`, "-days", "2", "-sha256", "-extfile", `${name}.ext`, "-out", `${name}.pem`,
  ]);
}

export function createTestCa(): TestCa {
  const dir = mkdtempSync(join(tmpdir(), "iisfleet-test-ca-"));
  try {
    openssl(dir, [
      "req", "-x509", ...EC, "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "2", "-sha256",
      "-subj", `/CN=iisfleet test CA ${randomBytes(4).toString("hex")}`,
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    issue(dir, "server", "/CN=localhost", [
      "basicConstraints=CA:FALSE",
      "keyUsage=critical,digitalSignature,keyEncipherment",
      // clientAuth too: a cluster route (and a leaf link to a verifying hub) presents the server certificate as a client.
      "extendedKeyUsage=serverAuth,clientAuth",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
    ]);
    issue(dir, "client", "/CN=iisfleet-test-client", [
      "basicConstraints=CA:FALSE",
      "keyUsage=critical,digitalSignature,keyEncipherment",
      "extendedKeyUsage=clientAuth",
    ]);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    dir,
    caCert: join(dir, "ca.pem"),
    serverCert: join(dir, "server.pem"),
    serverKey: join(dir, "server-key.pem"),
    clientCert: join(dir, "client.pem"),
    clientKey: join(dir, "client-key.pem"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
