/**
 * The API's defaults and limits that a client states to its user (CLI help, sentences). Plain numbers with no
 * imports, so a client can read them without pulling in the module that applies them.
 */

/** The longest a live status query may wait for replies; beyond a minute an operator wants an answer, not a spinner. */
export const MAX_STATUS_TIMEOUT_MS = 60_000;
export const DEFAULT_STATUS_TIMEOUT_MS = 2_000;

/** How long `--on-blocked fail` lets a rollout stay blocked (a heartbeat late by a beat is not a reason to fail). */
export const DEFAULT_BLOCKED_GRACE_MS = 60_000;

/** What a reset is expected to take on a host with no recorded reset yet (window fit, plan durations). */
export const DEFAULT_EXPECTED_RESET_MS = 30_000;

/** The notification kinds a target can ask for (notify/kinds.ts derives them from the event log). */
export const NOTIFY_KINDS = ["rollout.started", "rollout.finished", "rollout.blocked", "command.failed", "host.offline", "host.online"] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];
