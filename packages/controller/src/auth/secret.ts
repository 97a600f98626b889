import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Every token starts with this, so a leaked one is recognisable (secret scanners, logs, a pasted chat line). */
export const TOKEN_PREFIX = "iisf_";
/** 32 random bytes, base64url: 43 characters after the prefix. */
const TOKEN_SHAPE = /^iisf_[A-Za-z0-9_-]{43}$/;
/** How many characters of a token are kept in the clear (the hint): the prefix and 4 of its 256 random bits' 43 characters. */
const HINT_LENGTH = TOKEN_PREFIX.length + 4;

export function newTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** A random, non-secret id for listing, revoking and the audit log. */
export function newTokenId(): string {
  return `tok_${randomBytes(6).toString("hex")}`;
}

export function looksLikeToken(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}

/**
 * The only form in which a token is stored. A plain SHA-256 suffices (no slow KDF): the token is 256 random bits,
 * not a password, so there is nothing to brute-force.
 */
export function hashToken(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

export function hintOf(token: string): string {
  return token.slice(0, HINT_LENGTH);
}

/** Constant-time comparison of two hashes. */
export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
