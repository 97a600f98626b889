export { ResetEngine } from "./reset/engine.js";
export type * from "./reset/types.js";
export * from "./host/port.js";
export { SimulatedHost, FAULT_NAMES, type FaultName, type SimulatedHostOptions } from "./host/simulated/index.js";
export { CommandExecutor } from "./commands/executor.js";
export { NatsAgent } from "./transport/nats-agent.js";
export { runAgent } from "./run-agent.js";
export { parseAgentArgs } from "./options.js";
