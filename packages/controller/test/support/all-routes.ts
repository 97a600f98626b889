// Every route the controller registers, the way the daemon registers them, without a running daemon: handlers only
// touch their dependencies when called, and none is called. For tests that look at the route table itself.
import { sameOriginGate } from "../../src/api/events-ws.js";
import { JsonHttpServer } from "../../src/api/http-server.js";
import { type ApiDeps, registerRoutes } from "../../src/api/routes.js";
import { startOperatorSurfaces } from "../../src/api/surfaces.js";
import { systemClock } from "../../src/clock.js";
import { FleetRegistry } from "../../src/fleet/registry.js";
import { createLogger } from "../../src/log.js";
import { Store } from "../../src/store/index.js";

export interface AllRoutes {
  http: JsonHttpServer;
  close(): Promise<void>;
}

export function allRoutes(): AllRoutes {
  const log = createLogger("test", "silent");
  const store = Store.open(":memory:");
  const http = new JsonHttpServer(log);
  registerRoutes(http, {} as ApiDeps);
  const surfaces = startOperatorSurfaces(http, {
    store,
    registry: new FleetRegistry(store, systemClock),
    bus: { counters: { heartbeats: 0, events: 0, malformed: 0, malformedByReason: {}, rejectedHeartbeats: 0, reconnects: 0 } },
    version: "test",
    log,
    gate: sameOriginGate,
  });
  return {
    http,
    async close() {
      await surfaces.close();
      store.close();
    },
  };
}
