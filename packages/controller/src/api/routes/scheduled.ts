import type { ScheduledStarts } from "../../schedule/service.js";
import { ROUTES } from "../contract/routes.js";
import type { JsonHttpServer } from "../http-server.js";
import { scheduledIdParam } from "../schedule-schemas.js";
import { hostParam } from "./deps.js";

export function registerScheduledRoutes(http: JsonHttpServer, scheduled: ScheduledStarts): void {
  http.implement(ROUTES.schedule, ({ body: b, caller }) => {
    const host = b.kind === "reset" ? hostParam(b.host) : undefined;
    return { scheduled: scheduled.create({ kind: b.kind, host, request: b.request, at: b.at, timeZone: b.timeZone, graceMs: b.graceMs }, caller.actor(b.actor)) };
  });

  http.implement(ROUTES.scheduledList, ({ query }) => ({ scheduled: scheduled.list(query.all === "1", query.limit) }));

  http.implement(ROUTES.scheduledOne, ({ params }) => ({ scheduled: scheduled.get(scheduledIdParam.parse(params.id)) }));

  http.implement(ROUTES.cancelScheduled, ({ params, body, caller }) => ({
    scheduled: scheduled.cancel(scheduledIdParam.parse(params.id), caller.actor(body.actor)),
  }));
}
