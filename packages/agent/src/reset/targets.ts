import { sameIisName } from "@iisfleet/proto";

/** How many existing names an "unknown name" sentence lists before it says how many more there are. */
export const MAX_LISTED_NAMES = 20;

/** `names` as a bounded, quoted list for an operator sentence: `"A", "B" and 3 more`, or `none`. */
export function listNames(names: readonly string[], max = MAX_LISTED_NAMES): string {
  if (names.length === 0) return "none";
  const shown = names.slice(0, max).map((n) => JSON.stringify(n));
  return names.length > max ? `${shown.join(", ")} and ${names.length - max} more` : shown.join(", ");
}

/**
 * Each requested name matched to what the host has, as IIS compares names (without case), in the order asked.
 * Returns the matches, or the requested names the host does not have.
 */
export function resolveNames<T extends { name: string }>(
  requested: readonly string[],
  existing: readonly T[],
): { found: T[]; missing: string[] } {
  const found: T[] = [];
  const missing: string[] = [];
  for (const name of requested) {
    const match = existing.find((e) => sameIisName(e.name, name));
    if (match) found.push(match);
    else missing.push(name);
  }
  return { found, missing };
}

/** The refusal sentence for names the host does not have, naming the ones it does. */
export function unknownNamesSentence(what: "application pool" | "site", missing: readonly string[], existing: readonly { name: string }[]): string {
  const plural = missing.length === 1 ? what : `${what}s`;
  const has = what === "site" ? "sites" : "application pools";
  return (
    `This host has no ${plural} named ${listNames(missing)}; nothing was touched. ` +
    `Its ${has}: ${listNames(existing.map((e) => e.name))}.`
  );
}
