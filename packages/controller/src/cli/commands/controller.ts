import { type Command, InvalidArgumentError, Option } from "commander";
import { anyDurationArg, auditRetentionArg, durationArg, intArg, listenArg, natsUrlArg, retentionArg, urlArg } from "../options.js";
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
    .option(
      "--retain <duration>",
      "prune commands, events and finished rollouts older than this (e.g. 400d), never a row of an active rollout; default: keep everything",
      retentionArg,
    )
    .option(
      "--retain-audit <duration>",
      "prune audit records older than this (e.g. 90d); default: the audit log's own bound, 400 days and at most 200,000 records",
      auditRetentionArg,
    )
    .option("--notify-timeout <duration>", "how long a notification receiver may take to answer before the attempt counts as failed (default 10s)", durationArg)
    // For tests: the first retry's pause (each next one doubles, with jitter, up to 5 minutes).
    .addOption(new Option("--notify-backoff <duration>").argParser(anyDurationArg).hideHelp())
    .option("--admin-token-file <path>", "where the first start writes its admin token (default: admin.token beside --db)")
    .option(
      "--trust-proxy <ip>",
      "a reverse proxy in front of the API (e.g. TLS termination), repeatable or comma-separated: the audit log then records the client from its X-Forwarded-For",
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option("--ha", "one of a standby pair on the same NATS (JetStream): lead only while holding the lease, otherwise answer reads and refuse writes (README \"Standby controller\")")
    .option("--ha-lease <duration>", "with --ha: the leadership lease (the KV bucket's TTL); a standby takes over this long after the leader stops renewing", haLeaseArg, 10_000)
    .option("--ha-replicas <n>", "with --ha: JetStream replicas of the lease bucket (3 on a 3-server cluster)", intArg(1, 5, "replicas"), 1)
    .option("--ha-api-url <url>", "with --ha: this controller's API URL as standbys name it to clients (default: the --listen address)", urlArg)
    .addHelpText(
      "after",
      "\nEvery API request needs a token (iisfleet token --help). When the database has no token at all, the controller\n" +
        "creates an admin token named bootstrap-admin and writes it to admin.token beside the database (mode 0600), where\n" +
        "the CLI on this machine finds it. The token itself is never logged.",
    )
    // The daemon, SQLite, NATS, pino and prom-client load here and only here: `iisfleet hosts` and --help never pay for them.
    .action(async (o: ControllerFlags) => (await import("./run-controller.js")).runController(o));
}

/** A lease must outlast a renew round trip on a loaded network, and a standby must notice a dead leader soon. */
function haLeaseArg(value: string): number {
  const ms = anyDurationArg(value);
  if (ms < 1_000 || ms > 300_000) throw new InvalidArgumentError(`${value} is out of range: use 1s to 5m.`);
  return ms;
}
