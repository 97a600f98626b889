import type { JsonHttpServer } from "../http-server.js";
import { buildOpenApi } from "../openapi.js";

/** Built on each request from the router's own list, so routes registered after this one are in it too. */
export function registerOpenApiRoute(http: JsonHttpServer, version: string): void {
  http.route("GET", "/api/v1/openapi.json", () => buildOpenApi(http.routeList(), version));
}
