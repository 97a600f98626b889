import type { DrainService } from "../../drain/service.js";
import { drainActorBody, drainSetBody } from "../drain-schemas.js";
import type { JsonHttpServer } from "../http-server.js";
import { hostParam } from "./deps.js";

export function registerDrainRoutes(http: JsonHttpServer, drains: DrainService): void {
  http.route("GET", "/api/v1/drains", "viewer", () => ({ drains: drains.list() }));

  // Farm names follow the host-name rule (they are NATS subject tokens too).
  http.route("GET", "/api/v1/farms/:farm/drain", "viewer", ({ params }) => ({ drain: drains.get(hostParam(params.farm)) }));

  // Which load balancer a farm sits behind is configuration, like its maintenance windows: admin.
  http.route("POST", "/api/v1/farms/:farm/drain", "admin", ({ params, body, caller }) => {
    const b = drainSetBody.parse(body);
    return { drain: drains.set(hostParam(params.farm), b.config, caller.actor(b.actor)) };
  });

  http.route("POST", "/api/v1/farms/:farm/drain/remove", "admin", ({ params, body, caller }) => ({
    removed: drains.remove(hostParam(params.farm), caller.actor(drainActorBody.parse(body).actor)),
  }));

  // By hand, outside a rollout: waits for the balancer like a rollout does. Taking a host out of rotation is an
  // operator's call, like a reset.
  for (const phase of ["drain", "undrain"] as const) {
    http.route("POST", `/api/v1/hosts/:name/${phase}`, "operator", async ({ params, body, caller }) =>
      drains.host(hostParam(params.name), phase, caller.actor(drainActorBody.parse(body).actor)),
    );
  }
}
