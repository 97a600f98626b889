/**
 * Every error the controller and the CLI show carries a stable code (for scripts and --json) and one human
 * sentence (for operators). The HTTP status is part of the error so the API and the CLI agree on meaning.
 */
export class IisfleetError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 500,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  toJSON(): { code: string; message: string; details?: Record<string, unknown> } {
    return Object.keys(this.details).length > 0
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export class InvalidInputError extends IisfleetError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("INVALID_INPUT", message, 400, details);
  }
}

export class UnknownHostError extends IisfleetError {
  constructor(readonly host: string) {
    super("UNKNOWN_HOST", `No agent named "${host}" has ever reported to this controller; see "iisfleet hosts".`, 404, { host });
  }
}

export class NotFoundError extends IisfleetError {
  constructor(what: string, id: string) {
    super("NOT_FOUND", `No ${what} "${id}".`, 404, { [what]: id });
  }
}

export class AgentUnreachableError extends IisfleetError {
  constructor(readonly host: string, reason: string) {
    super("AGENT_UNREACHABLE", `The agent on ${host} did not take the command: ${reason}.`, 504, { host });
  }
}

export class AgentTimeoutError extends IisfleetError {
  constructor(readonly host: string, readonly waitedMs: number) {
    super(
      "AGENT_TIMEOUT",
      `The agent on ${host} did not answer within ${Math.round(waitedMs / 1000)} s; the outcome is unknown and recorded as timed out.`,
      504,
      { host, waitedMs },
    );
  }
}

export class NatsUnavailableError extends IisfleetError {
  constructor(reason: string) {
    super("NATS_UNAVAILABLE", `${capitalize(reason)}. Try again when NATS is back.`, 503);
  }
}

export class HostInRolloutError extends IisfleetError {
  constructor(host: string, rolloutId: string) {
    super("HOST_IN_ROLLOUT", `${host} is in the active rollout ${rolloutId}: skip it there (rollout skip-host) or let that rollout end first.`, 409, { host, rolloutId });
  }
}

export class NotifyTargetExistsError extends IisfleetError {
  constructor(name: string) {
    super("NOTIFY_TARGET_EXISTS", `A notification target named ${name} exists already: remove it first (iisfleet notify remove ${name}) or pick another name.`, 409, { name });
  }
}

export class StoreError extends IisfleetError {
  constructor(message: string, cause?: unknown) {
    super("STORE_ERROR", message, 500);
    this.cause = cause;
  }
}

export class ControllerUnreachableError extends IisfleetError {
  constructor(readonly url: string, reason: string) {
    super(
      "CONTROLLER_UNREACHABLE",
      `Cannot reach the iisfleet controller at ${url} (${reason}). Is "iisfleet controller" running? Set --controller or IISFLEET_CONTROLLER.`,
      503,
      { url },
    );
  }
}

/** NATS turned the controller's credentials down at connect time (see "Securing NATS" in the README). */
export class NatsAuthRefusedError extends IisfleetError {
  constructor(reason: string) {
    super(
      "NATS_AUTH_REFUSED",
      `NATS refused the controller's credentials (${reason}): check --nats-nkey (nats/controller.nk from iisfleet keys) and that the server runs a config from iisfleet nats-config made from the same keys.`,
      503,
    );
  }
}

/** 401: no credentials, or ones the controller does not accept (unknown, revoked, expired). */
export class UnauthenticatedError extends IisfleetError {
  constructor(message: string) {
    super("UNAUTHENTICATED", message, 401);
  }
}

/** 403: a valid token whose role is below what the action needs. */
export class ForbiddenError extends IisfleetError {
  constructor(readonly tokenId: string, readonly tokenName: string, readonly have: string, readonly need: string, what: string) {
    super("FORBIDDEN", `${what} needs the ${need} role; token "${tokenName}" is a ${have}.`, 403, { role: have, required: need });
  }
}

/** The service is stopping: a command still in flight stays "sent", and the next controller resolves it. */
export class CommandServiceStoppedError extends IisfleetError {
  constructor() {
    super("STOPPING", "The controller is stopping; the command stays in flight and its outcome is asked for at the next start.", 503);
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A write sent to a standby controller (`controller --ha`): only the leader acts. */
export class NotLeaderError extends IisfleetError {
  constructor(leader: { controllerId: string; apiUrl?: string } | undefined, why = "this controller is a standby") {
    const where = leader ? `the leader is ${leader.controllerId}${leader.apiUrl ? ` at ${leader.apiUrl}` : ""}: send it there` : "no leader is known right now: try again in a few seconds";
    super("NOT_LEADER", `${capitalize(why)}, and only the leader accepts writes and sends commands; ${where}.`, 503, {
      ...(leader ? { leader: leader.controllerId, ...(leader.apiUrl ? { leaderUrl: leader.apiUrl } : {}) } : {}),
    });
  }
}
