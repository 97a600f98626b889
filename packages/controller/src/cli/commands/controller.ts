import { type Command, Option } from "commander";
import { anyDurationArg, listenArg, natsUrlArg } from "../options.js";
import { DEFAULT_DB_PATH } from "../token-source.js";
import type { ControllerFlags } from "./run-controller.js";

/** Loopback: the API is reachable from other machines only when the operator says so (--listen 0.0.0.0:8740). */
export const DEFAULT_LISTEN = "127.0.0.1:8740";

export function registerController(program: Command): void {
  program
    .command("controller")
    .description("run the controller daemon: fleet registry, command dispatch, history in SQLite, HTTP API")
    .option("--nats <url>", "NATS server URL; repeat or comma-separate for a cluster (env IISFLEET_NATS)", natsUrlArg)
    .option("--nats-nkey <file>", "nkey seed file to authenticate to NATS with: nats/controller.nk from iisfleet keys (env IISFLEET_NATS_NKEY)")
    .option("--nats-tls-ca <file>", "CA certificate (PEM) the NATS server's certificate must chain to (env IISFLEET_NATS_TLS_CA)")
    .option("--nats-tls-cert <file>", "client certificate (PEM), when the NATS server verifies clients (env IISFLEET_NATS_TLS_CERT)")
    .option("--nats-tls-key <file>", "the client certificate's private key (PEM) (env IISFLEET_NATS_TLS_KEY)")
    .option(
      "--signing-key <file>",
      "ed25519 key that signs every command: command-signing.key from iisfleet keys (env IISFLEET_SIGNING_KEY). Without it commands go unsigned, and agents that trust a key refuse them",
    )
    .option(
      "--agent-keys <dir>",
      "keys dir from iisfleet keys (its nats/users.json): believe only agent messages signed by that agent's nkey (env IISFLEET_AGENT_KEYS). Without it agent identities are unverified",
    )
    .option("--db <path>", "SQLite database file (env IISFLEET_DB)", process.env.IISFLEET_DB || DEFAULT_DB_PATH)
    .addOption(
      new Option("--listen <host:port>", "API address; loopback unless you say otherwise (e.g. 0.0.0.0:8740 — then put TLS in front: tokens are bearer secrets)")
        .argParser(listenArg)
        .default(listenArg(DEFAULT_LISTEN), DEFAULT_LISTEN),
    )
    .option("--expire-offline <duration>", "forget hosts offline for longer than this (e.g. 7d), unless in an active rollout; default: never", anyDurationArg)
    .option("--admin-token-file <path>", "where the first start writes its admin token (default: admin.token beside --db)")
    .option(
      "--trust-proxy <ip>",
      "a reverse proxy in front of the API (e.g. TLS termination), repeatable or comma-separated: the audit log then records the client from its X-Forwarded-For",
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .addHelpText(
      "after",
      "\nEvery API request needs a token (iisfleet token --help). When the database has no token at all, the controller\n" +
        "creates an admin token named bootstrap-admin and writes it to admin.token beside the database (mode 0600), where\n" +
        "the CLI on this machine finds it. The token itself is never logged.",
    )
    // The daemon, SQLite, NATS, pino and prom-client load here and only here: `iisfleet hosts` and --help never pay for them.
    .action(async (o: ControllerFlags) => (await import("./run-controller.js")).runController(o));
}
