import { notifyName } from "../../notify/config.js";
import type { NotificationService } from "../../notify/service.js";
import { InvalidInputError } from "../../errors.js";
import { ROUTES } from "../contract/routes.js";
import type { JsonHttpServer } from "../http-server.js";

export function registerNotificationRoutes(http: JsonHttpServer, notifications: NotificationService): void {
  // URLs are shown without their secret parts and secrets as "(set)": a viewer may see where notifications go.
  http.implement(ROUTES.notifications, () => ({ targets: notifications.list() }));

  http.implement(ROUTES.notification, ({ params, query }) => notifications.show(nameParam(params.name), query.limit));

  // Where the controller POSTs, with which secret, is configuration like a farm's drain: admin.
  http.implement(ROUTES.addNotification, ({ body: b, caller }) => ({ target: notifications.add(b, caller.actor(b.actor)) }));

  http.implement(ROUTES.removeNotification, ({ params, body, caller }) => ({
    removed: notifications.remove(nameParam(params.name), caller.actor(body.actor)),
  }));

  http.implement(ROUTES.testNotification, ({ params, body, caller }) => ({
    delivery: notifications.test(nameParam(params.name), caller.actor(body.actor)),
  }));
}

function nameParam(raw: string | undefined): string {
  const r = notifyName.safeParse(raw ?? "");
  if (!r.success) throw new InvalidInputError(`"${raw ?? ""}" is not a notification target name: ${r.error.issues[0]?.message ?? "invalid"}.`, { name: raw });
  return r.data;
}
