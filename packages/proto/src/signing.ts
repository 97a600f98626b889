import { type KeyObject, createHash, createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseDuration } from "./duration.js";
import { v1 } from "./wire.js";

/**
 * Command signatures: the controller signs the exact encoded Command bytes carried in CommandEnvelope.command
 * with ed25519; an agent verifies those same bytes before it decodes them. Signing bytes rather than a
 * re-encoding means no canonical-form question can ever arise between two protobuf implementations.
 */

export class SigningKeyError extends Error {
  readonly code = "INVALID_KEY";
  constructor(message: string) {
    super(message);
    this.name = "SigningKeyError";
  }
}

/** A short, stable name for a public key: "ed25519:" and the first 16 hex digits of SHA-256 over its raw bytes. */
export function keyIdOf(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: "jwk" });
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") {
    throw new SigningKeyError("Only ed25519 keys sign iisfleet commands.");
  }
  const raw = Buffer.from(jwk.x, "base64url");
  return `ed25519:${createHash("sha256").update(raw).digest("hex").slice(0, 16)}`;
}

function readKeyFile(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new SigningKeyError(`Cannot read the ${what} ${path} (${err instanceof Error ? err.message : String(err)}).`);
  }
}

function requireEd25519(key: KeyObject, path: string, what: string): void {
  if (key.asymmetricKeyType !== "ed25519") {
    throw new SigningKeyError(`The ${what} ${path} is a ${key.asymmetricKeyType ?? "symmetric"} key; iisfleet commands are signed with ed25519 (see \`iisfleet keys init\`).`);
  }
}

export interface CommandSigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
}

/** The controller's private key, PKCS#8 PEM as `iisfleet keys init` writes it. */
export function loadSigningKey(path: string): CommandSigningKey {
  const text = readKeyFile(path, "command-signing key");
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(text);
  } catch (err) {
    throw new SigningKeyError(`The command-signing key ${path} is not a PEM private key (${err instanceof Error ? err.message : String(err)}).`);
  }
  requireEd25519(privateKey, path, "command-signing key");
  return { keyId: keyIdOf(createPublicKey(privateKey)), privateKey };
}

export interface TrustedKey {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  readonly source: string;
}

/** A controller's public key, SPKI PEM (`command-signing.pub`), that an agent trusts. */
export function loadTrustedKey(path: string): TrustedKey {
  const text = readKeyFile(path, "trusted key");
  // createPublicKey would happily derive a public key from a private one; a private key has no business here.
  if (text.includes("PRIVATE KEY")) throw new SigningKeyError(`The trusted key ${path} holds a private key; give the agent the .pub file only.`);
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(text);
  } catch (err) {
    throw new SigningKeyError(`The trusted key ${path} is not a PEM public key (${err instanceof Error ? err.message : String(err)}).`);
  }
  requireEd25519(publicKey, path, "trusted key");
  return { keyId: keyIdOf(publicKey), publicKey, source: path };
}

/**
 * Why IISFLEET_CLOCK_SKEW cannot be used, or undefined. Read when this module loads, where a throw would end the
 * process with a stack trace: the agent and the controller ask at their start and refuse to run with it, in a
 * sentence (until then, and in the CLI that does not wait out the skew, the 60 s default holds).
 */
export function clockSkewSettingProblem(): ClockSkewError | undefined {
  return clockSkewSetting(process.env.IISFLEET_CLOCK_SKEW).problem;
}

function clockSkewSetting(text: string | undefined): { ms: number; problem?: ClockSkewError } {
  try {
    return { ms: clockSkewMs(text) };
  } catch (err) {
    if (err instanceof ClockSkewError) return { ms: DEFAULT_CLOCK_SKEW_MS, problem: err };
    throw err;
  }
}

const DEFAULT_CLOCK_SKEW_MS = 60_000;

export class ClockSkewError extends Error {
  readonly code = "INVALID_CLOCK_SKEW";
  constructor(message: string) {
    super(message);
    this.name = "ClockSkewError";
  }
}

/** The allowed clock skew that `text` (IISFLEET_CLOCK_SKEW) names; 60 s when unset or empty. */
export function clockSkewMs(text: string | undefined): number {
  if (text === undefined || text.trim() === "") return DEFAULT_CLOCK_SKEW_MS;
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch {
    throw new ClockSkewError(`IISFLEET_CLOCK_SKEW="${text}" is not a duration; use e.g. 60s or 2m.`);
  }
  if (ms < 1_000 || ms > 600_000) throw new ClockSkewError(`IISFLEET_CLOCK_SKEW="${text}" is outside 1s to 10m.`);
  return ms;
}

/**
 * How far a controller's and an agent's clocks may disagree (both NTP-synced). An agent refuses a command once its
 * own clock passes the command's expiry, so a controller may only conclude "the agent can no longer start it" once
 * its clock has passed the expiry by this much. The agent's verifier tolerates the same skew.
 *
 * 60 s unless the environment variable IISFLEET_CLOCK_SKEW (a duration, 1s to 10m) says otherwise; the controller
 * and every agent must then be given the same value. The end-to-end tests shorten it so that a write-off, which
 * waits out the skew, takes seconds rather than a minute.
 */
export const COMMAND_CLOCK_SKEW_MS = clockSkewSetting(process.env.IISFLEET_CLOCK_SKEW).ms;

/** Encodes a command and seals it in a signed envelope; without a key the envelope is unsigned. */
export function sealCommand(command: v1.ICommand, key: CommandSigningKey | undefined): Uint8Array {
  const bytes = v1.Command.encode(command).finish();
  if (!key) return v1.CommandEnvelope.encode({ command: bytes }).finish();
  return v1.CommandEnvelope.encode({
    command: bytes,
    signature: { keyId: key.keyId, value: sign(null, bytes, key.privateKey) },
  }).finish();
}

/** Whether `signature` is `key`'s ed25519 signature over exactly `bytes`. Never throws on garbage input. */
export function signatureValid(bytes: Uint8Array, signature: Uint8Array, key: KeyObject): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, bytes, key, signature);
  } catch {
    return false;
  }
}
