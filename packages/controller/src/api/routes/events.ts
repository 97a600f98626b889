import type { EventStore } from "../../store/index.js";
import type { JsonHttpServer } from "../http-server.js";
import { ROUTES } from "../contract/routes.js";


/**
 * The event log by cursor, for clients that poll instead of holding a WebSocket: pass `next` back as `since`.
 * The same path with `Upgrade: websocket` is the live stream (events-ws.ts).
 */
export function registerEventRoutes(http: JsonHttpServer, events: EventStore): void {
  http.implement(ROUTES.events, ({ query: q }) => {
    const kinds = q.kinds?.split(",");
    const rows = events.after(q.since, q.limit);
    const picked = kinds ? rows.filter((e) => kinds.some((k) => e.kind === k || e.kind.startsWith(`${k}.`))) : rows;
    // `next` moves past events the kind filter left out, so a filtered poll never re-reads them.
    return { events: picked, next: rows.length > 0 ? (rows[rows.length - 1] as { id: number }).id : q.since, lastId: events.lastId() };
  });
}
