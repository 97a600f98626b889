import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { InvalidInputError } from "../../errors.js";
import { readNatsUsers } from "../../keys/key-store.js";
import { type LeafCredentials, ensureLeafCredentials, readLeafCredentials } from "../../nats/leaf-credentials.js";
import { type PeerTls, type ServerConfigOptions, type ServerTls, natsServerConfig } from "../../nats/server-config.js";
import { contextOf } from "../context.js";
import { listenArg } from "../options.js";

interface NatsConfigFlags {
  keys: string;
  out: string;
  listen: { host: string; port: number };
  httpMonitor?: { host: string; port: number };
  tlsCert?: string;
  tlsKey?: string;
  tlsCa?: string;
  tlsVerify: boolean;
  serverName?: string;
  advertise?: string;
  cluster?: string;
  routes?: string[];
  clusterListen?: { host: string; port: number };
  jetstream?: string;
  leafListen?: { host: string; port: number };
  leafRemote?: string[];
  leafCreds?: string;
}

/** Names nats-server shows in /routez and JetStream keeps: a plain token, no spaces or dots. */
function nameArg(value: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a name of letters, digits, "-" and "_" (at most 64).`);
  return value;
}

/** A DNS name or an IPv4 address, as other machines dial it. */
function hostArg(value: string): string {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a host name or IPv4 address, e.g. nats-a.example.`);
  return value;
}

/** URLs of other servers (routes, a hub): scheme, host and port, and no login (that belongs in --leaf-creds). */
function serverUrlsArg(schemes: string[], example: string) {
  return (value: string, previous: string[] | undefined): string[] => {
    const out = [...(previous ?? [])];
    for (const part of value.split(",").map((s) => s.trim())) {
      let u: URL | undefined;
      try {
        u = new URL(part);
      } catch {
        u = undefined;
      }
      if (u === undefined || !schemes.includes(u.protocol) || u.hostname === "" || u.port === "" || (u.pathname !== "" && u.pathname !== "/")) {
        throw new InvalidArgumentError(`"${part}" is not a URL like ${example} (scheme ${schemes.map((s) => s.slice(0, -1)).join(" or ")}, host and port).`);
      }
      if (u.username !== "" || u.password !== "") throw new InvalidArgumentError(`"${part}" carries a login; the leaf link's login comes from --leaf-creds.`);
      out.push(`${u.protocol}//${u.host}`);
    }
    return out;
  };
}

/** The server reads these files, so they are checked here, where a typo is cheap, and written as absolute paths. */
function pemFile(flag: string, file: string, label: RegExp, what: string): string {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InvalidInputError(`${flag} ${path}: ${code === "ENOENT" ? "no such file" : (err as Error).message}.`, { path });
  }
  if (!label.test(text)) throw new InvalidInputError(`${flag} ${path}: not a PEM file holding ${what}.`, { path });
  return path;
}

const CERT = /-----BEGIN CERTIFICATE-----/;

function tlsOf(o: NatsConfigFlags): ServerTls | undefined {
  if (o.tlsCert === undefined && o.tlsKey === undefined) {
    // A leaf's own link to the hub uses --tls-ca without a listener certificate of its own.
    if ((o.tlsCa !== undefined && o.leafRemote === undefined) || o.tlsVerify) throw new InvalidInputError("--tls-ca and --tls-verify need the server's --tls-cert and --tls-key.");
    return undefined;
  }
  if (o.tlsCert === undefined || o.tlsKey === undefined) throw new InvalidInputError("TLS needs both --tls-cert and --tls-key.");
  if (o.tlsVerify && o.tlsCa === undefined) throw new InvalidInputError("--tls-verify needs --tls-ca: the CA that client certificates must chain to.");
  return {
    certFile: pemFile("--tls-cert", o.tlsCert, CERT, "a certificate"),
    keyFile: pemFile("--tls-key", o.tlsKey, /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/, "a private key"),
    ...(o.tlsCa !== undefined ? { caFile: pemFile("--tls-ca", o.tlsCa, CERT, "a CA certificate") } : {}),
    verify: o.tlsVerify,
  };
}

type Topology = Pick<ServerConfigOptions, "serverName" | "advertise" | "cluster" | "jetstream" | "leafListen" | "leafRemote">;

/**
 * Cluster and leaf-node settings, checked together. Links between servers carry every message of the fleet, so they
 * are always TLS: routes with mutual TLS (the same --tls-* files), a leaf link verifying the hub against --tls-ca.
 */
function topologyOf(o: NatsConfigFlags, tls: ServerTls | undefined): { topology: Topology; leafCreds?: { file: string; status: "created" | "kept" | "read" } } {
  const topology: Topology = {};
  if (o.serverName !== undefined) topology.serverName = o.serverName;
  if (o.advertise !== undefined) topology.advertise = o.advertise;
  if (o.cluster === undefined) {
    if (o.routes !== undefined || o.clusterListen !== undefined) throw new InvalidInputError("--routes and --cluster-listen belong to a cluster: give its name with --cluster.");
  } else {
    if (o.routes === undefined || o.routes.length === 0) throw new InvalidInputError("--cluster needs --routes: every server's route URL, e.g. nats://nats-a:6222,nats://nats-b:6222,nats://nats-c:6222.");
    if (o.serverName === undefined) throw new InvalidInputError("--cluster needs --server-name: a name unique to this server, the same across its restarts.");
    if (tls?.caFile === undefined) {
      throw new InvalidInputError("--cluster needs --tls-cert, --tls-key and --tls-ca: routes carry every message, so the servers verify each other's certificates (mutual TLS).");
    }
    topology.cluster = {
      name: o.cluster,
      listen: o.clusterListen ?? { host: "0.0.0.0", port: 6222 },
      routes: [...new Set(o.routes)],
      tls: { certFile: tls.certFile, keyFile: tls.keyFile, caFile: tls.caFile },
    };
  }
  if (o.jetstream !== undefined) {
    if (o.leafRemote !== undefined) throw new InvalidInputError("--jetstream belongs on the hub (or its cluster), not on a leaf: the controllers keep their lease and outbox there.");
    topology.jetstream = { storeDir: resolve(o.jetstream) };
  }
  if (o.leafListen !== undefined && o.leafRemote !== undefined) throw new InvalidInputError("--leaf-listen (a hub) and --leaf-remote (a leaf) exclude each other: write one config per server.");
  if (o.leafCreds === undefined) {
    if (o.leafListen !== undefined || o.leafRemote !== undefined) throw new InvalidInputError("--leaf-listen and --leaf-remote need --leaf-creds: the file with the leaf link's login (the hub's nats-config makes it).");
    return { topology };
  }
  const credsFile = resolve(o.leafCreds);
  let credentials: LeafCredentials;
  let status: "created" | "kept" | "read";
  if (o.leafListen !== undefined) {
    if (tls === undefined) throw new InvalidInputError("--leaf-listen needs --tls-cert and --tls-key: the leaf link crosses networks and carries a password.");
    ({ credentials, status } = ensureLeafCredentials("--leaf-creds", credsFile));
    topology.leafListen = { listen: o.leafListen, credentials };
  } else if (o.leafRemote !== undefined) {
    if (o.cluster !== undefined) throw new InvalidInputError("--leaf-remote writes a single leaf server; a clustered site is not supported by nats-config.");
    if (o.tlsCa === undefined) throw new InvalidInputError("--leaf-remote needs --tls-ca: the CA the hub's certificate chains to (the leaf link is always TLS).");
    credentials = readLeafCredentials("--leaf-creds", credsFile);
    status = "read";
    const peer: PeerTls = { caFile: tls?.caFile ?? pemFile("--tls-ca", o.tlsCa, CERT, "a CA certificate") };
    // Presented to the hub, which checks it when it runs with --tls-verify.
    if (tls !== undefined) Object.assign(peer, { certFile: tls.certFile, keyFile: tls.keyFile });
    topology.leafRemote = { urls: [...new Set(o.leafRemote)], credentials, tls: peer };
  } else {
    throw new InvalidInputError("--leaf-creds goes with --leaf-listen (on the hub) or --leaf-remote (on a leaf).");
  }
  return { topology, leafCreds: { file: credsFile, status } };
}

export function registerNatsConfig(program: Command): void {
  program
    .command("nats-config")
    .description("write a nats-server config: every agent, the controller (and the simulator) as nkey users with least privilege")
    .requiredOption("--keys <dir>", "the keys dir made by iisfleet keys init (reads nats/users.json)")
    .requiredOption("--out <file>", "the config file to write (replaced whole)")
    .addOption(new Option("--listen <host:port>", "where nats-server listens for clients").argParser(listenArg).default(listenArg("0.0.0.0:4222"), "0.0.0.0:4222"))
    .option("--http-monitor <host:port>", "also serve nats-server's monitoring endpoint (no authentication: keep it on loopback)", listenArg)
    .option("--tls-cert <file>", "the server's certificate (PEM); with --tls-key, clients must use TLS")
    .option("--tls-key <file>", "the server certificate's private key (PEM)")
    .option("--tls-ca <file>", "the CA (PEM) that client certificates (--tls-verify), the other servers' route certificates and, on a leaf, the hub's certificate must chain to")
    .option("--tls-verify", "require a client certificate from every client (mutual TLS; needs --tls-ca)", false)
    .option("--server-name <name>", "this server's name, unique and stable (needed with --cluster)", nameArg)
    .option("--advertise <host>", "the name clients and other servers dial this one by (in its certificate), instead of its IPs", hostArg)
    .option("--cluster <name>", "join a cluster of this name (routes use mutual TLS with the --tls-* files)", nameArg)
    .option("--routes <urls>", "every cluster server's route URL; repeat or comma-separate", serverUrlsArg(["nats:", "nats-route:", "tls:"], "nats://nats-a:6222"))
    .option("--cluster-listen <host:port>", "where this server listens for routes (default 0.0.0.0:6222)", listenArg)
    .option("--jetstream <dir>", "enable JetStream (the standby controllers' lease and outbox), stored under this dir")
    .option("--leaf-listen <host:port>", "a hub: accept leaf nodes (remote sites, DMZ) here, over TLS, with --leaf-creds", listenArg)
    .option("--leaf-remote <url>", "a leaf: connect to the hub's leaf port; repeat or comma-separate the hub cluster's servers", serverUrlsArg(["nats:", "tls:", "nats-leaf:"], "nats://hub.example:7422"))
    .option("--leaf-creds <file>", "the leaf link's login (user and password, JSON): made by the hub's nats-config if absent, copied to each leaf")
    .addHelpText(
      "after",
      [
        "",
        "Each agent may subscribe only to its own command and status subjects and the fleet status subject, publish only",
        "its own heartbeat and events, and answer requests it received (allow_responses). The controller may send to",
        "every agent and hear every heartbeat and event, with replies on its own inbox prefix (_INBOX_controller).",
        "The config has one top-level authorization block and no accounts block: that shape is not affected by",
        "CVE-2023-47090 (nats-server < 2.9.23 admits unauthenticated clients when accounts holds only $SYS beside it).",
        "",
        "Examples:",
        "  iisfleet nats-config --keys ./keys --out nats-server.conf",
        "  iisfleet nats-config --keys ./keys --out nats-server.conf --tls-cert server.pem --tls-key server-key.pem \\",
        "      --tls-ca ca.pem --tls-verify",
        "  nats-server -t -c nats-server.conf && nats-server -c nats-server.conf",
        "",
        "A 3-server cluster (run once per server, with its own --server-name and certificate), JetStream for a standby pair:",
        "  iisfleet nats-config --keys ./keys --out nats-a.conf --server-name nats-a --advertise nats-a --cluster iisfleet \\",
        "      --routes nats://nats-a:6222,nats://nats-b:6222,nats://nats-c:6222 --jetstream /var/lib/nats \\",
        "      --tls-cert nats-a.pem --tls-key nats-a-key.pem --tls-ca ca.pem",
        "A hub and a leaf for a remote site or DMZ (copy leaf.json to the leaf's host):",
        "  iisfleet nats-config --keys ./keys --out hub.conf --tls-cert hub.pem --tls-key hub-key.pem \\",
        "      --leaf-listen 0.0.0.0:7422 --leaf-creds leaf.json",
        "  iisfleet nats-config --keys ./keys --out leaf.conf --leaf-remote nats://hub.example:7422 --leaf-creds leaf.json \\",
        "      --tls-ca ca.pem",
      ].join("\n"),
    )
    .action((o: NatsConfigFlags, c: Command) => {
      const ctx = contextOf(c);
      const tls = tlsOf(o);
      const users = readNatsUsers(o.keys);
      const { topology, leafCreds } = topologyOf(o, tls);
      const text = natsServerConfig(users, { listen: o.listen, ...(o.httpMonitor ? { httpMonitor: o.httpMonitor } : {}), ...(tls ? { tls } : {}), ...topology });
      const out = resolve(o.out);
      // Whole or not at all: a server reloading a half-written file would drop every user.
      const tmp = `${out}.tmp-${process.pid}`;
      // A config holding the leaf link's password is for the server's eyes only.
      writeFileSync(tmp, text, { mode: leafCreds ? 0o600 : 0o644 });
      renameSync(tmp, out);
      const count = (role: string) => users.filter((u) => u.role === role).length;
      const summary = {
        file: out,
        listen: `${o.listen.host}:${o.listen.port}`,
        tls: tls === undefined ? "off" : tls.verify ? "mutual" : "server",
        users: { controller: topology.leafRemote ? 0 : count("controller"), agents: count("agent"), simulator: count("simulator") },
        ...(topology.serverName !== undefined ? { serverName: topology.serverName } : {}),
        ...(topology.cluster ? { cluster: { name: topology.cluster.name, listen: `${topology.cluster.listen.host}:${topology.cluster.listen.port}`, routes: topology.cluster.routes } } : {}),
        ...(topology.jetstream ? { jetstream: topology.jetstream.storeDir } : {}),
        leaf: topology.leafListen ? "hub" : topology.leafRemote ? "leaf" : "off",
        ...(leafCreds ? { leafCreds } : {}),
      };
      ctx.print(summary, () =>
        [
          `wrote ${out}: ${count("agent")} agent${count("agent") === 1 ? "" : "s"}, the controller${count("simulator") > 0 ? ", the simulator (test fleets only)" : ""}; ` +
            `listening on ${summary.listen}, TLS ${summary.tls === "off" ? "off" : summary.tls === "mutual" ? "on with client certificates" : "on"}.`,
          ...(summary.cluster ? [`cluster ${summary.cluster.name} as ${topology.serverName ?? ""}: routes on ${summary.cluster.listen} (mutual TLS) to ${summary.cluster.routes.join(", ")}.`] : []),
          ...(summary.jetstream ? [`JetStream stored in ${summary.jetstream}.`] : []),
          ...(topology.leafListen ? [`hub: leaf nodes on ${topology.leafListen.listen.host}:${topology.leafListen.listen.port} log in with ${leafCreds?.file ?? ""} (${leafCreds?.status ?? ""}); copy it to each leaf's host.`] : []),
          ...(topology.leafRemote ? [`leaf of ${topology.leafRemote.urls.join(", ")}: admits the agents (not the controller), which the hub reaches through the link.`] : []),
          `Check it: nats-server -t -c ${out}`,
          "Running already? nats-server --signal reload",
        ].join("\n"),
      );
    });
}
