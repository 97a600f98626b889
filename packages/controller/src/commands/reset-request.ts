import type { ResetBody } from "../api/schemas.js";
import { NatsUnavailableError } from "../errors.js";
import type { ControllerBus } from "../nats/controller-bus.js";
import type { ResetOverride, WindowService } from "../windows/service.js";
import type { CommandDetail, CommandService } from "./command-service.js";

export interface ResetRequestDeps {
  commands: CommandService;
  windows: WindowService;
  bus: Pick<ControllerBus, "problem">;
}

/**
 * One operator's reset of one host, as the API and a scheduled start (--at) make it: refused at once while NATS is
 * unreachable (nothing sent), held back by maintenance windows unless overridden with a reason, which is then
 * recorded in the command's own transaction.
 */
export async function requestReset(
  d: ResetRequestDeps,
  host: string,
  body: ResetBody,
  issuer: string,
): Promise<{ command: CommandDetail; override?: ResetOverride }> {
  const { now, reason, ...parsed } = body;
  const b = { ...parsed, issuer };
  const problem = d.bus.problem();
  if (problem !== undefined) throw new NatsUnavailableError(`${problem}; nothing was sent`);
  // Maintenance windows hold back what takes IIS down; starting it again is always allowed.
  const override = b.operation === "start" ? undefined : d.windows.checkReset(host, now ? { actor: b.issuer, reason: reason ?? "" } : undefined);
  if (!override) return { command: await d.commands.reset({ host, ...b }) };
  const prepared = d.commands.prepareReset({ host, ...b }, (commandId) => d.windows.recordOverride(host, commandId, override));
  return { command: await d.commands.deliver(prepared), override };
}
