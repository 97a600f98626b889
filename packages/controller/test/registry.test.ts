// The fleet registry against real SQLite with an injected clock: liveness transitions as events, duplicate vs
// restart vs rename, the in-memory registry and its flush, and a restarted controller loading it back.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { v1 } from "@iisfleet/proto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StatusFilter } from "../src/fleet/filter.js";
import { FleetRegistry } from "../src/fleet/registry.js";
import { Store } from "../src/store/index.js";

let now = 1_000_000;
const clock = { now: () => now };
let store: Store;
let registry: FleetRegistry;

interface HbOpts {
  instanceId?: string;
  intervalMs?: number;
  farm?: string;
  sentAtMs?: number;
  w3svc?: number;
  tags?: Record<string, string>;
}

function hb(host: string, o: HbOpts = {}) {
  return v1.Heartbeat.create({
    agentVersion: "0.1.0",
    instanceId: o.instanceId ?? "inst-1",
    intervalMs: o.intervalMs ?? 1_000,
    sentAtMs: o.sentAtMs ?? now,
    facts: {
      host,
      farm: o.farm ?? "shop",
      tags: o.tags ?? {},
      adapter: "simulated",
      iisGeneration: v1.IisGeneration.IIS_GENERATION_7_PLUS,
      services: [{ name: "W3SVC", state: o.w3svc ?? v1.ServiceState.SERVICE_STATE_RUNNING, pid: 1000 }],
      health: v1.HealthState.HEALTH_STATE_HEALTHY,
      lastReset: { commandId: "c-1", outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: "OK", finishedAtMs: 999 },
    },
    counters: { malformedReceived: 2 },
  });
}

function events(): Array<{ kind: string; host: string; message: string; data: Record<string, unknown> }> {
  registry.flush();
  return (store.db.prepare("SELECT kind, host, message, data_json FROM events ORDER BY id").all() as Array<{ kind: string; host: string; message: string; data_json: string }>).map(
    (e) => ({ kind: e.kind, host: e.host, message: e.message, data: JSON.parse(e.data_json) as Record<string, unknown> }),
  );
}

const kinds = () => events().map((e) => e.kind);

beforeEach(() => {
  now = 1_000_000;
  store = Store.open(":memory:");
  registry = new FleetRegistry(store, clock);
});
afterEach(() => {
  registry.close();
  store.close();
});

describe("registration", () => {
  it("registers a host on its first heartbeat, with its facts and an event", () => {
    expect(registry.recordHeartbeat(hb("web01"), "web01")).toEqual({ accepted: true });
    const h = registry.get("web01");
    expect(h).toMatchObject({
      name: "web01",
      farm: "shop",
      liveness: "online",
      services: [{ name: "W3SVC", state: "RUNNING", pid: 1000 }],
      health: "healthy",
      lastReset: { commandId: "c-1", outcome: "succeeded", code: "OK", finishedAtMs: 999 },
    });
    expect(h?.counters.malformedReceived).toBe(2);
    expect(h?.duplicate).toBeUndefined();
    expect(kinds()).toEqual(["host.registered"]);
  });

  it("writes a new host to SQLite right after the current batch of messages, not a second later", async () => {
    registry.recordHeartbeat(hb("web01"), "web01");
    expect(store.hosts.get("web01")).toBeUndefined();
    await Promise.resolve(); // the microtask the registry queued
    expect(store.hosts.get("web01")?.farm).toBe("shop");
  });

  it("refuses a heartbeat whose payload names another host than its subject", () => {
    const r = registry.recordHeartbeat(hb("web02"), "web01");
    expect(r.accepted).toBe(false);
    expect(r.reason).toMatch(/claims to be from "web02"/);
    expect(registry.list()).toEqual([]);
  });
});

describe("liveness", () => {
  it("goes stale after 3 missed heartbeats and offline after 10, judged by the agent's own period", () => {
    registry.recordHeartbeat(hb("web01", { intervalMs: 1_000 }), "web01");
    registry.recordHeartbeat(hb("slow01", { intervalMs: 10_000 }), "slow01");
    now += 2_999;
    expect(registry.get("web01")?.liveness).toBe("online");
    now += 1;
    expect(registry.get("web01")?.liveness).toBe("stale");
    expect(registry.get("slow01")?.liveness).toBe("online");
    now += 7_000;
    expect(registry.get("web01")?.liveness).toBe("offline");
    expect(registry.get("web01")?.ageMs).toBe(10_000);
    registry.recordHeartbeat(hb("web01"), "web01");
    expect(registry.get("web01")?.liveness).toBe("online");
  });

  it("the sweep records each transition once, as an event, and the way back online", () => {
    registry.recordHeartbeat(hb("web01"), "web01");
    expect(registry.sweep()).toBe(0);
    now += 3_000;
    expect(registry.sweep()).toBe(1);
    expect(registry.sweep()).toBe(0); // no news, no event
    now += 7_000;
    expect(registry.sweep()).toBe(1);
    registry.recordHeartbeat(hb("web01"), "web01");
    const liveness = events().filter((e) => e.kind === "host.liveness");
    expect(liveness.map((e) => e.data)).toEqual([
      { from: "online", to: "stale", lastSeenMs: 1_000_000 },
      { from: "stale", to: "offline", lastSeenMs: 1_000_000 },
      { from: "offline", to: "online", lastSeenMs: 1_010_000 },
    ]);
    expect(liveness[0]?.message).toBe("web01 is stale: no heartbeat for 3 s (3 missed)");
    expect(liveness[2]?.message).toBe("web01 is online again");
    expect(store.hosts.get("web01")?.liveness).toBe("online");
  });

  it("a host that skips stale (silent for a long time between sweeps) goes straight to offline", () => {
    registry.recordHeartbeat(hb("web01"), "web01");
    now += 60_000;
    registry.sweep();
    expect(events().filter((e) => e.kind === "host.liveness").map((e) => e.data.to)).toEqual(["offline"]);
  });
});

describe("one name, several agent instances", () => {
  it("a restart (the old instance stops, a new one starts) is an instance change, not a duplicate", () => {
    registry.recordHeartbeat(hb("web01", { instanceId: "a" }), "web01");
    now += 1_000;
    registry.recordHeartbeat(hb("web01", { instanceId: "a" }), "web01");
    now += 500;
    registry.recordHeartbeat(hb("web01", { instanceId: "b" }), "web01");
    for (let i = 0; i < 5; i++) {
      now += 1_000;
      registry.recordHeartbeat(hb("web01", { instanceId: "b" }), "web01");
      registry.sweep();
    }
    expect(registry.get("web01")).toMatchObject({ instanceId: "b" });
    expect(registry.get("web01")?.duplicate).toBeUndefined();
    const ev = events();
    expect(ev.map((e) => e.kind)).toEqual(["host.registered", "host.instance-changed"]);
    expect(ev[1]?.message).toContain("(was a)");
  });

  it("the old instance's last heartbeat, delivered after the new one's first, is ignored rather than called a duplicate", () => {
    registry.recordHeartbeat(hb("web01", { instanceId: "a", sentAtMs: now }), "web01");
    now += 1_000;
    registry.recordHeartbeat(hb("web01", { instanceId: "b", sentAtMs: now }), "web01");
    now += 5;
    // Sent by "a" before "b" started, overtaken in the network.
    expect(registry.recordHeartbeat(hb("web01", { instanceId: "a", sentAtMs: now - 100, w3svc: 1 }), "web01").accepted).toBe(true);
    expect(registry.get("web01")).toMatchObject({ instanceId: "b", services: [{ state: "RUNNING" }] });
    expect(registry.get("web01")?.duplicate).toBeUndefined();
    expect(kinds()).not.toContain("host.duplicate");
  });

  it("two live instances alternating on one name are a duplicate, reported with both ids, then resolved", () => {
    registry.recordHeartbeat(hb("web01", { instanceId: "a" }), "web01");
    for (let i = 0; i < 4; i++) {
      now += 500;
      registry.recordHeartbeat(hb("web01", { instanceId: "b" }), "web01");
      now += 500;
      registry.recordHeartbeat(hb("web01", { instanceId: "a" }), "web01");
    }
    const dup = registry.get("web01")?.duplicate;
    expect(dup?.instanceIds.sort()).toEqual(["a", "b"]);
    expect(registry.list()).toHaveLength(1); // one name, one row, flagged: never two hosts, never silently merged
    expect(registry.selectBrief()[0]?.duplicate?.instanceIds.sort()).toEqual(["a", "b"]);
    expect(kinds().filter((k) => k === "host.duplicate")).toHaveLength(1); // one event per episode
    expect(events().find((e) => e.kind === "host.duplicate")?.message).toMatch(/two agents claim the name web01: instances (a and b|b and a)/);

    // "b" is switched off; once it has been silent for the window (3 periods), the episode ends.
    for (let i = 0; i < 4; i++) {
      now += 1_000;
      registry.recordHeartbeat(hb("web01", { instanceId: "a" }), "web01");
      registry.sweep();
    }
    expect(registry.get("web01")?.duplicate).toBeUndefined();
    expect(kinds()).toContain("host.duplicate-resolved");
  });

  it("a duplicate whose second agent runs a lagging clock is still caught, one heartbeat later", () => {
    registry.recordHeartbeat(hb("web01", { instanceId: "a", sentAtMs: now }), "web01");
    now += 500;
    registry.recordHeartbeat(hb("web01", { instanceId: "b", sentAtMs: now }), "web01");
    now += 100; // inside the grace, and "a"'s clock is an hour behind: looks late
    registry.recordHeartbeat(hb("web01", { instanceId: "a", sentAtMs: now - 3_600_000 }), "web01");
    expect(registry.get("web01")?.duplicate).toBeUndefined();
    now += 1_000; // past the grace: an old instance still talking is alive
    registry.recordHeartbeat(hb("web01", { instanceId: "a", sentAtMs: now - 3_600_000 }), "web01");
    expect(registry.get("web01")?.duplicate?.instanceIds.sort()).toEqual(["a", "b"]);
  });

  it("an instance id seen before under another name is a rename: recorded, and the old name goes stale on its own", () => {
    registry.recordHeartbeat(hb("web01", { instanceId: "x" }), "web01");
    now += 1_000;
    registry.recordHeartbeat(hb("web01new", { instanceId: "x" }), "web01new");
    const renamed = events().find((e) => e.kind === "host.renamed");
    expect(renamed).toMatchObject({ host: "web01new", data: { from: "web01", to: "web01new", instanceId: "x" } });
    expect(registry.get("web01")).toMatchObject({ renamedTo: "web01new", liveness: "online" });
    now += 3_000;
    registry.recordHeartbeat(hb("web01new", { instanceId: "x" }), "web01new");
    registry.sweep();
    expect(registry.get("web01")?.liveness).toBe("stale");
    expect(registry.get("web01new")?.liveness).toBe("online");
    expect(kinds().filter((k) => k === "host.registered")).toHaveLength(2);
    // A new agent under the old name makes it a host again.
    registry.recordHeartbeat(hb("web01", { instanceId: "y" }), "web01");
    expect(registry.get("web01")?.renamedTo).toBe("");
  });
});

describe("memory first, SQLite in batches", () => {
  it("flushes changed rows and events in one go, and a new registry on the same file knows the fleet", () => {
    const dir = mkdtempSync(join(tmpdir(), "iisfleet-registry-"));
    const file = join(dir, "r.db");
    try {
      const s1 = Store.open(file);
      const r1 = new FleetRegistry(s1, clock);
      for (const h of ["web01", "web02", "web03"]) r1.recordHeartbeat(hb(h, { instanceId: `i-${h}`, tags: { dc: "fra" } }), h);
      now += 500;
      r1.recordHeartbeat(hb("web02", { instanceId: "i-web02", tags: { dc: "fra" }, w3svc: v1.ServiceState.SERVICE_STATE_STOPPED }), "web02");
      expect(r1.flush()).toEqual({ hosts: 3, events: 3 });
      expect(r1.flush()).toEqual({ hosts: 0, events: 0 });
      s1.close(); // no close() of the registry: what is in SQLite is what a crash leaves

      const s2 = Store.open(file);
      const r2 = new FleetRegistry(s2, clock);
      expect(r2.list().map((h) => h.name)).toEqual(["web01", "web02", "web03"]);
      expect(r2.get("web02")).toMatchObject({ tags: { dc: "fra" }, services: [{ name: "W3SVC", state: "STOPPED" }], liveness: "online" });
      // The instance index survives too: the same agent under a new name is a rename.
      r2.recordHeartbeat(hb("web04", { instanceId: "i-web01" }), "web04");
      r2.close();
      const renamed = s2.db.prepare("SELECT data_json FROM events WHERE kind = 'host.renamed'").get() as { data_json: string };
      expect(JSON.parse(renamed.data_json)).toMatchObject({ from: "web01", to: "web04" });
      s2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a heartbeat that changes nothing but the time is not rewritten every second", () => {
    const r = new FleetRegistry(store, clock, { seenPersistMs: 10_000 });
    r.recordHeartbeat(hb("web01"), "web01");
    expect(r.flush().hosts).toBe(1);
    now += 1_000;
    r.recordHeartbeat(hb("web01"), "web01");
    expect(r.flush().hosts).toBe(0);
    expect(r.get("web01")?.lastSeenMs).toBe(now); // memory is the truth
    now += 1_000;
    r.recordHeartbeat(hb("web01", { w3svc: v1.ServiceState.SERVICE_STATE_STOPPED }), "web01");
    expect(r.flush().hosts).toBe(1); // a fact changed: written at once
    now += 10_000;
    r.recordHeartbeat(hb("web01", { w3svc: v1.ServiceState.SERVICE_STATE_STOPPED }), "web01");
    expect(r.flush().hosts).toBe(1); // last seen is due
    now += 1_000;
    r.recordHeartbeat(hb("web01", { w3svc: v1.ServiceState.SERVICE_STATE_STOPPED }), "web01");
    r.close(); // shutdown writes every last-seen time
    expect(store.hosts.get("web01")?.lastSeenMs).toBe(now);
  });

  it("after a restart, a host is not called stale for silence the controller could not hear", () => {
    const r1 = new FleetRegistry(store, clock, { seenPersistMs: 60_000 });
    r1.recordHeartbeat(hb("web01"), "web01");
    r1.recordHeartbeat(hb("dead01"), "dead01");
    r1.flush();
    now += 50_000; // web01 kept beating, but only its first heartbeat reached SQLite; then the controller died
    const r2 = new FleetRegistry(store, clock, { seenPersistMs: 60_000 });
    now += 1_000;
    expect(r2.sweep()).toBe(0);
    expect(r2.get("web01")?.liveness).toBe("online");
    now += 3_000; // three periods after the restart, still nothing from dead01: now that is news
    r2.recordHeartbeat(hb("web01"), "web01");
    expect(r2.sweep()).toBe(1);
    expect(r2.get("dead01")?.liveness).toBe("stale");
    expect(r2.get("web01")?.liveness).toBe("online");
  });

  it("a store error keeps rows and events in memory for the next flush", () => {
    registry.recordHeartbeat(hb("web01"), "web01");
    const upsert = store.hosts.upsert.bind(store.hosts);
    store.hosts.upsert = () => {
      throw new Error("disk full");
    };
    expect(registry.flush()).toEqual({ hosts: 0, events: 0 });
    expect(store.db.prepare("SELECT count(*) AS n FROM events").get()).toEqual({ n: 0 });
    store.hosts.upsert = upsert;
    expect(registry.flush()).toEqual({ hosts: 1, events: 1 });
  });
});

describe("selection", () => {
  it("filters by farm, tags and names, sorted by farm then name", () => {
    registry.recordHeartbeat(hb("web02", { farm: "shop", tags: { dc: "fra" } }), "web02");
    registry.recordHeartbeat(hb("web01", { farm: "shop", tags: { dc: "ams" } }), "web01");
    registry.recordHeartbeat(hb("api01", { farm: "api", tags: { dc: "fra" } }), "api01");
    expect(registry.select().map((h) => h.name)).toEqual(["api01", "web01", "web02"]);
    expect(registry.select({ farm: "shop", tags: {}, hosts: [] }).map((h) => h.name)).toEqual(["web01", "web02"]);
    expect(registry.select({ tags: { dc: "fra" }, hosts: [] }).map((h) => h.name)).toEqual(["api01", "web02"]);
    expect(registry.selectBrief({ tags: {}, hosts: ["web02", "nope"] }).map((h) => h.name)).toEqual(["web02"]);
  });

  it("names the hosts a live query expects by the same filter, leaving out a renamed host's old name unless it is named", () => {
    registry.recordHeartbeat(hb("web02", { farm: "shop", tags: { dc: "fra" } }), "web02");
    registry.recordHeartbeat(hb("web01", { farm: "shop", tags: { dc: "ams" }, instanceId: "i-web01" }), "web01");
    registry.recordHeartbeat(hb("api01", { farm: "api", tags: { dc: "fra" }, instanceId: "i-api01" }), "api01");
    const sorted = (xs: string[]) => [...xs].sort();
    const filters: StatusFilter[] = [
      { tags: {}, hosts: [] },
      { farm: "shop", tags: {}, hosts: [] },
      { tags: { dc: "fra" }, hosts: [] },
      { farm: "shop", tags: { dc: "fra" }, hosts: [] },
      { tags: {}, hosts: ["web02", "nope", "api01"] },
    ];
    for (const f of filters) {
      expect(sorted([...registry.expectedFor(f).names])).toEqual(registry.selectBrief(f).map((h) => h.name));
    }
    // web01's agent now reports as web09: web01 has no agent left, and is expected only when asked for by name.
    registry.recordHeartbeat(hb("web09", { farm: "shop", instanceId: "i-web01" }), "web09");
    expect(sorted([...registry.expectedFor({ farm: "shop", tags: {}, hosts: [] }).names])).toEqual(["web02", "web09"]);
    expect([...registry.expectedFor({ tags: {}, hosts: ["web01"] }).names]).toEqual(["web01"]);
  });

  it("remembers a filter's expected hosts, in answer order, until a host is added, renamed or changes farm or tags", () => {
    const f: StatusFilter = { farm: "shop", tags: { dc: "fra" }, hosts: [] };
    const check = () => {
      const e = registry.expectedFor(f);
      const brief = registry.selectBrief(f).filter((h) => !h.renamedTo).map((h) => h.name);
      expect(e.ordered).toEqual(brief);
      expect([...e.names].sort()).toEqual([...brief].sort());
    };
    registry.recordHeartbeat(hb("web02", { farm: "shop", tags: { dc: "fra" }, instanceId: "i2" }), "web02");
    check();
    registry.recordHeartbeat(hb("web01", { farm: "shop", tags: { dc: "fra" }, instanceId: "i1" }), "web01"); // added
    check();
    registry.recordHeartbeat(hb("web01", { farm: "shop", tags: { dc: "ams" }, instanceId: "i1" }), "web01"); // tags
    check();
    registry.recordHeartbeat(hb("web01", { farm: "shop", tags: { dc: "fra" }, instanceId: "i1" }), "web01");
    check();
    registry.recordHeartbeat(hb("web02", { farm: "api", tags: { dc: "fra" }, instanceId: "i2" }), "web02"); // farm
    check();
    registry.recordHeartbeat(hb("web03", { farm: "shop", tags: { dc: "fra" }, instanceId: "i1" }), "web03"); // renamed
    check();
    expect(registry.expectedFor(f).ordered).toEqual(["web03"]);
    registry.recordHeartbeat(hb("web01", { farm: "shop", tags: { dc: "fra" }, instanceId: "i9" }), "web01"); // in use again
    check();
    expect(registry.expectedFor(f).ordered).toEqual(["web01", "web03"]);
    // A heartbeat that changes nothing of that leaves the remembered names as they are: the same set, not a copy.
    const before = registry.expectedFor(f).names;
    registry.recordHeartbeat(hb("web01", { farm: "shop", tags: { dc: "fra" }, instanceId: "i9", w3svc: 1 }), "web01");
    expect(registry.expectedFor(f).names).toBe(before);
  });

  it("reports a duplicate to live queries while it lasts, and not after it ended", () => {
    registry.recordHeartbeat(hb("web01", { instanceId: "a" }), "web01");
    registry.recordHeartbeat(hb("web02", { instanceId: "c" }), "web02");
    for (const id of ["b", "a", "b"]) {
      now += 200;
      registry.recordHeartbeat(hb("web01", { instanceId: id }), "web01");
    }
    expect([...registry.expectedFor({ tags: {}, hosts: [] }).duplicates.keys()]).toEqual(["web01"]);
    // Only b speaks from now on: once a falls silent for the window the episode ends.
    for (let i = 0; i < 10; i++) {
      now += 1_000;
      registry.recordHeartbeat(hb("web01", { instanceId: "b" }), "web01");
      registry.sweep();
    }
    expect(registry.duplicateOf("web01")).toBeUndefined();
    expect(registry.expectedFor({ tags: {}, hosts: [] }).duplicates.size).toBe(0);
  });

  it("gives one host's brief, and its duplicate claimants, by name", () => {
    registry.recordHeartbeat(hb("web01", { instanceId: "a" }), "web01");
    expect(registry.briefOf("web01")).toEqual(registry.selectBrief()[0]);
    expect(registry.briefOf("nope")).toBeUndefined();
    expect(registry.duplicateOf("web01")).toBeUndefined();
    expect(registry.duplicateOf("nope")).toBeUndefined();
    now += 500;
    registry.recordHeartbeat(hb("web01", { instanceId: "b" }), "web01");
    now += 500;
    registry.recordHeartbeat(hb("web01", { instanceId: "a" }), "web01");
    expect(registry.duplicateOf("web01")?.instanceIds.sort()).toEqual(["a", "b"]);
    expect(registry.briefOf("web01")?.duplicate).toEqual(registry.duplicateOf("web01"));
    // ...and a live query learns of it with the names it expects.
    expect(registry.expectedFor({ tags: {}, hosts: [] }).duplicates.get("web01")?.sort()).toEqual(["a", "b"]);
    expect(registry.expectedFor({ farm: "other", tags: {}, hosts: [] }).duplicates.size).toBe(0);
  });
});

describe("forgetting a host", () => {
  it("leaves it out of the fleet and live queries, keeps its history, and takes it back when its agent reports", () => {
    registry.recordHeartbeat(hb("web01", { instanceId: "i-1" }), "web01");
    registry.recordHeartbeat(hb("web02", { instanceId: "i-2" }), "web02");
    const before = registry.expectedFor({ tags: {}, hosts: [] }).ordered;
    expect(before).toEqual(["web01", "web02"]);
    now += 60_000;
    expect(registry.forget("web02", { actor: "ops", reason: "decommissioned" })).toBe(true);
    expect(registry.list().map((h) => h.name)).toEqual(["web01"]);
    expect(registry.expectedFor({ tags: {}, hosts: [] }).ordered).toEqual(["web01"]);
    expect(store.hosts.get("web02")).toBeUndefined();
    expect(store.hosts.everKnown("web02")).toBe(true);
    const forgotten = events().find((e) => e.kind === "host.forgotten");
    expect(forgotten).toMatchObject({ host: "web02", data: { actor: "ops", reason: "decommissioned" } });
    expect(forgotten?.message).toMatch(/^ops forgot web02 \(last heard 60 s ago\): decommissioned/);
    // A restarted controller does not load it back.
    expect(new FleetRegistry(store, clock).list().map((h) => h.name)).toEqual(["web01"]);
    // Twice is a no-op; an unknown name too.
    expect(registry.forget("web02", { actor: "ops", reason: "" })).toBe(false);
    expect(registry.forget("nosuch", { actor: "ops", reason: "" })).toBe(false);
    // Its agent reports again: registered anew, and in SQLite again.
    registry.recordHeartbeat(hb("web02", { instanceId: "i-2" }), "web02");
    registry.flush();
    expect(registry.list().map((h) => h.name)).toEqual(["web01", "web02"]);
    expect(store.hosts.get("web02")?.name).toBe("web02");
  });

  it("--expire-offline forgets hosts offline for longer than the limit, except those held by a rollout", () => {
    const held = new Set(["web03"]);
    const r = new FleetRegistry(store, clock, { expireOfflineMs: 3_600_000, isHeld: (n) => held.has(n) });
    for (const h of ["web01", "web02", "web03"]) r.recordHeartbeat(hb(h, { instanceId: `i-${h}` }), h);
    now += 30_000;
    r.recordHeartbeat(hb("web01", { instanceId: "i-web01" }), "web01");
    r.sweep(); // web02 and web03 are offline now, not yet for an hour
    expect(r.list().map((h) => h.name)).toEqual(["web01", "web02", "web03"]);
    now += 3_600_000;
    r.recordHeartbeat(hb("web01", { instanceId: "i-web01" }), "web01");
    r.sweep();
    expect(r.list().map((h) => h.name)).toEqual(["web01", "web03"]);
    r.flush();
    const e = store.db.prepare("SELECT message FROM events WHERE kind = 'host.forgotten'").all() as Array<{ message: string }>;
    expect(e.map((x) => x.message)).toEqual([expect.stringMatching(/^controller forgot web02 .*offline for more than 1h \(--expire-offline\)/)]);
    held.clear();
    r.sweep();
    expect(r.list().map((h) => h.name)).toEqual(["web01"]);
    r.close();
  });
});
