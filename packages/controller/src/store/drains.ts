import type { Db } from "./db.js";

/** A farm's load-balancer drain setting as stored (schema 6). The config is validated JSON (drain/config.ts). */
export interface FarmDrainRow {
  farm: string;
  provider: string;
  config: unknown;
  updatedBy: string;
  updatedMs: number;
}

interface RawFarmDrain {
  farm: string;
  provider: string;
  config_json: string;
  updated_by: string;
  updated_ms: number;
}

/** Rows of farm_drains. Writes happen inside a caller's transaction (with their event). */
export class FarmDrainStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      upsert: db.prepare(
        `INSERT INTO farm_drains (farm, provider, config_json, updated_by, updated_ms) VALUES (@farm, @provider, @config_json, @updated_by, @updated_ms)
         ON CONFLICT(farm) DO UPDATE SET provider = excluded.provider, config_json = excluded.config_json,
           updated_by = excluded.updated_by, updated_ms = excluded.updated_ms`,
      ),
      get: db.prepare<[string], RawFarmDrain>("SELECT * FROM farm_drains WHERE farm = ?"),
      list: db.prepare<[], RawFarmDrain>("SELECT * FROM farm_drains ORDER BY farm"),
      remove: db.prepare("DELETE FROM farm_drains WHERE farm = ?"),
    };
  }

  set(r: FarmDrainRow): void {
    this.s.upsert.run({ farm: r.farm, provider: r.provider, config_json: JSON.stringify(r.config), updated_by: r.updatedBy, updated_ms: r.updatedMs });
  }

  get(farm: string): FarmDrainRow | undefined {
    const raw = this.s.get.get(farm);
    return raw ? toRow(raw) : undefined;
  }

  list(): FarmDrainRow[] {
    return this.s.list.all().map(toRow);
  }

  remove(farm: string): boolean {
    return this.s.remove.run(farm).changes > 0;
  }
}

function toRow(r: RawFarmDrain): FarmDrainRow {
  return { farm: r.farm, provider: r.provider, config: JSON.parse(r.config_json) as unknown, updatedBy: r.updated_by, updatedMs: r.updated_ms };
}
