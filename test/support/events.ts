// Waiting on a real controller by what it says happened, not by polling it with CLI processes.
//
// A CLI process costs ~0.3 s on an idle machine and 2-3 s on a loaded 2-core one, so `waitFor(() => cli([...]))`
// samples a fast-moving state a few times and misses short ones ("dead01 resetting" lasts seconds). These helpers
// listen to the controller's live event stream (GET /api/v1/events over WebSocket, gap-free from any event id: see
// packages/controller/src/observe/event-feed.ts) and read state with one in-process `fetch` of the API.
//
//   import { apiJson, waitForApi, waitForEvent, waitForHosts, waitForRollout } from "../support/events.js";
//
//   // An event, past or future (replays the log from the start, so it cannot be missed):
//   const e = await waitForEvent(controller, (e) => e.kind === "rollout.host" && e.host === "web01" && e.data["rolloutId"] === id,
//     "web01 to start resetting");
//   // A rollout's detail (GET /api/v1/rollouts/:id) once it is in a state; re-read on each of its events:
//   const done = await waitForRollout(controller, id, "finished");            // succeeded | failed | aborted
//   const running = await waitForRollout(controller, id, (d) => d.hosts.some((h) => h.state === "resetting"), "a host resetting");
//   // Any GET route, re-read on each event (of `kinds`, default all) and at least every `everyMs` (state that is not
//   // an event, e.g. heartbeat counters):
//   const hosts = await waitForApi(controller, "/api/v1/hosts", (b: { hosts: unknown[] }) => b.hosts.length === 3 && b.hosts,
//     "3 agents to register", { kinds: ["host"] });
//   await waitForHosts(controller, 4);  // or names, or (hosts) => boolean; re-read on host events and every 500 ms
//   // Several waits on one connection: const watch = await openEventWatch(controller); await watch.until(...); watch.close();
//
// Every wait has a generous default timeout (60 s) and names what it waited for, with the last state it saw.
import { WebSocket } from "ws";
import { sleep } from "./wait.js";

/** The part of a controller these helpers need (startControllerProcess's Controller has it). */
export interface ControllerApi {
  url: string;
  token: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/** One row of the controller's event log, as the stream sends it. */
export interface StreamEvent {
  id: number;
  atMs: number;
  kind: string;
  host: string | null;
  commandId: string | null;
  message: string;
  data: Record<string, unknown>;
}

export interface WatchOptions {
  /** Replay the log after this event id first; 0 (default) replays everything, "now" starts with the next event. */
  since?: number | "now";
  /** Only these kinds or kind prefixes ("rollout", "host.liveness"). */
  kinds?: string[];
}

export const DEFAULT_WAIT_MS = 60_000;
const EVENTS_PATH = "/api/v1/events";

/**
 * A live subscription to a controller's event stream that keeps every event it was sent. If the connection drops
 * (NATS or controller trouble), it reconnects with `?since=<last id>` and so loses nothing, until closed.
 */
export class EventWatch {
  readonly events: StreamEvent[] = [];
  private ws: WebSocket | undefined;
  private lastId = 0;
  private closed = false;
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly controller: ControllerApi,
    private readonly kinds: string[] | undefined,
  ) {}

  static async open(controller: ControllerApi, opts: WatchOptions = {}): Promise<EventWatch> {
    const watch = new EventWatch(controller, opts.kinds);
    await watch.connect(opts.since ?? 0);
    return watch;
  }

  /** Resolves with the first event, already received or still to come, for which `predicate` holds. */
  until(predicate: (e: StreamEvent) => boolean, what: string, timeoutMs = DEFAULT_WAIT_MS): Promise<StreamEvent> {
    return this.waitUntil(() => this.events.find(predicate), what, timeoutMs);
  }

  /** Resolves after the next event (any kind the watch takes), or after `ms` at the latest; never rejects. */
  nextEvent(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.listeners.add(done);
    });
  }

  close(): void {
    this.closed = true;
    this.ws?.terminate();
    for (const l of [...this.listeners]) l();
  }

  private async waitUntil<T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0 || this.closed) break;
      await this.nextEvent(left);
    }
    const tail = this.events.slice(-5).map((e) => `#${e.id} ${e.kind} ${e.message}`).join("; ");
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${this.events.length} events seen${tail ? `; last: ${tail}` : ""})`);
  }

  private connect(since: number | "now"): Promise<void> {
    const query = new URLSearchParams();
    if (since !== "now") query.set("since", String(since));
    if (this.kinds) query.set("kinds", this.kinds.join(","));
    const url = `${this.controller.url.replace(/^http/, "ws")}${EVENTS_PATH}?${query}`;
    return new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url, "iisfleet.v1", { headers: { authorization: `Bearer ${this.controller.token}` } });
      this.ws = ws;
      let opened = false;
      ws.on("message", (raw) => {
        const msg = JSON.parse(raw.toString()) as { type: string; lastId?: number; since?: number; events?: StreamEvent[] };
        if (msg.type === "hello") {
          // The stream starts after `since` (or at the head when we asked for "now"): remember where we are.
          this.lastId = Math.max(this.lastId, msg.since ?? 0);
          opened = true;
          resolve();
        } else if (msg.type === "events" && msg.events) {
          for (const e of msg.events) if (e.id > this.lastId) this.events.push(e);
          this.lastId = Math.max(this.lastId, ...msg.events.map((e) => e.id));
          for (const l of [...this.listeners]) l();
        }
      });
      ws.on("error", (err) => {
        if (!opened) reject(new Error(`cannot open the event stream at ${url}: ${err.message}`, { cause: err }));
      });
      ws.on("close", () => {
        if (!opened || this.closed) return;
        // The stream went away (controller busy, restarted on the same URL): carry on from the last event seen.
        void this.reconnect();
      });
    });
  }

  private async reconnect(): Promise<void> {
    while (!this.closed) {
      await sleep(250);
      if (this.closed) return;
      try {
        await this.connect(this.lastId);
        return;
      } catch {
        // Not back yet; try again.
      }
    }
  }
}

/** Opens a watch on the controller's events (by default from the first event: nothing that already happened is missed). */
export function openEventWatch(controller: ControllerApi, opts: WatchOptions = {}): Promise<EventWatch> {
  return EventWatch.open(controller, opts);
}

/** The first event (in the whole log, or after `opts.since`) for which `predicate` holds. */
export async function waitForEvent(
  controller: ControllerApi,
  predicate: (e: StreamEvent) => boolean,
  what: string,
  opts: WatchOptions & { timeoutMs?: number } = {},
): Promise<StreamEvent> {
  const watch = await openEventWatch(controller, opts);
  try {
    return await watch.until(predicate, what, opts.timeoutMs);
  } finally {
    watch.close();
  }
}

/** GET `path` on the controller in-process and parse the JSON; a non-2xx answer throws with its body. */
export async function apiJson<T>(controller: ControllerApi, path: string): Promise<T> {
  const res = await controller.fetch(path);
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

type Falsy = false | null | undefined;

export interface ApiWaitOptions {
  /** Re-read on events of these kinds or prefixes; default every event. */
  kinds?: string[];
  /** Re-read at least this often even without events (state that is no event, like heartbeat counters). Default 500 ms. */
  everyMs?: number;
  timeoutMs?: number;
}

/**
 * Reads `path` now and after every new event (and at least every `everyMs`) until `pick` returns something other
 * than false/null/undefined; returns that. Race-free: the stream is open before the first read.
 */
export async function waitForApi<T, R>(
  controller: ControllerApi,
  path: string,
  pick: (body: T) => R | Falsy,
  what: string,
  opts: ApiWaitOptions = {},
): Promise<R> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_WAIT_MS;
  const deadline = Date.now() + timeoutMs;
  const watch = await openEventWatch(controller, { since: "now", ...(opts.kinds ? { kinds: opts.kinds } : {}) });
  let last: unknown;
  try {
    for (;;) {
      try {
        const body = await apiJson<T>(controller, path);
        last = body;
        const picked = pick(body);
        if (picked !== false && picked !== null && picked !== undefined) return picked;
      } catch (err) {
        last = err instanceof Error ? err.message : err;
      }
      const left = deadline - Date.now();
      if (left <= 0) break;
      await watch.nextEvent(Math.min(left, opts.everyMs ?? 500));
    }
  } finally {
    watch.close();
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last answer of GET ${path}: ${JSON.stringify(last)?.slice(0, 2_000)}`);
}

/** GET /api/v1/rollouts/:id as the tests read it (the same JSON as `rollout show --json`). */
export interface RolloutDetail {
  rollout: { id: string; state: string; reason: string };
  hosts: Array<{ host: string; state: string; code: string; message: string; attempts: number; batch: number; commandId: string }>;
  summary: Record<string, number>;
}

const FINISHED = ["succeeded", "failed", "aborted"];

/**
 * The rollout's detail once it is in one of `want`'s states ("finished" = succeeded, failed or aborted), or once
 * `want(detail)` holds. Re-read on each rollout event, and every second as a safety net.
 */
export function waitForRollout<D extends { rollout: { state: string } } = RolloutDetail>(
  controller: ControllerApi,
  id: string,
  want: "finished" | string[] | ((d: D) => boolean),
  what?: string,
  opts: { timeoutMs?: number } = {},
): Promise<D> {
  const states = want === "finished" ? FINISHED : Array.isArray(want) ? want : undefined;
  const holds = typeof want === "function" ? want : (d: D) => (states ?? []).includes(d.rollout.state);
  const words = what ?? `rollout ${id} to be ${states ? states.join(" or ") : "as wanted"}`;
  return waitForApi(controller, `/api/v1/rollouts/${encodeURIComponent(id)}`, (d: D) => holds(d) && d, words, {
    kinds: ["rollout"],
    everyMs: 1_000,
    ...opts,
  });
}

/** An entry of GET /api/v1/hosts (what `hosts --json` prints), as far as waits look at it. */
export interface HostEntry {
  name: string;
  liveness?: string;
  counters?: Record<string, number>;
}

/**
 * GET /api/v1/hosts once `want` holds — that many hosts listed, every one of these names listed, or a predicate —
 * re-read on each host event and every 500 ms (heartbeat counters are no events). Returns the list.
 */
export function waitForHosts(
  controller: ControllerApi,
  want: number | string[] | ((hosts: HostEntry[]) => boolean),
  what?: string,
  opts: { timeoutMs?: number } = {},
): Promise<HostEntry[]> {
  const holds =
    typeof want === "number"
      ? (hs: HostEntry[]) => hs.length === want
      : Array.isArray(want)
        ? (hs: HostEntry[]) => want.every((n) => hs.some((h) => h.name === n))
        : want;
  const words = what ?? (typeof want === "number" ? `${want} hosts to register` : Array.isArray(want) ? `${want.join(", ")} to register` : "the hosts");
  return waitForApi(controller, "/api/v1/hosts", (b: { hosts: HostEntry[] }) => holds(b.hosts) && b.hosts, words, { kinds: ["host"], ...opts });
}
