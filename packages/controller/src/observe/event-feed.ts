import type { EventRow, EventStore } from "../store/index.js";

/** Receives consecutive batches of events: ids strictly increasing across calls, none twice, none left out. */
export interface FeedSubscriber {
  deliver(events: EventRow[]): void;
  /** Awaited between backlog pages, so a slow reader is not flooded (optional). */
  ready?(): Promise<void>;
  /**
   * Only events of these kinds or kind prefixes ("rollout", "command.finished") are wanted; absent: every event. The
   * feed reads from the log only what some live subscriber wants, so each still filters what it is handed.
   */
  kinds?: readonly string[];
}

export interface FeedSubscription {
  close(): void;
}

/** Where a subscriber starts: after `from`; `resync` when it claimed an id this log never had (another database). */
export interface FeedStart {
  from: number;
  resync: boolean;
}

const DEFAULT_PAGE = 500;

/**
 * The append-only event log as a live stream that a subscriber can join at any past event id, with no gap and
 * no duplicate.
 *
 * Why: nothing is ever sent from inside `append()` — it only schedules a read — and every event reaches a subscriber
 * by an id range read from SQLite. `head` is the highest id already sent to the live subscribers, and every live
 * subscriber has been sent exactly the events up to `head` (the invariant). `pump()` reads the rows after `head`,
 * sends them to every live subscriber and moves `head`, in one synchronous step, so the invariant holds after it. A
 * joining subscriber reads `(since, head]` page by page (head may move between pages); the page that comes back
 * short proves it now has everything up to the current `head`, and it joins the live set in that same synchronous
 * step — no pump can run in between on this single-threaded loop. From then on pumps send it `(head, …]`. The two
 * ranges meet exactly at `head`: nothing is skipped, nothing is sent twice.
 *
 * Subscribers may name the kinds they want. When every live one does, a pump reads only those kinds, up to the log's
 * end as it was before the read, and moves `head` there: "sent everything up to head" then means everything
 * wanted. Nothing that nobody asked for (an agent's progress, most of a rollout's rows) is read back or parsed.
 *
 * It relies on ids becoming visible in increasing order. That holds because this process is the database's only
 * writer, better-sqlite3 is synchronous (a transaction commits before any other code runs), and the read happens
 * after the appending transaction has committed (or rolled back, in which case there is simply nothing to read).
 */
export class EventFeed {
  private head: number;
  private readonly live = new Set<FeedSubscriber>();
  /** The union of the live subscribers' kinds; undefined: someone wants every event. Recomputed when `live` changes. */
  private wanted: readonly string[] | undefined;
  private wantedStale = true;
  private pumpQueued = false;
  private closed = false;
  private readonly unlisten: () => void;
  private readonly timer: NodeJS.Timeout;
  private readonly pageSize: number;

  constructor(
    private readonly events: EventStore,
    opts: { pageSize?: number; pollMs?: number } = {},
  ) {
    this.pageSize = opts.pageSize ?? DEFAULT_PAGE;
    this.head = events.lastId();
    this.unlisten = events.onAppend(() => this.poke());
    // A safety net, not the signal: a row written by something that bypassed append() is still sent within a second.
    this.timer = setInterval(() => this.poke(), opts.pollMs ?? 1_000);
    this.timer.unref();
  }

  /** The highest event id sent to live subscribers. */
  get lastId(): number {
    return this.head;
  }

  /**
   * Where a subscriber claiming to have seen `since` starts. First catches `head` up with the log, so an id the
   * client saw elsewhere (an API answer) a moment ago is not mistaken for one from another database.
   */
  start(since: number | undefined): FeedStart {
    if (since === undefined) return { from: this.head, resync: false };
    if (since > this.head) this.pumpAll();
    return since > this.head ? { from: this.head, resync: true } : { from: since, resync: false };
  }

  /**
   * Sends `sub` every event after `from` (see start()), then every new one. The first backlog page is sent before
   * this returns; the rest follow page by page. Close the subscription to stop, at any point.
   */
  subscribe(from: number, sub: FeedSubscriber): FeedSubscription {
    // head never goes down, so a start() answer is always valid; anything above head would be sent twice.
    if (from > this.head) throw new RangeError(`subscribe from ${from}: beyond the feed's head ${this.head}; use start()`);
    let cancelled = false;
    const subscription: FeedSubscription = {
      close: () => {
        cancelled = true;
        this.leave(sub);
      },
    };
    const catchUp = async (): Promise<void> => {
      let cursor = from;
      for (;;) {
        if (cancelled || this.closed) return;
        const page = this.events.after(cursor, this.pageSize, this.head, sub.kinds);
        if (page.length > 0) {
          sub.deliver(page);
          cursor = (page[page.length - 1] as EventRow).id;
        }
        if (page.length < this.pageSize) {
          // Everything up to head is sent, and no pump ran since the read: join now (see the class comment).
          this.live.add(sub);
          this.wantedStale = true;
          return;
        }
        await (sub.ready?.() ?? nextTurn());
      }
    };
    void catchUp();
    return subscription;
  }

  close(): void {
    this.closed = true;
    this.unlisten();
    clearInterval(this.timer);
    this.live.clear();
  }

  private poke(): void {
    if (this.pumpQueued || this.closed) return;
    this.pumpQueued = true;
    // After the current synchronous work — and so after the transaction that appended — has finished.
    setImmediate(() => {
      this.pumpQueued = false;
      if (this.pumpPage() === this.pageSize) this.poke();
    });
  }

  private pumpAll(): void {
    while (this.pumpPage() === this.pageSize) {
      // A burst larger than a page: keep going, the caller needs head to be current.
    }
  }

  /** Sends the next page after head to every live subscriber; returns how many events it read (a full page: more). */
  private pumpPage(): number {
    if (this.closed) return 0;
    const kinds = this.wantedKinds();
    // Read up to the end as it is now: head may move there even when nothing in between was wanted.
    const end = kinds === undefined ? undefined : this.events.lastId();
    if (end !== undefined && end <= this.head) return 0;
    const page = this.events.after(this.head, this.pageSize, end, kinds);
    if (page.length === this.pageSize || end === undefined) {
      if (page.length === 0) return 0;
      this.head = (page[page.length - 1] as EventRow).id;
    } else {
      this.head = end;
    }
    if (page.length === 0) return 0;
    for (const sub of [...this.live]) {
      try {
        sub.deliver(page);
      } catch {
        // A subscriber that throws is broken; dropping it keeps the others' streams whole.
        this.leave(sub);
      }
    }
    return page.length;
  }

  private leave(sub: FeedSubscriber): void {
    if (this.live.delete(sub)) this.wantedStale = true;
  }

  private wantedKinds(): readonly string[] | undefined {
    if (this.wantedStale) {
      const subs = [...this.live];
      this.wanted = subs.some((s) => s.kinds === undefined) ? undefined : [...new Set(subs.flatMap((s) => s.kinds ?? []))].sort();
      this.wantedStale = false;
    }
    return this.wanted;
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
