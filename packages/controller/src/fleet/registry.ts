import { type Heartbeat, formatDuration, v1 } from "@iisfleet/proto";
import type { Clock } from "../clock.js";
import type { Logger } from "../log.js";
import type { HostRow, NewEvent, Store } from "../store/index.js";
import { factsFromWire, intern } from "./facts.js";
import { FactsJsonCache } from "./facts-json-cache.js";
import { sameFacts, sameRecord } from "./same-facts.js";
import { ANY_HOST, type StatusFilter, filterPredicate } from "./filter.js";
import { InstanceTracker } from "./instances.js";
import { type Liveness, STALE_AFTER_MISSED, liveness } from "./liveness.js";

export interface HostView extends HostRow {
  liveness: Liveness;
  ageMs: number;
  /** Present while two agent instances claim this name: both ids, never merged into one host silently. */
  duplicate?: { instanceIds: string[]; sinceMs: number };
}

/** Just enough to say who should answer and how fresh their news is (cheap to build for 10 000 hosts). */
export interface BriefHost {
  name: string;
  farm: string;
  liveness: Liveness;
  lastSeenMs: number;
  ageMs: number;
  renamedTo?: string;
  duplicate?: { instanceIds: string[]; sinceMs: number };
}

export interface HeartbeatOutcome {
  accepted: boolean;
  reason?: string;
}

export interface RegistryOptions {
  /** How often changed rows and new events go to SQLite, in one transaction. Default 1 000 ms. */
  flushMs?: number;
  /** A row whose only change is its last-seen time is rewritten at most this often. Default 60 000 ms. */
  seenPersistMs?: number;
  log?: Logger;
  /** Forget a host that has been offline this long (controller --expire-offline); undefined: never. */
  expireOfflineMs?: number;
  /** Hosts that must not be forgotten now (in an active rollout); asked only about hosts due to expire. */
  isHeld?: (name: string) => boolean;
  /**
   * Whether a known agent instance id heard under a new name means the host was renamed. True on open NATS. False
   * when agent keys are verified: each key belongs to one host name, so a rename comes with a new key, and an
   * instance id (which is no secret: status answers carry it) heard from another host is that host's claim, not a
   * rename — else one stolen seed could flip its neighbours to "renamed" (issue #15, finding 3).
   */
  detectRenames?: boolean;
}

/** The hosts a live query expects an answer from (FleetRegistry.expectedFor). */
export interface ExpectedHosts {
  names: ReadonlySet<string>;
  /** The same names by farm, then name: the order of the answer's buckets. */
  ordered: readonly string[];
  /** Among them, those two or more agent instances claim, with the instances. */
  duplicates: Map<string, string[]>;
}

/** How many filters' expected hosts are remembered (a dashboard or two, a CLI): more are simply recomputed. */
const EXPECTED_CACHE_SIZE = 4;

interface Entry {
  row: HostRow;
  /** The liveness last recorded as an event (persisted), compared with the computed one by the sweep. */
  recorded: Liveness;
  tracker: InstanceTracker;
  /** The last-seen time SQLite has for this host. */
  persistedSeenMs: number;
  /**
   * Loaded from SQLite and not heard from since: its stored last-seen may lag the truth by up to seenPersistMs, so
   * silence is counted from the latest time it may have been heard — never from before this controller listened.
   */
  loadedAtMs?: number;
}

/**
 * The fleet registry: which agents exist, what they last said about their host, and how fresh that is.
 *
 * It lives in memory and is the source of truth for liveness; SQLite is its durable copy. At 10 000 agents a
 * heartbeat each 10 s, one synchronous=FULL transaction per heartbeat would not keep up, so heartbeats only change
 * memory, and `flush()` writes every changed row and every new event in one transaction each second (and on
 * shutdown); a new host is written at once. Most heartbeats change nothing but the last-seen time: such a row is
 * rewritten at most once a minute (seenPersistMs) — rewriting 1 000 rows a second cost the controller a tenth of a
 * core in fsyncs and stalled live queries. A crash loses at most a second of facts; heartbeats restore the rest.
 * A periodic `sweep()` (clock injectable) turns silence into stale/offline transitions, recorded as events.
 */
export class FleetRegistry {
  private readonly hosts = new Map<string, Entry>();
  /** Instance id -> the host name it currently speaks for: how a renamed host is recognised. */
  private readonly byInstance = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private pendingEvents: NewEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushQueued = false;
  private readonly flushMs: number;
  private readonly seenPersistMs: number;
  /**
   * Bumped whenever the set of hosts a filter can match may change: a host added, renamed, or its farm or tags
   * changed. Heartbeats that change nothing of that (nearly all) leave it alone, so the expected hosts of a
   * filter are worked out once and reused by every live query until then.
   */
  private membership = 0;
  private readonly expectedCache = new Map<string, { membership: number; names: ReadonlySet<string>; ordered: readonly string[] }>();
  /** Names whose instance tracker saw a conflict: the only ones that can be duplicates (see expectedFor). */
  private readonly claimed = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly opts: RegistryOptions = {},
  ) {
    this.flushMs = opts.flushMs ?? 1_000;
    this.seenPersistMs = opts.seenPersistMs ?? 60_000;
    const loadedAtMs = clock.now();
    for (const { liveness: stored, ...row } of store.hosts.all()) {
      // The recorded liveness lives in the entry, not the row, so that views need not strip it.
      const recorded = isLiveness(stored) ? stored : liveness(row.lastSeenMs, row.heartbeatMs, clock.now());
      this.hosts.set(row.name, {
        row,
        recorded,
        tracker: new InstanceTracker(row.instanceId, row.lastSeenMs, row.lastSeenMs),
        persistedSeenMs: row.lastSeenMs,
        ...(recorded === "online" ? { loadedAtMs } : {}),
      });
      if (!row.renamedTo) this.byInstance.set(row.instanceId, row.name);
    }
  }

  now(): number {
    return this.clock.now();
  }

  get size(): number {
    return this.hosts.size;
  }

  /** Sweeps and flushes every `flushMs` until `close()`. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.sweep();
      this.flush();
    }, this.flushMs);
    this.timer.unref();
  }

  /** Stops the timer and writes what is still pending, last-seen times included. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const entry of this.hosts.values()) {
      if (entry.row.lastSeenMs !== entry.persistedSeenMs) this.dirty.add(entry.row.name);
    }
    this.flush();
  }

  /**
   * Each host's facts as JSON, by their encoded bytes: filled from heartbeats (recordHeartbeat's `factsBytes`) and
   * read by live queries with detail (the status route), which get the same bytes in the answers.
   */
  readonly factsJson = new FactsJsonCache();

  /**
   * `subjectHost` is the host token of the subject the heartbeat arrived on; it must match the payload.
   * `factsBytes`: the heartbeat's encoded facts, when the caller has them (heartbeatFactsBytes).
   */
  recordHeartbeat(hb: Heartbeat, subjectHost: string, factsBytes?: Uint8Array): HeartbeatOutcome {
    const facts = hb.facts;
    if (!facts?.host || facts.host !== subjectHost) {
      return { accepted: false, reason: `heartbeat on ${subjectHost}'s subject claims to be from "${facts?.host ?? ""}"` };
    }
    const now = this.clock.now();
    const name = subjectHost;
    const instanceId = hb.instanceId;
    const heartbeatMs = hb.intervalMs || 10_000;
    const sentAt = Number(hb.sentAtMs) || now;
    // An agent that says when it started has its uptime reckoned by this clock (its statement then stays the same
    // bytes from one heartbeat to the next: proto heartbeat-chain.ts); an older one says its uptime.
    const startedAt = Number(hb.startedAtMs);
    const uptimeMs = startedAt > 0 ? Math.max(0, now - startedAt) : Number(hb.uptimeMs ?? 0);

    const formerName = this.byInstance.get(instanceId);
    if (formerName !== undefined && formerName !== name && this.opts.detectRenames !== false) this.renamed(formerName, name, instanceId, now);

    let entry = this.hosts.get(name);
    if (!entry) {
      entry = {
        row: { name, ...emptyFacts(), instanceId, agentVersion: "", heartbeatMs, counters: {}, firstSeenMs: now, lastSeenMs: now },
        recorded: "online",
        tracker: new InstanceTracker(instanceId, sentAt, now),
        persistedSeenMs: 0,
      };
      this.hosts.set(name, entry);
      this.membership++;
      this.dirty.add(name);
      this.flushSoon();
      this.event({ atMs: now, kind: "host.registered", host: name, message: `${name} registered (farm ${facts.farm || "default"})`, data: { instanceId } });
    } else {
      const windowMs = STALE_AFTER_MISSED * heartbeatMs;
      const previous = entry.tracker.current;
      const wasDuplicate = entry.tracker.duplicate(now, windowMs) !== undefined;
      const verdict = entry.tracker.observe(instanceId, sentAt, now, windowMs, heartbeatMs);
      if (verdict === "late") return { accepted: true };
      if (verdict === "changed") {
        this.event({
          atMs: now,
          kind: "host.instance-changed",
          host: name,
          message: `${name} is now served by agent instance ${instanceId} (was ${previous})`,
          data: { previous, current: instanceId },
        });
      }
      if (verdict === "conflict") this.claimed.add(name);
      if (verdict === "conflict" && !wasDuplicate) {
        const dup = entry.tracker.duplicate(now, windowMs);
        if (dup) {
          this.event({
            atMs: now,
            kind: "host.duplicate",
            host: name,
            message: `two agents claim the name ${name}: instances ${dup.instanceIds.join(" and ")}; fix one of them`,
            data: { instanceIds: dup.instanceIds },
          });
        }
      }
      if (entry.row.renamedTo) {
        // The name is in use again (an agent installed under it): it is no longer just the old name of another.
        entry.row.renamedTo = "";
        this.membership++;
      }
    }
    this.byInstance.set(instanceId, name);

    const f = factsFromWire(facts);
    if (factsBytes) this.primeFactsJson(name, factsBytes);
    const counters = {
      commandsReceived: Number(hb.counters?.commandsReceived ?? 0),
      malformedReceived: Number(hb.counters?.malformedReceived ?? 0),
      rejected: Number(hb.counters?.rejected ?? 0),
      natsReconnects: Number(hb.counters?.natsReconnects ?? 0),
      resetsExecuted: Number(hb.counters?.resetsExecuted ?? 0),
    };
    const row = entry.row;
    delete entry.loadedAtMs;
    if (row.instanceId === instanceId && row.agentVersion === hb.agentVersion && row.heartbeatMs === heartbeatMs && sameFacts(f, row)) {
      // Nothing new but the time: update in place (see same-facts.ts for why this matters at 10 000 hosts).
      row.lastSeenMs = now;
      row.uptimeMs = uptimeMs;
      if (!sameRecord(counters, row.counters)) row.counters = counters;
      if (now - entry.persistedSeenMs >= this.seenPersistMs) this.dirty.add(name);
    } else {
      if (f.farm !== row.farm || !sameRecord(f.tags, row.tags)) this.membership++;
      entry.row = {
        ...entry.row,
        farm: f.farm,
        tags: f.tags,
        adapter: f.adapter,
        iisGeneration: f.iisGeneration,
        agentVersion: intern(hb.agentVersion),
        instanceId,
        cordoned: f.cordoned,
        cordonReason: f.cordonReason,
        busyCommandId: f.busyCommandId,
        services: f.services,
        appPools: f.appPools,
        sites: f.sites,
        health: f.health,
        lastReset: f.lastReset,
        counters,
        heartbeatMs,
        uptimeMs,
        lastSeenMs: now,
      };
      this.dirty.add(name);
    }
    if (entry.recorded !== "online") {
      this.transition(entry, "online", now);
    }
    return { accepted: true };
  }

  /**
   * The JSON of exactly these facts bytes (decoded on their own, so whatever else the heartbeat carried cannot end up
   * in it), made only when they differ from the ones remembered for the host; bytes that do not decode are skipped.
   */
  private primeFactsJson(name: string, factsBytes: Uint8Array): void {
    try {
      this.factsJson.jsonOf(name, factsBytes, () => v1.HostFacts.decode(factsBytes));
    } catch {
      // Not facts after all: a live query decodes the answer's own.
    }
  }

  get(name: string): HostView | undefined {
    const entry = this.hosts.get(name);
    return entry ? this.view(entry, this.clock.now()) : undefined;
  }

  /** Every host, by farm then name. */
  list(): HostView[] {
    return this.select();
  }

  /** The hosts a filter matches, by farm then name. */
  select(filter?: StatusFilter): HostView[] {
    const now = this.clock.now();
    const matches = filter && filterPredicate(filter);
    const out: HostView[] = [];
    for (const entry of this.hosts.values()) {
      if (matches && !matches(entry.row)) continue;
      out.push(this.view(entry, now));
    }
    return out.sort(byFarmThenName);
  }

  /** Like select(), with only names, liveness and age. */
  selectBrief(filter?: StatusFilter): BriefHost[] {
    const now = this.clock.now();
    const matches = filter && filterPredicate(filter);
    const out: BriefHost[] = [];
    for (const entry of this.hosts.values()) {
      if (matches && !matches(entry.row)) continue;
      out.push(this.brief(entry, now));
    }
    return out.sort(byFarmThenName);
  }

  /**
   * The hosts a live query expects an answer from: those the filter matches, except the old name of a renamed
   * host (it has no agent any more and would only ever be silent) unless it is asked for by name; and, among them,
   * those two or more agent instances claim (with the instances). This runs before the question goes out, so every
   * microsecond here is latency: the names (a set, and in answer order) are remembered per filter until a host is
   * added, renamed or changes farm or tags, and only names that ever saw a conflict are checked for duplicates.
   * The set and list are shared with later queries: read them, never change them.
   */
  expectedFor(filter: StatusFilter): ExpectedHosts {
    const key = expectedKey(filter);
    let known = this.expectedCache.get(key);
    if (!known || known.membership !== this.membership) {
      known = { membership: this.membership, ...this.matching(filter) };
      this.expectedCache.delete(key);
      if (this.expectedCache.size >= EXPECTED_CACHE_SIZE) this.expectedCache.delete(this.expectedCache.keys().next().value as string);
      this.expectedCache.set(key, known);
    }
    const now = this.clock.now();
    const duplicates = new Map<string, string[]>();
    for (const name of this.claimed) {
      const entry = this.hosts.get(name);
      const dup = entry?.tracker.duplicate(now, STALE_AFTER_MISSED * entry.row.heartbeatMs);
      if (!dup) this.claimed.delete(name);
      else if (known.names.has(name)) duplicates.set(name, dup.instanceIds);
    }
    return { names: known.names, ordered: known.ordered, duplicates };
  }

  /** Bumped when a host is added, renamed or changes farm or tags: what a filter expects may have changed. */
  get membershipVersion(): number {
    return this.membership;
  }

  /**
   * Works out ahead of any query what a live query over the whole fleet, and over each of its largest farms (at
   * most `farms`, within the cache's room), expects: the first such query after a start or a change of membership
   * then finds it ready (10,000 hosts sorted by farm and name took 160 ms of the first query in bench:status).
   */
  primeExpected(farms = EXPECTED_CACHE_SIZE - 2): void {
    const sizes = new Map<string, number>();
    for (const entry of this.hosts.values()) sizes.set(entry.row.farm, (sizes.get(entry.row.farm) ?? 0) + 1);
    const largest = [...sizes].sort((a, b) => b[1] - a[1]).slice(0, Math.max(0, farms));
    for (const [farm] of largest) this.expectedFor({ farm, tags: {}, hosts: [] });
    this.expectedFor(ANY_HOST);
  }

  /** Whether what `filter` expects is remembered for the fleet as it is now (expectedFor will not work it out). */
  knowsExpected(filter: StatusFilter): boolean {
    return this.expectedCache.get(expectedKey(filter))?.membership === this.membership;
  }

  private matching(filter: StatusFilter): { names: Set<string>; ordered: string[] } {
    const matches = filterPredicate(filter);
    const named = filter.hosts.length > 0 ? new Set(filter.hosts) : undefined;
    const ordered: string[] = [];
    // In the fleet's answer order already: a pass over it instead of a sort per filter.
    for (const name of this.answerOrder()) {
      const row = this.hosts.get(name)?.row;
      if (row && matches(row) && (!row.renamedTo || named?.has(row.name))) ordered.push(name);
    }
    return { names: new Set(ordered), ordered };
  }

  private sortedNames: { membership: number; names: readonly string[] } | undefined;

  /**
   * Every host's name by farm then name, sorted once per membership (farms and names change only with it): 10,000
   * hosts sorted for each filter a query or primeExpected works out took 100–200 ms each time on a loaded box.
   */
  private answerOrder(): readonly string[] {
    if (this.sortedNames?.membership !== this.membership) {
      const rows = Array.from(this.hosts.values(), (entry) => entry.row).sort(byFarmThenName);
      this.sortedNames = { membership: this.membership, names: rows.map((row) => row.name) };
    }
    return this.sortedNames.names;
  }

  /** One host as selectBrief shows it. */
  briefOf(name: string): BriefHost | undefined {
    const entry = this.hosts.get(name);
    return entry ? this.brief(entry, this.clock.now()) : undefined;
  }

  /** The agent instances claiming `name` while two or more do (see InstanceTracker); undefined otherwise. */
  duplicateOf(name: string): { instanceIds: string[]; sinceMs: number } | undefined {
    const entry = this.hosts.get(name);
    return entry?.tracker.duplicate(this.clock.now(), STALE_AFTER_MISSED * entry.row.heartbeatMs);
  }

  private brief(entry: Entry, now: number): BriefHost {
    const row = entry.row;
    const brief: BriefHost = {
      name: row.name,
      farm: row.farm,
      liveness: this.liveness(entry, now),
      lastSeenMs: row.lastSeenMs,
      ageMs: Math.max(0, now - row.lastSeenMs),
    };
    if (row.renamedTo) brief.renamedTo = row.renamedTo;
    const dup = entry.tracker.duplicate(now, STALE_AFTER_MISSED * row.heartbeatMs);
    if (dup) brief.duplicate = dup;
    return brief;
  }

  has(name: string): boolean {
    return this.hosts.has(name);
  }

  /**
   * Leaves a host out of the fleet: no longer listed, expected by live queries or counted by capacity; its history
   * stays. Recorded, with why, in the same transaction. If its agent reports again it is registered anew.
   */
  forget(name: string, why: { actor: string; reason: string }): boolean {
    const entry = this.hosts.get(name);
    if (!entry) return false;
    const now = this.clock.now();
    this.flush();
    const forgotten = this.store.tx(() => {
      if (!this.store.hosts.forget(name, now)) return false;
      const silent = `${Math.round(Math.max(0, now - entry.row.lastSeenMs) / 1000)} s`;
      this.store.events.append({
        atMs: now,
        kind: "host.forgotten",
        host: name,
        message: `${why.actor} forgot ${name} (last heard ${silent} ago)${why.reason ? `: ${why.reason}` : ""}; it comes back if its agent reports again`,
        data: { actor: why.actor, reason: why.reason, lastSeenMs: entry.row.lastSeenMs },
      });
      return true;
    });
    if (!forgotten) return false;
    this.hosts.delete(name);
    this.dirty.delete(name);
    this.claimed.delete(name);
    for (const [id, owner] of this.byInstance) if (owner === name) this.byInstance.delete(id);
    this.membership++;
    return true;
  }

  /** Hosts offline for longer than expireOfflineMs, not held: forgotten by the sweep. */
  private expireOffline(now: number): void {
    const after = this.opts.expireOfflineMs;
    if (after === undefined) return;
    const due = [...this.hosts.values()].filter((e) => e.recorded === "offline" && now - e.row.lastSeenMs > after).map((e) => e.row.name);
    for (const name of due) {
      if (this.opts.isHeld?.(name)) continue;
      this.forget(name, { actor: "controller", reason: `offline for more than ${formatDuration(after)} (--expire-offline)` });
    }
  }

  /**
   * Compares each host's silence with its own heartbeat period and records every liveness change, and the end
   * of every duplicate episode, as an event. Returns how many events it recorded.
   */
  sweep(): number {
    const now = this.clock.now();
    const before = this.pendingEvents.length;
    for (const entry of this.hosts.values()) {
      const current = this.liveness(entry, now);
      if (current !== entry.recorded) this.transition(entry, current, now);
      const windowMs = STALE_AFTER_MISSED * entry.row.heartbeatMs;
      if (entry.tracker.settle(now, windowMs)) {
        this.event({
          atMs: now,
          kind: "host.duplicate-resolved",
          host: entry.row.name,
          message: `only one agent claims ${entry.row.name} now (instance ${entry.tracker.current})`,
          data: { instanceId: entry.tracker.current },
        });
      }
    }
    for (const [id, name] of this.byInstance) {
      if (!this.hosts.get(name)?.tracker.has(id)) this.byInstance.delete(id);
    }
    this.expireOffline(now);
    return this.pendingEvents.length - before;
  }

  /**
   * Writes every changed row and every pending event in one transaction. On a store error nothing is lost from
   * memory: the same rows and events are retried at the next flush.
   */
  flush(): { hosts: number; events: number } {
    if (this.dirty.size === 0 && this.pendingEvents.length === 0) return { hosts: 0, events: 0 };
    const names = [...this.dirty];
    const events = this.pendingEvents;
    try {
      this.store.tx(() => {
        for (const name of names) {
          const entry = this.hosts.get(name);
          if (entry) this.store.hosts.upsert({ ...entry.row, liveness: entry.recorded });
        }
        for (const e of events) this.store.events.append(e);
      });
    } catch (err) {
      this.opts.log?.error({ err, hosts: names.length, events: events.length }, "registry flush failed; retrying at the next flush");
      return { hosts: 0, events: 0 };
    }
    for (const name of names) {
      this.dirty.delete(name);
      const entry = this.hosts.get(name);
      if (entry) entry.persistedSeenMs = entry.row.lastSeenMs;
    }
    this.pendingEvents = this.pendingEvents.slice(events.length);
    return { hosts: names.length, events: events.length };
  }

  /**
   * A new host is written right after the current batch of NATS messages (a microtask), not at the next tick of the
   * timer: commands reference hosts by foreign key, and an API request (a later task) may name it at once. A burst
   * of registrations still lands in few transactions, since one socket read carries many heartbeats.
   */
  private flushSoon(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  private renamed(from: string, to: string, instanceId: string, now: number): void {
    const old = this.hosts.get(from);
    if (old) {
      old.row = { ...old.row, renamedTo: to };
      this.membership++;
      old.tracker.forget(instanceId);
      this.dirty.add(from);
    }
    this.byInstance.delete(instanceId);
    this.event({
      atMs: now,
      kind: "host.renamed",
      host: to,
      message: `agent instance ${instanceId} now reports as ${to} (was ${from}); ${from} will go stale and offline`,
      data: { from, to, instanceId },
    });
  }

  private transition(entry: Entry, to: Liveness, now: number): void {
    const from = entry.recorded;
    const name = entry.row.name;
    const silentMs = Math.max(0, now - entry.row.lastSeenMs);
    const message =
      to === "online"
        ? `${name} is online again`
        : `${name} is ${to}: no heartbeat for ${Math.round(silentMs / 1000)} s (${Math.floor(silentMs / Math.max(entry.row.heartbeatMs, 1))} missed)`;
    entry.recorded = to;
    this.dirty.add(name);
    this.event({ atMs: now, kind: "host.liveness", host: name, message, data: { from, to, lastSeenMs: entry.row.lastSeenMs } });
  }

  /** Liveness by the host's own heartbeat period, with the benefit of the doubt after a restart (see Entry). */
  private liveness(entry: Entry, now: number): Liveness {
    const row = entry.row;
    const heard = entry.loadedAtMs === undefined ? row.lastSeenMs : Math.min(row.lastSeenMs + this.seenPersistMs, entry.loadedAtMs);
    return liveness(Math.max(heard, row.lastSeenMs), row.heartbeatMs, now);
  }

  private event(e: NewEvent): void {
    this.pendingEvents.push(e);
  }

  private view(entry: Entry, now: number): HostView {
    const row = entry.row;
    const view: HostView = {
      ...row,
      liveness: this.liveness(entry, now),
      ageMs: Math.max(0, now - row.lastSeenMs),
    };
    const dup = entry.tracker.duplicate(now, STALE_AFTER_MISSED * row.heartbeatMs);
    if (dup) view.duplicate = dup;
    return view;
  }
}

function expectedKey(filter: StatusFilter): string {
  return JSON.stringify([filter.farm ?? "", Object.entries(filter.tags).sort(), filter.hosts]);
}

/** Host and farm names are lower-case ASCII labels: code-unit order is alphabetical, and much cheaper than localeCompare. */
export function byFarmThenName(a: { farm: string; name: string }, b: { farm: string; name: string }): number {
  if (a.farm !== b.farm) return a.farm < b.farm ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function isLiveness(v: string | undefined): v is Liveness {
  return v === "online" || v === "stale" || v === "offline";
}

function emptyFacts(): Omit<HostRow, "name" | "instanceId" | "agentVersion" | "heartbeatMs" | "counters" | "firstSeenMs" | "lastSeenMs"> {
  return { farm: "default", tags: {}, adapter: "", iisGeneration: 0, cordoned: false, busyCommandId: "", services: [], appPools: [], sites: [] };
}
