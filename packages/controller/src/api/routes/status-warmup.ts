import { randomUUID } from "node:crypto";
import { BriefStatusReport, StatusReportEncoder, encodeHostFacts, v1 } from "@iisfleet/proto";
import { AnswerJsonCache } from "../../fleet/answer-json-cache.js";
import { FactsJsonCache } from "../../fleet/facts-json-cache.js";
import type { FactsShape } from "../../fleet/facts.js";
import { StatusCollector } from "../../fleet/live-query.js";
import { InvalidInputError } from "../../errors.js";
import { StreamedJson } from "../json-stream.js";

/** Synthetic hosts per warm-up: enough calls for V8 to optimize the per-reply code, little enough to go unnoticed. */
const WARMUP_HOSTS = 2_000;

/** What a typical Windows web server reports: the two IIS services, a pool with a worker, a site. */
function factsOf(host: string, farm: string): Uint8Array {
  const running = v1.ServiceState.SERVICE_STATE_RUNNING;
  return encodeHostFacts({
    host,
    farm,
    adapter: "simulated",
    iisGeneration: v1.IisGeneration.IIS_GENERATION_7_PLUS,
    services: [{ name: "W3SVC", state: running, pid: 1000 }, { name: "WAS", state: running, pid: 1000 }],
    appPools: [{ name: "DefaultAppPool", started: true, workerPids: [2000] }],
    sites: [{ name: "Default Web Site", id: 1, started: true, bindings: ["http/*:80:"], appPool: "DefaultAppPool" }],
    health: v1.HealthState.HEALTH_STATE_HEALTHY,
  });
}

/**
 * Runs the live status path — each reply's peek, the answer and facts JSON caches, the streamed JSON writer — over
 * synthetic replies of synthetic hosts, twice (new bytes, then known ones), in every shape a query asks for
 * (summary, detailed, table rows). The first real query after a controller start would otherwise run this code
 * unoptimized while 10,000 replies wait on it (1.4–3× a warm query in bench:status). Nothing of it is kept: the
 * caches are its own and the answers are written to nowhere. Returns how long it took, in ms.
 */
export function warmLiveStatusPath(hosts = WARMUP_HOSTS): number {
  const started = performance.now();
  const farm = "warmup";
  const version = "0.0.0-warmup";
  const startedAtMs = Date.now() - 60_000;
  const names = Array.from({ length: hosts }, (_, i) => `warmup${String(i).padStart(5, "0")}`);
  const ids = names.map(() => randomUUID());
  const brief = names.map((h, i) => new BriefStatusReport(h, farm, version, ids[i] as string).stable(startedAtMs));
  const detailed = names.map((h, i) => new StatusReportEncoder(version, ids[i] as string).encodeStable(factsOf(h, farm), startedAtMs));
  const expected = new Set(names);
  const heads = new AnswerJsonCache();
  const facts = new FactsJsonCache();
  const kinds: Array<[detail: boolean, shape: FactsShape, replies: Uint8Array[]]> = [
    [false, "detail", brief],
    [true, "detail", detailed],
    [true, "rows", detailed],
  ];
  for (let round = 0; round < 2; round++) {
    for (const [detail, shape, replies] of kinds) {
      const collector = new StatusCollector(randomUUID(), expected, () => 1, detail, facts, heads, { stable: true, nowMs: Date.now }, shape);
      for (const reply of replies) collector.add(reply);
      const answered = [...collector.replies.values()];
      for (const a of answered) a.duplicate = !a.single;
      for (const _chunk of new StreamedJson({ answered }, ["answered"]).chunks());
    }
  }
  return performance.now() - started;
}

/** Registered hosts from which the live path is warmed: below it a cold query is short anyway (tests, labs). */
export const DEFAULT_WARM_STATUS_HOSTS = 1_000;

/** IISFLEET_WARM_STATUS_HOSTS: a whole number of hosts (0: never warm), else the default. */
export function warmStatusHosts(setting: string | undefined): number {
  if (setting === undefined || setting === "") return DEFAULT_WARM_STATUS_HOSTS;
  if (!/^\d{1,7}$/.test(setting)) throw new InvalidInputError(`IISFLEET_WARM_STATUS_HOSTS: "${setting.slice(0, 20)}" is not a whole number of hosts.`, { setting: "IISFLEET_WARM_STATUS_HOSTS" });
  return Number(setting);
}

/** What the warm-up reads of the registry (FleetRegistry). */
export interface WarmableFleet {
  readonly size: number;
  readonly membershipVersion: number;
  primeExpected(): void;
}

/**
 * Warms the live status path once the registry holds `threshold` hosts (at start, from the database, or as the
 * agents' first heartbeats register them): a fleet that big is one whose cold first query is slow enough to
 * notice. From then on, whenever the fleet's membership changed and then held still for a tick, what a query over
 * the fleet or its largest farms expects is worked out ahead (FleetRegistry.primeExpected). Checked once a second,
 * off the API's way (the timer does not keep the process alive).
 */
export function warmWhenFleetReaches(fleet: WarmableFleet, threshold: number, done: (ms: number) => void, failed: (err: unknown) => void = () => {}): () => void {
  if (threshold <= 0) return () => {};
  let warmed = false;
  let seen = -1;
  let primed = -1;
  const timer = setInterval(() => {
    if (fleet.size < threshold) return;
    if (!warmed) {
      warmed = true;
      // Only ever a shortcut: whatever goes wrong in it must not reach the timer (and stop the controller).
      try {
        done(warmLiveStatusPath());
      } catch (err) {
        failed(err);
      }
    }
    const version = fleet.membershipVersion;
    if (version !== primed && version === seen) {
      fleet.primeExpected();
      primed = version;
    }
    seen = version;
  }, 1_000);
  timer.unref();
  return () => clearInterval(timer);
}
