import type { DrainService } from "../../drain/service.js";
import { drainActorBody, drainSetBody } from "../drain-schemas.js";
import type { JsonHttpServer } from "../http-server.js";
import { hostParam } from "./deps.js";

export function registerDrainRoutes(http: JsonHttpServer, drains: DrainService): void {
  http.route("GET", "/api/v1/drains", () => ({ drains: drains.list() }));

  // Farm names follow the host-name rule (they are NATS subject tokens too).
  http.route("GET", "/api/v1/farms/:farm/drain", ({ params }) => ({ drain: drains.get(hostParam(params.farm)) }));

  http.route("POST", "/api/v1/farms/:farm/drain", ({ params, body }) => {
    const b = drainSetBody.parse(body);
    return { drain: drains.set(hostParam(params.farm), b.config, b.actor) };
  });

  http.route("POST", "/api/v1/farms/:farm/drain/remove", ({ params, body }) => ({
    removed: drains.remove(hostParam(params.farm), drainActorBody.parse(body).actor),
  }));

  // By hand, outside a rollout: waits for the balancer like a rollout does.
  for (const phase of ["drain", "undrain"] as const) {
    http.route("POST", `/api/v1/hosts/:name/${phase}`, async ({ params, body }) =>
      drains.host(hostParam(params.name), phase, drainActorBody.parse(body).actor),
    );
  }
}
