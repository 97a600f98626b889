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
}

export const DEFAULT_POLICY: AgentPolicy = {
  allowForce: true,
  allowReboot: false,
  allowedLevels: ["recycle", "w3svc", "iis", "http"],
  allowedOperations: ["restart", "stop", "start"],
};

export class PolicyError extends Error {
  readonly code = "INVALID_POLICY";
}

const LEVELS: readonly ResetLevel[] = ["recycle", "w3svc", "iis", "http"];
const OPERATIONS: readonly Operation[] = ["restart", "stop", "start"];
const KEYS = new Set(["allowForce", "allowReboot", "allowedLevels", "allowedOperations"]);

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
  const bool = (key: "allowForce" | "allowReboot"): boolean => {
    const v = obj[key];
    if (v === undefined) return DEFAULT_POLICY[key];
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
    allowedLevels: list("allowedLevels", LEVELS, DEFAULT_POLICY.allowedLevels),
    allowedOperations: list("allowedOperations", OPERATIONS, DEFAULT_POLICY.allowedOperations),
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
  req: { operation: Operation; level: ResetLevel; force: boolean; rebootOnError: boolean },
): string | undefined {
  if (!policy.allowedOperations.includes(req.operation)) return `This host's policy does not allow the ${req.operation} operation.`;
  if (!policy.allowedLevels.includes(req.level)) return `This host's policy does not allow resets at level ${req.level} (allowed: ${policy.allowedLevels.join(", ")}).`;
  if (req.force && !policy.allowForce) return "This host's policy does not allow --force: processes are never killed here.";
  if (req.rebootOnError && !policy.allowReboot) return "This host's policy does not allow reboot-on-error.";
  return undefined;
}
