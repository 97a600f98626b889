import { Listr, type ListrTaskWrapper } from "listr2";
import { IN_FLIGHT_HOST_STATES, type RolloutDetailView as RolloutDetail, type RolloutHostView as RolloutHostRow } from "../api/contract/views.js";
import type { ApiClient } from "./client.js";
import { duration } from "./format.js";
import { formatRollout, hostTook } from "./format-rollout.js";
import { describeUnit } from "../rollout/unit.js";
import { RolloutWake } from "./rollout-wake.js";

const TERMINAL_ROLLOUT = new Set(["succeeded", "failed", "aborted"]);
const TERMINAL_HOST = new Set(["healthy", "failed", "skipped"]);

/** Over: the rollout has ended and no host it started is still being reset (those finish and are recorded). */
const settled = (d: RolloutDetail) =>
  TERMINAL_ROLLOUT.has(d.rollout.state) && !d.hosts.some((h) => IN_FLIGHT_HOST_STATES.includes(h.state));

/** What a rollout that is not starting hosts waits for. */
export type WaitKind = "capacity" | "window" | "approval" | "bake" | "blocked" | "paused" | "other";

export interface Waiting {
  kind: WaitKind;
  /** The controller's sentence (with the hosts holding the capacity, or the window's next opening). */
  text: string;
}

/**
 * Why the rollout waits now, or null while it is making progress (or over). The controller's own reason wins; a
 * bake has none of its own, so it is said from `bakeUntilMs`.
 */
export function waitingOf(d: RolloutDetail, nowMs = Date.now()): Waiting | null {
  const r = d.rollout;
  if (TERMINAL_ROLLOUT.has(r.state)) return null;
  if (r.state === "paused") return { kind: "paused", text: `paused${r.reason ? `: ${r.reason}` : " (iisfleet rollout resume)"}` };
  if (r.state === "waiting-approval") return { kind: "approval", text: r.reason || "waiting for: iisfleet rollout approve" };
  if (r.state === "waiting-for-window") return { kind: "window", text: r.reason || "waiting for its maintenance window" };
  if (r.blocked) return { kind: "blocked", text: r.reason };
  if (r.bakeUntilMs !== null && r.bakeUntilMs > nowMs) {
    return { kind: "bake", text: `baking after batch ${r.currentBatch + 1} until ${new Date(r.bakeUntilMs).toISOString()} (--bake)` };
  }
  if (!r.reason) return null;
  if (r.reason.startsWith("waiting for capacity")) return { kind: "capacity", text: r.reason };
  if (r.reason.startsWith("window ") || r.reason.startsWith("blackout")) return { kind: "window", text: r.reason };
  return { kind: "other", text: r.reason };
}

/**
 * `rollout … --follow --json`: one JSON object per line, each a change.
 *   {type:"rollout", atMs, rolloutId, state, waitingFor: WaitKind|null, reason}   the rollout's state or why it waits changed
 *   {type:"host", atMs, rolloutId, host, batch, state, attempts, code, message, startedMs, finishedMs, tookMs}
 *   {type:"final", atMs, rolloutId, state, reason, summary, detail}                 last line; `detail` is GET /api/v1/rollouts/:id
 */
export type FollowLine =
  | { type: "rollout"; atMs: number; rolloutId: string; state: string; waitingFor: WaitKind | null; reason: string }
  | {
      type: "host";
      atMs: number;
      rolloutId: string;
      host: string;
      batch: number;
      state: string;
      attempts: number;
      code: string;
      message: string;
      startedMs: number | null;
      finishedMs: number | null;
      tookMs: number | null;
    }
  | { type: "final"; atMs: number; rolloutId: string; state: string; reason: string; summary: RolloutDetail["summary"]; detail: RolloutDetail };

/** Turns successive reads of a rollout into the changes between them (the first read: everything not queued). */
export class ChangeTracker {
  private readonly hosts = new Map<string, string>();
  private said = "";

  changes(d: RolloutDetail, nowMs = Date.now()): FollowLine[] {
    const out: FollowLine[] = [];
    const rolloutId = d.rollout.id;
    // Hosts first: "web01 healthy" then "baking after batch 1" reads in the order it happened.
    for (const h of d.hosts) {
      const k = `${h.state}/${h.attempts}`;
      if (this.hosts.get(h.host) === k) continue;
      this.hosts.set(h.host, k);
      if (h.state === "queued" && h.attempts === 0) continue;
      out.push({
        type: "host",
        atMs: (TERMINAL_HOST.has(h.state) ? h.finishedMs : h.startedMs) ?? nowMs,
        rolloutId,
        host: h.host,
        batch: h.batch,
        state: h.state,
        attempts: h.attempts,
        code: h.code,
        message: h.message,
        startedMs: h.startedMs,
        finishedMs: h.finishedMs,
        tookMs: hostTook(h),
      });
    }
    const waiting = settled(d) ? null : waitingOf(d, nowMs);
    const key = `${d.rollout.state}|${waiting?.text ?? ""}`;
    if (key !== this.said && !settled(d)) {
      this.said = key;
      out.push({ type: "rollout", atMs: nowMs, rolloutId, state: d.rollout.state, waitingFor: waiting?.kind ?? null, reason: waiting?.text ?? "" });
    }
    return out;
  }
}

export const finalLine = (d: RolloutDetail): FollowLine => ({
  type: "final",
  atMs: Date.now(),
  rolloutId: d.rollout.id,
  state: d.rollout.state,
  reason: d.rollout.reason,
  summary: d.summary,
  detail: d,
});

/** One human line for a change (piped output, CI logs). */
export function changeText(c: FollowLine): string {
  const at = new Date(c.atMs).toISOString();
  if (c.type === "rollout") {
    return `${at}  rollout ${c.rolloutId}: ${c.reason || c.state}`;
  }
  if (c.type === "host") return `${at}  batch ${c.batch + 1}  ${c.host}  ${hostLine(c, c.tookMs)}`;
  return `${at}  rollout ${c.rolloutId} ${c.state}: ${c.reason}`;
}

/**
 * Watches a rollout until it ends and returns its final state, re-reading it on each of its events on the
 * controller's event stream. On a terminal, a live task list (listr2): one task per batch (its title says why it
 * waits), one line per host. Elsewhere (CI logs, pipes) plain lines, one per change. With --json, one JSON object
 * per line (FollowLine).
 */
export async function followRollout(api: ApiClient, id: string, json: boolean): Promise<RolloutDetail> {
  const tracker = new ChangeTracker();
  if (json) {
    const final = await watch(api, id, (d) => {
      for (const c of tracker.changes(d)) process.stdout.write(`${JSON.stringify(c)}\n`);
    });
    process.stdout.write(`${JSON.stringify(finalLine(final))}\n`);
    return final;
  }
  if (!process.stdout.isTTY) {
    let headed = false;
    const final = await watch(api, id, (d) => {
      // What is being done to each host, once, before the first change: the unit (rollout/unit.ts).
      if (!headed) process.stdout.write(`rollout ${d.rollout.id}: ${describeUnit(d.rollout.definition)}\n`);
      headed = true;
      for (const c of tracker.changes(d)) process.stdout.write(`${changeText(c)}\n`);
    });
    process.stdout.write(`\n${formatRollout(final)}\n`);
    return final;
  }
  return followWithTaskList(api, id);
}

/** Reads the rollout now and again after each event about it, until it has settled. */
async function watch(api: ApiClient, id: string, onUpdate: (d: RolloutDetail) => void): Promise<RolloutDetail> {
  const get = () => api.get<RolloutDetail>(`/api/v1/rollouts/${encodeURIComponent(id)}`);
  // The stream is open before the first read: an event between the two only causes one more read.
  const wake = await RolloutWake.open(api, id);
  try {
    for (;;) {
      const d = await get();
      onUpdate(d);
      if (settled(d)) return d;
      await wake.next(bakeEnds(d));
    }
  } finally {
    wake.close();
  }
}

/** A bake ends without an event of its own until the next batch starts; re-read then to stop saying "baking". */
const bakeEnds = (d: RolloutDetail): number | undefined =>
  d.rollout.bakeUntilMs !== null && d.rollout.bakeUntilMs > Date.now() ? d.rollout.bakeUntilMs - Date.now() + 50 : undefined;

function hostLine(h: { state: string; code: string; message: string }, ms: number | null): string {
  const took = ms !== null ? ` in ${duration(ms)}` : "";
  if (h.state === "failed") return `failed${took}: ${h.code}: ${h.message}`;
  if (h.state === "skipped") return `skipped: ${h.message}`;
  return `${h.state}${took}`;
}

async function followWithTaskList(api: ApiClient, id: string): Promise<RolloutDetail> {
  let latest: RolloutDetail | undefined;
  let done = false;
  let ready!: () => void;
  const first = new Promise<void>((r) => (ready = r));
  const watcher = watch(api, id, (d) => {
    latest = d;
    done = settled(d);
    ready();
  });
  await Promise.race([first, watcher]);
  const now = (): RolloutDetail => latest as RolloutDetail;
  // Only local state is looked at here (the watcher keeps `latest` current from the event stream).
  const tick = () => new Promise((r) => setTimeout(r, 150));

  const waitForHost = async (host: string, task: ListrTaskWrapper<unknown, never, never>, batchTask: ListrTaskWrapper<unknown, never, never>, batchTitle: string) => {
    for (;;) {
      const d = now();
      const h = d.hosts.find((x) => x.host === host);
      if (h && TERMINAL_HOST.has(h.state)) {
        task.title = `${host}: ${hostLine(h, hostTook(h))}`;
        if (h.state === "failed") throw new Error(`${host}: ${h.code}: ${h.message}`);
        if (h.state === "skipped") task.skip(`${host}: skipped`);
        return;
      }
      if (done) {
        task.skip(`${host}: not started (rollout ${d.rollout.state})`);
        return;
      }
      const waiting = waitingOf(d);
      const title = waiting ? `${batchTitle} — ${waiting.text}` : batchTitle;
      if (batchTask.title !== title) batchTask.title = title;
      if (h) task.title = `${host}: ${h.state}`;
      await tick();
    }
  };

  const start = now();
  const batches = [...new Set(start.hosts.map((h) => h.batch))].sort((a, b) => a - b);
  const list = new Listr(
    batches.map((b) => {
      const batchTitle = `Batch ${b + 1}/${batches.length}: ${start.hosts.filter((h) => h.batch === b).map((h) => h.host).join(", ")}`;
      return {
        title: batchTitle,
        task: (_ctx: unknown, task: ListrTaskWrapper<unknown, never, never>) => {
          const d = now();
          if (done && d.hosts.filter((h) => h.batch === b).every((h) => h.state === "queued")) {
            task.skip(`Batch ${b + 1}/${batches.length}: not started (rollout ${d.rollout.state})`);
            return;
          }
          return task.newListr(
            d.hosts
              .filter((h) => h.batch === b)
              .map((h) => ({
                title: `${h.host}: ${h.state}`,
                task: (_c: unknown, t: ListrTaskWrapper<unknown, never, never>) => waitForHost(h.host, t, task, batchTitle),
              })),
            { concurrent: true, exitOnError: false },
          );
        },
      };
    }),
    { concurrent: false, exitOnError: false, collectErrors: false },
  );
  await list.run().catch(() => undefined);
  const final = await watcher;
  process.stdout.write(`\n${formatRollout(final)}\n`);
  return final;
}
