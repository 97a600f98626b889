import { randomUUID } from "node:crypto";
import { JsonHttpServer } from "./api/http-server.js";
import { registerRoutes } from "./api/routes.js";
import { type Clock, systemClock } from "./clock.js";
import { ResetService } from "./commands/reset-service.js";
import { FleetRegistry } from "./fleet/registry.js";
import type { Logger } from "./log.js";
import { ControllerBus } from "./nats/controller-bus.js";
import { Store } from "./store/index.js";
import { VERSION } from "./version.js";

export interface ControllerOptions {
  natsServers: string[];
  dbPath: string;
  listenHost: string;
  listenPort: number;
  log: Logger;
  clock?: Clock;
}

export interface RunningController {
  url: string;
  store: Store;
  stop(): Promise<void>;
}

/** Opens the store, connects to NATS, serves the API. Stops in reverse order. */
export async function startController(opts: ControllerOptions): Promise<RunningController> {
  const clock = opts.clock ?? systemClock;
  const controllerId = `controller:${randomUUID().slice(0, 8)}`;
  const store = Store.open(opts.dbPath);
  const registry = new FleetRegistry(store, clock);
  const bus = new ControllerBus({ servers: opts.natsServers, name: `iisfleet-${controllerId}`, registry, store, clock, log: opts.log });
  try {
    await bus.start();
  } catch (err) {
    store.close();
    throw err;
  }
  const resets = new ResetService(store, bus, clock, controllerId);
  const http = new JsonHttpServer(opts.log);
  registerRoutes(http, { store, registry, resets, bus, version: VERSION });
  let address;
  try {
    address = await http.listen(opts.listenHost, opts.listenPort);
  } catch (err) {
    await bus.stop();
    store.close();
    throw err;
  }
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  opts.log.info({ url, db: opts.dbPath, controllerId }, "controller ready");
  return {
    url,
    store,
    async stop() {
      await http.close();
      await bus.stop();
      store.close();
    },
  };
}
