/**
 * Instants as operators read them: in the window's own zone (with its UTC offset, which shows DST) and in UTC.
 * Intl does the zone conversion; nothing here adds hours by hand.
 */
import type { Opening } from "./schedule.js";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "shortOffset",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** "Sun 2025-03-30 03:00 GMT+2"; seconds only when they are not zero (second-level windows). */
export function formatInZone(ms: number, timeZone: string): string {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const seconds = p.second && p.second !== "00" ? `:${p.second}` : "";
  const offset = p.timeZoneName === "GMT" ? "GMT+0" : p.timeZoneName;
  return `${p.weekday} ${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${seconds} ${offset}`;
}

/** "2025-03-30 01:00 UTC" (seconds when not zero). */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  const seconds = iso.slice(17, 19) !== "00" ? iso.slice(16, 19) : "";
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds} UTC`;
}

/** "Sun 2025-03-30 03:00 GMT+2 Europe/Berlin (2025-03-30 01:00 UTC)": the form every sentence uses. */
export function describeInstant(ms: number, timeZone: string): string {
  return timeZone === "UTC" ? formatUtc(ms) : `${formatInZone(ms, timeZone)} ${timeZone} (${formatUtc(ms)})`;
}

export interface OpeningView extends Opening {
  /** In the window's zone. */
  startLocal: string;
  endLocal: string;
  lastStartLocal: string;
  startUtc: string;
  endUtc: string;
  lastStartUtc: string;
}

export function openingView(o: Opening, timeZone: string): OpeningView {
  return {
    ...o,
    startLocal: formatInZone(o.startMs, timeZone),
    endLocal: formatInZone(o.endMs, timeZone),
    lastStartLocal: formatInZone(o.lastStartMs, timeZone),
    startUtc: formatUtc(o.startMs),
    endUtc: formatUtc(o.endMs),
    lastStartUtc: formatUtc(o.lastStartMs),
  };
}
