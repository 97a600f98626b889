import { createHmac } from "node:crypto";
import { createTimeout } from "retry";
import type { Clock } from "../clock.js";
import { NotFoundError, NotifyTargetExistsError } from "../errors.js";
import type { Logger } from "../log.js";
import type { DeliveryRow, DeliveryState, EventRow, Store } from "../store/index.js";
import { type NotifyTargetBody, type NotifyTargetView, redactedWebhookUrl, targetView } from "./config.js";
import { type Notification, renderBody } from "./formats.js";
import { TEST_KIND, notifyKindOf } from "./kinds.js";

export interface NotifyOptions {
  /** The first retry's pause; each next one doubles (with jitter) up to `backoffMaxMs`. */
  backoffMinMs?: number;
  backoffMaxMs?: number;
  /** Attempts before a delivery is given up (state failed, a notify.failed event). */
  maxAttempts?: number;
  /** One attempt's limit: a receiver that stalls is a failed attempt, retried. */
  timeoutMs?: number;
  /** Deliveries in flight at once, over all targets. */
  concurrency?: number;
}

export interface DeliveryView {
  id: number;
  eventId: number;
  kind: string;
  state: DeliveryState;
  attempts: number;
  createdMs: number;
  nextAttemptMs: number | null;
  finishedMs: number | null;
  lastStatus: number | null;
  lastError: string;
}

export interface NotifyTargetSummary extends NotifyTargetView {
  deliveries: Record<DeliveryState, number>;
}

const SCAN_PAGE = 500;

/**
 * Notifications, at least once: the event log is read in order from a cursor kept in SQLite; each event a target
 * asked for becomes a delivery row in the same transaction that moves the cursor (the outbox), so neither a crash
 * nor a restart loses one. Deliveries are POSTed with an Idempotency-Key (the same on every attempt, for receivers
 * to drop duplicates) and, with a secret, an HMAC-SHA256 signature of the body; failures are retried with
 * exponential backoff and jitter (the `retry` package's schedule), the next attempt's time kept in the row.
 */
export class NotificationService {
  private readonly o: Required<NotifyOptions>;
  private readonly inFlight = new Set<number>();
  private unlisten: (() => void) | undefined;
  private scanQueued = false;
  private timer: NodeJS.Timeout | undefined;
  private safetyNet: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
    opts: NotifyOptions = {},
  ) {
    this.o = { backoffMinMs: 1_000, backoffMaxMs: 300_000, maxAttempts: 12, timeoutMs: 10_000, concurrency: 4, ...opts };
  }

  start(): void {
    // A new database starts at its newest event: the past is not notified.
    this.store.notify.cursor(this.store.events.lastId());
    this.unlisten = this.store.events.onAppend(() => this.queueScan());
    // A safety net, not the signal (as in observe/event-feed.ts): rows written around append() are still read.
    this.safetyNet = setInterval(() => this.queueScan(), 5_000);
    this.safetyNet.unref();
    this.queueScan();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unlisten?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.safetyNet) clearInterval(this.safetyNet);
    await Promise.allSettled([...this.running]);
  }

  add(b: NotifyTargetBody, actor: string): NotifyTargetView {
    const now = this.clock.now();
    // Flushed first, so "from now on" excludes whatever is still queued from before this request.
    this.store.events.flush();
    const row = {
      name: b.name,
      url: b.url,
      format: b.format,
      events: b.events,
      secret: b.secret ?? null,
      fromEventId: this.store.events.lastId(),
      createdBy: actor,
      createdMs: now,
    };
    const first = this.store.notify.targets().length === 0;
    this.store.tx(() => {
      if (!this.store.notify.addTarget(row)) throw new NotifyTargetExistsError(b.name);
      // Without targets the cursor stands still (scan writes nothing then): the first target moves it to now, so the
      // log behind it, which concerns no target, is not read.
      if (first) this.store.notify.setCursor(row.fromEventId);
    });
    this.log.info({ target: b.name, url: redactedWebhookUrl(b.url), events: b.events, format: b.format, actor }, "notification target added");
    return targetView(row);
  }

  remove(name: string, actor: string): string {
    if (!this.store.notify.removeTarget(name)) throw new NotFoundError("notification target", name);
    this.log.info({ target: name, actor }, "notification target removed");
    return name;
  }

  list(): NotifyTargetSummary[] {
    return this.store.notify.targets().map((t) => ({ ...targetView(t), deliveries: this.store.notify.counts(t.name) }));
  }

  show(name: string, limit: number): { target: NotifyTargetSummary; deliveries: DeliveryView[] } {
    const t = this.store.notify.target(name);
    if (!t) throw new NotFoundError("notification target", name);
    return {
      target: { ...targetView(t), deliveries: this.store.notify.counts(name) },
      deliveries: this.store.notify.deliveries(name, limit).map(deliveryView),
    };
  }

  /** Queues a notify.test delivery to this one target now, through the same outbox and retries as any other. */
  test(name: string, actor: string): DeliveryView {
    const t = this.store.notify.target(name);
    if (!t) throw new NotFoundError("notification target", name);
    const now = this.clock.now();
    // Test deliveries are not events of the log: negative ids keep them apart (and unique per millisecond).
    const eventId = -now;
    const n: Notification = { id: deliveryKey(name, eventId), kind: TEST_KIND, atMs: now, message: `test notification from iisfleet, sent by ${actor}`, host: null, rolloutId: null, commandId: null, link: null };
    this.store.notify.enqueue({ target: name, eventId, kind: TEST_KIND, body: renderBody(t.format, n), atMs: now });
    this.kickDeliveries();
    const d = this.store.notify.deliveries(name, 20).find((x) => x.eventId === eventId);
    if (!d) throw new Error("the test delivery was not queued");
    return deliveryView(d);
  }

  private queueScan(): void {
    if (this.scanQueued || this.stopped) return;
    this.scanQueued = true;
    // After the appending transaction has committed (append() is often called inside one).
    setImmediate(() => {
      this.scanQueued = false;
      if (this.stopped) return;
      try {
        this.scan();
      } catch (err) {
        this.log.error({ err }, "reading the event log for notifications failed; trying again at the next event");
      }
      this.kickDeliveries();
    });
  }

  /**
   * Turns every new event some target asked for into a delivery row, in one transaction per page. This runs after
   * every append, so it writes only when it must: nothing at all without a target, and the cursor only with a
   * delivery or once it lags a page behind (re-reading a few events after a crash enqueues nothing twice: a delivery
   * is unique per event and target).
   */
  private scan(): void {
    const targets = this.store.notify.targets();
    if (targets.length === 0) return;
    for (;;) {
      const read = this.store.tx(() => {
        const cursor = this.store.notify.cursor(0);
        const events = this.store.events.after(cursor, SCAN_PAGE);
        let enqueued = false;
        for (const e of events) enqueued = this.enqueueFor(e, targets) || enqueued;
        const last = events[events.length - 1];
        if (last !== undefined && (enqueued || events.length === SCAN_PAGE)) this.store.notify.setCursor(last.id);
        return events.length;
      });
      if (read < SCAN_PAGE) return;
    }
  }

  /** True when it queued a delivery. */
  private enqueueFor(e: EventRow, targets: ReturnType<Store["notify"]["targets"]>): boolean {
    const kind = notifyKindOf(e);
    if (kind === undefined) return false;
    let enqueued = false;
    for (const t of targets) {
      if (e.id <= t.fromEventId || !t.events.includes(kind)) continue;
      const rolloutId = typeof e.data.rolloutId === "string" ? e.data.rolloutId : null;
      const n: Notification = { id: deliveryKey(t.name, e.id), kind, atMs: e.atMs, message: e.message, host: e.host, rolloutId, commandId: e.commandId, link: null };
      enqueued = this.store.notify.enqueue({ target: t.name, eventId: e.id, kind, body: renderBody(t.format, n), atMs: e.atMs }) || enqueued;
    }
    return enqueued;
  }

  private kickDeliveries(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.clock.now();
    const free = this.o.concurrency - this.inFlight.size;
    if (free > 0) {
      const due = this.store.notify.due(now, this.o.concurrency + this.inFlight.size).filter((d) => !this.inFlight.has(d.id));
      for (const d of due.slice(0, free)) {
        this.inFlight.add(d.id);
        const p = this.attempt(d).finally(() => {
          this.inFlight.delete(d.id);
          this.running.delete(p);
          this.kickDeliveries();
        });
        this.running.add(p);
      }
    }
    if (this.inFlight.size > 0) return; // each finishing attempt kicks again
    const next = this.store.notify.nextDueMs();
    if (next !== undefined) {
      this.timer = setTimeout(() => this.kickDeliveries(), Math.max(0, next - now));
      this.timer.unref();
    }
  }

  private async attempt(d: DeliveryRow): Promise<void> {
    const t = this.store.notify.target(d.target);
    if (!t) return; // removed meanwhile, with its deliveries
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "iisfleet-controller",
      "idempotency-key": deliveryKey(d.target, d.eventId),
      "x-iisfleet-event": d.kind,
      "x-iisfleet-delivery": String(d.id),
    };
    if (t.secret !== null) headers["x-iisfleet-signature"] = `sha256=${createHmac("sha256", t.secret).update(d.body).digest("hex")}`;
    let status: number | null = null;
    let error: string;
    let retryAfterMs: number | undefined;
    try {
      const res = await fetch(t.url, { method: "POST", headers, body: d.body, signal: AbortSignal.timeout(this.o.timeoutMs) });
      status = res.status;
      const text = (await res.text().catch(() => "")).slice(0, 200).trim();
      if (res.ok) {
        this.store.notify.delivered(d.id, res.status, this.clock.now());
        return;
      }
      error = `HTTP ${res.status}${text ? `: ${text}` : ""}`;
      retryAfterMs = retryAfter(res.headers.get("retry-after"));
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      error = e.name === "TimeoutError" ? `no answer within ${this.o.timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    }
    this.failed(d, t.url, status, error, retryAfterMs);
  }

  private failed(d: DeliveryRow, url: string, status: number | null, error: string, retryAfterMs: number | undefined): void {
    const now = this.clock.now();
    const attempts = d.attempts + 1;
    // A 4xx other than 408/429 is the receiver refusing this request: the same bytes would be refused again.
    const refused = status !== null && status >= 400 && status < 500 && status !== 408 && status !== 429;
    const giveUp = refused || attempts >= this.o.maxAttempts;
    const pause = Math.min(
      this.o.backoffMaxMs,
      Math.max(retryAfterMs ?? 0, createTimeout(attempts - 1, { factor: 2, minTimeout: this.o.backoffMinMs, maxTimeout: this.o.backoffMaxMs, randomize: true })),
    );
    this.store.tx(() => {
      this.store.notify.attemptFailed(d.id, status, error, now, giveUp ? undefined : now + pause);
      if (giveUp) {
        this.store.events.append({
          atMs: now,
          kind: "notify.failed",
          message: `notification ${d.kind} to ${d.target} (${redactedWebhookUrl(url)}) given up after ${attempts} attempt${attempts === 1 ? "" : "s"}${refused ? " (refused by the receiver, not retried)" : ""}: ${error}`,
          data: { target: d.target, delivery: d.id, eventId: d.eventId, attempts, status },
        });
      }
    });
    this.log.warn({ target: d.target, delivery: d.id, attempts, error, retryInMs: giveUp ? null : pause }, giveUp ? "notification given up" : "notification failed; retrying");
  }
}

/** The Idempotency-Key of a delivery (and the generic body's id): one per event and target, the same on every attempt. */
function deliveryKey(target: string, eventId: number): string {
  return eventId < 0 ? `iisfleet-${target}-test-${-eventId}` : `iisfleet-${target}-${eventId}`;
}

function deliveryView(d: DeliveryRow): DeliveryView {
  return {
    id: d.id,
    eventId: d.eventId,
    kind: d.kind,
    state: d.state,
    attempts: d.attempts,
    createdMs: d.createdMs,
    nextAttemptMs: d.state === "pending" ? d.nextAttemptMs : null,
    finishedMs: d.finishedMs,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
  };
}

/** Retry-After in seconds (the HTTP-date form is rare from webhook receivers and ignored). */
function retryAfter(v: string | null): number | undefined {
  if (v === null || !/^\d{1,6}$/.test(v.trim())) return undefined;
  return Number(v.trim()) * 1_000;
}
