import type { IHostFacts } from "@iisfleet/proto";
import { describe, expect, it } from "vitest";
import type { AgentStatus } from "../src/host/facts.js";
import { FactsCache } from "../src/transport/facts-cache.js";

let now = 0;
const clock = { now: () => now, sleep: async () => {} };
const status = (o: Partial<AgentStatus> = {}): AgentStatus => ({
  cordoned: false,
  cordonReason: "",
  busyCommandId: undefined,
  health: "healthy",
  lastReset: undefined,
  ...o,
});

function counting() {
  let calls = 0;
  const collect = async (s: AgentStatus): Promise<IHostFacts> => ({ host: "web01", farm: "f", cordoned: s.cordoned, adapter: `call-${++calls}` });
  return { collect, calls: () => calls };
}

describe("the agent's facts cache", () => {
  it("with no age limit configured, collects for every question (a real host)", async () => {
    const c = counting();
    const cache = new FactsCache(c.collect, clock, 0);
    await cache.get(status());
    await cache.get(status());
    expect(c.calls()).toBe(2);
    expect(cache.peek(status())).toBeUndefined();
  });

  it("reuses facts while fresh, and collects again when they age, change, or the agent's own state moves", async () => {
    const c = counting();
    const cache = new FactsCache(c.collect, clock, 1_000);
    const first = await cache.get(status());
    expect(cache.peek(status())).toBe(first);
    expect(first.encoded()).toBe(first.encoded()); // encoded once
    now += 999;
    await cache.get(status());
    expect(c.calls()).toBe(1);
    now += 1;
    await cache.get(status());
    expect(c.calls()).toBe(2); // aged out
    cache.invalidate();
    await cache.get(status());
    expect(c.calls()).toBe(3); // the host said it changed
    const cordoned = await cache.get(status({ cordoned: true, cordonReason: "patch" }));
    expect(c.calls()).toBe(4);
    expect(cordoned.facts.cordoned).toBe(true);
    await cache.get(status({ cordoned: true, cordonReason: "patch", busyCommandId: "c1" }));
    expect(c.calls()).toBe(5);
  });
});
