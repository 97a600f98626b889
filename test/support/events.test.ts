// The wait helpers of events.ts against the controller's own event stream classes on a real HTTP server and a real
// SQLite store (in memory): a past event is found (no race with the wait's start), a route is re-read because of an
// event (not a timer), a dropped stream is resumed without a gap or a duplicate, and a timeout says what it saw.
import { afterEach, describe, expect, it } from "vitest";
import { EventStream } from "../../packages/controller/src/api/events-ws.js";
import { z } from "zod";
import { route } from "../../packages/controller/src/api/contract/route.js";
import { JsonHttpServer } from "../../packages/controller/src/api/http-server.js";
import { createLogger } from "../../packages/controller/src/log.js";
import { EventFeed } from "../../packages/controller/src/observe/event-feed.js";
import { FleetSummary } from "../../packages/controller/src/observe/fleet-summary.js";
import { Store } from "../../packages/controller/src/store/index.js";
import { type ControllerApi, openEventWatch, waitForApi, waitForEvent } from "./events.js";

const log = createLogger("test", "silent");

interface Rig extends ControllerApi {
  store: Store;
  /** Something the test route serves; change it and append an event to see waitForApi re-read. */
  state: { value: number };
  append(message: string): number;
  /** Drops every stream client (as a busy or restarting controller would); the server keeps listening. */
  dropClients(): Promise<void>;
  close(): Promise<void>;
}

const rigs: Rig[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((r) => r.close()));
});

async function rig(): Promise<Rig> {
  const store = Store.open(":memory:");
  const feed = new EventFeed(store.events);
  const makeStream = () => new EventStream({ feed, fleet: new FleetSummary(() => [], () => Date.now()), version: "test", log });
  let stream = makeStream();
  const state = { value: 0 };
  const http = new JsonHttpServer(log)
    .implement(route({ method: "GET", path: "/api/v1/probe", access: "public", summary: "probe", tag: "meta", response: z.object({ value: z.number() }) }), () => ({ value: state.value }))
    .onUpgrade((req, socket, head) => stream.handleUpgrade(req, socket, head));
  const { port } = await http.listen("127.0.0.1", 0);
  const url = `http://127.0.0.1:${port}`;
  const r: Rig = {
    url,
    token: "unused",
    fetch: (path, init) => fetch(`${url}${path}`, init),
    store,
    state,
    append: (message) => store.events.append({ atMs: Date.now(), kind: "rollout.host", host: "web01", message, data: { rolloutId: "r-1" } }),
    async dropClients() {
      const old = stream;
      stream = makeStream();
      await old.close();
    },
    async close() {
      await stream.close();
      await http.close();
      feed.close();
      store.close();
    },
  };
  rigs.push(r);
  return r;
}

describe("waiting on the event stream", () => {
  it("finds an event that happened before the wait started, and one that happens during it", async () => {
    const r = await rig();
    r.append("web01: resetting");
    const past = await waitForEvent(r, (e) => e.message === "web01: resetting", "web01 resetting", { timeoutMs: 10_000 });
    expect(past).toMatchObject({ kind: "rollout.host", host: "web01", data: { rolloutId: "r-1" } });

    const later = waitForEvent(r, (e) => e.message === "web01: healthy", "web01 healthy", { timeoutMs: 10_000 });
    setTimeout(() => r.append("web01: healthy"), 100);
    expect((await later).id).toBeGreaterThan(past.id);
  });

  it("a wait that times out says what it waited for and the last events it saw", async () => {
    const r = await rig();
    r.append("web01: queued");
    await expect(waitForEvent(r, (e) => e.message === "never", "web01 to fly", { timeoutMs: 300 })).rejects.toThrow(
      /timed out after 300 ms waiting for web01 to fly \(1 events seen; last: #1 rollout\.host web01: queued\)/,
    );
  });

  it("waitForApi re-reads a route because an event came, not because a timer fired", async () => {
    const r = await rig();
    const started = Date.now();
    const wait = waitForApi(r, "/api/v1/probe", (b: { value: number }) => b.value === 1 && b, "value 1", { everyMs: 60_000, timeoutMs: 30_000 });
    setTimeout(() => {
      r.state.value = 1;
      r.append("state changed");
    }, 200);
    expect(await wait).toEqual({ value: 1 });
    expect(Date.now() - started).toBeLessThan(20_000); // far below everyMs: the event woke it
  });

  it("a dropped stream is resumed from the last event seen: nothing missed, nothing twice", async () => {
    const r = await rig();
    const watch = await openEventWatch(r);
    try {
      r.append("one");
      await watch.until((e) => e.message === "one", "one", 10_000);
      await r.dropClients();
      r.append("two"); // while the watch is disconnected
      r.append("three");
      await watch.until((e) => e.message === "three", "three after the drop", 10_000);
      expect(watch.events.map((e) => e.message)).toEqual(["one", "two", "three"]);
    } finally {
      watch.close();
    }
  });
});
