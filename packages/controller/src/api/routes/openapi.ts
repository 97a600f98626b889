import type { JsonHttpServer } from "../http-server.js";
import { buildOpenApi } from "../openapi.js";

/**
 * Public: it describes the routes and how to authenticate, and holds no data — tools (and a newcomer) can read it
 * before they have a token. Built on each request from the router's own list, so routes registered after this one are in it too. */
export function registerOpenApiRoute(http: JsonHttpServer, version: string): void {
  http.route("GET", "/api/v1/openapi.json", "public", () => buildOpenApi(http.routeList(), version));
}
