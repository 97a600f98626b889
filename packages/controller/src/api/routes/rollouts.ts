import type { RolloutService } from "../../rollout/service.js";
import type { JsonHttpServer } from "../http-server.js";
import { actorBody, definitionOf, listQuery, rolloutBody, windowRequestOf } from "../rollout-schemas.js";
import { hostParam } from "./deps.js";

export function registerRolloutRoutes(http: JsonHttpServer, rollouts: RolloutService): void {
  http.route("POST", "/api/v1/rollouts/plan", ({ body }) => {
    const b = rolloutBody.parse(body);
    return { plan: rollouts.plan(definitionOf(b), windowRequestOf(b), b.actor) };
  });

  http.route("POST", "/api/v1/rollouts", ({ body }) => {
    const b = rolloutBody.parse(body);
    const { detail, plan } = rollouts.start(definitionOf(b), b.actor, windowRequestOf(b));
    return { ...detail, plan };
  });

  http.route("GET", "/api/v1/rollouts", ({ query }) => ({ rollouts: rollouts.list(listQuery.parse(Object.fromEntries(query)).limit) }));

  http.route("GET", "/api/v1/rollouts/:id", ({ params }) => rollouts.detail(params.id ?? ""));

  for (const action of ["pause", "resume", "abort", "approve"] as const) {
    http.route("POST", `/api/v1/rollouts/:id/${action}`, ({ params, body }) =>
      rollouts.act(params.id ?? "", action, actorBody.parse(body).actor),
    );
  }

  for (const action of ["retry-host", "skip-host"] as const) {
    http.route("POST", `/api/v1/rollouts/:id/hosts/:host/${action.replace("-host", "")}`, ({ params, body }) =>
      rollouts.actOnHost(params.id ?? "", hostParam(params.host), action, actorBody.parse(body).actor),
    );
  }
}
