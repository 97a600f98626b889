import { readFileSync } from "node:fs";
import type { Operation, ResetLevel } from "../reset/types.js";

/**
 * What this host's administrator allows, whatever the controller asks. A file the administrator owns; the agent
 * only reads it. A missing file means the defaults below; a malformed one stops the agent with a clear sentence
 * (running with a policy other than the one written down is not an option).
 */
export interface AgentPolicy {
  allowForce: boolean;
  allowReboot: boolean;
  allowedLevels: ResetLevel[];
  allowedOperations: Operation[];
  /** When set, resets run only inside these local hours; cordon and outcome queries are always answered. */
  localHours?: LocalHours;
  /**
   * Whether the controller may set load-balancer members on this host (ARR: Drain / Available). Undefined or true:
   * allowed; reading a member's state is always allowed. Hours do not apply: a drain belongs to a reset elsewhere.
   */
  allowLbControl?: boolean;
}

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
const WEEKDAYS: readonly Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/**
 * A daily window in the host's own time: "from" to "to" (minutes after local midnight); "to" earlier than
 * "from" runs past midnight. `days` names the day a window opens on. `timeZone` (IANA) defaults to the host's.
 */
export interface LocalHours {
  fromMin: number;
  toMin: number;
  days: Weekday[];
  timeZone: string | undefined;
  text: string;
}

export const DEFAULT_POLICY: AgentPolicy = {
  allowForce: true,
  allowReboot: false,
  allowedLevels: ["recycle", "w3svc", "iis", "http", "site"],
  allowedOperations: ["restart", "stop", "start"],
  allowLbControl: true,
};

export class PolicyError extends Error {
  readonly code = "INVALID_POLICY";
}

const LEVELS: readonly ResetLevel[] = ["recycle", "w3svc", "iis", "http", "site"];
const OPERATIONS: readonly Operation[] = ["restart", "stop", "start"];
const KEYS = new Set(["allowForce", "allowReboot", "allowedLevels", "allowedOperations", "localHours", "allowLbControl"]);

function parseLocalHours(v: unknown, source: string): LocalHours {
  const bad = (why: string) =>
    new PolicyError(`Policy file ${source}: "localHours" ${why}; e.g. {"from": "22:00", "to": "05:00", "days": ["sat", "sun"], "timeZone": "Europe/Berlin"} (days and timeZone optional).`);
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw bad("must be an object");
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!["from", "to", "days", "timeZone"].includes(k)) throw bad(`has an unknown key "${k}"`);
  const minutes = (key: "from" | "to"): number => {
    const m = typeof o[key] === "string" ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(o[key] as string) : null;
    if (!m) throw bad(`"${key}" must be a time HH:MM (24 h)`);
    return Number(m[1]) * 60 + Number(m[2]);
  };
  const fromMin = minutes("from");
  const toMin = minutes("to");
  if (fromMin === toMin) throw bad('"from" and "to" are equal (an empty window)');
  let days: Weekday[] = [...WEEKDAYS];
  if (o.days !== undefined) {
    if (!Array.isArray(o.days) || o.days.length === 0 || !o.days.every((d): d is Weekday => typeof d === "string" && (WEEKDAYS as readonly string[]).includes(d))) {
      throw bad(`"days" must be a non-empty list drawn from ${WEEKDAYS.join(", ")}`);
    }
    days = o.days;
  }
  let timeZone: string | undefined;
  if (o.timeZone !== undefined) {
    if (typeof o.timeZone !== "string") throw bad('"timeZone" must be an IANA zone name');
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: o.timeZone });
    } catch {
      throw bad(`"timeZone" "${o.timeZone}" is not a known IANA zone`);
    }
    timeZone = o.timeZone;
  }
  const text = `${o.from as string}–${o.to as string}${o.days !== undefined ? ` on ${days.join(", ")}` : ""} (${timeZone ?? "host time"})`;
  return { fromMin, toMin, days, timeZone, text };
}

/** Local weekday and minute of day at `atMs`, in `timeZone` (the host's when undefined). */
function localClock(atMs: number, timeZone: string | undefined): { day: Weekday; minute: number; text: string } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(atMs);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  const day = get("weekday").toLowerCase().slice(0, 3) as Weekday;
  const hh = Number(get("hour"));
  const mm = Number(get("minute"));
  return { day, minute: hh * 60 + mm, text: `${day} ${get("hour")}:${get("minute")}` };
}

/** Whether `atMs` falls inside the window; an overnight window belongs to the day it opened on. */
export function insideLocalHours(hours: LocalHours, atMs: number): boolean {
  const { day, minute } = localClock(atMs, hours.timeZone);
  if (hours.fromMin < hours.toMin) return hours.days.includes(day) && minute >= hours.fromMin && minute < hours.toMin;
  if (minute >= hours.fromMin) return hours.days.includes(day);
  if (minute < hours.toMin) {
    const yesterday = WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7] as Weekday;
    return hours.days.includes(yesterday);
  }
  return false;
}

export function parsePolicy(text: string, source: string): AgentPolicy {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new PolicyError(`Policy file ${source} is not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new PolicyError(`Policy file ${source} must hold a JSON object.`);
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!KEYS.has(key)) throw new PolicyError(`Policy file ${source}: unknown setting "${key}" (known: ${[...KEYS].join(", ")}).`);
  }
  const bool = (key: "allowForce" | "allowReboot" | "allowLbControl"): boolean => {
    const v = obj[key];
    if (v === undefined) return DEFAULT_POLICY[key] === true;
    if (typeof v !== "boolean") throw new PolicyError(`Policy file ${source}: "${key}" must be true or false.`);
    return v;
  };
  const list = <T extends string>(key: string, allowed: readonly T[], fallback: T[]): T[] => {
    const v = obj[key];
    if (v === undefined) return fallback;
    if (!Array.isArray(v) || !v.every((x): x is T => typeof x === "string" && (allowed as readonly string[]).includes(x))) {
      throw new PolicyError(`Policy file ${source}: "${key}" must be a list drawn from ${allowed.join(", ")}.`);
    }
    return v;
  };
  return {
    allowForce: bool("allowForce"),
    allowReboot: bool("allowReboot"),
    allowLbControl: bool("allowLbControl"),
    allowedLevels: list("allowedLevels", LEVELS, DEFAULT_POLICY.allowedLevels),
    allowedOperations: list("allowedOperations", OPERATIONS, DEFAULT_POLICY.allowedOperations),
    ...(obj.localHours !== undefined ? { localHours: parseLocalHours(obj.localHours, source) } : {}),
  };
}

export function loadPolicy(path: string | undefined): AgentPolicy {
  if (path === undefined) return DEFAULT_POLICY;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new PolicyError(`Cannot read the policy file ${path} (${err instanceof Error ? err.message : String(err)}).`);
  }
  return parsePolicy(text, path);
}

/** Undefined when allowed; otherwise the sentence the refusal carries. */
export function policyRefusal(
  policy: AgentPolicy,
  req: { operation: Operation; level: ResetLevel; force: boolean; rebootOnError: boolean; atMs: number },
): string | undefined {
  if (!policy.allowedOperations.includes(req.operation)) return `This host's policy does not allow the ${req.operation} operation.`;
  if (!policy.allowedLevels.includes(req.level)) return `This host's policy does not allow resets at level ${req.level} (allowed: ${policy.allowedLevels.join(", ")}).`;
  if (req.force && !policy.allowForce) return "This host's policy does not allow --force: processes are never killed here.";
  if (req.rebootOnError && !policy.allowReboot) return "This host's policy does not allow reboot-on-error.";
  const hours = policy.localHours;
  if (hours && !insideLocalHours(hours, req.atMs)) {
    return `This host's policy allows resets only ${hours.text}; it is ${localClock(req.atMs, hours.timeZone).text} there now.`;
  }
  return undefined;
}
