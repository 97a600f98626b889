// `rollout … --follow` is woken by the controller's event stream, not by a poll: RolloutWake over a real HTTP
// server, EventStream and SQLite store (in memory).
import { afterEach, describe, expect, it } from "vitest";
import { EventStream } from "../src/api/events-ws.js";
import { JsonHttpServer } from "../src/api/http-server.js";
import { ApiClient } from "../src/cli/client.js";
import { RolloutWake } from "../src/cli/rollout-wake.js";
import { createLogger } from "../src/log.js";
import { EventFeed } from "../src/observe/event-feed.js";
import { FleetSummary } from "../src/observe/fleet-summary.js";
import { Store } from "../src/store/index.js";

const log = createLogger("test", "silent");
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function rig() {
  const store = Store.open(":memory:");
  const feed = new EventFeed(store.events);
  const stream = new EventStream({ feed, fleet: new FleetSummary(() => [], () => Date.now()), version: "test", log });
  const http = new JsonHttpServer(log).onUpgrade((req, socket, head) => stream.handleUpgrade(req, socket, head));
  const addr = await http.listen("127.0.0.1", 0);
  cleanups.push(async () => {
    await stream.close();
    await http.close();
    feed.close();
    store.close();
  });
  const append = (rolloutId: string, kind: "rollout.waiting" | "rollout.host" = "rollout.waiting") =>
    store.events.append({ atMs: Date.now(), kind, message: `rollout ${rolloutId} changed`, data: { rolloutId } });
  return { api: new ApiClient(`http://127.0.0.1:${addr.port}`), append, stream };
}

/** "woken" if `p` settles within `ms`, else "asleep". */
const within = (p: Promise<void>, ms: number) =>
  Promise.race([p.then(() => "woken" as const), new Promise<"asleep">((r) => setTimeout(() => r("asleep"), ms))]);

describe("RolloutWake", () => {
  it("sleeps without events, ignores other rollouts' events, and wakes on one about its rollout (also one that came before next())", async () => {
    const { api, append } = await rig();
    const wake = await RolloutWake.open(api, "r-1");
    cleanups.push(() => wake.close());
    const waiting = wake.next();
    expect(await within(waiting, 700)).toBe("asleep");
    append("r-2");
    expect(await within(waiting, 700)).toBe("asleep");
    append("r-1", "rollout.host");
    expect(await within(waiting, 5_000)).toBe("woken");
    // An event while the follower was reading the rollout is not lost: the next wait returns at once.
    append("r-1");
    await new Promise((r) => setTimeout(r, 300));
    expect(await within(wake.next(), 50)).toBe("woken");
    expect(await within(wake.next(), 700)).toBe("asleep");
  });

  it("a bake's end (no event of its own) wakes it after atMostMs", async () => {
    const { api } = await rig();
    const wake = await RolloutWake.open(api, "r-1");
    cleanups.push(() => wake.close());
    expect(await within(wake.next(200), 3_000)).toBe("woken");
  });

  it("when the stream goes away, it wakes at once and then reads every few seconds instead of never", async () => {
    const { api, stream } = await rig();
    const wake = await RolloutWake.open(api, "r-1");
    cleanups.push(() => wake.close());
    const waiting = wake.next();
    await stream.close();
    expect(await within(waiting, 3_000)).toBe("woken");
    expect(await within(wake.next(), 8_000)).toBe("woken");
  });
});
