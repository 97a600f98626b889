// The change stream (ha/changes.ts, ha/replication.ts) against a real JetStream nats-server and real SQLite files:
// a leader's committed transaction travels whole, a standby applies it idempotently, keeps its position, and ignores a
// deposed leader's late changes; a lone controller's database (no --ha) records nothing in the outbox.
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { type NatsConnection, connect } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../../../test/support/nats-server.js";
import { tempDir } from "../../../test/support/processes.js";
import { waitFor } from "../../../test/support/wait.js";
import { installCapture } from "../src/ha/changes.js";
import { CHANGE_STREAM, OutboxPublisher, PART_HEADERS, ReplicaApplier, ensureChangeStream, splitParts, streamGap } from "../src/ha/replication.js";
import { createLogger } from "../src/log.js";
import { Store } from "../src/store/index.js";

let nats: NatsServer;
let nc: NatsConnection;
const dir = tempDir("iisfleet-repl-");
const log = createLogger("test", "silent");

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
});

afterAll(async () => {
  await nc?.close();
  await nats?.stop();
  dir.remove();
});

function addWindow(store: Store, name: string): void {
  store.db
    .prepare("INSERT INTO windows (name, cron, time_zone, duration_ms, created_by, created_ms) VALUES (?, '0 2 * * *', 'UTC', 3600000, 'alice', 1)")
    .run(name);
}

const rows = (store: Store) => ({
  windows: store.db.prepare("SELECT * FROM windows ORDER BY name").all(),
  events: store.db.prepare("SELECT * FROM events ORDER BY id").all(),
});

describe("change stream", () => {
  it("a lone controller (no capture installed) writes nothing to the outbox", () => {
    const store = Store.open(`${dir.path}/lone.db`);
    addWindow(store, "w");
    store.events.append({ atMs: 1, kind: "window.added", message: "w" });
    expect(store.db.prepare("SELECT count(*) AS n FROM ha_outbox").get()).toEqual({ n: 0 });
    store.close();
  });

  it("a transaction larger than a message (6,000 rows, over 1 MB) travels in parts; the standby applies it only whole, and resumes it after a restart half-way", async () => {
    // The server's own limit is below the publisher's 512 KiB: the parts must fit what this server accepts.
    const small = await startNatsServer({ extraConfig: "max_payload: 128KB" });
    const snc = await connect({ servers: small.url });
    try {
      const leader = Store.open(`${dir.path}/big-leader.db`);
      const standby = Store.open(`${dir.path}/big-standby.db`);
      const jsm = await ensureChangeStream(snc, 1);
      installCapture(leader.db);
      addWindow(leader, "before");
      const publisher = new OutboxPublisher(leader.db, snc, 7, log);
      await publisher.flushed(10_000);
      const beforeSeq = (await jsm.streams.info(CHANGE_STREAM)).state.last_seq;
      // One committed transaction: a window and 6,000 events of ~200 bytes each.
      leader.tx(() => {
        addWindow(leader, "big");
        for (let i = 0; i < 6_000; i++) leader.events.append({ atMs: 10 + i, kind: "rollout.host", message: `host web${String(i).padStart(5, "0")} ${"x".repeat(160)}` });
      });
      await publisher.flushed(20_000);
      const lastSeq = (await jsm.streams.info(CHANGE_STREAM)).state.last_seq;
      expect(lastSeq - beforeSeq).toBeGreaterThan(8);

      const stored = async (seq: number) => {
        const m = await jsm.streams.getMessage(CHANGE_STREAM, { seq });
        if (!m) throw new Error(`no message ${seq} in the stream`);
        return m;
      };
      const count = (s: Store) => (s.db.prepare("SELECT count(*) AS n FROM events").get() as { n: number }).n;
      // Message by message, as a consumer delivers them: before the last part, nothing of the transaction is applied.
      const applier = new ReplicaApplier(standby.db, snc, log);
      for (let seq = 1; seq <= lastSeq; seq++) {
        const m = await stored(seq);
        applier.apply(seq, m.data, m.header);
        if (seq > beforeSeq && seq < lastSeq) {
          expect(count(standby)).toBe(0);
          expect(applier.current.streamSeq).toBe(beforeSeq);
        }
        // Half-way: the standby restarts (a new applier on the same file) and reads the stream from its position.
        if (seq === beforeSeq + 3) break;
      }
      const restarted = new ReplicaApplier(standby.db, snc, log);
      await restarted.start();
      await restarted.catchUp(jsm, 20_000);
      expect(count(standby)).toBe(6_000);
      expect(rows(standby)).toEqual(rows(leader));
      expect(restarted.current).toMatchObject({ streamSeq: lastSeq, term: 7 });
      // Applied again from the first part (a redelivery): the same tables.
      for (let seq = beforeSeq + 1; seq <= lastSeq; seq++) {
        const m = await stored(seq);
        restarted.apply(seq + 1_000, m.data, m.header);
      }
      expect(rows(standby)).toEqual(rows(leader));
      await restarted.stop();
      await publisher.stop();
      for (const s of [leader, standby]) s.close();
    } finally {
      await snc.close();
      await small.stop();
    }
  });

  it("parts: a group never finished is dropped when another begins or the stream ends; a deposed leader's message between parts is ignored", async () => {
    const standby = Store.open(`${dir.path}/parts-standby.db`);
    const applier = new ReplicaApplier(standby.db, nc, log);
    const windowRow = (name: string) => ({ name, cron: "0 2 * * *", time_zone: "UTC", duration_ms: 3600000, created_by: "alice", created_ms: 1 });
    const body = (term: number, names: string[]) => Buffer.from(JSON.stringify({ term, changes: names.map((n) => ({ term, table: "windows", key: [n], row: windowRow(n) })) }));
    const hdr = (term: number, group?: string, k?: number, n?: number) => {
      const h = new Map<string, string>([[PART_HEADERS.term, String(term)]]);
      if (group) h.set(PART_HEADERS.group, group).set(PART_HEADERS.part, `${k}/${n}`);
      return { get: (key: string) => h.get(key) ?? "" };
    };
    const names = () => standby.db.prepare("SELECT name FROM windows ORDER BY name").all().map((r) => (r as { name: string }).name);
    const send = (seq: number, term: number, names: string[], parts: number, group: string, only?: number[]) => {
      const chunks = splitParts(body(term, names), Math.ceil(body(term, names).length / parts));
      for (const [i, c] of chunks.entries()) if (!only || only.includes(i + 1)) applier.apply(seq + i, c, hdr(term, group, i + 1, chunks.length));
    };
    // Term 5 publishes two of three parts, then (a retry after a publish error) a larger group from the start.
    send(1, 5, ["a1", "a2"], 3, "5-1-2", [1, 2]);
    expect(names()).toEqual([]);
    send(3, 5, ["a1", "a2", "a3"], 3, "5-1-3");
    expect(names()).toEqual(["a1", "a2", "a3"]);
    expect(applier.current).toMatchObject({ streamSeq: 5, term: 5 });
    // Term 6's group arrives with a late message of deposed term 5 between its parts: the group is applied, the late one not.
    send(6, 6, ["b1"], 2, "6-4-4", [1]);
    applier.apply(7, body(5, ["rogue"]), hdr(5));
    expect(applier.current.streamSeq).toBe(5);
    applier.apply(8, splitParts(body(6, ["b1"]), Math.ceil(body(6, ["b1"]).length / 2))[1] as Buffer, hdr(6, "6-4-4", 2, 2));
    expect(names()).toEqual(["a1", "a2", "a3", "b1"]);
    expect(applier.current).toMatchObject({ streamSeq: 8, term: 6 });
    // The leader dies after the first of two parts: at the stream's end (a takeover's catch-up) the group is dropped.
    send(9, 6, ["c1"], 2, "6-5-5", [1]);
    const jsm = await jetstreamManager(nc);
    await ensureChangeStream(nc, 1);
    for (let i = 0; i < 9; i++) await jetstream(nc).publish("iisfleet.v1.ha.changes", new Uint8Array());
    await applier.catchUp(jsm, 5_000);
    expect(names()).toEqual(["a1", "a2", "a3", "b1"]);
    // The next message is whole and applied; the position moves past the dropped part.
    applier.apply(10, body(7, ["d1"]), hdr(7));
    expect(names()).toEqual(["a1", "a2", "a3", "b1", "d1"]);
    expect(applier.current).toMatchObject({ streamSeq: 10, term: 7 });
    standby.close();
    await jsm.streams.delete(CHANGE_STREAM);
  });

  it("a gap: changes this standby never applied are gone from the stream; it applies nothing past them and says why", async () => {
    const leader = Store.open(`${dir.path}/gap-leader.db`);
    const standby = Store.open(`${dir.path}/gap-standby.db`);
    const jsm = await ensureChangeStream(nc, 1);
    installCapture(leader.db);
    const publisher = new OutboxPublisher(leader.db, nc, 9, log);
    for (const name of ["w1", "w2", "w3", "w4"]) {
      addWindow(leader, name);
      await publisher.flushed(5_000);
    }
    // The leader's own database knows how far the stream holds its changes (a copy of it can follow on).
    expect(new ReplicaApplier(leader.db, nc, log).current).toMatchObject({ streamSeq: 4, term: 9 });
    // A standby that applied w1 only; w2 is removed from the middle of the stream (the first sequence is still 1).
    const first = await jsm.streams.getMessage(CHANGE_STREAM, { seq: 1 });
    new ReplicaApplier(standby.db, nc, log).apply(1, first?.data ?? new Uint8Array(), first?.header);
    await jsm.streams.deleteMessage(CHANGE_STREAM, 2);
    expect(await streamGap(jsm, 1)).toBeUndefined();
    let problem: string | undefined;
    const applier = new ReplicaApplier(standby.db, nc, log, undefined, (p) => (problem = p));
    await applier.start();
    await waitFor(() => problem, { what: "the gap to be found", timeoutMs: 10_000 });
    expect(problem).toMatch(/went from sequence 1 to 3: the changes between were removed .* will not take the lease/);
    expect(standby.db.prepare("SELECT name FROM windows").all()).toEqual([{ name: "w1" }]);
    expect(applier.current.streamSeq).toBe(1);
    // At start: a position older than the stream's first sequence, or past its end (the stream made again).
    await jsm.streams.purge(CHANGE_STREAM);
    expect(await streamGap(jsm, 1)).toMatch(/up to stream sequence 1, but the change stream IISFLEET_CHANGES now begins at 5/);
    expect(await streamGap(jsm, 4)).toBeUndefined();
    await jsm.streams.delete(CHANGE_STREAM);
    await ensureChangeStream(nc, 1);
    expect(await streamGap(jsm, 4)).toMatch(/ends at 0 \(it was deleted and made again\)/);
    await applier.stop();
    await publisher.stop();
    for (const s of [leader, standby]) s.close();
    await jsm.streams.delete(CHANGE_STREAM);
  });

  it("a transaction travels in one message; the standby applies it whole, idempotently, and knows how far it is", async () => {
    const leader = Store.open(`${dir.path}/leader.db`);
    const standby = Store.open(`${dir.path}/standby.db`);
    const jsm = await ensureChangeStream(nc, 1);
    installCapture(leader.db);
    leader.tx(() => {
      addWindow(leader, "nightly");
      addWindow(leader, "weekly");
      leader.events.append({ atMs: 2, kind: "window.added", message: "two windows" });
    });
    const publisher = new OutboxPublisher(leader.db, nc, 4, log);
    await publisher.flushed(5_000);
    expect(publisher.backlog()).toBe(0);
    const info = await jsm.streams.info(CHANGE_STREAM);
    expect(info.state.messages).toBe(1);

    const applier = new ReplicaApplier(standby.db, nc, log);
    await applier.start();
    await applier.catchUp(jsm, 10_000);
    expect(rows(standby)).toEqual(rows(leader));
    expect(applier.current).toMatchObject({ streamSeq: info.state.last_seq, term: 4 });

    // A change and a delete, then the same message delivered again: the same tables.
    leader.db.prepare("UPDATE windows SET cron = '0 3 * * *' WHERE name = 'nightly'").run();
    leader.db.prepare("DELETE FROM windows WHERE name = 'weekly'").run();
    await publisher.flushed(5_000);
    await applier.catchUp(jsm, 10_000);
    expect(rows(standby)).toEqual(rows(leader));
    // Delivered again (a consumer that restarted), the first message is skipped by position; the last one, applied
    // again as if new, changes nothing.
    const last = (await jsm.streams.info(CHANGE_STREAM)).state.last_seq;
    const stored = async (seq: number) => {
      const m = await jsm.streams.getMessage(CHANGE_STREAM, { seq });
      if (!m) throw new Error(`no message ${seq} in the stream`);
      return m.data;
    };
    applier.apply(info.state.last_seq, await stored(info.state.last_seq));
    expect(rows(standby)).toEqual(rows(leader));
    applier.apply(last + 100, await stored(last));
    expect(rows(standby)).toEqual(rows(leader));

    // A deposed leader (term 3) publishing after term 4 was applied: ignored.
    const deposed = Store.open(`${dir.path}/deposed.db`);
    installCapture(deposed.db);
    addWindow(deposed, "rogue");
    await new OutboxPublisher(deposed.db, nc, 3, log).flushed(5_000);
    // Its message came after another leader's: its database does not hold the stream up to it, so it records no position.
    expect(deposed.db.prepare("SELECT count(*) AS n FROM ha_replica").get()).toEqual({ n: 0 });
    await applier.catchUp(jsm, 10_000);
    expect(rows(standby).windows.map((w) => (w as { name: string }).name)).toEqual(["nightly"]);

    await applier.stop();
    for (const s of [leader, standby, deposed]) s.close();
    await jsm.streams.delete(CHANGE_STREAM);
  });
});
