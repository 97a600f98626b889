/**
 * Which agent process speaks for a host name. Every agent process has a random instance id, so one name heard
 * from two ids is either a restart (the old process stopped, a new one took over) or a duplicate (two machines,
 * or two agents on one machine, claiming the same name). The difference is whether the older id keeps talking
 * after the newer one appeared: a duplicate's heartbeats alternate; a restarted agent's old id falls silent.
 */

/** What one heartbeat means for the host's instance history. */
export type InstanceVerdict =
  /** The instance already speaking for the host. */
  | "same"
  /** A new instance took over (a restart, or the first heartbeat of a duplicate: the next ones will tell). */
  | "changed"
  /** A heartbeat the replaced instance sent before the new one started, delivered late: ignore its facts. */
  | "late"
  /** An instance that had been replaced spoke again: two live agents claim this name. */
  | "conflict";

interface Seen {
  id: string;
  /** The instance's own clock at the first heartbeat we saw from it. */
  firstSentMs: number;
  /** Controller clock. */
  firstSeenMs: number;
  lastSeenMs: number;
}

/** One per host; the common case (one instance, ever) holds no collection at all — 10 000 hosts add up. */
export class InstanceTracker {
  private cur: Seen;
  /** Instances replaced recently, by id. */
  private others: Map<string, Seen> | undefined;
  private duplicateSince: number | undefined;

  constructor(currentId: string, firstSentMs: number, lastSeenMs: number) {
    this.cur = { id: currentId, firstSentMs, firstSeenMs: lastSeenMs, lastSeenMs };
  }

  get current(): string {
    return this.cur.id;
  }

  has(id: string): boolean {
    return id === this.cur.id || this.others?.has(id) === true;
  }

  /**
   * `windowMs`: how long an instance counts as alive after its last heartbeat (a few heartbeat periods).
   * `graceMs`: how long after a takeover a message from the old instance may still be in flight.
   */
  observe(id: string, sentAtMs: number, nowMs: number, windowMs: number, graceMs: number): InstanceVerdict {
    if (id === this.cur.id) {
      this.cur.lastSeenMs = nowMs;
      return "same";
    }
    this.prune(nowMs, windowMs);
    const known = this.others?.get(id);
    if (!known) {
      this.replaceCurrent({ id, firstSentMs: sentAtMs, firstSeenMs: nowMs, lastSeenMs: nowMs });
      return "changed";
    }
    // Sent before the current instance's first heartbeat and arriving just after the takeover: the last words of
    // a restarted agent, overtaken in the network. Outside that short grace the old instance is simply alive —
    // even if its clock lags — which is what a duplicate looks like.
    if (sentAtMs <= this.cur.firstSentMs && nowMs - this.cur.firstSeenMs <= graceMs) return "late";
    known.lastSeenMs = nowMs;
    this.others?.delete(id);
    this.replaceCurrent(known);
    this.duplicateSince ??= nowMs;
    return "conflict";
  }

  /** The instances heard from within the window, current first. */
  live(nowMs: number, windowMs: number): string[] {
    const ids = nowMs - this.cur.lastSeenMs <= windowMs ? [this.cur.id] : [];
    const others = [...(this.others?.values() ?? [])].filter((s) => nowMs - s.lastSeenMs <= windowMs).map((s) => s.id);
    return [...ids, ...others.sort()];
  }

  /** Set while two or more instances claim the host. */
  duplicate(nowMs: number, windowMs: number): { instanceIds: string[]; sinceMs: number } | undefined {
    if (this.duplicateSince === undefined) return undefined;
    return { instanceIds: this.live(nowMs, windowMs), sinceMs: this.duplicateSince };
  }

  /** Ends a duplicate episode once at most one instance is left talking; true when it just ended. */
  settle(nowMs: number, windowMs: number): boolean {
    this.prune(nowMs, windowMs);
    if (this.duplicateSince === undefined || this.live(nowMs, windowMs).length > 1) return false;
    this.duplicateSince = undefined;
    return true;
  }

  /** Forgets an instance that now speaks for another name. */
  forget(id: string): void {
    this.others?.delete(id);
  }

  private replaceCurrent(next: Seen): void {
    (this.others ??= new Map()).set(this.cur.id, this.cur);
    this.cur = next;
  }

  /** Old instances are forgotten once they have been silent for the window; the current one never is. */
  private prune(nowMs: number, windowMs: number): void {
    if (!this.others) return;
    for (const [id, s] of this.others) {
      if (nowMs - s.lastSeenMs > windowMs) this.others.delete(id);
    }
    if (this.others.size === 0) this.others = undefined;
  }
}
