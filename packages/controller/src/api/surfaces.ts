import { hostname } from "node:os";
import type { FleetRegistry } from "../fleet/registry.js";
import type { Logger } from "../log.js";
import { EventFeed } from "../observe/event-feed.js";
import { FleetSummary } from "../observe/fleet-summary.js";
import { type HostTile, hostTiles } from "../observe/host-state.js";
import { type BusTotals, ControllerMetrics } from "../observe/metrics.js";
import type { Store } from "../store/index.js";
import { RolloutStore } from "../store/rollouts.js";
import { type ConnectionGate, EventStream } from "./events-ws.js";
import type { JsonHttpServer } from "./http-server.js";
import { registerDashboardRoutes } from "./routes/dashboard.js";
import { registerEventRoutes } from "./routes/events.js";
import { registerMetricsRoutes } from "./routes/metrics.js";
import { registerOpenApiRoute } from "./routes/openapi.js";

export interface SurfaceDeps {
  store: Store;
  registry: FleetRegistry;
  bus: { readonly counters: BusTotals; readonly verifiesAgents?: boolean };
  version: string;
  log: Logger;
  /** Who may open the event stream (the daemon's: api/stream-gate.ts). No default, so it cannot be forgotten. */
  gate: ConnectionGate;
}

export interface OperatorSurfaces {
  close(): Promise<void>;
}

/**
 * What operators look at, beside the JSON API: the live event stream (WebSocket), the dashboard, Prometheus
 * metrics and the OpenAPI description. Call after the API routes are registered and before listen().
 */
export function startOperatorSurfaces(http: JsonHttpServer, d: SurfaceDeps): OperatorSurfaces {
  const rollouts = new RolloutStore<unknown>(d.store.db);
  const tiles = (): HostTile[] =>
    hostTiles({ registry: d.registry, inFlight: () => rollouts.inFlight(), latestCommands: () => d.store.commands.latestPerHost() });
  const feed = new EventFeed(d.store.events);
  const stream = new EventStream({ feed, fleet: new FleetSummary(tiles, () => d.registry.now()), version: d.version, agentIdentities: d.bus.verifiesAgents === true ? "verified" : "unverified", log: d.log, gate: d.gate });
  const metrics = new ControllerMetrics({
    store: d.store,
    feed,
    tiles,
    bus: d.bus,
    streamClients: () => stream.clients,
    agentCounters: () => d.registry.list().filter((h) => !h.renamedTo).map((h) => ({ host: h.name, counters: h.counters })),
    build: { version: d.version, node: hostname() },
  });

  registerEventRoutes(http, d.store.events);
  registerMetricsRoutes(http, metrics);
  registerOpenApiRoute(http, d.version);
  registerDashboardRoutes(http);
  http.onUpgrade((req, socket, head) => stream.handleUpgrade(req, socket, head));

  return {
    // Before the HTTP server closes: upgraded sockets are no longer its connections, and would keep close() waiting.
    async close() {
      await stream.close();
      metrics.close();
      feed.close();
    },
  };
}
