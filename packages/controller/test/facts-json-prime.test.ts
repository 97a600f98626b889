// Heartbeats fill the facts JSON that detailed live queries reuse (FleetRegistry.factsJson): the first detailed
// query after a start finds each host's facts JSON ready for the facts bytes its answer carries. Real registry
// over real SQLite; heartbeats encoded as agents encode them.
import { encodeHeartbeatStatement, encodeHostFacts, heartbeatFactsBytes, v1 } from "@iisfleet/proto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { factsJsonMembers } from "../src/fleet/facts.js";
import { FleetRegistry } from "../src/fleet/registry.js";
import { Store } from "../src/store/index.js";

let store: Store;
let registry: FleetRegistry;
beforeEach(() => {
  store = Store.open(":memory:");
  registry = new FleetRegistry(store, { now: () => 1_000_000 });
});
afterEach(() => store.close());

const facts = (farm: string): v1.IHostFacts => ({
  host: "web01",
  farm,
  adapter: "simulated",
  services: [{ name: "W3SVC", state: v1.ServiceState.SERVICE_STATE_RUNNING, pid: 4 }],
  appPools: [{ name: "DefaultAppPool", started: true, workerPids: [7] }],
});
const heartbeat = (f: v1.IHostFacts) => encodeHeartbeatStatement({ agentVersion: "1", instanceId: "i-1", intervalMs: 10_000, startedAtMs: 1 }, encodeHostFacts(f));
const noDecode = (): v1.IHostFacts => {
  throw new Error("decoded although the JSON was ready");
};

describe("facts JSON primed by heartbeats", () => {
  it("a heartbeat's facts bytes give the JSON a detailed answer with the same bytes reuses, and new facts replace it", () => {
    const payload = heartbeat(facts("shop"));
    const bytes = heartbeatFactsBytes(payload);
    expect(bytes && Buffer.from(bytes).equals(Buffer.from(encodeHostFacts(facts("shop"))))).toBe(true);
    expect(registry.recordHeartbeat(v1.Heartbeat.decode(payload), "web01", bytes).accepted).toBe(true);
    const answerFacts = encodeHostFacts(facts("shop"));
    expect(registry.factsJson.jsonOf("web01", answerFacts, noDecode)).toBe(factsJsonMembers(facts("shop")));
    const moved = heartbeat(facts("shop2"));
    registry.recordHeartbeat(v1.Heartbeat.decode(moved), "web01", heartbeatFactsBytes(moved));
    expect(registry.factsJson.jsonOf("web01", encodeHostFacts(facts("shop2")), noDecode)).toBe(factsJsonMembers(facts("shop2")));
    expect(() => registry.factsJson.jsonOf("web01", answerFacts, noDecode)).toThrow(/decoded/);
  });

  it("reads facts bytes only where a heartbeat begins with them", () => {
    expect(heartbeatFactsBytes(v1.Heartbeat.encode({ agentVersion: "1" }).finish())).toBeUndefined();
    expect(heartbeatFactsBytes(Uint8Array.of(10, 0x80, 0x80))).toBeUndefined();
    expect(heartbeatFactsBytes(Uint8Array.of(10, 5, 1))).toBeUndefined();
  });
});
