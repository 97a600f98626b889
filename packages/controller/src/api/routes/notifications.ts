import { notifyActorBody, notifyName, notifyTargetBody } from "../../notify/config.js";
import type { NotificationService } from "../../notify/service.js";
import { InvalidInputError } from "../../errors.js";
import type { JsonHttpServer } from "../http-server.js";
import { notifyShowQuery } from "../schemas.js";

export function registerNotificationRoutes(http: JsonHttpServer, notifications: NotificationService): void {
  // URLs are shown without their secret parts and secrets as "(set)": a viewer may see where notifications go.
  http.route("GET", "/api/v1/notifications", "viewer", () => ({ targets: notifications.list() }));

  http.route("GET", "/api/v1/notifications/:name", "viewer", ({ params, query }) =>
    notifications.show(nameParam(params.name), notifyShowQuery.parse(Object.fromEntries(query)).limit),
  );

  // Where the controller POSTs, with which secret, is configuration like a farm's drain: admin.
  http.route("POST", "/api/v1/notifications", "admin", ({ body, caller }) => {
    const b = notifyTargetBody.parse(body);
    return { target: notifications.add(b, caller.actor(b.actor)) };
  });

  http.route("POST", "/api/v1/notifications/:name/remove", "admin", ({ params, body, caller }) => ({
    removed: notifications.remove(nameParam(params.name), caller.actor(notifyActorBody.parse(body).actor)),
  }));

  http.route("POST", "/api/v1/notifications/:name/test", "operator", ({ params, body, caller }) => ({
    delivery: notifications.test(nameParam(params.name), caller.actor(notifyActorBody.parse(body).actor)),
  }));
}

function nameParam(raw: string | undefined): string {
  const r = notifyName.safeParse(raw ?? "");
  if (!r.success) throw new InvalidInputError(`"${raw ?? ""}" is not a notification target name: ${r.error.issues[0]?.message ?? "invalid"}.`, { name: raw });
  return r.data;
}
