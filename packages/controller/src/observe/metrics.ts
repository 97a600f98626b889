import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { EventRow, Store } from "../store/index.js";
import { StatsStore } from "../store/stats.js";
import type { EventFeed, FeedSubscription } from "./event-feed.js";
import { HOST_STATES, type HostTile, countByState } from "./host-state.js";

/** The NATS edge's running totals (ControllerBus.counters). */
export interface BusTotals {
  heartbeats: number;
  events: number;
  malformed: number;
  malformedByReason: Readonly<Record<string, number>>;
  rejectedHeartbeats: number;
  reconnects: number;
}

export interface MetricsDeps {
  store: Store;
  feed: EventFeed;
  tiles: () => HostTile[];
  bus: { readonly counters: BusTotals };
  /** Open WebSocket connections. */
  streamClients: () => number;
}

const ROLLOUT_STATES = ["running", "paused", "waiting-approval", "waiting-for-window", "succeeded", "failed", "aborted"] as const;

/**
 * The controller's Prometheus metrics, in a registry of its own (two controllers in one test process never share
 * one). Gauges are computed at scrape time from the registry and SQLite; command counts and reset durations come
 * from the event log as it is appended (the feed), so they count from this process's start, as Prometheus
 * counters should, and no command code needs to know metrics exist.
 */
export class ControllerMetrics {
  readonly registry = new Registry();
  private readonly subscription: FeedSubscription;
  private readonly sent: Counter<"kind">;
  private readonly failed: Counter<"kind" | "state">;
  private readonly late: Counter<"kind" | "state">;
  private readonly durations: Histogram<"level" | "outcome">;

  constructor(private readonly d: MetricsDeps) {
    const registers = [this.registry];
    const stats = new StatsStore(d.store.db);
    collectDefaultMetrics({ register: this.registry });

    new Gauge({
      name: "iisfleet_hosts",
      help: "Hosts by the state their dashboard tile shows (healthy, resetting, failed, stale, offline, cordoned).",
      labelNames: ["state"],
      registers,
      collect() {
        const counts = countByState(d.tiles());
        for (const s of HOST_STATES) this.set({ state: s }, counts[s]);
      },
    });
    new Gauge({
      name: "iisfleet_rollouts",
      help: "Rollouts recorded in SQLite, by state.",
      labelNames: ["state"],
      registers,
      collect() {
        const counts = stats.rolloutsByState();
        for (const s of ROLLOUT_STATES) this.set({ state: s }, counts[s] ?? 0);
      },
    });
    new Gauge({
      name: "iisfleet_rollouts_blocked",
      help: "Running rollouts that cannot make progress (blocked: capacity held by hosts nothing is bringing back).",
      registers,
      collect() {
        this.set(stats.rolloutsBlocked());
      },
    });
    this.sent = new Counter({ name: "iisfleet_commands_sent_total", help: "Commands published to agents, by kind.", labelNames: ["kind"], registers });
    this.failed = new Counter({
      name: "iisfleet_commands_failed_total",
      help: "Commands that did not succeed, by kind and final state (failed, rejected, timed-out, error).",
      labelNames: ["kind", "state"],
      registers,
    });
    this.late = new Counter({
      name: "iisfleet_commands_late_total",
      help: "Agent results that came after the controller had written the command off (already counted as timed-out), by kind and the agent's final state.",
      labelNames: ["kind", "state"],
      registers,
    });
    this.durations = new Histogram({
      name: "iisfleet_reset_duration_seconds",
      help: "How long resets took on the agent (controller-measured when the agent reported no times), by level and outcome.",
      labelNames: ["level", "outcome"],
      buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600],
      registers,
    });
    mirrorTotal(registers, "iisfleet_nats_reconnects_total", "Times the controller reconnected to NATS.", () => d.bus.counters.reconnects);
    mirrorByLabel(
      registers,
      "iisfleet_malformed_messages_total",
      "Agent messages dropped, by reason: undecodable (malformed), over an input limit (too-large, event-time, too-many-events, foreign-command) or, with agent keys, not provably from their agent (unsigned, unknown-agent-key, bad-signature, host-mismatch).",
      "reason",
      () => d.bus.counters.malformedByReason,
    );
    mirrorTotal(registers, "iisfleet_heartbeats_total", "Agent heartbeats accepted.", () => d.bus.counters.heartbeats);
    mirrorTotal(registers, "iisfleet_heartbeats_rejected_total", "Heartbeats refused (wrong subject for the host they name).", () => d.bus.counters.rejectedHeartbeats);
    new Gauge({ name: "iisfleet_event_stream_clients", help: "Open WebSocket connections on /api/v1/events.", registers, collect() { this.set(d.streamClients()); } });
    new Gauge({ name: "iisfleet_last_event_id", help: "The newest event id sent to live subscribers.", registers, collect() { this.set(d.feed.lastId); } });

    this.subscription = d.feed.subscribe(d.feed.start(undefined).from, { deliver: (events) => this.observe(events) });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  close(): void {
    this.subscription.close();
    this.registry.clear();
  }

  private observe(events: EventRow[]): void {
    for (const e of events) {
      if ((e.kind !== "command.sent" && e.kind !== "command.finished") || !e.commandId) continue;
      const c = this.d.store.commands.get(e.commandId);
      if (!c) continue;
      if (e.kind === "command.sent") {
        this.sent.inc({ kind: c.kind });
        continue;
      }
      // The state this event recorded: a late result may since have replaced a write-off (and the reverse order
      // must not count the late state twice).
      const state = typeof e.data.state === "string" ? e.data.state : c.state;
      if (e.data.late === true) this.late.inc({ kind: c.kind, state });
      else if (state !== "succeeded") this.failed.inc({ kind: c.kind, state });
      if (c.kind !== "reset") continue;
      const ms =
        c.agentStartedMs && c.agentFinishedMs && c.agentFinishedMs >= c.agentStartedMs
          ? c.agentFinishedMs - c.agentStartedMs
          : (c.finishedMs ?? 0) - (c.sentMs ?? c.createdMs);
      this.durations.observe({ level: c.level, outcome: state }, Math.max(0, ms) / 1000);
    }
  }
}

/** mirrorTotal for totals kept per label value. */
function mirrorByLabel(registers: Registry[], name: string, help: string, label: string, totals: () => Readonly<Record<string, number>>): void {
  const seen = new Map<string, number>();
  new Counter({
    name,
    help,
    labelNames: [label],
    registers,
    collect() {
      for (const [value, now] of Object.entries(totals())) {
        const before = seen.get(value) ?? 0;
        if (now > before) this.inc({ [label]: value }, now - before);
        seen.set(value, Math.max(before, now));
      }
    },
  });
}

/** A counter that follows a running total kept elsewhere (only ever increases; a smaller total is ignored). */
function mirrorTotal(registers: Registry[], name: string, help: string, total: () => number): void {
  let seen = 0;
  new Counter({
    name,
    help,
    registers,
    collect() {
      const now = total();
      if (now > seen) this.inc(now - seen);
      seen = Math.max(seen, now);
    },
  });
}
