import { randomUUID } from "node:crypto";
import { MalformedPayloadError, type StatusReportPeek, decode, encode, isValidHostName, peekStatusReport } from "@iisfleet/proto";
import type { GatherOutcome } from "../nats/status-gather.js";
import { type HostFactsView, factsFromWire } from "./facts.js";
import { type StatusFilter, describeFilter } from "./filter.js";
import type { Liveness } from "./liveness.js";
import type { BriefHost, FleetRegistry } from "./registry.js";

/**
 * One host's answer to a live query. With detail, the facts fields (services, app pools...) are in the JSON; in
 * process they are decoded only when the answer is serialized (see DetailedAnswer).
 */
export interface AnsweredHost extends Partial<HostFactsView> {
  host: string;
  farm: string;
  /** Every agent instance that answered for this name; two or more means two agents claim it. */
  instanceIds: string[];
  duplicate: boolean;
  agentVersion: string;
  uptimeMs: number;
  /** Milliseconds from the broadcast to this host's reply. */
  replyMs: number;
}

/** Registered, matching, and no reply before the deadline. */
export interface SilentHost {
  host: string;
  farm: string;
  liveness: Liveness;
  lastSeenMs: number;
  /** How long ago the registry last heard a heartbeat. */
  ageMs: number;
}

export interface LiveStatusAnswer {
  mode: "live";
  requestId: string;
  filter: StatusFilter;
  scope: string;
  timeoutMs: number;
  startedAtMs: number;
  durationMs: number;
  /** Every expected host answered (the query ended early instead of at the deadline). */
  complete: boolean;
  summary: { expected: number; answered: number; silent: number; unknown: number; duplicates: number; malformed: number };
  answered: AnsweredHost[];
  silent: SilentHost[];
  /** Answered but never registered (no heartbeat reached this controller). */
  unknown: AnsweredHost[];
  nats: { connectedAtStart: boolean; interrupted: boolean; end: GatherOutcome["end"] };
  /** Sentences an operator must read before trusting the buckets. */
  warnings: string[];
}

export type Gather = (request: Uint8Array, timeoutMs: number, onReply: (data: Uint8Array) => boolean) => Promise<GatherOutcome>;

interface Reply {
  host: string;
  farm: string;
  /** With detail only: a copy of the reply, decoded again when the answer is serialized. */
  bytes: Uint8Array | undefined;
  instanceIds: string[];
  agentVersion: string;
  uptimeMs: number;
  replyMs: number;
}

/**
 * Sorts the replies to one StatusRequest. A reply that does not decode, answers another request, or names no valid
 * host is counted as malformed and otherwise ignored. A second reply for one name from another agent instance is a
 * duplicate and is reported, never merged away.
 */
export class StatusCollector {
  readonly replies = new Map<string, Reply>();
  malformed = 0;
  private waitingFor: number;

  /**
   * `detail`: decode every reply's facts (services, pools...); without it only the identifying fields are read,
   * which is what a 10 000-host "who is there" question needs. Either way nothing but the converted result is kept,
   * so a big query leaves little behind for the garbage collector.
   */
  constructor(
    private readonly requestId: string,
    private readonly expected: ReadonlySet<string>,
    private readonly elapsedMs: () => number,
    private readonly detail = true,
  ) {
    this.waitingFor = expected.size;
  }

  /** Returns true once every expected host has answered. */
  add(data: Uint8Array): boolean {
    let report: StatusReportPeek;
    try {
      report = peekStatusReport(data);
      // With detail the whole reply must decode (a reply with garbled facts is malformed, not half an answer);
      // the decoded objects are dropped at once and only the bytes kept, so a 10 000-host query holds a few MB.
      if (this.detail) decode.statusReport(data);
      if (report.requestId !== this.requestId) throw new MalformedPayloadError("StatusReport", "it answers another request", data.length);
      if (!isValidHostName(report.host)) throw new MalformedPayloadError("StatusReport", `"${report.host}" is not a valid host name`, data.length);
    } catch (err) {
      if (!(err instanceof MalformedPayloadError)) throw err;
      this.malformed++;
      return this.done();
    }
    const host = report.host;
    const seen = this.replies.get(host);
    if (seen) {
      if (!seen.instanceIds.includes(report.instanceId)) seen.instanceIds.push(report.instanceId);
      return this.done();
    }
    this.replies.set(host, {
      host,
      farm: report.farm || "default",
      // Buffer.from copies into Node's shared pool: cheap for small buffers, and `data` may be a view of a larger
      // socket buffer that must not be kept alive.
      bytes: this.detail ? Buffer.from(data) : undefined,
      instanceIds: [report.instanceId],
      agentVersion: report.agentVersion,
      uptimeMs: report.uptimeMs,
      replyMs: Math.round(this.elapsedMs()),
    });
    if (this.expected.has(host)) this.waitingFor--;
    return this.done();
  }

  private done(): boolean {
    return this.expected.size > 0 && this.waitingFor === 0;
  }
}

/**
 * An answered host whose facts are decoded when it is serialized: holding 10 000 decoded fact sets while the
 * JSON is built would keep tens of MB alive, and the controller's heap (hence its RSS) grows with what is live
 * at each collection.
 */
class DetailedAnswer implements AnsweredHost {
  host: string;
  farm: string;
  instanceIds: string[];
  duplicate: boolean;
  agentVersion: string;
  uptimeMs: number;
  replyMs: number;

  constructor(
    meta: AnsweredHost,
    private readonly bytes: Uint8Array,
  ) {
    this.host = meta.host;
    this.farm = meta.farm;
    this.instanceIds = meta.instanceIds;
    this.duplicate = meta.duplicate;
    this.agentVersion = meta.agentVersion;
    this.uptimeMs = meta.uptimeMs;
    this.replyMs = meta.replyMs;
  }

  toJSON(): AnsweredHost {
    const facts = decode.statusReport(this.bytes).facts ?? {};
    return {
      host: this.host,
      instanceIds: this.instanceIds,
      duplicate: this.duplicate,
      agentVersion: this.agentVersion,
      uptimeMs: this.uptimeMs,
      replyMs: this.replyMs,
      ...factsFromWire(facts),
    };
  }
}

/**
 * A live status query: one broadcast on the fleet subject, replies gathered until every expected host answered or
 * the deadline passed, then three buckets — answered, silent (registered, matching, no reply), unknown (answered,
 * never registered). Expected are the registered hosts the filter matches, except the old name of a renamed host
 * (unless asked for by name): it has no agent any more and would only ever be silent.
 */
export async function runLiveQuery(
  registry: FleetRegistry,
  gather: Gather,
  filter: StatusFilter,
  opts: { timeoutMs: number; detail: boolean },
): Promise<LiveStatusAnswer> {
  const requestId = randomUUID();
  const matching = registry.selectBrief(filter).filter((h) => !h.renamedTo || filter.hosts.includes(h.name));
  const byName = new Map<string, BriefHost>(matching.map((h) => [h.name, h]));
  const started = performance.now();
  const startedAtMs = registry.now();
  const collector = new StatusCollector(requestId, new Set(byName.keys()), () => performance.now() - started, opts.detail);
  const request = encode.statusRequest({ requestId, farm: filter.farm ?? "", tags: filter.tags, hosts: filter.hosts });
  const outcome = await gather(request, opts.timeoutMs, (data) => collector.add(data));
  const durationMs = Math.round(performance.now() - started);

  const answered: AnsweredHost[] = [];
  const unknown: AnsweredHost[] = [];
  for (const reply of collector.replies.values()) {
    const known = byName.get(reply.host) ?? (registry.has(reply.host) ? registry.selectBrief({ tags: {}, hosts: [reply.host] })[0] : undefined);
    const instanceIds = [...reply.instanceIds];
    for (const id of known?.duplicate?.instanceIds ?? []) if (!instanceIds.includes(id)) instanceIds.push(id);
    const meta: AnsweredHost = {
      host: reply.host,
      farm: reply.farm,
      instanceIds,
      duplicate: instanceIds.length > 1,
      agentVersion: reply.agentVersion,
      uptimeMs: reply.uptimeMs,
      replyMs: reply.replyMs,
    };
    const host = reply.bytes ? new DetailedAnswer(meta, reply.bytes) : meta;
    (known ? answered : unknown).push(host);
  }
  const byFarmName = (a: { farm: string; host: string }, b: { farm: string; host: string }) =>
    a.farm !== b.farm ? (a.farm < b.farm ? -1 : 1) : a.host < b.host ? -1 : a.host > b.host ? 1 : 0;
  answered.sort(byFarmName);
  unknown.sort(byFarmName);
  const silent: SilentHost[] = matching
    .filter((h) => !collector.replies.has(h.name))
    .map((h) => ({ host: h.name, farm: h.farm, liveness: h.liveness, lastSeenMs: h.lastSeenMs, ageMs: h.ageMs }));

  const duplicates = [...answered, ...unknown].filter((h) => h.duplicate);
  const warnings: string[] = [];
  if (outcome.interrupted) {
    warnings.push(
      outcome.connectedAtStart
        ? "The controller's NATS connection dropped during the query: this answer is partial, and a silent host may simply not have heard the question."
        : "The controller was not connected to NATS when the query started: this answer is partial, and a silent host may simply not have heard the question.",
    );
  }
  if (outcome.end === "no-responders" && matching.length > 0) {
    warnings.push("No agent at all is subscribed to the fleet status subject right now (NATS answered \"no responders\").");
  }
  if (outcome.end === "error") warnings.push(`Gathering stopped early (${outcome.error ?? "subscription error"}): this answer is partial.`);
  if (collector.malformed > 0) {
    warnings.push(`${collector.malformed} malformed ${collector.malformed === 1 ? "reply was" : "replies were"} counted and ignored.`);
  }
  for (const d of duplicates) {
    warnings.push(`${d.host} is claimed by ${d.instanceIds.length} agent instances (${d.instanceIds.join(", ")}): two agents use one host name.`);
  }

  return {
    mode: "live",
    requestId,
    filter,
    scope: describeFilter(filter),
    timeoutMs: opts.timeoutMs,
    startedAtMs,
    durationMs,
    complete: silent.length === 0,
    summary: {
      expected: matching.length,
      answered: answered.length,
      silent: silent.length,
      unknown: unknown.length,
      duplicates: duplicates.length,
      malformed: collector.malformed,
    },
    answered,
    silent,
    unknown,
    nats: { connectedAtStart: outcome.connectedAtStart, interrupted: outcome.interrupted, end: outcome.end },
    warnings,
  };
}
