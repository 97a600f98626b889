import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../src/log.js";
import { type RetentionPolicy, RetentionSweeper } from "../src/retention/sweeper.js";
import { AUDIT_KEPT_AT_MOST_MS } from "../src/cli/options.js";
import { DEFAULT_AUDIT_LIMITS } from "../src/store/audit.js";
import { Store } from "../src/store/index.js";
import { HistoryRows } from "./support/history-rows.js";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 3, 12);
const clock = { now: () => NOW };
const log = createLogger("retention-test", "silent");

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function openStore(): { store: Store; rows: HistoryRows } {
  const dir = mkdtempSync(join(tmpdir(), "iisfleet-retention-"));
  dirs.push(dir);
  const store = Store.open(join(dir, "iisfleet.db"));
  stores.push(store);
  return { store, rows: new HistoryRows(store.db) };
}

function sweeper(store: Store, policy: RetentionPolicy | undefined, batchRows = 500): RetentionSweeper {
  return new RetentionSweeper(store, clock, log, policy, { batchRows });
}

/** A year of history around the cutoff (30 days): what must go and everything that must stay. */
function farmHistory(rows: HistoryRows) {
  const old = NOW - 200 * DAY;
  const recent = NOW - DAY;
  const oldDone = [rows.command("web01", old), rows.command("web02", old + 1, "failed")];
  const oldInFlight = rows.command("web03", old + 2, "sent");
  const oldBusy = rows.command("web04", old + 3);
  rows.host("web04", old, oldBusy);
  const finishedRollout = rows.rollout("r-old", "succeeded", old, ["web05", "web06", "web07"]);
  // Started long ago and still waiting for its window: nothing of it may go.
  const activeRollout = rows.rollout("r-active", "waiting-for-window", old, ["web08", "web09"]);
  rows.event(old, "rollout.window", { rolloutId: "r-active" });
  rows.event(old, "host.liveness", { host: "web01" });
  rows.audit(old);
  // Rows are written as time goes by: the recent ones last.
  const recentDone = rows.command("web01", recent);
  rows.event(recent, "host.liveness", { host: "web01" });
  rows.audit(recent);
  return { oldDone, oldInFlight, oldBusy, recentDone, finishedRollout, activeRollout };
}

describe("history retention (controller --retain)", () => {
  it("prunes finished commands, their steps and events, and finished rollouts older than the cutoff; keeps the rest", async () => {
    const { store, rows } = openStore();
    const h = farmHistory(rows);
    const report = await sweeper(store, { retainMs: 30 * DAY }).sweep();

    for (const id of [...h.oldDone, ...h.finishedRollout]) expect(rows.has("commands", id), id).toBe(false);
    expect(rows.has("rollouts", "r-old")).toBe(false);
    for (const id of [h.oldInFlight, h.oldBusy, h.recentDone, ...h.activeRollout]) expect(rows.has("commands", id), id).toBe(true);
    expect(rows.has("rollouts", "r-active")).toBe(true);
    expect(rows.count("rollout_hosts")).toBe(2);
    expect(rows.count("rollout_actions")).toBe(1);
    // Steps go with their command: 2 per command kept.
    expect(rows.count("command_steps")).toBe(2 * rows.count("commands"));
    // Kept events: those of the five kept commands (old ones included), the active rollout's two, the recent one,
    // and the sweep's own history.pruned record.
    const kinds = store.db.prepare("SELECT kind, count(*) AS n FROM events GROUP BY kind ORDER BY kind").all();
    expect(kinds).toEqual([
      { kind: "command.finished", n: 5 },
      { kind: "history.pruned", n: 1 },
      { kind: "host.liveness", n: 1 },
      { kind: "rollout.state", n: 1 },
      { kind: "rollout.window", n: 1 },
    ]);
    expect(report.deleted).toEqual({ rollouts: 1, commands: 5, events: 7, notifications: 0, audit: 0 });
    expect(store.db.pragma("foreign_key_check")).toEqual([]);
  });

  it("prunes agents' progress batches older than the cutoff with the events, and keeps the recent ones readable", async () => {
    const { store } = openStore();
    const progress = (atMs: number, commandId: string) => ({ atMs, kind: "command.progress" as const, commandId, message: `step of ${commandId}` });
    store.events.appendProgress(progress(NOW - 200 * DAY, "old"));
    store.events.flush();
    store.events.appendProgress(progress(NOW - DAY, "recent"));
    store.events.flush();
    await sweeper(store, { retainMs: 30 * DAY }).sweep();
    expect(store.db.prepare("SELECT count(*) FROM event_batches").pluck().get()).toBe(1);
    expect(store.events.after(0, 10).filter((e) => e.kind === "command.progress").map((e) => e.commandId)).toEqual(["recent"]);
  });

  it("leaves the audit log to its own bound unless --retain-audit says so", async () => {
    const { store, rows } = openStore();
    farmHistory(rows);
    await sweeper(store, { retainMs: 30 * DAY }).sweep();
    expect(rows.count("audit")).toBe(2);
    await sweeper(store, { retainMs: 30 * DAY, retainAuditMs: 100 * DAY }).sweep();
    expect(rows.count("audit")).toBe(1);
  });

  it("--retain-audit can only shorten the audit log's own bound, which the CLI states without loading the store", () => {
    expect(AUDIT_KEPT_AT_MOST_MS).toBe(DEFAULT_AUDIT_LIMITS.retentionMs);
  });

  it("--retain-audit alone prunes the audit log and nothing else", async () => {
    const { store, rows } = openStore();
    farmHistory(rows);
    const before = rows.count("commands");
    const report = await sweeper(store, { retainAuditMs: 30 * DAY }).sweep();
    expect(report.deleted).toEqual({ rollouts: 0, commands: 0, events: 0, notifications: 0, audit: 1 });
    expect(rows.count("commands")).toBe(before);
  });

  it("gives the same result a few rows per transaction, a 40-host rollout included, and measures its longest batch", async () => {
    const big = openStore();
    const small = openStore();
    for (const { rows } of [big, small]) {
      farmHistory(rows);
      rows.rollout("r-wide", "aborted", NOW - 90 * DAY, Array.from({ length: 40 }, (_, i) => `app${i}`));
    }
    const whole = await sweeper(big.store, { retainMs: 30 * DAY }, 10_000).sweep();
    const bits = await sweeper(small.store, { retainMs: 30 * DAY }, 7).sweep();
    expect(bits.deleted).toEqual(whole.deleted);
    expect(bits.batches).toBeGreaterThan(whole.batches + 40 / 7);
    expect(bits.longestBatchMs).toBeGreaterThan(0);
    for (const t of ["commands", "command_steps", "events", "rollouts", "rollout_hosts", "rollout_actions", "audit"] as const) {
      expect(small.rows.count(t), t).toBe(big.rows.count(t));
    }
  });

  it("prunes notification deliveries that ended before the cutoff, never a pending one", async () => {
    const { store } = openStore();
    store.db.prepare("INSERT INTO notify_targets (name, url, format, events_json, from_event_id, created_by, created_ms) VALUES ('ops', 'http://x/', 'generic', '[]', 0, 't', 0)").run();
    const add = store.db.prepare(
      "INSERT INTO notify_deliveries (target, event_id, kind, body, state, next_attempt_ms, created_ms, finished_ms) VALUES ('ops', ?, 'host.offline', '{}', ?, 0, ?, ?)",
    );
    add.run(1, "delivered", NOW - 90 * DAY, NOW - 90 * DAY);
    add.run(2, "failed", NOW - 90 * DAY, NOW - 89 * DAY);
    add.run(3, "pending", NOW - 90 * DAY, null);
    add.run(4, "delivered", NOW - DAY, NOW - DAY);
    const report = await sweeper(store, { retainMs: 30 * DAY }).sweep();
    expect(report.deleted.notifications).toBe(2);
    expect(store.db.prepare("SELECT event_id FROM notify_deliveries ORDER BY event_id").pluck().all()).toEqual([3, 4]);
  });

  it("takes at most its share of the controller's time: after each batch it pauses four times as long as the batch took (share 0.2)", async () => {
    const { store, rows } = openStore();
    for (let i = 0; i < 60; i++) rows.command(`web${i % 7}`, NOW - 100 * DAY + i);
    const pauses: number[] = [];
    const batchMs: number[] = [];
    const s = new RetentionSweeper(store, clock, log, { retainMs: 30 * DAY }, {
      batchRows: 10,
      pause: async (ms) => {
        pauses.push(ms);
        await new Promise<void>((resolve) => setImmediate(resolve));
      },
    });
    // The batches' own durations, from the same clock the sweeper reads.
    const prune = Object.getPrototypeOf((s as unknown as { retention: object }).retention) as { pruneBatch: (...a: unknown[]) => unknown };
    const original = prune.pruneBatch;
    prune.pruneBatch = function (this: unknown, ...a: unknown[]) {
      const t0 = performance.now();
      try {
        return original.apply(this, a);
      } finally {
        batchMs.push(performance.now() - t0);
      }
    };
    try {
      const report = await s.sweep();
      expect(report.deleted.commands).toBe(60);
      expect(pauses.length).toBe(report.batches - 1);
      expect(pauses.length).toBeGreaterThanOrEqual(6);
      // Each pause follows its batch: at least 4x the batch's time measured inside the sweeper's own measurement.
      pauses.forEach((ms, i) => expect(ms, `pause ${i}`).toBeGreaterThanOrEqual(4 * (batchMs[i] ?? 0) - 1e-6));
      expect(pauses.every((ms) => ms > 0)).toBe(true);
    } finally {
      prune.pruneBatch = original;
    }
    expect(() => new RetentionSweeper(store, clock, log, { retainMs: DAY }, { busyShare: 0 })).toThrow(/busyShare/);
    expect(() => new RetentionSweeper(store, clock, log, { retainMs: DAY }, { busyShare: 1.5 })).toThrow(/busyShare/);
  });

  it("reaches an old row written after a newer one (the clock was set back an hour)", async () => {
    const { store, rows } = openStore();
    const cutoff = NOW - 30 * DAY;
    const newer = rows.command("web01", cutoff + 2 * 3_600_000);
    const older = rows.command("web01", cutoff - 3_600_000);
    rows.command("web01", NOW);
    await sweeper(store, { retainMs: 30 * DAY }).sweep();
    expect(rows.has("commands", older)).toBe(false);
    expect(rows.has("commands", newer)).toBe(true);
  });

  it("a second sweep finds nothing more to prune and writes no event", async () => {
    const { store, rows } = openStore();
    farmHistory(rows);
    const s = sweeper(store, { retainMs: 30 * DAY });
    await s.sweep();
    const events = rows.count("events");
    const again = await s.sweep();
    expect(again.deleted).toEqual({ rollouts: 0, commands: 0, events: 0, notifications: 0, audit: 0 });
    expect(rows.count("events")).toBe(events);
  });

  it("says how far back history goes: the policy, the oldest kept record of each kind, the last sweep", async () => {
    const { store, rows } = openStore();
    farmHistory(rows);
    const s = sweeper(store, { retainMs: 30 * DAY });
    expect(s.view()).toMatchObject({ retainMs: 30 * DAY, retainAuditMs: null, lastSweep: null, oldest: { commandMs: NOW - 200 * DAY } });
    await s.sweep();
    const v = s.view();
    // The active rollout's commands of 200 days ago are the oldest kept; the audit log is untouched.
    expect(v.oldest).toEqual({ commandMs: NOW - 200 * DAY, eventMs: NOW - 200 * DAY, rolloutMs: NOW - 200 * DAY, auditMs: NOW - 200 * DAY });
    expect(v.lastSweep?.deleted.commands).toBe(5);
  });

  it("without a policy nothing is pruned and the view says everything is kept", async () => {
    const { store, rows } = openStore();
    farmHistory(rows);
    const s = sweeper(store, undefined);
    s.start();
    await expect(s.sweep()).rejects.toThrow(/no retention policy/);
    expect(s.view()).toMatchObject({ retainMs: null, retainAuditMs: null, lastSweep: null });
    await s.stop();
  });

  it("looks up a command's rollout host by index, not by scanning rollout_hosts (each delete's foreign-key check too)", () => {
    const { store } = openStore();
    const plan = store.db.prepare("EXPLAIN QUERY PLAN SELECT 1 FROM rollout_hosts WHERE command_id = ?").all("x") as { detail: string }[];
    expect(plan.map((p) => p.detail).join(" ")).toMatch(/USING (COVERING )?INDEX rollout_hosts_by_command/);
  });
});
