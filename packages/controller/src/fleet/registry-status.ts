import { type StatusFilter, describeFilter } from "./filter.js";
import type { BriefHost, FleetRegistry, HostView } from "./registry.js";

/** A host as the registry last heard of it, with the age of that news (all facts, or only the brief). */
export type RegistryHost = HostView | BriefHost;

export interface RegistryStatusAnswer {
  mode: "registry";
  atMs: number;
  filter: StatusFilter;
  scope: string;
  summary: { hosts: number; online: number; stale: number; offline: number; duplicates: number; oldestAgeMs: number };
  hosts: RegistryHost[];
}

/** Status without asking anyone: what the heartbeats said, and how old each host's facts are. */
export function registryStatus(registry: FleetRegistry, filter: StatusFilter, opts: { detail: boolean }): RegistryStatusAnswer {
  const hosts: RegistryHost[] = opts.detail ? registry.select(filter) : registry.selectBrief(filter);
  const count = (l: HostView["liveness"]) => hosts.filter((h) => h.liveness === l).length;
  return {
    mode: "registry",
    atMs: registry.now(),
    filter,
    scope: describeFilter(filter),
    summary: {
      hosts: hosts.length,
      online: count("online"),
      stale: count("stale"),
      offline: count("offline"),
      duplicates: hosts.filter((h) => h.duplicate).length,
      oldestAgeMs: hosts.reduce((m, h) => Math.max(m, h.ageMs), 0),
    },
    hosts,
  };
}
