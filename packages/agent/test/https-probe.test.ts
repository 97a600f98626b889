// An https health probe: node:https is loaded only when a probe names an https URL (src/health/probe.ts keeps it and
// node:tls out of an idle agent's memory), and then it really speaks TLS — against a real HTTPS server whose
// certificate the probe trusts or not.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { type Server, createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestCa, createTestCa } from "../../../test/support/test-ca.js";
import { HttpHealthChecker } from "../src/health/probe.js";

let ca: TestCa;
let server: Server;
let url: string;

beforeAll(async () => {
  ca = createTestCa();
  server = createServer({ cert: readFileSync(ca.serverCert), key: readFileSync(ca.serverKey) }, (_req, res) => {
    res.statusCode = 204;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  ca?.remove();
});

describe("an https probe", () => {
  it("speaks TLS: a certificate from a CA the process does not trust is a failed probe that says so", async () => {
    const [result] = await new HttpHealthChecker(() => [{ url, expectStatus: 204 }], 5_000).check();
    expect(result).toMatchObject({ url, ok: false, status: 0 });
    expect(result?.message).toMatch(/certificate/i);
  });

  it("answers with the server's status once its CA is trusted (NODE_EXTRA_CA_CERTS, as an administrator sets it)", async () => {
    // Asynchronously: the server answering it lives in this process.
    const run = promisify(execFile);
    const probeModule = new URL("../dist/health/probe.js", import.meta.url).href;
    const script = `import { HttpHealthChecker } from ${JSON.stringify(probeModule)};
      const [r] = await new HttpHealthChecker(() => [{ url: ${JSON.stringify(url)}, expectStatus: 204 }], 5000).check();
      process.stdout.write(JSON.stringify(r));`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, NODE_EXTRA_CA_CERTS: ca.caCert } });
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, status: 204 });
  });
});
