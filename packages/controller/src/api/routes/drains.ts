import type { DrainService } from "../../drain/service.js";
import { ROUTES } from "../contract/routes.js";
import type { JsonHttpServer } from "../http-server.js";
import { hostParam } from "./deps.js";

export function registerDrainRoutes(http: JsonHttpServer, drains: DrainService): void {
  http.implement(ROUTES.drains, () => ({ drains: drains.list() }));

  // Farm names follow the host-name rule (they are NATS subject tokens too).
  http.implement(ROUTES.drain, ({ params }) => ({ drain: drains.get(hostParam(params.farm)) }));

  // Which load balancer a farm sits behind is configuration, like its maintenance windows: admin.
  http.implement(ROUTES.setDrain, ({ params, body: b, caller }) => {
    return { drain: drains.set(hostParam(params.farm), b.config, caller.actor(b.actor)) };
  });

  http.implement(ROUTES.removeDrain, ({ params, body, caller }) => ({
    removed: drains.remove(hostParam(params.farm), caller.actor(body.actor)),
  }));

  // By hand, outside a rollout: waits for the balancer like a rollout does. Taking a host out of rotation is an
  // operator's call, like a reset.
  for (const [phase, spec] of [
    ["drain", ROUTES.drainHost],
    ["undrain", ROUTES.undrainHost],
  ] as const) {
    http.implement(spec, async ({ params, body, caller }) => drains.host(hostParam(params.name), phase, caller.actor(body.actor)));
  }
}
