import { Cron } from "croner";
import { InvalidInputError } from "../errors.js";

/** An instant an operator typed: the moment, and the words to show it back in. */
export interface AtTime {
  atMs: number;
  /** The zone it was read in (an IANA name, or UTC for a time with an offset). */
  timeZone: string;
  /** Said back when the typed time is ambiguous (a fall-back hour happens twice). */
  note?: string;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * "2026-12-05 02:00" in an IANA zone (croner does the zone arithmetic), or an ISO 8601 time with its own offset.
 * A wall time the zone skips (the spring-forward hour) is refused, naming the zone, rather than silently moved; one
 * it has twice (fall back) is the first, and says so.
 */
export function parseAt(text: string, timeZone: string): AtTime {
  const t = text.trim();
  if (WITH_OFFSET.test(t)) {
    const ms = Date.parse(t);
    if (Number.isNaN(ms)) throw new InvalidInputError(`at: "${text}" is not a date and time.`, { at: text });
    return { atMs: ms, timeZone: "UTC" };
  }
  const m = LOCAL.exec(t);
  if (!m) throw new InvalidInputError(`at: "${text}" is not a date and time like 2026-12-05 02:00 (in timeZone) or 2026-12-05T01:00:00Z.`, { at: text });
  zoneCheck(timeZone);
  const [, y, mo, d, h, mi, s] = m;
  const wall = `${y}-${mo}-${d}T${h}:${mi}:${s ?? "00"}`;
  // The calendar first (30 February, 25:00), so the zone's sentence below is only ever about its clock changes.
  const asUtc = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? "0")));
  if (asUtc.toISOString().slice(0, 19) !== wall) throw new InvalidInputError(`at: ${wall.replace("T", " ")} is not a date and time that exists.`, { at: text });
  let next: Date | null;
  try {
    next = new Cron(wall, { timezone: timeZone, paused: true }).nextRun(new Date(Date.UTC(Number(y) - 1, 0, 1)));
  } catch {
    throw new InvalidInputError(`at: "${text}" is not a date and time that exists.`, { at: text });
  }
  if (next === null) throw new InvalidInputError(`at: "${text}" is not a date and time that exists.`, { at: text });
  if (wallTime(next.getTime(), timeZone) !== wall) {
    throw new InvalidInputError(`at: ${wall.replace("T", " ")} does not exist in ${timeZone} (the clocks go forward then); pick a time outside that hour.`, {
      at: text,
      timeZone,
    });
  }
  const hourLater = next.getTime() + 3_600_000;
  const twice = wallTime(hourLater, timeZone) === wall;
  return { atMs: next.getTime(), timeZone, ...(twice ? { note: `${wall.replace("T", " ")} happens twice in ${timeZone}; this is the first` } : {}) };
}

function zoneCheck(timeZone: string): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new InvalidInputError(`timeZone: "${timeZone}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC).`, { timeZone });
  }
}

/** The wall time of an instant in a zone, as YYYY-MM-DDTHH:MM:SS. */
export function wallTime(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}
