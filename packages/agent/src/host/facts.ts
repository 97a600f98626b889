import { type IAppPoolStatus, type IHostFacts, type IServiceStatus, type ISiteStatus, v1 } from "@iisfleet/proto";
import type { LastReset } from "../commands/executor.js";
import type { HealthVerdict } from "../health/monitor.js";
import { stateToWire } from "../commands/to-wire.js";
import { transitiveDependents } from "../reset/dependencies.js";
import type { HostPort } from "./port.js";

/** The roots of everything an IIS reset can touch: the cores of both generations and the HTTP transport. */
const IIS_ROOTS = ["HTTP", "WAS", "IISADMIN", "W3SVC"];

/** What the agent knows about itself beyond the host's services: cordon, current work, health, last reset. */
export interface AgentStatus {
  cordoned: boolean;
  cordonReason: string;
  busyCommandId: string | undefined;
  health: HealthVerdict;
  lastReset: LastReset | undefined;
}

const HEALTH: Record<HealthVerdict, v1.HealthState> = {
  unknown: v1.HealthState.HEALTH_STATE_UNSPECIFIED,
  healthy: v1.HealthState.HEALTH_STATE_HEALTHY,
  unhealthy: v1.HealthState.HEALTH_STATE_UNHEALTHY,
};

export interface HostIdentity {
  host: string;
  farm: string;
  tags: Record<string, string>;
}

/** What facts are made of: the host's own readings, nothing that changes it (sites where the port lists them). */
export type FactsPort = Pick<HostPort, "adapter" | "iisGeneration" | "listServices" | "listAppPools"> & Partial<Pick<HostPort, "listSites">>;

/**
 * What a heartbeat and a status answer say about this host: the IIS services and everything depending on them
 * (a Windows box runs hundreds of services; only these matter to a reset), app pools and worker processes.
 */
export async function collectFacts(
  port: FactsPort,
  id: HostIdentity,
  extra: AgentStatus,
): Promise<IHostFacts> {
  const [generation, services, pools, sites] = await Promise.all([
    port.iisGeneration(),
    port.listServices(),
    port.listAppPools(),
    port.listSites ? port.listSites() : Promise.resolve([]),
  ]);
  const relevant = new Set<string>();
  for (const root of IIS_ROOTS) {
    if (!services.some((s) => s.name.toLowerCase() === root.toLowerCase())) continue;
    relevant.add(root.toLowerCase());
    for (const name of transitiveDependents(services, root).keys()) relevant.add(name.toLowerCase());
  }
  const serviceStatus: IServiceStatus[] = services
    .filter((s) => relevant.has(s.name.toLowerCase()))
    .sort(byServiceName)
    .map((s) => ({ name: s.name, state: stateToWire(s.state), pid: s.pid }));
  const appPools: IAppPoolStatus[] = pools.map((p) => ({ name: p.name, started: p.started, workerPids: p.workerPids }));
  const siteStatus: ISiteStatus[] = sites.map((s) => ({ name: s.name, id: s.id, started: s.started, bindings: s.bindings, appPool: s.appPool }));
  return {
    host: id.host,
    farm: id.farm,
    tags: id.tags,
    iisGeneration: generation === "iis6" ? v1.IisGeneration.IIS_GENERATION_6 : v1.IisGeneration.IIS_GENERATION_7_PLUS,
    services: serviceStatus,
    appPools,
    sites: siteStatus,
    cordoned: extra.cordoned,
    cordonReason: extra.cordonReason,
    busyCommandId: extra.busyCommandId ?? "",
    adapter: port.adapter,
    health: HEALTH[extra.health],
    lastReset: extra.lastReset ?? null,
  };
}

/**
 * Service names (ASCII identifiers, case-insensitive on Windows) in a stable order, case-insensitively first. Not
 * localeCompare: every heartbeat sorts them, and ICU's collation data it pages in stays resident, 2-3 MB of an idle
 * agent's RSS.
 */
function byServiceName(a: { name: string }, b: { name: string }): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
