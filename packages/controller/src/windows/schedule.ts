/**
 * When a window is open. All cron and time-zone arithmetic is croner's (DST included); this module only adds the
 * duration, which is elapsed time from the opening. Pure: every function takes "now" as an argument.
 *
 * croner's DST rules (Vixie cron's): a fixed time that falls in a spring-forward gap fires at the first valid time
 * after the gap, the same day; a fixed time that occurs twice at fall-back fires once, at the first occurrence.
 */
import { Cron } from "croner";
import type { WindowTiming } from "./spec.js";

export interface Opening {
  /** The instant the window opens. */
  startMs: number;
  /** startMs + duration. */
  endMs: number;
  /** endMs − cutoff: no batch may start at or after this, and a batch must be expected to end by it. */
  lastStartMs: number;
}

/** Overlapping openings (a cron firing more often than the duration) are rare; bound the walk through them. */
const MAX_OVERLAP_STEPS = 100;

export class Schedule {
  private readonly cron: Cron;

  constructor(readonly timing: WindowTiming) {
    // No callback: croner only computes dates and starts no timer.
    this.cron = new Cron(timing.cron, { timezone: timing.timeZone, mode: "5-or-6-parts" });
  }

  get name(): string {
    return this.timing.name;
  }

  private opening(startMs: number): Opening {
    const endMs = startMs + this.timing.durationMs;
    return { startMs, endMs, lastStartMs: endMs - this.timing.cutoffMs };
  }

  /** The first opening that starts strictly after `afterMs`. */
  nextAfter(afterMs: number): Opening | undefined {
    const d = this.cron.nextRun(new Date(afterMs));
    return d ? this.opening(d.getTime()) : undefined;
  }

  /** The next `count` openings starting at or after `fromMs`. */
  openingsFrom(fromMs: number, count: number): Opening[] {
    return this.cron.nextRuns(count, new Date(fromMs - 1)).map((d) => this.opening(d.getTime()));
  }

  /**
   * The opening that contains `atMs` (start ≤ at < end), or undefined when the window is closed. With overlapping
   * openings, the one that started last (and so ends last).
   */
  openingAt(atMs: number): Opening | undefined {
    const first = this.cron.nextRun(new Date(atMs - this.timing.durationMs));
    if (first === null || first.getTime() > atMs) return undefined;
    let start: number = first.getTime();
    for (let i = 0; i < MAX_OVERLAP_STEPS; i++) {
      const later: Date | null = this.cron.nextRun(new Date(start));
      if (later === null || later.getTime() > atMs) break;
      start = later.getTime();
    }
    return this.opening(start);
  }

  isOpenAt(atMs: number): boolean {
    return this.openingAt(atMs) !== undefined;
  }
}

/** A batch expected to take `expectedMs` fits when it would end by `limitMs` (the cutoff, or a blackout's start). */
export function fitsBeforeCutoff(nowMs: number, expectedMs: number, limitMs: number): boolean {
  return nowMs < limitMs && nowMs + expectedMs <= limitMs;
}

/** Nearest-rank 95th percentile; undefined for no samples. */
export function p95(samples: readonly number[]): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1];
}

const compiled = new Map<string, Schedule>();

/**
 * A Schedule for this timing, compiled once: the rollout scheduler asks every tick, and parsing a cron expression
 * costs far more than asking it for a date.
 */
export function scheduleFor(timing: WindowTiming): Schedule {
  const key = JSON.stringify([timing.name, timing.cron, timing.timeZone, timing.durationMs, timing.cutoffMs, timing.blackout]);
  let s = compiled.get(key);
  if (!s) {
    // Windows are few; a replaced window leaves a stale entry behind, so bound the cache rather than track them.
    if (compiled.size >= 1_000) compiled.clear();
    s = new Schedule(timing);
    compiled.set(key, s);
  }
  return s;
}
