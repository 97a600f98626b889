import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseHostName } from "./hostname.js";

/**
 * How an iisfleet client (controller, agent, simulator) presents itself to NATS: an nkey seed file made by
 * `iisfleet keys`, optional TLS files, and its own reply-inbox prefix. It lives here, beside the subject names,
 * because `iisfleet nats-config` grants each user exactly these prefixes: a client on the default `_INBOX.`
 * prefix would be refused its own replies.
 */
export const inboxPrefixes = {
  /** The controller's requests (commands, status questions, fleet queries) get their replies here. */
  controller: "_INBOX_controller",
  /** Agents make no requests today; the prefix is theirs alone should they ever start. */
  agent: (host: string) => `_INBOX_agent_${parseHostName(host)}`,
  /** The fleet simulator (tests and benchmarks). */
  simulator: "_INBOX_simulator",
} as const;

/** Paths as given on the command line (or in the environment); each may be absent. */
export interface NatsClientFiles {
  nkeyFile?: string | undefined;
  tlsCaFile?: string | undefined;
  tlsCertFile?: string | undefined;
  tlsKeyFile?: string | undefined;
}

/** What a client needs to connect: shaped like the NATS client's `tls` option, plus the seed for its authenticator. */
export interface NatsClientAuth {
  /** The nkey user seed (`SU...`), as the bytes `nkeyAuthenticator` takes; absent: no nkey authentication. */
  nkeySeed?: Uint8Array;
  /** Files, not contents: the NATS client reads them at every (re)connect, so renewed certificates are picked up. */
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
}

/** A credential file that is missing, unreadable or not what its flag says; `path` is the file as resolved. */
export class NatsClientFileError extends Error {
  readonly code = "INVALID_NATS_CREDENTIALS";
  constructor(
    readonly flag: string,
    readonly path: string,
    reason: string,
  ) {
    super(`${flag} ${path}: ${reason}`);
    this.name = "NatsClientFileError";
  }
}

/** The flag names every client uses, so error sentences name the option the user typed. */
export const NATS_CLIENT_FLAGS = {
  nkeyFile: "--nats-nkey",
  tlsCaFile: "--nats-tls-ca",
  tlsCertFile: "--nats-tls-cert",
  tlsKeyFile: "--nats-tls-key",
} as const;

/** The environment variables that stand in for the flags. */
export const NATS_CLIENT_ENV = {
  nkeyFile: "IISFLEET_NATS_NKEY",
  tlsCaFile: "IISFLEET_NATS_TLS_CA",
  tlsCertFile: "IISFLEET_NATS_TLS_CERT",
  tlsKeyFile: "IISFLEET_NATS_TLS_KEY",
} as const;

/** Flags win over the environment; an empty variable counts as unset. */
export function natsClientFilesFrom(flags: NatsClientFiles, env: NodeJS.ProcessEnv): NatsClientFiles {
  const pick = (key: keyof NatsClientFiles): string | undefined => flags[key] ?? (env[NATS_CLIENT_ENV[key]] || undefined);
  return { nkeyFile: pick("nkeyFile"), tlsCaFile: pick("tlsCaFile"), tlsCertFile: pick("tlsCertFile"), tlsKeyFile: pick("tlsKeyFile") };
}

/** A user seed: "SU" and 56 more base32 characters (nkeys' encoding of an ed25519 seed with its CRC). */
const USER_SEED = /^SU[A-Z2-7]{56}$/;

/**
 * Reads and checks every given file at start-up, so a wrong path or a swapped file is one sentence naming it,
 * not an authorization error from the server later. The seed's checksum is left to the NATS client.
 */
export function loadNatsClientAuth(files: NatsClientFiles): NatsClientAuth {
  const auth: NatsClientAuth = {};
  if (files.nkeyFile !== undefined) {
    const { path, text } = read("nkeyFile", files.nkeyFile);
    const seed = text.trim();
    if (!USER_SEED.test(seed)) {
      const hint = /^U[A-Z2-7]{55}$/.test(seed)
        ? "this is a public key; give the seed file (iisfleet keys writes it as nats/agents/<host>.nk)"
        : "not an nkey user seed (one line starting with SU, as written by iisfleet keys)";
      throw new NatsClientFileError(NATS_CLIENT_FLAGS.nkeyFile, path, hint);
    }
    auth.nkeySeed = new TextEncoder().encode(seed);
  }
  if ((files.tlsCertFile === undefined) !== (files.tlsKeyFile === undefined)) {
    const [given, missing] = files.tlsCertFile !== undefined ? ["tlsCertFile", "tlsKeyFile"] as const : ["tlsKeyFile", "tlsCertFile"] as const;
    throw new NatsClientFileError(
      NATS_CLIENT_FLAGS[given],
      resolve(files[given] as string),
      `a client certificate needs both ${NATS_CLIENT_FLAGS.tlsCertFile} and ${NATS_CLIENT_FLAGS.tlsKeyFile}; ${NATS_CLIENT_FLAGS[missing]} is missing`,
    );
  }
  const tls: NonNullable<NatsClientAuth["tls"]> = {};
  if (files.tlsCaFile !== undefined) tls.caFile = pem("tlsCaFile", files.tlsCaFile, "CERTIFICATE");
  if (files.tlsCertFile !== undefined) tls.certFile = pem("tlsCertFile", files.tlsCertFile, "CERTIFICATE");
  if (files.tlsKeyFile !== undefined) tls.keyFile = pem("tlsKeyFile", files.tlsKeyFile, "PRIVATE KEY");
  if (Object.keys(tls).length > 0) auth.tls = tls;
  return auth;
}

function read(key: keyof NatsClientFiles, file: string): { path: string; text: string } {
  const path = resolve(file);
  try {
    return { path, text: readFileSync(path, "utf8") };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "is a directory, not a file" : (err as Error).message;
    throw new NatsClientFileError(NATS_CLIENT_FLAGS[key], path, reason);
  }
}

/** `kind` "PRIVATE KEY" also matches "EC PRIVATE KEY" and "RSA PRIVATE KEY". */
function pem(key: keyof NatsClientFiles, file: string, kind: "CERTIFICATE" | "PRIVATE KEY"): string {
  const { path, text } = read(key, file);
  const label = kind === "CERTIFICATE" ? /-----BEGIN CERTIFICATE-----/ : /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;
  if (!label.test(text)) throw new NatsClientFileError(NATS_CLIENT_FLAGS[key], path, `not a PEM file holding a ${kind.toLowerCase()}`);
  return path;
}

/** What a failed first connection attempt tells its caller's log: the servers tried, the error, the next try. */
export interface ConnectAttemptFailure {
  servers: string[];
  attempt: number;
  error: string;
  retryInMs: number;
}

export interface FirstConnectOptions {
  servers: string[];
  /** Called after every failed attempt, before the pause: the place to log it (silence is the bug this fixes). */
  onFailure(failure: ConnectAttemptFailure): void;
  /** Errors no retry can fix (a refused credential): thrown at once. */
  isFatal(err: unknown): boolean;
  /** Pause after attempt n (1-based); default 1 s doubling to at most 10 s. */
  delayMs?(attempt: number): number;
  signal?: AbortSignal;
}

/**
 * Makes the first NATS connection, one attempt at a time, reporting each failure. The NATS client's own
 * `waitOnFirstConnect` retries silently, so a wrong URL looked like a hang; after the first connection the client's
 * reconnect logic takes over. Rejects with the signal's reason when aborted.
 */
export async function connectWithRetry<T>(attempt: () => Promise<T>, opts: FirstConnectOptions): Promise<T> {
  const delay = opts.delayMs ?? ((n: number) => Math.min(1_000 * 2 ** (n - 1), 10_000));
  for (let n = 1; ; n++) {
    opts.signal?.throwIfAborted();
    try {
      return await attempt();
    } catch (err) {
      if (opts.isFatal(err)) throw err;
      const retryInMs = delay(n);
      opts.onFailure({ servers: opts.servers, attempt: n, error: connectErrorText(err), retryInMs });
      await pause(retryInMs, opts.signal);
    }
  }
}

/** The NATS client wraps the socket error; the innermost message names the real problem (ECONNREFUSED …). */
export function connectErrorText(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e instanceof Error && parts.length < 4; e = e.cause) {
    if (!parts.includes(e.message)) parts.push(e.message);
  }
  return parts.length > 0 ? parts.join(": ") : String(err);
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener("abort", aborted);
      resolve();
    }
    function aborted(): void {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", aborted, { once: true });
  });
}
