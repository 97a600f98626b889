import type { Db } from "./db.js";

/** A maintenance window or blackout as stored (schema 5). */
export interface WindowRow {
  name: string;
  cron: string;
  timeZone: string;
  durationMs: number;
  cutoffMs: number;
  /** Scope: the farm it applies to, or null for any farm. */
  farm: string | null;
  /** Scope: tags a host must all have. */
  tags: Record<string, string>;
  blackout: boolean;
  /** The farm's default window: rollouts on that farm keep to it unless they name another. */
  farmDefault: boolean;
  createdBy: string;
  createdMs: number;
}

interface RawWindow {
  name: string;
  cron: string;
  time_zone: string;
  duration_ms: number;
  cutoff_ms: number;
  farm: string | null;
  tags_json: string;
  blackout: number;
  farm_default: number;
  created_by: string;
  created_ms: number;
}

/** Rows of the windows table. Writes happen inside a caller's transaction (with their event). */
export class WindowStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO windows (name, cron, time_zone, duration_ms, cutoff_ms, farm, tags_json, blackout, farm_default, created_by, created_ms)
         VALUES (@name, @cron, @time_zone, @duration_ms, @cutoff_ms, @farm, @tags_json, @blackout, @farm_default, @created_by, @created_ms)`,
      ),
      get: db.prepare<[string], RawWindow>("SELECT * FROM windows WHERE name = ?"),
      list: db.prepare<[], RawWindow>("SELECT * FROM windows ORDER BY blackout DESC, name"),
      remove: db.prepare("DELETE FROM windows WHERE name = ?"),
      defaultOf: db.prepare<[string], RawWindow>("SELECT * FROM windows WHERE farm = ? AND farm_default = 1"),
    };
  }

  insert(w: WindowRow): void {
    this.s.insert.run({
      name: w.name,
      cron: w.cron,
      time_zone: w.timeZone,
      duration_ms: w.durationMs,
      cutoff_ms: w.cutoffMs,
      farm: w.farm,
      tags_json: JSON.stringify(w.tags),
      blackout: w.blackout ? 1 : 0,
      farm_default: w.farmDefault ? 1 : 0,
      created_by: w.createdBy,
      created_ms: w.createdMs,
    });
  }

  get(name: string): WindowRow | undefined {
    const raw = this.s.get.get(name);
    return raw ? toWindow(raw) : undefined;
  }

  /** Blackouts first, then by name. */
  list(): WindowRow[] {
    return this.s.list.all().map(toWindow);
  }

  remove(name: string): boolean {
    return this.s.remove.run(name).changes > 0;
  }

  defaultOf(farm: string): WindowRow | undefined {
    const raw = this.s.defaultOf.get(farm);
    return raw ? toWindow(raw) : undefined;
  }
}

function toWindow(r: RawWindow): WindowRow {
  return {
    name: r.name,
    cron: r.cron,
    timeZone: r.time_zone,
    durationMs: r.duration_ms,
    cutoffMs: r.cutoff_ms,
    farm: r.farm,
    tags: JSON.parse(r.tags_json) as Record<string, string>,
    blackout: r.blackout === 1,
    farmDefault: r.farm_default === 1,
    createdBy: r.created_by,
    createdMs: r.created_ms,
  };
}
