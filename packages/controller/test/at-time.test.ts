import { describe, expect, it } from "vitest";
import { parseAt, wallTime } from "../src/schedule/at-time.js";

describe("--at: a time an operator types, in a zone", () => {
  it("reads a wall time in an IANA zone, and an ISO time with its own offset", () => {
    expect(parseAt("2026-12-05 02:00", "Europe/Berlin")).toEqual({ atMs: Date.parse("2026-12-05T01:00:00Z"), timeZone: "Europe/Berlin" });
    expect(parseAt("2026-07-05T02:00", "Europe/Berlin").atMs).toBe(Date.parse("2026-07-05T00:00:00Z"));
    expect(parseAt("2026-12-05 02:00:30", "America/New_York").atMs).toBe(Date.parse("2026-12-05T07:00:30Z"));
    expect(parseAt("2026-12-05T01:00:00+05:30", "Europe/Berlin")).toEqual({ atMs: Date.parse("2026-12-04T19:30:00Z"), timeZone: "UTC" });
    expect(parseAt("2026-12-05T01:00:00Z", "anything").atMs).toBe(Date.parse("2026-12-05T01:00:00Z"));
  });

  it("refuses a wall time the zone skips (spring forward), naming the zone, instead of moving it", () => {
    expect(() => parseAt("2027-03-28 02:30", "Europe/Berlin")).toThrow(/2027-03-28 02:30:00 does not exist in Europe\/Berlin \(the clocks go forward then\)/);
    // Lord Howe moves by half an hour.
    expect(() => parseAt("2026-10-04 02:15", "Australia/Lord_Howe")).toThrow(/does not exist in Australia\/Lord_Howe/);
  });

  it("takes the first of a wall time the zone has twice (fall back), and says so", () => {
    const r = parseAt("2026-10-25 02:30", "Europe/Berlin");
    expect(r.atMs).toBe(Date.parse("2026-10-25T00:30:00Z"));
    expect(r.note).toBe("2026-10-25 02:30:00 happens twice in Europe/Berlin; this is the first");
  });

  it("refuses what is not a time, a date that does not exist, and a zone that is not one, each with a sentence", () => {
    expect(() => parseAt("tomorrow 2am", "UTC")).toThrow(/"tomorrow 2am" is not a date and time like 2026-12-05 02:00/);
    expect(() => parseAt("2026-02-30 01:00", "UTC")).toThrow(/2026-02-30 01:00:00 is not a date and time that exists/);
    expect(() => parseAt("2026-12-05 24:00", "UTC")).toThrow(/is not a date and time that exists/);
    expect(() => parseAt("2026-12-05 02:00", "Mars/Olympus")).toThrow(/"Mars\/Olympus" is not an IANA time zone/);
  });

  it("says an instant back as the wall time of its zone", () => {
    expect(wallTime(Date.parse("2026-12-05T01:00:00Z"), "Europe/Berlin")).toBe("2026-12-05T02:00:00");
    expect(wallTime(Date.parse("2026-12-05T01:00:00Z"), "UTC")).toBe("2026-12-05T01:00:00");
  });
});
