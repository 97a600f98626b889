/**
 * What a maintenance window is, and the validation of every part of it. Pure: no I/O, no clock. The CLI and the API
 * both call these, so an operator gets the same one sentence from either edge.
 */
import { InvalidDurationError, parseDuration } from "@iisfleet/proto/grammar";
import { Cron } from "croner";

export class WindowSpecError extends Error {
  readonly code = "INVALID_WINDOW";
}

/** When a window opens and for how long: everything the schedule arithmetic needs. */
export interface WindowTiming {
  name: string;
  /** 5 fields (minute hour day month weekday), 6 with seconds first, or a nickname such as @daily. */
  cron: string;
  /** IANA zone the cron fields are read in, e.g. Europe/Berlin. */
  timeZone: string;
  /** Elapsed time from the opening (not wall-clock arithmetic: a window spanning a DST change still lasts this long). */
  durationMs: number;
  /** No batch (or single reset) may start later than this before the window ends. 0 for blackouts. */
  cutoffMs: number;
  /** A blackout: nothing may start while it is on, whatever else is open. */
  blackout: boolean;
}

/** Which hosts a window applies to: no farm and no tags means every host. */
export interface WindowScope {
  farm: string | null;
  tags: Record<string, string>;
}

export interface HostFacts {
  farm: string;
  tags: Record<string, string>;
}

export const MAX_WINDOW_SPAN_MS = 31 * 24 * 3_600_000;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function parseWindowName(text: string): string {
  if (!NAME.test(text)) throw new WindowSpecError(`Window name "${text}" must be 1-64 letters, digits, dots, dashes or underscores.`);
  return text;
}

/**
 * "3h", "90m", "1h30m", "45s", "500ms", "2d" → milliseconds. `what` names the flag in the sentence.
 * Minutes or finer are first-class (AWS SSM only counts whole hours; a cutoff of 20 minutes is the common case).
 */
export function parseSpan(text: string, what: string): number {
  const t = text.trim();
  if (t.startsWith("-")) throw new WindowSpecError(`${what}: ${t} is negative; give a positive time such as 3h, 90m or 1h30m.`);
  try {
    return parseDuration(t);
  } catch (err) {
    if (err instanceof InvalidDurationError) throw new WindowSpecError(`${what}: ${err.message}`);
    throw err;
  }
}

/** The fields a window's sentences name. */
export type WindowField = "cron" | "timeZone" | "durationMs" | "cutoffMs";

/**
 * How a sentence names a field: the CLI says its flag (the user typed `--tz`), the API the body's field (its caller
 * sent `timeZone`). The same rule, the same sentence, each in its caller's words.
 */
export type FieldNames = (field: WindowField) => string;

const FLAGS: Record<WindowField, string> = { cron: "--cron", timeZone: "--tz", durationMs: "--duration", cutoffMs: "--cutoff" };
export const FLAG_NAMES: FieldNames = (f) => FLAGS[f];
export const BODY_FIELD_NAMES: FieldNames = (f) => f;

/** Throws unless `tz` is an IANA time zone this Node.js knows. */
export function parseTimeZone(tz: string, nameOf: FieldNames = FLAG_NAMES): string {
  const sentence = `${nameOf("timeZone")}: "${tz}" is not an IANA time zone; use a name such as Europe/Berlin, America/New_York or UTC.`;
  // Offsets like "+01:00" are not zones: they know no DST, which is exactly what a window must get right.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz)) throw new WindowSpecError(sentence);
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
  } catch {
    throw new WindowSpecError(sentence);
  }
  return tz;
}

/** Throws unless `cron` is a recurring cron expression croner accepts, and that ever fires (in `tz`). */
export function parseCron(cron: string, tz = "UTC", nameOf: FieldNames = FLAG_NAMES): string {
  const expr = cron.trim().replace(/\s+/g, " ");
  const fields = expr.split(" ").length;
  const example = 'e.g. "0 2 * * SUN" (minute hour day month weekday), or 6 fields with seconds first';
  // croner also takes an ISO date as a one-off "pattern"; a window recurs, so insist on fields or a nickname.
  if (!expr.startsWith("@") && fields !== 5 && fields !== 6) {
    throw new WindowSpecError(`${nameOf("cron")}: "${cron}" has ${fields} field${fields === 1 ? "" : "s"}; a window needs 5 or 6, ${example}.`);
  }
  let next: Date | null;
  try {
    next = new Cron(expr, { timezone: tz, mode: "5-or-6-parts" }).nextRun();
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).replace(/^CronPattern:\s*/, "").replace(/\.$/, "");
    throw new WindowSpecError(`${nameOf("cron")}: "${cron}" is not a cron expression (${why}); ${example}.`);
  }
  if (next === null) throw new WindowSpecError(`${nameOf("cron")}: "${cron}" never matches a date, so the window would never open.`);
  return expr;
}

export interface WindowInput {
  name: string;
  cron: string;
  timeZone: string;
  durationMs: number;
  cutoffMs: number;
  blackout: boolean;
}

/** The cross-field rules, after each field parsed on its own. Returns the normalised timing. */
export function validateWindow(w: WindowInput, nameOf: FieldNames = FLAG_NAMES): WindowTiming {
  const name = parseWindowName(w.name);
  const timeZone = parseTimeZone(w.timeZone, nameOf);
  const cron = parseCron(w.cron, timeZone, nameOf);
  const [duration, cutoff] = [nameOf("durationMs"), nameOf("cutoffMs")];
  if (!Number.isFinite(w.durationMs) || w.durationMs <= 0) {
    throw new WindowSpecError(`${duration} must be longer than 0 (got ${w.durationMs} ms).`);
  }
  if (w.durationMs > MAX_WINDOW_SPAN_MS) throw new WindowSpecError(`${duration} may be at most 31 days.`);
  if (!Number.isFinite(w.cutoffMs) || w.cutoffMs < 0) throw new WindowSpecError(`${cutoff} cannot be negative (got ${w.cutoffMs} ms).`);
  if (w.blackout && w.cutoffMs > 0) {
    throw new WindowSpecError(`${cutoff} does not apply to a blackout: nothing starts inside one, and a batch must end before it begins.`);
  }
  if (w.cutoffMs >= w.durationMs) {
    throw new WindowSpecError(
      `${cutoff} (${describeSpan(w.cutoffMs)}) must be shorter than ${duration} (${describeSpan(w.durationMs)}), or no batch could ever start.`,
    );
  }
  return { name, cron, timeZone, durationMs: w.durationMs, cutoffMs: w.cutoffMs, blackout: w.blackout };
}

/** Whether a window with this scope applies to a host: the farm (if given) and every tag (if any) must match. */
export function appliesTo(scope: WindowScope, host: HostFacts): boolean {
  if (scope.farm !== null && scope.farm !== host.farm) return false;
  return Object.entries(scope.tags).every(([k, v]) => host.tags[k] === v);
}

/** 10800000 → "3h", 5400000 → "1h30m", 1500 → "1.5s". */
export function describeSpan(ms: number): string {
  if (ms === 0) return "0";
  if (ms % 1000 !== 0) return ms < 1000 ? `${ms}ms` : `${ms / 1000}s`;
  let s = ms / 1000;
  const parts: string[] = [];
  for (const [unit, size] of [["d", 86_400], ["h", 3_600], ["m", 60], ["s", 1]] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  return parts.join("");
}
