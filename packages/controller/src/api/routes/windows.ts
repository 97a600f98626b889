import type { WindowService } from "../../windows/service.js";
import type { JsonHttpServer } from "../http-server.js";
import { ROUTES } from "../contract/routes.js";
import { newWindowOf } from "../window-schemas.js";

export function registerWindowRoutes(http: JsonHttpServer, windows: WindowService): void {
  http.implement(ROUTES.windows, () => ({ windows: windows.list() }));

  http.implement(ROUTES.addWindow, ({ body: b, caller }) => {
    return { window: windows.add(newWindowOf(b), caller.actor(b.actor)) };
  });

  // The window and its next `count` openings (the one under way first), in its zone and in UTC.
  http.implement(ROUTES.window, ({ params, query }) => windows.show(params.name ?? "", query.count, query.from));

  // A POST action like the rollouts' (the CLI client speaks GET and POST), recorded with who.
  http.implement(ROUTES.removeWindow, ({ params, body, caller }) => ({
    removed: windows.remove(params.name ?? "", caller.actor(body.actor)),
  }));
}
