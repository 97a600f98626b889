import { NotLeaderError } from "../errors.js";
import type { LeaderLease } from "./lease.js";

/** What health, status and diagnostics say about leadership (`controller --ha` only). */
export interface HaView {
  role: "leader" | "standby" | "deposed";
  controllerId: string;
  /** This controller's term while it leads (or led, when deposed); the leader's as far as known on a standby. */
  term: number;
  leaseMs: number;
  leader?: { controllerId: string; apiUrl?: string };
  /** Why a standby cannot take the lease now, or why a leader stepped down. */
  problem?: string;
  /** False: this standby will not take the lease at all (its database has a gap the change stream no longer holds). */
  eligible?: boolean;
  /** The change stream: how far a standby applied it, or what a leader has not yet published. */
  replication?: Record<string, unknown>;
}

/**
 * Who may act. Without --ha there is no lease: this controller always leads, with term 0 (agents then check no term),
 * exactly as before standby pairs existed. With --ha, the lease decides (ha/lease.ts).
 */
export class Leadership {
  private lease: LeaderLease | undefined;
  /** A new leader acts only once it has applied the change stream (its history then is the old leader's). */
  private caughtUp = false;
  private replication: () => Record<string, unknown> | undefined = () => undefined;
  /** Why this controller must never lead with the database it has (see StandbyPair.refuse). */
  private refusal: string | undefined;

  /** `enabled`: --ha. Until `attach` hands it the lease (it needs the API's address), such a controller stands by. */
  constructor(
    private readonly controllerId: string,
    readonly enabled: boolean,
  ) {}

  attach(lease: LeaderLease, replication: () => Record<string, unknown> | undefined): void {
    this.lease = lease;
    this.replication = replication;
  }

  /** This controller will not compete for the lease: `problem` says why and what to do. */
  refuse(problem: string): void {
    this.refusal = problem;
  }

  get refused(): boolean {
    return this.refusal !== undefined;
  }

  /** The lease is held and the change stream applied: from now on this controller acts. */
  markCaughtUp(): void {
    this.caughtUp = true;
  }

  get isLeader(): boolean {
    return !this.enabled || (this.lease?.isLeader === true && this.caughtUp);
  }

  /** The term commands carry; throws NotLeaderError where this controller may not command. */
  term(): number {
    if (!this.enabled) return 0;
    const s = this.lease?.current;
    if (s?.role === "leader" && this.caughtUp) return s.term;
    throw this.notLeader();
  }

  /** Throws NotLeaderError on a standby (the API's write guard). */
  guardWrite(): void {
    if (!this.isLeader) throw this.notLeader();
  }

  view(): HaView | undefined {
    const v = this.leaseView();
    // Whatever the lease says, a controller that must never lead says so first.
    return v && this.refusal ? { ...v, problem: this.refusal, eligible: false } : v;
  }

  private leaseView(): HaView | undefined {
    if (!this.enabled) return undefined;
    const s = this.lease?.current ?? { role: "standby" as const };
    const replication = this.replication();
    const base = { controllerId: this.controllerId, leaseMs: this.lease?.effectiveLeaseMs ?? 0, ...(replication ? { replication } : {}) };
    switch (s.role) {
      case "leader":
        return this.caughtUp ? { ...base, role: "leader", term: s.term } : { ...base, role: "standby", term: s.term, problem: "holds the lease; applying the change stream before it acts" };
      case "deposed":
        return { ...base, role: "deposed", term: s.term, problem: `stepped down: ${s.reason}` };
      default:
        return {
          ...base,
          role: "standby",
          term: s.leader?.term ?? 0,
          ...(s.leader ? { leader: { controllerId: s.leader.controllerId, ...(s.leader.apiUrl ? { apiUrl: s.leader.apiUrl } : {}) } } : {}),
          ...(s.problem ? { problem: s.problem } : {}),
        };
    }
  }

  private notLeader(): NotLeaderError {
    const s = this.lease?.current;
    if (s?.role === "deposed") return new NotLeaderError(undefined, `this controller stepped down as leader (${s.reason})`);
    if (s?.role === "leader") return new NotLeaderError(undefined, "this controller is taking over and still applies the change stream");
    return new NotLeaderError(s?.role === "standby" ? s.leader : undefined);
  }
}
