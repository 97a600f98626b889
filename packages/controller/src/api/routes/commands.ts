import { InvalidInputError, NotFoundError, UnknownHostError } from "../../errors.js";
import type { JsonHttpServer } from "../http-server.js";
import { ROUTES } from "../contract/routes.js";
import { type ApiDeps, hostParam } from "./deps.js";

export function registerCommandRoutes(http: JsonHttpServer, d: ApiDeps): void {
  http.implement(ROUTES.commands, ({ query: q }) => {
    const host = q.host !== undefined ? hostParam(q.host) : undefined;
    if (host !== undefined && !d.store.hosts.everKnown(host)) throw new UnknownHostError(host);
    const commands = d.store.commands.list({ host, limit: q.limit }).map((c) => ({ ...c, steps: d.store.commands.steps(c.id) }));
    return { commands };
  });

  http.implement(ROUTES.refusals, ({ query: q }) => {
    const host = q.host !== undefined ? hostParam(q.host) : undefined;
    return { refusals: d.store.events.refused({ host, limit: q.limit }) };
  });

  // How far back history goes: the policy, the oldest record of each kind still kept, the last sweep.
  http.implement(ROUTES.retention, () => ({ retention: d.retention.view() }));

  http.implement(ROUTES.command, ({ params }) => {
    const id = commandId(d, params.id ?? "");
    return { command: d.commands.detail(id), events: d.store.events.forCommand(id) };
  });
}

/** The full id, or a unique prefix of one (history prints the first 8 characters): git's rule, 6 characters at least. */
function commandId(d: ApiDeps, given: string): string {
  if (d.store.commands.get(given)) return given;
  if (given.length >= 6) {
    const ids = d.store.commands.idsStartingWith(given, 6);
    if (ids.length === 1) return ids[0] as string;
    if (ids.length > 1) {
      throw new InvalidInputError(`The command id prefix "${given}" is ambiguous: ${ids.slice(0, 5).join(", ")}${ids.length > 5 ? ", …" : ""}. Give more of it.`, {
        id: given,
        matches: ids.slice(0, 5),
      });
    }
  }
  throw new NotFoundError("command", given);
}
