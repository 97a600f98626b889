/**
 * Real HTTP listeners for the simulated sites, one per site, so health probes and load tests talk to a real socket
 * and each site answers for itself, as HTTP.SYS answers for each site's bindings:
 *   - HTTP.SYS down → the connection is reset;
 *   - W3SVC or the core down → 503 (no application pool is serving);
 *   - the site stopped → 404 "Not Found": WAS removed the site's URLs from HTTP.SYS, which answers a request that
 *     matches no registered URL with 404 itself (cainetworks "IIS returns 404 instead of 503 when the site is turned
 *     off", SOURCES.md) — not 503, which is what a stopped application pool gets;
 *   - the site's pool stopped → 503 (HTTP.SYS's "Service Unavailable" for a queue with no worker);
 *   - a flapping host → 500 every other request;
 *   - otherwise the pool's current worker answers 200 and names itself in `x-iis-worker-pid`. A request in flight
 *     when its pool recycles finishes on the old worker; the next one goes to the new worker.
 * `GET /...?delayMs=N` (N ≤ 30,000) holds the body N ms on its worker (status and worker pid are sent at once): a
 * request in flight, for drain and recycle tests.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { SvcState } from "../port.js";
import type { SimulatedHost } from "./simulated-host.js";

export interface SiteEndpoint {
  siteId: number;
  name: string;
  url: string;
}

const MAX_DELAY_MS = 30_000;
/** HTTP.SYS's own 404 body for a URL no site has registered. */
const HTTPSYS_NOT_FOUND =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n' +
  "<HTML><HEAD><TITLE>Not Found</TITLE>\r\n" +
  '<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>\r\n' +
  "<BODY><h2>Not Found</h2>\r\n<hr><p>HTTP Error 404. The requested resource is not found.</p>\r\n</BODY></HTML>\r\n";
const HTTPSYS_UNAVAILABLE =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n' +
  "<HTML><HEAD><TITLE>Service Unavailable</TITLE>\r\n" +
  '<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>\r\n' +
  "<BODY><h2>Service Unavailable</h2>\r\n<hr><p>HTTP Error 503. The service is unavailable.</p>\r\n</BODY></HTML>\r\n";

export class SimulatedSites {
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  readonly endpoints: SiteEndpoint[] = [];

  constructor(private readonly host: SimulatedHost) {}

  /** `firstPort` 0: each site on a free port; otherwise the sites on firstPort, firstPort + 1, … (in site order). */
  async start(bindHost = "127.0.0.1", firstPort = 0): Promise<SiteEndpoint[]> {
    for (const [i, site] of this.host.siteStates().entries()) {
      const server = createServer((req, res) => {
        res.sendDate = false;
        res.setHeader("date", httpDate(new Date()));
        void this.answer(site.id, req, res).catch(() => req.socket.destroy());
      });
      server.on("connection", (s: Socket) => {
        this.sockets.add(s);
        s.once("close", () => this.sockets.delete(s));
      });
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(firstPort === 0 ? 0 : firstPort + i, bindHost, () => resolve());
      });
      const { port } = server.address() as AddressInfo;
      this.servers.push(server);
      this.endpoints.push({ siteId: site.id, name: site.name, url: `http://${bindHost}:${port}/` });
    }
    return this.endpoints;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    this.servers.length = 0;
  }

  private async answer(siteId: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const http = await this.host.queryService("HTTP");
    if (http.state !== SvcState.Running) {
      req.socket.destroy();
      return;
    }
    const send = (status: number, body: string, type = "text/html; charset=us-ascii", headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": type, ...headers });
      res.end(body);
    };
    const route = this.host.routeSiteRequest(siteId);
    switch (route.kind) {
      case "no-site":
      case "site-stopped":
        return send(404, HTTPSYS_NOT_FOUND);
      case "not-serving":
      case "pool-stopped":
        return send(503, HTTPSYS_UNAVAILABLE);
      case "served":
        break;
    }
    try {
      const site = this.host.siteStates().find((s) => s.id === siteId);
      const headers = { "x-iis-worker-pid": String(route.pid), "x-iis-app-pool": route.pool };
      if (!this.host.isHealthy()) return send(500, "Internal Server Error\n", "text/plain", headers);
      const delay = requestedDelay(req.url);
      if (delay === 0) return send(200, `${site?.name ?? siteId}: OK\n`, "text/plain", headers);
      // A held request: its status and worker go out at once (a client can tell it is in flight, and where), the
      // body when the hold is over. The worker may die under it (killed, terminated at the shutdown time limit, IIS
      // stopped): the connection goes with it, as soon as it does.
      res.writeHead(200, { "content-type": "text/plain", ...headers });
      res.flushHeaders();
      const until = Date.now() + delay;
      while (route.alive() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, Math.min(20, until - Date.now())));
      if (!route.alive()) {
        req.socket.destroy();
        return;
      }
      res.end(`${site?.name ?? siteId}: OK\n`);
    } finally {
      route.done();
    }
  }
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");

/**
 * The Date header as HTTP.SYS sends it (IMF-fixdate, RFC 9110 5.6.7), from the UTC fields. Not Node's own header:
 * it calls Date#toUTCString, which in V8 also looks up the local time zone's display name, and that pages ICU's zone
 * names into the idle agent (0.7 MB of RSS a real agent, which serves no HTTP, does not have).
 */
function httpDate(d: Date): string {
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()] ?? ""}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()] ?? ""} ${d.getUTCFullYear()} ${time} GMT`;
}

function requestedDelay(url: string | undefined): number {
  const raw = new URL(url ?? "/", "http://site.invalid").searchParams.get("delayMs");
  const ms = raw === null ? 0 : Number(raw);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_DELAY_MS) : 0;
}
