import { InvalidHostNameError, parseHostName } from "@iisfleet/proto";
import type { ResetService } from "../commands/reset-service.js";
import { InvalidInputError, NotFoundError, UnknownHostError } from "../errors.js";
import type { FleetRegistry } from "../fleet/registry.js";
import type { ControllerBus } from "../nats/controller-bus.js";
import type { Store } from "../store/index.js";
import type { JsonHttpServer } from "./http-server.js";
import { historyQuery, resetBody } from "./schemas.js";

export interface ApiDeps {
  store: Store;
  registry: FleetRegistry;
  resets: ResetService;
  bus: ControllerBus;
  version: string;
}

function hostParam(raw: string | undefined): string {
  try {
    return parseHostName(raw ?? "");
  } catch (err) {
    if (err instanceof InvalidHostNameError) throw new InvalidInputError(err.message, { host: raw });
    throw err;
  }
}

/** The JSON API, version 1. The CLI is only a client of these routes. */
export function registerRoutes(http: JsonHttpServer, d: ApiDeps): void {
  http.route("GET", "/api/v1/health", () => ({
    ok: true,
    version: d.version,
    nats: d.bus.isConnected ? "connected" : "disconnected",
    counters: d.bus.counters,
  }));

  http.route("GET", "/api/v1/hosts", () => ({ hosts: d.registry.list() }));

  http.route("GET", "/api/v1/hosts/:name", ({ params }) => {
    const name = hostParam(params.name);
    const host = d.registry.get(name);
    if (!host) throw new UnknownHostError(name);
    return { host };
  });

  http.route("POST", "/api/v1/hosts/:name/reset", async ({ params, body }) => {
    const host = hostParam(params.name);
    const b = resetBody.parse(body);
    return { command: await d.resets.reset({ host, ...b }) };
  });

  http.route("GET", "/api/v1/commands", ({ query }) => {
    const q = historyQuery.parse(Object.fromEntries(query));
    const host = q.host !== undefined ? hostParam(q.host) : undefined;
    if (host !== undefined && !d.store.hosts.get(host)) throw new UnknownHostError(host);
    const commands = d.store.commands.list({ host, limit: q.limit }).map((c) => ({ ...c, steps: d.store.commands.steps(c.id) }));
    return { commands };
  });

  http.route("GET", "/api/v1/commands/:id", ({ params }) => {
    const id = params.id ?? "";
    if (!d.store.commands.get(id)) throw new NotFoundError("command", id);
    return { command: d.resets.detail(id), events: d.store.events.forCommand(id) };
  });
}
