import { InvalidInputError } from "../../errors.js";
import { auditQuery, emptyBody, tokenBody, tokenIdParam } from "../auth-schemas.js";
import type { JsonHttpServer } from "../http-server.js";
import type { ApiDeps } from "./deps.js";

/** API tokens (admin), the audit log (admin), and "who am I" for any valid token. */
export function registerAccessRoutes(http: JsonHttpServer, d: ApiDeps): void {
  http.route("GET", "/api/v1/whoami", "viewer", ({ caller }) => ({ token: caller.principal }));

  http.route("GET", "/api/v1/tokens", "admin", () => ({ tokens: d.tokens.list() }));

  // The answer is the only place the token ever appears: it is stored as a SHA-256.
  const createdId = ({ result }: { result: unknown }) => (result as { token?: { id?: string } } | undefined)?.token?.id;
  http.route("POST", "/api/v1/tokens", { access: "admin", target: createdId }, ({ body, caller }) => {
    const b = tokenBody.parse(body);
    return d.tokens.create({ name: b.name, role: b.role, expiresInMs: b.expiresInMs }, caller.actor(), caller.principal?.tokenId);
  });

  http.route("POST", "/api/v1/tokens/:id/revoke", "admin", ({ params, body, caller }) => {
    emptyBody.parse(body);
    const id = tokenIdParam.safeParse(params.id);
    if (!id.success) throw new InvalidInputError(`id: ${id.error.issues[0]?.message ?? "invalid"}`, { token: params.id });
    return { token: d.tokens.revoke(id.data, caller.actor()) };
  });

  // Newest first. Admin only: it lists refused attempts and the addresses they came from.
  http.route("GET", "/api/v1/audit", "admin", ({ query }) => {
    const q = auditQuery.parse(Object.fromEntries(query));
    return { audit: d.store.audit.list({ sinceMs: q.sinceMs, target: q.target, limit: q.limit }) };
  });
}
