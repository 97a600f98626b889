/**
 * Tags label hosts for targeting (`--tag dc=fra`). Agents announce them and fleet status requests filter on them,
 * so the agent, the controller and the CLI must agree on one spelling rule: a key of letters, digits, `_ . -`
 * and a value without white space (it travels inside protobuf, never as a subject token).
 */
const TAG = /^([A-Za-z0-9_.-]{1,64})=([^\s]{0,256})$/;

export class InvalidTagError extends Error {
  readonly code = "INVALID_TAG";
  constructor(readonly input: string) {
    super(`"${input}" is not KEY=VALUE (key: 1-64 letters, digits, _ . -; value: up to 256 characters without spaces).`);
    this.name = "InvalidTagError";
  }
}

/** Splits `key=value`, or throws InvalidTagError. */
export function parseTag(input: string): [key: string, value: string] {
  const m = TAG.exec(input);
  if (!m) throw new InvalidTagError(input);
  return [m[1] as string, m[2] as string];
}

/** Every tag in `wanted` must be present in `actual` with the same value; an empty `wanted` matches anything. */
export function tagsMatch(wanted: Readonly<Record<string, string>>, actual: Readonly<Record<string, string>>): boolean {
  for (const key of Object.keys(wanted)) {
    if (actual[key] !== wanted[key]) return false;
  }
  return true;
}
