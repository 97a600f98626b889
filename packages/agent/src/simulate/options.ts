import { parseArgs } from "node:util";
import { InvalidHostNameError, type NatsClientAuth, parseFarmName, parseHostName } from "@iisfleet/proto";
import { FAULT_NAMES, type FaultName, isFaultName } from "../host/simulated/index.js";
import { DEFAULT_PROBE_SETTINGS, type ProbeSettings } from "../health/probe.js";
import { NATS_CLIENT_ARGS, UsageError, intOption, natsAuthOption, natsClientUsage, natsUrlsOption, parseDurationMs, tagsOption } from "../options.js";

export interface SimulateOptions {
  count: number;
  farm: string;
  prefix: string;
  /** Index of the first host: several simulators can share a farm without sharing names. */
  first: number;
  tags: Record<string, string>;
  connections: number;
  nats: string[];
  /** The nkey seed and TLS files for every shared connection. */
  natsAuth: NatsClientAuth;
  heartbeatMs: number;
  /** ± fraction of randomness on every heartbeat period. */
  jitter: number;
  sim: { stopMs: number; startMs: number; callMs: number; iis6Compat: boolean; fault: FaultName; generation: "iis6" | "iis7plus" };
  /** A fault on one host only, by host name (--fault-on HOST=FAULT); it replaces --fault on that host. */
  faultOn: Record<string, FaultName>;
  /**
   * Each host serves its sites over HTTP on 127.0.0.1 and a reset probes them, as a lone `--simulate` agent does
   * (--sim-sites); without it the probe asks the simulated host directly, which 10 000 hosts can afford.
   */
  sites: boolean;
  /** Rounds and pauses of the health probe after a reset. */
  probe: ProbeSettings;
  pollMs: number;
  /** Controller public keys every simulated agent trusts; none = unsigned commands accepted (it is a simulator). */
  trustedKeys: string[];
  /**
   * A keys dir from `iisfleet keys` (its nats/agents/<host>.nk seeds): each simulated host whose seed is there signs
   * its messages with it. The simulator's own seed gets it onto NATS, but speaks for no host: a controller that
   * verifies agent keys believes only the hosts whose seeds are here.
   */
  agentKeys?: string;
  help: boolean;
}

export const MAX_SIMULATED_AGENTS = 100_000;
export const MAX_CONNECTIONS = 64;

export const SIMULATE_USAGE = `iisfleet-agent simulate — runs N simulated IIS hosts, each a full agent with its own subjects, state
and jittered heartbeat, in one process that shares a few NATS connections. For scale tests and benchmarks.

Usage: iisfleet-agent simulate --count N --farm NAME [options]

  --count N             how many agents (1 to ${MAX_SIMULATED_AGENTS})
  --farm NAME           their farm, a DNS label
  --prefix TEXT         host name prefix (default "web"): web001, web002, ... (digits padded to the largest index)
  --first N             index of the first host (default 1), so several simulators can share a farm
  --tag KEY=VALUE       a label on every host, repeatable
  --connections N       NATS connections the agents share (default 4, 1 to ${MAX_CONNECTIONS}, at most --count)
  --nats URL            NATS server URL, repeatable or comma-separated (env IISFLEET_NATS; default nats://127.0.0.1:4222)
${natsClientUsage("nats/simulator.nk from iisfleet keys init --simulator (test fleets only)")}
  --heartbeat DURATION  heartbeat period per agent (default 10s); the first beat comes at a random point within it
  --jitter PERCENT      randomness on each period, 0 to 50 (default 10)
  --sim-iis 6|7         simulated IIS generation (default 7)
  --sim-stop-ms N       simulated time a service takes to stop (default 300)
  --sim-start-ms N      simulated time a service takes to start (default 300)
  --sim-call-ms N       simulated cost of each host call, as a PowerShell round trip costs (default 0)
  --sim-iis6-compat     the simulated IIS 10 also has IIS 6 compatibility (IISADMIN, SMTPSVC in inetinfo.exe)
  --fault NAME          a fault on every host: ${FAULT_NAMES.join(", ")}
  --fault-on HOST=NAME  a fault on that one host (repeatable; replaces --fault there)
  --sim-sites           each host serves its sites over HTTP on a free 127.0.0.1 port (one shared port, sites told
                        apart by Host header) and its resets probe them, as a lone --simulate agent does (for tests
                        of a few dozen hosts)
  --probe-timeout DUR   per-request timeout of a --sim-sites probe (default 5s)
  --probe-attempts N    probe rounds after a reset before the host is declared unhealthy (default 10)
  --probe-interval DUR  pause between probe rounds (default 1s)
  --poll-ms N           how often a reset polls a pending service (default 250)
  --trusted-key FILE    controller public key whose signatures the agents require, repeatable (default: none,
                        and unsigned commands run)
  --agent-keys DIR      keys dir from iisfleet keys: hosts whose seed is in DIR/nats/agents sign their messages
                        with it (a controller started with --agent-keys believes no other)
  -h, --help            this text

Prints one line when every agent is subscribed; SIGINT or SIGTERM stops them all.`;


/** The name of the i-th simulated host: prefix plus the index, zero-padded to the widest index of the run. */
export function simulatedHostName(prefix: string, index: number, lastIndex: number): string {
  const width = Math.max(2, String(lastIndex).length);
  return `${prefix}${String(index).padStart(width, "0")}`;
}

export function parseSimulateArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): SimulateOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        count: { type: "string" },
        farm: { type: "string" },
        prefix: { type: "string" },
        first: { type: "string" },
        tag: { type: "string", multiple: true },
        connections: { type: "string" },
        nats: { type: "string", multiple: true },
        ...NATS_CLIENT_ARGS,
        heartbeat: { type: "string" },
        jitter: { type: "string" },
        "sim-iis": { type: "string" },
        "sim-stop-ms": { type: "string" },
        "sim-start-ms": { type: "string" },
        "sim-call-ms": { type: "string" },
        "sim-iis6-compat": { type: "boolean" },
        fault: { type: "string" },
        "fault-on": { type: "string", multiple: true },
        "sim-sites": { type: "boolean" },
        "probe-timeout": { type: "string" },
        "probe-attempts": { type: "string" },
        "probe-interval": { type: "string" },
        "poll-ms": { type: "string" },
        "trusted-key": { type: "string", multiple: true },
        "agent-keys": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values;
  const help = v.help === true;
  const base = {
    sim: { stopMs: 300, startMs: 300, callMs: 0, iis6Compat: false, fault: "none" as FaultName, generation: "iis7plus" as const },
    faultOn: {},
    sites: false,
    probe: DEFAULT_PROBE_SETTINGS,
  };
  if (help) {
    return { count: 0, farm: "", prefix: "web", first: 1, tags: {}, connections: 4, nats: [], natsAuth: {}, heartbeatMs: 10_000, jitter: 0.1, pollMs: 250, trustedKeys: [], help, ...base };
  }

  if (v.count === undefined) throw new UsageError("--count is required: how many agents to simulate, e.g. --count 1000.");
  const count = intOption(v.count, "--count", 0, 1, MAX_SIMULATED_AGENTS);
  if (v.farm === undefined) throw new UsageError("--farm is required: the farm every simulated host belongs to.");
  let farm: string;
  try {
    farm = parseFarmName(v.farm);
  } catch (err) {
    if (err instanceof InvalidHostNameError) throw new UsageError(`--farm: ${err.message.replace("host name", "farm name")}`);
    throw err;
  }

  const first = intOption(v.first, "--first", 1, 0, 1_000_000_000);
  const prefix = (v.prefix ?? "web").toLowerCase();
  const last = first + count - 1;
  for (const index of [first, last]) {
    const name = simulatedHostName(prefix, index, last);
    try {
      parseHostName(name);
    } catch (err) {
      if (err instanceof InvalidHostNameError) {
        throw new UsageError(`--prefix: "${v.prefix ?? "web"}" makes host names like "${name}", which are not valid: use letters, digits and hyphens, starting with a letter or digit, at most ${63 - String(last).length} characters.`);
      }
      throw err;
    }
  }

  const tags = tagsOption(v.tag);

  const connections = intOption(v.connections, "--connections", Math.min(4, count), 1, MAX_CONNECTIONS);
  if (connections > count) throw new UsageError(`--connections: ${connections} is more than --count ${count}; use at most one connection per agent.`);

  const nats = natsUrlsOption(v.nats, env);

  const jitterPct = intOption(v.jitter?.replace(/%$/, ""), "--jitter", 10, 0, 50);
  const fault = v.fault ?? "none";
  if (!isFaultName(fault)) throw new UsageError(`--fault: "${fault}" is not a fault; use one of ${FAULT_NAMES.join(", ")}.`);
  const faultOn = faultOnOption(v["fault-on"], prefix, first, last);
  const iis = v["sim-iis"] ?? "7";
  if (iis !== "6" && iis !== "7") throw new UsageError(`--sim-iis: "${iis}" must be 6 or 7.`);

  return {
    count,
    farm,
    prefix,
    first,
    tags,
    connections,
    nats,
    natsAuth: natsAuthOption(v, env),
    heartbeatMs: v.heartbeat !== undefined ? parseDurationMs(v.heartbeat, "--heartbeat") : 10_000,
    jitter: jitterPct / 100,
    sim: {
      stopMs: intOption(v["sim-stop-ms"], "--sim-stop-ms", 300, 0, 600_000),
      startMs: intOption(v["sim-start-ms"], "--sim-start-ms", 300, 0, 600_000),
      callMs: intOption(v["sim-call-ms"], "--sim-call-ms", 0, 0, 60_000),
      iis6Compat: v["sim-iis6-compat"] === true,
      fault,
      generation: iis === "6" ? "iis6" : "iis7plus",
    },
    faultOn,
    sites: v["sim-sites"] === true,
    probe: {
      timeoutMs: v["probe-timeout"] !== undefined ? parseDurationMs(v["probe-timeout"], "--probe-timeout") : DEFAULT_PROBE_SETTINGS.timeoutMs,
      attempts: intOption(v["probe-attempts"], "--probe-attempts", DEFAULT_PROBE_SETTINGS.attempts, 1, 1000),
      intervalMs: v["probe-interval"] !== undefined ? parseDurationMs(v["probe-interval"], "--probe-interval") : DEFAULT_PROBE_SETTINGS.intervalMs,
    },
    pollMs: intOption(v["poll-ms"], "--poll-ms", 250, 1, 10_000),
    trustedKeys: v["trusted-key"] ?? [],
    ...(v["agent-keys"] !== undefined ? { agentKeys: v["agent-keys"] } : {}),
    help,
  };
}

/** "web02=hung-stop", repeatable: the host must be one this run simulates, the fault one the simulator knows. */
function faultOnOption(values: string[] | undefined, prefix: string, first: number, last: number): Record<string, FaultName> {
  const nameOf = (index: number) => simulatedHostName(prefix, index, last);
  const out: Record<string, FaultName> = {};
  for (const text of values ?? []) {
    const eq = text.indexOf("=");
    const host = eq > 0 ? text.slice(0, eq).trim().toLowerCase() : "";
    const fault = eq > 0 ? text.slice(eq + 1).trim() : "";
    if (host === "" || fault === "") throw new UsageError(`--fault-on: "${text}" must be HOST=FAULT, e.g. ${nameOf(first)}=hung-stop.`);
    if (!isFaultName(fault)) throw new UsageError(`--fault-on: "${fault}" is not a fault; use one of ${FAULT_NAMES.join(", ")}.`);
    const rest = host.startsWith(prefix) ? host.slice(prefix.length) : "";
    const index = /^\d+$/.test(rest) ? Number(rest) : Number.NaN;
    if (!(index >= first && index <= last && nameOf(index) === host)) throw new UsageError(`--fault-on: ${host} is not one of the simulated hosts (${nameOf(first)}..${nameOf(last)}).`);
    out[host] = fault;
  }
  return out;
}
