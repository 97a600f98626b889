import { v1 } from "@iisfleet/proto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type WarmableFleet, warmStatusHosts, warmWhenFleetReaches } from "../src/api/routes/status-warmup.js";
import { FleetRegistry } from "../src/fleet/registry.js";
import { Store } from "../src/store/index.js";

const clock = { now: () => 1_000_000 };
let store: Store;
let registry: FleetRegistry;

function beat(host: string, farm: string): void {
  const hb = v1.Heartbeat.create({
    agentVersion: "0.1.0",
    instanceId: `i-${host}`,
    intervalMs: 1_000,
    sentAtMs: clock.now(),
    facts: { host, farm, adapter: "simulated", services: [{ name: "W3SVC", state: v1.ServiceState.SERVICE_STATE_RUNNING, pid: 1 }] },
  });
  registry.recordHeartbeat(hb, host);
}

const farm = (name: string) => ({ farm: name, tags: {}, hosts: [] });
const everyFarm = { tags: {}, hosts: [] };

beforeEach(() => {
  store = Store.open(":memory:");
  registry = new FleetRegistry(store, clock);
});
afterEach(() => {
  vi.useRealTimers();
  registry.close();
  store.close();
});

describe("FleetRegistry.primeExpected", () => {
  it("works out what the whole fleet and its largest farms expect, ahead of the first query, and again after a change", () => {
    for (const h of ["shop1", "shop2", "shop3"]) beat(h, "shop");
    for (const h of ["api1", "api2"]) beat(h, "api");
    beat("lab1", "lab");
    expect(registry.knowsExpected(everyFarm)).toBe(false);
    registry.primeExpected(2);
    expect(registry.knowsExpected(everyFarm)).toBe(true);
    expect(registry.knowsExpected(farm("shop"))).toBe(true);
    expect(registry.knowsExpected(farm("api"))).toBe(true);
    // The smallest farm is left to its first query: the cache keeps few filters.
    expect(registry.knowsExpected(farm("lab"))).toBe(false);
    expect(registry.expectedFor(farm("shop")).ordered).toEqual(["shop1", "shop2", "shop3"]);
    beat("shop4", "shop");
    expect(registry.knowsExpected(farm("shop"))).toBe(false);
    registry.primeExpected(2);
    expect(registry.expectedFor(farm("shop")).ordered).toEqual(["shop1", "shop2", "shop3", "shop4"]);
  });
});

describe("warmWhenFleetReaches", () => {
  it("warms once the fleet reaches its size, then primes the expected hosts whenever membership changed and held still a tick", () => {
    vi.useFakeTimers();
    const fleet = { size: 0, membershipVersion: 0, primed: 0, primeExpected() { this.primed++; } } satisfies WarmableFleet & { primed: number };
    const warmed: number[] = [];
    const stop = warmWhenFleetReaches(fleet, 3, (ms) => warmed.push(ms));
    fleet.size = 2;
    vi.advanceTimersByTime(3_000);
    expect(warmed).toHaveLength(0);
    expect(fleet.primed).toBe(0);
    fleet.size = 3;
    fleet.membershipVersion = 1;
    vi.advanceTimersByTime(1_000);
    expect(warmed).toHaveLength(1);
    expect(fleet.primed).toBe(0); // membership just changed: wait for it to hold still
    vi.advanceTimersByTime(1_000);
    expect(fleet.primed).toBe(1);
    vi.advanceTimersByTime(5_000);
    expect(fleet.primed).toBe(1);
    expect(warmed).toHaveLength(1);
    fleet.membershipVersion = 2;
    vi.advanceTimersByTime(2_000);
    expect(fleet.primed).toBe(2);
    // Stopped with the controller: no more priming after that.
    stop();
    fleet.membershipVersion = 3;
    vi.advanceTimersByTime(5_000);
    expect(fleet.primed).toBe(2);
  });

  it("never warms with a size of 0, and reads IISFLEET_WARM_STATUS_HOSTS as a whole number of hosts", () => {
    expect(warmStatusHosts(undefined)).toBe(1_000);
    expect(warmStatusHosts("0")).toBe(0);
    expect(warmStatusHosts("250")).toBe(250);
    expect(() => warmStatusHosts("lots")).toThrow(/IISFLEET_WARM_STATUS_HOSTS/);
    vi.useFakeTimers();
    const fleet = { size: 10, membershipVersion: 0, primed: 0, primeExpected() { this.primed++; } };
    const warmed: number[] = [];
    warmWhenFleetReaches(fleet, 0, (ms) => warmed.push(ms));
    vi.advanceTimersByTime(5_000);
    expect(warmed).toEqual([]);
    expect(fleet.primed).toBe(0);
  });
});
