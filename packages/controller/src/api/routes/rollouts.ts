import { redactedDefinition, withRedactedDrains } from "../../drain/config.js";
import type { RolloutService } from "../../rollout/service.js";
import type { JsonHttpServer } from "../http-server.js";
import { ROUTES } from "../contract/routes.js";
import { definitionOf, windowRequestOf } from "../rollout-schemas.js";
import { hostParam } from "./deps.js";

export function registerRolloutRoutes(http: JsonHttpServer, rollouts: RolloutService): void {
  // A dry run: it changes nothing, so whoever may read may plan (and it is not an audited action).
  http.implement(ROUTES.planRollout, ({ body: b, caller }) => {
    const plan = rollouts.plan(definitionOf(b), windowRequestOf(b), caller.actor(b.actor));
    return { plan: { ...plan, definition: redactedDefinition(plan.definition) } };
  });

  http.implement(ROUTES.startRollout, ({ body: b, caller }) => {
    const { detail, plan } = rollouts.start(definitionOf(b), caller.actor(b.actor), windowRequestOf(b));
    return { ...withRedactedDrains(detail), plan: { ...plan, definition: redactedDefinition(plan.definition) } };
  });

  http.implement(ROUTES.rollouts, ({ query }) => ({
    rollouts: rollouts.list(query.limit).map((r) => withRedactedDrains({ rollout: r }).rollout),
  }));

  // Drain settings copied into a rollout hold the same secrets as the farm's (webhook headers, URL credentials).
  http.implement(ROUTES.rollout, ({ params }) => withRedactedDrains(rollouts.detail(params.id ?? "")));

  for (const [action, spec] of [
    ["pause", ROUTES.pauseRollout],
    ["resume", ROUTES.resumeRollout],
    ["abort", ROUTES.abortRollout],
    ["approve", ROUTES.approveRollout],
  ] as const) {
    http.implement(spec, ({ params, body, caller }) => withRedactedDrains(rollouts.act(params.id ?? "", action, caller.actor(body.actor))));
  }

  for (const [action, spec] of [
    ["retry-host", ROUTES.retryHost],
    ["skip-host", ROUTES.skipHost],
  ] as const) {
    http.implement(spec, ({ params, body, caller }) =>
      withRedactedDrains(rollouts.actOnHost(params.id ?? "", hostParam(params.host), action, caller.actor(body.actor))),
    );
  }
}
