import { parseHostName } from "./hostname.js";

/** Every subject is versioned: a v2 wire can run beside v1 during an upgrade. */
export const SUBJECT_ROOT = "iisfleet.v1";

export const subjects = {
  /** Request/reply: a CommandEnvelope to one agent, answered with a CommandResult. */
  command: (host: string) => `${SUBJECT_ROOT}.agent.${parseHostName(host)}.cmd`,
  /** Request/reply: a StatusRequest to one agent, answered with a StatusReport. */
  status: (host: string) => `${SUBJECT_ROOT}.agent.${parseHostName(host)}.status`,
  /** Publish: Heartbeat from one agent. */
  heartbeat: (host: string) => `${SUBJECT_ROOT}.agent.${parseHostName(host)}.hb`,
  /** Publish: ProgressEvent from one agent. */
  events: (host: string) => `${SUBJECT_ROOT}.agent.${parseHostName(host)}.evt`,
  /**
   * Reply subjects for command results: the controller names `results(host).<token>` as a command's reply, so the
   * agent answers on a subject of its own that it may always publish to. An answer through `allow_responses`
   * would be refused once nats-server's reply window (two minutes) had passed, and a reset may take longer.
   */
  results: (host: string) => `${SUBJECT_ROOT}.agent.${parseHostName(host)}.res`,
  /** Scatter-gather: a StatusRequest to every agent, each answering with a StatusReport. */
  fleetStatus: `${SUBJECT_ROOT}.fleet.status`,
  /** Wildcards the controller subscribes to. */
  allHeartbeats: `${SUBJECT_ROOT}.agent.*.hb`,
  allEvents: `${SUBJECT_ROOT}.agent.*.evt`,
  allResults: `${SUBJECT_ROOT}.agent.*.res.>`,
  /** Wildcards the controller publishes on (granted in the NATS server config by `iisfleet nats-config`). */
  allCommands: `${SUBJECT_ROOT}.agent.*.cmd`,
  allStatus: `${SUBJECT_ROOT}.agent.*.status`,
} as const;

/** Extracts the host token from an agent subject, e.g. for `iisfleet.v1.agent.web01.hb` returns "web01". */
export function hostFromSubject(subject: string): string | undefined {
  const parts = subject.split(".");
  if (parts.length !== 5 || parts[0] !== "iisfleet" || parts[1] !== "v1" || parts[2] !== "agent") return undefined;
  return parts[3];
}
