// The change stream (ha/changes.ts, ha/replication.ts) against a real JetStream nats-server and real SQLite files:
// a leader's committed transaction travels whole, a standby applies it idempotently, keeps its position, and ignores a
// deposed leader's late changes; a lone controller's database (no --ha) records nothing in the outbox.
import { jetstreamManager } from "@nats-io/jetstream";
import { type NatsConnection, connect } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../../../test/support/nats-server.js";
import { tempDir } from "../../../test/support/processes.js";
import { installCapture } from "../src/ha/changes.js";
import { CHANGE_STREAM, OutboxPublisher, ReplicaApplier, ensureChangeStream } from "../src/ha/replication.js";
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
    await applier.catchUp(jsm, 10_000);
    expect(rows(standby).windows.map((w) => (w as { name: string }).name)).toEqual(["nightly"]);

    await applier.stop();
    for (const s of [leader, standby, deposed]) s.close();
    await jsm.streams.delete(CHANGE_STREAM);
  });
});
