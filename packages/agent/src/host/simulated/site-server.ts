/**
 * Real HTTP listeners for the simulated sites, shared as HTTP.SYS shares them: one listener per port the sites'
 * http bindings name (every default site binds port 80, so they all share one), and each request goes to a site by
 * the Host header of its bindings (`*:80:shop.example.com`), a started catch-all binding (`*:80:`) taking every other
 * host name, as HTTP.SYS's weak wildcard does. What a request gets:
 *   - HTTP.SYS down → the connection is reset;
 *   - a host name no site binds on that port → 400 "Bad Request - Invalid Hostname" from HTTP.SYS;
 *   - W3SVC or the core down → 503 (no application pool is serving);
 *   - a host name only a site that is not started binds → 404 "Not Found" from HTTP.SYS: WAS removed the site's URLs
 *     (cainetworks, SOURCES.md) — not 503, which is what a stopped application pool gets. With a catch-all site
 *     started, that site answers instead;
 *   - the site's pool stopped → 503 (HTTP.SYS's "Service Unavailable" for a queue with no worker);
 *   - a flapping host → 500 every other request;
 *   - otherwise the pool's current worker answers 200 and names itself in `x-iis-worker-pid` (and the site in
 *     `x-iis-site`); a "static" site (IIS's start page) answers IIS's own 404.0 for any path but "/". A request in
 *     flight when its pool recycles finishes on the old worker; the next one goes to the new worker.
 * `GET /...?delayMs=N` (N ≤ 30,000) holds the body N ms on its worker (status and worker pid are sent at once): a
 * request in flight, for drain and recycle tests.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { ProbeSpec } from "../../health/probe.js";
import { SvcState } from "../port.js";
import type { SimulatedHost } from "./simulated-host.js";

/** Where to reach a site: `url` on its first http binding's listener, with `host` as the Host header (absent: any). */
export interface SiteEndpoint {
  siteId: number;
  name: string;
  url: string;
  host?: string;
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
const HTTPSYS_BAD_HOSTNAME =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n' +
  "<HTML><HEAD><TITLE>Bad Request</TITLE>\r\n" +
  '<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>\r\n' +
  "<BODY><h2>Bad Request - Invalid Hostname</h2>\r\n<hr><p>HTTP Error 400. The request hostname is invalid.</p>\r\n</BODY></HTML>\r\n";
/** IIS's own (not HTTP.SYS's) answer for a path a started site does not have: the static file handler's 404.0. */
const IIS_NOT_FOUND = "<html><head><title>IIS 10.0 Detailed Error - 404.0 - Not Found</title></head><body><h3>HTTP Error 404.0 - Not Found</h3><h4>The resource you are looking for has been removed, had its name changed, or is temporarily unavailable.</h4></body></html>\r\n";
/** What a static site (IIS's start page) has. */
const STATIC_PATHS = new Set(["/", "/iisstart.htm"]);

export class SimulatedSites {
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  readonly endpoints: SiteEndpoint[] = [];

  constructor(private readonly host: SimulatedHost) {}

  /**
   * One listener per port the sites' http bindings name, in ascending order: `firstPort` 0 puts each on a free port;
   * otherwise the lowest binding port (80 for the default sites) listens on firstPort, the next on firstPort + 1, ….
   */
  async start(bindHost = "127.0.0.1", firstPort = 0): Promise<SiteEndpoint[]> {
    const sites = this.host.siteStates();
    const bindingPorts = [...new Set(sites.flatMap((s) => this.host.siteHttpBindings(s.id).map((b) => b.port)))].sort((a, b) => a - b);
    const realPort = new Map<number, number>();
    for (const [i, bindingPort] of bindingPorts.entries()) {
      const server = createServer((req, res) => {
        res.sendDate = false;
        res.setHeader("date", httpDate(new Date()));
        void this.answer(bindingPort, req, res).catch(() => req.socket.destroy());
      });
      server.on("connection", (s: Socket) => {
        this.sockets.add(s);
        s.once("close", () => this.sockets.delete(s));
      });
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(firstPort === 0 ? 0 : firstPort + i, bindHost, () => resolve());
      });
      this.servers.push(server);
      realPort.set(bindingPort, (server.address() as AddressInfo).port);
    }
    for (const site of sites) {
      const binding = this.host.siteHttpBindings(site.id)[0];
      if (binding === undefined) continue;
      // A static site has only its start page; an application answers any path, /health included, which the
      // catch-all static site does not have: a probe of a stopped site that falls through to it fails.
      const path = this.host.siteContent(site.id) === "static" ? "/" : "/health";
      this.endpoints.push({
        siteId: site.id,
        name: site.name,
        url: `http://${bindHost}:${realPort.get(binding.port)}${path}`,
        ...(binding.host !== "" ? { host: binding.host } : {}),
      });
    }
    return this.endpoints;
  }

  /** One health probe per site: its URL on the shared port, with its binding's host name. */
  probes(): ProbeSpec[] {
    return this.endpoints.map((e) => ({ url: e.url, expectStatus: 200, ...(e.host !== undefined ? { host: e.host } : {}) }));
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    this.servers.length = 0;
  }

  private async answer(bindingPort: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const http = await this.host.queryService("HTTP");
    if (http.state !== SvcState.Running) {
      req.socket.destroy();
      return;
    }
    const send = (status: number, body: string, type = "text/html; charset=us-ascii", headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": type, ...headers });
      res.end(body);
    };
    const target = this.host.lookupSite(bindingPort, req.socket.localAddress ?? "", req.headers.host ?? "");
    if (target.kind === "invalid-hostname") return send(400, HTTPSYS_BAD_HOSTNAME);
    if (target.kind === "site-not-started") return this.host.iisServing() ? send(404, HTTPSYS_NOT_FOUND) : send(503, HTTPSYS_UNAVAILABLE);
    const siteId = target.siteId;
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
      const site = target;
      const headers = { "x-iis-worker-pid": String(route.pid), "x-iis-app-pool": route.pool, "x-iis-site": site.name };
      if (site.content === "static" && !STATIC_PATHS.has(new URL(req.url ?? "/", "http://site.invalid").pathname)) return send(404, IIS_NOT_FOUND, "text/html", headers);
      if (!this.host.isHealthy()) return send(500, "Internal Server Error\n", "text/plain", headers);
      const delay = requestedDelay(req.url);
      if (delay === 0) return send(200, `${site.name}: OK\n`, "text/plain", headers);
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
      res.end(`${site.name}: OK\n`);
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
