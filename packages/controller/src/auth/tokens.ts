import { closeSync, fchmodSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { Clock } from "../clock.js";
import { IisfleetError, InvalidInputError, NotFoundError } from "../errors.js";
import type { Store } from "../store/index.js";
import type { TokenRow } from "../store/tokens.js";
import type { Role } from "./roles.js";
import { hashToken, hintOf, newTokenId, newTokenSecret } from "./secret.js";

/** Letters, digits, . _ @ -; no colon (history writes "<token>:<claimed name>"), no spaces. */
const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,47}$/;
export const BOOTSTRAP_TOKEN_NAME = "bootstrap-admin";

export type TokenState = "active" | "expired" | "revoked";
export type TokenView = TokenRow & { state: TokenState };

export interface NewTokenRequest {
  name: string;
  role: Role;
  /** From now; none: the token does not expire. */
  expiresInMs?: number | undefined;
}

export function parseTokenName(name: string): string {
  if (!TOKEN_NAME.test(name)) throw new InvalidInputError(`Token name "${name}" must be 1-48 letters, digits, dots, dashes, underscores or @, starting with a letter or digit.`);
  return name;
}

/** Creating, listing and revoking API tokens. The token itself exists only in the answer to create(). */
export class TokenService {
  constructor(private readonly d: { store: Store; clock: Clock }) {}

  /** `creatorTokenId`: the token of the caller; a token that expires cannot make one that outlives it. */
  create(req: NewTokenRequest, createdBy: string, creatorTokenId?: string): { token: TokenView; secret: string } {
    const name = parseTokenName(req.name);
    const secret = newTokenSecret();
    const now = this.d.clock.now();
    const id = newTokenId();
    const expiresMs = req.expiresInMs !== undefined ? now + req.expiresInMs : null;
    const creatorExpires = creatorTokenId !== undefined ? this.d.store.tokens.get(creatorTokenId)?.expiresMs ?? null : null;
    if (creatorExpires !== null && (expiresMs === null || expiresMs > creatorExpires)) {
      throw new InvalidInputError(
        `Your token expires at ${new Date(creatorExpires).toISOString()}; it cannot create a token that outlives it (give an expiry of at most ${Math.max(0, creatorExpires - now)} ms).`,
        { expiresMs: creatorExpires },
      );
    }
    this.d.store.tx(() => {
      if (this.d.store.tokens.liveByName(name)) {
        throw new IisfleetError("CONFLICT", `A token named "${name}" exists; revoke it first or choose another name (iisfleet token list).`, 409, { name });
      }
      this.d.store.tokens.insert({
        id,
        name,
        role: req.role,
        hash: hashToken(secret),
        hint: hintOf(secret),
        createdMs: now,
        createdBy,
        expiresMs,
      });
    });
    return { token: this.view(this.d.store.tokens.get(id) as TokenRow), secret };
  }

  list(): TokenView[] {
    return this.d.store.tokens.list().map((t) => this.view(t));
  }

  revoke(id: string, by: string): TokenView {
    const t = this.d.store.tokens.get(id);
    if (!t) throw new NotFoundError("token", id);
    if (!this.d.store.tokens.revoke(id, this.d.clock.now(), by)) {
      throw new IisfleetError("ALREADY_REVOKED", `Token ${id} ("${t.name}") was already revoked.`, 409, { token: id });
    }
    return this.view(this.d.store.tokens.get(id) as TokenRow);
  }

  /**
   * A newcomer's first start: with no token at all, there is nobody who could create one through the API. So the
   * controller makes an admin token and writes it to `file` (mode 0600), where the CLI on this machine finds it.
   * Never again once any token exists (revoked ones count): an admin who revoked it meant it.
   * Returns the file when it wrote one.
   */
  bootstrap(file: string): string | undefined {
    if (this.d.store.tokens.count() > 0) return undefined;
    const secret = newTokenSecret();
    // The file first: a token in the table that nobody has would lock everyone out; a file whose token never made it
    // into the table is simply overwritten on the next start.
    try {
      writeSecretFile(file, `${secret}\n`);
    } catch (err) {
      throw new IisfleetError(
        "TOKEN_FILE",
        `Cannot write the bootstrap admin token to ${file} (${err instanceof Error ? err.message : String(err)}); choose another place with --admin-token-file.`,
        500,
        { file },
      );
    }
    this.d.store.tokens.insert({
      id: newTokenId(),
      name: BOOTSTRAP_TOKEN_NAME,
      role: "admin",
      hash: hashToken(secret),
      hint: hintOf(secret),
      createdMs: this.d.clock.now(),
      createdBy: "controller (first start)",
      expiresMs: null,
    });
    return file;
  }

  /**
   * Locked out (every admin token lost or revoked): whoever can write the controller's database already owns the
   * controller, so `iisfleet token recover` makes a new admin token straight in SQLite, writes it to `file` (0600),
   * and leaves an audit row saying who did it from where. Works beside a running controller (it reads tokens from
   * SQLite on every request).
   */
  recover(file: string, name: string, by: string): TokenView {
    const tokenName = parseTokenName(name);
    const secret = newTokenSecret();
    const now = this.d.clock.now();
    const id = newTokenId();
    if (this.d.store.tokens.liveByName(tokenName)) {
      throw new IisfleetError("CONFLICT", `A token named "${tokenName}" exists; choose another name with --name.`, 409, { name: tokenName });
    }
    try {
      writeSecretFile(file, `${secret}\n`);
    } catch (err) {
      throw new IisfleetError("TOKEN_FILE", `Cannot write the recovered admin token to ${file} (${err instanceof Error ? err.message : String(err)}); choose another place with --file.`, 500, { file });
    }
    this.d.store.tx(() => {
      this.d.store.tokens.insert({ id, name: tokenName, role: "admin", hash: hashToken(secret), hint: hintOf(secret), createdMs: now, createdBy: by, expiresMs: null });
      this.d.store.audit.insert({
        atMs: now,
        requestId: `recover-${id}`,
        tokenId: null,
        actor: by,
        role: null,
        action: "token recover (offline, on the database file)",
        method: "LOCAL",
        path: "-",
        target: tokenName,
        remote: "local",
        status: 200,
        message: `admin token ${id} written to ${file}`,
      });
    });
    return this.view(this.d.store.tokens.get(id) as TokenRow);
  }

  private view(t: TokenRow): TokenView {
    const state: TokenState = t.revokedMs !== null ? "revoked" : t.expiresMs !== null && t.expiresMs <= this.d.clock.now() ? "expired" : "active";
    return { ...t, state };
  }
}

/** Owner-only from the first byte (created 0600, never world-readable for a moment), replaced atomically. */
function writeSecretFile(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, "w", 0o600);
  try {
    fchmodSync(fd, 0o600); // the umask cannot widen it, but a leftover tmp file could have another mode
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
