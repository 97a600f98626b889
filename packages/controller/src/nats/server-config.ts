import { inboxPrefixes, subjects } from "@iisfleet/proto";
import type { NatsUser } from "../keys/key-store.js";
import type { LeafCredentials } from "./leaf-credentials.js";

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

/** TLS of a link this server makes to another server (a route or a leaf link): it trusts `caFile`. */
export interface PeerTls {
  caFile: string;
  /** Presented to the other server, which verifies it (routes always; a hub only with --tls-verify). */
  certFile?: string;
  keyFile?: string;
}

/** One server of a cluster: routes to its peers over mutual TLS (each route verifies the other's certificate). */
export interface ClusterOptions {
  name: string;
  listen: HostPort;
  /** Every server's route URL; its own is harmless (nats-server notices and drops a route to itself). */
  routes: string[];
  tls: Required<PeerTls>;
}

export interface ServerConfigOptions {
  listen: HostPort;
  /** The monitoring endpoint (/varz, /connz, ...); it has no authentication, so keep it on loopback. */
  httpMonitor?: HostPort;
  tls?: ServerTls;
  /** Unique per server; JetStream on a cluster needs it to be stable across restarts. */
  serverName?: string;
  /**
   * The name clients, other servers and leaf nodes should dial this server by, instead of the IP addresses it would
   * otherwise gossip (which a TLS certificate for names does not cover).
   */
  advertise?: string;
  cluster?: ClusterOptions;
  /** JetStream (streams and KV, replicated across a cluster), stored under this dir. */
  jetstream?: { storeDir: string };
  /** A hub: accepts leaf nodes (over `tls`) that log in as this user, with the leaf link's permissions. */
  leafListen?: { listen: HostPort; credentials: LeafCredentials };
  /** A leaf (remote site, DMZ): connects to the hub at these URLs; admits agents only, never the controller. */
  leafRemote?: { urls: string[]; credentials: LeafCredentials; tls: PeerTls };
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

/**
 * What a leaf link may carry, seen from the leaf as nats-server expects it (the hub swaps the two for its side):
 * into the hub only what agents send (heartbeats, events, command results, answers to the controller's inbox),
 * out to the leaf only what agents listen to. So a leaf server, whatever its own config says, cannot put a command
 * or a status question on the hub, nor hear another site's traffic.
 */
export function leafLinkPermissions(): Permissions {
  return {
    publish: [subjects.allHeartbeats, subjects.allEvents, subjects.allResults, `${inboxPrefixes.controller}.>`],
    subscribe: [subjects.allCommands, subjects.allStatus, subjects.fleetStatus],
    allowResponses: false,
  };
}

/**
 * JetStream for the controller (the standby pair's lease in KV and its outbox stream): the JetStream API, KV
 * subjects and acknowledgements, plus iisfleet's own HA subjects. Agents get none of it.
 */
export const CONTROLLER_JETSTREAM_PUBLISH = ["$JS.API.>", "$JS.ACK.>", "$JS.FC.>", "$KV.>", "iisfleet.v1.ha.>"];

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
  ];
  if (opts.serverName !== undefined) out.push(`server_name: ${str(opts.serverName)}`);
  out.push(`listen: ${str(hostPort(opts.listen))}`);
  if (opts.advertise !== undefined) out.push(`client_advertise: ${str(hostPort({ host: opts.advertise, port: opts.listen.port }))}`);
  if (opts.httpMonitor) {
    out.push("", "# Monitoring (/varz, /connz, ...) has no authentication: keep it on loopback.", `http: ${str(hostPort(opts.httpMonitor))}`);
  }
  if (opts.tls) out.push("", ...tlsBlock("", opts.tls));
  if (opts.cluster) out.push("", ...clusterBlock(opts.cluster, opts.advertise));
  if (opts.jetstream) {
    out.push("", "# JetStream: the standby controllers' lease (KV) and outbox stream, replicated across the cluster.");
    out.push("jetstream {", `  store_dir: ${str(opts.jetstream.storeDir)}`, "}");
  }
  if (opts.leafListen) out.push("", ...leafListenBlock(opts.leafListen.listen, opts.tls, opts.advertise));
  if (opts.leafRemote) out.push("", ...leafRemoteBlock(opts.leafRemote));
  // A leaf admits agents only: commands reach them from the hub, through the leaf link's permissions.
  const admitted = opts.leafRemote ? users.filter((u) => u.role !== "controller") : users;
  out.push("", "authorization {", "  users: [");
  for (const user of admitted) {
    const p = permissionsFor(user);
    if (user.role === "controller" && opts.jetstream) p.publish.push(...CONTROLLER_JETSTREAM_PUBLISH);
    out.push(`    # ${user.role === "agent" ? `agent ${user.name}` : user.role}`, "    {", `      nkey: ${str(user.publicKey)}`, ...permissionLines(p), "    }");
  }
  if (opts.leafListen) {
    const { user, password } = opts.leafListen.credentials;
    out.push(
      "    # the leaf nodes' link (remote sites, DMZ): only as a leaf connection, only agent traffic (permissions as the leaf sees them)",
      "    {",
      `      user: ${str(user)}`,
      `      password: ${str(password)}`,
      '      allowed_connection_types: ["LEAFNODE"]',
      ...permissionLines(leafLinkPermissions()),
      "    }",
    );
  }
  out.push("  ]", "}", "");
  const text = out.join("\n");
  // Belt and braces: whatever this function grows into, it must never write the vulnerable shape.
  if (/^\s*(accounts|no_auth_user)\b/m.test(text)) throw new UnsafeServerConfigError("refusing to write an accounts block or no_auth_user (CVE-2023-47090)");
  return text;
}

function permissionLines(p: Permissions): string[] {
  return [
    "      permissions: {",
    `        publish: { allow: ${list(p.publish)} }`,
    `        subscribe: { allow: ${list(p.subscribe)} }`,
    ...(p.allowResponses ? ["        allow_responses: true"] : []),
    "      }",
  ];
}

function tlsBlock(indent: string, t: ServerTls): string[] {
  const lines = ["tls {", `  cert_file: ${str(t.certFile)}`, `  key_file: ${str(t.keyFile)}`];
  if (t.caFile !== undefined) lines.push(`  ca_file: ${str(t.caFile)}`);
  if (t.verify) lines.push("  # every client must present a certificate signed by ca_file", "  verify: true");
  lines.push("  # seconds for the handshake; generous for agents across slow links", "  timeout: 5", "}");
  return lines.map((l) => indent + l);
}

function peerTlsBlock(indent: string, t: PeerTls): string[] {
  const lines = ["tls {", `  ca_file: ${str(t.caFile)}`];
  if (t.certFile !== undefined && t.keyFile !== undefined) lines.push(`  cert_file: ${str(t.certFile)}`, `  key_file: ${str(t.keyFile)}`);
  lines.push("  timeout: 5", "}");
  return lines.map((l) => indent + l);
}

function advertiseLine(advertise: string | undefined, port: number): string[] {
  return advertise === undefined ? [] : [`  advertise: ${str(hostPort({ host: advertise, port }))}`];
}

function clusterBlock(c: ClusterOptions, advertise: string | undefined): string[] {
  return [
    "# Routes to the other servers of the cluster carry every message: mutual TLS, each side verifying the other's",
    "# certificate against ca_file (so it needs both serverAuth and clientAuth in its extended key usage).",
    "cluster {",
    `  name: ${str(c.name)}`,
    `  listen: ${str(hostPort(c.listen))}`,
    ...advertiseLine(advertise, c.listen.port),
    `  routes: ${list(c.routes)}`,
    "  tls {",
    `    cert_file: ${str(c.tls.certFile)}`,
    `    key_file: ${str(c.tls.keyFile)}`,
    `    ca_file: ${str(c.tls.caFile)}`,
    "    verify: true",
    "    timeout: 5",
    "  }",
    "}",
  ];
}

function leafListenBlock(listen: HostPort, tls: ServerTls | undefined, advertise: string | undefined): string[] {
  if (!tls) throw new UnsafeServerConfigError("a leaf-node listener needs TLS");
  return [
    "# Leaf nodes (remote sites, DMZ) connect here over TLS and log in as the leaf user below.",
    "leafnodes {",
    `  listen: ${str(hostPort(listen))}`,
    ...advertiseLine(advertise, listen.port),
    ...tlsBlock("  ", tls),
    "}",
  ];
}

function leafRemoteBlock(r: NonNullable<ServerConfigOptions["leafRemote"]>): string[] {
  const withLogin = (url: string) => {
    const u = new URL(url);
    u.username = r.credentials.user;
    u.password = r.credentials.password;
    return u.toString().replace(/\/$/, "");
  };
  return [
    "# This server is a leaf node of the hub: its agents reach the controller through the hub, which decides what",
    "# crosses the link (the leaf user's permissions there). The password is the leaf credentials file's: keep this file 0600.",
    "leafnodes {",
    "  remotes: [",
    "    {",
    `      urls: ${list(r.urls.map(withLogin))}`,
    ...peerTlsBlock("      ", r.tls),
    "    }",
    "  ]",
    "}",
  ];
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
