import { type JetStreamClient, type JetStreamManager, type ConsumerMessages, DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { type MsgHdrs, type NatsConnection, headers } from "@nats-io/transport-node";
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

/** What one transaction group holds once its parts are joined: the changes of one or more whole transactions, in commit order. */
export interface ChangeBatch {
  term: number;
  changes: ChangeRecord[];
}

/**
 * A group too large for one message travels in parts, each naming the group, its place and the term in headers; the
 * parts' bodies, joined in order, are the group's JSON. A message without these headers is a whole group.
 */
export const PART_HEADERS = { group: "Iisfleet-Group", part: "Iisfleet-Part", term: "Iisfleet-Term" } as const;
/** Bytes per message; less where the server's max_payload is smaller (headers and framing count against it). */
const MAX_PART_BYTES = 512 * 1024;
const HEADER_ROOM = 1024;

/** The parts one group's JSON is cut into; exported for tests. */
export function splitParts(body: Buffer, maxBytes: number): Buffer[] {
  if (body.length <= maxBytes) return [body];
  const parts: Buffer[] = [];
  for (let at = 0; at < body.length; at += maxBytes) parts.push(body.subarray(at, at + maxBytes));
  return parts;
}

export class OutboxPublisher {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly js: JetStreamClient;
  private readonly pending;
  private readonly done: (lastOutboxSeq: number, acks: number[]) => void;
  /** The stream sequence this database holds everything up to; -1 once another publisher's message came between. */
  private ownSeq: number;
  published = 0;

  constructor(
    private readonly db: Db,
    private readonly nc: NatsConnection,
    private readonly term: number,
    private readonly log: Logger,
    private readonly everyMs = 50,
  ) {
    this.js = jetstream(nc);
    this.pending = db.prepare<[], OutboxRow>("SELECT seq, tbl, key_json FROM ha_outbox ORDER BY seq");
    const deleteSent = db.prepare<[number]>("DELETE FROM ha_outbox WHERE seq <= ?");
    const position = db.prepare<[number, number, number]>(POSITION_UPSERT);
    // The leader's own position in the stream: while its messages follow on from what it applied, its database holds
    // everything up to the one just acknowledged. A copy of it (the remedy for a standby away longer than the stream
    // keeps changes) then follows on from there, and so does this controller restarted as a standby. Once someone
    // else's message came between (it was deposed and a successor published), the position stays where it was.
    this.ownSeq = (db.prepare("SELECT stream_seq AS s FROM ha_replica WHERE id = 1").get() as { s: number } | undefined)?.s ?? 0;
    this.done = db.transaction((lastOutboxSeq: number, acks: number[]) => {
      deleteSent.run(lastOutboxSeq);
      for (const seq of acks) {
        if (seq <= this.ownSeq) continue; // a duplicate: the server had it already
        this.ownSeq = seq === this.ownSeq + 1 && this.ownSeq >= 0 ? seq : -1;
      }
      if (this.ownSeq > 0) position.run(this.ownSeq, this.term, Date.now());
    });
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

  /** What fits in one message on this server. */
  private partBytes(): number {
    const serverMax = this.nc.info?.max_payload;
    return serverMax && serverMax > 2 * HEADER_ROOM ? Math.min(MAX_PART_BYTES, serverMax - HEADER_ROOM) : MAX_PART_BYTES;
  }

  private async publishRound(): Promise<void> {
    try {
      while (!this.stopped || this.backlog() > 0) {
        // The whole outbox, read and encoded synchronously: no transaction of this connection is open between two
        // statements here, so it holds whole transactions only, as they are now. It is one group: a standby applies
        // all of it in one transaction or none of it, so a successor never sees a command without the rollout step
        // that sent it, however large the transaction was.
        const rows = this.pending.all();
        const first = rows[0]?.seq;
        const last = rows[rows.length - 1]?.seq;
        if (first === undefined || last === undefined) return;
        const changes = rows.map((r) => readChange(this.db, this.term, r.tbl, JSON.parse(r.key_json) as unknown[]));
        const parts = splitParts(Buffer.from(JSON.stringify({ term: this.term, changes } satisfies ChangeBatch)), this.partBytes());
        const group = `${this.term}-${first}-${last}`;
        // In order, each acknowledged before the next; a retry of the same group is dropped part by part by the
        // server's duplicate window, and a different (larger) retry starts a new group that the standby takes instead.
        const acks: number[] = [];
        for (const [i, body] of parts.entries()) {
          const ack =
            parts.length === 1
              ? await this.js.publish(CHANGE_SUBJECT, body, { msgID: group, headers: partHeaders(this.term) })
              : await this.js.publish(CHANGE_SUBJECT, body, { msgID: `${group}-${i + 1}of${parts.length}`, headers: partHeaders(this.term, group, i + 1, parts.length) });
          acks.push(ack.seq);
        }
        // Only once the last part is acknowledged: until then, a restart publishes the whole group again.
        this.done(last, acks);
        this.published += changes.length;
        if (parts.length > 1) this.log.info({ group, parts: parts.length, changes: changes.length }, "published a large group of changes in parts");
        if (this.stopped) return;
      }
    } catch (err) {
      this.log.warn({ err }, "could not publish committed changes to the change stream; retrying");
    }
  }
}

function partHeaders(term: number, group?: string, k?: number, n?: number): MsgHdrs {
  const h = headers();
  h.set(PART_HEADERS.term, String(term));
  if (group !== undefined && k !== undefined && n !== undefined) {
    h.set(PART_HEADERS.group, group);
    h.set(PART_HEADERS.part, `${k}/${n}`);
  }
  return h;
}

/** What a message's headers say: its term (when given), and its place in a group that travels in parts. */
interface PartOf {
  term?: number;
  part?: { group: string; k: number; n: number };
}

function partOf(h: { get(k: string): string } | undefined): PartOf {
  if (!h) return {};
  const term = Number(h.get(PART_HEADERS.term));
  const group = h.get(PART_HEADERS.group);
  const m = /^(\d+)\/(\d+)$/.exec(h.get(PART_HEADERS.part));
  const out: PartOf = Number.isSafeInteger(term) && term > 0 ? { term } : {};
  if (group && m) {
    const k = Number(m[1]);
    const n = Number(m[2]);
    if (k >= 1 && k <= n) out.part = { group, k, n };
  }
  return out;
}

const POSITION_UPSERT =
  "INSERT INTO ha_replica (id, stream_seq, term, applied_ms) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET stream_seq = excluded.stream_seq, term = excluded.term, applied_ms = excluded.applied_ms";

/** What a controller whose database has a gap needs (its SQLite file copied online from the leader's). */
const REMEDY = "Stop it, replace its database with a copy of the leader's (sqlite3 LEADER.db \".backup COPY.db\"), and start it again";

/**
 * Why this database cannot follow the stream from where it is, if it cannot: changes it has not applied are no longer
 * in the stream (older than its retention, or purged), or the stream is younger than what it applied (deleted and made
 * again). Applying what follows would leave a gap nobody sees, so such a controller must not lead.
 */
export async function streamGap(jsm: JetStreamManager, applied: number): Promise<string | undefined> {
  const { first_seq: first, last_seq: last } = (await jsm.streams.info(CHANGE_STREAM)).state;
  if (applied + 1 < first) {
    return (
      `this controller's database has the leader's changes up to stream sequence ${applied}, but the change stream ${CHANGE_STREAM} now begins at ${first}: ` +
      `the changes between are gone (the stream keeps them ${RETENTION_MS / 86_400_000} days, or it was purged), so it will not take the lease. ` +
      REMEDY
    );
  }
  if (applied > last) {
    return (
      `this controller's database has the leader's changes up to stream sequence ${applied}, but the change stream ${CHANGE_STREAM} ends at ${last} (it was deleted and made again), ` +
      `so it will not take the lease. ${REMEDY}`
    );
  }
  return undefined;
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
  /** The parts of a group received so far (memory only: a restart reads them again from the stream). */
  private held: { group: string; term: number; n: number; parts: Uint8Array[] } | undefined;
  /** The last stream sequence handled: applied, skipped, or held as a part. */
  private seen = 0;

  constructor(
    private readonly db: Db,
    private readonly nc: NatsConnection,
    private readonly log: Logger,
    /** Told after every applied change (the event stream re-reads SQLite). */
    private readonly onApplied: () => void = () => undefined,
    /** Told when the stream skips changes this database never applied (they aged out while it was behind): it stops. */
    private readonly onGap: (problem: string) => void = () => undefined,
  ) {
    this.position = db.prepare<[], { stream_seq: number; term: number; applied_ms: number }>("SELECT stream_seq, term, applied_ms FROM ha_replica WHERE id = 1");
    this.save = db.prepare<[number, number, number]>(POSITION_UPSERT);
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
    this.seen = from - 1;
    this.loop = (async () => {
      for await (const m of messages) {
        if (this.stopped) break;
        // Sequences of a stream only have holes where messages were removed: these changes are lost to this standby.
        if (m.seq > this.seen + 1) {
          this.gapFound(
            `the change stream went from sequence ${this.seen} to ${m.seq}: the changes between were removed before this controller applied them ` +
              `(they are kept ${RETENTION_MS / 86_400_000} days, or the stream was purged), so it stopped applying and will not take the lease. ` +
              REMEDY,
          );
          break;
        }
        this.apply(m.seq, m.data, m.headers);
      }
    })().catch((err: unknown) => {
      if (!this.stopped) this.log.error({ err }, "the change stream stopped; this standby no longer follows the leader");
    });
  }

  /**
   * One stream message. A whole group is applied with the new position in one transaction (a crash leaves all or
   * nothing). A part is held in memory until its group's last one arrives, then the group is applied the same way; the
   * position moves only then, so a standby restarted half-way reads the group again from its first part.
   */
  apply(streamSeq: number, data: Uint8Array, headers?: { get(k: string): string }): void {
    try {
      this.take(streamSeq, data, headers);
    } finally {
      this.seen = Math.max(this.seen, streamSeq);
      for (const l of this.applied) l();
    }
  }

  private take(streamSeq: number, data: Uint8Array, headers?: { get(k: string): string }): void {
    if (streamSeq <= this.current.streamSeq) return;
    const { term, part } = partOf(headers);
    const held = this.held;
    // A deposed leader's late message, while its successor's group is arriving: not history, and no reason to drop it.
    if (held && term !== undefined && term < held.term) return;
    if (!part || part.n === 1) {
      // A group never finished (its publisher moved on or lost the lease): nothing was sent that depends on it.
      if (held) this.drop(`a later message (stream seq ${streamSeq}) came first`);
      this.commit(streamSeq, data);
      return;
    }
    if (term === undefined || term < this.current.term) return this.skip(streamSeq);
    if (part.k === 1) {
      if (held) this.drop(`group ${part.group} began (stream seq ${streamSeq})`);
      this.held = { group: part.group, term, n: part.n, parts: [data] };
    } else if (held?.group === part.group && part.k === held.parts.length + 1) {
      held.parts.push(data);
    } else if (held?.group === part.group && part.k <= held.parts.length) {
      return; // delivered again
    } else {
      // A part whose group's beginning this standby never saw (it was dropped): nothing to join it to.
      return this.skip(streamSeq);
    }
    const group = this.held;
    if (group && group.parts.length === group.n) {
      this.held = undefined;
      this.commit(streamSeq, Buffer.concat(group.parts));
    }
  }

  /** A message that is not history: the position moves past it, unless a group is being held (it starts before). */
  private skip(streamSeq: number): void {
    if (!this.held) this.save.run(streamSeq, this.current.term, Date.now());
  }

  private drop(why: string): void {
    const h = this.held;
    if (!h) return;
    this.log.warn({ group: h.group, term: h.term, parts: `${h.parts.length}/${h.n}` }, `a group of changes published in parts was never finished (${why}); it is not applied`);
    this.held = undefined;
  }

  private commit(streamSeq: number, data: Uint8Array): void {
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
    this.onApplied();
  }

  /** Resolves once every change the stream holds now is applied (a new leader's catch-up), or rejects at the deadline. */
  async catchUp(jsm: JetStreamManager, timeoutMs: number): Promise<number> {
    const last = (await jsm.streams.info(CHANGE_STREAM)).state.last_seq;
    const handled = () => Math.max(this.seen, this.current.streamSeq);
    if (handled() >= last) return this.finishCatchUp(last);
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (handled() >= last) done(resolve);
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
    return this.finishCatchUp(last);
  }

  /** The stream's end is reached: a group still incomplete there will never be finished by its (departed) leader. */
  private finishCatchUp(last: number): number {
    this.drop("its leader stopped before publishing the rest");
    // What was dropped or skipped is not history: the position is the stream's end, where a new leader follows on.
    if (this.seen > this.current.streamSeq) this.save.run(this.seen, this.current.term, Date.now());
    return last;
  }

  private gapFound(problem: string): void {
    this.stopped = true;
    this.held = undefined;
    this.log.error({ appliedSeq: this.current.streamSeq }, problem);
    void this.messages?.close();
    this.onGap(problem);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.messages?.close();
    await this.loop;
  }
}
