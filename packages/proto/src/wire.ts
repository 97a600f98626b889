import "./long-off.js";
import { iisfleet } from "../gen/iisfleet.js";

export import v1 = iisfleet.v1;

// Friendly names for the generated classes and their plain-object shapes.
export const {
  Command,
  CommandEnvelope,
  CommandResult,
  Heartbeat,
  ProgressEvent,
  StatusRequest,
  StatusReport,
  Operation,
  ResetLevel,
  Outcome,
  ServiceState,
  StepAction,
  IisGeneration,
  HealthState,
} = v1;
export type Command = iisfleet.v1.Command;
export type CommandEnvelope = iisfleet.v1.CommandEnvelope;
export type CommandResult = iisfleet.v1.CommandResult;
export type Heartbeat = iisfleet.v1.Heartbeat;
export type ProgressEvent = iisfleet.v1.ProgressEvent;
export type StatusRequest = iisfleet.v1.StatusRequest;
export type StatusReport = iisfleet.v1.StatusReport;
export type Operation = iisfleet.v1.Operation;
export type ResetLevel = iisfleet.v1.ResetLevel;
export type Outcome = iisfleet.v1.Outcome;
export type ServiceState = iisfleet.v1.ServiceState;
export type StepAction = iisfleet.v1.StepAction;
export type IisGeneration = iisfleet.v1.IisGeneration;
export type HealthState = iisfleet.v1.HealthState;
export type IStep = iisfleet.v1.IStep;
export type IHostFacts = iisfleet.v1.IHostFacts;
export type IServiceStatus = iisfleet.v1.IServiceStatus;
export type IAppPoolStatus = iisfleet.v1.IAppPoolStatus;
export type ISiteStatus = iisfleet.v1.ISiteStatus;
export type ICommandResult = iisfleet.v1.ICommandResult;
export type IResetRequest = iisfleet.v1.IResetRequest;
export type ICommand = iisfleet.v1.ICommand;
