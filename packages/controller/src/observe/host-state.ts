import type { FleetRegistry, HostView } from "../fleet/registry.js";
import { type CapacityView, outOfService, underWay } from "../rollout/capacity.js";
import type { LatestCommand } from "../store/index.js";
import type { RolloutHostRow } from "../store/rollouts.js";

/** What an operator sees on a host's tile (and what the hosts-by-state metric counts). */
export const HOST_STATES = ["healthy", "resetting", "failed", "stale", "offline", "cordoned"] as const;
export type HostState = (typeof HOST_STATES)[number];

export interface HostTile {
  name: string;
  farm: string;
  tags: Record<string, string>;
  state: HostState;
  /** Why, in a few words ("W3SVC STOPPED", "no heartbeat for 42 s"); empty when healthy. */
  reason: string;
  /** The rollout resetting it, when one is. */
  rolloutId?: string;
}

export interface HostStateSources {
  registry: Pick<FleetRegistry, "list" | "now">;
  /** Rollout host rows being drained or reset, in any rollout. */
  inFlight: () => RolloutHostRow[];
  latestCommands: () => Map<string, LatestCommand>;
}

/**
 * One state per host, by precedence: an agent gone quiet says nothing else that is current (stale, offline); then
 * being reset; then cordoned (an operator's choice, whatever else is true); then anything that keeps it out of
 * service — the same rule the capacity guard counts (rollout/capacity.ts), so the dashboard never calls a host
 * healthy that a rollout would call unavailable.
 */
export function hostTiles(src: HostStateSources): HostTile[] {
  const hosts = src.registry.list().filter((h) => !h.renamedTo);
  const inFlight = src.inFlight();
  const latest = src.latestCommands();
  const resetting = new Set(inFlight.map((r) => r.host));
  const rolloutOf = new Map(inFlight.map((r) => [r.host, r.rolloutId]));
  const view: CapacityView = { hosts, rolloutHosts: inFlight, latestCommand: (h) => latest.get(h) };
  const now = src.registry.now();
  return hosts.map((h) => {
    const tile: HostTile = { name: h.name, farm: h.farm, tags: h.tags, ...stateOf(h, view, resetting, now) };
    const rolloutId = rolloutOf.get(h.name);
    if (rolloutId !== undefined) tile.rolloutId = rolloutId;
    return tile;
  });
}

function stateOf(h: HostView, view: CapacityView, resetting: ReadonlySet<string>, now: number): { state: HostState; reason: string } {
  if (h.liveness !== "online") {
    return { state: h.liveness, reason: `no heartbeat for ${Math.round(Math.max(0, now - h.lastSeenMs) / 1000)} s` };
  }
  const why = outOfService(h, view, resetting);
  if (why !== undefined && underWay(why)) return { state: "resetting", reason: why };
  if (h.cordoned) return { state: "cordoned", reason: h.cordonReason ?? "" };
  if (why !== undefined) return { state: "failed", reason: why };
  return { state: "healthy", reason: "" };
}

export function countByState(tiles: readonly HostTile[]): Record<HostState, number> {
  const counts = Object.fromEntries(HOST_STATES.map((s) => [s, 0])) as Record<HostState, number>;
  for (const t of tiles) counts[t.state]++;
  return counts;
}
