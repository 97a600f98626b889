import { randomUUID } from "node:crypto";
import { type IHostFacts, MalformedPayloadError, type StatusReportPeek, decode, encode, isValidHostName, peekStatusReport } from "@iisfleet/proto";
import { type JsonBytes, WRITE_JSON, type WritesJson } from "../json-bytes.js";
import { JSON_TEXT, type HasJsonText } from "../json-text.js";
import type { GatherOutcome } from "../nats/status-gather.js";
import { type FactsShape, type HostFactsView, factsJsonMembers, factsFromWire, factsRowMembers } from "./facts.js";
import type { AnswerHead, AnswerJsonCache } from "./answer-json-cache.js";
import { FactsJsonCache, FactsText } from "./facts-json-cache.js";
import { type StatusFilter, describeFilter } from "./filter.js";
import type { Liveness } from "./liveness.js";
import type { FleetRegistry } from "./registry.js";

/**
 * One host's answer to a live query. With detail, the facts fields (services, app pools...) are in the JSON; in
 * process they exist only as JSON text, made when the reply arrived (see PreparedAnswer).
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

/**
 * How the question was asked. `stable` (StatusRequest.stable): answers may come without a request id (this
 * question's own inbox says which question they answer) and with the agent's start time instead of its uptime,
 * which is then reckoned by `nowMs` — the controller's clock, so an agent's clock skew shows in its uptime.
 */
export interface StableAsk {
  stable?: boolean;
  nowMs?: () => number;
}

/**
 * `signedHost`: the host whose agent signed this reply (the controller verifies agent keys), else undefined.
 * `reask`: with a conditional request, the same question without the flag, for a host whose unchanged answer the
 * gatherer cannot use (controller-bus.ts).
 */
export type Gather = (request: Uint8Array, timeoutMs: number, onReply: (data: Uint8Array, signedHost?: string) => boolean, reask?: Uint8Array) => Promise<GatherOutcome>;

/**
 * Sorts the replies to one StatusRequest. A reply that does not decode, answers another request, or names no valid
 * host is counted as malformed and otherwise ignored. A second reply for one name from another agent instance is a
 * duplicate and is reported, never merged away.
 */
export class StatusCollector {
  /** One object per answering host, made as its first reply arrives: the answer is made of these. */
  readonly replies = new Map<string, PreparedAnswer>();
  malformed = 0;
  private waitingFor: number;

  /**
   * `detail`: every reply's facts (services, pools...) too; without it only the identifying fields are read,
   * which is what a 10 000-host "who is there" question needs. With detail the facts are turned into their JSON
   * text as the reply arrives — from `factsJson` when the host's facts bytes are the ones it saw last — so the
   * answer is a join of ready strings when the last reply is in. Nothing else of a reply is kept, so a big query
   * leaves little behind for the garbage collector.
   */
  constructor(
    private readonly requestId: string,
    private readonly expected: ReadonlySet<string>,
    private readonly elapsedMs: () => number,
    private readonly detail = true,
    private readonly factsJson = new FactsJsonCache(),
    private readonly heads?: AnswerJsonCache,
    private readonly asked: StableAsk = {},
    /** With detail: each host's full facts, or its table row (?rows=1, factsRowMembers). */
    private readonly shape: FactsShape = "detail",
  ) {
    this.waitingFor = expected.size;
  }

  /**
   * Returns true once every expected host has answered. `signedHost`: the host whose agent signed the reply; a
   * reply that speaks for another host is counted as malformed (a stolen seed answering for its neighbours).
   */
  add(data: Uint8Array, signedHost?: string): boolean {
    let report: StatusReportPeek;
    let factsJson: FactsText | undefined;
    let isExpected: boolean;
    // A summary with the cache reads farm, version and instance from the head made from the same bytes before.
    const lean = this.heads !== undefined && !this.detail;
    let head: AnswerHead | undefined;
    try {
      report = peekStatusReport(data, lean ? "host" : "all");
      // A brief answer names no request: it arrives on this question's own inbox (StatusRequest.brief).
      if (report.requestId !== this.requestId && ((this.detail && !this.asked.stable) || report.requestId !== "")) {
        throw new MalformedPayloadError("StatusReport", "it answers another request", data.length);
      }
      if (signedHost !== undefined && report.host !== signedHost) {
        throw new MalformedPayloadError("StatusReport", `signed by ${signedHost}'s agent, it speaks for "${report.host}"`, data.length);
      }
      // An expected name is a registered one, checked when its first heartbeat arrived.
      isExpected = this.expected.has(report.host);
      if (!isExpected && !isValidHostName(report.host)) {
        throw new MalformedPayloadError("StatusReport", `"${report.host}" is not a valid host name`, data.length);
      }
      if (lean) {
        head = this.heads?.knownHead(report.host, data, report.identityStart, report.identityEnd);
        // New bytes: every string decoded, and checked.
        if (!head) report = peekStatusReport(data);
      }
      if (this.detail) factsJson = this.factsJsonOf(report, data);
    } catch (err) {
      if (!(err instanceof MalformedPayloadError)) throw err;
      this.malformed++;
      return this.done();
    }
    const host = report.host;
    const instanceId = head ? head.instanceId : report.instanceId;
    const seen = this.replies.get(host);
    // A repeat (or a second agent instance) only adds its instance id: its facts are not decoded into the answer.
    if (seen) {
      seen.claimedBy(instanceId);
      return this.done();
    }
    if (!head && this.heads) {
      const identity = lean && report.identityStart >= 0 ? data.subarray(report.identityStart, report.identityEnd) : undefined;
      head = this.heads.headOf(host, report.farm || "default", instanceId, report.agentVersion, identity);
    }
    const farm = head ? head.farm : report.farm || "default";
    const agentVersion = head ? head.agentVersion : report.agentVersion;
    const uptimeMs = report.startedAtMs > 0 && this.asked.nowMs ? Math.max(0, Math.round(this.asked.nowMs() - report.startedAtMs)) : report.uptimeMs;
    this.replies.set(host, new PreparedAnswer(host, farm, instanceId, agentVersion, uptimeMs, Math.round(this.elapsedMs()), factsJson, head));
    if (isExpected) this.waitingFor--;
    return this.done();
  }

  /**
   * With detail the whole reply must decode (a reply with garbled facts is malformed, not half an answer). Facts
   * bytes identical to ones that decoded before need no second look: the peek has already checked everything
   * around them as strictly as the decoder would.
   */
  private factsJsonOf(report: StatusReportPeek, data: Uint8Array): FactsText {
    const full = (): IHostFacts => decode.statusReport(data).facts ?? {};
    if (report.factsStart < 0) return new FactsText(this.shape === "rows" ? factsRowMembers(factsFromWire(full())) : factsJsonMembers(full()));
    return this.factsJson.textOf(report.host, data.subarray(report.factsStart, report.factsEnd), full, this.shape);
  }

  private done(): boolean {
    return this.expected.size > 0 && this.waitingFor === 0;
  }
}

const REPLY_MS = Buffer.from(',"replyMs":');
const COMMA = 0x2c;
const CLOSE = 0x7d;

/**
 * An answered host that carries its JSON text (json-text.ts): identity fields as properties, facts (with detail)
 * as the JSON text made when the reply arrived. The text is byte for byte what JSON.stringify gave for the plain
 * object this replaces: `{host, farm, instanceIds, duplicate, agentVersion, uptimeMs, replyMs}` without detail, and
 * `{host, instanceIds, duplicate, agentVersion, uptimeMs, replyMs, ...facts}` with it (the facts bring the farm).
 */
export class PreparedAnswer implements AnsweredHost, HasJsonText, WritesJson {
  /** Set once the answer is complete: two or more instances claim this host. */
  duplicate = false;
  /** Every instance id, once a second one is heard of: until then `instanceIds` makes the one-element list. */
  private ids: string[] | undefined;

  /**
   * `head`: the remembered head of this text (AnswerJsonCache), made for exactly this host, farm, instance and
   * agent version; used while the host is no duplicate. `facts`: with detail only, the facts as the API shows
   * them, as JSON object members (`"farm":...,"lastReset":...`).
   */
  constructor(
    readonly host: string,
    readonly farm: string,
    private readonly firstId: string,
    readonly agentVersion: string,
    readonly uptimeMs: number,
    readonly replyMs: number,
    private readonly facts: FactsText | undefined,
    private readonly head: AnswerHead | undefined,
  ) {}

  /** The facts' JSON members; "" for a reply without facts, undefined without detail. */
  private get factsJson(): string | undefined {
    return this.facts?.text;
  }

  /** Every agent instance that answered for this name (or claims it, by the registry); two or more: a duplicate. */
  get instanceIds(): string[] {
    return (this.ids ??= [this.firstId]);
  }

  /** One more instance answers for (or claims) this name; a repeat of a known one changes nothing. */
  claimedBy(instanceId: string): void {
    if (instanceId === this.firstId && this.ids === undefined) return;
    const ids = this.instanceIds;
    if (!ids.includes(instanceId)) ids.push(instanceId);
  }

  /** One agent instance answers for (and claims) this name, so far. */
  get single(): boolean {
    return this.ids === undefined || this.ids.length === 1;
  }

  // One JSON.stringify of a small plain object is cheaper in V8 than a template of seven; cheaper still is the
  // head of the text as the last query made it (AnswerJsonCache), for a host one agent instance answers for.
  [JSON_TEXT](): string {
    const { host, farm, instanceIds, duplicate, agentVersion, uptimeMs, replyMs } = this;
    if (this.head && !duplicate && this.single) {
      const text = `${this.head.text(this.factsJson === undefined)}${uptimeMs},"replyMs":${replyMs}`;
      return this.factsJson ? `${text},${this.factsJson}}` : `${text}}`;
    }
    if (this.factsJson === undefined) return JSON.stringify({ host, farm, instanceIds, duplicate, agentVersion, uptimeMs, replyMs });
    const head = JSON.stringify({ host, instanceIds, duplicate, agentVersion, uptimeMs, replyMs });
    return this.factsJson ? `${head.slice(0, -1)},${this.factsJson}}` : head;
  }

  /** The same text, as bytes: the remembered head, the two numbers, and the facts' text (json-bytes.ts). */
  [WRITE_JSON](out: JsonBytes): void {
    const { duplicate, uptimeMs, replyMs } = this;
    if (!this.head || duplicate || !this.single) return out.text(this[JSON_TEXT]());
    out.bytes(this.head.bytes(this.factsJson === undefined));
    out.number(uptimeMs);
    out.bytes(REPLY_MS);
    out.number(replyMs);
    if (this.facts?.text) {
      out.byte(COMMA);
      out.bytes(this.facts.bytes);
    }
    out.byte(CLOSE);
  }

  /** For any other JSON.stringify of the answer: the same text, as a value (off the hot path). */
  toJSON(): AnsweredHost {
    return JSON.parse(this[JSON_TEXT]()) as AnsweredHost;
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
  opts: { timeoutMs: number; detail: boolean; rows?: boolean; factsJson?: FactsJsonCache; answerJson?: AnswerJsonCache; conditional?: boolean },
): Promise<LiveStatusAnswer> {
  const requestId = randomUUID();
  const { names: expected, ordered, duplicates: knownDuplicates } = registry.expectedFor(filter);
  const started = performance.now();
  const startedAtMs = registry.now();
  const collector = new StatusCollector(requestId, expected, () => performance.now() - started, opts.detail, opts.factsJson, opts.answerJson, {
    stable: true,
    nowMs: () => startedAtMs + (performance.now() - started),
  }, opts.rows ? "rows" : "detail");
  // Without detail the agents are asked for a brief answer (host and farm): a third of the bytes on the wire. An
  // older agent sends all its facts anyway; the collector reads only what it needs either way. Stable: an agent's
  // answer is the same bytes while nothing about it changed, so with agent keys it is signed and verified once.
  // Conditional (the gatherer holds the agents' heartbeat statements): an agent whose answer is the one its last
  // statement vouched for sends a ~100-byte unchanged answer instead of the ~700-byte detailed one, and the gatherer
  // hands on the answer it believed from that statement — or asks that host again with `plain` when it has none.
  const plain = { requestId, farm: filter.farm ?? "", tags: filter.tags, hosts: filter.hosts, brief: !opts.detail, stable: true };
  const request = encode.statusRequest(opts.conditional ? { ...plain, conditional: true } : plain);
  const reask = opts.conditional ? encode.statusRequest(plain) : undefined;
  const outcome = await gather(request, opts.timeoutMs, (data, signedHost) => collector.add(data, signedHost), reask);
  const durationMs = Math.round(performance.now() - started);

  // The buckets come out in the registry's order (by farm, then name) without sorting 10 000 hosts: a reply's farm
  // is nearly always the registered one, and when it is not (or a host outside the filter answered) the bucket
  // is sorted after all.
  const replies = collector.replies;
  const answered: AnsweredHost[] = [];
  const unknown: AnsweredHost[] = [];
  const silent: SilentHost[] = [];
  const prepared = (reply: PreparedAnswer, claimants: readonly string[] | undefined): PreparedAnswer => {
    // The registry may know of a second instance whose heartbeats got through while its answer did not make it
    // before the query ended.
    if (claimants) for (const id of claimants) reply.claimedBy(id);
    reply.duplicate = !reply.single;
    return reply;
  };
  for (const name of ordered) {
    const reply = replies.get(name);
    if (reply) answered.push(prepared(reply, knownDuplicates.get(name)));
    else {
      const h = registry.briefOf(name);
      if (h) silent.push({ host: h.name, farm: h.farm, liveness: h.liveness, lastSeenMs: h.lastSeenMs, ageMs: h.ageMs });
    }
  }
  let strays = false;
  if (answered.length < replies.size) {
    for (const reply of replies.values()) {
      if (expected.has(reply.host)) continue;
      if (registry.has(reply.host)) {
        answered.push(prepared(reply, registry.duplicateOf(reply.host)?.instanceIds));
        strays = true;
      } else unknown.push(prepared(reply, undefined));
    }
  }
  const byFarmName = (a: { farm: string; host: string }, b: { farm: string; host: string }) =>
    a.farm !== b.farm ? (a.farm < b.farm ? -1 : 1) : a.host < b.host ? -1 : a.host > b.host ? 1 : 0;
  if (strays || !inOrder(answered, byFarmName)) answered.sort(byFarmName);
  unknown.sort(byFarmName);
  if (!inOrder(silent, byFarmName)) silent.sort(byFarmName);

  const duplicates: AnsweredHost[] = [];
  for (const bucket of [answered, unknown]) for (const h of bucket) if (h.duplicate) duplicates.push(h);
  const warnings: string[] = [];
  if (outcome.interrupted) {
    warnings.push(
      outcome.connectedAtStart
        ? "The controller's NATS connection dropped during the query: this answer is partial, and a silent host may simply not have heard the question."
        : "The controller was not connected to NATS when the query started: this answer is partial, and a silent host may simply not have heard the question.",
    );
  }
  if (outcome.end === "no-responders" && expected.size > 0) {
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
      expected: expected.size,
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

function inOrder<T>(xs: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < xs.length; i++) if (compare(xs[i - 1] as T, xs[i] as T) > 0) return false;
  return true;
}
