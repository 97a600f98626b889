// The nats-server config generator: the exact text for a small fleet (reviewed once, then held), the permissions
// each role gets, and the shapes it must never produce. `nats-server -t` on generated files: test/e2e/nats-security.
import { describe, expect, it } from "vitest";
import type { NatsUser } from "../src/keys/key-store.js";
import { MAX_STATUS_TIMEOUT_MS } from "../src/api/status-schema.js";
import { NATS_REPLY_WINDOW_MS, UnsafeServerConfigError, natsServerConfig, permissionsFor } from "../src/nats/server-config.js";

const users: NatsUser[] = [
  { name: "controller", role: "controller", publicKey: "UCONTROLLERAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
  { name: "simulator", role: "simulator", publicKey: "USIMULATORAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
  { name: "web01", role: "agent", publicKey: "UWEB01AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
];

describe("natsServerConfig", () => {
  it("writes nkey users with least privilege in one authorization block, TLS and monitoring as asked", () => {
    const text = natsServerConfig(users, {
      listen: { host: "0.0.0.0", port: 4222 },
      httpMonitor: { host: "127.0.0.1", port: 8222 },
      tls: { certFile: "C:\\nats\\server.pem", keyFile: "/etc/nats/server-key.pem", caFile: "/etc/nats/ca.pem", verify: true },
    });
    expect(text).toBe(`# nats-server configuration for iisfleet, written by \`iisfleet nats-config\`; regenerate it rather than edit it.
# Check: nats-server -t -c FILE    Apply changes to a running server: nats-server --signal reload
#
# Every client authenticates with its own nkey (iisfleet keys). No \`accounts\` block on purpose: beside the
# top-level \`authorization\` block it would admit unauthenticated clients on nats-server < 2.9.23 (CVE-2023-47090).

listen: "0.0.0.0:4222"

# Monitoring (/varz, /connz, ...) has no authentication: keep it on loopback.
http: "127.0.0.1:8222"

tls {
  cert_file: "C:/nats/server.pem"
  key_file: "/etc/nats/server-key.pem"
  ca_file: "/etc/nats/ca.pem"
  # every client must present a certificate signed by ca_file
  verify: true
  # seconds for the handshake; generous for agents across slow links
  timeout: 5
}

authorization {
  users: [
    # controller
    {
      nkey: "UCONTROLLERAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
      permissions: {
        publish: { allow: ["iisfleet.v1.agent.*.cmd", "iisfleet.v1.agent.*.status", "iisfleet.v1.fleet.status"] }
        subscribe: { allow: ["iisfleet.v1.agent.*.hb", "iisfleet.v1.agent.*.evt", "iisfleet.v1.agent.*.res.>", "_INBOX_controller.>"] }
      }
    }
    # simulator
    {
      nkey: "USIMULATORAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
      permissions: {
        publish: { allow: ["iisfleet.v1.agent.*.hb", "iisfleet.v1.agent.*.evt", "iisfleet.v1.agent.*.res.>"] }
        subscribe: { allow: ["iisfleet.v1.agent.*.cmd", "iisfleet.v1.agent.*.status", "iisfleet.v1.fleet.status"] }
        allow_responses: true
      }
    }
    # agent web01
    {
      nkey: "UWEB01AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
      permissions: {
        publish: { allow: ["iisfleet.v1.agent.web01.hb", "iisfleet.v1.agent.web01.evt", "iisfleet.v1.agent.web01.res.>"] }
        subscribe: { allow: ["iisfleet.v1.agent.web01.cmd", "iisfleet.v1.agent.web01.status", "iisfleet.v1.fleet.status"] }
        allow_responses: true
      }
    }
  ]
}
`);
  });

  it("leaves TLS and monitoring out unless asked, and never writes accounts or no_auth_user", () => {
    const text = natsServerConfig(users.slice(0, 1), { listen: { host: "::", port: 4222 } });
    expect(text).toContain('listen: "[::]:4222"');
    expect(text).not.toMatch(/^\s*(tls|http|accounts|no_auth_user)\b/m);
    expect(text.match(/^authorization \{/gm)).toHaveLength(1);
  });

  it("server-only TLS: no ca_file, no verify", () => {
    const text = natsServerConfig(users, { listen: { host: "0.0.0.0", port: 4222 }, tls: { certFile: "/s.pem", keyFile: "/k.pem", verify: false } });
    expect(text).toContain('cert_file: "/s.pem"');
    expect(text).not.toMatch(/ca_file|verify/);
  });

  it("refuses a listing without the controller", () => {
    expect(() => natsServerConfig(users.slice(1), { listen: { host: "0.0.0.0", port: 4222 } })).toThrow(UnsafeServerConfigError);
  });
});

describe("permissionsFor", () => {
  it("an agent hears only its own subjects and the fleet question, and says only its own heartbeat, events and results", () => {
    const p = permissionsFor({ name: "web02", role: "agent", publicKey: "U" });
    expect(p.subscribe.every((s) => s.includes(".web02.") || s === "iisfleet.v1.fleet.status")).toBe(true);
    expect(p.publish.every((s) => s.includes(".web02."))).toBe(true);
    expect(p.publish.join(" ")).not.toMatch(/\*|_INBOX/);
    // The one wildcard: its own result subjects, where the controller names a fresh reply subject per command.
    expect(p.publish.filter((s) => s.endsWith(">"))).toEqual(["iisfleet.v1.agent.web02.res.>"]);
    expect(p.allowResponses).toBe(true);
  });

  it("no answer that still travels through allow_responses (status answers) may outlive nats-server's reply window", () => {
    expect(MAX_STATUS_TIMEOUT_MS).toBeLessThan(NATS_REPLY_WINDOW_MS);
    // Command results do not: they go to the agent's own result subjects, which it may always publish to.
    expect(permissionsFor({ name: "web01", role: "agent", publicKey: "U" }).publish).toContain("iisfleet.v1.agent.web01.res.>");
  });

  it("the controller answers nobody and hears replies only on its own inbox prefix", () => {
    const p = permissionsFor({ name: "controller", role: "controller", publicKey: "U" });
    expect(p.allowResponses).toBe(false);
    expect(p.subscribe.filter((s) => s.startsWith("_INBOX"))).toEqual(["_INBOX_controller.>"]);
  });
});
