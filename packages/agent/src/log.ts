import { pino } from "pino";

export type Logger = pino.Logger;

/** JSON lines on stderr: stdout stays free for what a human or a script asked for. */
export function createLogger(name: string, level = process.env.IISFLEET_LOG_LEVEL ?? "info"): Logger {
  return pino({ name, level, base: { pid: process.pid } }, pino.destination({ fd: 2, sync: true }));
}
