import { inboxPrefixes, subjects } from "@iisfleet/proto";
import type { NatsUser } from "../keys/key-store.js";

export interface HostPort {
  host: string;
  port: number;
}

export interface ServerTls {
  certFile: string;
  keyFile: string;
  /** The CA that client certificates must chain to (with `verify`). */
  caFile?: string;
  /** Require every client to present a certificate signed by `caFile` (mutual TLS). */
  verify: boolean;
}

export interface ServerConfigOptions {
  listen: HostPort;
  /** The monitoring endpoint (/varz, /connz, ...); it has no authentication, so keep it on loopback. */
  httpMonitor?: HostPort;
  tls?: ServerTls;
}

export interface Permissions {
  publish: string[];
  subscribe: string[];
  /** The user may publish to the reply subject of a request it received, once per request. */
  allowResponses: boolean;
}

/**
 * What each role may do on NATS: least privilege, from the subjects the code actually uses.
 * - An agent hears only its own command and status subjects and the fleet-wide status question; it publishes only
 *   its own heartbeat, progress events and command results (under `<host>.res.>`, the reply subject the controller
 *   names for each command), and answers status questions through `allow_responses` (no inbox is granted outright,
 *   so it cannot write into another client's inbox unasked). Command results do not use `allow_responses`: its
 *   permission expires after two minutes, and a reset may run far longer (issue #15, finding 2).
 * - The controller sends commands and status questions to any agent and hears every heartbeat, event and command
 *   result, and the replies on its own inbox prefix, which nobody else may subscribe to.
 * - The simulator stands in for many agents on a few connections, so it gets every agent's rights: test fleets only.
 */
export function permissionsFor(user: NatsUser): Permissions {
  switch (user.role) {
    case "agent":
      return {
        subscribe: [subjects.command(user.name), subjects.status(user.name), subjects.fleetStatus],
        publish: [subjects.heartbeat(user.name), subjects.events(user.name), `${subjects.results(user.name)}.>`],
        allowResponses: true,
      };
    case "simulator":
      return {
        subscribe: [subjects.allCommands, subjects.allStatus, subjects.fleetStatus],
        publish: [subjects.allHeartbeats, subjects.allEvents, subjects.allResults],
        allowResponses: true,
      };
    case "controller":
      return {
        subscribe: [subjects.allHeartbeats, subjects.allEvents, subjects.allResults, `${inboxPrefixes.controller}.>`],
        publish: [subjects.allCommands, subjects.allStatus, subjects.fleetStatus],
        allowResponses: false,
      };
  }
}

/**
 * How long nats-server lets a client answer a request through `allow_responses: true`: two minutes. Status answers
 * use it, so no live query may wait longer; command results use the agent's own subject instead (see above).
 */
export const NATS_REPLY_WINDOW_MS = 2 * 60_000;

/** The refusal that keeps the CVE-2023-47090 shape out of every config this module writes (see below). */
export class UnsafeServerConfigError extends Error {
  readonly code = "UNSAFE_NATS_CONFIG";
}

/**
 * A nats-server (2.9+) configuration: nkey users with the permissions above, in ONE top-level `authorization`
 * block and no `accounts` block at all. That is deliberate: nats-server before 2.9.23 / 2.10.2 (Debian's 2.9.10
 * among them) admits unauthenticated clients when an `accounts` block holding only `$SYS` sits beside a top-level
 * `authorization` block (CVE-2023-47090). There is no `no_auth_user` either: a client without a valid nkey is refused.
 */
export function natsServerConfig(users: NatsUser[], opts: ServerConfigOptions): string {
  if (!users.some((u) => u.role === "controller")) throw new UnsafeServerConfigError("The user listing has no controller; run iisfleet keys init.");
  const out: string[] = [
    "# nats-server configuration for iisfleet, written by `iisfleet nats-config`; regenerate it rather than edit it.",
    "# Check: nats-server -t -c FILE    Apply changes to a running server: nats-server --signal reload",
    "#",
    "# Every client authenticates with its own nkey (iisfleet keys). No `accounts` block on purpose: beside the",
    "# top-level `authorization` block it would admit unauthenticated clients on nats-server < 2.9.23 (CVE-2023-47090).",
    "",
    `listen: ${str(hostPort(opts.listen))}`,
  ];
  if (opts.httpMonitor) {
    out.push("", "# Monitoring (/varz, /connz, ...) has no authentication: keep it on loopback.", `http: ${str(hostPort(opts.httpMonitor))}`);
  }
  if (opts.tls) {
    const t = opts.tls;
    out.push("", "tls {", `  cert_file: ${str(t.certFile)}`, `  key_file: ${str(t.keyFile)}`);
    if (t.caFile !== undefined) out.push(`  ca_file: ${str(t.caFile)}`);
    if (t.verify) out.push("  # every client must present a certificate signed by ca_file", "  verify: true");
    out.push("  # seconds for the handshake; generous for agents across slow links", "  timeout: 5", "}");
  }
  out.push("", "authorization {", "  users: [");
  for (const user of users) {
    const p = permissionsFor(user);
    out.push(
      `    # ${user.role === "agent" ? `agent ${user.name}` : user.role}`,
      "    {",
      `      nkey: ${str(user.publicKey)}`,
      "      permissions: {",
      `        publish: { allow: ${list(p.publish)} }`,
      `        subscribe: { allow: ${list(p.subscribe)} }`,
    );
    if (p.allowResponses) out.push("        allow_responses: true");
    out.push("      }", "    }");
  }
  out.push("  ]", "}", "");
  const text = out.join("\n");
  // Belt and braces: whatever this function grows into, it must never write the vulnerable shape.
  if (/^\s*(accounts|no_auth_user)\b/m.test(text)) throw new UnsafeServerConfigError("refusing to write an accounts block or no_auth_user (CVE-2023-47090)");
  return text;
}

function hostPort(hp: HostPort): string {
  return hp.host.includes(":") ? `[${hp.host}]:${hp.port}` : `${hp.host}:${hp.port}`;
}

/** Double-quoted; forward slashes keep Windows paths free of escape sequences. */
function str(value: string): string {
  return JSON.stringify(value.replace(/\\/g, "/"));
}

function list(values: string[]): string {
  return `[${values.map(str).join(", ")}]`;
}
