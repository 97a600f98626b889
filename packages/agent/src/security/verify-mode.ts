import { SigningKeyError, type TrustedKey, loadTrustedKey } from "@iisfleet/proto";
import { UsageError } from "../options.js";
import type { VerifyMode } from "./command-verifier.js";

/**
 * Which commands this agent obeys. A real host obeys only signed commands unless its administrator explicitly
 * says otherwise; a simulated one (tests, demos) accepts unsigned commands when it was given no key.
 */
export function verifyModeFrom(opts: { trustedKeys: string[]; allowUnsigned: boolean; simulate: boolean }): VerifyMode {
  if (opts.trustedKeys.length > 0) {
    if (opts.allowUnsigned) throw new UsageError("--allow-unsigned contradicts --trusted-key: with a trusted key, every command must be signed.");
    const keys: TrustedKey[] = opts.trustedKeys.map((path) => {
      try {
        return loadTrustedKey(path);
      } catch (err) {
        if (err instanceof SigningKeyError) throw new UsageError(`--trusted-key: ${err.message}`);
        throw err;
      }
    });
    return { kind: "signed", keys };
  }
  if (opts.allowUnsigned || opts.simulate) return { kind: "unsigned-allowed" };
  throw new UsageError(
    "This agent would obey anyone who can publish on its NATS subject. Give it the controller's public key with --trusted-key FILE (command-signing.pub from `iisfleet keys init`), or pass --allow-unsigned to run without signatures (not recommended).",
  );
}
