// Validation of what an operator types for a window: one sentence per mistake, shared by the CLI and the API.
import { describe, expect, it } from "vitest";
import {
  WindowSpecError,
  appliesTo,
  describeSpan,
  parseCron,
  parseSpan,
  parseTimeZone,
  parseWindowName,
  validateWindow,
} from "../src/windows/spec.js";

const ok = { name: "nightly", cron: "0 2 * * SUN", timeZone: "Europe/Berlin", durationMs: 3 * 3_600_000, cutoffMs: 20 * 60_000, blackout: false };

describe("parseSpan", () => {
  it.each([
    ["3h", 10_800_000],
    ["90m", 5_400_000],
    ["1h30m", 5_400_000],
    ["45s", 45_000],
    ["500ms", 500],
    ["1.5h", 5_400_000],
    ["2d", 172_800_000],
    [" 20m ", 1_200_000],
  ])("%s → %d ms", (text, ms) => {
    expect(parseSpan(text, "--duration")).toBe(ms);
  });

  it.each([
    ["-3h", /^--duration: -3h is negative; give a positive time such as 3h, 90m or 1h30m\.$/],
    ["3x", /^--duration: "3x" is not a duration; use e\.g\. 500ms, 30s, 5m, 1h30m or 7d\.$/],
    ["", /is not a duration/],
    ["h", /is not a duration/],
    ["3h 30m", /is not a duration/],
  ])("%j is refused in one sentence", (text, sentence) => {
    expect(() => parseSpan(text, "--duration")).toThrow(WindowSpecError);
    expect(() => parseSpan(text, "--duration")).toThrow(sentence);
  });
});

describe("parseTimeZone", () => {
  it("takes IANA names", () => {
    for (const tz of ["Europe/Berlin", "America/New_York", "UTC", "Asia/Kolkata"]) expect(parseTimeZone(tz)).toBe(tz);
  });

  it.each(["Mars/Base", "+01:00", "", "Europe/Berlin; rm -rf"])("refuses %j", (tz) => {
    expect(() => parseTimeZone(tz)).toThrow(/^--tz: ".*" is not an IANA time zone; use a name such as Europe\/Berlin, America\/New_York or UTC\.$/);
  });
});

describe("parseCron", () => {
  it("takes 5 fields, 6 with seconds first, and nicknames", () => {
    expect(parseCron("0 2 * * SUN")).toBe("0 2 * * SUN");
    expect(parseCron("  0  2 *  * SUN ")).toBe("0 2 * * SUN");
    expect(parseCron("*/6 * * * * *")).toBe("*/6 * * * * *");
    expect(parseCron("@daily")).toBe("@daily");
  });

  it("an invalid field says which", () => {
    expect(() => parseCron("61 2 * * *")).toThrow(/^--cron: "61 2 \* \* \*" is not a cron expression \(Invalid value for minute: 61\); e\.g\. "0 2 \* \* SUN"/);
  });

  it("a one-off date or the wrong number of fields is not a window", () => {
    expect(() => parseCron("2030-01-01T00:00:00")).toThrow(/has 1 field; a window needs 5 or 6/);
    expect(() => parseCron("0 2 * *")).toThrow(/has 4 fields; a window needs 5 or 6/);
    expect(() => parseCron("0 0 2 * * * 2030")).toThrow(/has 7 fields/);
  });

  it("an expression that never fires is refused", () => {
    expect(() => parseCron("0 0 31 2 *")).toThrow(/never matches a date, so the window would never open/);
  });
});

describe("validateWindow", () => {
  it("returns the normalised timing", () => {
    expect(validateWindow({ ...ok, cron: "0 2  * * SUN" })).toEqual({ ...ok, cron: "0 2 * * SUN" });
  });

  it.each([
    [{ durationMs: 0 }, /^--duration must be longer than 0 \(got 0 ms\)\.$/],
    [{ durationMs: -5 }, /^--duration must be longer than 0/],
    [{ cutoffMs: -1 }, /^--cutoff cannot be negative/],
    [{ cutoffMs: 3 * 3_600_000 }, /^--cutoff \(3h\) must be shorter than --duration \(3h\), or no batch could ever start\.$/],
    [{ cutoffMs: 4 * 3_600_000 }, /^--cutoff \(4h\) must be shorter than --duration \(3h\)/],
    [{ durationMs: 32 * 86_400_000, cutoffMs: 0 }, /at most 31 days/],
    [{ blackout: true }, /^--cutoff does not apply to a blackout/],
    [{ name: "night ly" }, /Window name "night ly" must be/],
    [{ timeZone: "Mars/Base" }, /not an IANA time zone/],
    [{ cron: "nope" }, /^--cron: "nope" has 1 field/],
  ])("%j is refused", (patch, sentence) => {
    expect(() => validateWindow({ ...ok, ...patch })).toThrow(sentence);
  });

  it("a blackout without a cutoff is fine", () => {
    expect(validateWindow({ ...ok, cutoffMs: 0, blackout: true }).blackout).toBe(true);
  });
});

describe("scope and names", () => {
  it("applies by farm and every tag; no scope is every host", () => {
    const host = { farm: "shop", tags: { dc: "fra", tier: "web" } };
    expect(appliesTo({ farm: null, tags: {} }, host)).toBe(true);
    expect(appliesTo({ farm: "shop", tags: {} }, host)).toBe(true);
    expect(appliesTo({ farm: "api", tags: {} }, host)).toBe(false);
    expect(appliesTo({ farm: null, tags: { dc: "fra" } }, host)).toBe(true);
    expect(appliesTo({ farm: "shop", tags: { dc: "fra", tier: "db" } }, host)).toBe(false);
  });

  it("window names", () => {
    expect(parseWindowName("black-friday_2025.v1")).toBe("black-friday_2025.v1");
    expect(() => parseWindowName("-x")).toThrow(WindowSpecError);
    expect(() => parseWindowName("a".repeat(65))).toThrow(WindowSpecError);
  });

  it("describeSpan", () => {
    expect([0, 500, 1_500, 45_000, 5_400_000, 10_800_000, 90_000_000].map(describeSpan)).toEqual(["0", "500ms", "1.5s", "45s", "1h30m", "3h", "1d1h"]);
  });
});
