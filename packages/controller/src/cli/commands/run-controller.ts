// `iisfleet controller`: flags checked, then the daemon started. Loaded only when that command runs (see controller.ts).
import {
  type CommandSigningKey,
  type NatsClientAuth,
  NatsClientFileError,
  SigningKeyError,
  clockSkewSettingProblem,
  loadNatsClientAuth,
  loadSigningKey,
  natsClientFilesFrom,
} from "@iisfleet/proto";
import { parseTrustedProxies } from "../../api/client-address.js";
import { type RunningController, startController, warmStatusHosts } from "../../daemon.js";
import { InvalidInputError } from "../../errors.js";
import { AgentKeyring } from "../../keys/agent-keyring.js";
import { KeysError } from "../../keys/key-store.js";
import { createLogger } from "../../log.js";
import { natsUrlArg } from "../options.js";

export async function runController(o: ControllerFlags): Promise<void> {
  // Before anything starts: a wrong credential or key path is a usage error (exit 2) naming the file.
  const skew = clockSkewSettingProblem();
  if (skew) throw new InvalidInputError(skew.message, { setting: "IISFLEET_CLOCK_SKEW" });
  const natsAuth = natsAuthOf(o);
  const signingKey = signingKeyOf(o.signingKey ?? process.env.IISFLEET_SIGNING_KEY);
  const agentKeys = agentKeysOf(o.agentKeys ?? process.env.IISFLEET_AGENT_KEYS);
  const trustedProxies = trustedProxiesOf(o.trustProxy ?? []);
  const warmHosts = warmStatusHosts(process.env.IISFLEET_WARM_STATUS_HOSTS);
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
    warmStatusHosts: warmHosts,
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
}

/** EX_TEMPFAIL: a deposed leader's exit; its service manager restarts it, and it rejoins as a standby. */
export const EXIT_DEPOSED = 75;

export interface ControllerFlags {
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
