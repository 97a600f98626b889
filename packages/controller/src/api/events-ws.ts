import { type IncomingMessage, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import { streamQuery } from "./contract/requests.js";
import type { Logger } from "../log.js";
import type { EventFeed, FeedSubscription } from "../observe/event-feed.js";
import type { FleetSummary } from "../observe/fleet-summary.js";
import type { EventRow } from "../store/index.js";

/**
 * GET /api/v1/events with `Upgrade: websocket`: the live event stream.
 *
 * Server to client, JSON text frames:
 *   {type:"hello", version, agentIdentities, atMs, lastId, since, resync}  first; `since` is where the events below start
 *   {type:"events", events:[EventRow…]}              the event log, oldest first, ids increasing, gap-free
 *   {type:"fleet", full, counts, hosts, removed…}    the fleet summary: full on connect, then at most one diff a second
 *                                                    (fewer when a diff is costly: see FLEET_SHARE)
 * A client that reconnects with `?since=<the last event id it saw>` gets every event after it, then live ones —
 * none missed, none twice (see observe/event-feed.ts for why). `?kinds=rollout,host` narrows events by kind prefix.
 * The fleet summary is state, not history: a reconnecting client simply gets a fresh full one.
 */
export const EVENTS_PATH = "/api/v1/events";

/**
 * At most this share of the controller's time goes to the fleet summary: a diff looks at every host, so at 10,000
 * hosts (or on a loaded machine) one can take tens of milliseconds, and at one a second it would take a growing
 * bite out of a rollout that runs meanwhile — more the larger the fleet and the longer the rollout. The next diff
 * then waits `cost / FLEET_SHARE` (never less than the period); tiles still converge, only less often.
 */
export const FLEET_SHARE = 0.05;


/**
 * A browser cannot set Authorization on a WebSocket, so it offers two subprotocols: this one, which the server
 * selects (the token is never echoed back), and `iisfleet.bearer.<token>`, which carries the token (stream-gate.ts).
 */
export const STREAM_PROTOCOL = "iisfleet.v1";

/** Decides whether a connection may open (api/stream-gate.ts: same origin, and a viewer token). */
export type ConnectionGate = (req: IncomingMessage) => { allow: true } | { allow: false; status: number; code: string; message: string };

/**
 * Any non-browser client, and a browser only from a page this controller served. Not auth (stream-gate.ts adds the
 * token) — it stops another web site open in the operator's browser from reading the stream (cross-site WebSocket).
 */
export const sameOriginGate: ConnectionGate = (req) => {
  const origin = req.headers.origin;
  if (origin === undefined) return { allow: true };
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    host = "";
  }
  return host !== "" && host === req.headers.host
    ? { allow: true }
    : { allow: false, status: 403, code: "FORBIDDEN_ORIGIN", message: `A page from ${origin} may not open this controller's event stream.` };
};

export interface EventStreamOptions {
  feed: EventFeed;
  fleet: FleetSummary;
  version: string;
  /** Whether the controller checks agent signatures; the dashboard warns when it does not. */
  agentIdentities?: "verified" | "unverified";
  log: Logger;
  gate?: ConnectionGate;
  /** Fleet summary period. Default 1 000 ms. */
  fleetMs?: number;
  /** A client this far behind (bytes queued) is disconnected; it reconnects with ?since= and loses nothing. */
  maxBufferedBytes?: number;
  maxClients?: number;
}

export class EventStream {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: 4 * 1024,
    clientTracking: true,
    // Select our protocol name, never the bearer one: the token must not come back in the response headers.
    handleProtocols: (offered) => (offered.has(STREAM_PROTOCOL) ? STREAM_PROTOCOL : false),
  });
  private readonly timer: NodeJS.Timeout;
  private readonly pinger: NodeJS.Timeout;
  private readonly alive = new WeakSet<WebSocket>();
  /** performance.now() before which no fleet diff is computed (see FLEET_SHARE). */
  private fleetNotBefore = 0;

  constructor(private readonly o: EventStreamOptions) {
    this.timer = setInterval(() => this.broadcastFleet(), o.fleetMs ?? 1_000);
    this.timer.unref();
    // A client that vanished without a close frame (laptop lid) is found by a missed pong and let go.
    this.pinger = setInterval(() => {
      for (const ws of this.wss.clients) {
        if (!this.alive.has(ws)) ws.terminate();
        else {
          this.alive.delete(ws);
          ws.ping();
        }
      }
    }, 30_000);
    this.pinger.unref();
  }

  get clients(): number {
    return this.wss.clients.size;
  }

  /** The HTTP server's upgrade handler. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== EVENTS_PATH) return refuse(socket, 404, "NOT_FOUND", `No WebSocket endpoint at ${url.pathname}; use ${EVENTS_PATH}.`);
    const verdict = (this.o.gate ?? sameOriginGate)(req);
    if (!verdict.allow) return refuse(socket, verdict.status, verdict.code, verdict.message);
    const q = streamQuery.safeParse(Object.fromEntries(url.searchParams));
    if (!q.success) {
      const issue = q.error.issues[0];
      return refuse(socket, 400, "INVALID_INPUT", `${issue?.path.join(".") || "query"}: ${issue?.message ?? "invalid"}`);
    }
    if (this.clients >= (this.o.maxClients ?? 200)) return refuse(socket, 503, "TOO_MANY_CLIENTS", "Too many event stream clients; try again later.");
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, q.data.since, q.data.kinds?.split(",")));
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.pinger);
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private open(ws: WebSocket, since: number | undefined, kinds: string[] | undefined): void {
    this.alive.add(ws);
    ws.on("pong", () => this.alive.add(ws));
    ws.on("error", (err) => this.o.log.debug({ err }, "event stream client error"));
    const start = this.o.feed.start(since);
    send(ws, { type: "hello", version: this.o.version, agentIdentities: this.o.agentIdentities ?? "unverified", atMs: Date.now(), lastId: this.o.feed.lastId, since: start.from, resync: start.resync });
    send(ws, this.o.fleet.snapshot());
    const maxBuffered = this.o.maxBufferedBytes ?? 8 * 1024 * 1024;
    let lastId = start.from;
    const wanted = (e: EventRow) => !kinds || kinds.some((k) => e.kind === k || e.kind.startsWith(`${k}.`));
    const subscription: FeedSubscription = this.o.feed.subscribe(start.from, {
      deliver: (events) => {
        if (ws.readyState !== ws.OPEN) return;
        const picked = events.filter(wanted);
        if (picked.length > 0) send(ws, { type: "events", events: picked });
        lastId = (events[events.length - 1] as EventRow).id;
        if (ws.bufferedAmount > maxBuffered) {
          subscription.close();
          ws.close(1013, `too far behind; reconnect with since=${lastId}`);
        }
      },
      ready: () => waitForDrain(ws, maxBuffered / 4),
      ...(kinds ? { kinds } : {}),
    });
    ws.on("close", () => subscription.close());
  }

  private broadcastFleet(): void {
    if (this.clients === 0) return;
    const t0 = performance.now();
    if (t0 < this.fleetNotBefore) return;
    const msg = this.o.fleet.next();
    this.fleetNotBefore = t0 + (performance.now() - t0) / FLEET_SHARE;
    if (!msg) return;
    for (const ws of this.wss.clients) if (ws.readyState === ws.OPEN) send(ws, msg);
  }
}

function send(ws: WebSocket, msg: object): void {
  ws.send(JSON.stringify(msg));
}

/**
 * Between two backlog pages: always lets the event loop turn (a long backlog must not starve other clients and
 * requests), then waits while the client's queue is above `bytes` — pages go no faster than it reads.
 */
async function waitForDrain(ws: WebSocket, bytes: number): Promise<void> {
  await new Promise((r) => setImmediate(r));
  while (ws.readyState === ws.OPEN && ws.bufferedAmount > bytes) await new Promise((r) => setTimeout(r, 10));
}

/** Answers an upgrade request with a plain HTTP error (the same JSON error shape as the API) and closes it. */
function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
