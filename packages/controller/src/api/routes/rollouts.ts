import { redactedDefinition, withRedactedDrains } from "../../drain/config.js";
import type { RolloutService } from "../../rollout/service.js";
import type { JsonHttpServer } from "../http-server.js";
import { actorBody, definitionOf, listQuery, rolloutBody, windowRequestOf } from "../rollout-schemas.js";
import { hostParam } from "./deps.js";

export function registerRolloutRoutes(http: JsonHttpServer, rollouts: RolloutService): void {
  // A dry run: it changes nothing, so whoever may read may plan (and it is not an audited action).
  http.route("POST", "/api/v1/rollouts/plan", { access: "viewer", readOnly: true }, ({ body, caller }) => {
    const b = rolloutBody.parse(body);
    const plan = rollouts.plan(definitionOf(b), windowRequestOf(b), caller.actor(b.actor));
    return { plan: { ...plan, definition: redactedDefinition(plan.definition) } };
  });

  const startedId = ({ result }: { result: unknown }) => (result as { rollout?: { id?: string } } | undefined)?.rollout?.id;
  http.route("POST", "/api/v1/rollouts", { access: "operator", target: startedId }, ({ body, caller }) => {
    const b = rolloutBody.parse(body);
    const { detail, plan } = rollouts.start(definitionOf(b), caller.actor(b.actor), windowRequestOf(b));
    return { ...withRedactedDrains(detail), plan: { ...plan, definition: redactedDefinition(plan.definition) } };
  });

  http.route("GET", "/api/v1/rollouts", "viewer", ({ query }) => ({
    rollouts: rollouts.list(listQuery.parse(Object.fromEntries(query)).limit).map((r) => withRedactedDrains({ rollout: r }).rollout),
  }));

  // Drain settings copied into a rollout hold the same secrets as the farm's (webhook headers, URL credentials).
  http.route("GET", "/api/v1/rollouts/:id", "viewer", ({ params }) => withRedactedDrains(rollouts.detail(params.id ?? "")));

  for (const action of ["pause", "resume", "abort", "approve"] as const) {
    http.route("POST", `/api/v1/rollouts/:id/${action}`, "operator", ({ params, body, caller }) =>
      withRedactedDrains(rollouts.act(params.id ?? "", action, caller.actor(actorBody.parse(body).actor))),
    );
  }

  for (const action of ["retry-host", "skip-host"] as const) {
    http.route("POST", `/api/v1/rollouts/:id/hosts/:host/${action.replace("-host", "")}`, "operator", ({ params, body, caller }) =>
      withRedactedDrains(rollouts.actOnHost(params.id ?? "", hostParam(params.host), action, caller.actor(actorBody.parse(body).actor))),
    );
  }
}
