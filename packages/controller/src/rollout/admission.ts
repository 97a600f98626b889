import { type BlockingHost, IN_FLIGHT_HOST_STATES } from "../store/rollouts.js";
import { BEING_RESET, type CapacityView, type FarmCapacity, allows, farmCapacity, underWay } from "./capacity.js";

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
