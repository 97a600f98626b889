import { CommandExecutor } from "./commands/executor.js";
import { type HostPort, systemClock } from "./host/port.js";
import { SimulatedHost } from "./host/simulated/index.js";
import type { Logger } from "./log.js";
import type { AgentOptions } from "./options.js";
import { ResetEngine } from "./reset/engine.js";
import { NatsAgent } from "./transport/nats-agent.js";
import { VERSION } from "./version.js";

export class UnsupportedPlatformError extends Error {
  readonly code = "UNSUPPORTED_PLATFORM";
}

export interface RunningAgent {
  agent: NatsAgent;
  stop(): Promise<void>;
}

function createHost(opts: AgentOptions): HostPort & { dispose?: () => void } {
  if (opts.simulate) {
    return new SimulatedHost({
      generation: opts.sim.generation,
      fault: opts.sim.fault,
      stopMs: opts.sim.stopMs,
      startMs: opts.sim.startMs,
    });
  }
  // The Windows adapter (Win32 service control) is tracked in the reset-engine issue; until it lands the agent
  // refuses to pretend.
  throw new UnsupportedPlatformError(
    "The real Windows host adapter is not built yet; run with --simulate to use the simulated IIS host.",
  );
}

/** Composes host adapter, engine, executor and NATS edge; the only place that knows all four. */
export async function runAgent(opts: AgentOptions, log: Logger): Promise<RunningAgent> {
  const clock = systemClock;
  const host = createHost(opts);
  const engine = new ResetEngine(host, { clock, pollMs: opts.pollMs });
  const cordoned = () => false;
  let agent: NatsAgent | undefined;
  const executor = new CommandExecutor({
    host: opts.host,
    engine,
    clock,
    isCordoned: cordoned,
    events: { progress: (id, phase, message, step) => agent?.progress(id, phase, message, step) },
  });
  agent = new NatsAgent({
    servers: opts.nats,
    identity: { host: opts.host, farm: opts.farm, tags: opts.tags },
    port: host,
    executor,
    clock,
    log,
    version: VERSION,
    heartbeatMs: opts.heartbeatMs,
    isCordoned: cordoned,
  });
  await agent.start();
  const running = agent;
  return {
    agent: running,
    async stop() {
      await running.stop();
      host.dispose?.();
    },
  };
}
