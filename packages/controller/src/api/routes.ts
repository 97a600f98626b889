import { ROUTES } from "./contract/routes.js";
import type { JsonHttpServer } from "./http-server.js";
import { registerAccessRoutes } from "./routes/access.js";
import { registerCommandRoutes } from "./routes/commands.js";
import { registerDrainRoutes } from "./routes/drains.js";
import type { ApiDeps } from "./routes/deps.js";
import { registerHostRoutes } from "./routes/hosts.js";
import { registerNotificationRoutes } from "./routes/notifications.js";
import { registerScheduledRoutes } from "./routes/scheduled.js";
import { registerRolloutRoutes } from "./routes/rollouts.js";
import { registerStatusRoutes } from "./routes/status.js";
import { registerWindowRoutes } from "./routes/windows.js";

export type { ApiDeps } from "./routes/deps.js";

/** Resident and V8 heap size, MB: the controller keeps the registry in memory, so operators watch this. */
function memoryMb(): { rss: number; heapUsed: number } {
  const m = process.memoryUsage();
  return { rss: Math.round(m.rss / 1e5) / 10, heapUsed: Math.round(m.heapUsed / 1e5) / 10 };
}

/** The JSON API, version 1. The CLI is only a client of these routes. */
export function registerRoutes(http: JsonHttpServer, d: ApiDeps): void {
  // Public, for container and load-balancer health checks: ok or degraded, and why, nothing more.
  http.implement(ROUTES.health, () => {
    const ha = d.ha?.();
    // A standby is healthy: it says it stands by (who leads, and where, is for authenticated callers: diagnostics);
    // one that will never take the lease is not (the pair has no spare). Only with --ha: a lone controller's answer
    // is as before.
    const reasons = [d.bus.problem(), ha?.eligible === false ? ha.problem : undefined].filter((r): r is string => r !== undefined);
    const health = { status: reasons.length === 0 ? ("ok" as const) : ("degraded" as const), reasons };
    return ha ? { ...health, ha: { role: ha.role, term: ha.term } } : health;
  });
  http.implement(ROUTES.diagnostics, () => ({
    version: d.version,
    nats: d.bus.isConnected ? ("connected" as const) : ("disconnected" as const),
    natsLink: d.bus.link(),
    counters: d.bus.counters,
    hosts: d.registry.size,
    memory: memoryMb(),
    ...(d.ha?.() ? { ha: d.ha() } : {}),
  }));
  registerHostRoutes(http, d);
  registerCommandRoutes(http, d);
  registerRolloutRoutes(http, d.rollouts);
  registerStatusRoutes(http, d);
  registerWindowRoutes(http, d.windows);
  registerAccessRoutes(http, d);
  registerDrainRoutes(http, d.drains);
  registerNotificationRoutes(http, d.notifications);
  registerScheduledRoutes(http, d.scheduled);
}
