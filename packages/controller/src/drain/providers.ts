import type { DrainConfig } from "./config.js";
import { HaproxyDrain } from "./haproxy.js";
import type { DrainContext, DrainProvider, DrainProviders } from "./provider.js";
import { WebhookDrain } from "./webhook.js";

/** The real load-balancer drivers. */
export const realDrainProviders: DrainProviders = {
  providerFor(config: DrainConfig, context: DrainContext): DrainProvider {
    switch (config.provider) {
      case "haproxy":
        return new HaproxyDrain(config);
      case "webhook":
        return new WebhookDrain(config, context);
    }
  },
};
