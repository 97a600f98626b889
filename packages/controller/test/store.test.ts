import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { StoreError } from "../src/errors.js";
import { Store, openDatabase, schemaVersion } from "../src/store/index.js";
import { MIGRATIONS } from "../src/store/migrations.js";

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "iisfleet-store-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("opening the database", () => {
  it("creates the file and its folder, in WAL mode with synchronous=FULL, at the latest schema", () => {
    const path = join(tmp(), "nested", "iisfleet.db");
    const db = openDatabase(path);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("synchronous", { simple: true })).toBe(2); // FULL
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it("re-opening runs no migration twice and keeps the data", () => {
    const path = join(tmp(), "iisfleet.db");
    const a = Store.open(path);
    a.events.append({ atMs: 1, kind: "host.registered", host: "web01", message: "x" });
    a.close();
    const b = Store.open(path);
    expect(schemaVersion(b.db)).toBe(MIGRATIONS.length);
    expect(b.db.prepare("SELECT count(*) AS n FROM events").get()).toEqual({ n: 1 });
    b.close();
  });

  it("a file that is not a database gives a StoreError naming the path, and the file is left untouched", () => {
    const path = join(tmp(), "iisfleet.db");
    const junk = "this is not sqlite ".repeat(200);
    writeFileSync(path, junk);
    expect(() => openDatabase(path)).toThrow(StoreError);
    expect(() => openDatabase(path)).toThrow(new RegExp(`Cannot open the database at ${path}: file is not a database`));
    expect(readFileSync(path, "utf8")).toBe(junk);
  });

  it("a database from a newer iisfleet is refused, not downgraded", () => {
    const path = join(tmp(), "iisfleet.db");
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(/newer than this controller knows/);
  });

  it("a failing migration leaves the version where it was (each step is one transaction)", () => {
    const path = join(tmp(), "iisfleet.db");
    const raw = new Database(path);
    // A table in the way of migration 1: its CREATE TABLE fails, and nothing of it may stay behind.
    raw.exec("CREATE TABLE commands (x INTEGER)");
    raw.close();
    expect(() => openDatabase(path)).toThrow();
    const check = new Database(path);
    expect(check.pragma("user_version", { simple: true })).toBe(0);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'hosts'").get()).toBeUndefined();
    check.close();
  });
});

describe("commands", () => {
  it("only known states are accepted by the schema", () => {
    const s = Store.open(join(tmp(), "iisfleet.db"));
    s.hosts.upsert({
      name: "web01", farm: "f", tags: {}, adapter: "simulated", iisGeneration: 7, agentVersion: "1", instanceId: "i",
      cordoned: false, busyCommandId: "", services: [], appPools: [], counters: {}, heartbeatMs: 1000, firstSeenMs: 1, lastSeenMs: 1,
    });
    s.commands.create({ id: "c1", host: "web01", kind: "reset", issuer: "t", operation: "restart", level: "iis", force: false, timeoutMs: 0, createdMs: 1, expiresMs: 2, options: {} });
    expect(() => s.db.prepare("UPDATE commands SET state = 'exploded' WHERE id = 'c1'").run()).toThrow(/CHECK constraint/);
    expect(() =>
      s.commands.create({ id: "c2", host: "nohost", kind: "reset", issuer: "t", operation: "restart", level: "iis", force: false, timeoutMs: 0, createdMs: 1, expiresMs: 2, options: {} }),
    ).toThrow(/FOREIGN KEY/);
    s.close();
  });
});
