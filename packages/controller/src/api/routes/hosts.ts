import { HostInRolloutError, NatsUnavailableError, UnknownHostError } from "../../errors.js";
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
    const { now, reason, ...parsed } = body;
    // History records who: the token's name (and the name the client claimed, when it says more).
    const b = { ...parsed, issuer: caller.actor(parsed.issuer) };
    requireNats(d);
    // Maintenance windows hold back what takes IIS down; starting it again is always allowed.
    const override = b.operation === "start" ? undefined : d.windows.checkReset(host, now ? { actor: b.issuer, reason: reason ?? "" } : undefined);
    if (!override) return { command: await d.commands.reset({ host, ...b }) };
    // The override is recorded in the same transaction as the command, before anything is sent.
    const prepared = d.commands.prepareReset({ host, ...b }, (commandId) => d.windows.recordOverride(host, commandId, override));
    return { command: await d.commands.deliver(prepared), override };
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
