import type { FleetRegistry, HostView } from "../fleet/registry.js";
import type { LatestCommand, Store } from "../store/index.js";
import { IN_FLIGHT_HOST_STATES, type RolloutHostRow, type RolloutStore } from "../store/rollouts.js";

export interface CapacityView {
  /** Registry hosts, all farms. */
  hosts: HostView[];
  /** Host rows of every active rollout (draining/resetting/undraining ones are out of service). */
  rolloutHosts: RolloutHostRow[];
  /** The newest command per host, to see past a heartbeat that predates the host's last reset. */
  latestCommand: (host: string) => LatestCommand | undefined;
}

export const BEING_RESET = "being reset";
const COMMAND_RUNNING = "a command is running";
const BUSY = "busy";

/**
 * Outages that end by themselves: a reset or a command under way, bounded by its deadline. Any other reason (down,
 * unhealthy, a failed last reset) lasts until someone or something outside the rollout brings the host back.
 */
export function underWay(reason: string): boolean {
  return reason === BEING_RESET || reason === COMMAND_RUNNING || reason === BUSY;
}

/** The capacity view as it is now: every host, every rollout host in flight (aborted rollouts too), the last commands. */
export function currentCapacityView(store: Store, registry: Pick<FleetRegistry, "list">, rollouts: Pick<RolloutStore<unknown>, "inFlight">): CapacityView {
  const latest = store.commands.latestPerHost();
  return {
    hosts: registry.list(),
    // In flight in any rollout, aborted ones included: an aborted rollout's resets still finish.
    rolloutHosts: rollouts.inFlight(),
    latestCommand: (host) => latest.get(host),
  };
}

/**
 * Why a host counts as out of service, or undefined when it serves. Like a PodDisruptionBudget, anything counts:
 * a reset of this or another rollout, an agent gone quiet, a failed health probe, W3SVC not running. A heartbeat
 * older than the host's last finished command says nothing about now; the command's outcome does.
 */
export function outOfService(h: HostView, view: CapacityView, resetting?: ReadonlySet<string>): string | undefined {
  const inRollout = resetting
    ? resetting.has(h.name)
    : view.rolloutHosts.some((r) => r.host === h.name && IN_FLIGHT_HOST_STATES.includes(r.state));
  if (inRollout) return BEING_RESET;
  if (h.liveness !== "online") return h.liveness;
  const last = view.latestCommand(h.name);
  if (last && (last.state === "sent" || last.state === "created")) return COMMAND_RUNNING;
  if (last?.kind === "reset" && last.finishedMs !== null && last.finishedMs > h.lastSeenMs) {
    return last.state === "succeeded" || last.state === "rejected" ? undefined : `last reset ${last.state}`;
  }
  if (h.busyCommandId) return BUSY;
  if (h.health === "unhealthy") return "unhealthy";
  const w3svc = h.services.find((s) => s.name.toUpperCase() === "W3SVC");
  if (w3svc && w3svc.state !== "RUNNING") return `W3SVC ${w3svc.state}`;
  return undefined;
}

export interface FarmCapacity {
  farm: string;
  size: number;
  unavailable: Map<string, string>;
}

/**
 * The farm's hosts out of service. `failedHere`: hosts the asking rollout itself failed; they count once, against
 * its --max-failures, and not also against its --max-unavailable (else one allowed failure would use up the whole
 * capacity and hold the rollout for ever). Other rollouts still count them: for them the host is simply down.
 */
export function farmCapacity(farm: string, view: CapacityView, failedHere: ReadonlySet<string> = new Set()): FarmCapacity {
  const members = view.hosts.filter((h) => h.farm === farm);
  const resetting = new Set(view.rolloutHosts.filter((r) => IN_FLIGHT_HOST_STATES.includes(r.state)).map((r) => r.host));
  const unavailable = new Map<string, string>();
  for (const h of members) {
    const why = outOfService(h, view, resetting);
    if (why && !(failedHere.has(h.name) && !underWay(why))) unavailable.set(h.name, why);
  }
  return { farm, size: members.length, unavailable };
}

/** Whether taking `host` out keeps the farm within `limit` hosts out of service. */
export function allows(cap: FarmCapacity, host: string, limit: number): boolean {
  const after = cap.unavailable.has(host) ? cap.unavailable.size : cap.unavailable.size + 1;
  return after <= limit;
}
