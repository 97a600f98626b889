import { type HostState, type HostTile, countByState } from "./host-state.js";

/** The fleet as the live stream shows it: every host on a full message, only the changed ones after that. */
export interface FleetMessage {
  type: "fleet";
  atMs: number;
  /** true: `hosts` is the whole fleet; false: only the hosts that changed since the previous fleet message. */
  full: boolean;
  counts: Record<HostState, number>;
  hosts: HostTile[];
  /** Hosts gone since the previous message (renamed away). */
  removed: string[];
}

/**
 * Heartbeats summarised: at most one message per tick, and only when a tile changed, instead of one per heartbeat.
 *
 * Every client holds "the baseline" — the fleet as of the last message broadcast — because a new client is sent the
 * baseline itself, not a fresher picture. Were it sent a fresher one, a host that changed and changed back between
 * two ticks would differ from the baseline for that client only, and no later diff would ever correct it.
 */
export class FleetSummary {
  private baseline: Map<string, { tile: HostTile; key: string }> | undefined;
  private baselineAtMs = 0;

  constructor(
    private readonly tiles: () => HostTile[],
    private readonly now: () => number,
  ) {}

  /** The full message for a client that joins now (the baseline; computed if there is none yet). */
  snapshot(): FleetMessage {
    if (!this.baseline) this.rebase(this.tiles());
    const hosts = [...(this.baseline as Map<string, { tile: HostTile }>).values()].map((e) => e.tile);
    return { type: "fleet", atMs: this.baselineAtMs, full: true, counts: countByState(hosts), hosts, removed: [] };
  }

  /** What changed since the baseline, which it then becomes; undefined when nothing did. */
  next(): FleetMessage | undefined {
    const current = this.tiles();
    const before = this.baseline;
    this.rebase(current);
    if (!before) return undefined;
    const after = this.baseline as Map<string, { tile: HostTile; key: string }>;
    const changed = current.filter((t) => before.get(t.name)?.key !== after.get(t.name)?.key);
    const removed = [...before.keys()].filter((name) => !after.has(name));
    if (changed.length === 0 && removed.length === 0) return undefined;
    return { type: "fleet", atMs: this.baselineAtMs, full: false, counts: countByState(current), hosts: changed, removed };
  }

  private rebase(tiles: HostTile[]): void {
    this.baseline = new Map(tiles.map((t) => [t.name, { tile: t, key: JSON.stringify(t) }]));
    this.baselineAtMs = this.now();
  }
}
