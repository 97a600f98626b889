/** Injectable time, so liveness, deadlines and (later) schedules can be tested without waiting. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
