import { type IStep, v1 } from "@iisfleet/proto";
import { SvcState } from "../host/port.js";
import type { StepAction, StepRecord } from "../reset/types.js";

const STATES: Record<SvcState, v1.ServiceState> = {
  [SvcState.Stopped]: v1.ServiceState.SERVICE_STATE_STOPPED,
  [SvcState.StartPending]: v1.ServiceState.SERVICE_STATE_START_PENDING,
  [SvcState.StopPending]: v1.ServiceState.SERVICE_STATE_STOP_PENDING,
  [SvcState.Running]: v1.ServiceState.SERVICE_STATE_RUNNING,
  [SvcState.ContinuePending]: v1.ServiceState.SERVICE_STATE_CONTINUE_PENDING,
  [SvcState.PausePending]: v1.ServiceState.SERVICE_STATE_PAUSE_PENDING,
  [SvcState.Paused]: v1.ServiceState.SERVICE_STATE_PAUSED,
};

export function stateToWire(state: SvcState | undefined): v1.ServiceState {
  return state === undefined ? v1.ServiceState.SERVICE_STATE_UNSPECIFIED : STATES[state];
}

const ACTIONS: Record<StepAction, v1.StepAction> = {
  stop: v1.StepAction.STEP_ACTION_STOP,
  start: v1.StepAction.STEP_ACTION_START,
  kill: v1.StepAction.STEP_ACTION_KILL_PROCESS,
  recycle: v1.StepAction.STEP_ACTION_RECYCLE_POOL,
  probe: v1.StepAction.STEP_ACTION_PROBE,
  "stop-site": v1.StepAction.STEP_ACTION_STOP_SITE,
  "start-site": v1.StepAction.STEP_ACTION_START_SITE,
  "start-pool": v1.StepAction.STEP_ACTION_START_POOL,
};

/** Engine steps to wire steps. Service state numbers are Windows' own on both sides. */
export function stepToWire(step: StepRecord): IStep {
  return {
    seq: step.seq,
    action: ACTIONS[step.action],
    target: step.target,
    fromState: stateToWire(step.fromState),
    toState: stateToWire(step.toState),
    durationMs: step.durationMs,
    win32Error: step.win32,
    message: step.message,
    ok: step.ok,
    skipped: step.skipped,
  };
}
