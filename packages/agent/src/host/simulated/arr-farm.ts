/**
 * A simulated IIS Application Request Routing: web farms whose members are Available, Drain or Unavailable, with
 * requests in flight that finish over a configurable time once a member is drained — what the ARR drain provider
 * waits for. Time is read from the clock on every call (no timers), so tests drive it with a manual clock.
 */
import { type Clock, systemClock } from "../port.js";
import { type LbMemberActionName, type LbMemberInfo, LbMemberError } from "../lb-member.js";

type MemberState = LbMemberInfo["state"];

export interface ArrStateChange {
  webFarm: string;
  server: string;
  from: MemberState;
  to: MemberState;
  atMs: number;
}

export interface SimulatedArrOptions {
  /** Farm name → member addresses. */
  farms: Readonly<Record<string, readonly string[]>>;
  /** How long the requests in flight on a drained member take to finish, ms. Default 500. */
  drainMs?: number;
  /** Requests in flight on an Available member. Default 4. */
  requests?: number;
  clock?: Clock;
  /** Told of every state change (the agent logs them: the ARR side of a rollout, for people and tests). */
  onChange?: (change: ArrStateChange) => void;
}

interface Member {
  server: string;
  state: MemberState;
  /** When the member entered Drain: its requests count down from then. */
  drainSinceMs: number;
  totalRequests: number;
}

export const DEFAULT_ARR_DRAIN_MS = 500;
export const DEFAULT_ARR_REQUESTS = 4;

export class SimulatedArr {
  private readonly farms = new Map<string, { name: string; members: Map<string, Member> }>();
  private readonly clock: Clock;
  private readonly drainMs: number;
  private readonly requests: number;

  constructor(private readonly options: SimulatedArrOptions) {
    this.clock = options.clock ?? systemClock;
    this.drainMs = options.drainMs ?? DEFAULT_ARR_DRAIN_MS;
    this.requests = options.requests ?? DEFAULT_ARR_REQUESTS;
    for (const [name, servers] of Object.entries(options.farms)) {
      const members = new Map<string, Member>();
      for (const server of servers) members.set(server.toLowerCase(), { server, state: "available", drainSinceMs: 0, totalRequests: 0 });
      // ARR (through PowerShell's -eq) matches farm names and addresses without regard to case; so does this.
      this.farms.set(name.toLowerCase(), { name, members });
    }
  }

  /** Farm names, as configured. */
  get farmNames(): string[] {
    return [...this.farms.values()].map((f) => f.name);
  }

  async member(webFarm: string, server: string, action: LbMemberActionName): Promise<LbMemberInfo> {
    const farm = this.farms.get(webFarm.toLowerCase());
    if (!farm) {
      throw new LbMemberError("FARM_UNKNOWN", `ARR on this host has no web farm "${webFarm}" (it has: ${this.farmNames.join(", ") || "none"}).`);
    }
    const m = farm.members.get(server.toLowerCase());
    if (!m) {
      const names = [...farm.members.values()].map((x) => x.server);
      throw new LbMemberError("SERVER_UNKNOWN", `Web farm "${farm.name}" has no server "${server}" (it has: ${names.join(", ") || "none"}).`);
    }
    if (action === "drain") this.set(farm.name, m, "drain");
    if (action === "available") this.set(farm.name, m, "available");
    const current = this.inFlight(m);
    // Requests keep arriving while the member is in rotation; the total is decoration, but it moves.
    if (m.state === "available") m.totalRequests += current;
    return { webFarm: farm.name, server: m.server, state: m.state, healthy: true, currentRequests: current, totalRequests: m.totalRequests };
  }

  private set(webFarm: string, m: Member, to: MemberState): void {
    if (m.state === to) return; // ARR's SetState to the current state changes nothing; neither does a repeat here
    const from = m.state;
    const now = this.clock.now();
    m.state = to;
    if (to === "drain") m.drainSinceMs = now;
    this.options.onChange?.({ webFarm, server: m.server, from, to, atMs: now });
  }

  private inFlight(m: Member): number {
    if (m.state === "available") return this.requests;
    if (m.state === "unavailable") return 0;
    if (this.drainMs <= 0) return 0;
    const left = 1 - (this.clock.now() - m.drainSinceMs) / this.drainMs;
    return left <= 0 ? 0 : Math.ceil(this.requests * left);
  }
}
