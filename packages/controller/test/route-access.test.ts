// Who may call what: every route the controller registers, with the role it declared where it was registered. A new
// route fails here until it is added to this table — so its access is a decision someone reviewed, not a default.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { route } from "../src/api/contract/route.js";
import { JsonHttpServer } from "../src/api/http-server.js";
import { createLogger } from "../src/log.js";
import { type AllRoutes, allRoutes } from "./support/all-routes.js";

const EXPECTED: Record<string, string> = {
  "GET /api/v1/health": "public",
  "GET /api/v1/diagnostics": "viewer",
  "GET /api/v1/hosts": "viewer",
  "GET /api/v1/hosts/:name": "viewer",
  "POST /api/v1/hosts/:name/reset": "operator",
  "POST /api/v1/hosts/:name/cordon": "operator",
  "POST /api/v1/hosts/:name/forget": "operator",
  "GET /api/v1/commands": "viewer",
  "GET /api/v1/commands/:id": "viewer",
  "GET /api/v1/refusals": "viewer",
  "GET /api/v1/retention": "viewer",
  "POST /api/v1/scheduled": "operator",
  "GET /api/v1/scheduled": "viewer",
  "GET /api/v1/scheduled/:id": "viewer",
  "POST /api/v1/scheduled/:id/cancel": "operator",
  "GET /api/v1/notifications": "viewer",
  "GET /api/v1/notifications/:name": "viewer",
  "POST /api/v1/notifications": "admin",
  "POST /api/v1/notifications/:name/remove": "admin",
  "POST /api/v1/notifications/:name/test": "operator",
  "GET /api/v1/drains": "viewer",
  "GET /api/v1/farms/:farm/drain": "viewer",
  "POST /api/v1/farms/:farm/drain": "admin",
  "POST /api/v1/farms/:farm/drain/remove": "admin",
  "POST /api/v1/hosts/:name/drain": "operator",
  "POST /api/v1/hosts/:name/undrain": "operator",
  "POST /api/v1/rollouts/plan": "viewer (read-only)",
  "POST /api/v1/rollouts": "operator",
  "GET /api/v1/rollouts": "viewer",
  "GET /api/v1/rollouts/:id": "viewer",
  "POST /api/v1/rollouts/:id/pause": "operator",
  "POST /api/v1/rollouts/:id/resume": "operator",
  "POST /api/v1/rollouts/:id/abort": "operator",
  "POST /api/v1/rollouts/:id/approve": "operator",
  "POST /api/v1/rollouts/:id/hosts/:host/retry": "operator",
  "POST /api/v1/rollouts/:id/hosts/:host/skip": "operator",
  "GET /api/v1/status": "viewer",
  "GET /api/v1/windows": "viewer",
  "POST /api/v1/windows": "admin",
  "GET /api/v1/windows/:name": "viewer",
  "POST /api/v1/windows/:name/remove": "admin",
  "GET /api/v1/whoami": "viewer",
  "GET /api/v1/tokens": "admin",
  "POST /api/v1/tokens": "admin",
  "POST /api/v1/tokens/:id/revoke": "admin",
  "GET /api/v1/audit": "admin",
  "GET /api/v1/events": "viewer",
  "GET /metrics": "viewer",
  "GET /api/v1/openapi.json": "public",
  "GET /": "public",
  "GET /ui/:file": "public",
  "GET /ui/vendor/:file": "public",
};

const log = createLogger("test", "silent");
let routes: AllRoutes;
let http: JsonHttpServer;

beforeAll(() => {
  routes = allRoutes();
  http = routes.http;
});

afterAll(() => routes?.close());

describe("route access", () => {
  it("every registered route has the role this table says, and the table has no route that is not registered", () => {
    const actual = Object.fromEntries(
      http.routeList().map((r) => [`${r.method} ${r.path}`, r.access + (r.method !== "GET" && !r.audited ? " (read-only)" : "")]),
    );
    expect(actual).toEqual(EXPECTED);
  });

  it("every request that changes something is audited and needs at least an operator; reads never need more than a viewer", () => {
    for (const r of http.routeList()) {
      const key = `${r.method} ${r.path}`;
      if (r.audited) expect(["operator", "admin"], key).toContain(r.access);
      else if (r.path !== "/api/v1/tokens" && r.path !== "/api/v1/audit") expect(["viewer", "public"], key).toContain(r.access);
    }
  });

  it("without access control, a server answers its public routes only (fail closed)", async () => {
    const ok = z.object({ ok: z.boolean() });
    const bare = new JsonHttpServer(log)
      .implement(route({ method: "GET", path: "/open", access: "public", summary: "open", tag: "meta", response: ok }), () => ({ ok: true }))
      .implement(route({ method: "GET", path: "/closed", access: "viewer", summary: "closed", tag: "meta", response: ok }), () => ({ ok: true }));
    const { port } = await bare.listen("127.0.0.1", 0);
    try {
      expect((await fetch(`http://127.0.0.1:${port}/open`)).status).toBe(200);
      const closed = await fetch(`http://127.0.0.1:${port}/closed`);
      expect(closed.status).toBe(401);
      expect(((await closed.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    } finally {
      await bare.close();
    }
  });
});
