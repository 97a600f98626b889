import type { WindowService } from "../../windows/service.js";
import type { JsonHttpServer } from "../http-server.js";
import { newWindowOf, windowActorBody, windowBody, windowShowQuery } from "../window-schemas.js";

export function registerWindowRoutes(http: JsonHttpServer, windows: WindowService): void {
  http.route("GET", "/api/v1/windows", "viewer", () => ({ windows: windows.list() }));

  http.route("POST", "/api/v1/windows", { access: "admin", target: ({ body }) => (body as { name?: unknown } | undefined)?.name?.toString() }, ({ body, caller }) => {
    const b = windowBody.parse(body);
    return { window: windows.add(newWindowOf(b), caller.actor(b.actor)) };
  });

  // The window and its next `count` openings (the one under way first), in its zone and in UTC.
  http.route("GET", "/api/v1/windows/:name", "viewer", ({ params, query }) => {
    const q = windowShowQuery.parse(Object.fromEntries(query));
    return windows.show(params.name ?? "", q.count, q.from);
  });

  // A POST action like the rollouts' (the CLI client speaks GET and POST), recorded with who.
  http.route("POST", "/api/v1/windows/:name/remove", "admin", ({ params, body, caller }) => ({
    removed: windows.remove(params.name ?? "", caller.actor(windowActorBody.parse(body).actor)),
  }));
}
