import { z } from "zod";
import { auditQuery, emptyBody, tokenBody, tokenIdParam } from "./auth-schemas.js";
import { streamQuery } from "./events-ws.js";
import { drainActorBody, drainSetBody } from "./drain-schemas.js";
import { actorBody, listQuery, rolloutBody } from "./rollout-schemas.js";
import { eventsQuery } from "./routes/events.js";
import { notifyActorBody, notifyName, notifyTargetBody } from "../notify/config.js";
import { scheduleBody, scheduledActorBody, scheduledListQuery } from "./routes/scheduled.js";
import { cordonBody, forgetBody, historyQuery, notifyShowQuery, resetBody } from "./schemas.js";
import { statusQuery } from "./status-schema.js";
import { windowActorBody, windowBody, windowShowQuery } from "./window-schemas.js";

/**
 * What each route means, for the OpenAPI description (openapi.ts). Request schemas are the very zod schemas the
 * routes parse with, so the description cannot drift from the validation. A route registered without an entry
 * here fails test/openapi.test.ts, which names the key to add.
 */
export interface RouteDoc {
  summary: string;
  description?: string;
  tag: "fleet" | "commands" | "rollouts" | "events" | "meta" | "windows" | "access" | "drain" | "notify" | "scheduled";
  /** The CLI command that calls it, if one does. */
  cli?: string;
  params?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The 200 answer; JSON object unless `contentType` says otherwise. */
  response?: { description: string; schema?: z.ZodType; contentType?: string };
}

// Host names are matched case-insensitively and lower-cased (a Windows computer name), hence the mixed-case pattern.
const hostName = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/).describe("host name (a DNS label)");
const rolloutId = z.string().min(1).max(64).describe("rollout id, e.g. r-1a2b3c4d");
const commandId = z.string().min(1).max(64).describe("command id (a UUID)");

const msOrNull = z.number().int().nullable();
const scheduledView = z.object({
  id: z.string(),
  kind: z.enum(["reset", "rollout"]),
  target: z.string(),
  atMs: z.number().int(),
  at: z.string().describe("wall time in its zone, e.g. 2026-12-05 02:00 Europe/Berlin"),
  timeZone: z.string(),
  graceMs: z.number().int(),
  state: z.enum(["scheduled", "firing", "started", "missed", "cancelled", "failed"]),
  createdBy: z.string(),
  createdMs: z.number().int(),
  firedMs: msOrNull,
  resultId: z.string().nullable().describe("the command or rollout it started"),
  message: z.string(),
  request: z.record(z.string(), z.unknown()),
});
const notifyTargetView = z.object({
  name: z.string(),
  url: z.string().describe("scheme and host; path, query and credentials shown as (set)"),
  format: z.enum(["generic", "teams", "slack"]),
  events: z.array(z.string()),
  secret: z.literal("(set)").nullable(),
  createdBy: z.string(),
  createdMs: z.number().int(),
});
const deliveryState = z.enum(["pending", "delivered", "failed"]);
const notifyTargetSummary = notifyTargetView.extend({ deliveries: z.object({ pending: z.number().int(), delivered: z.number().int(), failed: z.number().int() }) });
const notifyDelivery = z.object({
  id: z.number().int(),
  eventId: z.number().int().describe("the event notified (negative: a notify test)"),
  kind: z.string(),
  state: deliveryState,
  attempts: z.number().int(),
  createdMs: z.number().int(),
  nextAttemptMs: msOrNull,
  finishedMs: msOrNull,
  lastStatus: z.number().int().nullable(),
  lastError: z.string(),
});
const pruneCounts = z.object({
  rollouts: z.number().int(),
  commands: z.number().int(),
  events: z.number().int(),
  notifications: z.number().int(),
  audit: z.number().int(),
});
const retentionView = z.object({
  retention: z.object({
    retainMs: msOrNull.describe("commands, events and finished rollouts older than this are pruned; null: kept in full"),
    retainAuditMs: msOrNull.describe("audit records older than this are pruned; null: the audit log is kept in full"),
    oldest: z.object({ commandMs: msOrNull, eventMs: msOrNull, rolloutMs: msOrNull, auditMs: msOrNull }).describe("the oldest record of each kind still kept"),
    lastSweep: z
      .object({ startedMs: z.number().int(), finishedMs: z.number().int(), durationMs: z.number().int(), deleted: pruneCounts, longestBatchMs: z.number(), batches: z.number().int() })
      .nullable(),
  }),
});

export const eventRow = z
  .object({
    id: z.number().int().describe("autoincrement id: the resume cursor"),
    atMs: z.number().int(),
    kind: z.string().describe("host.*, command.*, rollout.* (and window.* once windows land)"),
    host: z.string().nullable(),
    commandId: z.string().nullable(),
    message: z.string(),
    data: z.record(z.string(), z.unknown()),
  });

const hostState = z.enum(["healthy", "resetting", "failed", "stale", "offline", "cordoned"]);

/** The WebSocket's frames (server to client), for the description's x-websocket extension. */
export const STREAM_MESSAGES = {
  hello: z.object({
    type: z.literal("hello"),
    version: z.string(),
    atMs: z.number().int().describe("the controller's clock, so a client can correct for its own"),
    lastId: z.number().int().describe("the newest event id when the connection opened"),
    since: z.number().int().describe("events follow from the one after this id"),
    resync: z.boolean().describe("true: the id the client sent was never in this log (another database); reload state"),
  }),
  events: z.object({ type: z.literal("events"), events: z.array(eventRow) }),
  fleet: z.object({
    type: z.literal("fleet"),
    atMs: z.number().int(),
    full: z.boolean().describe("true: hosts is the whole fleet; false: only the hosts that changed"),
    counts: z.record(hostState, z.number().int()),
    hosts: z.array(
      z.object({
        name: z.string(),
        farm: z.string(),
        tags: z.record(z.string(), z.string()),
        state: hostState,
        reason: z.string(),
        rolloutId: z.string().optional(),
      }),
    ),
    removed: z.array(z.string()),
  }),
};

const rolloutAction = (action: string, what: string): RouteDoc => ({
  summary: `${action[0]?.toUpperCase()}${action.slice(1)} a rollout`,
  description: what,
  tag: "rollouts",
  cli: `iisfleet rollout ${action} ID`,
  params: { id: rolloutId },
  body: actorBody,
  response: { description: "The rollout's detail after the action." },
});

const hostAction = (action: "retry" | "skip", what: string): RouteDoc => ({
  summary: `${action === "retry" ? "Retry" : "Skip"} one host of a rollout`,
  description: what,
  tag: "rollouts",
  cli: `iisfleet rollout ${action}-host ID HOST`,
  params: { id: rolloutId, host: hostName },
  body: actorBody,
  response: { description: "The rollout's detail after the action." },
});

export const ROUTE_DOCS: Record<string, RouteDoc> = {
  "GET /api/v1/health": {
    summary: "Controller health (no token)",
    description: "For container and load-balancer checks: status ok, or degraded with one sentence per reason (e.g. NATS unreachable since when). Always HTTP 200 while the API serves.",
    tag: "meta",
    response: { description: "{ status: 'ok' | 'degraded', reasons: string[] }" },
  },
  "GET /api/v1/diagnostics": {
    summary: "Controller diagnostics",
    description: "Version, the NATS link (connected, server, since, last error), NATS edge counters, registry size and memory.",
    tag: "meta",
    response: { description: "Diagnostics." },
  },
  "GET /api/v1/hosts": {
    summary: "List hosts",
    description:
      "Every agent that ever reported, with its last facts (services, app pools, health) and liveness. agentIdentities says whether the controller checks each agent message against that agent's key (--agent-keys): \"unverified\" means anyone on NATS may have spoken for any host.",
    tag: "fleet",
    cli: "iisfleet hosts",
    response: { description: '{ agentIdentities: "verified" | "unverified", hosts: HostView[] }' },
  },
  "GET /api/v1/hosts/:name": {
    summary: "One host",
    tag: "fleet",
    params: { name: hostName },
    response: { description: "{ host: HostView }" },
  },
  "POST /api/v1/hosts/:name/reset": {
    summary: "Reset IIS on one host",
    description: "Noforce unless force is true. Waits for the agent's answer, bounded by the controller's deadline.",
    tag: "commands",
    cli: "iisfleet reset HOST",
    params: { name: hostName },
    body: resetBody,
    response: { description: "{ command: CommandDetail } — the recorded command with its steps." },
  },
  "POST /api/v1/hosts/:name/cordon": {
    summary: "Cordon or uncordon a host",
    description: "iisreset /DISABLE and /ENABLE: the agent persists it and refuses resets while cordoned.",
    tag: "commands",
    cli: "iisfleet cordon HOST / iisfleet uncordon HOST",
    params: { name: hostName },
    body: cordonBody,
    response: { description: "{ command: CommandDetail }" },
  },
  "POST /api/v1/hosts/:name/forget": {
    summary: "Forget a decommissioned host",
    description:
      "Out of the registry, live queries and the capacity guard; its history stays. Refused (409 HOST_IN_ROLLOUT) while an active rollout holds it. It is registered again when its agent reports.",
    tag: "fleet",
    cli: "iisfleet host forget HOST",
    params: { name: hostName },
    body: forgetBody,
    response: { description: "{ forgotten: string, actor: string }" },
  },
  "GET /api/v1/commands": {
    summary: "Command history",
    description: "Newest first, with their steps.",
    tag: "commands",
    cli: "iisfleet history",
    query: historyQuery,
    response: { description: "{ commands: CommandDetail[] }" },
  },
  "GET /api/v1/refusals": {
    summary: "Commands agents refused at their gate",
    description:
      "Unsigned, untrusted-key, forged, expired, misdirected or replayed commands an agent refused before decoding or running them, as the agents reported them (command.refused events), newest first. Nothing ran.",
    tag: "commands",
    cli: "iisfleet history",
    query: historyQuery,
    response: { description: "{ refusals: Event[] }" },
  },
  "GET /api/v1/notifications": {
    summary: "Notification targets",
    description: "Every target with its delivery counts; URLs without their secret parts (path, query, user) and secrets as (set).",
    tag: "notify",
    cli: "iisfleet notify list",
    response: { description: "{ targets: NotifyTargetSummary[] }", schema: z.object({ targets: z.array(notifyTargetSummary) }) },
  },
  "GET /api/v1/notifications/:name": {
    summary: "One notification target and its delivery log",
    tag: "notify",
    cli: "iisfleet notify show NAME",
    params: { name: notifyName },
    query: notifyShowQuery,
    response: { description: "{ target, deliveries: Delivery[] } — newest first", schema: z.object({ target: notifyTargetSummary, deliveries: z.array(notifyDelivery) }) },
  },
  "POST /api/v1/notifications": {
    summary: "Add a notification target",
    description:
      "From now on, each event of the kinds asked for is POSTed to the URL (at least once: an outbox in SQLite, retried with exponential backoff and jitter). Headers: Idempotency-Key (the same on every attempt), X-Iisfleet-Event, and with a secret X-Iisfleet-Signature: sha256=<HMAC-SHA256 of the body, hex>. 409 NOTIFY_TARGET_EXISTS for a name in use.",
    tag: "notify",
    cli: "iisfleet notify add NAME",
    body: notifyTargetBody,
    response: { description: "{ target }", schema: z.object({ target: notifyTargetView }) },
  },
  "POST /api/v1/notifications/:name/remove": {
    summary: "Remove a notification target and its delivery log",
    tag: "notify",
    cli: "iisfleet notify remove NAME",
    params: { name: notifyName },
    body: notifyActorBody,
    response: { description: "{ removed: string }", schema: z.object({ removed: z.string() }) },
  },
  "POST /api/v1/notifications/:name/test": {
    summary: "Send a test notification",
    description: "Queues a notify.test delivery to this target, through the same outbox and retries as every other.",
    tag: "notify",
    cli: "iisfleet notify test NAME",
    params: { name: notifyName },
    body: notifyActorBody,
    response: { description: "{ delivery }", schema: z.object({ delivery: notifyDelivery }) },
  },
  "POST /api/v1/scheduled": {
    summary: "Start a reset or a rollout at a set time",
    description:
      "Kept in SQLite; fires once. A reset is checked against its host's maintenance windows and blackouts at that time (409 SCHEDULE_REFUSED when it could never run then), a rollout is planned now and keeps its window then. If the controller was down at the time, it starts late only within graceMs, else it is recorded as missed. A wall time the zone skips is refused; one it has twice is the first (note).",
    tag: "scheduled",
    cli: "iisfleet reset HOST --at …, iisfleet rollout start --at …",
    body: scheduleBody,
    response: { description: "{ scheduled, note? }", schema: z.object({ scheduled: scheduledView.extend({ note: z.string().optional() }) }) },
  },
  "GET /api/v1/scheduled": {
    summary: "Starts set for later",
    description: "Waiting ones, soonest first; with all=1 also those started, missed, failed or cancelled.",
    tag: "scheduled",
    cli: "iisfleet scheduled list",
    query: scheduledListQuery,
    response: { description: "{ scheduled: Scheduled[] }", schema: z.object({ scheduled: z.array(scheduledView) }) },
  },
  "GET /api/v1/scheduled/:id": {
    summary: "One start set for later",
    tag: "scheduled",
    cli: "iisfleet scheduled show ID",
    params: { id: z.string() },
    response: { description: "{ scheduled }", schema: z.object({ scheduled: scheduledView }) },
  },
  "POST /api/v1/scheduled/:id/cancel": {
    summary: "Cancel a start set for later",
    description: "Only while it waits (409 SCHEDULE_REFUSED otherwise).",
    tag: "scheduled",
    cli: "iisfleet scheduled cancel ID",
    params: { id: z.string() },
    body: scheduledActorBody,
    response: { description: "{ scheduled }", schema: z.object({ scheduled: scheduledView }) },
  },
  "GET /api/v1/retention": {
    summary: "How far back history goes",
    description:
      "The retention policy (controller --retain, --retain-audit; null: everything is kept), the oldest record of each kind still kept, and the last prune sweep.",
    tag: "commands",
    cli: "iisfleet history",
    response: { description: "{ retention: Retention }", schema: retentionView },
  },
  "GET /api/v1/commands/:id": {
    summary: "One command",
    description: "The command, its steps and the agent's progress events.",
    tag: "commands",
    cli: "iisfleet show ID",
    params: { id: commandId },
    response: { description: "{ command: CommandDetail, events: Event[] }" },
  },
  "POST /api/v1/rollouts/plan": {
    summary: "Plan a rollout (dry run)",
    tag: "rollouts",
    cli: "iisfleet rollout plan",
    body: rolloutBody,
    response: { description: "{ plan: RolloutPlan } — batches and projected duration; outOfService: the targeted farms' hosts out of service now; blockedReason: why batch 1 could not start, or \"\"." },
  },
  "POST /api/v1/rollouts": {
    summary: "Start a rollout",
    tag: "rollouts",
    cli: "iisfleet rollout start",
    body: rolloutBody,
    response: { description: "The new rollout's detail, with its plan." },
  },
  "GET /api/v1/rollouts": {
    summary: "List rollouts",
    description: "Newest first, each with a per-state host count.",
    tag: "rollouts",
    cli: "iisfleet rollout list",
    query: listQuery,
    response: { description: "{ rollouts: Array<Rollout & { summary }> }" },
  },
  "GET /api/v1/rollouts/:id": {
    summary: "One rollout",
    description:
      "The rollout, every host's place and state in it (with start and finish times), the operator actions, and a summary. " +
      "rollout.blocked is { sinceMs, hosts: [{ host, farm, reason }] } while a running rollout cannot make progress, else null.",
    tag: "rollouts",
    cli: "iisfleet rollout show ID",
    params: { id: rolloutId },
    response: { description: "RolloutDetail" },
  },
  "POST /api/v1/rollouts/:id/pause": rolloutAction("pause", "No new host starts; hosts already resetting finish."),
  "POST /api/v1/rollouts/:id/resume": rolloutAction(
    "resume",
    "Continue a paused rollout, or a halted one once its failures fit the budget (409 ROLLOUT_CONFLICT while another active rollout holds hosts it has left).",
  ),
  "POST /api/v1/rollouts/:id/abort": rolloutAction("abort", "Stop for good; hosts already resetting finish and are recorded."),
  "POST /api/v1/rollouts/:id/approve": rolloutAction("approve", "Continue after a canary batch that waits for manual approval."),
  "POST /api/v1/rollouts/:id/hosts/:host/retry": hostAction("retry", "A failed or skipped host goes back to the queue."),
  "POST /api/v1/rollouts/:id/hosts/:host/skip": hostAction("skip", "A queued or failed host is passed over."),
  "GET /api/v1/status": {
    summary: "Fleet status",
    description: "From the registry (what heartbeats said, with their age), or live (?live=1: a broadcast on the fleet subject).",
    tag: "fleet",
    cli: "iisfleet status",
    query: statusQuery,
    response: { description: "RegistryStatusAnswer or LiveStatusAnswer" },
  },
  "GET /api/v1/windows": {
    summary: "List maintenance windows",
    description: "Every window and blackout, with the opening under way (if any) and the next one.",
    tag: "windows",
    cli: "iisfleet window list",
    response: { description: "{ windows: WindowView[] }" },
  },
  "POST /api/v1/windows": {
    summary: "Add a maintenance window (or blackout)",
    tag: "windows",
    cli: "iisfleet window add",
    body: windowBody,
    response: { description: "{ window: WindowView }" },
  },
  "GET /api/v1/windows/:name": {
    summary: "One window and its next openings",
    tag: "windows",
    cli: "iisfleet window show NAME",
    params: { name: z.string().min(1).max(64).describe("window name") },
    query: windowShowQuery,
    response: { description: "{ window: WindowView, openings: Opening[] } — in the window's zone and in UTC." },
  },
  "POST /api/v1/windows/:name/remove": {
    summary: "Remove a maintenance window",
    tag: "windows",
    cli: "iisfleet window rm NAME",
    params: { name: z.string().min(1).max(64).describe("window name") },
    body: windowActorBody,
    response: { description: "{ removed: … }" },
  },
  "GET /api/v1/drains": {
    summary: "Every farm's load-balancer drain setting",
    tag: "drain",
    cli: "iisfleet farm drain list",
    response: { description: "{ drains: FarmDrainView[] } — webhook header values shown as (set)." },
  },
  "GET /api/v1/farms/:farm/drain": {
    summary: "One farm's load-balancer drain setting",
    tag: "drain",
    cli: "iisfleet farm drain show FARM",
    params: { farm: hostName.describe("farm name") },
    response: { description: "{ drain: FarmDrainView }" },
  },
  "POST /api/v1/farms/:farm/drain": {
    summary: "Set a farm's load-balancer drain (haproxy, webhook or arr)",
    description:
      "Rollouts copy it when they start: each host of the farm is taken out of rotation before its reset and put back " +
      "after it is healthy. haproxy: the runtime API (set server state drain, wait for 0 sessions, state ready, wait for UP). " +
      "webhook: POST {event: drain|undrain, host, farm, rolloutId} with retries. " +
      "arr: IIS Application Request Routing through the agent on the ARR host (SetState Drain, wait for 0 current requests; " +
      "SetState Start, wait for Available and healthy).",
    tag: "drain",
    cli: "iisfleet farm drain set FARM",
    params: { farm: hostName.describe("farm name") },
    body: drainSetBody,
    response: { description: "{ drain: FarmDrainView }" },
  },
  "POST /api/v1/farms/:farm/drain/remove": {
    summary: "Remove a farm's load-balancer drain",
    description: "Rollouts already started keep the setting they copied.",
    tag: "drain",
    cli: "iisfleet farm drain rm FARM",
    params: { farm: hostName.describe("farm name") },
    body: drainActorBody,
    response: { description: "{ removed: FarmDrainView }" },
  },
  "POST /api/v1/hosts/:name/drain": {
    summary: "Take one host out of its load balancer's rotation, by hand",
    description: "Through its farm's drain provider; waits for its sessions like a rollout. Refused (409) while a rollout has the host in flight.",
    tag: "drain",
    cli: "iisfleet farm drain-host HOST",
    params: { name: hostName },
    body: drainActorBody,
    response: { description: "{ host, farm, phase, message }" },
  },
  "POST /api/v1/hosts/:name/undrain": {
    summary: "Put one host back in its load balancer's rotation, by hand",
    description: "E.g. after a failed reset, which leaves the host out of rotation. Refused (409) while a rollout has the host in flight.",
    tag: "drain",
    cli: "iisfleet farm undrain-host HOST",
    params: { name: hostName },
    body: drainActorBody,
    response: { description: "{ host, farm, phase, message }" },
  },
  "GET /api/v1/events": {
    summary: "Event log by cursor; with Upgrade: websocket, the live event stream",
    description:
      "Plain GET: up to `limit` events after `since`; pass `next` back as `since`. " +
      "With `Upgrade: websocket` (query: since, kinds): JSON frames {type:'hello'}, then {type:'events', events}, " +
      "gap-free from `since` (the last event id the client saw) into live events, and {type:'fleet'} — the fleet " +
      "summary, full on connect and then at most one diff per second. See x-websocket.",
    tag: "events",
    query: eventsQuery,
    response: { description: "{ events: Event[], next: number, lastId: number }", schema: z.object({ events: z.array(eventRow), next: z.number().int(), lastId: z.number().int() }) },
  },
  "GET /api/v1/openapi.json": {
    summary: "This description",
    tag: "meta",
    response: { description: "OpenAPI 3.1 document." },
  },
  "GET /api/v1/whoami": {
    summary: "The token this request carries: its id, name and role",
    tag: "access",
    cli: "iisfleet token whoami",
    response: { description: "{ token: { tokenId, name, role } }" },
  },
  "GET /api/v1/tokens": {
    summary: "Every API token (never the token itself): name, role, hint, created, last used, expiry, revocation",
    tag: "access",
    cli: "iisfleet token list",
    response: { description: "{ tokens: TokenView[] }" },
  },
  "POST /api/v1/tokens": {
    summary: "Create an API token; the answer is the only time the token is shown",
    description: "Stored as a SHA-256. Names are unique among tokens not revoked.",
    tag: "access",
    cli: "iisfleet token create --name NAME --role ROLE [--expires 30d]",
    body: tokenBody,
    response: { description: "{ token: TokenView, secret: string } — secret is the token (iisf_…)." },
  },
  "POST /api/v1/tokens/:id/revoke": {
    summary: "Revoke an API token: it is refused from the next request on",
    tag: "access",
    cli: "iisfleet token revoke ID",
    params: { id: tokenIdParam },
    body: emptyBody,
    response: { description: "{ token: TokenView }" },
  },
  "GET /api/v1/audit": {
    summary: "The audit log: every mutating request, allowed or refused — who, what, on what, from where, outcome",
    description: "Newest first. `target` matches a host also inside a rollout (<rollout id>/<host>).",
    tag: "access",
    cli: "iisfleet audit",
    query: auditQuery,
    response: { description: "{ audit: AuditRow[] }" },
  },
  "GET /metrics": {
    summary: "Prometheus metrics",
    description: "Hosts and rollouts by state, reset durations by level and outcome, commands sent and failed, NATS reconnects, malformed messages.",
    tag: "meta",
    response: { description: "Prometheus text exposition format 0.0.4.", contentType: "text/plain; version=0.0.4" },
  },
};

/** The WebSocket endpoint's query, for the description's x-websocket extension. */
export const STREAM_QUERY = streamQuery;
