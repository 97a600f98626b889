import { UnknownHostError } from "../../errors.js";
import type { JsonHttpServer } from "../http-server.js";
import { resetBody } from "../schemas.js";
import { type ApiDeps, hostParam } from "./deps.js";

export function registerHostRoutes(http: JsonHttpServer, d: ApiDeps): void {
  http.route("GET", "/api/v1/hosts", () => ({ hosts: d.registry.list() }));

  http.route("GET", "/api/v1/hosts/:name", ({ params }) => {
    const name = hostParam(params.name);
    const host = d.registry.get(name);
    if (!host) throw new UnknownHostError(name);
    return { host };
  });

  http.route("POST", "/api/v1/hosts/:name/reset", async ({ params, body }) => {
    const host = hostParam(params.name);
    const b = resetBody.parse(body);
    return { command: await d.resets.reset({ host, ...b }) };
  });
}
