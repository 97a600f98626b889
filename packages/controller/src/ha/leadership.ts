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
}

/**
 * Who may act. Without --ha there is no lease: this controller always leads, with term 0 (agents then check no term),
 * exactly as before standby pairs existed. With --ha, the lease decides (ha/lease.ts).
 */
export class Leadership {
  private lease: LeaderLease | undefined;

  /** `enabled`: --ha. Until `attach` hands it the lease (it needs the API's address), such a controller stands by. */
  constructor(
    private readonly controllerId: string,
    readonly enabled: boolean,
  ) {}

  attach(lease: LeaderLease): void {
    this.lease = lease;
  }

  get isLeader(): boolean {
    return !this.enabled || this.lease?.isLeader === true;
  }

  /** The term commands carry; throws NotLeaderError where this controller may not command. */
  term(): number {
    if (!this.enabled) return 0;
    const s = this.lease?.current;
    if (s?.role === "leader") return s.term;
    throw this.notLeader();
  }

  /** Throws NotLeaderError on a standby (the API's write guard). */
  guardWrite(): void {
    if (!this.isLeader) throw this.notLeader();
  }

  view(): HaView | undefined {
    if (!this.enabled) return undefined;
    const s = this.lease?.current ?? { role: "standby" as const };
    const base = { controllerId: this.controllerId, leaseMs: this.lease?.effectiveLeaseMs ?? 0 };
    switch (s.role) {
      case "leader":
        return { ...base, role: "leader", term: s.term };
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
    return new NotLeaderError(s?.role === "standby" ? s.leader : undefined);
  }
}
