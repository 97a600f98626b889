// The controller's limits on what an agent may put into it (issue #15, finding 3): size, time, count, ownership.
// The bus applies them to every progress event (test/e2e/agent-trust.e2e.test.ts drives the foreign-command case).
import { describe, expect, it } from "vitest";
import { EVENT_TIME_WINDOW_MS, EventLimits, MAX_EVENTS_PER_COMMAND, MAX_EVENT_BYTES, RecordGate } from "../src/nats/agent-input.js";

const now = Date.parse("2026-12-03T09:00:00Z");
const ok = { bytes: 300, atMs: now, commandId: "c1", host: "web01", commandHost: "web01", now };

describe("EventLimits", () => {
  it("drops an event over the size cap, dated outside the window, or naming another host's (or no known) command", () => {
    const limits = new EventLimits();
    expect(limits.check(ok)).toBeUndefined();
    expect(limits.check({ ...ok, bytes: MAX_EVENT_BYTES + 1 })).toBe("too-large");
    expect(limits.check({ ...ok, atMs: now + EVENT_TIME_WINDOW_MS + 1 })).toBe("event-time");
    expect(limits.check({ ...ok, atMs: now - EVENT_TIME_WINDOW_MS - 1 })).toBe("event-time");
    expect(limits.check({ ...ok, commandHost: "web02" })).toBe("foreign-command");
    expect(limits.check({ ...ok, commandHost: undefined })).toBe("foreign-command");
  });

  it("accepts at most MAX_EVENTS_PER_COMMAND events for one command, and counts each command on its own", () => {
    const limits = new EventLimits();
    for (let i = 0; i < MAX_EVENTS_PER_COMMAND; i++) expect(limits.check(ok)).toBeUndefined();
    expect(limits.check(ok)).toBe("too-many-events");
    expect(limits.check({ ...ok, commandId: "c2" })).toBeUndefined();
  });
});

describe("RecordGate", () => {
  it("admits a burst per window and says how many it held back when it admits the next", () => {
    const gate = new RecordGate(2, 1_000);
    expect(gate.admit(0)).toEqual({ record: true, heldBefore: 0 });
    expect(gate.admit(1)).toEqual({ record: true, heldBefore: 0 });
    expect(gate.admit(2).record).toBe(false);
    expect(gate.admit(3).record).toBe(false);
    expect(gate.admit(1_000)).toEqual({ record: true, heldBefore: 2 });
  });
});
