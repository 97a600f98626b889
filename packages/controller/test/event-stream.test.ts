// The live event stream (WebSocket) on a real HTTP server and a real SQLite store (in memory): resume is gap-free
// and duplicate-free while events are being appended, the fleet summary is throttled, and the gate decides who
// may connect.
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { type ConnectionGate, EventStream } from "../src/api/events-ws.js";
import { JsonHttpServer } from "../src/api/http-server.js";
import { createLogger } from "../src/log.js";
import { EventFeed } from "../src/observe/event-feed.js";
import { FleetSummary } from "../src/observe/fleet-summary.js";
import type { HostTile } from "../src/observe/host-state.js";
import { Store } from "../src/store/index.js";

const log = createLogger("test", "silent");

interface Rig {
  store: Store;
  url: string;
  stream: EventStream;
  close(): Promise<void>;
}

const open: Rig[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

async function rig(opts: { tiles?: () => HostTile[]; gate?: ConnectionGate; fleetMs?: number; pageSize?: number } = {}): Promise<Rig> {
  const store = Store.open(":memory:");
  const feed = new EventFeed(store.events, { pageSize: opts.pageSize ?? 500 });
  const stream = new EventStream({
    feed,
    fleet: new FleetSummary(opts.tiles ?? (() => []), () => Date.now()),
    version: "test",
    log,
    ...(opts.gate ? { gate: opts.gate } : {}),
    ...(opts.fleetMs ? { fleetMs: opts.fleetMs } : {}),
  });
  const http = new JsonHttpServer(log).onUpgrade((req, socket, head) => stream.handleUpgrade(req, socket, head));
  const addr = await http.listen("127.0.0.1", 0);
  const r: Rig = {
    store,
    stream,
    url: `ws://127.0.0.1:${addr.port}/api/v1/events`,
    async close() {
      await stream.close();
      await http.close();
      feed.close();
      store.close();
    },
  };
  open.push(r);
  return r;
}

interface Msg {
  type: string;
  since?: number;
  lastId?: number;
  resync?: boolean;
  events?: Array<{ id: number; message: string; kind: string }>;
  full?: boolean;
  hosts?: HostTile[];
}

/** Connects and collects every message until `until` says stop (or the socket closes); then closes abruptly. */
function session(url: string, until: (msgs: Msg[]) => boolean, headers: Record<string, string> = {}): Promise<Msg[]> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const msgs: Msg[] = [];
    let done = false;
    ws.on("message", (data: Buffer) => {
      // Frames already read in the same chunk still arrive after terminate(): they are past the stop point.
      if (done) return;
      msgs.push(JSON.parse(data.toString()) as Msg);
      if (until(msgs)) {
        done = true;
        ws.terminate();
        resolve(msgs);
      }
    });
    ws.on("close", () => resolve(msgs));
    ws.on("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on("error", reject);
  });
}

const eventsOf = (msgs: Msg[]) => msgs.flatMap((m) => (m.type === "events" ? (m.events ?? []) : []));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("event stream resume", () => {
  it("reconnecting clients get every event exactly once, in order, while appends (and rolled-back appends) race with them", async () => {
    // Small pages: the backlog catch-up runs over many turns of the event loop, with appends landing in between.
    const r = await rig({ pageSize: 37 });
    for (let i = 0; i < 400; i++) r.store.events.append({ atMs: i, kind: "command.progress", message: `e${i}` });

    let appending = true;
    let n = 400;
    const appender = (async () => {
      while (appending) {
        const burst = 1 + (n % 5);
        if (n % 7 === 0) {
          // A transaction that rolls back: its ids are handed out again by SQLite, and it must never be streamed.
          try {
            r.store.tx(() => {
              r.store.events.append({ atMs: n, kind: "command.progress", message: "rolled back" });
              throw new Error("rollback");
            });
          } catch {
            // expected
          }
        }
        r.store.tx(() => {
          for (let i = 0; i < burst; i++) r.store.events.append({ atMs: n, kind: "rollout.host", message: `e${n++}` });
        });
        await new Promise((res) => setImmediate(res));
      }
    })();

    // Three clients, each dropping its connection and resuming from the last id it saw: on even rounds after a
    // handful of messages (mid-backlog), on odd rounds only once it has caught up and received 20 events appended
    // after it connected (so it went from backlog to live while appends kept coming).
    const client = async (seed: number): Promise<number[]> => {
      const seen: number[] = [];
      let since = 0;
      for (let round = 0; round < 10; round++) {
        const want = 1 + ((seed * 31 + round * 17) % 6);
        const msgs = await session(`${r.url}?since=${since}`, (m) =>
          round % 2 === 0
            ? m.filter((x) => x.type === "events").length >= want
            : eventsOf(m).filter((e) => e.id > (m[0]?.lastId ?? 0)).length >= 20,
        );
        expect(msgs[0]).toMatchObject({ type: "hello", since, resync: false });
        for (const e of eventsOf(msgs)) seen.push(e.id);
        since = seen.at(-1) ?? since;
      }
      return seen;
    };
    const results = await Promise.all([client(1), client(2), client(3)]);
    appending = false;
    await appender;

    // One last session per client reads up to the end of the log.
    const rows = r.store.events.after(0, 1_000_000);
    const lastId = rows.at(-1)?.id ?? 0;
    expect(rows.some((e) => e.message === "rolled back")).toBe(false);
    for (const seen of results) {
      const tail = await session(`${r.url}?since=${seen.at(-1) ?? 0}`, (m) => eventsOf(m).at(-1)?.id === lastId || (m.length === 2 && lastId === (seen.at(-1) ?? 0)));
      const all = [...seen, ...eventsOf(tail).map((e) => e.id)];
      expect(all).toEqual(rows.map((e) => e.id)); // no gap, no duplicate, in order
    }
    // And the content is what was committed (a streamed rolled-back row would differ under a reused id).
    const stream = await session(`${r.url}?since=0`, (m) => eventsOf(m).at(-1)?.id === lastId);
    expect(eventsOf(stream).map((e) => e.message)).toEqual(rows.map((e) => e.message));
  });

  it("clients asking for some kinds get every event of those kinds exactly once, batched progress included, while appends race", async () => {
    const r = await rig({ pageSize: 37 });
    const progress = (n: number, i: number) => ({ atMs: n, kind: "command.progress" as const, commandId: `c${n}`, message: `p${n}.${i}` });
    for (let n = 0; n < 100; n++) {
      r.store.events.appendProgress(progress(n, 0));
      r.store.events.append({ atMs: n, kind: "rollout.host", message: `h${n}` });
    }
    let appending = true;
    let n = 100;
    const appender = (async () => {
      while (appending) {
        for (let i = 0; i <= n % 3; i++) r.store.events.appendProgress(progress(n, i));
        if (n % 7 === 0) {
          try {
            r.store.tx(() => {
              r.store.events.append({ atMs: n, kind: "rollout.host", message: "rolled back" });
              throw new Error("rollback");
            });
          } catch {
            // expected
          }
        }
        // The group commit writes the queued progress (one batch row) before this row.
        await r.store.txSoon(() => r.store.events.append({ atMs: n, kind: n % 2 ? "rollout.host" : "command.sent", message: `h${n++}` }));
        await new Promise((res) => setImmediate(res));
      }
    })();
    const client = async (kinds: string, seed: number): Promise<number[]> => {
      const seen: number[] = [];
      let since = 0;
      for (let round = 0; round < 6; round++) {
        const want = 1 + ((seed * 31 + round * 17) % 5);
        const msgs = await session(`${r.url}?since=${since}&kinds=${kinds}`, (m) => m.filter((x) => x.type === "events").length >= want);
        for (const e of eventsOf(msgs)) seen.push(e.id);
        since = seen.at(-1) ?? since;
      }
      return seen;
    };
    const specs = [["rollout", 1], ["command.progress", 2], ["rollout,command.progress", 3]] as const;
    const results = await Promise.all(specs.map(([kinds, seed]) => client(kinds, seed)));
    appending = false;
    await appender;
    const rows = r.store.events.after(0, 1_000_000);
    expect(rows.some((e) => e.message === "rolled back")).toBe(false);
    for (const [i, [kinds]] of specs.entries()) {
      const wanted = rows.filter((e) => kinds.split(",").some((k) => e.kind === k || e.kind.startsWith(`${k}.`)));
      const seen = results[i] as number[];
      const lastId = wanted.at(-1)?.id ?? 0;
      const tail = seen.at(-1) === lastId ? [] : eventsOf(await session(`${r.url}?since=${seen.at(-1) ?? 0}&kinds=${kinds}`, (m) => eventsOf(m).at(-1)?.id === lastId));
      expect([...seen, ...tail.map((e) => e.id)], kinds).toEqual(wanted.map((e) => e.id));
    }
  });

  it("without since a client gets only new events; a since beyond the log is flagged for resync", async () => {
    const r = await rig();
    for (let i = 0; i < 5; i++) r.store.events.append({ atMs: i, kind: "host.registered", message: `old${i}` });
    const live = session(r.url, (m) => eventsOf(m).length >= 1);
    await sleep(100);
    r.store.events.append({ atMs: 9, kind: "host.liveness", message: "new" });
    const msgs = await live;
    expect(msgs[0]).toMatchObject({ type: "hello", since: 5, resync: false });
    expect(eventsOf(msgs).map((e) => e.message)).toEqual(["new"]);

    const ahead = await session(`${r.url}?since=999`, (m) => m.length >= 2);
    expect(ahead[0]).toMatchObject({ type: "hello", since: 6, resync: true });
  });

  it("kinds narrows the stream by prefix", async () => {
    const r = await rig();
    r.store.events.append({ atMs: 1, kind: "command.progress", message: "a" });
    r.store.events.append({ atMs: 2, kind: "rollout.host", message: "b" });
    r.store.events.append({ atMs: 3, kind: "host.liveness", message: "c" });
    const msgs = await session(`${r.url}?since=0&kinds=rollout,host.liveness`, (m) => eventsOf(m).length >= 2);
    expect(eventsOf(msgs).map((e) => e.message)).toEqual(["b", "c"]);
  });
});

describe("event stream edge", () => {
  it("refuses a bad query with 400, another site's page with 403, and lets a gate refuse anyone", async () => {
    const r = await rig();
    await expect(session(`${r.url}?since=abc`, () => true)).rejects.toThrow("HTTP 400");
    await expect(session(`${r.url}?sinse=1`, () => true)).rejects.toThrow("HTTP 400");
    await expect(session(r.url, () => true, { origin: "http://evil.example" })).rejects.toThrow("HTTP 403");
    const host = new URL(r.url).host;
    await expect(session(r.url, (m) => m.length >= 1, { origin: `http://${host}` })).resolves.toHaveLength(1);

    const closed = await rig({ gate: () => ({ allow: false, status: 401, code: "UNAUTHENTICATED", message: "No token." }) });
    await expect(session(closed.url, () => true)).rejects.toThrow("HTTP 401");
  });

  it("summarises the fleet: a full picture on connect, then at most one diff per period however often hosts change", async () => {
    let flips = 0;
    const tiles = (): HostTile[] => [
      { name: "web01", farm: "f", tags: {}, state: flips++ % 2 === 0 ? "healthy" : "resetting", reason: "" },
      { name: "web02", farm: "f", tags: {}, state: "healthy", reason: "" },
    ];
    const r = await rig({ tiles, fleetMs: 200 });
    const started = Date.now();
    const msgs = await session(r.url, () => Date.now() - started > 1_100);
    const fleet = msgs.filter((m) => m.type === "fleet");
    expect(fleet[0]).toMatchObject({ full: true });
    expect(fleet[0]?.hosts).toHaveLength(2);
    // ~5 periods in 1.1 s: one full message plus at most one diff per period, and diffs name only what changed.
    expect(fleet.length).toBeGreaterThanOrEqual(3);
    expect(fleet.length).toBeLessThanOrEqual(7);
    for (const m of fleet.slice(1)) expect(m.hosts?.map((h) => h.name)).toEqual(["web01"]);
  });
});

describe("fleet summary cost", () => {
  it("computes diffs less often when each is costly: at most ~1/20 of the time goes to the fleet summary", async () => {
    let computed = 0;
    let flips = 0;
    // A fleet whose picture takes 40 ms to compute (10,000 hosts on a loaded machine), asked for every 50 ms.
    const tiles = (): HostTile[] => {
      computed++;
      const until = performance.now() + 40;
      while (performance.now() < until) {
        // busy, as computing tiles is
      }
      return [{ name: "web01", farm: "f", tags: {}, state: flips++ % 2 === 0 ? "healthy" : "resetting", reason: "" }];
    };
    const r = await rig({ tiles, fleetMs: 50 });
    const started = Date.now();
    const msgs = await session(r.url, () => Date.now() - started > 2_000);
    // 2 s at one 40 ms computation per 50 ms period would be ~22; at 5 % of the time, one every 800 ms: ~3.
    expect(computed).toBeLessThanOrEqual(6);
    // Still summarised: the full picture, then diffs.
    const fleet = msgs.filter((m) => m.type === "fleet");
    expect(fleet[0]).toMatchObject({ full: true });
    expect(fleet.length).toBeGreaterThanOrEqual(2);
  });
});

describe("fleet summary baseline", () => {
  it("a client that joined between two ticks converges even when a host changed and changed back", () => {
    let state: HostTile["state"] = "healthy";
    const s = new FleetSummary(() => [{ name: "web01", farm: "f", tags: {}, state, reason: "" }], () => 0);
    s.snapshot(); // first client: baseline healthy
    state = "resetting";
    const joiner = s.snapshot(); // joins now: gets the baseline, not the fresher state
    expect(joiner.hosts[0]?.state).toBe("healthy");
    expect(s.next()?.hosts[0]?.state).toBe("resetting");
    state = "healthy";
    expect(s.next()?.hosts[0]?.state).toBe("healthy");
    expect(s.next()).toBeUndefined();
  });
});

describe("the event feed's reads", () => {
  it("reads from the log only the kinds its live subscribers asked for, and still sends each everything it wants", async () => {
    const store = Store.open(":memory:");
    const feed = new EventFeed(store.events, { pageSize: 3 });
    try {
      const read: string[] = [];
      const after = store.events.after.bind(store.events);
      store.events.after = (...args: Parameters<typeof after>) => {
        const rows = after(...args);
        read.push(...rows.map((e) => e.kind));
        return rows;
      };
      const isRollout = (k: string) => k === "rollout" || k.startsWith("rollout.");
      const rollouts: string[] = [];
      const finished: string[] = [];
      const from = feed.start(undefined).from;
      feed.subscribe(from, { kinds: ["rollout"], deliver: (es) => rollouts.push(...es.filter((e) => isRollout(e.kind)).map((e) => e.message)) });
      feed.subscribe(from, { kinds: ["command.finished"], deliver: (es) => finished.push(...es.filter((e) => e.kind === "command.finished").map((e) => e.message)) });
      for (let i = 0; i < 10; i++) {
        store.events.append({ atMs: i, kind: "command.sent", commandId: `c${i}`, message: `sent ${i}` });
        for (let p = 0; p < 3; p++) store.events.appendProgress({ atMs: i, kind: "command.progress", commandId: `c${i}`, message: `step ${i}.${p}` });
        await store.txSoon(() => store.events.append({ atMs: i, kind: "command.finished", commandId: `c${i}`, message: `finished ${i}` }));
        store.events.append({ atMs: i, kind: "rollout.host", message: `host ${i}` });
        if (i % 3 === 0) await sleep(5);
      }
      const deadline = Date.now() + 10_000;
      while ((rollouts.length < 10 || finished.length < 10) && Date.now() < deadline) await sleep(10);
      expect(rollouts).toEqual(Array.from({ length: 10 }, (_, i) => `host ${i}`));
      expect(finished).toEqual(Array.from({ length: 10 }, (_, i) => `finished ${i}`));
      // Nobody asked for sends or progress: they were never read back (nor parsed).
      expect(read.filter((k) => !isRollout(k) && k !== "command.finished")).toEqual([]);
    } finally {
      feed.close();
      store.close();
    }
  });
});
