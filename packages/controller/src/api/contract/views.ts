import { RESET_LEVELS } from "@iisfleet/proto";
import { z } from "zod";
import { drainConfig } from "../../drain/config.js";

/**
 * What the API answers: one zod schema per response body, and the view types inferred from them. The routes return
 * these (the router strips anything a view does not declare, so no store column reaches the wire by accident), the
 * OpenAPI description is generated from them, and the CLI and the dashboard read them. Nothing here imports the
 * store or a service: a client may import this module without pulling the server in.
 *
 * Response schemas hold no transforms, so what a route returns and what a client reads are the same type.
 */

const ms = z.number().int();
const msOrNull = ms.nullable();
const stringMap = z.record(z.string(), z.string());

// ---------------------------------------------------------------- errors

export const errorView = z
  .object({
    error: z.object({
      code: z.string().describe("stable, for scripts: INVALID_INPUT, NOT_FOUND, UNKNOWN_HOST, FORBIDDEN, …"),
      message: z.string().describe("one sentence for a person; names request fields, never CLI flags"),
      details: z.record(z.string(), z.unknown()).optional().describe("INVALID_INPUT: issues[] with path (the field) and message"),
    }),
  })
  .meta({ id: "Error" });
export type ErrorView = z.infer<typeof errorView>;

// ---------------------------------------------------------------- hosts

export const liveness = z.enum(["online", "stale", "offline"]);
export type LivenessView = z.infer<typeof liveness>;

export const serviceFact = z.object({ name: z.string(), state: z.string(), pid: z.number().int() });
export type ServiceFactView = z.infer<typeof serviceFact>;
export const appPoolFact = z.object({ name: z.string(), started: z.boolean(), workerPids: z.array(z.number().int()) });
export type AppPoolFactView = z.infer<typeof appPoolFact>;
export const siteFact = z.object({
  name: z.string(),
  id: z.number().int(),
  started: z.boolean(),
  bindings: z.array(z.string()).describe('"protocol/bindingInformation", e.g. "http/*:80:shop.example.com"'),
  appPool: z.string().describe("the pool of the site's root application"),
});
export type SiteFactView = z.infer<typeof siteFact>;
export const lastResetFact = z.object({ commandId: z.string(), outcome: z.string(), code: z.string(), finishedAtMs: ms });

const duplicate = z.object({ instanceIds: z.array(z.string()), sinceMs: ms }).describe("two agent instances claim this name");

export const hostView = z
  .object({
    name: z.string(),
    farm: z.string(),
    tags: stringMap,
    adapter: z.string(),
    iisGeneration: z.number().int(),
    agentVersion: z.string(),
    instanceId: z.string(),
    cordoned: z.boolean(),
    cordonReason: z.string().optional(),
    busyCommandId: z.string(),
    services: z.array(serviceFact),
    appPools: z.array(appPoolFact),
    sites: z.array(siteFact).optional().describe("the host's IIS sites, as its agent last reported them (absent or empty: not reported)"),
    counters: z.record(z.string(), z.number()),
    heartbeatMs: ms,
    firstSeenMs: ms,
    lastSeenMs: ms,
    liveness,
    ageMs: ms,
    renamedTo: z.string().optional(),
    health: z.string().optional().describe('"healthy", "unhealthy" or "" (not probed)'),
    lastReset: lastResetFact.nullable().optional(),
    uptimeMs: ms.optional(),
    duplicate: duplicate.optional(),
  })
  .meta({ id: "Host" });
export type HostView = z.infer<typeof hostView>;

export const briefHostView = z.object({
  name: z.string(),
  farm: z.string(),
  liveness,
  lastSeenMs: ms,
  ageMs: ms,
  renamedTo: z.string().optional(),
  duplicate: duplicate.optional(),
});

export const hostListView = z.object({ agentIdentities: z.enum(["verified", "unverified"]), hosts: z.array(hostView) });
export const oneHostView = z.object({ host: hostView });
export const forgottenView = z.object({ forgotten: z.string(), actor: z.string() });

// ---------------------------------------------------------------- commands and events

export const stepView = z.object({
  seq: z.number().int(),
  action: z.string(),
  target: z.string(),
  fromState: z.string(),
  toState: z.string(),
  durationMs: ms,
  win32Error: z.number().int(),
  message: z.string(),
  ok: z.boolean(),
  skipped: z.boolean(),
});

/** What a command asked for beyond operation and level; absent members were not asked for. */
export const commandOptionsView = z
  .object({
    pools: z.array(z.string()).optional().describe("level recycle: only these application pools were named"),
    startStopped: z.boolean().optional().describe("with pools: a stopped named pool is started"),
    sites: z.array(z.string()).optional().describe("level site: the sites stopped, started or restarted"),
    skipHealth: z.boolean().optional(),
    rebootOnError: z.boolean().optional(),
    deadlineMs: ms.optional(),
  })
  .catchall(z.unknown());

export const commandView = z
  .object({
    id: z.string(),
    host: z.string(),
    kind: z.string(),
    issuer: z.string(),
    operation: z.string(),
    level: z.string(),
    force: z.boolean(),
    timeoutMs: ms,
    state: z.enum(["created", "sent", "succeeded", "failed", "rejected", "timed-out", "error"]),
    createdMs: ms,
    sentMs: msOrNull,
    expiresMs: ms,
    finishedMs: msOrNull,
    agentStartedMs: msOrNull,
    agentFinishedMs: msOrNull,
    code: z.string().nullable(),
    message: z.string().nullable(),
    options: commandOptionsView,
    writtenOffMs: msOrNull,
    late: z.boolean(),
    steps: z.array(stepView),
  })
  .meta({ id: "Command" });
export type CommandView = z.infer<typeof commandView>;

export const eventView = z
  .object({
    id: z.number().int().describe("autoincrement id: the resume cursor"),
    atMs: ms,
    kind: z.string().describe("host.*, command.*, rollout.*, window.*, drain.*, override"),
    host: z.string().nullable(),
    commandId: z.string().nullable(),
    message: z.string(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "Event" });
export type EventView = z.infer<typeof eventView>;

export const resetOverrideView = z.object({ actor: z.string(), reason: z.string(), overrode: z.string() });
export type ResetOverrideView = z.infer<typeof resetOverrideView>;

export const commandAnswerView = z.object({ command: commandView, override: resetOverrideView.optional() });
export const commandListView = z.object({ commands: z.array(commandView) });
export const commandDetailView = z.object({ command: commandView, events: z.array(eventView) });
export const refusalsView = z.object({ refusals: z.array(eventView) });
export const eventPageView = z.object({ events: z.array(eventView), next: z.number().int(), lastId: z.number().int() });

// ---------------------------------------------------------------- windows

export const openingView = z.object({
  startMs: ms,
  endMs: ms,
  lastStartMs: ms,
  startLocal: z.string(),
  endLocal: z.string(),
  lastStartLocal: z.string(),
  startUtc: z.string(),
  endUtc: z.string(),
  lastStartUtc: z.string(),
});
export type OpeningView = z.infer<typeof openingView>;

export const windowView = z
  .object({
    name: z.string(),
    cron: z.string(),
    timeZone: z.string(),
    durationMs: ms,
    cutoffMs: ms,
    farm: z.string().nullable(),
    tags: stringMap,
    blackout: z.boolean(),
    farmDefault: z.boolean(),
    createdBy: z.string(),
    createdMs: ms,
    open: openingView.nullable(),
    next: openingView.nullable(),
  })
  .meta({ id: "Window" });
export type WindowView = z.infer<typeof windowView>;

export const windowListView = z.object({ windows: z.array(windowView) });
export const oneWindowView = z.object({ window: windowView });
export const windowShowView = z.object({ window: windowView, openings: z.array(openingView) });
export const windowRemovedView = z.object({ removed: windowView });

// ---------------------------------------------------------------- rollouts

const amount = z.discriminatedUnion("kind", [z.object({ kind: z.literal("count"), n: z.number().int() }), z.object({ kind: z.literal("percent"), p: z.number() })]);

export const boundWindowView = z.object({
  name: z.string(),
  cron: z.string(),
  timeZone: z.string(),
  durationMs: ms,
  cutoffMs: ms,
  source: z.enum(["named", "farm-default", "only-window"]),
});

export const rolloutDefinitionView = z.object({
  targets: z.object({ farm: z.string().optional(), tags: stringMap, hosts: z.array(z.string()), exclude: z.array(z.string()) }),
  batch: z.array(amount),
  canary: z.number().int(),
  canaryApproval: z.enum(["auto", "manual"]),
  maxUnavailable: amount.nullable(),
  maxFailures: amount,
  level: z.enum(RESET_LEVELS),
  operation: z.enum(["restart", "stop", "start"]).optional().describe('level site: what is done to the sites on each host (absent: restart)'),
  pools: z.array(z.string()).optional().describe("level recycle: the unit is recycling these pools on each host (absent: every started pool)"),
  startStopped: z.boolean().optional(),
  sites: z.array(z.string()).optional().describe("level site: the unit is this operation on these sites on each host"),
  force: z.boolean(),
  timeoutMs: ms,
  bakeMs: ms,
  onBlocked: z.enum(["wait", "fail"]).optional(),
  blockedGraceMs: ms.optional(),
  deadlineMs: ms.optional(),
  order: z.enum(["name", "random", "unhealthy-first"]),
  seed: z.number().int(),
  window: boundWindowView.optional(),
  onWindowEnd: z.enum(["continue", "fail"]).optional(),
  override: z.object({ actor: z.string(), reason: z.string() }).optional(),
  drain: z.record(z.string(), drainConfig).optional().describe("each farm's drain, copied at start; webhook header values shown as (set)"),
  skipDrain: z.boolean().optional(),
  ignoreDrainFailure: z.boolean().optional(),
  skipOffline: z.boolean().optional().describe("offline targets were left out (--skip-offline)"),
  skippedBeforeStart: z.array(z.object({ host: z.string(), reason: z.string() })).optional().describe("the targets --skip-offline left out, and why"),
});
export type RolloutDefinitionView = z.infer<typeof rolloutDefinitionView>;

export const ROLLOUT_STATES = ["running", "paused", "waiting-approval", "waiting-for-window", "succeeded", "failed", "aborted"] as const;
export const ROLLOUT_HOST_STATES = ["queued", "draining", "resetting", "undraining", "healthy", "failed", "skipped"] as const;
export type RolloutHostStateView = (typeof ROLLOUT_HOST_STATES)[number];
/** Taken out of service by a rollout and not yet done: out of rotation, being reset, or being put back. */
export const IN_FLIGHT_HOST_STATES: readonly RolloutHostStateView[] = ["draining", "resetting", "undraining"];

export const blockingHostView = z.object({ host: z.string(), farm: z.string(), reason: z.string() });

export const rolloutView = z
  .object({
    id: z.string(),
    state: z.enum(ROLLOUT_STATES),
    definition: rolloutDefinitionView,
    createdBy: z.string(),
    createdMs: ms,
    updatedMs: ms,
    finishedMs: msOrNull,
    currentBatch: z.number().int(),
    batchCount: z.number().int(),
    bakeUntilMs: msOrNull,
    reason: z.string(),
    blocked: z.object({ sinceMs: ms, hosts: z.array(blockingHostView) }).nullable().describe("set while a running rollout cannot make progress"),
  })
  .meta({ id: "Rollout" });

export const rolloutHostView = z.object({
  rolloutId: z.string(),
  host: z.string(),
  farm: z.string(),
  position: z.number().int(),
  batch: z.number().int(),
  state: z.enum(ROLLOUT_HOST_STATES),
  commandId: z.string().nullable(),
  attempts: z.number().int(),
  startedMs: msOrNull,
  resetStartedMs: msOrNull,
  undrainStartedMs: msOrNull,
  finishedMs: msOrNull,
  code: z.string(),
  message: z.string(),
});
export type RolloutHostView = z.infer<typeof rolloutHostView>;

export const rolloutActionView = z.object({
  id: z.number().int(),
  rolloutId: z.string(),
  atMs: ms,
  actor: z.string(),
  action: z.string(),
  host: z.string().nullable(),
  detail: z.string(),
});

const rolloutSummary = z.object({
  queued: z.number().int(),
  draining: z.number().int(),
  resetting: z.number().int(),
  undraining: z.number().int(),
  healthy: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  maxFailures: z.number().int(),
});

export const rolloutDetailView = z
  .object({ rollout: rolloutView, hosts: z.array(rolloutHostView), actions: z.array(rolloutActionView), summary: rolloutSummary })
  .meta({ id: "RolloutDetail" });
export type RolloutDetailView = z.infer<typeof rolloutDetailView>;

export const rolloutPlanView = z
  .object({
    hosts: z.array(z.string()),
    excluded: z.array(z.object({ host: z.string(), reason: z.string() })),
    batches: z.array(z.object({ batch: z.number().int(), canary: z.boolean(), hosts: z.array(z.string()), expectedMs: z.number() })),
    maxFailures: z.number().int(),
    projectedMs: z.number(),
    fromHistory: z.number().int(),
    window: boundWindowView.extend({ open: openingView.nullable(), next: openingView.nullable() }).nullable(),
    override: z.object({ actor: z.string(), reason: z.string() }).nullable(),
    waitReason: z.string(),
    outOfService: z.array(blockingHostView),
    blockedReason: z.string(),
    skipped: z.array(z.object({ host: z.string(), reason: z.string() })).describe("offline targets left out (--skip-offline)"),
    unit: z.string().describe('what it does to each host, e.g. "recycle pool ShopPool on each host"'),
    missingTargets: z
      .array(z.object({ host: z.string(), reason: z.string() }))
      .describe("targets whose last reported pools (or sites) lack a named one: each would answer POOL_UNKNOWN (SITE_UNKNOWN), touch nothing, and count as a failure"),
    definition: rolloutDefinitionView,
  })
  .meta({ id: "RolloutPlan" });
export type RolloutPlanView = z.infer<typeof rolloutPlanView>;

export const planAnswerView = z.object({ plan: rolloutPlanView });
export const startedRolloutView = rolloutDetailView.extend({ plan: rolloutPlanView });
export const rolloutListView = z.object({ rollouts: z.array(rolloutView.extend({ summary: rolloutSummary })) });
export type RolloutListItemView = z.infer<typeof rolloutListView>["rollouts"][number];

// ---------------------------------------------------------------- status

const statusFilter = z.object({ farm: z.string().optional(), tags: stringMap, hosts: z.array(z.string()) });

export const registryStatusView = z.object({
  mode: z.literal("registry"),
  atMs: ms,
  filter: statusFilter,
  scope: z.string(),
  summary: z.object({ hosts: z.number().int(), online: z.number().int(), stale: z.number().int(), offline: z.number().int(), duplicates: z.number().int(), oldestAgeMs: ms }),
  hosts: z.array(z.union([hostView, briefHostView])).describe("every fact with detail=1, else the brief"),
});
export type RegistryStatusView = z.infer<typeof registryStatusView>;

/**
 * One answered host as `iisfleet status --live` prints it (?rows=1): what the table's cells need, counted by the
 * controller, so the CLI parses about a fifth of the detailed answer's bytes. Names only where the table shows them.
 */
export const hostRowView = z
  .object({
    w3svc: z.string().describe('the W3SVC service\'s state, "" when the host reports no such service'),
    services: z.object({ total: z.number().int(), notRunning: z.array(serviceFact.pick({ name: true, state: true })) }),
    appPools: z.object({ total: z.number().int(), workers: z.number().int(), stopped: z.array(z.string()) }),
    sites: z.object({ total: z.number().int(), stopped: z.array(z.string()) }),
    health: z.string(),
    cordoned: z.boolean(),
    busyCommandId: z.string(),
  })
  .meta({ id: "HostRow" });
export type HostRowView = z.infer<typeof hostRowView>;

export const answeredHostView = z.object({
  host: z.string(),
  farm: z.string(),
  instanceIds: z.array(z.string()),
  duplicate: z.boolean(),
  agentVersion: z.string(),
  uptimeMs: ms,
  replyMs: ms,
  // With detail only:
  tags: stringMap.optional(),
  adapter: z.string().optional(),
  iisGeneration: z.number().int().optional(),
  cordoned: z.boolean().optional(),
  cordonReason: z.string().optional(),
  busyCommandId: z.string().optional(),
  services: z.array(serviceFact).optional(),
  appPools: z.array(appPoolFact).optional(),
  sites: z.array(siteFact).optional(),
  health: z.string().optional(),
  lastReset: lastResetFact.nullable().optional(),
  // With rows=1 instead of the facts above:
  row: hostRowView.optional(),
});
export type AnsweredHostView = z.infer<typeof answeredHostView>;

export const silentHostView = z.object({ host: z.string(), farm: z.string(), liveness, lastSeenMs: ms, ageMs: ms });

export const liveStatusView = z.object({
  mode: z.literal("live"),
  requestId: z.string(),
  filter: statusFilter,
  scope: z.string(),
  timeoutMs: ms,
  startedAtMs: ms,
  durationMs: ms,
  complete: z.boolean(),
  summary: z.object({
    expected: z.number().int(),
    answered: z.number().int(),
    silent: z.number().int(),
    unknown: z.number().int(),
    duplicates: z.number().int(),
    malformed: z.number().int(),
  }),
  answered: z.array(answeredHostView),
  silent: z.array(silentHostView),
  unknown: z.array(answeredHostView),
  nats: z.object({ connectedAtStart: z.boolean(), interrupted: z.boolean(), end: z.enum(["complete", "deadline", "no-responders", "error"]) }),
  warnings: z.array(z.string()),
});
export type LiveStatusView = z.infer<typeof liveStatusView>;

export const statusView = z.discriminatedUnion("mode", [registryStatusView, liveStatusView]);
export type StatusView = z.infer<typeof statusView>;

// ---------------------------------------------------------------- access

export const ROLE_NAMES = ["viewer", "operator", "admin"] as const;

export const tokenView = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLE_NAMES),
    hint: z.string().describe("the token's first characters, e.g. iisf_Xy3q"),
    createdMs: ms,
    createdBy: z.string(),
    expiresMs: msOrNull,
    lastUsedMs: msOrNull,
    revokedMs: msOrNull,
    revokedBy: z.string().nullable(),
    state: z.enum(["active", "expired", "revoked"]),
  })
  .meta({ id: "Token" });
export type TokenView = z.infer<typeof tokenView>;

export const auditView = z
  .object({
    id: z.number().int(),
    atMs: ms,
    requestId: z.string(),
    tokenId: z.string().nullable(),
    actor: z.string(),
    role: z.string().nullable(),
    action: z.string().describe('the route, as declared: "POST /api/v1/rollouts/:id/pause"'),
    method: z.string(),
    path: z.string(),
    target: z.string(),
    remote: z.string(),
    status: z.number().int().nullable(),
    code: z.string().nullable(),
    message: z.string(),
  })
  .meta({ id: "AuditEntry" });
export type AuditView = z.infer<typeof auditView>;

export const principalView = z.object({ tokenId: z.string(), name: z.string(), role: z.enum(ROLE_NAMES) });
export type PrincipalView = z.infer<typeof principalView>;
export const whoamiView = z.object({ token: principalView.nullable() });
export const tokenListView = z.object({ tokens: z.array(tokenView) });
export const createdTokenView = z.object({ token: tokenView, secret: z.string().describe("the token (iisf_…): shown this once") });
export const oneTokenView = z.object({ token: tokenView });
export const auditListView = z.object({ audit: z.array(auditView) });

// ---------------------------------------------------------------- drain

export const farmDrainView = z
  .object({
    farm: z.string(),
    provider: z.enum(["haproxy", "webhook", "arr"]),
    config: drainConfig.describe("webhook header values shown as (set)"),
    description: z.string(),
    updatedBy: z.string(),
    updatedMs: ms,
  })
  .meta({ id: "FarmDrain" });
export type FarmDrainView = z.infer<typeof farmDrainView>;

export const drainListView = z.object({ drains: z.array(farmDrainView) });
export const oneDrainView = z.object({ drain: farmDrainView });
export const drainRemovedView = z.object({ removed: farmDrainView });
export const hostDrainView = z.object({ host: z.string(), farm: z.string(), phase: z.string(), message: z.string() });

// ---------------------------------------------------------------- meta

const haRole = z.enum(["leader", "standby", "deposed"]);
export const healthView = z.object({
  status: z.enum(["ok", "degraded"]),
  reasons: z.array(z.string()),
  ha: z.object({ role: haRole, term: z.number().int() }).optional().describe("only with controller --ha: this controller's role in its standby pair"),
});
/** A standby pair member's view of the lease (controller --ha). */
export const haView = z.object({
  role: haRole,
  controllerId: z.string(),
  term: z.number().int(),
  leaseMs: ms,
  leader: z.object({ controllerId: z.string(), apiUrl: z.string().optional() }).optional(),
  problem: z.string().optional(),
  eligible: z.boolean().optional().describe("standby: false when it will never take the lease (its database misses changes the stream no longer holds; problem says what to do)"),
  replication: z
    .object({
      outboxBacklog: z.number().int().optional().describe("leader: committed changes not yet acknowledged by the stream"),
      published: z.number().int().optional().describe("leader: changes published since it took the lease"),
      appliedSeq: z.number().int().optional().describe("standby: the last stream sequence applied"),
      appliedTerm: z.number().int().optional().describe("standby: the term of the last change applied"),
      appliedAt: z.string().optional(),
    })
    .optional()
    .describe("how far a standby applied the change stream, or what a leader has not yet published"),
});
export const diagnosticsView = z.object({
  version: z.string(),
  nats: z.enum(["connected", "disconnected"]),
  natsLink: z.object({ connected: z.boolean(), servers: z.array(z.string()), sinceMs: ms, lastError: z.string().optional() }),
  counters: z.object({
    heartbeats: z.number().int(),
    events: z.number().int(),
    malformed: z.number().int(),
    malformedByReason: z.record(z.string(), z.number().int()),
    rejectedHeartbeats: z.number().int(),
    reconnects: z.number().int(),
  }),
  hosts: z.number().int(),
  memory: z.object({ rss: z.number(), heapUsed: z.number() }),
  ha: haView.optional(),
});

/** GET /api/v1/openapi.json: the parts a client navigates by; each operation and schema is OpenAPI's own object. */
const openApiObject = z.looseObject({}).describe("an OpenAPI 3.1 object");
export const openApiDocumentView = z.object({
  openapi: z.literal("3.1.0"),
  info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
  servers: z.array(z.object({ url: z.string(), description: z.string() })),
  tags: z.array(z.object({ name: z.string(), description: z.string() })),
  paths: z.record(z.string(), z.record(z.string(), z.looseObject({ operationId: z.string(), summary: z.string(), tags: z.array(z.string()), responses: z.record(z.string(), openApiObject) }))),
  components: z.object({ schemas: z.record(z.string(), openApiObject), securitySchemes: z.record(z.string(), openApiObject) }),
});

// ---------------------------------------------------------------- the event stream's frames (WebSocket)

const hostState = z.enum(["healthy", "resetting", "failed", "stale", "offline", "cordoned"]);

/** Server-to-client frames of GET /api/v1/events with Upgrade: websocket (the description's x-websocket). */
export const STREAM_MESSAGES = {
  hello: z.object({
    type: z.literal("hello"),
    version: z.string(),
    atMs: ms.describe("the controller's clock, so a client can correct for its own"),
    lastId: z.number().int().describe("the newest event id when the connection opened"),
    since: z.number().int().describe("events follow from the one after this id"),
    resync: z.boolean().describe("true: the id the client sent was never in this log (another database); reload state"),
  }),
  events: z.object({ type: z.literal("events"), events: z.array(eventView) }),
  fleet: z.object({
    type: z.literal("fleet"),
    atMs: ms,
    full: z.boolean().describe("true: hosts is the whole fleet; false: only the hosts that changed"),
    counts: z.record(hostState, z.number().int()),
    hosts: z.array(
      z.object({ name: z.string(), farm: z.string(), tags: stringMap, state: hostState, reason: z.string(), rolloutId: z.string().optional() }),
    ),
    removed: z.array(z.string()),
  }),
};

// ---------------------------------------------------------------- history retention

const pruneCounts = z.object({
  rollouts: z.number().int(),
  commands: z.number().int(),
  events: z.number().int(),
  notifications: z.number().int(),
  audit: z.number().int(),
});
export const retentionView = z.object({
  retainMs: msOrNull.describe("commands, events and finished rollouts older than this are pruned; null: kept in full"),
  retainAuditMs: msOrNull.describe("audit records older than this are pruned; null: the audit log's own bound (400 days, 200,000 records)"),
  oldest: z.object({ commandMs: msOrNull, eventMs: msOrNull, rolloutMs: msOrNull, auditMs: msOrNull }).describe("the oldest record of each kind still kept"),
  lastSweep: z
    .object({ startedMs: ms, finishedMs: ms, durationMs: ms, deleted: pruneCounts, longestBatchMs: z.number(), batches: z.number().int() })
    .nullable(),
});
export type RetentionView = z.infer<typeof retentionView>;
export const retentionAnswerView = z.object({ retention: retentionView });

// ---------------------------------------------------------------- notifications

export const notifyTargetView = z.object({
  name: z.string(),
  url: z.string().describe("scheme and host; path, query and credentials shown as (set)"),
  format: z.enum(["generic", "teams", "slack"]),
  events: z.array(z.string()),
  secret: z.literal("(set)").nullable(),
  createdBy: z.string(),
  createdMs: ms,
});
export type NotifyTargetView = z.infer<typeof notifyTargetView>;
export const notifyTargetSummaryView = notifyTargetView.extend({
  deliveries: z.object({ pending: z.number().int(), delivered: z.number().int(), failed: z.number().int() }),
});
export type NotifyTargetSummaryView = z.infer<typeof notifyTargetSummaryView>;
export const deliveryView = z.object({
  id: z.number().int(),
  eventId: z.number().int().describe("the event notified (negative: a notify test)"),
  kind: z.string(),
  state: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  createdMs: ms,
  nextAttemptMs: msOrNull,
  finishedMs: msOrNull,
  lastStatus: z.number().int().nullable(),
  lastError: z.string(),
});
export type DeliveryView = z.infer<typeof deliveryView>;
export const notifyListView = z.object({ targets: z.array(notifyTargetSummaryView) });
export const notifyShowView = z.object({ target: notifyTargetSummaryView, deliveries: z.array(deliveryView) });
export const notifyAddedView = z.object({ target: notifyTargetView });
export const notifyRemovedView = z.object({ removed: z.string() });
export const notifyTestView = z.object({ delivery: deliveryView });

// ---------------------------------------------------------------- starts at a set time

const namedTargets = {
  pools: z.array(z.string()).optional().describe("level recycle: only these application pools"),
  startStopped: z.boolean().optional(),
  sites: z.array(z.string()).optional().describe("level site: these sites"),
};
const scheduledResetRequest = z.object({
  ...namedTargets,
  operation: z.enum(["restart", "stop", "start"]),
  level: z.enum(RESET_LEVELS),
  force: z.boolean(),
  timeoutMs: ms,
  rebootOnError: z.boolean(),
  skipHealth: z.boolean(),
  issuer: z.string(),
  now: z.boolean(),
  reason: z.string().optional(),
});
const scheduledRolloutRequest = z.object({
  ...namedTargets,
  operation: z.enum(["restart", "stop", "start"]).optional(),
  farm: z.string().optional(),
  tags: stringMap,
  hosts: z.array(z.string()),
  exclude: z.array(z.string()),
  batch: z.array(amount),
  canary: z.number().int(),
  canaryApproval: z.enum(["auto", "manual"]),
  maxUnavailable: amount.optional(),
  maxFailures: amount,
  level: z.enum(RESET_LEVELS),
  force: z.boolean(),
  timeoutMs: ms,
  bakeMs: ms,
  deadlineMs: ms.optional(),
  order: z.enum(["name", "random", "unhealthy-first"]),
  seed: z.number().int(),
  window: z.string().optional(),
  onWindowEnd: z.enum(["continue", "fail"]),
  onBlocked: z.enum(["wait", "fail"]),
  blockedGraceMs: ms,
  now: z.boolean(),
  reason: z.string().optional(),
  drain: z.boolean(),
  ignoreDrainFailure: z.boolean(),
  skipOffline: z.boolean(),
  actor: z.string(),
});

export const scheduledView = z.object({
  id: z.string(),
  kind: z.enum(["reset", "rollout"]),
  target: z.string(),
  atMs: ms,
  at: z.string().describe("wall time in its zone, e.g. 2026-12-05 02:00 Europe/Berlin"),
  timeZone: z.string(),
  graceMs: ms,
  state: z.enum(["scheduled", "firing", "started", "missed", "cancelled", "failed"]),
  createdBy: z.string(),
  createdMs: ms,
  firedMs: msOrNull,
  resultId: z.string().nullable().describe("the command or rollout it started"),
  message: z.string(),
  request: z.union([scheduledResetRequest, scheduledRolloutRequest]).describe("the request as the API validated it, started with at the time"),
});
export type ScheduledView = z.infer<typeof scheduledView>;
export const scheduledAnswerView = z.object({ scheduled: scheduledView.extend({ note: z.string().optional() }) });
export const oneScheduledView = z.object({ scheduled: scheduledView });
export const scheduledListView = z.object({ scheduled: z.array(scheduledView) });
