import { COMMAND_CLOCK_SKEW_MS, type Command, ResultCode, type TrustedKey, decode, signatureValid } from "@iisfleet/proto";
import type { Clock } from "../host/port.js";

/**
 * The agent's first gate: is this envelope a command from a controller we trust, for this host, and fresh?
 * The signature is checked over the envelope's command bytes before those bytes are decoded, so an
 * unauthenticated sender can never reach the command decoder, let alone the engine. Replays are the
 * executor's business (it owns the memory of what ran).
 */

/** Clocks of a controller and its agents are NTP-synced, not identical: the controller's write-off waits out the same skew. */
export const CLOCK_SKEW_MS = COMMAND_CLOCK_SKEW_MS;
/** A signed command valid for longer than this is refused: it would need an unbounded replay memory. */
export const MAX_COMMAND_LIFETIME_MS = 60 * 60_000;

export type VerifyMode =
  /** Signatures required, checked against these keys. */
  | { kind: "signed"; keys: readonly TrustedKey[] }
  /** Development only (`--allow-unsigned`, simulated hosts): any envelope is accepted, signed or not. */
  | { kind: "unsigned-allowed" };

export type Verified = { ok: true; command: Command; keyId: string } | { ok: false; code: ResultCode; message: string; command?: Command };

export class CommandVerifier {
  private readonly keys = new Map<string, TrustedKey>();

  constructor(
    private readonly mode: VerifyMode,
    private readonly host: string,
    private readonly clock: Clock,
  ) {
    if (mode.kind === "signed") for (const k of mode.keys) this.keys.set(k.keyId, k);
  }

  get requiresSignatures(): boolean {
    return this.mode.kind === "signed";
  }

  /** Throws MalformedPayloadError for bytes that are not an envelope (or, once authenticated, not a command). */
  verify(bytes: Uint8Array): Verified {
    const envelope = decode.envelope(bytes);
    const body = envelope.command ?? new Uint8Array(0);
    if (this.mode.kind === "unsigned-allowed") return { ok: true, command: decode.command(body), keyId: envelope.signature?.keyId ?? "" };

    const sig = envelope.signature;
    if (!sig || !sig.value || sig.value.length === 0) {
      return { ok: false, code: ResultCode.UNSIGNED, message: "This agent only runs signed commands, and this one carries no signature; nothing was done." };
    }
    const key = this.keys.get(sig.keyId ?? "");
    if (!key) {
      return { ok: false, code: ResultCode.UNTRUSTED_KEY, message: `The command is signed with key "${clip(sig.keyId ?? "")}", which this agent does not trust (trusted: ${[...this.keys.keys()].join(", ")}); nothing was done.` };
    }
    if (!signatureValid(body, sig.value, key.publicKey)) {
      return { ok: false, code: ResultCode.BAD_SIGNATURE, message: `The signature does not match the command (forged or altered in transit; key ${key.keyId}); nothing was done.` };
    }
    const command = decode.command(body);
    const refusal = this.freshness(command);
    if (refusal) return { ok: false, code: refusal.code, message: refusal.message, command };
    return { ok: true, command, keyId: key.keyId };
  }

  /** Authentic is not enough: it must be meant for this host, and for now. */
  private freshness(cmd: Command): { code: ResultCode; message: string } | undefined {
    if (cmd.targetHost !== this.host) {
      return { code: ResultCode.WRONG_HOST, message: `This command is for "${clip(cmd.targetHost)}", not for "${this.host}"; nothing was done.` };
    }
    const now = this.clock.now();
    const expires = Number(cmd.expiresAtMs);
    const issued = Number(cmd.issuedAtMs);
    if (!(expires > 0)) return { code: ResultCode.EXPIRED, message: "A signed command must carry an expiry; this one has none, so nothing was done." };
    if (now > expires + CLOCK_SKEW_MS) {
      return { code: ResultCode.EXPIRED, message: `The command expired ${now - expires} ms before it arrived; nothing was done.` };
    }
    if (issued > now + CLOCK_SKEW_MS) {
      return { code: ResultCode.EXPIRED, message: `The command claims to be issued ${issued - now} ms in the future (clock skew above ${CLOCK_SKEW_MS / 1000} s?); nothing was done.` };
    }
    if (expires - issued > MAX_COMMAND_LIFETIME_MS) {
      return { code: ResultCode.EXPIRED, message: `The command is valid for ${Math.round((expires - issued) / 60_000)} minutes; agents accept at most ${MAX_COMMAND_LIFETIME_MS / 60_000}. Nothing was done.` };
    }
    return undefined;
  }
}

/** Attacker-chosen text goes into logs and answers: keep it short. */
function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}
