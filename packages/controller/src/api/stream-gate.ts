import type { IncomingMessage } from "node:http";
import type { AccessControl } from "../auth/access-control.js";
import { IisfleetError } from "../errors.js";
import { type ConnectionGate, sameOriginGate } from "./events-ws.js";

/** The subprotocol that carries a token from a browser: `iisfleet.bearer.<token>` (tokens are valid protocol tokens). */
export const BEARER_PROTOCOL_PREFIX = "iisfleet.bearer.";

/**
 * Who may open the live event stream: a page from this controller (or a non-browser client), with a token of at
 * least the viewer role — in `Authorization: Bearer` (CLI, scripts) or, from a browser, in the
 * `Sec-WebSocket-Protocol` list as `iisfleet.bearer.<token>` beside `iisfleet.v1`. Not in the query string, which
 * ends up in logs and browser history.
 */
export function tokenGate(access: AccessControl): ConnectionGate {
  return (req) => {
    const origin = sameOriginGate(req);
    if (!origin.allow) return origin;
    try {
      const fromProtocol = bearerFromProtocols(req);
      const principal =
        fromProtocol !== undefined ? access.authenticate(fromProtocol) : access.authenticateHeader(req.headers.authorization);
      access.authorize(principal, "viewer", "The event stream");
      return { allow: true };
    } catch (err) {
      if (err instanceof IisfleetError) return { allow: false, status: err.httpStatus, code: err.code, message: err.message };
      throw err;
    }
  };
}

function bearerFromProtocols(req: IncomingMessage): string | undefined {
  const header = req.headers["sec-websocket-protocol"];
  if (typeof header !== "string") return undefined;
  return header
    .split(",")
    .map((p) => p.trim())
    .find((p) => p.startsWith(BEARER_PROTOCOL_PREFIX))
    ?.slice(BEARER_PROTOCOL_PREFIX.length);
}
