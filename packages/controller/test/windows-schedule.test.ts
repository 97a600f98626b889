// Window schedule arithmetic (croner does cron and zones; we add elapsed durations), the admission gate, and how
// instants are shown. Pure: every "now" is an argument. Expected instants were worked out by hand from the zones'
// DST rules (EU: last Sunday of March/October at 01:00 UTC; US: second Sunday of March, first of November, 02:00 local).
import { describe, expect, it } from "vitest";
import { describeInstant, formatInZone, formatUtc, openingView } from "../src/windows/format.js";
import { admit } from "../src/windows/gate.js";
import { Schedule, fitsBeforeCutoff, p95, scheduleFor } from "../src/windows/schedule.js";
import type { WindowTiming } from "../src/windows/spec.js";

const t = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const H = 3_600_000;
const M = 60_000;

function sched(cron: string, timeZone: string, durationMs: number, cutoffMs = 0, name = "w", blackout = false): Schedule {
  return new Schedule({ name, cron, timeZone, durationMs, cutoffMs, blackout } satisfies WindowTiming);
}

describe("openings across DST in Europe/Berlin", () => {
  it("a weekly window keeps its local time: 01:00 UTC in winter, 00:00 UTC in summer", () => {
    const w = sched("0 2 * * SUN", "Europe/Berlin", 3 * H);
    expect(w.openingsFrom(t("2025-03-20T00:00:00Z"), 3).map((o) => iso(o.startMs))).toEqual([
      "2025-03-23T01:00:00.000Z",
      // 02:00 does not exist on 30 March (clocks jump 02:00 CET → 03:00 CEST): it opens at 03:00 CEST.
      "2025-03-30T01:00:00.000Z",
      "2025-04-06T00:00:00.000Z",
    ]);
  });

  it("spring forward: a window starting in the skipped hour opens at 03:00 CEST and lasts its full elapsed duration", () => {
    const w = sched("30 2 * * *", "Europe/Berlin", H);
    expect(w.openingsFrom(t("2025-03-29T00:00:00Z"), 3).map((o) => iso(o.startMs))).toEqual([
      "2025-03-29T01:30:00.000Z", // 02:30 CET
      "2025-03-30T01:00:00.000Z", // 02:30 does not exist: 03:00 CEST
      "2025-03-31T00:30:00.000Z", // 02:30 CEST
    ]);
    expect(w.isOpenAt(t("2025-03-30T00:59:59Z"))).toBe(false);
    expect(w.openingAt(t("2025-03-30T01:00:00Z"))).toEqual({ startMs: t("2025-03-30T01:00:00Z"), endMs: t("2025-03-30T02:00:00Z"), lastStartMs: t("2025-03-30T02:00:00Z") });
    expect(w.isOpenAt(t("2025-03-30T01:59:59Z"))).toBe(true);
    expect(w.isOpenAt(t("2025-03-30T02:00:00Z"))).toBe(false);
  });

  it("fall back: a window spanning the repeated hour opens once and lasts 2 real hours, not until 04:00 on the wall", () => {
    // 26 Oct 2025: 03:00 CEST → 02:00 CET. 02:00–04:00 local would be 3 real hours; the window is 2.
    const w = sched("0 2 * * *", "Europe/Berlin", 2 * H, 20 * M);
    const o = w.openingAt(t("2025-10-26T01:30:00Z")); // 02:30 CET, the second 02:30 of the night
    expect(o).toEqual({ startMs: t("2025-10-26T00:00:00Z"), endMs: t("2025-10-26T02:00:00Z"), lastStartMs: t("2025-10-26T01:40:00Z") });
    expect(w.isOpenAt(t("2025-10-26T02:00:00Z"))).toBe(false); // 03:00 CET
    expect(w.nextAfter(t("2025-10-26T00:00:00Z"))?.startMs).toBe(t("2025-10-27T01:00:00Z")); // 02:00 CET
    // A 30-minute batch fits at 01:05 UTC (ends 01:35, before the 01:40 cutoff), not at 01:15.
    expect(fitsBeforeCutoff(t("2025-10-26T01:05:00Z"), 30 * M, (o as { lastStartMs: number }).lastStartMs)).toBe(true);
    expect(fitsBeforeCutoff(t("2025-10-26T01:15:00Z"), 30 * M, (o as { lastStartMs: number }).lastStartMs)).toBe(false);
  });

  it("fall back: a fixed time that occurs twice opens once, at its first occurrence", () => {
    const w = sched("30 2 * * *", "Europe/Berlin", 10 * M);
    expect(w.openingsFrom(t("2025-10-25T12:00:00Z"), 2).map((o) => iso(o.startMs))).toEqual(["2025-10-26T00:30:00.000Z", "2025-10-27T01:30:00.000Z"]);
    expect(w.isOpenAt(t("2025-10-26T01:35:00Z"))).toBe(false); // the second 02:35 is not a new opening
  });
});

describe("openings across DST in America/New_York", () => {
  it("spring forward: 02:30 does not exist on 9 March; the window opens at 03:00 EDT", () => {
    const w = sched("30 2 * * *", "America/New_York", H);
    expect(w.openingsFrom(t("2025-03-08T00:00:00Z"), 3).map((o) => iso(o.startMs))).toEqual([
      "2025-03-08T07:30:00.000Z", // 02:30 EST
      "2025-03-09T07:00:00.000Z", // 03:00 EDT
      "2025-03-10T06:30:00.000Z", // 02:30 EDT
    ]);
    expect(w.isOpenAt(t("2025-03-09T06:59:00Z"))).toBe(false);
    expect(w.isOpenAt(t("2025-03-09T07:59:00Z"))).toBe(true);
    expect(w.isOpenAt(t("2025-03-09T08:00:00Z"))).toBe(false);
  });

  it("fall back: 01:30 EDT + 1 h ends at 01:30 EST, covering the repeated 01:30–02:00", () => {
    const w = sched("30 1 * * *", "America/New_York", H);
    const o = w.openingAt(t("2025-11-02T06:15:00Z")); // 01:15 EST, the hour's second pass
    expect(o?.startMs).toBe(t("2025-11-02T05:30:00Z"));
    expect(o?.endMs).toBe(t("2025-11-02T06:30:00Z"));
    expect(w.isOpenAt(t("2025-11-02T06:30:00Z"))).toBe(false);
    expect(w.nextAfter(t("2025-11-02T05:30:00Z"))?.startMs).toBe(t("2025-11-03T06:30:00Z"));
  });
});

describe("windows spanning midnight and month end", () => {
  const w = sched("0 22 L * *", "Europe/Berlin", 4 * H); // the last day of every month, 22:00–02:00 local

  it("opens on the last day of the month and stays open into the 1st", () => {
    expect(w.openingsFrom(t("2025-01-15T00:00:00Z"), 3).map((o) => iso(o.startMs))).toEqual([
      "2025-01-31T21:00:00.000Z",
      "2025-02-28T21:00:00.000Z",
      "2025-03-31T20:00:00.000Z", // CEST by then
    ]);
    expect(w.openingAt(t("2025-02-01T00:30:00Z"))?.startMs).toBe(t("2025-01-31T21:00:00Z"));
    expect(w.isOpenAt(t("2025-02-01T00:59:59Z"))).toBe(true);
    expect(w.isOpenAt(t("2025-02-01T01:00:00Z"))).toBe(false);
  });

  it("knows leap years and the turn of the year", () => {
    expect(w.nextAfter(t("2024-02-15T00:00:00Z"))?.startMs).toBe(t("2024-02-29T21:00:00Z"));
    expect(w.openingAt(t("2026-01-01T00:45:00Z"))?.startMs).toBe(t("2025-12-31T21:00:00Z"));
  });
});

describe("Schedule", () => {
  it("with overlapping openings, the one that started last (and ends last) counts", () => {
    const w = sched("0 * * * *", "UTC", 3 * H);
    expect(w.openingAt(t("2025-06-01T10:30:00Z"))).toEqual({ startMs: t("2025-06-01T10:00:00Z"), endMs: t("2025-06-01T13:00:00Z"), lastStartMs: t("2025-06-01T13:00:00Z") });
  });

  it("takes second-level cron expressions (6 fields)", () => {
    const w = sched("*/6 * * * * *", "UTC", 3_000, 1_000);
    expect(w.openingAt(t("2025-06-01T10:00:02.500Z"))).toEqual({ startMs: t("2025-06-01T10:00:00Z"), endMs: t("2025-06-01T10:00:03Z"), lastStartMs: t("2025-06-01T10:00:02Z") });
    expect(w.isOpenAt(t("2025-06-01T10:00:04Z"))).toBe(false);
    expect(w.nextAfter(t("2025-06-01T10:00:04Z"))?.startMs).toBe(t("2025-06-01T10:00:06Z"));
  });

  it("openingAt agrees with the list of openings at every instant of a DST week", () => {
    const w = sched("0 1,23 * * *", "Europe/Berlin", 95 * M);
    const from = t("2025-03-27T00:00:00Z");
    const all = w.openingsFrom(from - 2 * H, 40);
    for (let at = from; at < from + 6 * 24 * H; at += 7 * M) {
      const brute = all.filter((o) => o.startMs <= at && at < o.endMs).at(-1);
      expect(w.openingAt(at), new Date(at).toISOString()).toEqual(brute);
    }
  });

  it("scheduleFor compiles a timing once", () => {
    const timing = { name: "a", cron: "0 2 * * *", timeZone: "UTC", durationMs: H, cutoffMs: 0, blackout: false };
    expect(scheduleFor(timing)).toBe(scheduleFor({ ...timing }));
    expect(scheduleFor(timing)).not.toBe(scheduleFor({ ...timing, durationMs: 2 * H }));
  });
});

describe("p95 and fit", () => {
  it("nearest rank", () => {
    expect(p95([])).toBeUndefined();
    expect(p95([7])).toBe(7);
    expect(p95(Array.from({ length: 20 }, (_, i) => i + 1))).toBe(19);
    expect(p95([...Array.from({ length: 19 }, () => 5), 500])).toBe(5);
    expect(p95([...Array.from({ length: 18 }, () => 5), 500, 600])).toBe(500);
  });

  it("fits only when it starts before the limit and ends by it", () => {
    expect(fitsBeforeCutoff(100, 50, 150)).toBe(true);
    expect(fitsBeforeCutoff(100, 51, 150)).toBe(false);
    expect(fitsBeforeCutoff(150, 0, 150)).toBe(false);
  });
});

describe("admit", () => {
  const nightly = sched("0 2 * * SUN", "Europe/Berlin", 3 * H, 20 * M, "nightly"); // Sun 01:00–04:00 UTC in winter
  const freeze = sched("0 3 * * SUN", "Europe/Berlin", H, 0, "freeze", true); // Sun 02:00–03:00 UTC in winter
  const base = { blackouts: [] as Schedule[], expectedMs: 10 * M, what: "batch 2" };

  it("with neither window nor blackout, anything starts", () => {
    expect(admit({ ...base, nowMs: t("2025-01-08T12:00:00Z") })).toEqual({ ok: true, limitMs: null, opening: undefined });
  });

  it("closed: names the next opening in the window's zone and in UTC", () => {
    const v = admit({ ...base, window: nightly, nowMs: t("2025-03-28T12:00:00Z") });
    expect(v).toEqual({
      ok: false,
      reason: "window nightly is closed; it next opens Sun 2025-03-30 03:00 GMT+2 Europe/Berlin (2025-03-30 01:00 UTC)",
      retryAtMs: t("2025-03-30T01:00:00Z"),
    });
  });

  it("open: admitted with the cutoff as the limit", () => {
    expect(admit({ ...base, window: nightly, nowMs: t("2025-01-12T01:10:00Z") })).toMatchObject({ ok: true, limitMs: t("2025-01-12T03:40:00Z") });
  });

  it("past the cutoff: refused, whatever the expected duration", () => {
    const v = admit({ ...base, expectedMs: 0, window: nightly, nowMs: t("2025-01-12T03:40:00Z") });
    expect(v.ok).toBe(false);
    expect(!v.ok && v.reason).toBe(
      "window nightly is past its cutoff (nothing starts after Sun 2025-01-12 04:40 GMT+1 Europe/Berlin (2025-01-12 03:40 UTC)); " +
        "it next opens Sun 2025-01-19 02:00 GMT+1 Europe/Berlin (2025-01-19 01:00 UTC)",
    );
  });

  it("a batch that would not end by the cutoff waits for the next opening", () => {
    const v = admit({ ...base, expectedMs: 31 * M, window: nightly, nowMs: t("2025-01-12T03:10:00Z") });
    expect(!v.ok && v.reason).toMatch(/^batch 2 \(expected 31m\) does not fit before the cutoff of window nightly at .*\(2025-01-12 03:40 UTC\); window nightly next opens .*\(2025-01-19 01:00 UTC\)$/);
    expect(admit({ ...base, expectedMs: 30 * M, window: nightly, nowMs: t("2025-01-12T03:10:00Z") }).ok).toBe(true);
  });

  it("a blackout that is on wins over an open window", () => {
    const v = admit({ ...base, window: nightly, blackouts: [freeze], nowMs: t("2025-01-12T02:30:00Z") });
    expect(v).toEqual({ ok: false, reason: "blackout freeze is on until Sun 2025-01-12 04:00 GMT+1 Europe/Berlin (2025-01-12 03:00 UTC)", retryAtMs: t("2025-01-12T03:00:00Z") });
  });

  it("a blackout beginning before the cutoff is the limit: work must end before the freeze", () => {
    const early = admit({ ...base, window: nightly, blackouts: [freeze], nowMs: t("2025-01-12T01:50:00Z") });
    expect(early.ok).toBe(true); // 01:50 + 10 min = 02:00, the blackout's start
    expect(early.ok && early.limitMs).toBe(t("2025-01-12T02:00:00Z"));
    const late = admit({ ...base, window: nightly, blackouts: [freeze], nowMs: t("2025-01-12T01:51:00Z") });
    expect(!late.ok && late.reason).toMatch(/does not fit before blackout freeze, which begins .*\(2025-01-12 02:00 UTC\); the blackout ends .*\(2025-01-12 03:00 UTC\)$/);
    expect(!late.ok && late.retryAtMs).toBe(t("2025-01-12T03:00:00Z"));
  });

  it("without a window, a blackout still refuses and limits", () => {
    expect(admit({ ...base, blackouts: [freeze], nowMs: t("2025-01-12T02:10:00Z") }).ok).toBe(false);
    expect(admit({ ...base, blackouts: [freeze], nowMs: t("2025-01-12T01:55:00Z") }).ok).toBe(false);
    expect(admit({ ...base, blackouts: [freeze], nowMs: t("2025-01-12T01:50:00Z") })).toMatchObject({ ok: true, limitMs: t("2025-01-12T02:00:00Z") });
  });

  it("a UTC window is described in UTC alone", () => {
    const yearly = sched("0 0 1 1 *", "UTC", H, 0, "newyear");
    const v = admit({ ...base, window: yearly, nowMs: t("2025-06-01T00:00:00Z") });
    expect(v).toEqual({ ok: false, reason: "window newyear is closed; it next opens 2026-01-01 00:00 UTC", retryAtMs: t("2026-01-01T00:00:00Z") });
  });
});

describe("format", () => {
  it("shows the zone's offset, so DST is visible, and UTC beside it", () => {
    expect(formatInZone(t("2025-03-30T00:59:00Z"), "Europe/Berlin")).toBe("Sun 2025-03-30 01:59 GMT+1");
    expect(formatInZone(t("2025-03-30T01:00:00Z"), "Europe/Berlin")).toBe("Sun 2025-03-30 03:00 GMT+2");
    expect(formatInZone(t("2025-11-02T06:15:00Z"), "America/New_York")).toBe("Sun 2025-11-02 01:15 GMT-5");
    expect(formatInZone(t("2025-06-01T10:00:03Z"), "UTC")).toBe("Sun 2025-06-01 10:00:03 GMT+0");
    expect(formatUtc(t("2025-06-01T10:00:00Z"))).toBe("2025-06-01 10:00 UTC");
    expect(formatUtc(t("2025-06-01T10:00:03Z"))).toBe("2025-06-01 10:00:03 UTC");
    expect(describeInstant(t("2025-03-30T01:00:00Z"), "Europe/Berlin")).toBe("Sun 2025-03-30 03:00 GMT+2 Europe/Berlin (2025-03-30 01:00 UTC)");
    expect(describeInstant(t("2025-03-30T01:00:00Z"), "UTC")).toBe("2025-03-30 01:00 UTC");
  });

  it("an opening in both zones", () => {
    const o = sched("0 2 * * SUN", "Europe/Berlin", 3 * H, 20 * M).openingsFrom(t("2025-01-01T00:00:00Z"), 1)[0];
    expect(openingView(o as NonNullable<typeof o>, "Europe/Berlin")).toMatchObject({
      startLocal: "Sun 2025-01-05 02:00 GMT+1",
      lastStartLocal: "Sun 2025-01-05 04:40 GMT+1",
      endLocal: "Sun 2025-01-05 05:00 GMT+1",
      startUtc: "2025-01-05 01:00 UTC",
      endUtc: "2025-01-05 04:00 UTC",
    });
  });
});
