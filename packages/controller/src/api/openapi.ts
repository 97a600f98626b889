import { z } from "zod";
import type { Access } from "../auth/roles.js";
import type { AnyRoute, RawAnswer } from "./contract/route.js";
import { errorView } from "./contract/views.js";

/** A JSON Schema (2020-12, the dialect OpenAPI 3.1 uses) as zod writes it. */
type JsonSchema = Record<string, unknown>;

/** An operation object: the members clients navigate by are typed, OpenAPI's others allowed. */
export interface OpenApiOperation {
  operationId: string;
  summary: string;
  tags: string[];
  responses: Record<string, Record<string, unknown>>;
  [member: string]: unknown;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: Array<{ url: string; description: string }>;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, Record<string, unknown>> };
  tags: Array<{ name: string; description: string }>;
}

/** Routes that are the API (the dashboard's files at / and /ui/ are not). */
export function isApiRoute(path: string): boolean {
  return path.startsWith("/api/") || path === "/metrics";
}

/** "/api/v1/hosts/:name" -> "/api/v1/hosts/{name}" */
export function openApiPath(path: string): string {
  return path.replace(/:([a-zA-Z]+)/g, "{$1}");
}

/**
 * The OpenAPI 3.1 description, generated from the routes' declarations (api/contract/routes.ts) with zod 4's own
 * `z.toJSONSchema` (no generator dependency): request schemas are the ones the router parses with, response schemas
 * the views the router answers with, so neither can drift from the code. Views with an id (`.meta({ id })`) become
 * components.
 */
export function buildOpenApi(routes: readonly AnyRoute[], version: string): OpenApiDocument {
  const components: Record<string, JsonSchema> = {};
  // The error envelope first: every operation's error answers refer to it.
  jsonSchema(errorView, "output", components);
  const paths: OpenApiDocument["paths"] = {};
  for (const route of routes) {
    if (route.hidden || !isApiRoute(route.path)) continue;
    const item = (paths[openApiPath(route.path)] ??= {});
    item[route.method.toLowerCase()] = { ...operation(route, components), ...security(route.access) };
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
    servers: [{ url: "/", description: "The controller that serves this description (its --listen address)." }],
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
      schemas: components,
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

const ERROR_REF = { $ref: `#/components/schemas/${errorView.meta()?.id ?? "Error"}` };
const errorAnswer = (description: string) => ({ description, content: { "application/json": { schema: ERROR_REF } } });

function operation(route: AnyRoute, components: Record<string, JsonSchema>): OpenApiOperation {
  const { method, path } = route;
  const keys = [...path.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1] as string);
  const parameters: Array<Record<string, unknown>> = keys.map((name) => {
    const declared = route.params?.[name];
    return { name, in: "path", required: true, schema: declared ? jsonSchema(declared, "input", components) : { type: "string" } };
  });
  if (route.query) parameters.push(...queryParameters(route.query, components));
  const op: OpenApiOperation = {
    operationId: operationId(method, path),
    responses: {},
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
  };
  if (route.body) {
    const schema = jsonSchema(route.body, "input", components);
    const required = Array.isArray(schema.required) && schema.required.length > 0;
    op.requestBody = { required, content: { "application/json": { schema } } };
  }
  const ok = isRaw(route.response)
    ? { description: route.response.description, content: { [route.response.contentType]: { schema: { type: "string" } } } }
    : { description: route.responseDescription ?? "OK", content: { "application/json": { schema: jsonSchema(route.response, "output", components) } } };
  op.responses = {
    "200": ok,
    ...(route.query || route.body || keys.length > 0 ? { "400": errorAnswer("INVALID_INPUT: a field is missing, misspelt or out of range; the message and details.issues name it.") } : {}),
    ...(route.access === "public"
      ? {}
      : {
          "401": errorAnswer("UNAUTHENTICATED: no token, or one that is unknown, revoked or expired."),
          "403": errorAnswer("FORBIDDEN: the token's role is below the route's x-required-role."),
        }),
    ...Object.fromEntries(Object.entries(route.errors ?? {}).map(([status, when]) => [status, errorAnswer(when)])),
    default: errorAnswer("An error, with a stable code and one sentence."),
  };
  if (route.cli) op["x-cli"] = route.cli;
  const ws = route.extensions?.websocket as { description: string; query: z.ZodObject; messages: Record<string, z.ZodType> } | undefined;
  if (ws) {
    op["x-websocket"] = {
      description: ws.description,
      parameters: queryParameters(ws.query, components),
      messages: Object.fromEntries(Object.entries(ws.messages).map(([name, schema]) => [name, jsonSchema(schema, "output", components)])),
    };
  }
  return op;
}

function isRaw(response: AnyRoute["response"]): response is RawAnswer {
  return !(response instanceof z.ZodType);
}

/** A zod object's properties as OpenAPI query parameters; repeated keys (arrays) are form-exploded. */
function queryParameters(query: z.ZodType, components: Record<string, JsonSchema>): Array<Record<string, unknown>> {
  const schema = jsonSchema(query, "input", components);
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

/**
 * A schema as JSON Schema 2020-12. Views with an id are moved into `components` and referenced from there (zod puts
 * them in the schema's own $defs, which a reference from inside an OpenAPI document cannot reach).
 */
function jsonSchema(schema: z.ZodType, io: "input" | "output", components: Record<string, JsonSchema>): JsonSchema {
  // "any" for what JSON Schema cannot say (transforms' outputs); the routes' own parsing stays the authority.
  const generated = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  const text = JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/');
  const { $schema: _dialect, $defs, ...rest } = JSON.parse(text) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  for (const [id, def] of Object.entries($defs ?? {})) components[id] ??= def;
  // A view with an id at the top: a reference, like everywhere else it is used.
  const id = io === "output" ? (z.globalRegistry.get(schema) as { id?: string } | undefined)?.id : undefined;
  if (id !== undefined) {
    components[id] ??= rest;
    return { $ref: `#/components/schemas/${id}` };
  }
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
