import { InvalidHostNameError, parseHostName } from "@iisfleet/proto";
import type { HaView } from "../../ha/leadership.js";
import type { CommandService } from "../../commands/command-service.js";
import { InvalidInputError } from "../../errors.js";
import type { DrainService } from "../../drain/service.js";
import type { FleetRegistry } from "../../fleet/registry.js";
import type { TokenService } from "../../auth/tokens.js";
import type { ControllerBus } from "../../nats/controller-bus.js";
import type { NotificationService } from "../../notify/service.js";
import type { RetentionSweeper } from "../../retention/sweeper.js";
import type { RolloutService } from "../../rollout/service.js";
import type { ScheduledStarts } from "../../schedule/service.js";
import type { Store } from "../../store/index.js";
import type { WindowService } from "../../windows/service.js";

/** Everything a route may use. Routes hold no state of their own. */
export interface ApiDeps {
  store: Store;
  registry: FleetRegistry;
  commands: CommandService;
  bus: ControllerBus;
  rollouts: RolloutService;
  windows: WindowService;
  tokens: TokenService;
  drains: DrainService;
  retention: RetentionSweeper;
  notifications: NotificationService;
  scheduled: ScheduledStarts;
  version: string;
  /** Leadership of a standby pair (`controller --ha`); undefined for a lone controller. */
  ha?: () => HaView | undefined;
}

export function hostParam(raw: string | undefined): string {
  try {
    return parseHostName(raw ?? "");
  } catch (err) {
    if (err instanceof InvalidHostNameError) throw new InvalidInputError(err.message, { host: raw });
    throw err;
  }
}
