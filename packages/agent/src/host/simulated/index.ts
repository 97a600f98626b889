/** The simulated host adapter: a Windows-like SCM running IIS, for tests and the demo. */
export {
  SimulatedHost,
  type CallFailurePlan,
  type HostCallName,
  type ServiceOverrides,
  type SimProcessInfo,
  type SimulatedHostOptions,
} from "./simulated-host.js";
export {
  FAULT_NAMES,
  FAULT_PROFILES,
  POOL_FAULTS,
  SITE_FAULTS,
  isFaultName,
  parseFaultName,
  type FaultName,
  type FaultProfile,
  type PoolFault,
  type SiteFault,
  type StartBehavior,
  type StopBehavior,
} from "./faults.js";
export {
  DEFAULT_APP_POOLS,
  DEFAULT_SITES,
  catalogFor,
  type Catalog,
  type HostSpec,
  type IisRole,
  type ServiceSpec,
  type SiteSpec,
} from "./catalog.js";
export type { SiteLookup, SiteRoute } from "./app-pools.js";
export type { SiteInfo } from "../port.js";
export type { SimServiceInfo, StateChange } from "./scm.js";
export { HOST_CALL_FAILURES, type HostCallFailureKind, SimWin32, SimulatedCallError } from "./errors.js";
export { SYSTEM_PID } from "./processes.js";
export { SimulatedSites, type SiteEndpoint } from "./site-server.js";
export { DEFAULT_ARR_DRAIN_MS, DEFAULT_ARR_REQUESTS, SimulatedArr, type ArrStateChange, type SimulatedArrOptions } from "./arr-farm.js";
