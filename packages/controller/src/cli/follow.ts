import { Listr, type ListrTaskWrapper } from "listr2";
import { IN_FLIGHT_HOST_STATES, type RolloutDetailView as RolloutDetail, type RolloutHostView as RolloutHostRow } from "../api/contract/views.js";
import type { ApiClient } from "./client.js";
import { duration } from "./format.js";
import { formatRollout, shownState } from "./format-rollout.js";

const TERMINAL_ROLLOUT = new Set(["succeeded", "failed", "aborted"]);
const TERMINAL_HOST = new Set(["healthy", "failed", "skipped"]);

/** Over: the rollout has ended and no host it started is still being reset (those finish and are recorded). */
const settled = (d: RolloutDetail) =>
  TERMINAL_ROLLOUT.has(d.rollout.state) && !d.hosts.some((h) => IN_FLIGHT_HOST_STATES.includes(h.state));
const POLL_MS = 400;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Watches a rollout until it ends and returns its final state. On a terminal, a live task list (listr2): one task
 * per batch, one line per host. Elsewhere (CI logs, pipes) plain lines, one per change. With --json, silence.
 */
export async function followRollout(api: ApiClient, id: string, json: boolean): Promise<RolloutDetail> {
  const get = () => api.get<RolloutDetail>(`/api/v1/rollouts/${encodeURIComponent(id)}`);
  if (json) return pollUntilDone(get, () => undefined);
  if (!process.stdout.isTTY) {
    const seen = new Map<string, string>();
    let said = "";
    const final = await pollUntilDone(get, (d) => {
      // What the rollout waits for (capacity, a window, blocked) is news too: a follow never goes quiet on a stall.
      if (d.rollout.reason !== said && !settled(d)) {
        said = d.rollout.reason;
        if (said) process.stdout.write(`${new Date().toISOString()}  rollout ${d.rollout.id}: ${said}\n`);
      }
      for (const h of d.hosts) {
        const key = `${h.state}/${h.attempts}`;
        if (seen.get(h.host) === key) continue;
        seen.set(h.host, key);
        if (h.state === "queued" && h.attempts === 0) continue;
        const at = (TERMINAL_HOST.has(h.state) ? h.finishedMs : h.startedMs) ?? Date.now();
        process.stdout.write(`${new Date(at).toISOString()}  batch ${h.batch + 1}  ${h.host}  ${hostLine(h)}\n`);
      }
    });
    process.stdout.write(`\n${formatRollout(final)}\n`);
    return final;
  }
  return followWithTaskList(get);
}

function hostLine(h: RolloutHostRow): string {
  const took = h.startedMs !== null && h.finishedMs !== null ? ` in ${duration(h.finishedMs - h.startedMs)}` : "";
  if (h.state === "failed") return `failed${took}: ${h.code}: ${h.message}`;
  if (h.state === "skipped") return `skipped: ${h.message}`;
  return `${h.state}${took}`;
}

async function pollUntilDone(get: () => Promise<RolloutDetail>, onUpdate: (d: RolloutDetail) => void): Promise<RolloutDetail> {
  for (;;) {
    const d = await get();
    onUpdate(d);
    if (settled(d)) return d;
    await sleep(POLL_MS);
  }
}

async function followWithTaskList(get: () => Promise<RolloutDetail>): Promise<RolloutDetail> {
  let latest = await get();
  let done = settled(latest);
  const poller = (async () => {
    while (!done) {
      await sleep(POLL_MS);
      latest = await get();
      done = settled(latest);
    }
  })();

  const waitForHost = async (host: string, task: ListrTaskWrapper<unknown, never, never>) => {
    for (;;) {
      const h = latest.hosts.find((x) => x.host === host);
      if (h && TERMINAL_HOST.has(h.state)) {
        task.title = `${host}: ${hostLine(h)}`;
        if (h.state === "failed") throw new Error(`${host}: ${h.code}: ${h.message}`);
        if (h.state === "skipped") task.skip(`${host}: skipped`);
        return;
      }
      if (done) {
        task.skip(`${host}: not touched (rollout ${latest.rollout.state})`);
        return;
      }
      const state = shownState(latest.rollout);
      if (h) task.title = `${host}: ${h.state}${state !== "running" ? ` (rollout ${state})` : ""}`;
      await sleep(POLL_MS / 2);
    }
  };

  const batches = [...new Set(latest.hosts.map((h) => h.batch))].sort((a, b) => a - b);
  const list = new Listr(
    batches.map((b) => ({
      title: `Batch ${b + 1}/${batches.length}: ${latest.hosts.filter((h) => h.batch === b).map((h) => h.host).join(", ")}`,
      task: (_ctx: unknown, task: ListrTaskWrapper<unknown, never, never>) => {
        if (done && latest.hosts.filter((h) => h.batch === b).every((h) => h.state === "queued")) {
          task.skip(`Batch ${b + 1}/${batches.length}: not started (rollout ${latest.rollout.state})`);
          return;
        }
        return task.newListr(
          latest.hosts
            .filter((h) => h.batch === b)
            .map((h) => ({ title: `${h.host}: ${h.state}`, task: (_c: unknown, t: ListrTaskWrapper<unknown, never, never>) => waitForHost(h.host, t) })),
          { concurrent: true, exitOnError: false },
        );
      },
    })),
    { concurrent: false, exitOnError: false, collectErrors: false },
  );
  await list.run().catch(() => undefined);
  await poller;
  process.stdout.write(`\n${formatRollout(latest)}\n`);
  return latest;
}
