import type { ResetLevelName } from "@iisfleet/proto";
import type { DrainConfig } from "../drain/config.js";
import type { BoundWindow } from "../windows/service.js";
import type { Amount, Order } from "./spec.js";

/** Everything an operator said when starting a rollout, as stored with it (JSON in rollouts.definition_json). */
export interface RolloutDefinition {
  targets: {
    farm?: string;
    tags: Record<string, string>;
    hosts: string[];
    exclude: string[];
  };
  batch: Amount[];
  canary: number;
  canaryApproval: "auto" | "manual";
  /** Per farm; null = the largest batch size. */
  maxUnavailable: Amount | null;
  /** Failures allowed over the whole rollout; the rollout halts when failures exceed it (more than, not at least). */
  maxFailures: Amount;
  level: ResetLevelName;
  // The unit (rollout/unit.ts). Absent in rollouts stored before pools and sites could be named: the whole level.
  /** Level site: what is done to the sites on each host (restart only, for now); absent: restart. */
  operation?: "restart";
  /** Level recycle: recycle only these pools on each host. */
  pools?: string[];
  /** With pools: a named pool that is stopped is started. */
  startStopped?: boolean;
  /** Level site: restart these sites on each host. */
  sites?: string[];
  force: boolean;
  timeoutMs: number;
  bakeMs: number;
  /**
   * When no host can start and nothing under way would change that (hosts out of service that no reset of this
   * rollout is bringing back): `wait` (default) reports `blocked` and goes on by itself once they recover; `fail`
   * ends the rollout when it has been blocked for `blockedGraceMs`. Absent in rollouts stored before this existed.
   */
  onBlocked?: "wait" | "fail";
  blockedGraceMs?: number;
  /** How long to wait for each host's answer before counting it failed; undefined = the command default. */
  deadlineMs?: number;
  order: Order;
  seed: number;
  // Maintenance windows. Optional: a rollout that names none keeps to no window.
  /** The window this rollout keeps to, copied at start; absent when none applies (blackouts still do). */
  window?: BoundWindow;
  /** When the window's usable time ends with hosts left: wait for the next opening (default) or fail. */
  onWindowEnd?: "continue" | "fail";
  /** Started with --now: no window or blackout holds it back. Who and why are also in its actions. */
  override?: { actor: string; reason: string };
  // Load-balancer drain. Optional: a rollout over farms with no drain configured has none.
  /** Each farm's drain setting, copied when the rollout starts, so the balancer that drained a host puts it back. */
  drain?: Record<string, DrainConfig>;
  /** --no-drain: the farms' drain settings were not applied (recorded, so `rollout show` says so). */
  skipDrain?: boolean;
  /** --skip-offline: targets that were offline when it started were left out (unhealthy but reporting ones were not). */
  skipOffline?: boolean;
  /** The targets --skip-offline left out, settled at the start: recorded so `rollout show` can say so. */
  skippedBeforeStart?: Array<{ host: string; reason: string }>;
  /** --ignore-drain-failure: reset a host whose drain failed, and count it healthy when only putting it back failed. */
  ignoreDrainFailure?: boolean;
}

export const DEFAULT_BAKE_MS = 0;
export { DEFAULT_BLOCKED_GRACE_MS } from "../api/contract/defaults.js";
