/**
 * Host names double as NATS subject tokens (`iisfleet.v1.agent.<host>.cmd`), so they must never carry `.`,
 * `*`, `>` or white space, which would let one host's name address another's subjects. We accept exactly a
 * DNS label (what a Windows computer name becomes on the network) and normalize to lower case, because
 * Windows compares computer names case-insensitively: WEB01 and web01 are the same machine.
 */
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export class InvalidHostNameError extends Error {
  readonly code = "INVALID_HOST_NAME";
  constructor(readonly input: string) {
    super(
      `"${input}" is not a valid host name: use 1-63 letters, digits or hyphens, not starting or ending with a hyphen (a DNS label, no dots).`,
    );
    this.name = "InvalidHostNameError";
  }
}

/** Returns the canonical (lower-case) host name, or throws InvalidHostNameError. */
export function parseHostName(input: string): string {
  const name = input.trim().toLowerCase();
  if (!HOST_LABEL.test(name)) throw new InvalidHostNameError(input);
  return name;
}

export function isValidHostName(input: string): boolean {
  return HOST_LABEL.test(input);
}

/** Farm names follow the same rule: they may become subject tokens too. */
export function parseFarmName(input: string): string {
  const name = input.trim().toLowerCase();
  if (!HOST_LABEL.test(name)) {
    throw new InvalidHostNameError(input);
  }
  return name;
}
