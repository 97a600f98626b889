import { type IHostFacts, encodeHostFacts } from "@iisfleet/proto";
import type { AgentStatus, FactsPort } from "../host/facts.js";
import type { AppPoolInfo, Clock, IisGenerationName, ServiceInfo, SiteInfo } from "../host/port.js";

export interface CachedFacts {
  readonly facts: IHostFacts;
  /** The facts encoded once, for answers that splice them in (StatusReportEncoder). */
  encoded(): Uint8Array;
}

/**
 * The agent's facts, reused while fresh. With `maxAgeMs` 0 every call collects anew (a real host: one answer per
 * question, and the truth from the service control manager each time). The simulator sets it, because ten thousand
 * simulated hosts share one CPU that ten thousand real ones would not; the host's own change notifications call
 * `invalidate()`, and the cordon, health, running command and last reset are compared on every call.
 */
export class FactsCache {
  private cached: { entry: CachedFacts; status: AgentStatus; atMs: number } | undefined;

  constructor(
    private readonly collect: (status: AgentStatus) => Promise<IHostFacts>,
    private readonly clock: Clock,
    private readonly maxAgeMs: number,
  ) {}

  invalidate(): void {
    this.cached = undefined;
  }

  /** The cached facts if still good for `status`; undefined means call `get()`. Synchronous, for the hot path. */
  peek(status: AgentStatus): CachedFacts | undefined {
    const c = this.cached;
    if (!c || this.clock.now() - c.atMs >= this.maxAgeMs || !sameStatus(c.status, status)) return undefined;
    return c.entry;
  }

  async get(status: AgentStatus): Promise<CachedFacts> {
    const hit = this.peek(status);
    if (hit) return hit;
    const atMs = this.clock.now();
    const facts = await this.collect(status);
    let bytes: Uint8Array | undefined;
    const entry: CachedFacts = { facts, encoded: () => (bytes ??= encodeHostFacts(facts)) };
    if (this.maxAgeMs > 0) this.cached = { entry, status, atMs };
    return entry;
  }
}

function sameStatus(a: AgentStatus, b: AgentStatus): boolean {
  return (
    a.cordoned === b.cordoned &&
    a.cordonReason === b.cordonReason &&
    a.busyCommandId === b.busyCommandId &&
    a.health === b.health &&
    a.lastReset === b.lastReset
  );
}

export interface HostReadingsOptions {
  /** Longest an idle agent's readings may age; default 60 s. */
  refreshMs?: number;
  /** While true (a command runs), the timer leaves the host alone: the engine's calls go first. */
  busy?: () => boolean;
  /** How many commands have started so far: a change means the host may have changed, so read it when idle. */
  commands?: () => number;
  /** How often the timer looks (cheap: no host call unless a refresh is due); default 5 s. */
  tickMs?: number;
  onError?: (err: unknown) => void;
  clock?: Clock;
}

interface Readings {
  generation: IisGenerationName;
  services: ServiceInfo[];
  pools: AppPoolInfo[];
  sites: SiteInfo[];
  atMs: number;
}

/**
 * The host's side of the facts (generation, services, application pools, sites), read off the heartbeat path: on a slow
 * timer, and once more as soon as a command has finished. A heartbeat or a status answer reads the last readings
 * and costs the host nothing — on Windows every reading is a PowerShell call, and a heartbeat every 10 s would
 * otherwise cost two of them. A failed refresh keeps the previous readings (the error goes to `onError`); only
 * when there never were any does a reader wait for, and see the failure of, a first reading.
 */
export class HostReadings implements FactsPort {
  readonly adapter: FactsPort["adapter"];
  private last: Readings | undefined;
  private inflight: Promise<Readings> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private commandsSeen = 0;
  private readonly refreshMs: number;
  private readonly clock: Pick<Clock, "now">;

  constructor(
    private readonly port: FactsPort,
    private readonly o: HostReadingsOptions = {},
  ) {
    this.adapter = port.adapter;
    this.refreshMs = o.refreshMs ?? 60_000;
    this.clock = o.clock ?? { now: () => Date.now() };
  }

  async iisGeneration(): Promise<IisGenerationName> {
    return (await this.current()).generation;
  }

  async listServices(): Promise<ServiceInfo[]> {
    return (await this.current()).services;
  }

  async listAppPools(): Promise<AppPoolInfo[]> {
    return (await this.current()).pools;
  }

  async listSites(): Promise<SiteInfo[]> {
    return (await this.current()).sites;
  }

  /** Reads the host now (one at a time: a refresh asked for during another joins it). */
  refresh(): Promise<Readings> {
    this.inflight ??= this.read().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(), this.o.tickMs ?? 5_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Refresh when due: the readings aged out, or a command ran since the last look (however short: counted, not
   * sampled). Never while a command runs.
   */
  tick(): void {
    if (this.o.busy?.()) return;
    const commands = this.o.commands?.() ?? 0;
    const commandRan = commands !== this.commandsSeen;
    this.commandsSeen = commands;
    const aged = !this.last || this.clock.now() - this.last.atMs >= this.refreshMs;
    if (aged || commandRan) this.refresh().catch((err: unknown) => this.o.onError?.(err));
  }

  private current(): Promise<Readings> {
    return this.last ? Promise.resolve(this.last) : this.refresh();
  }

  private async read(): Promise<Readings> {
    const atMs = this.clock.now();
    // One after the other: on Windows these share one PowerShell session, which runs one script at a time anyway.
    const generation = await this.port.iisGeneration();
    const services = await this.port.listServices();
    const pools = await this.port.listAppPools();
    const sites = this.port.listSites ? await this.port.listSites() : [];
    this.last = { generation, services, pools, sites, atMs };
    return this.last;
  }
}
