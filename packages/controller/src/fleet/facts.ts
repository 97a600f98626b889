import { type IHostFacts, outcomeName, serviceStateName, v1 } from "@iisfleet/proto";
import { hostRow } from "../api/contract/host-row.js";
import type { AppPoolFact, LastResetFact, ServiceFact, SiteFact } from "../store/index.js";

/** The facts an agent reports about its host, as the registry, the API and the CLI show them (names, not enum numbers). */
export interface HostFactsView {
  farm: string;
  tags: Record<string, string>;
  adapter: string;
  iisGeneration: number;
  cordoned: boolean;
  cordonReason: string;
  busyCommandId: string;
  services: ServiceFact[];
  appPools: AppPoolFact[];
  sites: SiteFact[];
  /** "healthy", "unhealthy", or "" when no probe ran yet. */
  health: string;
  lastReset: LastResetFact | null;
}

export function healthName(state: number | null | undefined): string {
  switch (state) {
    case v1.HealthState.HEALTH_STATE_HEALTHY: return "healthy";
    case v1.HealthState.HEALTH_STATE_UNHEALTHY: return "unhealthy";
    default: return "";
  }
}

/**
 * The same few strings — service and pool names, farms, adapters, versions — arrive in every heartbeat of every
 * host, each decoded into a fresh copy. Keeping one copy of each makes the registry of 10 000 hosts markedly
 * smaller. Bounded, so a stream of distinct strings cannot grow it without limit.
 */
const INTERN_LIMIT = 50_000;
const interned = new Map<string, string>();

export function intern(s: string): string {
  if (s.length > 128) return s;
  const known = interned.get(s);
  if (known !== undefined) return known;
  if (interned.size >= INTERN_LIMIT) interned.clear();
  interned.set(s, s);
  return s;
}

/** Wire facts to their view. Everything is optional on the wire (proto3), so every field has a default here. */
export function factsFromWire(facts: IHostFacts): HostFactsView {
  const last = facts.lastReset;
  return {
    farm: intern(facts.farm || "default"),
    // fromEntries defines own properties, so a tag named __proto__ stays a tag.
    tags: Object.fromEntries(Object.entries(facts.tags ?? {}).map(([k, v]) => [intern(k), intern(v)])),
    adapter: intern(facts.adapter ?? ""),
    iisGeneration: facts.iisGeneration ?? 0,
    cordoned: facts.cordoned === true,
    cordonReason: facts.cordonReason ?? "",
    busyCommandId: facts.busyCommandId ?? "",
    services: (facts.services ?? []).map((s) => ({ name: intern(s.name ?? ""), state: serviceStateName(s.state), pid: s.pid ?? 0 })),
    appPools: (facts.appPools ?? []).map((p) => ({ name: intern(p.name ?? ""), started: p.started === true, workerPids: [...(p.workerPids ?? [])] })),
    sites: (facts.sites ?? []).map((s) => ({
      name: intern(s.name ?? ""),
      id: Number(s.id ?? 0),
      started: s.started === true,
      bindings: (s.bindings ?? []).map(intern),
      appPool: intern(s.appPool ?? ""),
    })),
    health: healthName(facts.health),
    lastReset: last?.commandId
      ? { commandId: last.commandId, outcome: outcomeName(last.outcome), code: last.code ?? "", finishedAtMs: Number(last.finishedAtMs ?? 0) }
      : null,
  };
}

/**
 * The members of `factsFromWire(facts)`'s JSON object, without the braces (`"farm":...,"lastReset":...`), to be
 * spliced after other members: a live query with detail stores each host's facts this way as its reply arrives.
 */
export function factsJsonMembers(facts: IHostFacts): string {
  return JSON.stringify(factsFromWire(facts)).slice(1, -1);
}

/** Whether a live answer carries each host's full facts (`detail`) or its table row (`rows`, factsRowMembers). */
export type FactsShape = "detail" | "rows";

/**
 * The members of a host's table row (?rows=1, the API's HostRow) after its farm, without the braces
 * (`"farm":...,"row":{...}`): what `iisfleet status --live` prints of the facts, counted here once per facts bytes.
 */
export function factsRowMembers(f: HostFactsView): string {
  return JSON.stringify({ farm: f.farm, row: hostRow(f) }).slice(1, -1);
}
