import { z } from "zod";
import type { Access } from "../auth/roles.js";
import { EVENTS_PATH } from "./events-ws.js";
import { ROUTE_DOCS, type RouteDoc, STREAM_MESSAGES, STREAM_QUERY, eventRow } from "./openapi-docs.js";

/** A JSON Schema (2020-12, the dialect OpenAPI 3.1 uses) as zod writes it. */
type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, Record<string, unknown>> };
  tags: Array<{ name: string; description: string }>;
}

/** Routes that are the API (the dashboard's files at / and /ui/ are not). */
export function isApiRoute(path: string): boolean {
  return path.startsWith("/api/") || path === "/metrics";
}

export const docKey = (method: string, path: string) => `${method} ${path}`;

/** "/api/v1/hosts/:name" -> "/api/v1/hosts/{name}" */
export function openApiPath(path: string): string {
  return path.replace(/:([a-zA-Z]+)/g, "{$1}");
}

/**
 * The OpenAPI 3.1 description of the routes actually registered, assembled from their zod schemas with zod 4's own
 * `z.toJSONSchema` (no generator dependency). Built from the router's list, so a route is never missing; a route
 * without a RouteDoc is marked `x-undocumented` (and the test says which entry to add).
 */
export function buildOpenApi(routes: ReadonlyArray<{ method: string; path: string; access: Access }>, version: string): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const { method, path, access } of routes) {
    if (!isApiRoute(path)) continue;
    const doc = ROUTE_DOCS[docKey(method, path)];
    const item = (paths[openApiPath(path)] ??= {});
    item[method.toLowerCase()] = { ...operation(method, path, doc), ...security(access) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "iisfleet controller API",
      version,
      description:
        "Coordinated, safe IIS resets. JSON over HTTP; every error is { error: { code, message, details? } } with a " +
        "stable code. The iisfleet CLI is only a client of these routes. Every route but this description needs a " +
        "bearer token (Authorization: Bearer iisf_…) whose role — viewer < operator < admin — reaches the route's " +
        "x-required-role: 401 UNAUTHENTICATED without a valid token, 403 FORBIDDEN with too small a role.",
    },
    tags: [
      { name: "fleet", description: "Hosts and their state" },
      { name: "commands", description: "Resets and cordons on one host, and their history" },
      { name: "rollouts", description: "Rolling resets across a farm" },
      { name: "events", description: "The event log, and its live stream over WebSocket" },
      { name: "windows", description: "Maintenance windows" },
      { name: "access", description: "API tokens and the audit log" },
      { name: "drain", description: "Load-balancer drain: out of rotation before a reset, back after" },
      { name: "notify", description: "Notifications: events POSTed to webhooks (generic JSON, Teams, Slack), at least once" },
      { name: "scheduled", description: "Resets and rollouts started at a set time (--at)" },
      { name: "meta", description: "Health, metrics, this description" },
    ],
    paths,
    components: {
      schemas: {
        Error: jsonSchema(
          z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }) }),
          "output",
        ),
        Event: jsonSchema(eventRow, "output"),
      },
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description:
            "An iisfleet API token (iisf_…), from `iisfleet token create` or, on a fresh install, the admin.token file " +
            "beside the database. On the WebSocket: the subprotocols iisfleet.v1 and iisfleet.bearer.<token>.",
        },
      },
    },
  };
}

/** The route's security requirement, its role as an extension, and its 401/403 answers. */
function security(access: Access): Record<string, unknown> {
  if (access === "public") return { security: [], "x-required-role": "public" };
  return { security: [{ bearer: [] }], "x-required-role": access };
}

function operation(method: string, path: string, doc: RouteDoc | undefined): Record<string, unknown> {
  const keys = [...path.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1] as string);
  const parameters: Array<Record<string, unknown>> = keys.map((name) => ({
    name,
    in: "path",
    required: true,
    schema: doc?.params?.[name] ? jsonSchema(doc.params[name], "input") : { type: "string" },
  }));
  if (doc?.query) parameters.push(...queryParameters(doc.query));
  const op: Record<string, unknown> = {
    operationId: operationId(method, path),
    summary: doc?.summary ?? `${method} ${path}`,
    ...(doc?.description ? { description: doc.description } : {}),
    tags: [doc?.tag ?? "meta"],
    ...(parameters.length > 0 ? { parameters } : {}),
  };
  if (doc?.body) {
    const schema = jsonSchema(doc.body, "input");
    const required = Array.isArray(schema.required) && schema.required.length > 0;
    op.requestBody = { required, content: { "application/json": { schema } } };
  }
  const response = doc?.response;
  const contentType = response?.contentType ?? "application/json";
  op.responses = {
    "200": {
      description: response?.description ?? "OK",
      content: { [contentType]: { schema: response?.schema ? jsonSchema(response.schema, "output") : contentType === "application/json" ? { type: "object" } : { type: "string" } } },
    },
    "401": { description: "UNAUTHENTICATED: no token, or one that is unknown, revoked or expired.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    "403": { description: "FORBIDDEN: the token's role is below the route's x-required-role.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    default: { description: "An error, with a stable code and one sentence.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  };
  if (doc?.cli) op["x-cli"] = doc.cli;
  if (!doc) op["x-undocumented"] = true;
  if (method === "GET" && path === EVENTS_PATH) op["x-websocket"] = websocketExtension();
  return op;
}

function websocketExtension(): Record<string, unknown> {
  return {
    description: "Send the GET with Upgrade: websocket. The server sends JSON text frames; clients send nothing.",
    parameters: queryParameters(STREAM_QUERY),
    messages: Object.fromEntries(Object.entries(STREAM_MESSAGES).map(([name, schema]) => [name, jsonSchema(schema, "output")])),
  };
}

/** A zod object's properties as OpenAPI query parameters; repeated keys (arrays) are form-exploded. */
function queryParameters(query: z.ZodObject): Array<Record<string, unknown>> {
  const schema = jsonSchema(query, "input");
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: "query",
    required: required.has(name),
    schema: s,
    ...(s.type === "array" ? { style: "form", explode: true } : {}),
  }));
}

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  // "any" for what JSON Schema cannot say (transforms' outputs); the routes' own parsing stays the authority.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  return rest;
}

function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, "")
    .split("/")
    .filter(Boolean)
    .map((seg) => (seg.startsWith(":") ? `by-${seg.slice(1)}` : seg.replace(/\.json$/, "")));
  return [method.toLowerCase(), ...words].join("-").replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}
