import { type Heartbeat, serviceStateName } from "@iisfleet/proto";
import type { Clock } from "../clock.js";
import { type HostRow, type Store } from "../store/index.js";
import { type Liveness, liveness } from "./liveness.js";

export interface HostView extends HostRow {
  liveness: Liveness;
  ageMs: number;
}

export interface HeartbeatOutcome {
  accepted: boolean;
  reason?: string;
}

/**
 * The fleet registry: which agents exist, what they last said about their host, and how fresh that is.
 * Heartbeats are the only writer; the registry lives in SQLite so a restarted controller knows the fleet at once.
 */
export class FleetRegistry {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** `subjectHost` is the host token of the subject the heartbeat arrived on; it must match the payload. */
  recordHeartbeat(hb: Heartbeat, subjectHost: string): HeartbeatOutcome {
    const facts = hb.facts;
    if (!facts?.host || facts.host !== subjectHost) {
      return { accepted: false, reason: `heartbeat on ${subjectHost}'s subject claims to be from "${facts?.host ?? ""}"` };
    }
    const now = this.clock.now();
    const previous = this.store.hosts.get(subjectHost);
    const row: HostRow = {
      name: subjectHost,
      farm: facts.farm || "default",
      tags: { ...facts.tags },
      adapter: facts.adapter ?? "",
      iisGeneration: facts.iisGeneration ?? 0,
      agentVersion: hb.agentVersion,
      instanceId: hb.instanceId,
      cordoned: facts.cordoned === true,
      busyCommandId: facts.busyCommandId ?? "",
      services: (facts.services ?? []).map((s) => ({ name: s.name ?? "", state: serviceStateName(s.state), pid: s.pid ?? 0 })),
      appPools: (facts.appPools ?? []).map((p) => ({
        name: p.name ?? "",
        started: p.started === true,
        workerPids: [...(p.workerPids ?? [])],
      })),
      counters: {
        commandsReceived: hb.counters?.commandsReceived ?? 0,
        malformedReceived: hb.counters?.malformedReceived ?? 0,
        rejected: hb.counters?.rejected ?? 0,
        natsReconnects: hb.counters?.natsReconnects ?? 0,
      },
      heartbeatMs: hb.intervalMs || 10_000,
      firstSeenMs: previous?.firstSeenMs ?? now,
      lastSeenMs: now,
    };
    this.store.tx(() => {
      this.store.hosts.upsert(row);
      if (!previous) {
        this.store.events.append({ atMs: now, kind: "host.registered", host: row.name, message: `${row.name} registered (farm ${row.farm})` });
      } else if (previous.instanceId !== row.instanceId) {
        this.store.events.append({
          atMs: now,
          kind: "host.instance-changed",
          host: row.name,
          message: `${row.name} is now served by agent instance ${row.instanceId} (was ${previous.instanceId})`,
          data: { previous: previous.instanceId, current: row.instanceId },
        });
      }
    });
    return { accepted: true };
  }

  get(name: string): HostView | undefined {
    const row = this.store.hosts.get(name);
    return row ? this.view(row) : undefined;
  }

  list(): HostView[] {
    return this.store.hosts.all().map((r) => this.view(r));
  }

  private view(row: HostRow): HostView {
    const now = this.clock.now();
    return { ...row, liveness: liveness(row.lastSeenMs, row.heartbeatMs, now), ageMs: Math.max(0, now - row.lastSeenMs) };
  }
}
