import type { OperationName, ResetLevelName } from "./vocabulary.js";

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
