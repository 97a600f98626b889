// The OpenAPI description: every route the controller registers is in it and documented, every API call the CLI
// makes is in it, and a running controller serves it.
import { readFileSync, readdirSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validate } from "@readme/openapi-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, readAdminToken } from "../../../test/support/auth.js";
import { startNatsServer } from "../../../test/support/nats-server.js";
import type { JsonHttpServer } from "../src/api/http-server.js";
import { ROUTES } from "../src/api/contract/routes.js";
import { type OpenApiDocument, buildOpenApi, isApiRoute, openApiPath } from "../src/api/openapi.js";
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
  doc = buildOpenApi(http.declarations(), "test");
});

afterAll(() => routes?.close());

type Operation = Record<string, unknown> & { parameters?: Array<{ name: string; in: string }>; requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } };
const op = (method: string, path: string) => doc.paths[openApiPath(path)]?.[method.toLowerCase()] as Operation | undefined;

/** Where a schema says "an object" and nothing about what is in it; `{}` (any) counts too. */
function untypedObjects(schema: unknown, at: string, found: string[] = []): string[] {
  if (schema === null || typeof schema !== "object") return found;
  const s = schema as Record<string, unknown>;
  const keys = Object.keys(s).filter((k) => k !== "description" && k !== "default");
  const says = ["properties", "additionalProperties", "patternProperties", "$ref", "anyOf", "oneOf", "allOf", "items", "enum", "const", "propertyNames"];
  if (keys.length === 0 || (s.type === "object" && !keys.some((k) => says.includes(k)))) found.push(at);
  for (const [k, v] of Object.entries(s)) {
    if (k === "properties" || k === "$defs") for (const [name, sub] of Object.entries(v as object)) untypedObjects(sub, `${at}.${name}`, found);
    // A loose object (declared properties, others allowed) says what it has; its "any other key" is not a hole.
    else if (k === "additionalProperties" && s.properties && Object.keys(v as object).length === 0) continue;
    else if (k === "items" || k === "additionalProperties") untypedObjects(v, `${at}[]`, found);
    else if (Array.isArray(v) && (k === "anyOf" || k === "oneOf" || k === "allOf")) v.forEach((sub, i) => untypedObjects(sub, `${at}|${i}`, found));
  }
  return found;
}

describe("OpenAPI description", () => {
  it("is a valid OpenAPI document, by a real validator", async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, JSON.stringify(result.valid ? [] : result.errors, null, 1).slice(0, 3000)).toBe(true);
  });

  it("types every success response: no JSON answer is an untyped object", () => {
    const untyped: string[] = [];
    let responses = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, o] of Object.entries(item)) {
        const ok = (o as { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }).responses["200"];
        const json = ok?.content?.["application/json"];
        if (!json) continue;
        responses++;
        untypedObjects(json.schema, `${method.toUpperCase()} ${path}`, untyped);
      }
    }
    for (const [name, schema] of Object.entries(doc.components.schemas)) untypedObjects(schema, `#/components/schemas/${name}`, untyped);
    expect(responses).toBeGreaterThan(30);
    // Free-form on purpose: an event's data, a command's options, error details. Nothing else.
    expect(untyped.filter((u) => !/\.(data|options|details)(\[\])?$/.test(u))).toEqual([]);
  });

  it("names the server it describes, and answers errors with one envelope", () => {
    expect(doc.servers?.[0]?.url).toMatch(/^(https?:\/\/|\/)/);
    expect(doc.components.schemas.Error).toMatchObject({ type: "object", required: ["error"] });
    const reset = op("POST", "/api/v1/hosts/:name/reset") as { responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
    for (const status of ["400", "401", "403", "default"]) {
      expect(reset.responses[status]?.content?.["application/json"]?.schema, status).toEqual({ $ref: "#/components/schemas/Error" });
    }
  });

  it("serves every declared route and only those, and describes every API route with its path parameters and request body", () => {
    const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
    // The router serves exactly the declarations: no handler without one, no declaration without a handler.
    expect(http.declarations().map(key).sort()).toEqual(Object.values(ROUTES).map(key).sort());
    const routes = http.declarations().filter((r) => isApiRoute(r.path) && !r.hidden);
    expect(routes.length).toBeGreaterThan(30);
    for (const r of routes) {
      const o = op(r.method, r.path);
      expect(o, `${key(r)} is missing from the description`).toBeDefined();
      const pathParams = [...r.path.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1]);
      expect(o?.parameters?.filter((p) => p.in === "path").map((p) => p.name) ?? [], key(r)).toEqual(pathParams);
      if (r.method === "POST") expect(o?.requestBody, `${key(r)} takes a body: declare its zod schema in src/api/contract/routes.ts`).toBeDefined();
    }
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
    expect(reset.properties.level?.enum).toEqual(["recycle", "w3svc", "iis", "http", "site"]);
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
