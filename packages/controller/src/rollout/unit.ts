import { type OperationName, type ResetLevelName, sameIisName } from "@iisfleet/proto/grammar";

/**
 * A rollout's unit: what it does to each host. By default the whole level (an IIS reset, or recycling every started
 * pool); with named pools, "recycle these pools on each host"; with named sites, "restart these sites on each host".
 * The capacity guard, health gate, failure budget, windows and drain are the same for every unit.
 */
export interface RolloutUnit {
  level: ResetLevelName;
  operation?: OperationName;
  pools?: string[];
  startStopped?: boolean;
  sites?: string[];
}

/** What the unit needs to know of a host: the pools and sites it last reported (a registry row, a host view). */
export interface HostTargets {
  name: string;
  appPools: ReadonlyArray<{ name: string }>;
  sites?: ReadonlyArray<{ name: string }>;
}

/** The reset parameters each host's command carries for this unit. */
export function unitParams(def: RolloutUnit): { operation: OperationName; level: ResetLevelName; pools?: string[]; startStopped?: boolean; sites?: string[] } {
  return {
    operation: def.operation ?? "restart",
    level: def.level,
    ...(def.pools?.length ? { pools: def.pools } : {}),
    ...(def.startStopped ? { startStopped: true } : {}),
    ...(def.sites?.length ? { sites: def.sites } : {}),
  };
}

/** "recycle ShopPool on each host", "restart site Shop on each host", "iis reset on each host": for plan and show. */
export function describeUnit(def: RolloutUnit): string {
  if (def.pools?.length) {
    return `recycle ${plural(def.pools, "pool")} on each host${def.startStopped ? " (starting a stopped one)" : ""}`;
  }
  if (def.sites?.length) return `${def.operation ?? "restart"} ${plural(def.sites, "site")} on each host`;
  if (def.level === "recycle") return "recycle every started application pool on each host";
  return `${def.level} reset on each host`;
}

const plural = (names: readonly string[], noun: string) => `${noun}${names.length === 1 ? "" : "s"} ${names.join(", ")}`;

/** Result codes of an agent that does not have a named pool or site; nothing was touched on that host. */
export const UNKNOWN_TARGET_CODES: ReadonlySet<string> = new Set(["POOL_UNKNOWN", "SITE_UNKNOWN"]);

/**
 * Which named pools or sites a host's last reported facts lack, with the ones it has, or undefined when it has them
 * all (or reported none at all: an agent that does not list sites is not judged by that absence).
 */
export function missingTargets(def: RolloutUnit, host: HostTargets): { host: string; reason: string } | undefined {
  const named = def.pools?.length ? { what: "pool", names: def.pools, has: host.appPools.map((p) => p.name) } : def.sites?.length ? { what: "site", names: def.sites, has: (host.sites ?? []).map((s) => s.name) } : undefined;
  if (!named || named.has.length === 0) return undefined;
  const missing = named.names.filter((n) => !named.has.some((h) => sameIisName(h, n)));
  if (missing.length === 0) return undefined;
  return { host: host.name, reason: `has no ${plural(missing, named.what)} (its ${named.what}s: ${named.has.join(", ")})` };
}

/**
 * The line a rollout records for a host that answered POOL_UNKNOWN or SITE_UNKNOWN: the agent's own sentence, and the
 * host and the pools or sites it reported last when the agent's sentence does not already list them. Such a host
 * counts as a failure against the budget: a farm whose hosts disagree about their pools is worth stopping for.
 * `factsOf`: the host's last reported facts (the registry), asked only for those two codes.
 */
export function unknownTargetMessage(def: RolloutUnit, code: string, message: string, hostName: string, factsOf: (host: string) => HostTargets | undefined): string {
  if (code === "UNSUPPORTED" && (def.pools?.length || def.sites?.length)) {
    // Named targets travel in a command body an agent that predates them does not know (Command.targeted_reset).
    return `${hostName}'s agent predates naming pools and sites and refused the command${message ? ` (agent: ${message})` : ""}; nothing was done on it; upgrade its agent`;
  }
  if (!UNKNOWN_TARGET_CODES.has(code)) return message;
  // Read only for these codes: every other outcome of a rollout of thousands of hosts passes through here.
  const host = factsOf(hostName);
  const what = code === "POOL_UNKNOWN" ? "pool" : "site";
  const has = host ? (what === "pool" ? host.appPools.map((p) => p.name) : (host.sites ?? []).map((s) => s.name)) : [];
  const named = (what === "pool" ? def.pools : def.sites) ?? [];
  const lead = `${hostName} has no ${plural(named, what)}`;
  const listed = has.length > 0 ? `; its ${what}s as last reported: ${has.join(", ")}` : "";
  return `${lead}${listed}${message ? ` (agent: ${message})` : ""}; nothing was done on it, and it counts against the failure budget`;
}
