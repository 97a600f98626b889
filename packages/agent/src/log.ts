import { writeSync } from "node:fs";

/**
 * The agent's log: JSON lines on stderr (stdout stays free for what a human or a script asked for), in pino's line
 * format — `{"level":30,"time":…,"pid":…,"name":…,<bindings>,<fields>,"msg":…}`, errors under `err` as
 * `{type, message, stack, code…}` — so the controller's logs and the agent's read alike.
 *
 * Not pino itself: on an idle agent pino and what it loads (worker_threads, assert, thread-stream, sonic-boom, its
 * serializers) cost 7-9 MB of RSS (measured on Node 20 and 24, README "Footprint"), a sixth of the agent's budget,
 * for the five calls below. The controller keeps pino.
 */
export interface Logger {
  trace(fields: object | string, msg?: string): void;
  debug(fields: object | string, msg?: string): void;
  info(fields: object | string, msg?: string): void;
  warn(fields: object | string, msg?: string): void;
  error(fields: object | string, msg?: string): void;
  fatal(fields: object | string, msg?: string): void;
  /** A logger that adds `bindings` to every line (after the parent's). */
  child(bindings: Record<string, unknown>): Logger;
}

/** pino's level numbers, which log readers filter on. */
export const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Number.POSITIVE_INFINITY } as const;
export type LevelName = keyof typeof LEVELS;

export class LogLevelError extends Error {
  readonly code = "LOG_LEVEL";
}

function levelOf(name: string): number {
  if (!Object.hasOwn(LEVELS, name)) {
    throw new LogLevelError(`"${name}" is not a log level (IISFLEET_LOG_LEVEL): use one of ${Object.keys(LEVELS).join(", ")}.`);
  }
  return LEVELS[name as LevelName];
}

/** An Error as pino's standard serializer writes it: its class, message, stack, and own fields such as `code`. */
function serializeError(err: Error, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = { type: err.constructor?.name ?? "Error", message: err.message, stack: err.stack };
  for (const [k, v] of Object.entries(err)) if (!(k in out)) out[k] = v;
  if (err.cause !== undefined) out.cause = err.cause instanceof Error && !seen.has(err.cause) ? serializeError(err.cause, seen) : err.cause;
  return out;
}

/** JSON.stringify that never throws on what a log call is handed: cycles become "[Circular]", bigints strings. */
function stringify(line: Record<string, unknown>): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(line, (_key, value: unknown) => {
    if (typeof value === "bigint") return value.toString();
    if (value !== null && typeof value === "object") {
      if (seen.has(value)) return "[Circular]";
      seen.add(value);
      if (value instanceof Error) return serializeError(value, seen);
    }
    return value;
  });
}

/** Blocking write of the whole line to fd 2; a pipe that is momentarily full is waited on, a closed one ignored. */
function writeLine(text: string): void {
  let buf = Buffer.from(text);
  for (let tries = 0; buf.length > 0 && tries < 1000; tries++) {
    try {
      buf = buf.subarray(writeSync(2, buf));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN") return; // EPIPE, EBADF: nobody reads the log any more
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

class JsonLineLogger implements Logger {
  constructor(
    private readonly threshold: number,
    /** What every line of this logger carries after level and time: pid, name, then each child's bindings. */
    private readonly bindings: Record<string, unknown>,
  ) {}

  private write(level: number, fields: object | string, msg?: string): void {
    if (level < this.threshold) return;
    const own = typeof fields === "string" ? {} : fields;
    const text = typeof fields === "string" ? fields : msg;
    const line: Record<string, unknown> = { level, time: Date.now(), ...this.bindings, ...own };
    if (text !== undefined) line.msg = text;
    writeLine(`${stringify(line)}\n`);
  }

  trace(fields: object | string, msg?: string): void {
    this.write(LEVELS.trace, fields, msg);
  }
  debug(fields: object | string, msg?: string): void {
    this.write(LEVELS.debug, fields, msg);
  }
  info(fields: object | string, msg?: string): void {
    this.write(LEVELS.info, fields, msg);
  }
  warn(fields: object | string, msg?: string): void {
    this.write(LEVELS.warn, fields, msg);
  }
  error(fields: object | string, msg?: string): void {
    this.write(LEVELS.error, fields, msg);
  }
  fatal(fields: object | string, msg?: string): void {
    this.write(LEVELS.fatal, fields, msg);
  }
  child(bindings: Record<string, unknown>): Logger {
    return new JsonLineLogger(this.threshold, { ...this.bindings, ...bindings });
  }
}

/** JSON lines on stderr at `level` and above (IISFLEET_LOG_LEVEL, default info; "silent" writes nothing). */
export function createLogger(name: string, level = process.env.IISFLEET_LOG_LEVEL || "info"): Logger {
  return new JsonLineLogger(levelOf(level), { pid: process.pid, name });
}
