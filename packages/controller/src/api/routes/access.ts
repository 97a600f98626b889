import { InvalidInputError } from "../../errors.js";
import { tokenIdParam } from "../auth-schemas.js";
import { ROUTES } from "../contract/routes.js";
import type { JsonHttpServer } from "../http-server.js";
import type { ApiDeps } from "./deps.js";

/** API tokens (admin), the audit log (admin), and "who am I" for any valid token. */
export function registerAccessRoutes(http: JsonHttpServer, d: ApiDeps): void {
  http.implement(ROUTES.whoami, ({ caller }) => ({ token: caller.principal }));

  http.implement(ROUTES.tokens, () => ({ tokens: d.tokens.list() }));

  // The answer is the only place the token ever appears: it is stored as a SHA-256.
  http.implement(ROUTES.createToken, ({ body: b, caller }) =>
    d.tokens.create({ name: b.name, role: b.role, expiresInMs: b.expiresInMs }, caller.actor(), caller.principal?.tokenId),
  );

  http.implement(ROUTES.revokeToken, ({ params, caller }) => {
    const id = tokenIdParam.safeParse(params.id);
    if (!id.success) throw new InvalidInputError(`id: ${id.error.issues[0]?.message ?? "invalid"}`, { token: params.id });
    return { token: d.tokens.revoke(id.data, caller.actor()) };
  });

  // Newest first. Admin only: it lists refused attempts and the addresses they came from.
  http.implement(ROUTES.audit, ({ query: q }) => {
    return { audit: d.store.audit.list({ sinceMs: q.sinceMs, target: q.target, limit: q.limit }) };
  });
}
