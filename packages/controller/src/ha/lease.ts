import type { NatsConnection } from "@nats-io/transport-node";
import { type KV, Kvm } from "@nats-io/kv";
import type { Logger } from "../log.js";

/**
 * Leadership of a standby pair (`controller --ha`): a lease held as one key in a JetStream KV bucket whose TTL is the
 * lease. The holder acquired it with create() (which only succeeds while nobody holds it) and renews it every third of
 * the lease with a compare-and-set update on the revision it last wrote; when it stops renewing (killed, cut off from
 * NATS), the server drops the key after the TTL and a standby's create() succeeds. The revision create() returned is
 * the new leader's term: JetStream sequences only grow, so every later leader has a higher term, and agents refuse
 * commands from a lower one (packages/agent/src/state/term-memory.ts).
 *
 * A leader steps down at once when a renew fails or nothing was renewed for a whole lease (it may be cut off, and a
 * standby may already lead). It does not try again in this process: `onDeposed` tells the daemon, which stops
 * acting, and the CLI exits so that its supervisor starts it again, as a standby.
 */
export const LEASE_KEY = "leader";
export const DEFAULT_LEASE_BUCKET = "iisfleet_leader";
export const DEFAULT_LEASE_MS = 10_000;

/** What the holder writes into the key: who leads, and where its API is (for standbys to name it). */
export interface LeaderInfo {
  controllerId: string;
  apiUrl?: string;
  /** 0 in the value written by create(): the term is that write's own revision. */
  term: number;
  sinceMs: number;
}

export type LeaseRole =
  | { role: "standby"; leader?: LeaderInfo; problem?: string }
  | { role: "leader"; term: number; sinceMs: number }
  | { role: "deposed"; term: number; reason: string };

export interface LeaseOptions {
  /** The controller's NATS connection (undefined while not connected). */
  connection: () => NatsConnection | undefined;
  controllerId: string;
  apiUrl?: string;
  bucket?: string;
  /** Lease length (the bucket's TTL when this controller creates the bucket). Default 10 s. */
  leaseMs?: number;
  /** JetStream replicas of the bucket (3 on a 3-node cluster). Default 1. */
  replicas?: number;
  log: Logger;
  onElected(term: number): void;
  onDeposed(term: number, reason: string): void;
}

export class LeaderLease {
  private state: LeaseRole = { role: "standby" };
  private kv: KV | undefined;
  private leaseMs: number;
  private lastRevision = 0;
  /** When the last successful renew (or the acquisition) was sent: the key lives at least a lease past it. */
  private heldFromMs = 0;
  private timer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The acquisition or renew under way: a stop waits for it, so the release names the revision it wrote. */
  private stepping: Promise<void> | undefined;

  constructor(private readonly opts: LeaseOptions) {
    this.leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  }

  get current(): LeaseRole {
    return this.state;
  }

  /** The lease as the bucket enforces it (the bucket's TTL, which wins over --ha-lease when they differ). */
  get effectiveLeaseMs(): number {
    return this.leaseMs;
  }

  get isLeader(): boolean {
    return this.state.role === "leader";
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops renewing; a leader releases the key so that a standby takes over at once rather than after the lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.watchdog) clearInterval(this.watchdog);
    await this.stepping;
    const s = this.state;
    if (s.role === "leader" && this.kv) {
      this.state = { role: "deposed", term: s.term, reason: "stopped" };
      try {
        await this.kv.delete(LEASE_KEY, { previousSeq: this.lastRevision });
      } catch (err) {
        this.opts.log.warn({ err }, "could not release the leadership lease; a standby takes over when it expires");
      }
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.stepping = this.step().finally(() => {
        this.stepping = undefined;
      });
    }, ms);
    this.timer.unref?.();
  }

  private async step(): Promise<void> {
    if (this.stopped) return;
    if (this.state.role === "leader") await this.renew();
    else if (this.state.role === "standby") await this.tryAcquire();
    if (this.state.role === "deposed" || this.stopped) return;
    // A standby looks more often than a leader renews: the takeover then comes at most a fifth of a lease late.
    this.schedule(this.state.role === "leader" ? this.leaseMs / 3 : this.leaseMs / 5);
  }

  private async bucket(): Promise<KV | undefined> {
    if (this.kv) return this.kv;
    const nc = this.opts.connection();
    if (!nc) return undefined;
    const name = this.opts.bucket ?? DEFAULT_LEASE_BUCKET;
    const kvm = new Kvm(nc);
    const timeout = Math.max(1_000, Math.floor(this.leaseMs / 3));
    let kv: KV;
    try {
      kv = await kvm.create(name, { ttl: this.leaseMs, history: 1, replicas: this.opts.replicas ?? 1, timeout });
    } catch {
      // Made earlier with other settings (another lease length): join it as it is.
      kv = await kvm.open(name, { timeout });
    }
    const ttl = (await kv.status()).ttl;
    if (ttl > 0 && ttl !== this.leaseMs) {
      this.opts.log.warn({ bucket: name, bucketLeaseMs: ttl, askedLeaseMs: this.leaseMs }, "the lease bucket exists with another TTL: that TTL is the lease");
      this.leaseMs = ttl;
    }
    if (!(ttl > 0)) throw new Error(`the KV bucket ${name} has no TTL, so a dead leader's lease would never expire; delete it or give it a TTL`);
    this.kv = kv;
    return kv;
  }

  private async tryAcquire(): Promise<void> {
    let kv: KV | undefined;
    try {
      kv = await this.bucket();
    } catch (err) {
      this.setStandby({ problem: `the leadership lease bucket is not usable: ${message(err)}` });
      return;
    }
    if (!kv) {
      this.setStandby({ problem: "not connected to NATS" });
      return;
    }
    const sentAt = Date.now();
    const info: LeaderInfo = { controllerId: this.opts.controllerId, ...(this.opts.apiUrl ? { apiUrl: this.opts.apiUrl } : {}), term: 0, sinceMs: sentAt };
    let revision: number;
    try {
      revision = await kv.create(LEASE_KEY, JSON.stringify(info));
    } catch (err) {
      // Held by someone else (the usual case), or JetStream trouble: either way, not ours.
      this.setStandby(await this.holder(kv, err));
      return;
    }
    this.lastRevision = revision;
    this.heldFromMs = sentAt;
    this.state = { role: "leader", term: revision, sinceMs: sentAt };
    this.opts.log.info({ term: revision, leaseMs: this.leaseMs }, "elected leader");
    this.watchdog = setInterval(() => this.checkHeld(), Math.max(50, this.leaseMs / 10));
    this.watchdog.unref?.();
    this.opts.onElected(revision);
    // Name the term in the key at once, so standbys can show it.
    await this.renew();
  }

  private async renew(): Promise<void> {
    if (this.state.role !== "leader" || !this.kv) return;
    const term = this.state.term;
    const sentAt = Date.now();
    const info: LeaderInfo = { controllerId: this.opts.controllerId, ...(this.opts.apiUrl ? { apiUrl: this.opts.apiUrl } : {}), term, sinceMs: this.state.sinceMs };
    try {
      this.lastRevision = await this.kv.update(LEASE_KEY, JSON.stringify(info), this.lastRevision);
      if (this.state.role === "leader") this.heldFromMs = sentAt;
    } catch (err) {
      this.depose(`renewing the lease failed (${message(err)})`);
    }
  }

  /** Between renews: a leader that could not renew for a whole lease may already have a successor. */
  private checkHeld(): void {
    if (this.state.role !== "leader") return;
    const since = Date.now() - this.heldFromMs;
    if (since >= this.leaseMs) this.depose(`the lease was not renewed for ${since} ms (lease ${this.leaseMs} ms)`);
  }

  private depose(reason: string): void {
    if (this.state.role !== "leader") return;
    const term = this.state.term;
    this.state = { role: "deposed", term, reason };
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.timer) clearTimeout(this.timer);
    this.opts.log.error({ term, reason }, "stepped down as leader");
    this.opts.onDeposed(term, reason);
  }

  private setStandby(s: { leader?: LeaderInfo; problem?: string }): void {
    if (this.state.role === "deposed") return;
    this.state = { role: "standby", ...s };
  }

  private async holder(kv: KV, why: unknown): Promise<{ leader?: LeaderInfo; problem?: string }> {
    try {
      const e = await kv.get(LEASE_KEY);
      if (e && e.operation === "PUT") {
        const v = JSON.parse(e.string()) as Partial<LeaderInfo>;
        if (typeof v.controllerId === "string") {
          return { leader: { controllerId: v.controllerId, ...(typeof v.apiUrl === "string" ? { apiUrl: v.apiUrl } : {}), term: typeof v.term === "number" && v.term > 0 ? v.term : e.revision, sinceMs: Number(v.sinceMs ?? 0) } };
        }
      }
    } catch (err) {
      return { problem: `the leadership lease cannot be read: ${message(err)}` };
    }
    return { problem: `the leadership lease could not be taken: ${message(why)}` };
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
