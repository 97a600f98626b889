import { randomUUID } from "node:crypto";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { z } from "zod";
import { type AccessControl, type Principal, actorName } from "../auth/access-control.js";
import type { Access } from "../auth/roles.js";
import { ForbiddenError, IisfleetError, InvalidInputError, UnauthenticatedError } from "../errors.js";
import type { Logger } from "../log.js";
import { clientAddress } from "./client-address.js";
import { type AnyRoute, routeId } from "./contract/route.js";
import { StreamedJson, writeStreamedJson } from "./json-stream.js";

/** Who is calling a route: the authenticated token (null on a public route), and the name history records. */
export interface Caller {
  principal: Principal | null;
  /** The recorded "who": the token's name, with the name the client claimed after a colon when it differs. */
  actor(claimed?: string): string;
}

type Parsed<S> = [NonNullable<S>] extends [never] ? undefined : NonNullable<S> extends z.ZodType ? z.output<NonNullable<S>> : undefined;

/**
 * What a route's handler answers: its declared view (the router strips what the view does not declare), a stream of
 * it (big status answers, written as they are serialized), or raw bytes when the route declares no JSON answer.
 */
export type Answer<R> = R extends z.ZodType ? z.input<R> | StreamedJson : RawResponse;

/** The request as the route declared it: query and body already parsed by its schemas. */
export interface RouteRequest<S extends AnyRoute> {
  params: Record<string, string>;
  query: Parsed<S["query"]>;
  body: Parsed<S["body"]>;
  caller: Caller;
}

export type Handler<S extends AnyRoute> = (req: RouteRequest<S>) => Promise<Answer<S["response"]>> | Answer<S["response"]>;

/** A handler's answer that is not JSON (metrics text, dashboard files): sent as is. */
export class RawResponse {
  constructor(
    readonly contentType: string,
    readonly body: string | Uint8Array,
    readonly headers: Record<string, string> = {},
    readonly status = 200,
  ) {}
}

/** Takes over a connection that asked to switch protocols (the WebSocket endpoint). */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

interface Route {
  spec: AnyRoute;
  pattern: RegExp;
  keys: string[];
  /** Query keys whose schema is an array: repeated in the query string (?host=a&host=b). */
  listKeys: ReadonlySet<string>;
  handler: (req: RouteRequest<AnyRoute>) => unknown;
}

export { routeId };

const MAX_BODY_BYTES = 64 * 1024;

/** A deliberately small JSON router on node:http: the API has a handful of routes and no framework is needed. */
export class JsonHttpServer {
  private readonly routes: Route[] = [];
  private server: Server | undefined;
  private upgradeHandler: UpgradeHandler | undefined;
  private writeGuard: (() => void) | undefined;

  /** Without access control, only public routes answer; every other one is refused (fail closed). */
  constructor(
    private readonly log: Logger,
    private readonly accessControl?: AccessControl,
    /** Reverse proxies believed about X-Forwarded-For (see client-address.ts). */
    private readonly trustedProxies: ReadonlySet<string> = new Set(),
  ) {}

  /** Serves one declared route (api/contract/routes.ts) with its handler; each declaration at most once. */
  implement<S extends AnyRoute>(spec: S, handler: Handler<NoInfer<S>>): this {
    if (this.routes.some((r) => r.spec === spec || (r.spec.method === spec.method && r.spec.path === spec.path))) {
      throw new Error(`${routeId(spec.method, spec.path)} is implemented twice`);
    }
    const keys: string[] = [];
    const pattern = new RegExp(
      `^${spec.path.replace(/:([a-zA-Z]+)/g, (_m, key: string) => {
        keys.push(key);
        return "([^/]+)";
      })}$`,
    );
    this.routes.push({ spec, pattern, keys, listKeys: listKeysOf(spec.query), handler: handler as Route["handler"] });
    return this;
  }

  /** Every served route's declaration, in registration order. */
  declarations(): AnyRoute[] {
    return this.routes.map((r) => r.spec);
  }

  /** Every served route, with who may call it. */
  routeList(): Array<{ method: string; path: string; access: Access; audited: boolean }> {
    return this.routes.map((r) => ({ method: r.spec.method, path: r.spec.path, access: r.spec.access, audited: isAudited(r) }));
  }

  /**
   * Asked before every write (a route that is audited: not GET, not read-only), once the caller is admitted and before
   * anything is audited; it throws to refuse (a standby controller refuses writes with NOT_LEADER, and keeps its
   * history as the leader sends it, without rows of its own).
   */
  guardWrites(guard: () => void): this {
    this.writeGuard = guard;
    return this;
  }

  /** Without a handler, upgrade requests are refused (the connection is closed). */
  onUpgrade(handler: UpgradeHandler): this {
    this.upgradeHandler = handler;
    return this;
  }

  async listen(host: string, port: number): Promise<AddressInfo> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (this.upgradeHandler) this.upgradeHandler(req, socket, head);
      else socket.destroy();
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
    return server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const requestId = randomUUID();
    res.setHeader("x-request-id", requestId);
    let audit: ((status: number, result: unknown, err?: IisfleetError) => void) | undefined;
    try {
      const candidates = this.routes.filter((r) => r.pattern.test(url.pathname));
      if (candidates.length === 0) throw new IisfleetError("NOT_FOUND", `No API route ${url.pathname}.`, 404);
      const route = candidates.find((r) => r.spec.method === req.method);
      if (!route) throw new IisfleetError("METHOD_NOT_ALLOWED", `${req.method} is not allowed on ${url.pathname}.`, 405);
      const match = route.pattern.exec(url.pathname) as RegExpExecArray;
      const params: Record<string, string> = {};
      let badEncoding: string | undefined;
      route.keys.forEach((k, i) => {
        const raw = match[i + 1] ?? "";
        try {
          params[k] = decodeURIComponent(raw);
        } catch {
          // A malformed %-sequence is the client's mistake (400, audited below like any refusal), not ours (500).
          params[k] = raw;
          badEncoding ??= raw;
        }
      });
      // Who is calling is settled before the body is read: nothing from a refused caller is parsed.
      const entry = {
        requestId,
        action: routeId(route.spec.method, route.spec.path),
        method: route.spec.method,
        path: url.pathname,
        target: defaultTarget(params),
        remote: clientAddress(req.socket.remoteAddress ?? "", req.headers["x-forwarded-for"], this.trustedProxies),
      };
      let principal: Principal | null = null;
      try {
        principal = this.admit(req, route);
      } catch (err) {
        const e = toHttpError(err);
        if (isAudited(route) && this.accessControl) {
          this.accessControl.recordAttempt({ ...entry, tokenId: null, actor: "anonymous", role: null, status: e.httpStatus, code: e.code, message: e.message, ...refusedWho(err) });
        }
        throw e;
      }
      const seen: { body?: unknown } = {};
      // An authenticated caller learns who leads; nothing is recorded here (a standby's history is the leader's).
      if (isAudited(route)) this.writeGuard?.();
      if (isAudited(route) && this.accessControl && principal) {
        const ac = this.accessControl;
        // Committed before the action runs: no action without its row, even if the controller dies during it.
        const id = ac.recordAttempt({ ...entry, tokenId: principal.tokenId, actor: principal.name, role: principal.role });
        audit = (status, result, err) => {
          audit = undefined;
          try {
            const target = route.spec.target?.({ params, body: seen.body, result }) || entry.target;
            ac.recordOutcome(id, status, target, err?.code, err?.message);
          } catch (e) {
            // The row exists (status unknown); the action's own answer is still the truth to send.
            this.log.error({ err: e, requestId }, "could not complete the audit row");
          }
        };
      }
      if (badEncoding !== undefined) {
        throw new InvalidInputError(`The path holds a malformed %-escape ("${badEncoding.slice(0, 80)}").`, { path: url.pathname.slice(0, 200) });
      }
      seen.body = req.method === "POST" || req.method === "PUT" ? await readJson(req) : undefined;
      const { spec } = route;
      const query = spec.query ? spec.query.parse(queryInput(url.searchParams, route.listKeys)) : undefined;
      const body = spec.body ? spec.body.parse(seen.body) : undefined;
      const result = viewOf(spec, await route.handler({ params, query, body, caller: callerOf(principal) }));
      // Before the answer is sent: a client that saw the answer can find the row.
      audit?.(200, result);
      await this.answer(res, url.pathname, result);
    } catch (err) {
      const e = toHttpError(err);
      audit?.(e.httpStatus, undefined, e);
      if (e.httpStatus >= 500) this.log.error({ err, path: url.pathname }, e.message);
      if (e.httpStatus === 401) res.setHeader("www-authenticate", 'Bearer realm="iisfleet"');
      if (e.httpStatus === 403 && e.code === "FORBIDDEN") res.setHeader("www-authenticate", 'Bearer realm="iisfleet", error="insufficient_scope"');
      send(res, e.httpStatus, { error: e.toJSON() });
    }
  }

  private async answer(res: ServerResponse, path: string, result: unknown): Promise<void> {
    if (result instanceof StreamedJson) {
      const failed = await writeStreamedJson(res, result);
      if (failed) this.log.error({ err: failed, path }, "answer cut short while streaming");
      return;
    }
    send(res, 200, result);
  }

  /** The caller's principal, or null on a public route; throws 401 or 403. */
  private admit(req: IncomingMessage, route: Route): Principal | null {
    const need = route.spec.access;
    if (need === "public") return null;
    if (!this.accessControl) throw new UnauthenticatedError("This server has no token store: only its public routes answer.");
    const principal = this.accessControl.authenticateHeader(req.headers.authorization);
    this.accessControl.authorize(principal, need, routeId(route.spec.method, route.spec.path));
    return principal;
  }
}

function isAudited(r: Route): boolean {
  return r.spec.method !== "GET" && !r.spec.readOnly;
}

/** Query keys whose schema is an array (read with getAll); every other key is single. */
function listKeysOf(query: z.ZodType | undefined): ReadonlySet<string> {
  if (!query) return new Set();
  const schema = z.toJSONSchema(query, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, { type?: unknown }> };
  return new Set(Object.entries(schema.properties ?? {}).filter(([, p]) => p.type === "array").map(([k]) => k));
}

function queryInput(query: URLSearchParams, listKeys: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(query.keys())) out[key] = listKeys.has(key) ? query.getAll(key) : query.get(key);
  return out;
}

/**
 * The handler's answer as its view: only the fields the view declares go on the wire (a store row's other columns
 * never do). A streamed answer (10 000 hosts' status) is written as it is serialized, typed but not re-checked.
 */
function viewOf(spec: AnyRoute, result: unknown): unknown {
  if (result instanceof StreamedJson || result instanceof RawResponse || !isView(spec.response)) return result;
  const parsed = spec.response.safeParse(result);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new IisfleetError("INTERNAL", `Internal error: the answer of ${routeId(spec.method, spec.path)} breaks the API contract at ${issue?.path.join(".") || "its root"}: ${issue?.message ?? "invalid"}.`, 500);
}

function isView(response: AnyRoute["response"]): response is z.ZodType {
  return response instanceof z.ZodType;
}

function defaultTarget(params: Record<string, string>): string {
  return Object.values(params).join("/");
}

/** A 403 still knows which token it was: the audit row says so. */
function refusedWho(err: unknown): { tokenId?: string; actor?: string; role?: string } {
  if (err instanceof ForbiddenError) return { tokenId: err.tokenId, actor: err.tokenName, role: err.have };
  return {};
}

function callerOf(principal: Principal | null): Caller {
  return {
    principal,
    actor: (claimed) => (principal ? actorName(principal, claimed) : (claimed ?? "anonymous")),
  };
}

function toHttpError(err: unknown): IisfleetError {
  if (err instanceof IisfleetError) return err;
  if (err instanceof z.ZodError) {
    const first = err.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return new InvalidInputError(`${where}${first?.message ?? "invalid input"}`, { issues: err.issues });
  }
  return new IisfleetError("INTERNAL", `Internal error: ${err instanceof Error ? err.message : String(err)}`, 500);
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  if (payload instanceof RawResponse) {
    const body = typeof payload.body === "string" ? Buffer.from(payload.body) : payload.body;
    res.writeHead(payload.status, { ...payload.headers, "content-type": payload.contentType, "content-length": body.byteLength });
    res.end(body);
    return;
  }
  const text = JSON.stringify(payload);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  // Only JSON bodies: a cross-site HTML form can POST text/plain without a CORS preflight, but not application/json.
  const hasBody = req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (hasBody && type !== "application/json") {
    throw new IisfleetError("UNSUPPORTED_MEDIA_TYPE", `Send the request body as application/json (got "${type || "no content type"}").`, 415);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new InvalidInputError(`Request body larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(buf);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new InvalidInputError("Request body is not valid JSON.");
  }
}
