import type { OperationName, ResetLevelName } from "./vocabulary.js";
import { poolNameProblem, siteNameProblem } from "./iis-names.js";

/**
 * Level/operation pairs that mean nothing, refused before anything is sent: recycling application pools is its own
 * restart, with no stop or start of IIS to go with it. Returns the fields' names and values in a sentence (without
 * flag dashes, so the API and the CLI can each dress it), or undefined when the pair is valid.
 */
export function invalidLevelOperation(level: ResetLevelName, operation: OperationName): { level: string; operation: string } | undefined {
  if (level === "recycle" && operation !== "restart") {
    return { level, operation };
  }
  return undefined;
}

/** Why the pair is refused, naming fields as `name` renders them: `(f, v) => \`--${f} ${v}\`` on the command line. */
export function levelOperationSentence(bad: { level: string; operation: string }, name: (field: string, value: string) => string): string {
  return (
    `${name("level", bad.level)} goes only with ${name("operation", "restart")} (recycling application pools has no stop or start), ` +
    `not ${name("operation", bad.operation)}`
  );
}

/**
 * What a request's named pools and sites must look like for its level: pools only with "recycle", sites only and
 * always with "site", every name one IIS accepts, no name twice (IIS compares names without case). Returns the field
 * ("pools" or "sites") and a sentence without flag dashes, or undefined when the request is sound. The API, the CLI
 * and the agent (for a command from an older or foreign controller) all apply it.
 */
export function targetsProblem(level: ResetLevelName | "site", pools: readonly string[], sites: readonly string[]): { field: "pools" | "sites"; sentence: string } | undefined {
  if (pools.length > 0 && level !== "recycle") {
    return { field: "pools", sentence: `naming application pools goes only with level recycle, not ${level}` };
  }
  if (sites.length > 0 && level !== "site") {
    return { field: "sites", sentence: `naming sites goes only with level site, not ${level}` };
  }
  if (level === "site" && sites.length === 0) {
    return { field: "sites", sentence: "level site needs at least one site name" };
  }
  for (const [field, names, problem] of [["pools", pools, poolNameProblem], ["sites", sites, siteNameProblem]] as const) {
    if (names.length > MAX_NAMED_TARGETS) return { field, sentence: `at most ${MAX_NAMED_TARGETS} names, not ${names.length}` };
    const seen = new Set<string>();
    for (const name of names) {
      const why = problem(name);
      if (why !== undefined) return { field, sentence: why };
      const key = name.toUpperCase();
      if (seen.has(key)) return { field, sentence: `"${name}" is named twice` };
      seen.add(key);
    }
  }
  return undefined;
}

/** A bound that keeps a command small; a farm with more pools than this recycles them all (no names). */
export const MAX_NAMED_TARGETS = 64;
