// Measures, from the agents' own clocks, how many hosts were out of service at once: a host is out from the
// moment its W3SVC stop step began until its W3SVC start step finished (the progress events agents publish
// carry their own timestamps and step durations; the controller stores them as they arrive, in batch rows).
import Database from "better-sqlite3";

export interface Window {
  host: string;
  commandId: string;
  from: number;
  to: number;
}

interface ProgressRow {
  host: string;
  command_id: string;
  at_ms: number;
  data_json: string;
}

export function outOfServiceWindows(dbPath: string, hosts?: string[]): Window[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    // Progress is written in batch rows (one per commit, its messages under ids of the events' sequence) since schema 19.
    const rows = db
      .prepare(
        `SELECT id, host, command_id, at_ms, data_json FROM events WHERE kind = 'command.progress'
         UNION ALL
         SELECT b.first_id + j.key, j.value ->> 2, j.value ->> 3, j.value ->> 0, j.value -> 5
           FROM event_batches b, json_each(b.events_json) j WHERE j.value ->> 1 = 'command.progress'
         ORDER BY 1`,
      )
      .all() as ProgressRow[];
    const byCommand = new Map<string, Window>();
    for (const r of rows) {
      if (hosts && !hosts.includes(r.host)) continue;
      const step = (JSON.parse(r.data_json) as { step?: { action: string; target: string; durationMs: number; ok: boolean } }).step;
      if (!step || step.target !== "W3SVC") continue;
      const w = byCommand.get(r.command_id) ?? { host: r.host, commandId: r.command_id, from: Number.NaN, to: Number.NaN };
      if (step.action === "stop") w.from = r.at_ms - step.durationMs;
      if (step.action === "start" && step.ok) w.to = r.at_ms;
      byCommand.set(r.command_id, w);
    }
    return [...byCommand.values()].filter((w) => Number.isFinite(w.from) && Number.isFinite(w.to));
  } finally {
    db.close();
  }
}

/** The largest number of windows open at one instant. */
export function maxConcurrent(windows: Window[]): number {
  const points = windows.flatMap((w) => [
    { t: w.from, d: 1 },
    { t: w.to, d: -1 },
  ]);
  // At equal instants, ends before starts: touching windows do not overlap.
  points.sort((a, b) => a.t - b.t || a.d - b.d);
  let open = 0;
  let max = 0;
  for (const p of points) {
    open += p.d;
    max = Math.max(max, open);
  }
  return max;
}
