// What the event log costs a rollout on a real database file: agents' queued progress events ride on the group
// commit of the results (no fsync of their own, and a write rolled back in that group cannot take them with it),
// and an event row updates no index it does not need (by host: only refusals are read that way).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Store } from "../src/store/index.js";
import { walCommitCounter } from "./support/wal-commits.js";

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(): Store {
  const dir = mkdtempSync(join(tmpdir(), "iisfleet-event-writes-"));
  dirs.push(dir);
  const store = Store.open(join(dir, "db.sqlite"));
  stores.push(store);
  store.db.prepare("INSERT INTO hosts (name, farm, first_seen_ms, last_seen_ms) VALUES ('web01', 'shop', 0, 0)").run();
  return store;
}

const progress = (n: number) => ({ atMs: n, kind: "command.progress" as const, host: "web01", commandId: "c1", message: `step ${n}`, data: { seq: n } });
const messages = (store: Store) => (store.db.prepare("SELECT message FROM events ORDER BY id").all() as Array<{ message: string }>).map((r) => r.message);
/** Past the event log's own flush delay (100 ms): whatever it commits on its own has been committed. */
const later = () => new Promise((r) => setTimeout(r, 250));

describe("the event log's writes", () => {
  it("commits progress events queued before a group commit in that commit, not in one of their own", async () => {
    const store = open();
    const commits = walCommitCounter(store.db);
    await later();
    const before = commits();
    store.events.appendSoon(progress(1));
    store.events.appendSoon(progress(2));
    // A group write that appends no event of its own (a rollout's reason, a host row).
    await store.txSoon(() => store.db.prepare("UPDATE hosts SET last_seen_ms = 5 WHERE name = 'web01'").run());
    // Committed by the time the group's promise resolves...
    expect(messages(store)).toEqual(["step 1", "step 2"]);
    await later();
    // ...and in that one commit: nothing left for the flush timer.
    expect(commits() - before).toBe(1);
  });

  it("commits progress events with no other commit to join on their own, within the delay, in one commit", async () => {
    const store = open();
    const commits = walCommitCounter(store.db);
    const before = commits();
    for (let i = 1; i <= 5; i++) store.events.appendSoon(progress(i));
    const t0 = Date.now();
    while (messages(store).length < 5 && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 5));
    expect(messages(store)).toEqual(["step 1", "step 2", "step 3", "step 4", "step 5"]);
    await later();
    expect(commits() - before).toBe(1);
  });

  it("commits a burst that fills the queue with the results of the same turn, in one commit", async () => {
    const store = open();
    const commits = walCommitCounter(store.db);
    await later();
    const before = commits();
    // Hundreds of hosts reporting at once: more progress events than the queue holds, and a result among them.
    for (let i = 1; i <= 1500; i++) store.events.appendSoon(progress(i));
    await store.txSoon(() => store.events.append({ atMs: 2000, kind: "command.finished", host: "web01", commandId: "c1", message: "finished" }));
    expect(messages(store)).toHaveLength(1501);
    expect(messages(store).at(-1)).toBe("finished");
    await later();
    expect(commits() - before).toBe(1);
  });

  it("leaves no timer behind for a progress event that arrives after the store is closed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "iisfleet-event-writes-"));
    dirs.push(dir);
    const store = Store.open(join(dir, "db.sqlite"));
    store.close();
    const timers = vi.spyOn(globalThis, "setTimeout");
    try {
      store.events.appendSoon(progress(1));
      // Five times its delay: a queue that kept asking a closed database would have set a timer each time.
      await new Promise((r) => setImmediate(r));
      const set = timers.mock.calls.length;
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 500));
      expect(set).toBe(1);
      expect(timers.mock.calls.length).toBe(2); // its own, and the wait above
    } finally {
      timers.mockRestore();
    }
  });

  it("keeps queued progress events when a write of the same group is rolled back", async () => {
    const store = open();
    store.events.appendSoon(progress(1));
    const failing = store.txSoon(() => {
      store.events.append({ atMs: 2, kind: "command.finished", host: "web01", commandId: "c1", message: "finished" });
      throw new Error("this write fails");
    });
    const fine = store.txSoon(() => store.events.append({ atMs: 3, kind: "command.sent", host: "web01", commandId: "c2", message: "sent" }));
    await expect(failing).rejects.toThrow("this write fails");
    await fine;
    store.events.flush();
    // The failed write's own event is gone with it; the progress reported before it is not.
    expect(messages(store)).toEqual(["step 1", "sent"]);
  });

  it("writes a commit's agent progress as one batch row that every reader merges back by id", async () => {
    const store = open();
    const progressOf = (c: string, n: number) => ({ ...progress(n), commandId: c, message: `${c} step ${n}` });
    store.events.append({ atMs: 0, kind: "command.sent", host: "web01", commandId: "c1", message: "c1 sent" });
    store.events.append({ atMs: 0, kind: "command.sent", host: "web01", commandId: "c2", message: "c2 sent" });
    for (let n = 1; n <= 4; n++) store.events.appendProgress(progressOf(n % 2 ? "c1" : "c2", n));
    // A refusal among them keeps its place in the order reported.
    store.events.appendSoon({ atMs: 5, kind: "command.refused", host: "web01", commandId: "x", message: "refused" });
    store.events.appendProgress(progressOf("c1", 6));
    await store.txSoon(() => store.events.append({ atMs: 7, kind: "command.finished", host: "web01", commandId: "c1", message: "c1 finished" }));
    const order = ["c1 sent", "c2 sent", "c1 step 1", "c2 step 2", "c1 step 3", "c2 step 4", "refused", "c1 step 6", "c1 finished"];
    // Rows: the two sends, the refusal and the result; the five progress messages are two batch rows (split by the refusal).
    expect(messages(store)).toEqual(["c1 sent", "c2 sent", "refused", "c1 finished"]);
    expect(store.db.prepare("SELECT count(*) FROM event_batches").pluck().get()).toBe(2);

    const all = store.events.after(0, 100);
    expect(all.map((e) => e.message)).toEqual(order);
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i + 1));
    expect(store.events.lastId()).toBe(9);
    expect(all[2]).toMatchObject({ kind: "command.progress", host: "web01", commandId: "c1", atMs: 1, data: { seq: 1 } });
    // Page by page, from any id, with an upper bound: each event once, none left out.
    for (const size of [1, 2, 3]) {
      const seen: string[] = [];
      for (let from = 0; ; ) {
        const page = store.events.after(from, size, 8);
        if (page.length === 0) break;
        seen.push(...page.map((e) => e.message));
        from = (page.at(-1) as { id: number }).id;
      }
      expect(seen).toEqual(order.slice(0, 8));
    }
    expect(store.events.forCommand("c1").map((e) => e.message)).toEqual(["c1 sent", "c1 step 1", "c1 step 3", "c1 step 6", "c1 finished"]);
    // c2 is still in flight: its history runs to the log's end.
    expect(store.events.forCommand("c2").map((e) => e.message)).toEqual(["c2 sent", "c2 step 2", "c2 step 4"]);
    // The next row's id follows the ids the batches took.
    expect(store.events.append({ atMs: 8, kind: "command.finished", host: "web01", commandId: "c2", message: "c2 finished" })).toBe(10);
  });

  it("a standby that starts to lead numbers its events after the leader's replicated progress batches", () => {
    const store = open();
    store.events.mute(true);
    // What the standby applied from the leader's change stream: an events row, then a batch of ids 2..4.
    store.db.prepare("INSERT INTO events (id, at_ms, kind, message) VALUES (1, 0, 'command.sent', 'sent')").run();
    store.db
      .prepare("INSERT INTO event_batches (first_id, last_id, at_ms, command_ids, events_json) VALUES (2, 4, 1, 'c1', ?)")
      .run(JSON.stringify([1, 2, 3].map((n) => [n, "command.progress", "web01", "c1", `step ${n}`, {}])));
    store.events.mute(false);
    expect(store.events.append({ atMs: 5, kind: "command.finished", host: "web01", commandId: "c1", message: "finished" })).toBe(5);
    expect(store.events.after(0, 10).map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it("indexes events by host only for refusals, the one read by host", () => {
    const store = open();
    const indexes = store.db
      .prepare<[], { name: string; partial: number }>("SELECT name, partial FROM pragma_index_list('events') ORDER BY name")
      .all();
    expect(indexes).toEqual([
      { name: "events_by_command", partial: 0 },
      { name: "events_refused_by_host", partial: 1 },
    ]);
    store.events.append({ atMs: 1, kind: "command.refused", host: "web01", commandId: "x", message: "refused: bad signature" });
    store.events.append({ atMs: 2, kind: "command.progress", host: "web01", commandId: "c1", message: "step" });
    expect(store.events.refused({ host: "web01", limit: 10 }).map((e) => e.message)).toEqual(["refused: bad signature"]);
    const plan = store.db
      .prepare<[], { detail: string }>("EXPLAIN QUERY PLAN SELECT * FROM events WHERE kind = 'command.refused' AND host = 'web01' ORDER BY id DESC LIMIT 5")
      .all()
      .map((r) => r.detail)
      .join("\n");
    expect(plan).toMatch(/USING INDEX events_refused_by_host/);
  });
});
