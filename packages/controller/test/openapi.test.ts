// The OpenAPI description: every route the controller registers is in it and documented, every API call the CLI
// makes is in it, and a running controller serves it.
import { readFileSync, readdirSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, readAdminToken } from "../../../test/support/auth.js";
import { startNatsServer } from "../../../test/support/nats-server.js";
import type { JsonHttpServer } from "../src/api/http-server.js";
import { ROUTE_DOCS } from "../src/api/openapi-docs.js";
import { type OpenApiDocument, buildOpenApi, docKey, isApiRoute, openApiPath } from "../src/api/openapi.js";
import { startController } from "../src/daemon.js";
import { createLogger } from "../src/log.js";
import { type AllRoutes, allRoutes } from "./support/all-routes.js";

const log = createLogger("test", "silent");
let routes: AllRoutes;
let http: JsonHttpServer;
let doc: OpenApiDocument;

beforeAll(() => {
  routes = allRoutes();
  http = routes.http;
  doc = buildOpenApi(http.routeList(), "test");
});

afterAll(() => routes?.close());

type Operation = Record<string, unknown> & { parameters?: Array<{ name: string; in: string }>; requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } };
const op = (method: string, path: string) => doc.paths[openApiPath(path)]?.[method.toLowerCase()] as Operation | undefined;

describe("OpenAPI description", () => {
  it("documents every registered API route, with its path parameters and request body", () => {
    const routes = http.routeList().filter((r) => isApiRoute(r.path));
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) {
      const key = docKey(r.method, r.path);
      const o = op(r.method, r.path);
      expect(o, `${key} is missing from the description`).toBeDefined();
      expect(o?.["x-undocumented"], `${key} has no RouteDoc: add "${key}" to ROUTE_DOCS in src/api/openapi-docs.ts`).toBeUndefined();
      const pathParams = [...r.path.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1]);
      expect(o?.parameters?.filter((p) => p.in === "path").map((p) => p.name) ?? [], key).toEqual(pathParams);
      if (r.method === "POST") expect(o?.requestBody, `${key} takes a body: give its RouteDoc the zod schema`).toBeDefined();
    }
    // And nothing documented that is not served.
    const served = new Set(routes.map((r) => docKey(r.method, r.path)));
    expect(Object.keys(ROUTE_DOCS).filter((k) => !served.has(k))).toEqual([]);
  });

  it("covers every API call the CLI makes", () => {
    const dir = new URL("../src/cli/", import.meta.url);
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    const calls = new Set<string>();
    for (const f of files) {
      // Interpolations become one path segment's worth of text; the query string is not part of the path.
      const text = readFileSync(new URL(f, dir), "utf8").replace(/\$\{[^}]*\}/g, "X");
      for (const m of text.matchAll(/[`"](\/api\/v1\/[^`"?]*)/g)) calls.add(m[1] as string);
    }
    expect(calls.size).toBeGreaterThan(8);
    // Segment by segment; an interpolated segment (X) may be a path parameter or a literal (e.g. the action).
    const matches = (call: string, path: string) => {
      const [a, b] = [call.split("/"), path.split("/")];
      return a.length === b.length && a.every((seg, i) => seg === b[i] || seg === "X" || /^\{.+\}$/.test(b[i] ?? ""));
    };
    expect([...calls].filter((c) => !Object.keys(doc.paths).some((p) => matches(c, p)))).toEqual([]);
  });

  it("takes request schemas from the routes' own zod schemas, and describes the WebSocket stream", () => {
    const reset = op("POST", "/api/v1/hosts/:name/reset")?.requestBody?.content["application/json"]?.schema as {
      additionalProperties: boolean;
      properties: Record<string, { enum?: string[]; default?: unknown }>;
    };
    expect(reset.additionalProperties).toBe(false);
    expect(reset.properties.level?.enum).toEqual(["recycle", "w3svc", "iis", "http"]);
    expect(reset.properties.force?.default).toBe(false);
    const status = op("GET", "/api/v1/status");
    expect(status?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(["farm", "tag", "host", "live", "timeoutMs", "detail"]));
    const events = op("GET", "/api/v1/events") as { "x-websocket": { messages: Record<string, unknown>; parameters: Array<{ name: string }> } };
    expect(Object.keys(events["x-websocket"].messages)).toEqual(["hello", "events", "fleet"]);
    expect(events["x-websocket"].parameters.map((p) => p.name)).toEqual(["since", "kinds"]);
    expect(op("GET", "/metrics")?.responses).toMatchObject({ "200": { content: { "text/plain; version=0.0.4": {} } } });
    expect(doc.paths["/"]).toBeUndefined(); // the dashboard's files are not API
  });

  it("declares the bearer scheme, and each route's role: public, viewer, operator or admin", () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(op("GET", "/api/v1/openapi.json")).toMatchObject({ security: [], "x-required-role": "public" });
    expect(op("GET", "/api/v1/hosts")).toMatchObject({ security: [{ bearer: [] }], "x-required-role": "viewer" });
    expect(op("POST", "/api/v1/rollouts")).toMatchObject({ security: [{ bearer: [] }], "x-required-role": "operator" });
    expect(op("POST", "/api/v1/windows")?.["x-required-role"]).toBe("admin");
    expect(Object.keys(op("POST", "/api/v1/rollouts")?.responses as object)).toEqual(expect.arrayContaining(["401", "403"]));
  });

  it("is served at /api/v1/openapi.json by a running controller", async () => {
    const nats = await startNatsServer();
    const dir = mkdtempSync(join(tmpdir(), "iisfleet-openapi-"));
    const ctl = await startController({ natsServers: [nats.url], dbPath: join(dir, "db.sqlite"), listenHost: "127.0.0.1", listenPort: 0, log });
    try {
      const res = await fetch(`${ctl.url}/api/v1/openapi.json`);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      const served = (await res.json()) as OpenApiDocument;
      expect(served.openapi).toBe("3.1.0");
      expect(Object.keys(served.paths).sort()).toEqual(Object.keys(doc.paths).sort());
      // Queries are validated like bodies: a misspelt parameter is refused, not ignored.
      for (const path of ["/api/v1/commands?hots=web01", "/api/v1/rollouts?limt=5", "/api/v1/events?since=-1"]) {
        const r = await fetch(`${ctl.url}${path}`, { headers: bearer(readAdminToken(join(dir, "db.sqlite"))) });
        expect(r.status, path).toBe(400);
        expect(((await r.json()) as { error: { code: string } }).error.code).toBe("INVALID_INPUT");
      }
    } finally {
      await ctl.stop();
      await nats.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
