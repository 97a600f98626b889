import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Clock } from "../host/port.js";
import { appendLineDurable, writeFileAtomic } from "./durable-file.js";

/**
 * Every command id and nonce this agent accepted, kept until the command could no longer pass the expiry check
 * anyway. A captured command sent again, before or after an agent restart, is therefore never run a second time.
 * Entries reach the disk (fsync) before the command runs: a crash between the two means a command that is
 * remembered and not run, never the reverse.
 */
export type ReplayVerdict = "new" | "seen-id" | "reused-nonce";

interface Entry {
  id: string;
  nonce: string;
  /** 0 = the command never expires (unsigned mode only); such entries are kept up to the cap. */
  expiresAtMs: number;
}

/** How long past its expiry an entry is kept: the expiry check itself tolerates this much clock skew. */
export const REPLAY_GRACE_MS = 60_000;
/** Entries for commands without an expiry are capped so the file cannot grow without bound. */
const MAX_UNEXPIRING = 10_000;

export class ReplayMemory {
  readonly path: string | undefined;
  private readonly ids = new Map<string, Entry>();
  private readonly nonces = new Set<string>();
  private lines = 0;
  private sincePrune = 0;

  /** `dir` undefined: memory only (tests, an agent without a state dir). */
  constructor(
    dir: string | undefined,
    private readonly clock: Clock,
  ) {
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
        this.add({ id: e.id, nonce: e.nonce, expiresAtMs: e.expiresAtMs });
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

  check(id: string, nonce: Uint8Array): ReplayVerdict {
    if (this.ids.has(id)) return "seen-id";
    if (nonce.length > 0 && this.nonces.has(Buffer.from(nonce).toString("hex"))) return "reused-nonce";
    return "new";
  }

  /** Durable before it returns; throws when the disk refuses (the caller must then not run the command). */
  remember(id: string, nonce: Uint8Array, expiresAtMs: number): void {
    const entry: Entry = { id, nonce: Buffer.from(nonce).toString("hex"), expiresAtMs };
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
  }

  private prune(): void {
    const now = this.clock.now();
    let unexpiring = 0;
    for (const e of [...this.ids.values()].reverse()) {
      const expired = e.expiresAtMs > 0 && e.expiresAtMs + REPLAY_GRACE_MS < now;
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
