import type { SvcState } from "../host/port.js";

export type Operation = "restart" | "stop" | "start";
export type ResetLevel = "recycle" | "w3svc" | "iis" | "http" | "site";

export interface ResetOptions {
  operation: Operation;
  level: ResetLevel;
  /** false = iisreset /noforce: never kill a process. */
  force: boolean;
  /** Deadline for the graceful stop phase, ms. */
  stopTimeoutMs: number;
  /** Deadline for the start phase, ms. */
  startTimeoutMs: number;
  /** Run the host's health probes after starting (default true); the reset succeeds only if they pass. */
  verifyHealth?: boolean;
}

/** iisreset's documented /TIMEOUT defaults: 20 s to stop for a restart, 60 s for a stop. */
export function defaultStopTimeoutMs(operation: Operation): number {
  return operation === "stop" ? 60_000 : 20_000;
}
export const DEFAULT_START_TIMEOUT_MS = 60_000;

export type StepAction = "stop" | "start" | "kill" | "recycle" | "probe";

export interface StepRecord {
  seq: number;
  action: StepAction;
  target: string;
  fromState?: SvcState;
  toState?: SvcState;
  durationMs: number;
  win32: number;
  message: string;
  ok: boolean;
  /** Reported and passed over, e.g. a process that could not be opened. */
  skipped: boolean;
}

export type Phase = "stopping" | "killing" | "restoring" | "starting" | "recycling" | "verifying" | "done";

export type ReportCode =
  | "OK"
  | "STOP_FAILED"
  | "START_FAILED"
  | "HEALTH_FAILED"
  | "HOST_ERROR";

/** A service the reset meant to leave running that is not, with its state when last read and why. */
export interface NotRunning {
  name: string;
  state?: SvcState;
  why: string;
}

export interface ResetReport {
  ok: boolean;
  code: ReportCode;
  /** One operator sentence in iisreset's voice, with the reason iisreset never gave. */
  message: string;
  steps: StepRecord[];
  /** After a failure: the services running before the reset that are not running after it (also in `message`). */
  notRestored?: NotRunning[];
  startedAtMs: number;
  finishedAtMs: number;
}

export interface ProgressSink {
  phase?(phase: Phase, message: string): void;
  step?(step: StepRecord): void;
}
