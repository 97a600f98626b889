import { createHash } from "node:crypto";
import { hostname, tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  InvalidDurationError,
  InvalidHostNameError,
  InvalidTagError,
  type NatsClientAuth,
  NatsClientFileError,
  loadNatsClientAuth,
  natsClientFilesFrom,
  parseDuration,
  parseFarmName,
  parseHostName,
  parseTag,
} from "@iisfleet/proto";
import { DEFAULT_PROBE_SETTINGS, type ProbeSettings, type ProbeSpec, parseProbeSpec } from "./health/probe.js";
import { FAULT_NAMES, POOL_FAULTS, type PoolFault, SITE_FAULTS, type SiteFault, type FaultName, isFaultName } from "./host/simulated/index.js";

export class UsageError extends Error {
  readonly code = "INVALID_USAGE";
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface AgentOptions {
  host: string;
  farm: string;
  tags: Record<string, string>;
  nats: string[];
  /** The nkey seed and TLS files for NATS, read and checked at start-up. */
  natsAuth: NatsClientAuth;
  heartbeatMs: number;
  simulate: boolean;
  /** sitePort: the first simulated site listens there, the next on the port after it (0: any free port). */
  sim: {
    stopMs: number;
    startMs: number;
    callMs: number;
    iis6Compat: boolean;
    fault: FaultName;
    generation: "iis6" | "iis7plus";
    sitePort: number;
    arr: SimArrOptions;
    /** Per-site and per-pool faults by name (--sim-site-fault / --sim-pool-fault). */
    siteFaults: Record<string, SiteFault>;
    poolFaults: Record<string, PoolFault>;
  };
  pollMs: number;
  /** Where the cordon and the result journal live. */
  stateDir: string;
  /** The administrator's policy file; undefined = defaults (force allowed, reboot not). */
  policyFile: string | undefined;
  /** Controller public keys whose signatures this agent accepts (PEM files). */
  trustedKeys: string[];
  /** Run commands without a signature (development only; simulated hosts do so when given no key). */
  allowUnsigned: boolean;
  probes: ProbeSpec[];
  probe: ProbeSettings;
  help: boolean;
  version: boolean;
}

/** A simulated ARR on this host: farm name → member addresses; none when `farms` is empty. */
export interface SimArrOptions {
  farms: Record<string, string[]>;
  drainMs: number;
  requests: number;
}

/** "shopfarm=web01,web02,web03": an ARR web farm and its members' addresses. */
export function parseSimArrFarm(value: string): [string, string[]] {
  const m = /^([A-Za-z0-9_.-]{1,64})=(.+)$/.exec(value);
  const servers = (m?.[2] ?? "").split(",").map((s) => s.trim());
  if (!m || servers.some((s) => !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,253}$/.test(s))) {
    throw new UsageError(`--sim-arr-farm: "${value}" is not NAME=SERVER,SERVER,... (e.g. shopfarm=web01,web02; names: letters, digits, _ . -).`);
  }
  return [m[1] as string, servers];
}

/** Per host, so several agents on one machine (tests, the demo) never share a journal. */
export function defaultStateDir(host: string, simulate: boolean, env: NodeJS.ProcessEnv): string {
  if (env.IISFLEET_STATE_DIR) return join(env.IISFLEET_STATE_DIR, host);
  if (simulate) return join(tmpdir(), simulatedStateRoot(currentUser(env), process.argv[1] ?? process.execPath), host);
  if (process.platform === "win32") return join(env.ProgramData ?? "C:\\ProgramData", "iisfleet", "agent");
  return join("/var/lib/iisfleet-agent", host);
}

/** NAME=FAULT flags (names as IIS holds them, which never contain "="), each fault one of `allowed`. */
function namedFaults<F extends string>(values: readonly string[] | undefined, flag: string, allowed: readonly F[]): Record<string, F> {
  const out: Record<string, F> = {};
  for (const value of values ?? []) {
    const eq = value.lastIndexOf("=");
    const name = value.slice(0, eq).trim();
    const fault = value.slice(eq + 1);
    if (eq <= 0 || name === "") throw new UsageError(`${flag}: "${value}" is not NAME=FAULT (e.g. Shop=hung-stop).`);
    if (!(allowed as readonly string[]).includes(fault)) throw new UsageError(`${flag}: "${fault}" is not a fault; use one of ${allowed.join(", ")}.`);
    out[name] = fault as F;
  }
  return out;
}

/**
 * A simulated agent's state lives under `iisfleet-sim-<user>-<hash of the program's path>`: one fixed /tmp path was
 * shared by every user (the second one could not write the first one's dir) and every clone (one demo's cordon and
 * journal turned up in another's). It stays put across restarts, so the agent keeps its id as a real one does.
 */
export function simulatedStateRoot(user: string, programPath: string): string {
  const who = user.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 32) || "user";
  const clone = createHash("sha256").update(programPath).digest("hex").slice(0, 10);
  return `iisfleet-sim-${who}-${clone}`;
}

function currentUser(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (a container's arbitrary uid): the uid still tells users apart.
    return env.USER ?? env.USERNAME ?? String(process.getuid?.() ?? "user");
  }
}

/** The NATS credential options the agent and the simulator share (see "Securing NATS" in the README). */
export function natsClientUsage(seedFile: string): string {
  return `  --nats-nkey FILE      nkey seed file to authenticate with (env IISFLEET_NATS_NKEY): ${seedFile}
  --nats-tls-ca FILE    CA certificate (PEM) the NATS server's certificate must chain to (env IISFLEET_NATS_TLS_CA)
  --nats-tls-cert FILE  client certificate (PEM) when the server verifies clients (env IISFLEET_NATS_TLS_CERT)
  --nats-tls-key FILE   its private key (PEM) (env IISFLEET_NATS_TLS_KEY)`;
}

/** The parseArgs entries for the credential options, shared with the simulator. */
export const NATS_CLIENT_ARGS = {
  "nats-nkey": { type: "string" },
  "nats-tls-ca": { type: "string" },
  "nats-tls-cert": { type: "string" },
  "nats-tls-key": { type: "string" },
} as const;

/** Reads the credential files named by the flags (or the environment); a bad one is a usage error naming it. */
export function natsAuthOption(
  v: { "nats-nkey"?: string | undefined; "nats-tls-ca"?: string | undefined; "nats-tls-cert"?: string | undefined; "nats-tls-key"?: string | undefined },
  env: NodeJS.ProcessEnv,
): NatsClientAuth {
  const files = natsClientFilesFrom(
    { nkeyFile: v["nats-nkey"], tlsCaFile: v["nats-tls-ca"], tlsCertFile: v["nats-tls-cert"], tlsKeyFile: v["nats-tls-key"] },
    env,
  );
  try {
    return loadNatsClientAuth(files);
  } catch (err) {
    if (err instanceof NatsClientFileError) throw new UsageError(err.message);
    throw err;
  }
}

export const USAGE = `iisfleet-agent — runs on an IIS host; performs IIS resets the iisfleet controller asks for.
Resets are noforce unless the command says force: a service that refuses to stop is reported, never killed.

Usage: iisfleet-agent [options]
       iisfleet-agent simulate --count N --farm NAME [options]   a fleet of simulated agents (simulate --help)
       iisfleet-agent service-config --install-dir DIR --log-dir DIR -- [options]   the Windows service's WinSW XML

  --host NAME           this host's name (default: the computer name), a DNS label: letters, digits, hyphens
  --farm NAME           the web farm this host belongs to (default: "default")
  --tag KEY=VALUE       a label for targeting, repeatable (e.g. --tag dc=fra --tag role=shop)
  --nats URL            NATS server URL, repeatable or comma-separated (env IISFLEET_NATS; default nats://127.0.0.1:4222)
${natsClientUsage("nats/agents/<host>.nk from iisfleet keys")}
  --heartbeat DURATION  heartbeat period, e.g. 10s or 500ms (default 10s)
  --simulate            use the simulated Windows host instead of the real one (tests, demos)
  --sim-stop-ms N       simulated time a service takes to stop (default 300)
  --sim-start-ms N      simulated time a service takes to start (default 300)
  --sim-call-ms N       simulated cost of each host call, as a PowerShell round trip costs (default 0)
  --sim-iis6-compat     the simulated IIS 10 also has IIS 6 compatibility (IISADMIN, SMTPSVC in inetinfo.exe)
  --sim-iis 6|7         simulated IIS generation (default 7: WAS core; 6: IISADMIN core)
  --sim-site-port N     the simulated sites share 127.0.0.1 port N as IIS's share port 80 (a site binding another
                        port listens on N+1, …), so a load balancer can be pointed at it (default: a free port,
                        in the "agent ready" log); a request goes to a site by the Host header of its bindings
                        (Default Web Site catches other names; 404 a stopped site, 503 its pool stopped, 400 a
                        name no binding has), names its worker in x-iis-worker-pid and its site in x-iis-site;
                        ?delayMs=N holds a request on its worker (in flight across a recycle)
  --sim-site-fault SITE=FAULT  a fault of one simulated site, repeatable: ${SITE_FAULTS.join(", ")} (IIS's Stopping /
                        Starting last 10 times as long, or the site stays Stopping)
  --sim-pool-fault POOL=FAULT  a fault of one simulated application pool, repeatable: ${POOL_FAULTS.join(", ")}
  --sim-arr-farm NAME=SERVER,...  this simulated host also runs IIS Application Request Routing with web farm
                        NAME balancing those server addresses (repeatable): an ARR host for the "arr" drain provider
  --sim-arr-drain-ms N  how long a drained member's requests take to finish (default 500)
  --sim-arr-requests N  requests in flight on each Available member (default 4)
  --fault NAME          simulated fault: ${FAULT_NAMES.join(", ")}
  --poll-ms N           how often to poll a pending service (default 250)
  --probe URL[=STATUS]  health probe after every reset, repeatable (default status 200); a reset succeeds only
                        when the services run AND every probe passes. Simulated hosts probe their own sites.
  --probe-timeout DUR   per-request timeout (default 5s)
  --probe-attempts N    rounds before the host is declared unhealthy, for warm-up (default 10)
  --probe-interval DUR  pause between rounds (default 1s)
  --state-dir DIR       where the cordon, the result journal and the replay memory are kept (env IISFLEET_STATE_DIR;
                        default %ProgramData%\\iisfleet\\agent on Windows; simulated: a dir of this user and
                        installation under the temp dir, e.g. /tmp/iisfleet-sim-alice-1a2b3c4d5e/<host>)
  --policy FILE         this host's policy, JSON: {"allowForce": true, "allowReboot": false,
                        "allowedLevels": ["recycle","w3svc","iis","http","site"], "allowedOperations": ["restart","stop","start"],
                        "localHours": {"from": "22:00", "to": "05:00", "days": ["sat","sun"], "timeZone": "Europe/Berlin"}}
                        (localHours optional: resets only inside those hours; days and timeZone optional;
                        "allowLbControl": false forbids setting ARR members to Drain/Available on this host)
  --trusted-key FILE    the controller's public key (command-signing.pub from \`iisfleet keys init\`), repeatable
                        (for key rotation); then only commands signed by one of them run (env IISFLEET_TRUSTED_KEYS,
                        comma-separated). Required on a real host, unless --allow-unsigned
  --allow-unsigned      run unsigned commands (development only; a simulated host without a key does so anyway)
  -h, --help            this text
  -v, --version         the agent's version

Logs are JSON lines on stderr; IISFLEET_LOG_LEVEL=debug for more.`;

/** "10s", "500ms", "2m", "1h" (proto's one duration grammar), or a bare number of milliseconds. */
export function parseDurationMs(value: string, what: string): number {
  let n: number;
  try {
    n = parseDuration(value, { bareUnit: "ms" });
  } catch (err) {
    if (err instanceof InvalidDurationError) throw new UsageError(`${what}: ${err.message}`);
    throw err;
  }
  if (n < 1 || n > 3_600_000) throw new UsageError(`${what}: ${value} is out of range (1 ms to 1 hour).`);
  return Math.round(n);
}

/** The shared rule from @iisfleet/proto, so agent, simulator, controller and CLI spell tags alike. */
export function tagsOption(values: string[] | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const t of values ?? []) {
    try {
      const [key, value] = parseTag(t);
      tags[key] = value;
    } catch (err) {
      if (err instanceof InvalidTagError) throw new UsageError(`--tag: ${err.message}`);
      throw err;
    }
  }
  return tags;
}

/** --nats URL, repeatable or comma-separated; env IISFLEET_NATS; default the local server. */
export function natsUrlsOption(values: string[] | undefined, env: NodeJS.ProcessEnv): string[] {
  const nats = (values ?? [env.IISFLEET_NATS ?? "nats://127.0.0.1:4222"]).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
  if (nats.length === 0) throw new UsageError("--nats: no URL given, e.g. nats://127.0.0.1:4222.");
  for (const url of nats) {
    if (!/^(nats|tls|ws|wss):\/\/[^\s]+$/.test(url)) throw new UsageError(`--nats: "${url}" is not a NATS URL, e.g. nats://127.0.0.1:4222.`);
  }
  return nats;
}

export function intOption(value: string | undefined, what: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`${what}: "${value}" is not a whole number.`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${what}: ${n} is out of range (${min} to ${max}).`);
  return n;
}

function name(parse: (v: string) => string, value: string, what: string): string {
  try {
    return parse(value);
  } catch (err) {
    if (err instanceof InvalidHostNameError) throw new UsageError(`${what}: ${err.message}`);
    throw err;
  }
}

export function parseAgentArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): AgentOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: "string" },
        farm: { type: "string" },
        tag: { type: "string", multiple: true },
        nats: { type: "string", multiple: true },
        ...NATS_CLIENT_ARGS,
        heartbeat: { type: "string" },
        simulate: { type: "boolean" },
        "sim-stop-ms": { type: "string" },
        "sim-start-ms": { type: "string" },
        "sim-call-ms": { type: "string" },
        "sim-iis6-compat": { type: "boolean" },
        "sim-iis": { type: "string" },
        "sim-site-port": { type: "string" },
        "sim-arr-farm": { type: "string", multiple: true },
        "sim-site-fault": { type: "string", multiple: true },
        "sim-pool-fault": { type: "string", multiple: true },
        "sim-arr-drain-ms": { type: "string" },
        "sim-arr-requests": { type: "string" },
        fault: { type: "string" },
        "poll-ms": { type: "string" },
        probe: { type: "string", multiple: true },
        "probe-timeout": { type: "string" },
        "probe-attempts": { type: "string" },
        "probe-interval": { type: "string" },
        "state-dir": { type: "string" },
        policy: { type: "string" },
        "trusted-key": { type: "string", multiple: true },
        "allow-unsigned": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values;
  const tags = tagsOption(v.tag);
  const nats = natsUrlsOption(v.nats, env);
  const fault = v.fault ?? "none";
  if (!isFaultName(fault)) throw new UsageError(`--fault: "${fault}" is not a fault; use one of ${FAULT_NAMES.join(", ")}.`);
  if (v.fault !== undefined && !v.simulate) throw new UsageError("--fault only applies to a simulated host (--simulate).");
  if (v["sim-site-port"] !== undefined && !v.simulate) throw new UsageError("--sim-site-port only applies to a simulated host (--simulate).");
  for (const flag of ["sim-arr-farm", "sim-arr-drain-ms", "sim-arr-requests", "sim-site-fault", "sim-pool-fault"] as const) {
    if (v[flag] !== undefined && !v.simulate) throw new UsageError(`--${flag} only applies to a simulated host (--simulate).`);
  }
  const arrFarms: Record<string, string[]> = {};
  for (const f of v["sim-arr-farm"] ?? []) {
    const [farmName, servers] = parseSimArrFarm(f);
    if (arrFarms[farmName]) throw new UsageError(`--sim-arr-farm: farm "${farmName}" is given twice.`);
    arrFarms[farmName] = servers;
  }
  const iis = v["sim-iis"] ?? "7";
  if (iis !== "6" && iis !== "7") throw new UsageError(`--sim-iis: "${iis}" must be 6 or 7.`);
  const probes = (v.probe ?? []).map((p) => {
    try {
      return parseProbeSpec(p);
    } catch (err) {
      throw new UsageError(`--probe: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  const host = name(parseHostName, v.host ?? hostname().split(".")[0] ?? "", "--host");
  const simulate = v.simulate === true;
  const help = v.help === true || v.version === true;
  return {
    host,
    farm: name(parseFarmName, v.farm ?? "default", "--farm"),
    tags,
    nats,
    // Not read for --help or --version: those must work whatever the environment names.
    natsAuth: help ? {} : natsAuthOption(v, env),
    heartbeatMs: v.heartbeat !== undefined ? parseDurationMs(v.heartbeat, "--heartbeat") : 10_000,
    simulate,
    sim: {
      stopMs: intOption(v["sim-stop-ms"], "--sim-stop-ms", 300, 0, 600_000),
      startMs: intOption(v["sim-start-ms"], "--sim-start-ms", 300, 0, 600_000),
      callMs: intOption(v["sim-call-ms"], "--sim-call-ms", 0, 0, 60_000),
      iis6Compat: v["sim-iis6-compat"] === true,
      fault,
      generation: iis === "6" ? "iis6" : "iis7plus",
      sitePort: intOption(v["sim-site-port"], "--sim-site-port", 0, 1, 65_000),
      arr: {
        farms: arrFarms,
        drainMs: intOption(v["sim-arr-drain-ms"], "--sim-arr-drain-ms", 500, 0, 3_600_000),
        requests: intOption(v["sim-arr-requests"], "--sim-arr-requests", 4, 0, 1_000_000),
      },
      siteFaults: namedFaults(v["sim-site-fault"], "--sim-site-fault", SITE_FAULTS),
      poolFaults: namedFaults(v["sim-pool-fault"], "--sim-pool-fault", POOL_FAULTS),
    },
    pollMs: intOption(v["poll-ms"], "--poll-ms", 250, 1, 10_000),
    stateDir: v["state-dir"] ?? defaultStateDir(host, simulate, env),
    policyFile: v.policy,
    trustedKeys: v["trusted-key"] ?? (env.IISFLEET_TRUSTED_KEYS ? env.IISFLEET_TRUSTED_KEYS.split(",").map((s) => s.trim()).filter(Boolean) : []),
    allowUnsigned: v["allow-unsigned"] === true,
    probes,
    probe: {
      timeoutMs: v["probe-timeout"] !== undefined ? parseDurationMs(v["probe-timeout"], "--probe-timeout") : DEFAULT_PROBE_SETTINGS.timeoutMs,
      attempts: intOption(v["probe-attempts"], "--probe-attempts", DEFAULT_PROBE_SETTINGS.attempts, 1, 1000),
      intervalMs: v["probe-interval"] !== undefined ? parseDurationMs(v["probe-interval"], "--probe-interval") : DEFAULT_PROBE_SETTINGS.intervalMs,
    },
    help: v.help === true,
    version: v.version === true,
  };
}
