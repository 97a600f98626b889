// Rollouts and maintenance windows, against the real scheduler and SQLite with an injected clock: weeks of schedule
// run in milliseconds and every assertion is about schedule time, never wall time. Resets "take" a set time by
// moving the clock (test/support/window-harness.ts).
import { afterEach, describe, expect, it } from "vitest";
import { HOUR, MIN, FakeClock, TimedAgents, at, cleanUp, controller, definition, named, utc } from "./support/window-harness.js";

afterEach(cleanUp);

/** Sun 02:00–05:00 Europe/Berlin (01:00–04:00 UTC in winter), cutoff 20 min: nothing starts after 03:40 UTC. */
const NIGHTLY = { name: "nightly", cron: "0 2 * * SUN", timeZone: "Europe/Berlin", durationMs: 3 * HOUR, cutoffMs: 20 * MIN, farm: "shop", farmDefault: true };

function farm(hosts: string[], takesMs: number, historyMs: number | null, start = "2025-01-11T12:00:00Z") {
  const clock = new FakeClock(at(start));
  const agents = new TimedAgents(clock);
  agents.defaultTakesMs = takesMs;
  const c = controller(clock, agents);
  for (const h of hosts) c.heartbeat(h);
  if (historyMs !== null) for (const h of hosts) c.history(h, [historyMs, historyMs, historyMs]);
  return { clock, agents, c };
}

describe("a rollout bound to a window", () => {
  it("waits for the window, runs, pauses at the cutoff, and resumes at the next opening", async () => {
    const hosts = named("web", 6);
    const { clock, agents, c } = farm(hosts, 40 * MIN, 40 * MIN);
    c.addWindow(NIGHTLY);
    const { detail } = c.service.start(definition(), "alice");
    const id = detail.rollout.id;
    expect(detail.rollout.state).toBe("waiting-for-window");
    expect(detail.rollout.reason).toBe("window nightly is closed; it next opens Sun 2025-01-12 02:00 GMT+1 Europe/Berlin (2025-01-12 01:00 UTC)");
    expect(detail.rollout.definition.window).toMatchObject({ name: "nightly", source: "farm-default", cutoffMs: 20 * MIN });

    clock.set("2025-01-12T00:59:59Z");
    await c.drive();
    expect(agents.executed).toEqual([]);
    expect(c.detail(id).rollout.state).toBe("waiting-for-window");

    clock.set("2025-01-12T01:00:00Z");
    await c.drive();
    // 40-minute resets: 01:00, 01:40, 02:20, 03:00 (ends 03:40, exactly the cutoff); the fifth would end 04:20.
    expect(agents.executed.map((e) => [e.host, utc(e.atMs)])).toEqual([
      ["web01", "2025-01-12T01:00:00.000Z"],
      ["web02", "2025-01-12T01:40:00.000Z"],
      ["web03", "2025-01-12T02:20:00.000Z"],
      ["web04", "2025-01-12T03:00:00.000Z"],
    ]);
    const paused = c.detail(id);
    expect(paused.rollout.state).toBe("waiting-for-window");
    expect(paused.rollout.reason).toBe(
      "window nightly is past its cutoff (nothing starts after Sun 2025-01-12 04:40 GMT+1 Europe/Berlin (2025-01-12 03:40 UTC)); " +
        "it next opens Sun 2025-01-19 02:00 GMT+1 Europe/Berlin (2025-01-19 01:00 UTC)",
    );
    expect(paused.summary).toMatchObject({ healthy: 4, queued: 2 });

    clock.set("2025-01-18T23:00:00Z"); // days pass; still closed
    await c.drive();
    expect(agents.executed).toHaveLength(4);

    clock.set("2025-01-19T01:00:00Z");
    await c.drive();
    const done = c.detail(id);
    expect(done.rollout.state).toBe("succeeded");
    expect(agents.startsOf("web05")).toEqual(["2025-01-19T01:00:00.000Z"]);
    expect(agents.startsOf("web06")).toEqual(["2025-01-19T01:40:00.000Z"]);
    expect(c.windowEvents(id)).toEqual([
      expect.stringMatching(/^waiting: window nightly is closed/),
      expect.stringMatching(/^window nightly is open \(batches start until Sun 2025-01-12 04:40 GMT\+1 .*\): starting batch 1 of 6$/),
      expect.stringMatching(/^waiting with 2 hosts left: window nightly is past its cutoff/),
      expect.stringMatching(/^window nightly is open \(batches start until Sun 2025-01-19 04:40 GMT\+1 .*\): starting batch 5 of 6$/),
    ]);
  });

  it("never cuts off a reset already running, and starts nothing more once the cutoff has passed", async () => {
    const { clock, agents, c } = farm(["web01", "web02", "web03"], 30 * MIN, 30 * MIN, "2025-01-12T03:00:00Z");
    c.addWindow(NIGHTLY);
    // One batch of three, at most one out of service: web02 and web03 wait for capacity behind web01.
    agents.hold("web01");
    agents.takesMs.set("web01", 2 * HOUR); // far past the window's end
    const { detail } = c.service.start(definition({ batch: [{ kind: "count", n: 3 }], maxUnavailable: { kind: "count", n: 1 } }), "alice");
    const id = detail.rollout.id;
    const stepping = c.runner.step(); // web01 starts at 03:00 and is in flight
    expect(c.detail(id).hosts.map((h) => h.state)).toEqual(["resetting", "queued", "queued"]);
    clock.set("2025-01-12T03:45:00Z"); // past the 03:40 cutoff while web01 resets
    const again = c.runner.step();
    expect(c.detail(id).rollout.reason).toMatch(/past its cutoff .*; hosts already resetting finish, no other starts$/);
    agents.release("web01");
    await Promise.all([stepping, again]);
    await c.drive();
    const d = c.detail(id);
    expect(d.hosts.find((h) => h.host === "web01")).toMatchObject({ state: "healthy", finishedMs: at("2025-01-12T05:45:00Z") });
    expect(d.rollout.state).toBe("waiting-for-window");
    expect(d.summary).toMatchObject({ healthy: 1, queued: 2 });
    expect(agents.executed.map((e) => e.host)).toEqual(["web01"]);
  });

  it("--on-window-end fail: the rollout fails when the window ends with hosts left, and touches none of them", async () => {
    const { clock, agents, c } = farm(named("web", 6), 40 * MIN, 40 * MIN);
    c.addWindow(NIGHTLY);
    const { detail } = c.service.start(definition({ onWindowEnd: "fail" }), "alice");
    const id = detail.rollout.id;
    await c.drive();
    // Not started yet: waiting for the first opening is not "the window ended with hosts left".
    expect(c.detail(id).rollout.state).toBe("waiting-for-window");
    clock.set("2025-01-12T01:00:00Z");
    await c.drive();
    const d = c.detail(id);
    expect(d.rollout.state).toBe("failed");
    expect(d.rollout.reason).toMatch(/^window nightly is past its cutoff .*; 2 hosts left \(--on-window-end fail\)$/);
    expect(agents.executed).toHaveLength(4);
    expect(d.hosts.slice(4).map((h) => [h.host, h.state, h.attempts])).toEqual([["web05", "queued", 0], ["web06", "queued", 0]]);
  });

  it("a batch starts only if the p95 of its hosts' recorded resets ends before the cutoff", async () => {
    const clock = new FakeClock(at("2025-01-12T03:00:00Z"));
    const agents = new TimedAgents(clock);
    agents.defaultTakesMs = 5 * MIN;
    const c = controller(clock, agents);
    c.heartbeat("fast01");
    c.heartbeat("slow01");
    c.history("fast01", [5 * MIN, 4 * MIN, 5 * MIN]);
    c.history("slow01", [10 * MIN, 50 * MIN, 45 * MIN]); // p95 = 50 min
    c.addWindow(NIGHTLY);
    const { detail } = c.service.start(definition(), "alice");
    await c.drive();
    const d = c.detail(detail.rollout.id);
    // fast01 03:00–03:05; slow01 would end 03:55, after the 03:40 cutoff.
    expect(agents.executed.map((e) => e.host)).toEqual(["fast01"]);
    expect(d.rollout.state).toBe("waiting-for-window");
    expect(d.rollout.reason).toMatch(/^batch 2 \(expected 50m\) does not fit before the cutoff of window nightly at .*\(2025-01-12 03:40 UTC\); window nightly next opens .*\(2025-01-19 01:00 UTC\)$/);
  });

  it("a host without history counts as the stated default (30 s)", async () => {
    const { clock, agents, c } = farm(["new01"], 10_000, null, "2025-01-12T03:39:40Z");
    c.addWindow(NIGHTLY);
    const { detail } = c.service.start(definition(), "alice");
    expect(detail.rollout.reason).toMatch(/^batch 1 \(expected 30s\) does not fit before the cutoff of window nightly/);
    await c.drive();
    expect(agents.executed).toEqual([]);
    clock.set("2025-01-19T03:39:00Z"); // 60 s before the next cutoff: 30 s fits
    await c.drive();
    expect(c.detail(detail.rollout.id).rollout.state).toBe("succeeded");
  });

  it("a blackout overlapping the window pauses the rollout inside it; work must end before the blackout begins", async () => {
    const hosts = named("web", 6);
    const { clock, agents, c } = farm(hosts, 20 * MIN, 20 * MIN, "2025-01-12T01:00:00Z");
    c.addWindow(NIGHTLY);
    // Every Sunday 03:00–04:00 Berlin (02:00–03:00 UTC), for every host.
    c.addWindow({ name: "freeze", cron: "0 3 * * SUN", timeZone: "Europe/Berlin", durationMs: HOUR, blackout: true });
    const { detail } = c.service.start(definition(), "alice");
    const id = detail.rollout.id;
    await c.drive();
    expect(agents.executed.map((e) => utc(e.atMs))).toEqual(["2025-01-12T01:00:00.000Z", "2025-01-12T01:20:00.000Z", "2025-01-12T01:40:00.000Z"]);
    expect(c.detail(id).rollout.reason).toBe("blackout freeze is on until Sun 2025-01-12 04:00 GMT+1 Europe/Berlin (2025-01-12 03:00 UTC)");
    clock.set("2025-01-12T02:59:59Z");
    await c.drive();
    expect(agents.executed).toHaveLength(3);
    clock.set("2025-01-12T03:00:00Z");
    await c.drive();
    expect(agents.executed.slice(3).map((e) => utc(e.atMs))).toEqual(["2025-01-12T03:00:00.000Z", "2025-01-12T03:20:00.000Z"]);
    expect(c.detail(id).rollout.reason).toMatch(/^window nightly is past its cutoff/);
    clock.set("2025-01-19T01:00:00Z");
    await c.drive();
    expect(c.detail(id).rollout.state).toBe("succeeded");
    const inBlackout = agents.executed.filter((e) => e.atMs >= at("2025-01-12T02:00:00Z") && e.atMs < at("2025-01-12T03:00:00Z"));
    expect(inBlackout).toEqual([]);
  });

  it("a blackout holds a rollout no window applies to, also one added while it runs", async () => {
    const { clock, agents, c } = farm(["api01", "api02", "api03"], HOUR, HOUR, "2025-01-08T01:00:00Z");
    c.addWindow({ name: "nightly-freeze", cron: "0 0 * * *", timeZone: "UTC", durationMs: 6 * HOUR, blackout: true, farm: "shop" });
    const { detail } = c.service.start(definition(), "alice");
    const id = detail.rollout.id;
    expect(detail.rollout.definition.window).toBeUndefined();
    expect(detail.rollout.reason).toBe("blackout nightly-freeze is on until 2025-01-08 06:00 UTC");
    clock.set("2025-01-08T06:00:00Z");
    await c.runner.step(); // api01 06:00–07:00
    expect(agents.executed.map((e) => e.host)).toEqual(["api01"]);
    // An incident: freeze everything from 07:30, for a day. api02 (07:00, 1 h) would run into it.
    c.addWindow({ name: "incident", cron: "30 7 8 1 *", timeZone: "UTC", durationMs: 24 * HOUR, blackout: true });
    await c.drive();
    expect(c.detail(id).rollout.reason).toMatch(/^batch 2 \(expected 1h\) does not fit before blackout incident, which begins 2025-01-08 07:30 UTC; the blackout ends 2025-01-09 07:30 UTC$/);
    clock.set("2025-01-09T07:30:00Z");
    await c.drive();
    expect(c.detail(id).rollout.state).toBe("succeeded");
    expect(agents.startsOf("api02")).toEqual(["2025-01-09T07:30:00.000Z"]);
  });

  it("--now starts outside any window and through a blackout, recorded with who and why", async () => {
    const { agents, c } = farm(named("web", 2), 10 * MIN, 10 * MIN, "2025-01-08T12:00:00Z");
    c.addWindow(NIGHTLY);
    c.addWindow({ name: "freeze", cron: "0 0 * * *", timeZone: "UTC", durationMs: 23 * HOUR, blackout: true });
    const { detail } = c.service.start(definition(), "alice", { nowReason: "CVE-2025-1234 hotfix needs an IIS restart" });
    expect(detail.rollout.state).toBe("running");
    expect(detail.rollout.definition.override).toEqual({ actor: "alice", reason: "CVE-2025-1234 hotfix needs an IIS restart" });
    expect(detail.actions.map((a) => [a.actor, a.action, a.detail])).toEqual([
      ["alice", "start", "2 hosts in 2 batches"],
      ["alice", "override", "CVE-2025-1234 hotfix needs an IIS restart"],
    ]);
    await c.drive();
    expect(c.detail(detail.rollout.id).rollout.state).toBe("succeeded");
    expect(agents.executed).toHaveLength(2);
    const overrides = c.store.events.after(0, 10_000).filter((e) => e.kind === "override");
    expect(overrides.map((e) => e.message)).toEqual([`alice started rollout ${detail.rollout.id} outside any maintenance window: CVE-2025-1234 hotfix needs an IIS restart`]);
    expect(() => c.service.start(definition(), "alice", { nowReason: "x", window: "nightly" })).toThrow(/Use --window or --now, not both/);
  });

  it("pause, resume and abort work while waiting for the window", async () => {
    const { c } = farm(named("web", 2), 10 * MIN, 10 * MIN);
    c.addWindow(NIGHTLY);
    const id = c.service.start(definition(), "alice").detail.rollout.id;
    expect(c.service.act(id, "pause", "bob").rollout.state).toBe("paused");
    expect(c.service.act(id, "resume", "bob").rollout.state).toBe("running");
    await c.drive(); // still closed: back to waiting
    expect(c.detail(id).rollout.state).toBe("waiting-for-window");
    expect(() => c.windows.remove("nightly", "bob")).toThrow(`Window nightly is kept to by active rollout ${id}; abort it or let it finish first.`);
    expect(c.service.act(id, "abort", "bob").rollout.state).toBe("aborted");
    expect(c.windows.remove("nightly", "bob").name).toBe("nightly");
  });
});

describe("a restarted controller", () => {
  it("restarted during the window carries on; restarted after it ended waits for the next opening, even with a reset in flight", async () => {
    const clock = new FakeClock(at("2025-01-12T01:00:00Z"));
    const agents = new TimedAgents(clock);
    agents.defaultTakesMs = 40 * MIN;
    const first = controller(clock, agents);
    for (const h of named("web", 6)) first.heartbeat(h);
    for (const h of named("web", 6)) first.history(h, [40 * MIN]);
    first.addWindow(NIGHTLY);
    const id = first.service.start(definition(), "alice").detail.rollout.id;
    await first.runner.step(); // web01 01:00–01:40
    await first.runner.step(); // batch 1 done: on to batch 2
    await first.crash();

    // Restarted during the window: everything it needs is in SQLite.
    const second = controller(clock, agents, first.dbPath);
    agents.hold("web02");
    const stepping = second.runner.step(); // web02 starts at 01:40; the controller dies while it resets
    expect(second.detail(id).hosts.find((h) => h.host === "web02")?.state).toBe("resetting");
    await second.crash();
    agents.takesMs.set("web02", 10 * MIN);
    agents.release("web02"); // the agent finishes on its own; nobody records it
    await stepping.catch(() => undefined);

    // Restarted after the window ended (04:30): asks the agent what became of web02, starts nothing new.
    clock.set("2025-01-12T04:30:00Z");
    const third = controller(clock, agents, first.dbPath);
    third.runner.start(); // resumes the in-flight host
    await third.runner.settle();
    await third.drive();
    const d = third.detail(id);
    expect(d.hosts.find((h) => h.host === "web02")).toMatchObject({ state: "healthy", attempts: 1 });
    expect(d.rollout.state).toBe("waiting-for-window");
    expect(d.rollout.reason).toMatch(/^window nightly is closed; it next opens .*\(2025-01-19 01:00 UTC\)$/);
    expect(agents.executed.map((e) => e.host)).toEqual(["web01", "web02"]);

    clock.set("2025-01-19T01:00:00Z");
    await third.drive();
    expect(third.detail(id).rollout.state).toBe("succeeded");
    expect(agents.executed.map((e) => [e.host, utc(e.atMs)]).slice(2)).toEqual([
      ["web03", "2025-01-19T01:00:00.000Z"],
      ["web04", "2025-01-19T01:40:00.000Z"],
      ["web05", "2025-01-19T02:20:00.000Z"],
      ["web06", "2025-01-19T03:00:00.000Z"],
    ]);
    await third.crash();
  });
});

describe("time zones and DST in rollouts", () => {
  it("Europe/Berlin spring forward: a 02:30 window opens at 03:00 CEST, not an hour early or late", async () => {
    const { clock, agents, c } = farm(named("web", 2), 20 * MIN, 20 * MIN, "2025-03-30T00:00:00Z");
    c.addWindow({ name: "early", cron: "30 2 * * *", timeZone: "Europe/Berlin", durationMs: HOUR, farm: "shop", farmDefault: true });
    const id = c.service.start(definition(), "alice").detail.rollout.id;
    expect(c.detail(id).rollout.reason).toBe("window early is closed; it next opens Sun 2025-03-30 03:00 GMT+2 Europe/Berlin (2025-03-30 01:00 UTC)");
    clock.set("2025-03-30T00:59:59Z");
    await c.drive();
    expect(agents.executed).toEqual([]);
    clock.set("2025-03-30T01:00:00Z");
    await c.drive();
    expect(agents.executed.map((e) => utc(e.atMs))).toEqual(["2025-03-30T01:00:00.000Z", "2025-03-30T01:20:00.000Z"]);
    expect(c.detail(id).rollout.state).toBe("succeeded");
  });

  it("America/New_York fall back: a one-hour window through the repeated hour holds one real hour of work", async () => {
    const { clock, agents, c } = farm(named("web", 4), 20 * MIN, 20 * MIN, "2025-11-02T05:30:00Z");
    c.addWindow({ name: "ny", cron: "30 1 * * *", timeZone: "America/New_York", durationMs: HOUR, farm: "shop", farmDefault: true });
    const id = c.service.start(definition(), "alice").detail.rollout.id;
    await c.drive();
    // 01:30 EDT, 01:50 EDT, 01:10 EST (the repeated hour); 01:30 EST is the end. Wall-clock arithmetic would allow six.
    expect(agents.executed.map((e) => utc(e.atMs))).toEqual(["2025-11-02T05:30:00.000Z", "2025-11-02T05:50:00.000Z", "2025-11-02T06:10:00.000Z"]);
    expect(c.detail(id).rollout.reason).toMatch(/^window ny is closed; it next opens Mon 2025-11-03 01:30 GMT-5 America\/New_York \(2025-11-03 06:30 UTC\)$/);
    clock.set("2025-11-03T06:30:00Z");
    await c.drive();
    expect(agents.startsOf("web04")).toEqual(["2025-11-03T06:30:00.000Z"]);
  });

  it("a window over midnight at month end: work continues into the 1st, then waits for the next month's last day", async () => {
    const { clock, agents, c } = farm(named("web", 5), HOUR, HOUR, "2025-01-31T20:00:00Z");
    c.addWindow({ name: "month-end", cron: "0 22 L * *", timeZone: "Europe/Berlin", durationMs: 4 * HOUR, farm: "shop", farmDefault: true });
    const id = c.service.start(definition(), "alice").detail.rollout.id;
    clock.set("2025-01-31T21:00:00Z");
    await c.drive();
    expect(agents.executed.map((e) => utc(e.atMs))).toEqual([
      "2025-01-31T21:00:00.000Z",
      "2025-01-31T22:00:00.000Z",
      "2025-01-31T23:00:00.000Z",
      "2025-02-01T00:00:00.000Z",
    ]);
    expect(c.detail(id).rollout.reason).toMatch(/it next opens Fri 2025-02-28 22:00 GMT\+1 Europe\/Berlin \(2025-02-28 21:00 UTC\)$/);
    clock.set("2025-02-28T21:00:00Z");
    await c.drive();
    expect(c.detail(id).rollout.state).toBe("succeeded");
  });
});
