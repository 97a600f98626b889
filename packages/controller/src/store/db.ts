import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { StoreError } from "../errors.js";
import { MIGRATIONS } from "./migrations.js";

export type Db = Database.Database;

/**
 * Opens (creating if needed) the controller's SQLite file. WAL lets the API read while the controller writes;
 * synchronous=FULL because every row here is a promise to an operator that something happened (or is about
 * to): a committed transition must survive a power cut.
 */
export function openDatabase(path: string): Db {
  if (path !== ":memory:") {
    // Tokens' hashes, the audit log and every host's facts: for the controller's account only. A directory made
    // here is 0700; the database is created 0600 before SQLite opens it, and SQLite gives its -wal and -shm files
    // the database file's mode.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, "a", 0o600));
    for (const f of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
  }
  let db: Db;
  try {
    db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    // Fail fast on a file that is not a database (or a corrupt one) rather than deep inside a request.
    db.prepare("SELECT count(*) FROM sqlite_master").get();
  } catch (err) {
    throw new StoreError(`Cannot open the database at ${path}: ${err instanceof Error ? err.message : String(err)}.`, err);
  }
  migrate(db, path);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma("user_version", { simple: true }) as number;
}

function migrate(db: Db, path: string): void {
  const current = schemaVersion(db);
  if (current > MIGRATIONS.length) {
    throw new StoreError(
      `The database at ${path} has schema version ${current}, newer than this controller knows (${MIGRATIONS.length}); upgrade iisfleet.`,
    );
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    const sql = MIGRATIONS[v] as string;
    // Each step and its version bump commit together, or not at all.
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
