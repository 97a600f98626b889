// Schema 5 (windows) and 6 (rollouts rebuilt for the 'waiting-for-window' state): a database written by schema 4,
// with rollouts in it, migrates without losing a row or a foreign key, and the CHECKs still guard.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, schemaVersion } from "../src/store/db.js";
import { MIGRATIONS } from "../src/store/migrations.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A database as a schema-4 controller left it: a host, a command, a rollout mid-way with its hosts and actions. */
function schema4(): string {
  const dir = mkdtempSync(join(tmpdir(), "iisfleet-mig-"));
  dirs.push(dir);
  const path = join(dir, "db.sqlite");
  const db = new Database(path);
  db.pragma("foreign_keys = ON");
  for (const sql of MIGRATIONS.slice(0, 4)) db.exec(sql);
  db.pragma("user_version = 4");
  db.prepare("INSERT INTO hosts (name, farm, first_seen_ms, last_seen_ms) VALUES ('web01', 'shop', 1, 2), ('web02', 'shop', 1, 2)").run();
  db.prepare(
    "INSERT INTO commands (id, host, kind, issuer, operation, level, force, timeout_ms, state, created_ms, expires_ms) VALUES ('c1', 'web01', 'reset', 'rollout:r-1', 'restart', 'iis', 0, 0, 'succeeded', 10, 40)",
  ).run();
  db.prepare(
    "INSERT INTO rollouts (id, state, definition_json, created_by, created_ms, updated_ms, current_batch, batch_count, reason) VALUES ('r-1', 'paused', '{\"x\":1}', 'alice', 5, 20, 1, 2, 'pause by bob')",
  ).run();
  db.prepare(
    "INSERT INTO rollout_hosts (rollout_id, host, farm, position, batch, state, command_id, attempts, started_ms, finished_ms, code) VALUES ('r-1', 'web01', 'shop', 0, 0, 'healthy', 'c1', 1, 10, 30, 'OK'), ('r-1', 'web02', 'shop', 1, 1, 'queued', NULL, 0, NULL, NULL, '')",
  ).run();
  db.prepare("INSERT INTO rollout_actions (rollout_id, at_ms, actor, action, detail) VALUES ('r-1', 5, 'alice', 'start', ''), ('r-1', 20, 'bob', 'pause', '')").run();
  db.close();
  return path;
}

describe("migrations 5 and 6", () => {
  it("keep every rollout row and foreign key, and accept the new state", () => {
    const db = openDatabase(schema4());
    try {
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
      expect(db.prepare("SELECT id, state, definition_json, current_batch, batch_count, reason FROM rollouts").all()).toEqual([
        { id: "r-1", state: "paused", definition_json: '{"x":1}', current_batch: 1, batch_count: 2, reason: "pause by bob" },
      ]);
      expect(db.prepare("SELECT host, state, command_id, attempts FROM rollout_hosts ORDER BY position").all()).toEqual([
        { host: "web01", state: "healthy", command_id: "c1", attempts: 1 },
        { host: "web02", state: "queued", command_id: null, attempts: 0 },
      ]);
      expect(db.prepare("SELECT id, actor, action FROM rollout_actions ORDER BY id").all()).toEqual([
        { id: 1, actor: "alice", action: "start" },
        { id: 2, actor: "bob", action: "pause" },
      ]);
      expect(db.pragma("foreign_key_check")).toEqual([]);
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      // Children still point at the rebuilt parent, and foreign keys still bite.
      expect(() => db.prepare("INSERT INTO rollout_actions (rollout_id, at_ms, actor, action) VALUES ('r-404', 1, 'x', 'y')").run()).toThrow(/FOREIGN KEY/);
      expect(db.prepare("INSERT INTO rollout_actions (rollout_id, at_ms, actor, action) VALUES ('r-1', 30, 'carol', 'resume')").run().lastInsertRowid).toBe(3);
      // The CHECK knows the new state, and still refuses nonsense.
      db.prepare("UPDATE rollouts SET state = 'waiting-for-window' WHERE id = 'r-1'").run();
      expect(() => db.prepare("UPDATE rollouts SET state = 'snoozing' WHERE id = 'r-1'").run()).toThrow(/CHECK constraint failed/);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('rollouts_by_state', 'rollout_hosts_by_state') ORDER BY name").all()).toEqual([
        { name: "rollout_hosts_by_state" },
        { name: "rollouts_by_state" },
      ]);
      expect(db.prepare("SELECT name FROM sqlite_temp_master").all()).toEqual([]);
    } finally {
      db.close();
    }
  });

  it("the windows table guards its own rules", () => {
    const db = openDatabase(schema4());
    try {
      const insert = db.prepare(
        "INSERT INTO windows (name, cron, time_zone, duration_ms, cutoff_ms, farm, blackout, farm_default, created_by, created_ms) VALUES (?, '0 2 * * *', 'UTC', ?, ?, ?, ?, ?, 'x', 1)",
      );
      insert.run("a", 3_600_000, 0, "shop", 0, 1);
      expect(() => insert.run("b", 3_600_000, 0, "shop", 0, 1)).toThrow(/UNIQUE/); // one default per farm
      expect(() => insert.run("c", 3_600_000, 3_600_000, "shop", 0, 0)).toThrow(/CHECK/); // cutoff < duration
      expect(() => insert.run("d", 0, 0, "shop", 0, 0)).toThrow(/CHECK/);
      expect(() => insert.run("e", 3_600_000, 0, null, 0, 1)).toThrow(/CHECK/); // a default needs a farm
      expect(() => insert.run("f", 3_600_000, 0, "api", 1, 1)).toThrow(/CHECK/); // a blackout is no default
      insert.run("g", 3_600_000, 0, "api", 0, 1);
    } finally {
      db.close();
    }
  });
});
