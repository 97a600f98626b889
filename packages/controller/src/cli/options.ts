import { InvalidArgumentError, Option } from "commander";
import { InvalidDurationError, InvalidHostNameError, OPERATIONS, type OperationName, RESET_LEVELS, type ResetLevelName, parseDuration, parseHostName } from "@iisfleet/proto/grammar";

/** commander argument parsers: each turns bad input into one sentence before anything is sent. */
export function hostArg(value: string): string {
  try {
    return parseHostName(value);
  } catch (err) {
    if (err instanceof InvalidHostNameError) throw new InvalidArgumentError(err.message);
    throw err;
  }
}

export function levelArg(value: string): ResetLevelName {
  const v = value.toLowerCase();
  if (!(RESET_LEVELS as readonly string[]).includes(v)) {
    throw new InvalidArgumentError(`"${value}" is not a reset level; use one of ${RESET_LEVELS.join(", ")}.`);
  }
  return v as ResetLevelName;
}

export function operationArg(value: string): OperationName {
  const v = value.toLowerCase();
  if (!(OPERATIONS as readonly string[]).includes(v)) {
    throw new InvalidArgumentError(`"${value}" is not an operation; use one of ${OPERATIONS.join(", ")}.`);
  }
  return v as OperationName;
}

export function intArg(min: number, max: number, unit: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a whole number of ${unit}.`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`${n} is out of range: use ${min} to ${max} ${unit}.`);
    return n;
  };
}

export function urlArg(value: string): string {
  try {
    const u = new URL(value);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("not http");
    return value;
  } catch {
    throw new InvalidArgumentError(`"${value}" is not an http(s) URL, e.g. http://127.0.0.1:8740.`);
  }
}

export function natsUrlArg(value: string, previous: string[] | undefined): string[] {
  const out = [...(previous ?? [])];
  for (const part of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    try {
      const u = new URL(part);
      if (!["nats:", "tls:", "ws:", "wss:"].includes(u.protocol)) throw new Error("scheme");
    } catch {
      throw new InvalidArgumentError(`"${part}" is not a NATS URL, e.g. nats://127.0.0.1:4222.`);
    }
    out.push(part);
  }
  return out;
}

export function listenArg(value: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65535) throw new InvalidArgumentError(`"${value}" is not HOST:PORT, e.g. 127.0.0.1:8740.`);
  return { host: (m[1] as string).replace(/^\[|\]$/g, ""), port };
}

/** "30s", "500ms", "5m", "1h30m" → milliseconds (proto's one duration grammar), at most a day. */
export function durationArg(value: string): number {
  const ms = anyDurationArg(value);
  if (ms > 24 * 3_600_000) throw new InvalidArgumentError(`${value} is longer than a day.`);
  return ms;
}

/** Any length of time in the shared grammar ("7d", "90m"), as a commander argument parser. */
export function anyDurationArg(value: string): number {
  try {
    return parseDuration(value);
  } catch (err) {
    if (err instanceof InvalidDurationError) throw new InvalidArgumentError(err.message);
    throw err;
  }
}

/** How long history is kept (controller --retain, --retain-audit): a day at least, so a unit typed wrong ("30m" for
 *  "30d") cannot wipe the history of a rollout that just finished. */
export function retentionArg(value: string): number {
  const ms = anyDurationArg(value);
  if (ms < 86_400_000) throw new InvalidArgumentError(`${value} is shorter than a day; history is kept for a day at least (e.g. 400d).`);
  return ms;
}

/**
 * The audit log's own bound (store/audit.ts DEFAULT_AUDIT_LIMITS: 400 days, 200,000 records), which keeps refused
 * anonymous requests from filling the disk; --retain-audit can only shorten it. Kept here so the CLI does not load
 * the store to parse a flag; test/retention.test.ts checks the two agree.
 */
export const AUDIT_KEPT_AT_MOST_MS = 400 * 86_400_000;

export function auditRetentionArg(value: string): number {
  const ms = retentionArg(value);
  if (ms > AUDIT_KEPT_AT_MOST_MS) {
    throw new InvalidArgumentError(`${value} is longer than the audit log is kept anyway (400d, at most 200,000 records); give 400d or less.`);
  }
  return ms;
}

export function tagArg(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const m = /^([A-Za-z0-9_.-]{1,64})=(\S{0,256})$/.exec(value);
  if (!m) throw new InvalidArgumentError(`"${value}" is not KEY=VALUE (e.g. dc=fra).`);
  return { ...(previous ?? {}), [m[1] as string]: m[2] as string };
}

export function hostListArg(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(",").map((s) => s.trim()).filter(Boolean).map(hostArg)];
}

/** A variadic <host...> argument: each operand checked as a host name, in the order given. */
export function hostOperandsArg(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), hostArg(value)];
}

/** Who the CLI says is asking: $USER on Unix, $USERNAME on Windows (which has no $USER). */
export const DEFAULT_ACTOR = process.env.USER || process.env.USERNAME || "cli";

/** Every command that records who asked takes --actor; --issuer (cordon's and reset's old name) still works, unlisted. */
export interface ActorFlags {
  actor: string;
  issuer?: string;
}

export const actorOption = (help = "who is asking, recorded") => new Option("--actor <name>", help).default(DEFAULT_ACTOR, "$USER, else $USERNAME");
export const issuerAlias = () => new Option("--issuer <name>", "the old name of --actor").hideHelp();

/** Actor names travel in commands and history; keep them to a safe alphabet. */
export function actorOf(o: ActorFlags): string {
  return (o.issuer ?? o.actor).replace(/[^A-Za-z0-9._@:-]/g, "_").slice(0, 64) || "cli";
}
