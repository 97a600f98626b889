import type { HostPort } from "../host/port.js";
import type { SimulatedHost } from "../host/simulated/index.js";

/** Calls that change pools, workers or sites without a service changing state. */
const CHANGES_FACTS = new Set<string | symbol>(["recycleAppPool", "killProcess", "startAppPool", "stopSite", "startSite"]);

/** Longer than the simulated overlap of an old and a new worker during a recycle (50 ms by default). */
const SETTLE_MS = 250;

/**
 * The simulated host as the engine sees it, telling `changed` whenever the facts may have moved without a service
 * changing state: a recycle (a new worker now, the old one gone a little later), a pool or site started or stopped, or a killed
 * process. Service state
 * changes arrive through SimulatedHost.onStateChange. Everything else is forwarded untouched, so methods the port
 * gains later pass through too.
 */
export function observedHost(host: SimulatedHost, changed: () => void): HostPort {
  return new Proxy(host, {
    get(target, prop, receiver) {
      if (CHANGES_FACTS.has(prop)) {
        const original = Reflect.get(target, prop, receiver) as (arg: never) => Promise<void>;
        return async (arg: never) => {
          try {
            await original.call(target, arg);
          } finally {
            changed();
            setTimeout(changed, SETTLE_MS).unref();
          }
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
