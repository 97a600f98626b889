// "The newest command of every host" (the capacity guard and the dashboard ask it at every batch start) answered
// from a table kept in the same transaction as each command, not by scanning the whole command history: same
// answer as the scan on a random history, including one that existed before the table (migration 15 fills it).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { LATEST_PER_HOST_SQL, type LatestCommand, CommandStore, Store, openDatabase } from "../src/store/index.js";
import { MIGRATIONS } from "../src/store/migrations.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dbPath(): string {
  const d = mkdtempSync(join(tmpdir(), "iisfleet-latest-"));
  dirs.push(d);
  return join(d, "db.sqlite");
}

/** The scan the table replaces (what latestPerHost ran before migration 15): the reference answer. */
const SCAN = `SELECT c.id, c.host FROM commands c WHERE c.rowid = (
  SELECT rowid FROM commands WHERE host = c.host ORDER BY created_ms DESC, rowid DESC LIMIT 1)`;

/** A small deterministic generator, so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hosts and commands in random order, with times that go back and forth and often tie (same millisecond). */
function fillHistory(db: Database.Database, seed: number, commands: number): void {
  const rnd = random(seed);
  const hosts = Array.from({ length: 40 }, (_, i) => `web${i}`);
  const addHost = db.prepare("INSERT INTO hosts (name, farm, first_seen_ms, last_seen_ms) VALUES (?, 'shop', 0, 0)");
  const addCommand = db.prepare(
    `INSERT INTO commands (id, host, kind, issuer, operation, level, force, timeout_ms, state, created_ms, expires_ms)
     VALUES (?, ?, 'reset', 'test', 'restart', 'iis', 0, 0, 'succeeded', ?, ?)`,
  );
  db.transaction(() => {
    for (const h of hosts) addHost.run(h);
    for (let i = 0; i < commands; i++) {
      const host = hosts[Math.floor(rnd() * hosts.length)] as string;
      const created = 1_000 + Math.floor(rnd() * 200);
      addCommand.run(`c-${seed}-${i}`, host, created, created + 30_000);
    }
  })();
}

const answer = (m: Map<string, LatestCommand>) => Object.fromEntries([...m].map(([host, c]) => [host, c.id]).sort());
const reference = (db: Database.Database) =>
  Object.fromEntries(db.prepare<[], { id: string; host: string }>(SCAN).all().map((r) => [r.host, r.id]).sort());

describe("latest command per host", () => {
  it("equals the full scan's answer on random histories written through the store", () => {
    for (const seed of [1, 2, 3, 42, 2026]) {
      const store = Store.open(dbPath());
      fillHistory(store.db, seed, 3_000);
      // And some through CommandStore.create, interleaved with the raw rows above.
      const rnd = random(seed + 1);
      for (let i = 0; i < 200; i++) {
        const created = 1_000 + Math.floor(rnd() * 250);
        store.commands.create({
          id: `s-${seed}-${i}`, host: `web${Math.floor(rnd() * 40)}`, kind: "reset", issuer: "test", operation: "restart",
          level: "iis", force: false, timeoutMs: 0, createdMs: created, expiresMs: created + 30_000, options: {},
        });
      }
      expect(answer(store.commands.latestPerHost()), `seed ${seed}`).toEqual(reference(store.db));
      expect(Object.keys(reference(store.db)).length).toBe(40);
      store.close();
    }
  });

  it("stays equal to the scan when commands are deleted (history retention), the newest ones included", () => {
    const store = Store.open(dbPath());
    fillHistory(store.db, 11, 2_000);
    const rnd = random(12);
    const del = store.db.prepare("DELETE FROM commands WHERE id = ?");
    // Every host's newest command first (the case the table must repair), then a random third of the rest.
    store.db.transaction(() => {
      for (const id of Object.values(reference(store.db)).slice(0, 20)) del.run(id);
    })();
    expect(answer(store.commands.latestPerHost())).toEqual(reference(store.db));
    const ids = store.db.prepare<[], { id: string }>("SELECT id FROM commands").all().map((r) => r.id);
    for (const id of ids) if (rnd() < 0.33) del.run(id);
    expect(answer(store.commands.latestPerHost())).toEqual(reference(store.db));
    // A host whose every command is gone has no newest command, as with the scan.
    const web0 = store.db.prepare<[], { id: string }>("SELECT id FROM commands WHERE host = 'web0'").all();
    for (const { id } of web0) del.run(id);
    expect(store.commands.latestPerHost().has("web0")).toBe(false);
    expect(answer(store.commands.latestPerHost())).toEqual(reference(store.db));
    store.close();
  });

  it("migration 15 fills the table from a history written before it", () => {
    const path = dbPath();
    const old = new Database(path);
    old.pragma("journal_mode = WAL");
    for (let v = 0; v < 14; v++) {
      old.exec(MIGRATIONS[v] as string);
      old.pragma(`user_version = ${v + 1}`);
    }
    fillHistory(old, 7, 5_000);
    const expected = reference(old);
    old.close();
    const db = openDatabase(path);
    expect(answer(new CommandStore(db).latestPerHost())).toEqual(expected);
    db.close();
  });

  it("keeps the newest command's kind, state and finish time itself, through finishes and deletes: one table read", () => {
    const store = Store.open(dbPath());
    fillHistory(store.db, 21, 2_000);
    const rnd = random(22);
    for (let i = 0; i < 120; i++) {
      const created = 1_000 + Math.floor(rnd() * 260);
      store.commands.create({
        id: `f-${i}`, host: `web${Math.floor(rnd() * 40)}`, kind: i % 3 === 0 ? "cordon" : "reset", issuer: "test", operation: "restart",
        level: "iis", force: false, timeoutMs: 0, createdMs: created, expiresMs: created + 30_000, options: {},
      }, { envelope: new Uint8Array([1]), atMs: created });
    }
    const newest = Object.values(reference(store.db)) as string[];
    // Finish most hosts' newest commands (and some older ones, which must change nothing), delete a few newest.
    for (const [i, id] of newest.entries()) {
      if (i % 4 === 3) continue;
      store.commands.finish(id, { state: i % 2 ? "failed" : "succeeded", finishedMs: 5_000 + i, code: "X", message: "m", steps: [] });
    }
    for (let i = 0; i < 30; i++) store.commands.finish(`c-21-${i}`, { state: "error", finishedMs: 9_000, code: "X", message: "m", steps: [] });
    const del = store.db.prepare("DELETE FROM commands WHERE id = ?");
    for (const id of newest.slice(0, 5)) del.run(id);
    const full = (rows: LatestCommand[]) => Object.fromEntries(rows.map((c) => [c.host, c]).sort());
    const expected = store.db
      .prepare<[], LatestCommand>(`SELECT id, host, kind, state, finished_ms AS finishedMs FROM commands c WHERE c.rowid = (
         SELECT rowid FROM commands WHERE host = c.host ORDER BY created_ms DESC, rowid DESC LIMIT 1)`)
      .all();
    expect(full([...store.commands.latestPerHost().values()])).toEqual(full(expected));
    const plan = store.db.prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${LATEST_PER_HOST_SQL}`).all().map((r) => r.detail);
    expect(plan).toHaveLength(1);
    store.close();
  });

  it("does not scan the command history: the query reads one row per host", () => {
    const store = Store.open(dbPath());
    const plan = store.db.prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${LATEST_PER_HOST_SQL}`).all().map((r) => r.detail);
    expect(plan.join("\n")).not.toMatch(/SCAN (c|commands)\b/);
    store.close();
  });
});
