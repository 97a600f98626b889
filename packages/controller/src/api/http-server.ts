import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { z } from "zod";
import { IisfleetError, InvalidInputError } from "../errors.js";
import type { Logger } from "../log.js";
import { StreamedJson, writeStreamedJson } from "./json-stream.js";

export type Handler = (req: { params: Record<string, string>; query: URLSearchParams; body: unknown }) => Promise<unknown> | unknown;

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
  method: string;
  /** As registered, e.g. "/api/v1/hosts/:name": what the OpenAPI description lists. */
  path: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

const MAX_BODY_BYTES = 64 * 1024;

/** A deliberately small JSON router on node:http: the API has a handful of routes and no framework is needed. */
export class JsonHttpServer {
  private readonly routes: Route[] = [];
  private server: Server | undefined;
  private upgradeHandler: UpgradeHandler | undefined;

  constructor(private readonly log: Logger) {}

  route(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const pattern = new RegExp(
      `^${path.replace(/:([a-zA-Z]+)/g, (_m, key: string) => {
        keys.push(key);
        return "([^/]+)";
      })}$`,
    );
    this.routes.push({ method, path, pattern, keys, handler });
    return this;
  }

  /** Every registered route, in registration order. */
  routeList(): Array<{ method: string; path: string }> {
    return this.routes.map((r) => ({ method: r.method, path: r.path }));
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
    try {
      const candidates = this.routes.filter((r) => r.pattern.test(url.pathname));
      if (candidates.length === 0) throw new IisfleetError("NOT_FOUND", `No API route ${url.pathname}.`, 404);
      const route = candidates.find((r) => r.method === req.method);
      if (!route) throw new IisfleetError("METHOD_NOT_ALLOWED", `${req.method} is not allowed on ${url.pathname}.`, 405);
      const match = route.pattern.exec(url.pathname) as RegExpExecArray;
      const params: Record<string, string> = {};
      route.keys.forEach((k, i) => (params[k] = decodeURIComponent(match[i + 1] ?? "")));
      const body = req.method === "POST" || req.method === "PUT" ? await readJson(req) : undefined;
      const result = await route.handler({ params, query: url.searchParams, body });
      if (result instanceof StreamedJson) {
        const failed = await writeStreamedJson(res, result);
        if (failed) this.log.error({ err: failed, path: url.pathname }, "answer cut short while streaming");
        return;
      }
      send(res, 200, result);
    } catch (err) {
      const e = toHttpError(err);
      if (e.httpStatus >= 500) this.log.error({ err, path: url.pathname }, e.message);
      send(res, e.httpStatus, { error: e.toJSON() });
    }
  }
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
