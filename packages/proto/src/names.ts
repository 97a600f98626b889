import type { OperationName, ResetLevelName } from "./vocabulary.js";
import { v1 } from "./wire.js";

/** Human names for enum values, as an operator reads them (Windows' own spelling for service states). */
export function serviceStateName(state: number | null | undefined): string {
  switch (state) {
    case v1.ServiceState.SERVICE_STATE_STOPPED: return "STOPPED";
    case v1.ServiceState.SERVICE_STATE_START_PENDING: return "START_PENDING";
    case v1.ServiceState.SERVICE_STATE_STOP_PENDING: return "STOP_PENDING";
    case v1.ServiceState.SERVICE_STATE_RUNNING: return "RUNNING";
    case v1.ServiceState.SERVICE_STATE_CONTINUE_PENDING: return "CONTINUE_PENDING";
    case v1.ServiceState.SERVICE_STATE_PAUSE_PENDING: return "PAUSE_PENDING";
    case v1.ServiceState.SERVICE_STATE_PAUSED: return "PAUSED";
    case v1.ServiceState.SERVICE_STATE_NOT_INSTALLED: return "NOT_INSTALLED";
    default: return "UNKNOWN";
  }
}

export function outcomeName(outcome: number | null | undefined): string {
  switch (outcome) {
    case v1.Outcome.OUTCOME_SUCCEEDED: return "succeeded";
    case v1.Outcome.OUTCOME_FAILED: return "failed";
    case v1.Outcome.OUTCOME_REJECTED: return "rejected";
    case v1.Outcome.OUTCOME_UNKNOWN_COMMAND: return "unknown-command";
    case v1.Outcome.OUTCOME_IN_PROGRESS: return "in-progress";
    default: return "unspecified";
  }
}

export function stepActionName(action: number | null | undefined): string {
  switch (action) {
    case v1.StepAction.STEP_ACTION_STOP: return "stop";
    case v1.StepAction.STEP_ACTION_START: return "start";
    case v1.StepAction.STEP_ACTION_KILL_PROCESS: return "kill";
    case v1.StepAction.STEP_ACTION_RECYCLE_POOL: return "recycle";
    case v1.StepAction.STEP_ACTION_PROBE: return "probe";
    case v1.StepAction.STEP_ACTION_REBOOT: return "reboot";
    case v1.StepAction.STEP_ACTION_STOP_SITE: return "stop-site";
    case v1.StepAction.STEP_ACTION_START_SITE: return "start-site";
    case v1.StepAction.STEP_ACTION_START_POOL: return "start-pool";
    default: return "unspecified";
  }
}

export { RESET_LEVELS, type ResetLevelName, OPERATIONS, type OperationName } from "./vocabulary.js";

export function resetLevelFromName(name: ResetLevelName): v1.ResetLevel {
  return {
    recycle: v1.ResetLevel.RESET_LEVEL_RECYCLE,
    w3svc: v1.ResetLevel.RESET_LEVEL_W3SVC,
    iis: v1.ResetLevel.RESET_LEVEL_IIS,
    http: v1.ResetLevel.RESET_LEVEL_HTTP,
    site: v1.ResetLevel.RESET_LEVEL_SITE,
  }[name];
}

export function resetLevelName(level: number | null | undefined): ResetLevelName {
  switch (level) {
    case v1.ResetLevel.RESET_LEVEL_RECYCLE: return "recycle";
    case v1.ResetLevel.RESET_LEVEL_W3SVC: return "w3svc";
    case v1.ResetLevel.RESET_LEVEL_HTTP: return "http";
    case v1.ResetLevel.RESET_LEVEL_SITE: return "site";
    default: return "iis";
  }
}

export function operationFromName(name: OperationName): v1.Operation {
  return {
    restart: v1.Operation.OPERATION_RESTART,
    stop: v1.Operation.OPERATION_STOP,
    start: v1.Operation.OPERATION_START,
  }[name];
}

export function operationName(op: number | null | undefined): OperationName {
  switch (op) {
    case v1.Operation.OPERATION_STOP: return "stop";
    case v1.Operation.OPERATION_START: return "start";
    default: return "restart";
  }
}
