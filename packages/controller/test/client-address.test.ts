// Who sent a request, for the audit log: the socket's peer, unless that peer is a reverse proxy the operator named
// (--trust-proxy); then the X-Forwarded-For hop nearest to it that is not itself trusted. A client cannot pose as
// another by sending the header itself.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, readAdminToken } from "../../../test/support/auth.js";
import { type NatsServer, startNatsServer } from "../../../test/support/nats-server.js";
import { clientAddress, parseTrustedProxies } from "../src/api/client-address.js";
import { type RunningController, startController } from "../src/daemon.js";
import { createLogger } from "../src/log.js";

describe("clientAddress", () => {
  const trusted = parseTrustedProxies(["127.0.0.1", "10.0.0.2,10.0.0.3"]);

  it("a peer that is no trusted proxy is the client, whatever the header says", () => {
    expect(clientAddress("192.0.2.9", "203.0.113.7", trusted)).toBe("192.0.2.9");
    expect(clientAddress("192.0.2.9", undefined, trusted)).toBe("192.0.2.9");
  });

  it("behind trusted proxies: the nearest hop that is not trusted, and the peer it came through", () => {
    expect(clientAddress("127.0.0.1", "203.0.113.7", trusted)).toBe("203.0.113.7 via 127.0.0.1");
    expect(clientAddress("::ffff:127.0.0.1", "203.0.113.7, 10.0.0.3, 10.0.0.2", trusted)).toBe("203.0.113.7 via 127.0.0.1");
  });

  it("a forged leftmost entry does not win: the hop the trusted proxy itself saw does", () => {
    expect(clientAddress("127.0.0.1", "198.51.100.1, 192.0.2.50", trusted)).toBe("192.0.2.50 via 127.0.0.1");
  });

  it("garbage in the header is named, not believed; no header is the peer", () => {
    expect(clientAddress("127.0.0.1", "evil.example", trusted)).toBe("127.0.0.1 (X-Forwarded-For not an address)");
    expect(clientAddress("127.0.0.1", undefined, trusted)).toBe("127.0.0.1");
  });

  it("--trust-proxy takes IP addresses only", () => {
    expect(() => parseTrustedProxies(["proxy.local"])).toThrow(/not an IP address/);
  });
});

describe("the audit log behind a trusted proxy (real controller in process)", () => {
  let nats: NatsServer;
  let ctl: RunningController;
  const dir = mkdtempSync(join(tmpdir(), "iisfleet-proxy-"));

  beforeAll(async () => {
    nats = await startNatsServer();
    ctl = await startController({
      natsServers: [nats.url], dbPath: join(dir, "db.sqlite"), listenHost: "127.0.0.1", listenPort: 0, log: createLogger("test", "silent"), trustedProxies: ["127.0.0.1"],
    });
  });

  afterAll(async () => {
    await ctl?.stop();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("records the forwarded client and the proxy", async () => {
    const res = await fetch(`${ctl.url}/api/v1/tokens`, {
      method: "POST",
      headers: { ...bearer(readAdminToken(join(dir, "db.sqlite"))), "content-type": "application/json", "x-forwarded-for": "203.0.113.7" },
      body: JSON.stringify({ name: "via-proxy", role: "viewer" }),
    });
    expect(res.status).toBe(200);
    const row = ctl.store.audit.list({ limit: 1 })[0];
    expect(row, JSON.stringify(row)).toMatchObject({ remote: "203.0.113.7 via 127.0.0.1" });
  });
});
