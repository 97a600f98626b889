import { v1 } from "@iisfleet/proto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FleetRegistry } from "../src/fleet/registry.js";
import { Store } from "../src/store/index.js";

let now = 1_000_000;
const clock = { now: () => now };
let store: Store;
let registry: FleetRegistry;

function hb(host: string, o: { instanceId?: string; intervalMs?: number; farm?: string } = {}) {
  return v1.Heartbeat.create({
    agentVersion: "0.1.0",
    instanceId: o.instanceId ?? "inst-1",
    intervalMs: o.intervalMs ?? 1_000,
    facts: {
      host,
      farm: o.farm ?? "shop",
      adapter: "simulated",
      iisGeneration: v1.IisGeneration.IIS_GENERATION_7_PLUS,
      services: [{ name: "W3SVC", state: v1.ServiceState.SERVICE_STATE_RUNNING, pid: 1000 }],
    },
    counters: { malformedReceived: 2 },
  });
}

beforeEach(() => {
  store = Store.open(":memory:");
  registry = new FleetRegistry(store, clock);
});
afterEach(() => store.close());

describe("fleet registry", () => {
  it("registers a host on its first heartbeat, with facts and an event", () => {
    expect(registry.recordHeartbeat(hb("web01"), "web01")).toEqual({ accepted: true });
    const h = registry.get("web01");
    expect(h).toMatchObject({ name: "web01", farm: "shop", liveness: "online", services: [{ name: "W3SVC", state: "RUNNING", pid: 1000 }] });
    expect(h?.counters.malformedReceived).toBe(2);
    registry.flush(); // the registry lives in memory and reaches SQLite on its flush
    const kinds = store.db.prepare("SELECT kind FROM events").all();
    expect(kinds).toEqual([{ kind: "host.registered" }]);
  });

  it("refuses a heartbeat whose payload names another host than its subject", () => {
    const r = registry.recordHeartbeat(hb("web02"), "web01");
    expect(r.accepted).toBe(false);
    expect(r.reason).toMatch(/claims to be from "web02"/);
    expect(registry.list()).toEqual([]);
  });

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

  it("records a new agent instance for a known host as an event (restarted or duplicated agent)", () => {
    registry.recordHeartbeat(hb("web01", { instanceId: "a" }), "web01");
    registry.recordHeartbeat(hb("web01", { instanceId: "b" }), "web01");
    registry.flush();
    const ev = store.db.prepare("SELECT kind, message FROM events ORDER BY id").all() as Array<{ kind: string; message: string }>;
    expect(ev.map((e) => e.kind)).toEqual(["host.registered", "host.instance-changed"]);
    expect(ev[1]?.message).toContain("(was a)");
  });
});
