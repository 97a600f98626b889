/**
 * The one decision both rollouts and single resets make: may this work start now? Pure over `nowMs`.
 *
 * - A blackout that is on wins over everything.
 * - With an allowed window: it must be open, now must be before its cutoff (end − cutoff), and the work must be
 *   expected to end by that cutoff.
 * - A blackout that begins before that limit moves the limit forward to its start: work must end before a freeze.
 */
import { describeInstant } from "./format.js";
import { type Opening, type Schedule, fitsBeforeCutoff } from "./schedule.js";
import { describeSpan } from "./spec.js";

export interface GateInput {
  nowMs: number;
  /** The allowed window the work keeps to; undefined = any time (only blackouts apply). */
  window?: Schedule | undefined;
  /** Blackouts that apply to the hosts concerned. */
  blackouts: readonly Schedule[];
  /** How long the work is expected to take (p95 of history, or the stated default); a function is asked only when
   *  the answer matters (a window is open), which spares the history queries while a rollout waits for days. */
  expectedMs: number | (() => number);
  /** What is being admitted, for the sentence: "batch 3", "the reset of web01". */
  what: string;
}

export type Admission =
  | {
      ok: true;
      /** The work should end by then: the window's cutoff or the next blackout; null when nothing limits it. */
      limitMs: number | null;
      /** The allowed window's opening now under way, when there is a window. */
      opening?: Opening | undefined;
    }
  | {
      ok: false;
      /** One sentence, without a final period: why not, and when it could next start. */
      reason: string;
      /** The earliest instant worth trying again; null when the window never opens again. */
      retryAtMs: number | null;
    };

const at = (ms: number, s: Schedule) => describeInstant(ms, s.timing.timeZone);

/** "it next opens <when>" (or "it never opens again"), and that instant. */
function nextOpening(w: Schedule, afterMs: number): { text: string; atMs: number | null } {
  const next = w.nextAfter(afterMs);
  return next ? { text: `it next opens ${at(next.startMs, w)}`, atMs: next.startMs } : { text: "it never opens again", atMs: null };
}

export function admit(g: GateInput): Admission {
  const now = g.nowMs;
  for (const b of g.blackouts) {
    const on = b.openingAt(now);
    if (on) return { ok: false, reason: `blackout ${b.name} is on until ${at(on.endMs, b)}`, retryAtMs: on.endMs };
  }

  let limit = Number.POSITIVE_INFINITY;
  let limitText = "";
  let retryAtMs: number | null = null;
  let retryText = "";
  let opening: Opening | undefined;
  if (g.window) {
    const w = g.window;
    opening = w.openingAt(now);
    const next = nextOpening(w, now);
    if (!opening) return { ok: false, reason: `window ${w.name} is closed; ${next.text}`, retryAtMs: next.atMs };
    if (now >= opening.lastStartMs) {
      return {
        ok: false,
        reason: `window ${w.name} is past its cutoff (nothing starts after ${at(opening.lastStartMs, w)}); ${next.text}`,
        retryAtMs: next.atMs,
      };
    }
    limit = opening.lastStartMs;
    limitText = `the cutoff of window ${w.name} at ${at(limit, w)}`;
    retryAtMs = next.atMs;
    retryText = `window ${w.name} ${next.text.replace(/^it /, "")}`;
  }

  for (const b of g.blackouts) {
    const next = b.nextAfter(now);
    if (next && next.startMs < limit) {
      limit = next.startMs;
      limitText = `blackout ${b.name}, which begins ${at(next.startMs, b)}`;
      retryAtMs = next.endMs;
      retryText = `the blackout ends ${at(next.endMs, b)}`;
    }
  }

  if (limit === Number.POSITIVE_INFINITY) return { ok: true, limitMs: null, opening };
  const expectedMs = typeof g.expectedMs === "function" ? g.expectedMs() : g.expectedMs;
  if (!fitsBeforeCutoff(now, expectedMs, limit)) {
    return {
      ok: false,
      reason: `${g.what} (expected ${describeSpan(expectedMs)}) does not fit before ${limitText}; ${retryText}`,
      retryAtMs,
    };
  }
  return { ok: true, limitMs: limit, opening };
}
