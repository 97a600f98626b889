import { type LbMemberClient, ArrDrain } from "./arr.js";
import type { DrainConfig } from "./config.js";
import { HaproxyDrain } from "./haproxy.js";
import { type DrainContext, DrainError, type DrainProvider, type DrainProviders } from "./provider.js";
import { WebhookDrain } from "./webhook.js";

export interface DrainProviderDeps {
  /** Signed lbMember commands to agents (the CommandService): what the arr provider drives ARR hosts through. */
  lbMembers?: LbMemberClient;
}

/** The real load-balancer drivers. */
export function drainProviders(deps: DrainProviderDeps = {}): DrainProviders {
  return {
    providerFor(config: DrainConfig, context: DrainContext): DrainProvider {
      switch (config.provider) {
        case "haproxy":
          return new HaproxyDrain(config);
        case "webhook":
          return new WebhookDrain(config, context);
        case "arr": {
          if (deps.lbMembers) return new ArrDrain(config, deps.lbMembers, context);
          const missing = (phase: "drain" | "undrain") => () =>
            Promise.reject(new DrainError(phase, "This controller was built without an agent bus: it cannot reach the ARR host's agent.", {}));
          return { drain: missing("drain"), undrain: missing("undrain") };
        }
      }
    },
  };
}

/** The drivers that need nothing but the network (haproxy, webhook); arr needs `drainProviders({ lbMembers })`. */
export const realDrainProviders: DrainProviders = drainProviders();
