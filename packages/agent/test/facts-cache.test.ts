import type { IHostFacts } from "@iisfleet/proto";
import { describe, expect, it } from "vitest";
import { type AgentStatus, collectFacts } from "../src/host/facts.js";
import { FactsCache, HostReadings } from "../src/transport/facts-cache.js";

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

describe("HostReadings: the host's side of the facts, read off the heartbeat path", () => {
  function countingPort() {
    const calls: string[] = [];
    let fail = false;
    let services = 1;
    const port = {
      adapter: "windows" as const,
      iisGeneration: async () => {
        calls.push("iisGeneration");
        return "iis7plus" as const;
      },
      listServices: async () => {
        calls.push("listServices");
        if (fail) throw new Error("PowerShell timed out");
        return Array.from({ length: services }, (_, i) => ({ name: i === 0 ? "WAS" : `S${i}`, displayName: "", state: 4, dependsOn: [], checkpoint: 0, waitHintMs: 0, pid: 10, acceptsStop: true }));
      },
      listAppPools: async () => {
        calls.push("listAppPools");
        return [{ name: "DefaultAppPool", started: true, workerPids: [] }];
      },
    };
    return { port, calls, setFail: (f: boolean) => (fail = f), setServices: (n: number) => (services = n) };
  }
  const id = { host: "web01", farm: "f", tags: {} };

  it("collecting facts for every heartbeat reads the host every time (the old path: 2 PowerShell calls a beat)", async () => {
    const p = countingPort();
    const cache = new FactsCache((s) => collectFacts(p.port, id, s), clock, 0);
    for (let i = 0; i < 6; i++) await cache.get(status());
    expect(p.calls.filter((c) => c !== "iisGeneration")).toHaveLength(12);
  });

  it("heartbeats cost the host nothing after the first reading; the timer refreshes when the readings age", async () => {
    const p = countingPort();
    const readings = new HostReadings(p.port, { refreshMs: 60_000, clock });
    const cache = new FactsCache((s) => collectFacts(readings, id, s), clock, 0);
    await cache.get(status());
    const first = p.calls.length;
    for (let i = 0; i < 6; i++) {
      now += 10_000;
      await cache.get(status());
    }
    expect(p.calls.length).toBe(first); // six heartbeats, no host call
    now += 1;
    readings.tick(); // 60 001 ms after the first reading
    await readings.refresh();
    expect(p.calls.slice(first)).toEqual(["iisGeneration", "listServices", "listAppPools"]);
  });

  it("leaves the host alone while a command runs, and refreshes as soon as it has finished", async () => {
    const p = countingPort();
    let busy = false;
    let commands = 0;
    const readings = new HostReadings(p.port, { refreshMs: 60_000, busy: () => busy, commands: () => commands, clock });
    await readings.refresh();
    readings.tick();
    p.calls.length = 0;
    busy = true;
    commands = 1;
    now += 120_000;
    readings.tick();
    expect(p.calls).toEqual([]); // aged, but the engine's calls go first
    busy = false;
    p.setServices(2);
    readings.tick();
    await new Promise((r) => setTimeout(r, 10));
    expect(p.calls).toEqual(["iisGeneration", "listServices", "listAppPools"]);
    expect((await collectFacts(readings, id, status())).services).toHaveLength(1); // only WAS is IIS; S1 is not
    expect(await readings.listServices()).toHaveLength(2);
  });

  it("refreshes after a command that started and finished between two ticks", async () => {
    const p = countingPort();
    let commands = 0;
    const readings = new HostReadings(p.port, { refreshMs: 60_000, commands: () => commands, clock });
    await readings.refresh();
    readings.tick();
    p.calls.length = 0;
    commands = 1; // a recycle took 2 s, never seen busy by the 5 s tick
    readings.tick();
    await new Promise((r) => setTimeout(r, 10));
    expect(p.calls).toContain("listServices");
    p.calls.length = 0;
    readings.tick();
    await new Promise((r) => setTimeout(r, 10));
    expect(p.calls).toEqual([]); // nothing new: no call
  });

  it("keeps the last readings when a refresh fails, and says why", async () => {
    const p = countingPort();
    const errors: unknown[] = [];
    const readings = new HostReadings(p.port, { refreshMs: 1_000, clock, onError: (e) => errors.push(e) });
    await readings.refresh();
    p.setFail(true);
    now += 5_000;
    readings.tick();
    await new Promise((r) => setTimeout(r, 10));
    expect(errors).toHaveLength(1);
    expect(await readings.listServices()).toHaveLength(1);
  });

  it("makes the first reader wait for, and see the failure of, a first reading", async () => {
    const p = countingPort();
    p.setFail(true);
    const readings = new HostReadings(p.port, { clock });
    await expect(readings.listServices()).rejects.toThrow("PowerShell timed out");
  });
});
