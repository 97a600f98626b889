// The one duration grammar every program uses (agent flags, CLI flags, window specs).
import { describe, expect, it } from "vitest";
import { InvalidDurationError, formatDuration, parseDuration } from "../src/duration.js";

describe("parseDuration", () => {
  it.each([
    ["500ms", 500],
    ["30s", 30_000],
    ["2.5s", 2_500],
    ["5m", 300_000],
    ["1h30m", 5_400_000],
    ["90m", 5_400_000],
    ["7d", 604_800_000],
    ["1d12h", 129_600_000],
    [" 45s ", 45_000],
  ])("%j is %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it("reads a bare number only in the unit the caller names", () => {
    expect(parseDuration("30", { bareUnit: "s" })).toBe(30_000);
    expect(parseDuration("250", { bareUnit: "ms" })).toBe(250);
    expect(() => parseDuration("30")).toThrow(InvalidDurationError);
  });

  it.each(["", "soon", "3x", "h", "3h 30m", "-5m", "1h-30m", "1.s", "ms"])("%j is refused with a sentence", (text) => {
    expect(() => parseDuration(text)).toThrow(/is not a duration; use e\.g\. 500ms, 30s, 5m, 1h30m or 7d\./);
  });

  it("formatDuration writes what parseDuration reads back", () => {
    for (const ms of [500, 1_500, 90_000, 5_400_000, 604_800_000, 129_600_001]) expect(parseDuration(formatDuration(ms))).toBe(ms);
    expect(formatDuration(5_400_000)).toBe("1h30m");
  });
});
