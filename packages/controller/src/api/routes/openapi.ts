import { ROUTES } from "../contract/routes.js";
import type { JsonHttpServer } from "../http-server.js";
import { type OpenApiDocument, buildOpenApi } from "../openapi.js";

/**
 * Public: it describes the routes and how to authenticate, and holds no data — tools (and a newcomer) can read it
 * before they have a token. Generated once, from the declarations of the routes this server serves.
 */
export function registerOpenApiRoute(http: JsonHttpServer, version: string): void {
  let doc: OpenApiDocument | undefined;
  http.implement(ROUTES.openapi, () => (doc ??= buildOpenApi(http.declarations(), version)));
}
