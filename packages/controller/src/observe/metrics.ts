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
  /** With agent keys: live status answers believed, by how (ControllerBus). */
  statusAnswersByCheck?: Readonly<Record<string, number>>;
  /** Unchanged answers to conditional live status questions, by outcome (ControllerBus). */
  unchangedAnswers?: Readonly<Record<string, number>>;
}

export interface MetricsDeps {
  store: Store;
  feed: EventFeed;
  tiles: () => HostTile[];
  bus: { readonly counters: BusTotals };
  /** Open WebSocket connections. */
  streamClients: () => number;
  /** Each host's running totals from its agent's last heartbeat (they start again from 0 when the agent restarts). */
  agentCounters?: () => Array<{ host: string; counters: Readonly<Record<string, number>> }>;
  /** The controller's version and a name for this node, for iisfleet_build_info. */
  build?: { version: string; node: string };
}

/** The command kinds and the final states that are not a success: their series exist (at 0) from the start. */
const COMMAND_KINDS = ["reset", "cordon", "lb"] as const;
const FAILED_STATES = ["failed", "rejected", "timed-out", "error"] as const;

/**
 * prom-client's default metrics include three gauges named like counters (nodejs_active_{handles,requests,
 * resources}_total), which promtool flags; their per-type twins without _total (nodejs_active_handles{type} …)
 * carry the same numbers, so these three are dropped.
 */
const GAUGES_NAMED_LIKE_COUNTERS = ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"];

/** Agent heartbeat counters (proto Heartbeat.counters), as Prometheus counter names. */
const AGENT_COUNTERS: Record<string, [string, string]> = {
  commandsReceived: ["iisfleet_agent_commands_received_total", "Commands the agent received, per host (from its heartbeats)."],
  malformedReceived: ["iisfleet_agent_malformed_received_total", "Malformed messages the agent dropped, per host (from its heartbeats)."],
  rejected: ["iisfleet_agent_rejected_total", "Commands the agent refused, per host (from its heartbeats)."],
  natsReconnects: ["iisfleet_agent_nats_reconnects_total", "Times the agent reconnected to NATS, per host (from its heartbeats)."],
  resetsExecuted: ["iisfleet_agent_resets_executed_total", "Resets the agent carried out, per host (from its heartbeats)."],
};

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
    for (const name of GAUGES_NAMED_LIKE_COUNTERS) this.registry.removeSingleMetric(name);

    new Gauge({
      name: "iisfleet_hosts",
      help: "Hosts by farm and the state their dashboard tile shows (healthy, resetting, failed, stale, offline, cordoned).",
      labelNames: ["farm", "state"],
      registers,
      collect() {
        this.reset();
        const byFarm = new Map<string, HostTile[]>();
        for (const t of d.tiles()) byFarm.set(t.farm, [...(byFarm.get(t.farm) ?? []), t]);
        for (const [farm, tiles] of byFarm) {
          const counts = countByState(tiles);
          for (const s of HOST_STATES) this.set({ farm, state: s }, counts[s]);
        }
      },
    });
    if (d.build) {
      const build = d.build;
      new Gauge({
        name: "iisfleet_build_info",
        help: "Always 1; its labels say which iisfleet version runs on which node.",
        labelNames: ["version", "node"],
        registers,
      }).set({ version: build.version, node: build.node }, 1);
    }
    for (const [field, [name, help]] of Object.entries(AGENT_COUNTERS)) {
      new Counter({
        name,
        help,
        labelNames: ["host"],
        registers,
        collect() {
          // The agent's own running total, as is: it falls back to 0 when the agent restarts, which rate() reads as a counter reset.
          this.reset();
          for (const { host, counters } of d.agentCounters?.() ?? []) this.inc({ host }, counters[field] ?? 0);
        },
      });
    }
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
    // Zero series from the start: an alert on increase() sees the first failure, not a series appearing.
    for (const kind of COMMAND_KINDS) for (const state of FAILED_STATES) this.failed.inc({ kind, state }, 0);
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
      "Agent messages dropped, by reason: undecodable (malformed), over an input limit (too-large, event-time, too-many-events, foreign-command) or, with agent keys, not provably from their agent (unsigned, unknown-agent-key, bad-signature, host-mismatch, replayed-beat, bad-beat-proof).",
      "reason",
      () => d.bus.counters.malformedByReason,
    );
    mirrorTotal(registers, "iisfleet_heartbeats_total", "Agent heartbeats accepted.", () => d.bus.counters.heartbeats);
    mirrorByLabel(
      registers,
      "iisfleet_status_answers_believed_total",
      "With agent keys, live status answers believed, by check: known (the same bytes believed before, no headers read), vouched (digest in the agent's believed heartbeat statement) or signature (ed25519).",
      "check",
      () => d.bus.counters.statusAnswersByCheck ?? {},
    );
    mirrorByLabel(
      registers,
      "iisfleet_status_unchanged_answers_total",
      "With agent keys, unchanged answers to conditional live status questions, by outcome: held (the full answer they stand for was believed from the agent's heartbeat statement, and used) or reasked (it was not: the host was asked again in full).",
      "outcome",
      () => d.bus.counters.unchangedAnswers ?? {},
    );
    mirrorTotal(registers, "iisfleet_heartbeats_rejected_total", "Heartbeats refused (wrong subject for the host they name).", () => d.bus.counters.rejectedHeartbeats);
    new Gauge({ name: "iisfleet_event_stream_clients", help: "Open WebSocket connections on /api/v1/events.", registers, collect() { this.set(d.streamClients()); } });
    new Gauge({ name: "iisfleet_last_event_id", help: "The newest event id sent to live subscribers.", registers, collect() { this.set(d.feed.lastId); } });

    // Only what observe() counts: the feed then reads nothing else back for the metrics' sake.
    this.subscription = d.feed.subscribe(d.feed.start(undefined).from, { kinds: ["command.sent", "command.finished"], deliver: (events) => this.observe(events) });
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
      if (e.kind === "command.sent") {
        // One per command sent: the kind only, not the whole row.
        const kind = this.d.store.commands.kindOf(e.commandId);
        if (kind !== undefined) this.sent.inc({ kind });
        continue;
      }
      const c = this.d.store.commands.timing(e.commandId);
      if (!c) continue;
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
