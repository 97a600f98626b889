import { type JetStreamClient, type JetStreamManager, type ConsumerMessages, DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { Logger } from "../log.js";
import type { Db } from "../store/db.js";
import { type ChangeRecord, applyChange, readChange } from "./changes.js";

/**
 * The leader's committed changes, carried to standbys by a JetStream stream (replicated on a cluster). The leader
 * commits to SQLite first (the capture triggers put the change in ha_outbox in the same transaction), then publishes
 * the outbox in order with a Nats-Msg-Id (term and outbox seq: a retry within the server's duplicate window is
 * dropped), and deletes each entry once JetStream acknowledged it; what a crash left unacknowledged is published
 * when this controller leads again. A standby applies the stream to its own SQLite and keeps its position there.
 */
export const CHANGE_STREAM = "IISFLEET_CHANGES";
export const CHANGE_SUBJECT = "iisfleet.v1.ha.changes";
/** How long a change stays in the stream: a standby away for longer needs a copy of the leader's database. */
const RETENTION_MS = 7 * 24 * 3_600_000;
const NANOS_PER_MS = 1_000_000;

export async function ensureChangeStream(nc: NatsConnection, replicas: number): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(CHANGE_STREAM);
  } catch {
    await jsm.streams.add({
      name: CHANGE_STREAM,
      subjects: [CHANGE_SUBJECT],
      num_replicas: replicas,
      max_age: RETENTION_MS * NANOS_PER_MS,
      duplicate_window: 2 * 60_000 * NANOS_PER_MS,
    });
  }
  return jsm;
}

interface OutboxRow {
  seq: number;
  tbl: string;
  key_json: string;
}

/** What one stream message holds: the changes of one or more whole transactions, in commit order. */
export interface ChangeBatch {
  term: number;
  changes: ChangeRecord[];
}
/** Rows read per round, and bytes per message (JetStream's default limit is 1 MB). */
const MAX_BATCH_ROWS = 5_000;
const MAX_BATCH_BYTES = 512 * 1024;

export class OutboxPublisher {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly js: JetStreamClient;
  private readonly pending;
  private readonly done;
  published = 0;

  constructor(
    private readonly db: Db,
    nc: NatsConnection,
    private readonly term: number,
    private readonly log: Logger,
    private readonly everyMs = 50,
  ) {
    this.js = jetstream(nc);
    this.pending = db.prepare<[number], OutboxRow>("SELECT seq, tbl, key_json FROM ha_outbox ORDER BY seq LIMIT ?");
    this.done = db.prepare<[number]>("DELETE FROM ha_outbox WHERE seq <= ?");
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.publishPending(), this.everyMs);
    this.timer.unref?.();
  }

  /** Stops publishing; what is left stays in ha_outbox for the next time this controller leads. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.publishPending();
  }

  /** Entries committed and not yet acknowledged by JetStream. */
  backlog(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM ha_outbox").get() as { n: number }).n;
  }

  /**
   * Resolves once everything committed so far is acknowledged by JetStream; throws if it cannot be. A command is sent
   * only after this: a successor then knows of every command that may have reached an agent, and never sends a
   * second one for the same host's turn.
   */
  async flushed(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.backlog() > 0) {
      if (this.stopped) throw new Error("this controller no longer publishes its changes (it stepped down)");
      if (Date.now() > deadline) throw new Error(`the change stream did not acknowledge ${this.backlog()} committed changes within ${timeoutMs} ms`);
      await (this.inFlight ?? this.publishPending());
      if (this.backlog() > 0) await new Promise((r) => setTimeout(r, 20));
    }
  }

  private inFlight: Promise<void> | undefined;

  publishPending(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (!this.db.open) return Promise.resolve();
    this.inFlight = this.publishRound().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async publishRound(): Promise<void> {
    try {
      for (;;) {
        const rows = this.pending.all(MAX_BATCH_ROWS);
        if (rows.length === 0) return;
        // Everything committed so far goes in one message, which a standby applies in one transaction: a transaction
        // commits whole, so a message never holds part of one (unless it alone exceeds a batch) and a successor never
        // sees a command without the rollout step that sent it. Messages go in order, each acknowledged first.
        let batch: ChangeRecord[] = [];
        let bytes = 0;
        let first = rows[0]?.seq ?? 0;
        const send = async (last: number) => {
          await this.js.publish(CHANGE_SUBJECT, JSON.stringify({ term: this.term, changes: batch } satisfies ChangeBatch), { msgID: `${this.term}-${first}-${last}` });
          this.done.run(last);
          this.published += batch.length;
          batch = [];
          bytes = 0;
        };
        for (const [i, r] of rows.entries()) {
          const change = readChange(this.db, this.term, r.tbl, JSON.parse(r.key_json) as unknown[]);
          const size = JSON.stringify(change).length;
          if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) {
            await send(rows[i - 1]?.seq ?? r.seq);
            first = r.seq;
          }
          batch.push(change);
          bytes += size;
        }
        await send(rows[rows.length - 1]?.seq ?? first);
        if (this.stopped) return;
      }
    } catch (err) {
      this.log.warn({ err }, "could not publish committed changes to the change stream; retrying");
    }
  }
}

export interface ReplicaPosition {
  streamSeq: number;
  term: number;
  appliedMs: number;
}

/** Applies the change stream to a standby's SQLite, from where it left off. */
export class ReplicaApplier {
  private messages: ConsumerMessages | undefined;
  private readonly position;
  private readonly save;
  private readonly applied = new Set<() => void>();
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly nc: NatsConnection,
    private readonly log: Logger,
    /** Told after every applied change (the event stream re-reads SQLite). */
    private readonly onApplied: () => void = () => undefined,
  ) {
    this.position = db.prepare<[], { stream_seq: number; term: number; applied_ms: number }>("SELECT stream_seq, term, applied_ms FROM ha_replica WHERE id = 1");
    this.save = db.prepare<[number, number, number]>(
      "INSERT INTO ha_replica (id, stream_seq, term, applied_ms) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET stream_seq = excluded.stream_seq, term = excluded.term, applied_ms = excluded.applied_ms",
    );
  }

  get current(): ReplicaPosition {
    const p = this.db.open ? this.position.get() : undefined;
    return { streamSeq: p?.stream_seq ?? 0, term: p?.term ?? 0, appliedMs: p?.applied_ms ?? 0 };
  }

  async start(): Promise<void> {
    const js = jetstream(this.nc);
    const from = this.current.streamSeq + 1;
    const consumer = await js.consumers.get(CHANGE_STREAM, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from });
    this.messages = await consumer.consume();
    const messages = this.messages;
    this.loop = (async () => {
      for await (const m of messages) {
        if (this.stopped) break;
        this.apply(m.seq, m.data);
      }
    })().catch((err: unknown) => {
      if (!this.stopped) this.log.error({ err }, "the change stream stopped; this standby no longer follows the leader");
    });
  }

  /** One message's changes and the new position, in one transaction: a crash leaves all or nothing. */
  apply(streamSeq: number, data: Uint8Array): void {
    if (streamSeq <= this.current.streamSeq) return;
    let batch: ChangeBatch;
    try {
      batch = JSON.parse(Buffer.from(data).toString("utf8")) as ChangeBatch;
      if (typeof batch.term !== "number" || !Array.isArray(batch.changes)) throw new Error("not a change batch");
    } catch (err) {
      this.log.error({ err, streamSeq }, "unreadable change record skipped");
      this.save.run(streamSeq, this.current.term, Date.now());
      return;
    }
    const term = this.current.term;
    // The leader checked its foreign keys when it committed; rows of one of its transactions may arrive in an order
    // (a step before its command's update) that a per-row check would refuse.
    this.db.pragma("foreign_keys = OFF");
    try {
      this.db.transaction(() => {
        // A deposed leader that published after its successor began: its late changes are not history.
        if (batch.term >= term) for (const change of batch.changes) applyChange(this.db, change);
        this.save.run(streamSeq, Math.max(term, batch.term), Date.now());
      })();
    } finally {
      this.db.pragma("foreign_keys = ON");
    }
    for (const l of this.applied) l();
    this.onApplied();
  }

  /** Resolves once every change the stream holds now is applied (a new leader's catch-up), or rejects at the deadline. */
  async catchUp(jsm: JetStreamManager, timeoutMs: number): Promise<number> {
    const last = (await jsm.streams.info(CHANGE_STREAM)).state.last_seq;
    if (this.current.streamSeq >= last) return last;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (this.current.streamSeq >= last) done(resolve);
      };
      const timer = setTimeout(() => done(() => reject(new Error(`caught up to ${this.current.streamSeq} of ${last} changes in ${timeoutMs} ms`))), timeoutMs);
      const done = (fn: () => void) => {
        clearTimeout(timer);
        this.applied.delete(check);
        fn();
      };
      this.applied.add(check);
      check();
    });
    return last;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.messages?.close();
    await this.loop;
  }
}
