import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { InvalidInputError } from "../../errors.js";
import { readNatsUsers } from "../../keys/key-store.js";
import { type ServerTls, natsServerConfig } from "../../nats/server-config.js";
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

function tlsOf(o: NatsConfigFlags): ServerTls | undefined {
  if (o.tlsCert === undefined && o.tlsKey === undefined) {
    if (o.tlsCa !== undefined || o.tlsVerify) throw new InvalidInputError("--tls-ca and --tls-verify need the server's --tls-cert and --tls-key.");
    return undefined;
  }
  if (o.tlsCert === undefined || o.tlsKey === undefined) throw new InvalidInputError("TLS needs both --tls-cert and --tls-key.");
  if (o.tlsVerify && o.tlsCa === undefined) throw new InvalidInputError("--tls-verify needs --tls-ca: the CA that client certificates must chain to.");
  const cert = /-----BEGIN CERTIFICATE-----/;
  return {
    certFile: pemFile("--tls-cert", o.tlsCert, cert, "a certificate"),
    keyFile: pemFile("--tls-key", o.tlsKey, /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/, "a private key"),
    ...(o.tlsCa !== undefined ? { caFile: pemFile("--tls-ca", o.tlsCa, cert, "a CA certificate") } : {}),
    verify: o.tlsVerify,
  };
}

export function registerNatsConfig(program: Command): void {
  program
    .command("nats-config")
    .description("write a nats-server config: every agent, the controller (and the simulator) as nkey users with least privilege")
    .requiredOption("--keys <dir>", "the keys dir made by iisfleet keys init (reads nats/users.json)")
    .requiredOption("--out <file>", "the config file to write (replaced whole)")
    .option("--listen <host:port>", "where nats-server listens for clients", listenArg, listenArg("0.0.0.0:4222"))
    .option("--http-monitor <host:port>", "also serve nats-server's monitoring endpoint (no authentication: keep it on loopback)", listenArg)
    .option("--tls-cert <file>", "the server's certificate (PEM); with --tls-key, clients must use TLS")
    .option("--tls-key <file>", "the server certificate's private key (PEM)")
    .option("--tls-ca <file>", "the CA (PEM) that client certificates must chain to")
    .option("--tls-verify", "require a client certificate from every client (mutual TLS; needs --tls-ca)", false)
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
      ].join("\n"),
    )
    .action((o: NatsConfigFlags, c: Command) => {
      const ctx = contextOf(c);
      const tls = tlsOf(o);
      const users = readNatsUsers(o.keys);
      const text = natsServerConfig(users, { listen: o.listen, ...(o.httpMonitor ? { httpMonitor: o.httpMonitor } : {}), ...(tls ? { tls } : {}) });
      const out = resolve(o.out);
      // Whole or not at all: a server reloading a half-written file would drop every user.
      const tmp = `${out}.tmp-${process.pid}`;
      writeFileSync(tmp, text, { mode: 0o644 });
      renameSync(tmp, out);
      const count = (role: string) => users.filter((u) => u.role === role).length;
      const summary = {
        file: out,
        listen: `${o.listen.host}:${o.listen.port}`,
        tls: tls === undefined ? "off" : tls.verify ? "mutual" : "server",
        users: { controller: count("controller"), agents: count("agent"), simulator: count("simulator") },
      };
      ctx.print(summary, () =>
        [
          `wrote ${out}: ${count("agent")} agent${count("agent") === 1 ? "" : "s"}, the controller${count("simulator") > 0 ? ", the simulator (test fleets only)" : ""}; ` +
            `listening on ${summary.listen}, TLS ${summary.tls === "off" ? "off" : summary.tls === "mutual" ? "on with client certificates" : "on"}.`,
          `Check it: nats-server -t -c ${out}`,
          "Running already? nats-server --signal reload",
        ].join("\n"),
      );
    });
}
