import { HostInRolloutError, NatsUnavailableError, UnknownHostError } from "../../errors.js";
import { requestReset } from "../../commands/reset-request.js";
import type { JsonHttpServer } from "../http-server.js";
import { ROUTES } from "../contract/routes.js";
import { type ApiDeps, hostParam } from "./deps.js";

/**
 * An operator's own command fails at once while NATS is unreachable, with the reason, instead of sitting in the
 * client's buffer until its deadline and then blaming the agent. Rollouts wait for NATS instead (their runner).
 */
function requireNats(d: ApiDeps): void {
  const problem = d.bus.problem();
  if (problem !== undefined) throw new NatsUnavailableError(`${problem}; nothing was sent`);
}

export function registerHostRoutes(http: JsonHttpServer, d: ApiDeps): void {
  // agentIdentities: whether the controller checks agent signatures; "unverified" (open NATS) means any NATS client
  // may speak for any host, and everything below came from whoever said it.
  http.implement(ROUTES.hosts, () => ({ agentIdentities: d.bus.verifiesAgents ? ("verified" as const) : ("unverified" as const), hosts: d.registry.list() }));

  http.implement(ROUTES.host, ({ params }) => {
    const name = hostParam(params.name);
    const host = d.registry.get(name);
    if (!host) throw new UnknownHostError(name);
    return { host };
  });

  http.implement(ROUTES.reset, async ({ params, body, caller }) => {
    const host = hostParam(params.name);
    const b = body;
    // History records who: the token's name (and the name the client claimed, when it says more).
    return requestReset(d, host, b, caller.actor(b.issuer));
  });

  // iisreset /DISABLE and /ENABLE: the agent persists it and refuses resets while cordoned.
  http.implement(ROUTES.cordon, async ({ params, body: b, caller }) => {
    const host = hostParam(params.name);
    requireNats(d);
    return { command: await d.commands.cordon({ host, ...b, issuer: caller.actor(b.issuer) }) };
  });

  // A decommissioned host: out of the registry, live queries and capacity; its history stays.
  http.implement(ROUTES.forget, ({ params, body: b, caller }) => {
    const host = hostParam(params.name);
    if (!d.registry.has(host)) throw new UnknownHostError(host);
    const holder = d.rollouts.holderOf(host);
    if (holder !== undefined) throw new HostInRolloutError(host, holder);
    const actor = caller.actor(b.issuer);
    d.registry.forget(host, { actor, reason: b.reason });
    return { forgotten: host, actor };
  });
}
