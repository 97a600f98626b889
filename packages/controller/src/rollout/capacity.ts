import type { FleetRegistry, HostView } from "../fleet/registry.js";
import type { CommandRow, Store } from "../store/index.js";
import { type BlockingHost, IN_FLIGHT_HOST_STATES, type RolloutHostRow, type RolloutStore } from "../store/rollouts.js";

export interface CapacityView {
  /** Registry hosts, all farms. */
  hosts: HostView[];
  /** Host rows of every active rollout (draining/resetting/undraining ones are out of service). */
  rolloutHosts: RolloutHostRow[];
  /** The newest command per host, to see past a heartbeat that predates the host's last reset. */
  latestCommand: (host: string) => CommandRow | undefined;
}

const BEING_RESET = "being reset";
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

export interface Candidate {
  host: string;
  farm: string;
}

export interface BatchAdmission<T extends Candidate> {
  /** May start now, within every farm's limit. */
  starting: T[];
  /** Held back by something under way that ends by itself (another rollout's reset of the host, a command, a reset holding capacity). */
  waiting: string[];
  /** Held back by hosts out of service with nothing under way to bring them back: the rollout is blocked by these. */
  blockers: BlockingHost[];
  /** The sentence for the first farm whose capacity held a host back, if any. */
  capacityReason?: string;
}

/**
 * Which of a batch's queued hosts may start now. A host still being reset for another rollout (an aborted one's
 * resets finish) or running a command waits for it, rather than being sent a command its agent would refuse as
 * busy. Shared by the scheduler and by `rollout plan`/`start`, so a plan's warning and the scheduler agree.
 */
export function admitBatch<T extends Candidate>(
  queued: readonly T[],
  view: CapacityView,
  opts: { rolloutId?: string; failedHere?: ReadonlySet<string>; limitFor: (farmSize: number) => number },
): BatchAdmission<T> {
  const elsewhere = new Map(
    view.rolloutHosts.filter((r) => r.rolloutId !== opts.rolloutId && IN_FLIGHT_HOST_STATES.includes(r.state)).map((r) => [r.host, r.rolloutId]),
  );
  const busy = new Map(view.hosts.filter((h) => h.busyCommandId).map((h) => [h.name, h]));
  /** The command the host runs: on record as unanswered, or in its heartbeat unless an answer came since. */
  const runningOn = (host: string): string | undefined => {
    const last = view.latestCommand(host);
    if (last && (last.state === "sent" || last.state === "created")) return last.id;
    const hv = busy.get(host);
    if (!hv || (last && last.finishedMs !== null && last.finishedMs > hv.lastSeenMs)) return undefined;
    return hv.busyCommandId;
  };
  const caps = new Map<string, FarmCapacity>();
  const held = new Set<string>();
  const out: BatchAdmission<T> = { starting: [], waiting: [], blockers: [] };
  for (const h of queued) {
    const other = elsewhere.get(h.host);
    if (other !== undefined) {
      out.waiting.push(`${h.host} is still being reset for rollout ${other}`);
      continue;
    }
    const running = runningOn(h.host);
    if (running) {
      out.waiting.push(`${h.host} is running command ${running}`);
      continue;
    }
    let cap = caps.get(h.farm);
    if (!cap) {
      cap = farmCapacity(h.farm, view, opts.failedHere);
      caps.set(h.farm, cap);
    }
    if (!allows(cap, h.host, opts.limitFor(cap.size))) {
      held.add(h.farm);
      continue;
    }
    out.starting.push(h);
    // The host now counts as out of service for the next decision in this same pass.
    cap.unavailable.set(h.host, BEING_RESET);
  }
  for (const farm of held) {
    const cap = caps.get(farm) as FarmCapacity;
    const why = [...cap.unavailable].map(([host, reason]) => `${host}: ${reason}`).join(", ");
    out.capacityReason ??= `waiting for capacity in farm ${farm}: ${cap.unavailable.size} of ${opts.limitFor(cap.size)} allowed out of service (${why})`;
    const standing = [...cap.unavailable].filter(([, reason]) => !underWay(reason));
    if (standing.length === cap.unavailable.size) out.blockers.push(...standing.map(([host, reason]) => ({ host, farm, reason })));
    else out.waiting.push(`capacity in farm ${farm} is held by resets under way`);
  }
  return out;
}
