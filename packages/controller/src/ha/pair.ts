import type { JetStreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { Logger } from "../log.js";
import type { Store } from "../store/index.js";
import { installCapture } from "./changes.js";
import type { Leadership } from "./leadership.js";
import { LeaderLease } from "./lease.js";
import { OutboxPublisher, ReplicaApplier, ensureChangeStream, streamGap } from "./replication.js";

export interface PairOptions {
  leaseMs?: number;
  replicas?: number;
  bucket?: string;
  apiUrl: string;
  controllerId: string;
  store: Store;
  connection: () => NatsConnection | undefined;
  whenConnected: () => Promise<void>;
  leadership: Leadership;
  log: Logger;
  /** Start acting: resume rollouts (asking agents about in-flight commands), look for late answers. */
  lead: () => void;
  /** Stop acting at once (the lease is lost). */
  standDown: (reason: string) => void;
}

/**
 * One controller of a standby pair, from standby to leader: it follows the leader's change stream; when it wins the
 * lease it applies what the stream still holds, then captures its own changes into the outbox, publishes them, and
 * acts. Until then it writes no history of its own (its event log is the leader's).
 */
export class StandbyPair {
  private readonly lease: LeaderLease;
  private replica: ReplicaApplier | undefined;
  private publisher: OutboxPublisher | undefined;
  private jsm: JetStreamManager | undefined;
  private stopped = false;

  constructor(private readonly o: PairOptions) {
    // The daemon muted the event log as it opened the store; it is unmuted on taking over.
    this.lease = new LeaderLease({
      connection: o.connection,
      controllerId: o.controllerId,
      apiUrl: o.apiUrl,
      ...(o.bucket !== undefined ? { bucket: o.bucket } : {}),
      ...(o.leaseMs !== undefined ? { leaseMs: o.leaseMs } : {}),
      ...(o.replicas !== undefined ? { replicas: o.replicas } : {}),
      log: o.log,
      onElected: (term) => void this.takeOver(term),
      onDeposed: (_term, reason) => {
        // Nothing more of this term is history: the successor ignores it anyway.
        if (this.publisher) void this.publisher.stop();
        o.standDown(reason);
      },
    });
    o.leadership.attach(this.lease, () => this.replication());
  }

  /** Follows the change stream, then competes for the lease (so it never leads without having followed). */
  start(): void {
    void this.o.whenConnected().then(() => this.follow());
  }

  private async follow(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      const nc = this.o.connection();
      try {
        if (!nc) throw new Error("not connected to NATS");
        this.jsm = await ensureChangeStream(nc, this.o.replicas ?? 1);
        this.replica = new ReplicaApplier(
          this.o.store.db,
          nc,
          this.o.log,
          () => this.o.store.events.announce(),
          (problem) => void this.refuse(problem),
        );
        const gap = await streamGap(this.jsm, this.replica.current.streamSeq);
        if (gap) {
          this.o.log.error({ appliedSeq: this.replica.current.streamSeq }, gap);
          await this.refuse(gap);
          return;
        }
        await this.replica.start();
        this.o.log.info({ appliedSeq: this.replica.current.streamSeq }, "following the leader's change stream");
        this.lease.start();
        return;
      } catch (err) {
        if (attempt === 0) this.o.log.error({ err }, "cannot follow the change stream (JetStream enabled on the NATS server?); retrying");
        await new Promise((r) => setTimeout(r, 2_000));
      }
    }
  }

  /**
   * This database missed changes the stream no longer holds: it must never lead (its history would silently lack
   * them). It keeps answering reads, and says why in health and diagnostics, until it is given a copy of the leader's.
   */
  private async refuse(problem: string): Promise<void> {
    this.o.leadership.refuse(problem);
    await this.replica?.stop();
    // Not yet elected (the lease starts only after following began); a standby that is stops competing.
    if (this.lease.current.role !== "leader") await this.lease.stop();
  }

  private async takeOver(term: number): Promise<void> {
    const nc = this.o.connection();
    const started = Date.now();
    try {
      if (this.replica && this.jsm) {
        const upTo = await this.replica.catchUp(this.jsm, 3 * this.lease.effectiveLeaseMs);
        await this.replica.stop();
        this.o.log.info({ term, appliedSeq: upTo, ms: Date.now() - started }, "applied the change stream: taking over");
      }
    } catch (err) {
      // A stream that cannot be read must not keep the fleet without a leader; what is missing is said.
      this.o.log.error({ err, term }, "taking over without having applied the whole change stream");
      await this.replica?.stop();
    }
    if (this.o.leadership.refused) {
      // The catch-up met a gap: this database must not lead. The lease goes back at once, for a standby that can.
      this.o.log.error({ term }, "giving the lease back: this controller's database misses changes the stream no longer holds");
      await this.lease.stop();
      return;
    }
    if (this.stopped || !nc || this.lease.current.role !== "leader") return;
    installCapture(this.o.store.db);
    this.o.store.events.mute(false);
    this.publisher = new OutboxPublisher(this.o.store.db, nc, term, this.o.log);
    this.publisher.start();
    this.o.leadership.markCaughtUp();
    this.o.lead();
  }

  private replication(): Record<string, unknown> | undefined {
    if (this.publisher) return { outboxBacklog: this.publisher.backlog(), published: this.publisher.published };
    if (this.replica) {
      const p = this.replica.current;
      return { appliedSeq: p.streamSeq, appliedTerm: p.term, ...(p.appliedMs > 0 ? { appliedAt: new Date(p.appliedMs).toISOString() } : {}) };
    }
    return undefined;
  }

  /** Resolves once the change stream holds everything committed; throws where this controller does not lead. */
  async replicated(): Promise<void> {
    if (!this.publisher) throw new Error("this controller does not lead");
    await this.publisher.flushed(this.lease.effectiveLeaseMs);
  }

  /** A leader publishes what it committed, then releases the lease: the standby takes over at once, complete. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.publisher?.stop();
    await this.replica?.stop();
    await this.lease.stop();
  }
}
