import { type Command, InvalidArgumentError, Option } from "commander";
import {
  type CommandSigningKey,
  type NatsClientAuth,
  NatsClientFileError,
  SigningKeyError,
  loadNatsClientAuth,
  loadSigningKey,
  natsClientFilesFrom,
} from "@iisfleet/proto";
import { parseTrustedProxies } from "../../api/client-address.js";
import { type RunningController, startController } from "../../daemon.js";
import { InvalidInputError } from "../../errors.js";
import { AgentKeyring } from "../../keys/agent-keyring.js";
import { KeysError } from "../../keys/key-store.js";
import { createLogger } from "../../log.js";
import { anyDurationArg, auditRetentionArg, durationArg, intArg, listenArg, natsUrlArg, retentionArg, urlArg } from "../options.js";
import { DEFAULT_DB_PATH } from "../token-source.js";

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
    .action(async (o: ControllerFlags) => {
      // Before anything starts: a wrong credential or key path is a usage error (exit 2) naming the file.
      const natsAuth = natsAuthOf(o);
      const signingKey = signingKeyOf(o.signingKey ?? process.env.IISFLEET_SIGNING_KEY);
      const agentKeys = agentKeysOf(o.agentKeys ?? process.env.IISFLEET_AGENT_KEYS);
      const trustedProxies = trustedProxiesOf(o.trustProxy ?? []);
      const log = createLogger("iisfleet-controller");
      if (signingKey) log.info({ keyId: signingKey.keyId }, "commands are signed");
      else log.warn("no --signing-key: commands are sent unsigned; only agents started with --allow-unsigned (or simulated ones) will run them");
      const servers = o.nats ?? natsUrlArg(process.env.IISFLEET_NATS ?? "nats://127.0.0.1:4222", []);
      // The deposed callback may only come once the start returned (the lease starts after the API is up).
      let running: RunningController | undefined;
      const ctl = await startController({
        natsServers: servers,
        natsAuth,
        signingKey,
        agentKeys,
        dbPath: o.db,
        listenHost: o.listen.host,
        listenPort: o.listen.port,
        log,
        ...(o.adminTokenFile !== undefined ? { adminTokenFile: o.adminTokenFile } : {}),
        trustedProxies,
        ...(o.expireOffline !== undefined ? { expireOfflineMs: o.expireOffline } : {}),
        notify: {
          ...(o.notifyTimeout !== undefined ? { timeoutMs: o.notifyTimeout } : {}),
          ...(o.notifyBackoff !== undefined ? { backoffMinMs: o.notifyBackoff } : {}),
        },
        ...(o.retain !== undefined || o.retainAudit !== undefined ? { retention: { retainMs: o.retain, retainAuditMs: o.retainAudit } } : {}),
        ...(o.ha
          ? {
              ha: {
                leaseMs: o.haLease,
                replicas: o.haReplicas,
                ...(o.haApiUrl !== undefined ? { apiUrl: o.haApiUrl } : {}),
                // Never leads again in this process: exit, so the service manager starts it again as a standby.
                onDeposed: (reason: string) => {
                  log.error({ reason }, "lost the leadership lease: exiting (75) to restart as a standby");
                  // Cut off from NATS, a clean stop may wait on the connection: the exit does not.
                  setTimeout(() => process.exit(EXIT_DEPOSED), 5_000).unref();
                  void (running?.stop() ?? Promise.resolve()).finally(() => process.exit(EXIT_DEPOSED));
                },
              },
            }
          : {}),
      });
      running = ctl;
      if (ctl.adminTokenFile) process.stdout.write(`First start: wrote an admin API token to ${ctl.adminTokenFile} (mode 0600; the CLI here reads it).\n`);
      // The one line scripts and tests wait for; logs go to stderr.
      process.stdout.write(`iisfleet controller listening on ${ctl.url}\n`);
      const shutdown = (signal: string) => {
        log.info({ signal }, "shutting down");
        void ctl.stop().then(() => process.exit(0));
      };
      process.once("SIGINT", () => shutdown("SIGINT"));
      process.once("SIGTERM", () => shutdown("SIGTERM"));
    });
}

interface ControllerFlags {
  nats?: string[];
  natsNkey?: string;
  natsTlsCa?: string;
  natsTlsCert?: string;
  natsTlsKey?: string;
  signingKey?: string;
  agentKeys?: string;
  db: string;
  listen: { host: string; port: number };
  adminTokenFile?: string;
  trustProxy?: string[];
  expireOffline?: number;
  retain?: number;
  retainAudit?: number;
  notifyTimeout?: number;
  notifyBackoff?: number;
  ha?: boolean;
  haLease: number;
  haReplicas: number;
  haApiUrl?: string;
}

/** EX_TEMPFAIL: a deposed leader's exit; its service manager restarts it, and it rejoins as a standby. */
export const EXIT_DEPOSED = 75;

/** A lease must outlast a renew round trip on a loaded network, and a standby must notice a dead leader soon. */
function haLeaseArg(value: string): number {
  const ms = anyDurationArg(value);
  if (ms < 1_000 || ms > 300_000) throw new InvalidArgumentError(`${value} is out of range: use 1s to 5m.`);
  return ms;
}

function trustedProxiesOf(values: string[]): Set<string> {
  try {
    return parseTrustedProxies(values);
  } catch (err) {
    throw new InvalidInputError(err instanceof Error ? err.message : String(err));
  }
}

function natsAuthOf(o: ControllerFlags): NatsClientAuth {
  const files = natsClientFilesFrom({ nkeyFile: o.natsNkey, tlsCaFile: o.natsTlsCa, tlsCertFile: o.natsTlsCert, tlsKeyFile: o.natsTlsKey }, process.env);
  try {
    return loadNatsClientAuth(files);
  } catch (err) {
    if (err instanceof NatsClientFileError) throw new InvalidInputError(err.message, { path: err.path });
    throw err;
  }
}

function agentKeysOf(dir: string | undefined): AgentKeyring | undefined {
  if (dir === undefined || dir === "") return undefined;
  try {
    return AgentKeyring.load(dir);
  } catch (err) {
    if (err instanceof KeysError) throw new InvalidInputError(`--agent-keys: ${err.message}`, { path: dir });
    throw err;
  }
}

function signingKeyOf(path: string | undefined): CommandSigningKey | undefined {
  if (path === undefined || path === "") return undefined;
  try {
    return loadSigningKey(path);
  } catch (err) {
    if (err instanceof SigningKeyError) throw new InvalidInputError(err.message, { path });
    throw err;
  }
}
