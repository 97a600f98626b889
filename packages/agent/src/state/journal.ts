import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type ICommandResult, v1 } from "@iisfleet/proto";
import { appendLineDurable, writeFileAtomic } from "./durable-file.js";

/**
 * The agent's memory of what it executed: one line per finished command (the CommandResult's protobuf bytes,
 * base64), appended and fsynced before the result is sent. After a restart, a repeated command id is answered
 * from here instead of resetting the host a second time. Kept short by rewriting it with the newest entries.
 */
export class ResultJournal {
  readonly path: string;
  private lines = 0;

  constructor(
    dir: string,
    private readonly keep = 1000,
  ) {
    this.path = join(dir, "results.journal");
  }

  /** Loads every readable entry, oldest first; damaged lines (a torn last write) are counted and skipped. */
  load(): { results: ICommandResult[]; damaged: number } {
    if (!existsSync(this.path)) return { results: [], damaged: 0 };
    const results: ICommandResult[] = [];
    let damaged = 0;
    for (const line of readFileSync(this.path, "utf8").split("\n")) {
      if (!line.trim()) continue;
      try {
        const r = v1.CommandResult.decode(Buffer.from(line, "base64"));
        if (!r.commandId) throw new Error("no command id");
        results.push(r);
      } catch {
        damaged++;
      }
    }
    this.lines = results.length + damaged;
    return { results: results.slice(-this.keep), damaged };
  }

  append(result: ICommandResult, all: () => ICommandResult[]): void {
    appendLineDurable(this.path, Buffer.from(v1.CommandResult.encode(result).finish()).toString("base64"));
    this.lines++;
    if (this.lines > this.keep * 2) {
      const newest = all().slice(-this.keep);
      writeFileAtomic(this.path, newest.map((r) => `${Buffer.from(v1.CommandResult.encode(r).finish()).toString("base64")}\n`).join(""));
      this.lines = newest.length;
    }
  }
}
