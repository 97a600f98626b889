import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { COMMAND_CLOCK_SKEW_MS } from "@iisfleet/proto";
import { appendLineDurable, writeFileAtomic } from "./durable-file.js";

/**
 * Every command id and nonce this agent accepted, kept until the command could no longer pass the expiry check
 * anyway. A captured command sent again, before or after an agent restart, is therefore never run a second time.
 * Entries reach the disk (fsync) before the command runs: a crash between the two means a command that is
 * remembered and not run, never the reverse.
 *
 * What "could no longer pass" means is measured without the agent's clock, which can be wrong by minutes (a
 * restart before NTP has synced, a VM resumed from a snapshot): an agent whose clock ran 5 minutes ahead would
 * otherwise forget a command at load that, once the clock is corrected, passes the expiry check again and runs twice
 * (issue #15, finding 4). The measure is the latest issue time of any command accepted — the controller's signed
 * clock, kept in the file with every entry. An entry is forgotten only once a later command was issued past its
 * expiry (plus the skew the expiry check allows), and a command that old is refused outright ("outdated"), whatever
 * the agent's clock says: forgetting and refusing follow the same rule, so nothing forgotten can run.
 */
export type ReplayVerdict = "new" | "seen-id" | "reused-nonce" | "outdated";

interface Entry {
  id: string;
  nonce: string;
  /** 0 = the command never expires (unsigned mode only); such entries are kept up to the cap. */
  expiresAtMs: number;
  /** The controller's issue time; 0 for entries written before it was kept. */
  issuedAtMs: number;
}

/** How long past its expiry an entry is kept: the expiry check itself tolerates this much clock skew. */
export const REPLAY_GRACE_MS = COMMAND_CLOCK_SKEW_MS;
/** Entries for commands without an expiry are capped so the file cannot grow without bound. */
const MAX_UNEXPIRING = 10_000;

export class ReplayMemory {
  readonly path: string | undefined;
  private readonly ids = new Map<string, Entry>();
  private readonly nonces = new Set<string>();
  private lines = 0;
  private sincePrune = 0;
  /**
   * The latest issue time of any command accepted. Persisted implicitly: the entry that carries it can never be
   * pruned (its expiry is after its own issue time), so reloading the file restores it.
   */
  private highWaterMs = 0;

  /** `dir` undefined: memory only (tests, an agent without a state dir). */
  constructor(dir: string | undefined) {
    this.path = dir === undefined ? undefined : join(dir, "seen-commands.jsonl");
  }

  /** Reads the file; damaged lines (a torn last write) are counted and skipped. */
  load(): { entries: number; damaged: number } {
    if (!this.path || !existsSync(this.path)) return { entries: 0, damaged: 0 };
    let damaged = 0;
    for (const line of readFileSync(this.path, "utf8").split("\n")) {
      if (!line.trim()) continue;
      this.lines++;
      try {
        const e = JSON.parse(line) as Partial<Entry>;
        if (typeof e.id !== "string" || typeof e.nonce !== "string" || typeof e.expiresAtMs !== "number") throw new Error("shape");
        const issuedAtMs = typeof e.issuedAtMs === "number" && Number.isFinite(e.issuedAtMs) ? e.issuedAtMs : 0;
        this.add({ id: e.id, nonce: e.nonce, expiresAtMs: e.expiresAtMs, issuedAtMs });
      } catch {
        damaged++;
      }
    }
    this.prune();
    return { entries: this.ids.size, damaged };
  }

  get size(): number {
    return this.ids.size;
  }

  /** `expiresAtMs` (0: none, or unknown) lets a command older than what may have been forgotten be refused. */
  check(id: string, nonce: Uint8Array, expiresAtMs = 0): ReplayVerdict {
    if (this.ids.has(id)) return "seen-id";
    if (nonce.length > 0 && this.nonces.has(Buffer.from(nonce).toString("hex"))) return "reused-nonce";
    if (this.forgettable(expiresAtMs)) return "outdated";
    return "new";
  }

  /** The latest issue time of an accepted command: what "outdated" is measured against. */
  get highWater(): number {
    return this.highWaterMs;
  }

  /** Durable before it returns; throws when the disk refuses (the caller must then not run the command). */
  remember(id: string, nonce: Uint8Array, expiresAtMs: number, issuedAtMs: number): void {
    const entry: Entry = { id, nonce: Buffer.from(nonce).toString("hex"), expiresAtMs, issuedAtMs };
    if (this.path) {
      appendLineDurable(this.path, JSON.stringify(entry));
      this.lines++;
    }
    this.add(entry);
    if (++this.sincePrune >= 1000) {
      this.sincePrune = 0;
      this.prune();
    }
    if (this.lines > 2 * this.ids.size + 1000) {
      try {
        this.compact();
      } catch {
        // The entry itself is on disk; a failed rewrite only leaves the file longer until the next attempt.
      }
    }
  }

  private add(e: Entry): void {
    this.ids.set(e.id, e);
    if (e.nonce) this.nonces.add(e.nonce);
    if (e.issuedAtMs > this.highWaterMs) this.highWaterMs = e.issuedAtMs;
  }

  /** A command with this expiry was issued before a command accepted later had it expired: it may be forgotten. */
  private forgettable(expiresAtMs: number): boolean {
    return expiresAtMs > 0 && expiresAtMs + REPLAY_GRACE_MS < this.highWaterMs;
  }

  private prune(): void {
    let unexpiring = 0;
    for (const e of [...this.ids.values()].reverse()) {
      const expired = this.forgettable(e.expiresAtMs);
      const overCap = e.expiresAtMs === 0 && ++unexpiring > MAX_UNEXPIRING;
      if (expired || overCap) {
        this.ids.delete(e.id);
        this.nonces.delete(e.nonce);
      }
    }
  }

  /** Drops what can no longer be replayed anyway and rewrites the file atomically. */
  private compact(): void {
    this.prune();
    if (!this.path) return;
    const live = [...this.ids.values()];
    writeFileAtomic(this.path, live.map((e) => `${JSON.stringify(e)}\n`).join(""));
    this.lines = live.length;
  }
}
