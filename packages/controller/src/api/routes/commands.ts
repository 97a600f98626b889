import { NotFoundError, UnknownHostError } from "../../errors.js";
import type { JsonHttpServer } from "../http-server.js";
import { historyQuery } from "../schemas.js";
import { type ApiDeps, hostParam } from "./deps.js";

export function registerCommandRoutes(http: JsonHttpServer, d: ApiDeps): void {
  http.route("GET", "/api/v1/commands", "viewer", ({ query }) => {
    const q = historyQuery.parse(Object.fromEntries(query));
    const host = q.host !== undefined ? hostParam(q.host) : undefined;
    if (host !== undefined && !d.store.hosts.everKnown(host)) throw new UnknownHostError(host);
    const commands = d.store.commands.list({ host, limit: q.limit }).map((c) => ({ ...c, steps: d.store.commands.steps(c.id) }));
    return { commands };
  });

  http.route("GET", "/api/v1/refusals", "viewer", ({ query }) => {
    const q = historyQuery.parse(Object.fromEntries(query));
    const host = q.host !== undefined ? hostParam(q.host) : undefined;
    return { refusals: d.store.events.refused({ host, limit: q.limit }) };
  });

  http.route("GET", "/api/v1/commands/:id", "viewer", ({ params }) => {
    const id = params.id ?? "";
    if (!d.store.commands.get(id)) throw new NotFoundError("command", id);
    return { command: d.commands.detail(id), events: d.store.events.forCommand(id) };
  });
}
