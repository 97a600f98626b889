// The rollout timeline's segments per host: with a load-balancer drain a turn is draining, resetting, undraining;
// without one it is a reset from the start of the turn. Pure function of the host row the API returns.
import { describe, expect, it } from "vitest";
// @ts-expect-error -- the dashboard is plain browser JavaScript (no types); it runs here as it does in the browser.
import { segmentsOf } from "../dashboard/gantt.js";

interface Seg {
  cls: string;
  from: number;
  to: number;
}
const row = (o: Record<string, unknown>) => ({ startedMs: null, resetStartedMs: null, undrainStartedMs: null, finishedMs: null, code: "", ...o });
const segs = (o: Record<string, unknown>, t1 = 100): Seg[] => segmentsOf(row(o), 0, t1) as Seg[];

describe("timeline segments", () => {
  it("drained host: queued, draining, resetting, undraining, healthy", () => {
    expect(segs({ state: "healthy", startedMs: 10, resetStartedMs: 20, undrainStartedMs: 40, finishedMs: 50 })).toEqual([
      { cls: "queued", from: 0, to: 10 },
      { cls: "draining", from: 10, to: 20 },
      { cls: "resetting", from: 20, to: 40 },
      { cls: "undraining", from: 40, to: 50 },
      { cls: "healthy", from: 50, to: 100 },
    ]);
  });

  it("no drain: the reset starts with the turn", () => {
    expect(segs({ state: "failed", startedMs: 10, resetStartedMs: 10, finishedMs: 30, code: "STOP_FAILED" })).toEqual([
      { cls: "queued", from: 0, to: 10 },
      { cls: "resetting", from: 10, to: 30 },
      { cls: "failed", from: 30, to: 100 },
    ]);
  });

  it("still draining, or a drain that failed: never reset", () => {
    expect(segs({ state: "draining", startedMs: 10 })).toEqual([
      { cls: "queued", from: 0, to: 10 },
      { cls: "draining", from: 10, to: 100 },
    ]);
    expect(segs({ state: "failed", startedMs: 10, finishedMs: 25, code: "DRAIN_FAILED" })).toEqual([
      { cls: "queued", from: 0, to: 10 },
      { cls: "draining", from: 10, to: 25 },
      { cls: "failed", from: 25, to: 100 },
    ]);
  });

  it("resetting after a drain, not finished yet", () => {
    expect(segs({ state: "resetting", startedMs: 10, resetStartedMs: 15 })).toEqual([
      { cls: "queued", from: 0, to: 10 },
      { cls: "draining", from: 10, to: 15 },
      { cls: "resetting", from: 15, to: 100 },
    ]);
  });
});
