// The dashboard's window calendar steps by calendar day: across a daylight-saving change no day shows twice and
// none vanishes (Berlin falls back on the last Sunday of October; Lord Howe moves by half an hour in April).
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error -- the dashboard is plain browser JavaScript (no types); it runs here as it does in the browser.
import { calendarDays } from "../dashboard/windows.js";

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

/** The calendar's seven days as local dates (YYYY-MM-DD), computed in `tz` (Node applies a changed TZ at once). */
function days(tz: string, isoNow: string): string[] {
  process.env.TZ = tz;
  const pad = (n: number) => String(n).padStart(2, "0");
  return (calendarDays(Date.parse(isoNow), 7) as Date[]).map((d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`);
}

describe("window calendar days", () => {
  it("Berlin, the week of the October fall-back: seven distinct consecutive days", () => {
    expect(days("Europe/Berlin", "2026-10-23T10:00:00Z")).toEqual(["2026-10-23", "2026-10-24", "2026-10-25", "2026-10-26", "2026-10-27", "2026-10-28", "2026-10-29"]);
  });

  it("Berlin, the week of the March spring-forward", () => {
    expect(days("Europe/Berlin", "2026-03-27T10:00:00Z")).toEqual(["2026-03-27", "2026-03-28", "2026-03-29", "2026-03-30", "2026-03-31", "2026-04-01", "2026-04-02"]);
  });

  it("Lord Howe, the half-hour shift in early April", () => {
    expect(days("Australia/Lord_Howe", "2026-04-03T10:00:00Z")).toEqual(["2026-04-03", "2026-04-04", "2026-04-05", "2026-04-06", "2026-04-07", "2026-04-08", "2026-04-09"]);
  });

  it("each day starts at local midnight", () => {
    process.env.TZ = "Europe/Berlin";
    for (const d of calendarDays(Date.parse("2026-10-23T10:00:00Z"), 7) as Date[]) expect([d.getHours(), d.getMinutes()]).toEqual([0, 0]);
  });
});
