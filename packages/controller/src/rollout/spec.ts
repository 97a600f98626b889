/**
 * The pure parts of a rollout definition: batch sizes, budgets and host ordering. No I/O, no clock.
 *
 * Rounding (documented in the CLI help and tested): a percentage of N hosts is floor(N × p / 100), but never
 * less than 1 — the Ansible `serial` rule — so "25%" of 10 hosts is 2, and "1%" of 10 hosts is 1.
 */

export type Amount = { kind: "count"; n: number } | { kind: "percent"; p: number };

export class RolloutSpecError extends Error {
  readonly code = "INVALID_ROLLOUT";
}

const AMOUNT = /^(\d{1,6})(%?)$/;

/**
 * "3" or "25%". The sentence names no field: the API prefixes the body field (`batch: …`), the CLI the flag
 * (`--batch: …`), each where it knows which one the user wrote.
 */
export function parseAmount(text: string, opts: { allowZero?: boolean } = {}): Amount {
  const m = AMOUNT.exec(text.trim());
  if (!m) throw new RolloutSpecError(`"${text}" is not a number of hosts or a percentage (e.g. 3 or 25%).`);
  const n = Number(m[1]);
  if (m[2] === "%") {
    if (n > 100 || (n === 0 && !opts.allowZero)) throw new RolloutSpecError(`${text} must be ${opts.allowZero ? "0" : "1"}% to 100%.`);
    return { kind: "percent", p: n };
  }
  if (n === 0 && !opts.allowZero) throw new RolloutSpecError("must be at least 1.");
  return { kind: "count", n };
}

/** "1,2,25%": a ramp; the last step repeats until every host has had its batch. */
export function parseBatchSpec(text: string): Amount[] {
  const parts = text.split(",").map((s) => s.trim());
  if (parts.length === 0 || parts.length > 20 || parts.some((p) => p === "")) {
    throw new RolloutSpecError(`"${text}" must be a size, a percentage, or a comma-separated ramp such as 1,2,25%.`);
  }
  return parts.map((p) => parseAmount(p));
}

/** floor(total × p / 100), at least 1 (and 0 only when total is 0). */
export function resolveAmount(a: Amount, total: number): number {
  if (total <= 0) return 0;
  if (a.kind === "count") return a.n;
  return Math.max(1, Math.floor((total * a.p) / 100));
}

/** For budgets that may be zero (max failures): floor(total × p / 100) with no minimum. */
export function resolveBudget(a: Amount, total: number): number {
  return a.kind === "count" ? a.n : Math.floor((total * a.p) / 100);
}

/**
 * Splits `total` hosts into batch sizes: an optional canary batch first, then the ramp (percentages of the
 * whole target count), the last step repeating. Every batch has at least one host.
 */
export function batchSizes(total: number, ramp: Amount[], canary = 0): number[] {
  const sizes: number[] = [];
  let left = total;
  if (canary > 0 && left > 0) {
    const c = Math.min(canary, left);
    sizes.push(c);
    left -= c;
  }
  let step = 0;
  while (left > 0) {
    const a = ramp[Math.min(step, ramp.length - 1)] as Amount;
    const size = Math.min(left, Math.max(1, resolveAmount(a, total)));
    sizes.push(size);
    left -= size;
    step++;
  }
  return sizes;
}

export type Order = "name" | "random" | "unhealthy-first";

export interface OrderableHost {
  name: string;
  /** Down, stale, unhealthy or not serving: worth resetting first under "unhealthy-first". */
  unhealthy: boolean;
}

/** Deterministic PRNG (mulberry32) so `--order random --seed S` gives the same order every time. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function orderHosts(hosts: OrderableHost[], order: Order, seed = 0): string[] {
  const byName = [...hosts].sort((a, b) => a.name.localeCompare(b.name));
  if (order === "name") return byName.map((h) => h.name);
  if (order === "unhealthy-first") {
    return [...byName.filter((h) => h.unhealthy), ...byName.filter((h) => !h.unhealthy)].map((h) => h.name);
  }
  const rnd = mulberry32(seed);
  const out = byName.map((h) => h.name);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out;
}

export function formatAmount(a: Amount): string {
  return a.kind === "count" ? String(a.n) : `${a.p}%`;
}
