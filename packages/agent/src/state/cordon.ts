import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "./durable-file.js";

export interface CordonState {
  cordoned: boolean;
  reason: string;
  changedAtMs: number;
}

/**
 * iisreset /DISABLE, persisted: a cordoned host refuses resets until uncordoned, across agent restarts and reboots.
 * An unreadable state file fails safe — the host stays cordoned, with a reason saying why — because silently
 * re-enabling resets on a host an administrator disabled is the worse mistake.
 */
export class CordonStore {
  private state: CordonState = { cordoned: false, reason: "", changedAtMs: 0 };
  readonly path: string;

  constructor(dir: string, onCorrupt: (message: string) => void) {
    this.path = join(dir, "cordon.json");
    if (!existsSync(this.path)) return;
    try {
      const parsed = JSON.parse(readFileSync(this.path, "utf8")) as Partial<CordonState>;
      if (typeof parsed.cordoned !== "boolean") throw new Error('"cordoned" must be true or false');
      this.state = {
        cordoned: parsed.cordoned,
        reason: typeof parsed.reason === "string" ? parsed.reason : "",
        changedAtMs: typeof parsed.changedAtMs === "number" ? parsed.changedAtMs : 0,
      };
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      this.state = { cordoned: true, reason: `cordon state file ${this.path} is unreadable (${why}); uncordon to re-enable resets`, changedAtMs: 0 };
      onCorrupt(this.state.reason);
    }
  }

  get current(): CordonState {
    return this.state;
  }

  /** Persists first, then changes what the agent obeys: if the disk refuses, nothing changes. */
  set(cordoned: boolean, reason: string, atMs: number): CordonState {
    const next = { cordoned, reason: cordoned ? reason : "", changedAtMs: atMs };
    writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`);
    this.state = next;
    return next;
  }
}
