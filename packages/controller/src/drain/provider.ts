import { IisfleetError } from "../errors.js";
import type { DrainConfig } from "./config.js";

/** Which side of a reset a load-balancer call is on. */
export type DrainPhase = "drain" | "undrain";

/** What a drain achieved, for the rollout's event log ("3 sessions still open after the 60 s drain timeout"). */
export interface DrainOutcome {
  message: string;
}

/** A farm's load balancer. Both calls are idempotent: a resumed rollout may repeat either. */
export interface DrainProvider {
  /** Take `host` out of rotation and wait for its connections to finish (or the drain timeout). */
  drain(host: string): Promise<DrainOutcome>;
  /** Put `host` back in rotation and wait until the balancer sends it traffic again. */
  undrain(host: string): Promise<DrainOutcome>;
}

/** Whose drain it is: the farm and the rollout (webhooks pass both on; logs name them). */
export interface DrainContext {
  farm: string;
  rolloutId: string;
}

/** Builds the provider a farm's configuration names. Injected into the rollout runner (tests script their own). */
export interface DrainProviders {
  providerFor(config: DrainConfig, context: DrainContext): DrainProvider;
}

/** The balancer refused, could not be reached, or did not confirm in time. */
export class DrainError extends IisfleetError {
  constructor(phase: DrainPhase, message: string, details: Record<string, unknown> = {}) {
    super(phase === "drain" ? "DRAIN_FAILED" : "UNDRAIN_FAILED", message, 502, details);
  }
}
