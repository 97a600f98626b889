/**
 * The one way every iisfleet program spells a length of time: agent flags, CLI flags, window specs, API bodies.
 * "500ms", "30s", "5m", "1h30m", "7d", "2.5s"; parts may be combined, largest first or not. A bare number is
 * accepted only where the caller says what unit it means (`bareUnit`), because `--timeout 30` has always been
 * seconds and the agent's `--heartbeat 500` milliseconds.
 */
export class InvalidDurationError extends Error {
  readonly code = "INVALID_DURATION";
  constructor(readonly text: string) {
    super(`"${text}" is not a duration; use e.g. 500ms, 30s, 5m, 1h30m or 7d.`);
    this.name = "InvalidDurationError";
  }
}

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;
// "ms" before "m" and "s": the alternation is tried in order.
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;

export function parseDuration(text: string, opts: { bareUnit?: Unit } = {}): number {
  const t = text.trim();
  if (opts.bareUnit !== undefined && /^\d+(?:\.\d+)?$/.test(t)) return Math.round(Number(t) * UNIT_MS[opts.bareUnit]);
  if (t.length === 0) throw new InvalidDurationError(text);
  let ms = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < t.length) {
    const m = PART.exec(t);
    if (!m) throw new InvalidDurationError(text);
    ms += Number(m[1]) * UNIT_MS[m[2] as Unit];
  }
  return Math.round(ms);
}

/** The shortest exact spelling parseDuration reads back: 5400000 → "1h30m", 1500 → "1s500ms". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return "0s";
  let rest = Math.round(ms);
  let out = "";
  for (const unit of ["d", "h", "m", "s", "ms"] as const) {
    const n = Math.floor(rest / UNIT_MS[unit]);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * UNIT_MS[unit];
    }
  }
  return out;
}
