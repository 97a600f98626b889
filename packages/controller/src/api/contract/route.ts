import type { z } from "zod";
import type { Access } from "../../auth/roles.js";

export type RouteTag = "fleet" | "commands" | "rollouts" | "events" | "meta" | "windows" | "access" | "drain" | "notify" | "scheduled";

/** An answer that is not JSON (metrics text, the dashboard's files): its content type, for the description. */
export interface RawAnswer {
  contentType: string;
  description: string;
}

/**
 * One route, declared once: the router dispatches from it (who may call it, what it parses), and the OpenAPI
 * description is generated from it. Nothing else lists routes.
 */
export interface RouteSpec<
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType | RawAnswer = z.ZodType | RawAnswer,
> {
  method: "GET" | "POST";
  /** "/api/v1/hosts/:name" */
  path: string;
  /** The lowest role that may call it, or "public" (no token). Declared for every route: there is no default. */
  access: Access;
  /** A POST that changes nothing (a dry-run plan): not written to the audit log. Every other non-GET route is. */
  readOnly?: boolean;
  /** What the request acts on, for the audit log; default: the path parameters joined by "/". */
  target?: (r: { params: Record<string, string>; body: unknown; result: unknown }) => string | undefined;
  summary: string;
  description?: string;
  tag: RouteTag;
  /** The CLI command that calls it, if one does. */
  cli?: string;
  /** Documented only: handlers parse their path parameters with the domain's own parsers (host names, ids). */
  params?: Record<string, z.ZodType>;
  /** Parsed by the router; a misspelt parameter is a 400 (the schemas are strict). */
  query?: Q;
  /** Parsed by the router from the JSON body. */
  body?: B;
  /** The 200 answer: a view (api/contract/views.ts), or raw bytes. */
  response: R;
  /** What the 200 means, when the view's name does not say it. */
  responseDescription?: string;
  /** Error answers this route is known to give, beside 400/401/403: status -> when. */
  errors?: Partial<Record<404 | 409 | 415 | 503 | 504, string>>;
  /** Not part of the API (the dashboard's files): served, not described. */
  hidden?: boolean;
  /** Extra OpenAPI extension members (x-websocket). */
  extensions?: Record<string, unknown>;
}

export type AnyRoute = RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | RawAnswer>;

/** Keeps the literal schema types of one declaration, so a handler's input and answer are typed from it. */
export function route<Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined, R extends z.ZodType | RawAnswer = z.ZodType>(
  spec: RouteSpec<Q, B, R>,
): RouteSpec<Q, B, R> {
  return spec;
}

/** A route's identity in the audit log and error sentences: "POST /api/v1/rollouts/:id/pause". */
export const routeId = (method: string, path: string) => `${method} ${path}`;
