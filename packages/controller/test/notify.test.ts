import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { type IncomingHttpHeaders, type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../src/log.js";
import { notifyTargetBody, redactedWebhookUrl } from "../src/notify/config.js";
import { renderBody } from "../src/notify/formats.js";
import { notifyKindOf } from "../src/notify/kinds.js";
import { NotificationService, type NotifyOptions } from "../src/notify/service.js";
import { type EventRow, type NewEvent, Store } from "../src/store/index.js";

const log = createLogger("notify-test", "silent");
const SECRET = "0123456789abcdef-secret";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver whose answer to each request is decided by the test: a status, a stall, or a late answer. */
class Receiver {
  readonly requests: Received[] = [];
  private waiters: Array<() => void> = [];
  answer: (n: number) => { status: number; delayMs?: number } = () => ({ status: 200 });
  private constructor(private readonly server: Server) {}

  static async start(): Promise<Receiver> {
    const server = createServer();
    const r = new Receiver(server);
    server.on("request", (req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        r.requests.push({ headers: req.headers, body });
        const { status, delayMs } = r.answer(r.requests.length);
        const reply = () => {
          if (!res.destroyed) res.writeHead(status).end(status >= 400 ? "nope" : "ok");
        };
        if (delayMs) setTimeout(reply, delayMs);
        else reply();
        for (const w of r.waiters.splice(0)) w();
      });
    });
    await new Promise<void>((res) => server.listen(0, "127.0.0.1", res));
    return r;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/secret-path?sig=abc`;
  }

  async until(n: number, timeoutMs = 20_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.requests.length < n) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${n} requests, got ${this.requests.length}`);
      await new Promise<void>((res) => {
        const t = setTimeout(res, left);
        this.waiters.push(() => {
          clearTimeout(t);
          res();
        });
      });
    }
    return this.requests;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((res) => this.server.close(() => res()));
  }
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), "iisfleet-notify-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, "iisfleet.db");
}

function open(path: string, opts: NotifyOptions = {}): { store: Store; service: NotificationService } {
  const store = Store.open(path);
  const service = new NotificationService(store, { now: () => Date.now() }, log, { backoffMinMs: 50, backoffMaxMs: 400, timeoutMs: 2_000, ...opts });
  service.start();
  let closed = false;
  cleanups.push(async () => {
    if (closed) return;
    closed = true;
    await service.stop();
    store.close();
  });
  return { store, service };
}

async function receiver(): Promise<Receiver> {
  const r = await Receiver.start();
  cleanups.push(() => r.close());
  return r;
}

const rolloutSucceeded: NewEvent = { atMs: 1, kind: "rollout.state", message: "rollout succeeded: all 4 hosts healthy", data: { rolloutId: "r-1", state: "succeeded" } };
const commandFailed: NewEvent = { atMs: 2, kind: "command.finished", host: "web01", commandId: "c-1", message: "web01: failed (STOP_TIMEOUT)", data: { state: "failed", code: "STOP_TIMEOUT" } };
const hostOffline: NewEvent = { atMs: 3, kind: "host.liveness", host: "web02", message: "web02 is offline", data: { from: "online", to: "offline" } };

/** A delivery in `state`, once at least `count` deliveries are in that state. */
async function waitForDelivery(service: NotificationService, name: string, state: "delivered" | "failed", timeoutMs = 20_000, count = 1) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const inState = service.show(name, 50).deliveries.filter((x) => x.state === state);
    const d = inState[0];
    if (d && inState.length >= count) return d;
    if (Date.now() > deadline) throw new Error(`no ${state} delivery: ${JSON.stringify(service.show(name, 50))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("which events notify", () => {
  const ev = (e: Partial<EventRow>): EventRow => ({ id: 1, atMs: 1, kind: "override", host: null, commandId: null, message: "", data: {}, ...e }) as EventRow;
  it("maps the event log to the kinds a target asks for, and nothing else", () => {
    expect(notifyKindOf(ev({ kind: "rollout.state", data: { state: "succeeded" } }))).toBe("rollout.finished");
    expect(notifyKindOf(ev({ kind: "rollout.state", data: { state: "failed" } }))).toBe("rollout.finished");
    expect(notifyKindOf(ev({ kind: "rollout.state", message: "canary batch done; waiting for approval" }))).toBeUndefined();
    expect(notifyKindOf(ev({ kind: "rollout.action", data: { action: "abort" } }))).toBe("rollout.finished");
    expect(notifyKindOf(ev({ kind: "rollout.action", data: { action: "pause" } }))).toBeUndefined();
    expect(notifyKindOf(ev({ kind: "rollout.blocked", data: { blocked: [{ host: "a" }] } }))).toBe("rollout.blocked");
    expect(notifyKindOf(ev({ kind: "rollout.blocked", data: { blocked: [] } }))).toBeUndefined();
    for (const state of ["failed", "timed-out", "error", "rejected"]) expect(notifyKindOf(ev({ kind: "command.finished", data: { state } }))).toBe("command.failed");
    expect(notifyKindOf(ev({ kind: "command.finished", data: { state: "succeeded" } }))).toBeUndefined();
    expect(notifyKindOf(ev({ kind: "host.liveness", data: { from: "online", to: "offline" } }))).toBe("host.offline");
    expect(notifyKindOf(ev({ kind: "host.liveness", data: { from: "offline", to: "online" } }))).toBe("host.online");
    expect(notifyKindOf(ev({ kind: "host.liveness", data: { from: "online", to: "suspect" } }))).toBeUndefined();
    expect(notifyKindOf(ev({ kind: "notify.failed" }))).toBeUndefined();
  });

  it("refuses a URL that is not http(s) with a sentence naming the field", () => {
    const r = notifyTargetBody.safeParse({ name: "x", url: "ftp://example/x", events: ["host.offline"] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["url"], message: "must be an http or https URL" });
  });

  it("shows a webhook URL without the path and query where Slack and Teams keep their secrets", () => {
    expect(redactedWebhookUrl("https://hooks.slack.com/services/T000/B000/XXXX")).toBe("https://hooks.slack.com/(set)");
    expect(redactedWebhookUrl("https://user:pw@alerts.example:8443/x?k=1")).toBe("https://(set)@alerts.example:8443/(set)");
    expect(redactedWebhookUrl("https://alerts.example")).toBe("https://alerts.example/");
  });

  it("renders Teams as a message with one Adaptive Card, Slack as text, generic as the notification itself", () => {
    const n = { id: "iisfleet-ops-7", kind: "rollout.finished", atMs: Date.UTC(2026, 11, 3), message: "rollout succeeded", host: null, rolloutId: "r-1", commandId: null, link: null };
    const teams = JSON.parse(renderBody("teams", n)) as { type: string; attachments: Array<{ contentType: string; content: { type: string; body: Array<{ text: string }> } }> };
    expect(teams.type).toBe("message");
    expect(teams.attachments[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(teams.attachments[0]?.content.type).toBe("AdaptiveCard");
    expect(teams.attachments[0]?.content.body.map((b) => b.text)).toContain("rollout succeeded");
    expect(JSON.parse(renderBody("slack", n))).toEqual({ text: "*iisfleet rollout.finished*: rollout succeeded" });
    expect(JSON.parse(renderBody("generic", n))).toMatchObject({ id: "iisfleet-ops-7", kind: "rollout.finished", rolloutId: "r-1", at: "2026-12-03T00:00:00.000Z", source: "iisfleet" });
  });
});

describe("notification delivery (real SQLite, a real HTTP receiver)", () => {
  it("POSTs each event the target asked for, from the moment it was added, signed, with an idempotency key", async () => {
    const r = await receiver();
    const { store, service } = open(tempDb());
    store.events.append({ ...commandFailed, message: "before the target existed" });
    service.add({ name: "ops", url: r.url, events: ["rollout.finished", "command.failed"], format: "generic", secret: SECRET, actor: "t" }, "t");
    store.events.append(rolloutSucceeded);
    store.events.append(hostOffline); // not asked for
    store.events.append(commandFailed);
    const got = await r.until(2);
    // The receiver has both requests before the service has recorded the second answer: wait for that record.
    await waitForDelivery(service, "ops", "delivered", 20_000, 2);
    expect(got.map((g) => JSON.parse(g.body).kind)).toEqual(["rollout.finished", "command.failed"]);
    for (const g of got) {
      expect(g.headers["x-iisfleet-signature"]).toBe(`sha256=${createHmac("sha256", SECRET).update(g.body).digest("hex")}`);
      expect(g.headers["idempotency-key"]).toBe(JSON.parse(g.body).id);
      expect(g.headers["content-type"]).toBe("application/json");
    }
    expect(JSON.parse(got[1]?.body ?? "")).toMatchObject({ host: "web01", commandId: "c-1", message: "web01: failed (STOP_TIMEOUT)" });
    expect(service.list()[0]).toMatchObject({ name: "ops", secret: "(set)", url: expect.stringMatching(/\/\(set\)$/), deliveries: { delivered: 2, pending: 0, failed: 0 } });
  });

  it("retries a failing receiver with backoff, the same bytes and key each time, until it answers 2xx", async () => {
    const r = await receiver();
    r.answer = (n) => ({ status: n < 3 ? 503 : 200 });
    const { store, service } = open(tempDb());
    service.add({ name: "ops", url: r.url, events: ["rollout.finished"], format: "teams", actor: "t" }, "t");
    store.events.append(rolloutSucceeded);
    const got = await r.until(3);
    const d = await waitForDelivery(service, "ops", "delivered");
    expect(d.attempts).toBe(3);
    expect(new Set(got.map((g) => g.body)).size).toBe(1);
    expect(new Set(got.map((g) => g.headers["idempotency-key"])).size).toBe(1);
    expect(got[0]?.headers["x-iisfleet-signature"]).toBeUndefined();
  });

  it("a receiver that stalls past the timeout, or answers late, counts as a failed attempt and is tried again", async () => {
    const r = await receiver();
    // First: no answer for 10 s; second: an answer after the 300 ms timeout; third: at once.
    r.answer = (n) => (n === 1 ? { status: 200, delayMs: 10_000 } : n === 2 ? { status: 200, delayMs: 600 } : { status: 200 });
    const { store, service } = open(tempDb(), { timeoutMs: 300 });
    service.add({ name: "ops", url: r.url, events: ["host.offline"], format: "slack", actor: "t" }, "t");
    store.events.append(hostOffline);
    const d = await waitForDelivery(service, "ops", "delivered");
    expect(d.attempts).toBe(3);
    expect(r.requests).toHaveLength(3);
    expect(service.show("ops", 5).deliveries[0]?.lastError).toBe("");
  });

  it("gives up at once on a 4xx refusal, and after the last attempt otherwise, with a notify.failed event", async () => {
    const r = await receiver();
    r.answer = () => ({ status: 400 });
    const { store, service } = open(tempDb(), { maxAttempts: 3 });
    service.add({ name: "refuses", url: r.url, events: ["command.failed"], format: "generic", actor: "t" }, "t");
    store.events.append(commandFailed);
    const refused = await waitForDelivery(service, "refuses", "failed");
    expect(refused).toMatchObject({ attempts: 1, lastStatus: 400, lastError: "HTTP 400: nope" });

    const failedBefore = store.events.after(0, 100).filter((e) => e.kind === "notify.failed").map((e) => e.message);
    service.remove("refuses", "t");
    expect(service.list().map((t) => t.name)).toEqual([]);

    const down = await receiver();
    down.answer = () => ({ status: 500 });
    service.add({ name: "down", url: down.url, events: ["command.failed"], format: "generic", actor: "t" }, "t");
    store.events.append(commandFailed);
    const given = await waitForDelivery(service, "down", "failed");
    expect(given.attempts).toBe(3);
    store.events.flush();
    const failedEvents = store.events.after(0, 100).filter((e) => e.kind === "notify.failed");
    expect(failedBefore).toHaveLength(1);
    expect(failedEvents.map((e) => e.message)).toEqual([
      expect.stringMatching(/^notification command.failed to refuses \(http:\/\/127\.0\.0\.1:\d+\/\(set\)\) given up after 1 attempt \(refused by the receiver, not retried\): HTTP 400/),
      expect.stringMatching(/to down .* given up after 3 attempts: HTTP 500/),
    ]);
  });

  it("delivers at least once across a restart: what was queued, and events written while it was down", async () => {
    const path = tempDb();
    const r = await receiver();
    const url = r.url;
    await r.close();
    const first = open(path, { backoffMinMs: 500, backoffMaxMs: 500 });
    first.service.add({ name: "ops", url, events: ["rollout.finished", "host.offline"], format: "generic", actor: "t" }, "t");
    first.store.events.append(rolloutSucceeded);
    // The receiver is down: the first attempt fails (connection refused) and the controller stops.
    await waitFor(() => first.service.show("ops", 5).deliveries[0]?.attempts === 1);
    await first.service.stop();
    first.store.events.append(hostOffline); // written while nothing reads the log for notifications
    first.store.close();

    // The same port again, answering now.
    const bodies: string[] = [];
    const back = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        bodies.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((res) => back.listen(Number(new URL(url).port), "127.0.0.1", res));
    cleanups.push(() => new Promise<void>((res) => back.close(() => res())));
    const second = open(path);
    await waitFor(() => second.service.show("ops", 5).deliveries.filter((d) => d.state === "delivered").length === 2);
    expect(bodies.map((b) => JSON.parse(b).kind).sort()).toEqual(["host.offline", "rollout.finished"]);
  });

  it("without a target, the events appended write nothing for notifications (no cursor commit per event)", async () => {
    const { store } = open(tempDb());
    const cursor = () => store.db.prepare("SELECT event_id FROM notify_cursor").pluck().get();
    const start = cursor();
    for (let i = 0; i < 20; i++) store.events.append(hostOffline);
    await new Promise((r) => setTimeout(r, 100));
    expect(cursor()).toBe(start);
  });

  it("a test notification goes through the same outbox", async () => {
    const r = await receiver();
    const { service } = open(tempDb());
    service.add({ name: "ops", url: r.url, events: ["rollout.finished"], format: "generic", secret: SECRET, actor: "t" }, "t");
    const queued = service.test("ops", "alice");
    expect(queued).toMatchObject({ kind: "notify.test", state: "pending" });
    const [got] = await r.until(1);
    expect(JSON.parse(got?.body ?? "")).toMatchObject({ kind: "notify.test", message: "test notification from iisfleet, sent by alice" });
    expect(() => service.test("nobody", "alice")).toThrow(/No notification target "nobody"/);
    expect(() => service.add({ name: "ops", url: r.url, events: ["rollout.finished"], format: "generic", actor: "t" }, "t")).toThrow(/exists already/);
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
