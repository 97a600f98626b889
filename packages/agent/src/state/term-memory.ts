import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "./durable-file.js";

/**
 * The highest controller leadership term this agent has obeyed (`controller --ha`: the revision of the lease a
 * leader won). A command from an older term comes from a deposed leader — one that was cut off or paused while
 * another took over — and is refused, so two controllers can never both reset hosts. Persisted before the command
 * that raised it runs: an agent restarted after obeying the new leader still refuses the old one.
 *
 * Term 0 is a controller without --ha: it is neither checked nor remembered (single-controller use is unchanged).
 */
export type TermVerdict = { ok: true } | { ok: false; highest: number };

export class TermMemory {
  readonly path: string | undefined;
  private highestTerm = 0;

  /** `dir` undefined: memory only (tests, an agent without a state dir). */
  constructor(dir: string | undefined, onCorrupt: (message: string) => void = () => undefined) {
    this.path = dir === undefined ? undefined : join(dir, "leader-term.json");
    if (!this.path || !existsSync(this.path)) return;
    try {
      const parsed = JSON.parse(readFileSync(this.path, "utf8")) as { term?: unknown };
      if (typeof parsed.term !== "number" || !Number.isSafeInteger(parsed.term) || parsed.term < 0) throw new Error('"term" must be a non-negative integer');
      this.highestTerm = parsed.term;
    } catch (err) {
      // Written atomically, so only a hand edit gets here. Starting from 0 accepts the current leader at once; the
      // alternative (refusing every term) would leave the host unmanageable until someone deletes the file.
      onCorrupt(`leader term file ${this.path} is unreadable (${err instanceof Error ? err.message : String(err)}); starting from term 0`);
    }
  }

  get highest(): number {
    return this.highestTerm;
  }

  /**
   * Refuses a term below the highest seen; remembers a higher one (durably, before it returns: throws when the disk
   * refuses, and the caller must then not run the command).
   */
  admit(term: number, atMs: number): TermVerdict {
    if (!(term > 0)) return { ok: true };
    if (term < this.highestTerm) return { ok: false, highest: this.highestTerm };
    if (term > this.highestTerm) {
      if (this.path) writeFileAtomic(this.path, `${JSON.stringify({ term, atMs })}\n`);
      this.highestTerm = term;
    }
    return { ok: true };
  }
}
