import type { Clock } from "../clock.js";
import { ForbiddenError, UnauthenticatedError } from "../errors.js";
import type { AuditStore, NewAudit } from "../store/audit.js";
import type { TokenStore } from "../store/tokens.js";
import { type Role, roleAllows } from "./roles.js";
import { hashToken, looksLikeToken, sameHash } from "./secret.js";

/** Who is calling: the token they presented, by id and name, and its role. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

/** last_used_ms is a hint for "which tokens are still in use", not a log: written at most once a minute per token. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * Bearer-token authentication and role checks, and the audit log's writer. Knows no HTTP beyond the header's text:
 * the router (api/http-server.ts) and the WebSocket gate both call it.
 */
export class AccessControl {
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(private readonly d: { tokens: TokenStore; audit: AuditStore; clock: Clock }) {}

  /** An `Authorization` header's value → the principal; UnauthenticatedError (401) for anything else. */
  authenticateHeader(authorization: string | undefined): Principal {
    if (authorization === undefined || authorization.trim() === "") {
      throw new UnauthenticatedError("This API needs a token: send Authorization: Bearer <token> (the CLI reads --token, IISFLEET_TOKEN or a token file).");
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!m) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".');
    return this.authenticate(m[1] as string);
  }

  /** A token → the principal it stands for; UnauthenticatedError when unknown, revoked or expired. */
  authenticate(token: string): Principal {
    // The sentence never says which of unknown, revoked or expired it was for a token the caller could not have seen
    // listed; all three are equally "not accepted". The audit log and `token list` tell an admin the rest.
    const refused = new UnauthenticatedError("The token is not valid (unknown, revoked or expired); ask an admin for a new one (iisfleet token create).");
    if (!looksLikeToken(token)) throw refused;
    const hash = hashToken(token);
    const found = this.d.tokens.byHash(hash);
    if (!found || !sameHash(found.hash, hash)) throw refused;
    const t = found.row;
    const now = this.d.clock.now();
    if (t.revokedMs !== null || (t.expiresMs !== null && t.expiresMs <= now)) throw refused;
    if (now - (this.lastUsedWritten.get(t.id) ?? -Infinity) >= LAST_USED_EVERY_MS) {
      this.lastUsedWritten.set(t.id, now);
      this.d.tokens.markUsed(t.id, now);
    }
    return { tokenId: t.id, name: t.name, role: t.role };
  }

  /** ForbiddenError (403) unless the principal's role reaches `need`; `what` names the action in the sentence. */
  authorize(p: Principal, need: Role, what: string): void {
    if (!roleAllows(p.role, need)) throw new ForbiddenError(p.tokenId, p.name, p.role, need, what);
  }

  /** Writes an audit row now (committed before the action it describes runs); returns its id. */
  recordAttempt(a: Omit<NewAudit, "atMs">): number {
    return this.d.audit.insert({ ...a, atMs: this.d.clock.now() });
  }

  recordOutcome(id: number, status: number, target: string, code?: string, message?: string): void {
    this.d.audit.finish(id, status, target, code, message);
  }
}

/**
 * The name history shows for an action: the token's name, and after a colon the name the client claimed (the CLI's
 * --actor/--issuer, default $USER) when it says more — "bootstrap-admin:alice". The token is the proof; the claim is
 * context (a shared token used by several people).
 */
export function actorName(p: Principal, claimed: string | undefined): string {
  const c = claimed?.trim();
  // "api" and "cli" are the clients' defaults when nobody said who they are: they add nothing.
  if (!c || c === "api" || c === "cli" || c === p.name) return p.name;
  return `${p.name}:${c}`;
}
