import type { JsonHttpServer } from "./http-server.js";
import { registerCommandRoutes } from "./routes/commands.js";
import type { ApiDeps } from "./routes/deps.js";
import { registerHostRoutes } from "./routes/hosts.js";

export type { ApiDeps } from "./routes/deps.js";

/** The JSON API, version 1. The CLI is only a client of these routes. */
export function registerRoutes(http: JsonHttpServer, d: ApiDeps): void {
  http.route("GET", "/api/v1/health", () => ({
    ok: true,
    version: d.version,
    nats: d.bus.isConnected ? "connected" : "disconnected",
    counters: d.bus.counters,
  }));
  registerHostRoutes(http, d);
  registerCommandRoutes(http, d);
}
