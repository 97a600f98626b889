import type { Role } from "../auth/roles.js";
import type { Db } from "./db.js";

/** An API token as stored: never the token itself, only its SHA-256 and its first characters (the hint). */
export interface TokenRow {
  id: string;
  name: string;
  role: Role;
  /** The token's first characters, e.g. "iisf_Xy3q", so a holder can tell which token is which. */
  hint: string;
  createdMs: number;
  createdBy: string;
  expiresMs: number | null;
  lastUsedMs: number | null;
  revokedMs: number | null;
  revokedBy: string | null;
}

export interface NewToken {
  id: string;
  name: string;
  role: Role;
  hash: Buffer;
  hint: string;
  createdMs: number;
  createdBy: string;
  expiresMs: number | null;
}

interface RawToken {
  id: string;
  name: string;
  role: Role;
  hash: Buffer;
  hint: string;
  created_ms: number;
  created_by: string;
  expires_ms: number | null;
  last_used_ms: number | null;
  revoked_ms: number | null;
  revoked_by: string | null;
}

/** Rows of api_tokens (schema 6). */
export class TokenStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO api_tokens (id, name, role, hash, hint, created_ms, created_by, expires_ms)
         VALUES (@id, @name, @role, @hash, @hint, @createdMs, @createdBy, @expiresMs)`,
      ),
      byHash: db.prepare<[Buffer], RawToken>("SELECT * FROM api_tokens WHERE hash = ?"),
      byId: db.prepare<[string], RawToken>("SELECT * FROM api_tokens WHERE id = ?"),
      liveByName: db.prepare<[string], RawToken>("SELECT * FROM api_tokens WHERE name = ? AND revoked_ms IS NULL"),
      list: db.prepare<[], RawToken>("SELECT * FROM api_tokens ORDER BY created_ms, id"),
      count: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM api_tokens"),
      used: db.prepare("UPDATE api_tokens SET last_used_ms = ? WHERE id = ?"),
      revoke: db.prepare("UPDATE api_tokens SET revoked_ms = ?, revoked_by = ? WHERE id = ? AND revoked_ms IS NULL"),
    };
  }

  insert(t: NewToken): void {
    this.s.insert.run(t);
  }

  /** The row with this hash and the stored hash itself (the caller compares it in constant time). */
  byHash(hash: Buffer): { row: TokenRow; hash: Buffer } | undefined {
    const raw = this.s.byHash.get(hash);
    return raw ? { row: toToken(raw), hash: raw.hash } : undefined;
  }

  get(id: string): TokenRow | undefined {
    const raw = this.s.byId.get(id);
    return raw ? toToken(raw) : undefined;
  }

  liveByName(name: string): TokenRow | undefined {
    const raw = this.s.liveByName.get(name);
    return raw ? toToken(raw) : undefined;
  }

  list(): TokenRow[] {
    return this.s.list.all().map(toToken);
  }

  count(): number {
    return this.s.count.get()?.n ?? 0;
  }

  markUsed(id: string, atMs: number): void {
    this.s.used.run(atMs, id);
  }

  /** False when the token was already revoked. */
  revoke(id: string, atMs: number, by: string): boolean {
    return this.s.revoke.run(atMs, by, id).changes > 0;
  }
}

function toToken(r: RawToken): TokenRow {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    hint: r.hint,
    createdMs: r.created_ms,
    createdBy: r.created_by,
    expiresMs: r.expires_ms,
    lastUsedMs: r.last_used_ms,
    revokedMs: r.revoked_ms,
    revokedBy: r.revoked_by,
  };
}
