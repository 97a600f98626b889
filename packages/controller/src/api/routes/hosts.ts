import { UnknownHostError } from "../../errors.js";
import type { JsonHttpServer } from "../http-server.js";
import { cordonBody, resetBody } from "../schemas.js";
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
    return { command: await d.commands.reset({ host, ...b }) };
  });

  // iisreset /DISABLE and /ENABLE: the agent persists it and refuses resets while cordoned.
  http.route("POST", "/api/v1/hosts/:name/cordon", async ({ params, body }) => {
    const host = hostParam(params.name);
    const b = cordonBody.parse(body);
    return { command: await d.commands.cordon({ host, ...b }) };
  });
}
