export { startController, type ControllerOptions, type RunningController } from "./daemon.js";
export * from "./errors.js";
export { Store, openDatabase, schemaVersion } from "./store/index.js";
export { liveness } from "./fleet/liveness.js";
