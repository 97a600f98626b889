import type { Statement } from "better-sqlite3";
import type { Db } from "../store/db.js";

/**
 * Row-level change records for a standby pair. A change names a table and a row's primary key; the record that
 * travels carries the row as it is when published (or null once deleted), so applying a record is an upsert or a
 * delete, idempotent and order-tolerant for the same row: applying the stream twice, or a record again after a
 * restart, gives the same tables.
 */

/**
 * What a standby receives. Not hosts' heartbeat facts (each controller hears the agents itself, and a row per
 * heartbeat would swamp the stream): a host row travels when it appears and when an operator forgets or renames it.
 * API tokens travel when made, revoked or given another expiry (not each use): a token made on the leader works on
 * the standby and on a successor, so an operator's CLI can follow NOT_LEADER to the leader with the token it has. Each
 * controller's bootstrap admin token, written beside its own database at its first start, stays its own (the standby
 * never leads before it follows, so its first start made its own; the leader's travels as one more token).
 * Not the retention index or latest_commands: each database keeps those itself from the rows it holds.
 */
export const REPLICATED: ReadonlyArray<{ table: string; updateOf?: readonly string[] }> = [
  { table: "hosts", updateOf: ["forgotten_ms", "renamed_to", "farm"] },
  { table: "commands" },
  { table: "command_steps" },
  { table: "events" },
  { table: "event_batches" },
  { table: "rollouts" },
  { table: "rollout_hosts" },
  { table: "rollout_actions" },
  { table: "audit" },
  { table: "windows" },
  { table: "farm_drains" },
  // Starts set for later and notifications: a new leader fires the one and keeps delivering the other (from the old
  // leader's cursor over the event log, so nothing between its last delivery and the takeover is left out).
  { table: "scheduled" },
  { table: "notify_targets" },
  { table: "notify_deliveries" },
  { table: "notify_cursor" },
  { table: "api_tokens", updateOf: ["revoked_ms", "revoked_by", "expires_ms"] },
];

export interface ChangeRecord {
  /** The leader's term when it published this record (a standby ignores a record from a term older than one it applied). */
  term: number;
  table: string;
  key: unknown[];
  /** Column → value; BLOBs as { b64 }. Null: the row is gone. */
  row: Record<string, unknown> | null;
}

interface TableShape {
  columns: string[];
  keys: string[];
}

const shapes = new WeakMap<Db, Map<string, TableShape>>();
const statements = new WeakMap<Db, Map<string, Statement<unknown[], unknown>>>();

/** Statements are built from table shapes, so there are few distinct ones: each is prepared once per database. */
function prepared(db: Db, sql: string): Statement<unknown[], unknown> {
  let bySql = statements.get(db);
  if (!bySql) statements.set(db, (bySql = new Map()));
  let stmt = bySql.get(sql);
  if (!stmt) bySql.set(sql, (stmt = db.prepare<unknown[], unknown>(sql)));
  return stmt;
}

export function tableShape(db: Db, table: string): TableShape {
  let byTable = shapes.get(db);
  if (!byTable) shapes.set(db, (byTable = new Map()));
  const known = byTable.get(table);
  if (known) return known;
  const info = db.pragma(`table_info(${quoteId(table)})`) as Array<{ name: string; pk: number }>;
  if (info.length === 0) throw new Error(`no table ${table}`);
  const shape = { columns: info.map((c) => c.name), keys: info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name) };
  byTable.set(table, shape);
  return shape;
}

/**
 * The triggers that write every change to a replicated table into ha_outbox, in the same transaction as the change.
 * TEMP: they live in this connection only, so they exist on a leader and nowhere else — a lone controller (no --ha)
 * pays nothing, and a standby applying the stream does not record what it applies.
 */
export function installCapture(db: Db): void {
  for (const { table, updateOf } of REPLICATED) {
    const { keys } = tableShape(db, table);
    const key = (row: "NEW" | "OLD") => `json_array(${keys.map((k) => `${row}.${quoteId(k)}`).join(", ")})`;
    const t = quoteId(table);
    const insert = (row: "NEW" | "OLD") => `INSERT INTO main.ha_outbox (tbl, key_json) VALUES ('${table}', ${key(row)});`;
    db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS ha_capture_${table}_ins AFTER INSERT ON main.${t} BEGIN ${insert("NEW")} END;
      CREATE TEMP TRIGGER IF NOT EXISTS ha_capture_${table}_upd AFTER UPDATE${updateOf ? ` OF ${updateOf.map(quoteId).join(", ")}` : ""} ON main.${t} BEGIN ${insert("NEW")} END;
      CREATE TEMP TRIGGER IF NOT EXISTS ha_capture_${table}_del AFTER DELETE ON main.${t} BEGIN ${insert("OLD")} END;
    `);
  }
}

/** The record for one outbox entry: the row as it is now, or null once it is gone. */
export function readChange(db: Db, term: number, table: string, key: unknown[]): ChangeRecord {
  const { keys } = tableShape(db, table);
  const where = keys.map((k) => `${quoteId(k)} = ?`).join(" AND ");
  const row = prepared(db, `SELECT * FROM ${quoteId(table)} WHERE ${where}`).get(...key) as Record<string, unknown> | undefined;
  return { term, table, key, row: row ? encodeRow(row) : null };
}

/** Applies one record (no transaction of its own: the caller commits it with the stream position). */
export function applyChange(db: Db, c: ChangeRecord): void {
  if (!REPLICATED.some((r) => r.table === c.table)) throw new Error(`table ${c.table} is not replicated`);
  const { columns, keys } = tableShape(db, c.table);
  const t = quoteId(c.table);
  if (c.row === null) {
    prepared(db, `DELETE FROM ${t} WHERE ${keys.map((k) => `${quoteId(k)} = ?`).join(" AND ")}`).run(...c.key);
    return;
  }
  const row = decodeRow(c.row);
  // Columns this schema lacks (a leader one migration ahead) are left out; the rest is the leader's row.
  const cols = columns.filter((col) => col in row);
  const updates = cols.filter((col) => !keys.includes(col));
  const sql =
    `INSERT INTO ${t} (${cols.map(quoteId).join(", ")}) VALUES (${cols.map(() => "?").join(", ")}) ` +
    `ON CONFLICT (${keys.map(quoteId).join(", ")}) DO ${updates.length > 0 ? `UPDATE SET ${updates.map((col) => `${quoteId(col)} = excluded.${quoteId(col)}`).join(", ")}` : "NOTHING"}`;
  prepared(db, sql).run(...cols.map((col) => row[col]));
}

function encodeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = Buffer.isBuffer(v) ? { b64: v.toString("base64") } : v;
  return out;
}

function decodeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = v !== null && typeof v === "object" && typeof (v as { b64?: unknown }).b64 === "string" ? Buffer.from((v as { b64: string }).b64, "base64") : v;
  }
  return out;
}

function quoteId(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL name: ${name}`);
  return `"${name}"`;
}
