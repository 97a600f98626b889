/**
 * Real HTTP listeners for the simulated sites, so health probes (and later load-balancer tests) talk to a real
 * socket. A site answers 200 only while IIS serves it: HTTP.SYS down → the connection is reset; W3SVC, the core
 * or the site's pool down → 503 (what HTTP.SYS answers for a stopped pool); a flapping host → 500 every other
 * request.
 */
import { type Server, createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { SvcState } from "../port.js";
import type { SimulatedHost } from "./simulated-host.js";

export interface SiteEndpoint {
  siteId: number;
  name: string;
  url: string;
}

export class SimulatedSites {
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  readonly endpoints: SiteEndpoint[] = [];

  constructor(private readonly host: SimulatedHost) {}

  /** `firstPort` 0: each site on a free port; otherwise the sites on firstPort, firstPort + 1, … (in site order). */
  async start(bindHost = "127.0.0.1", firstPort = 0): Promise<SiteEndpoint[]> {
    for (const [i, site] of this.host.listSites().entries()) {
      const server = createServer((req, res) => {
        void this.answer(site.id).then(
          (answer) => {
            if (answer === "reset") {
              req.socket.destroy();
              return;
            }
            res.writeHead(answer.status, { "content-type": "text/plain" });
            res.end(answer.body);
          },
          () => req.socket.destroy(),
        );
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

  private async answer(siteId: number): Promise<"reset" | { status: number; body: string }> {
    const http = await this.host.queryService("HTTP");
    if (http.state !== SvcState.Running) return "reset";
    const site = this.host.listSites().find((s) => s.id === siteId);
    if (!site?.started) return { status: 503, body: "Service Unavailable\n" };
    if (!this.host.isHealthy()) return { status: 500, body: "Internal Server Error\n" };
    return { status: 200, body: `${site.name}: OK\n` };
  }
}
