import type { AppPoolFactView, HostRowView, ServiceFactView, SiteFactView } from "./views.js";

/** The facts a host row is counted from: a live answer's host with detail, or a registry host. */
export interface RowFacts {
  services?: readonly ServiceFactView[] | undefined;
  appPools?: readonly AppPoolFactView[] | undefined;
  sites?: readonly SiteFactView[] | undefined;
  health?: string | undefined;
  cordoned?: boolean | undefined;
  busyCommandId?: string | undefined;
}

/**
 * A host's facts as its status table row (HostRow): the controller sends these for `status --live` (?rows=1) and the
 * CLI makes the same from full facts for every other table, so both count one way.
 */
export function hostRow(h: RowFacts): HostRowView {
  const services = h.services ?? [];
  const pools = h.appPools ?? [];
  const sites = h.sites ?? [];
  let workers = 0;
  for (const p of pools) workers += p.workerPids.length;
  return {
    w3svc: services.find((s) => s.name.toUpperCase() === "W3SVC")?.state ?? "",
    services: { total: services.length, notRunning: services.filter((s) => s.state !== "RUNNING").map((s) => ({ name: s.name, state: s.state })) },
    appPools: { total: pools.length, workers, stopped: pools.filter((p) => !p.started).map((p) => p.name) },
    sites: { total: sites.length, stopped: sites.filter((s) => !s.started).map((s) => s.name) },
    health: h.health ?? "",
    cordoned: h.cordoned === true,
    busyCommandId: h.busyCommandId ?? "",
  };
}
