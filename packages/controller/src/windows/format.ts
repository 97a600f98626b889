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

/** The zone's offset from UTC at an instant, in ms (Berlin in summer: +2 h). */
function offsetAt(ms: number, timeZone: string): number {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return local - Math.floor(ms / 1000) * 1000;
}

/**
 * "2027-10-31" → the instant that day starts in `timeZone` (its local midnight, or the first instant after it on a
 * day whose midnight a DST change skips); an ISO instant with a time ("2027-10-31T02:00:00Z") is taken as it is.
 * undefined when it is neither.
 */
export function instantFrom(text: string, timeZone: string): number | undefined {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!day) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const midnightUtc = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
  if (new Date(midnightUtc).toISOString().slice(0, 10) !== text) return undefined;
  // Two passes: the offset at the first guess may differ from the offset at local midnight (a DST day).
  let ms = midnightUtc - offsetAt(midnightUtc, timeZone);
  ms = midnightUtc - offsetAt(ms, timeZone);
  return ms;
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
