/**
 * Fault profiles: named, data-only descriptions of how the simulated host misbehaves. The names form a closed
 * list so a CLI can validate `--fault NAME` against `FAULT_NAMES` and print the alternatives.
 */
import type { IisRole } from "./catalog.js";

export const FAULT_NAMES = [
  "none",
  "hung-stop",
  "slow-stop",
  "start-failure",
  "unkillable-process",
  "crash-on-start",
  "flapping-health",
  "hung-stop-protected",
] as const;

export type FaultName = (typeof FAULT_NAMES)[number];

/**
 * How a stop ends: normally, slowly (checkpoints keep advancing), never (checkpoint frozen), or refused at once
 * with 1061 while the service is RUNNING (its control handler is busy) — on every stop while it applies.
 */
export type StopBehavior = "normal" | "slow" | "hang" | "refuse";
/** How a start ends: RUNNING, STOPPED with 1053 (no progress until the SCM gives up), or STOPPED with 1067. */
export type StartBehavior = "normal" | "timeout" | "crash";

export interface FaultProfile {
  readonly name: FaultName;
  readonly description: string;
  /** Stopping W3SVC or the IIS core (WAS on IIS 7+, IISADMIN on IIS 6). */
  readonly iisStop: StopBehavior;
  /** Starting the IIS core; a core that fails makes every dependent start fail with 1068. */
  readonly coreStart: StartBehavior;
  /** Starting W3SVC itself. */
  readonly webStart: StartBehavior;
  /** An extra w3wp.exe hosting IIS code that denies termination (access denied, 5). */
  readonly unkillableWorker: boolean;
  /** `isHealthy()` alternates healthy / unhealthy on successive calls. */
  readonly flappingHealth: boolean;
}

const HEALTHY = {
  iisStop: "normal",
  coreStart: "normal",
  webStart: "normal",
  unkillableWorker: false,
  flappingHealth: false,
} as const;

export const FAULT_PROFILES: Readonly<Record<FaultName, FaultProfile>> = {
  none: { ...HEALTHY, name: "none", description: "A healthy host." },
  "hung-stop": {
    ...HEALTHY,
    name: "hung-stop",
    description: "Stopping W3SVC or the IIS core enters STOP_PENDING and its checkpoint never advances again.",
    iisStop: "hang",
  },
  "slow-stop": {
    ...HEALTHY,
    name: "slow-stop",
    description: "Stopping W3SVC or the IIS core takes many times longer, but checkpoints keep advancing.",
    iisStop: "slow",
  },
  "start-failure": {
    ...HEALTHY,
    name: "start-failure",
    description: "The IIS core never finishes starting (ends STOPPED, 1053), so starting W3SVC fails with 1068.",
    coreStart: "timeout",
  },
  "unkillable-process": {
    ...HEALTHY,
    name: "unkillable-process",
    description: "An orphaned w3wp.exe hosting IIS code refuses termination with access denied (5).",
    unkillableWorker: true,
  },
  "crash-on-start": {
    ...HEALTHY,
    name: "crash-on-start",
    description: "W3SVC reaches START_PENDING, then its process aborts: it ends STOPPED with 1067.",
    webStart: "crash",
  },
  "flapping-health": {
    ...HEALTHY,
    name: "flapping-health",
    description: "The health signal alternates between healthy and unhealthy on every probe.",
    flappingHealth: true,
  },
  "hung-stop-protected": {
    ...HEALTHY,
    name: "hung-stop-protected",
    description:
      "The case iisreset gets wrong: the IIS stop hangs (later controls get 1061) and a process hosting IIS code " +
      "denies termination (5), so only a force that skips what it cannot open succeeds.",
    iisStop: "hang",
    unkillableWorker: true,
  },
};

export function isFaultName(value: string): value is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(value);
}

/** Validates untrusted input (a CLI flag, a config file); the error lists every valid name. */
export function parseFaultName(value: string): FaultName {
  if (!isFaultName(value)) {
    throw new RangeError(`Unknown fault "${value}"; expected one of: ${FAULT_NAMES.join(", ")}.`);
  }
  return value;
}

/** Faults only ever touch IIS services: everything else on the host stops normally. */
export function stopBehaviorFor(profile: FaultProfile, role: IisRole | undefined): StopBehavior {
  return role === undefined ? "normal" : profile.iisStop;
}

export function startBehaviorFor(profile: FaultProfile, role: IisRole | undefined): StartBehavior {
  if (role === "core") return profile.coreStart;
  if (role === "web") return profile.webStart;
  return "normal";
}

/**
 * Faults of one site, set per site name (SimulatedHostOptions.siteFaults): its Stop takes slowFactor times as long
 * ("slow-stop") or never ends — the site stays Stopping ("hung-stop"); its Start stays Starting that much longer
 * ("slow-start").
 */
export const SITE_FAULTS = ["slow-stop", "hung-stop", "slow-start"] as const;
export type SiteFault = (typeof SITE_FAULTS)[number];

/**
 * Faults of one application pool (SimulatedHostOptions.poolFaults): its Start takes longer ("slow-start") or ends
 * Stopped ("start-failure", as when WAS cannot start the pool's identity); its Stop never ends ("hung-stop").
 */
export const POOL_FAULTS = ["slow-start", "start-failure", "hung-stop"] as const;
export type PoolFault = (typeof POOL_FAULTS)[number];

/** Validates a per-site or per-pool fault map (keys any case) into one keyed by upper-case name. */
export function faultMap<F extends string>(what: string, allowed: readonly F[], given: Readonly<Record<string, string>> | undefined): Map<string, F> {
  const map = new Map<string, F>();
  for (const [name, fault] of Object.entries(given ?? {})) {
    if (!(allowed as readonly string[]).includes(fault)) {
      throw new RangeError(`Unknown ${what} fault "${fault}" for "${name}"; expected one of: ${allowed.join(", ")}.`);
    }
    map.set(name.toUpperCase(), fault as F);
  }
  return map;
}
