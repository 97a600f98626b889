import type { Clock } from "../clock.js";
import { IisfleetError, NotFoundError, UnknownHostError } from "../errors.js";
import type { Store } from "../store/index.js";
import type { FarmDrainRow, FarmDrainStore } from "../store/drains.js";
import { type DrainConfig, describeDrain, drainConfig, redacted } from "./config.js";
import type { DrainOutcome, DrainProviders } from "./provider.js";

export interface FarmDrainView {
  farm: string;
  provider: DrainConfig["provider"];
  /** Header values of a webhook are shown as "(set)": they may be credentials. */
  config: DrainConfig;
  description: string;
  updatedBy: string;
  updatedMs: number;
}

export interface DrainServiceDeps {
  store: Store;
  drains: FarmDrainStore;
  providers: DrainProviders;
  clock: Clock;
  /** The farm a host belongs to (registry, else SQLite). */
  farmOf: (host: string) => string | undefined;
  /** The rollout that has this host in flight (draining, resetting, undraining), if any. */
  inFlightRollout: (host: string) => string | undefined;
}

/**
 * Per-farm load-balancer drain settings, and taking one host out of rotation (or back) by hand. Rollouts copy a
 * farm's setting when they start (rollout/service.ts) and drive the provider themselves (rollout/runner.ts).
 */
export class DrainService {
  constructor(private readonly d: DrainServiceDeps) {}

  set(farm: string, input: unknown, actor: string): FarmDrainView {
    // The API has validated the shape already; parsing again here keeps the stored JSON honest whoever calls.
    const config = drainConfig.parse(input);
    const now = this.d.clock.now();
    const row: FarmDrainRow = { farm, provider: config.provider, config, updatedBy: actor, updatedMs: now };
    this.d.store.tx(() => {
      this.d.drains.set(row);
      this.d.store.events.append({
        atMs: now,
        kind: "drain.set",
        message: `${actor} set farm ${farm}'s load-balancer drain: ${describeDrain(config)}`,
        data: { farm, config: redacted(config) },
      });
    });
    return view(row);
  }

  get(farm: string): FarmDrainView {
    const row = this.d.drains.get(farm);
    if (!row) throw new NotFoundError("farm drain", farm);
    return view(row);
  }

  list(): FarmDrainView[] {
    return this.d.drains.list().map(view);
  }

  remove(farm: string, actor: string): FarmDrainView {
    const row = this.d.drains.get(farm);
    if (!row) throw new NotFoundError("farm drain", farm);
    const now = this.d.clock.now();
    this.d.store.tx(() => {
      this.d.drains.remove(farm);
      this.d.store.events.append({ atMs: now, kind: "drain.removed", message: `${actor} removed farm ${farm}'s load-balancer drain`, data: { farm } });
    });
    return view(row);
  }

  /** The settings a rollout copies: one per farm that has a drain configured. */
  configsFor(farms: Iterable<string>): Record<string, DrainConfig> {
    const out: Record<string, DrainConfig> = {};
    for (const farm of new Set(farms)) {
      const row = this.d.drains.get(farm);
      if (row) out[farm] = drainConfig.parse(row.config);
    }
    return out;
  }

  /**
   * By hand: take a host out of rotation ("drain") or put it back ("undrain") through its farm's provider, waiting
   * for the balancer as a rollout would. Refused while a rollout has the host in flight: that rollout owns it.
   */
  async host(host: string, phase: "drain" | "undrain", actor: string): Promise<{ host: string; farm: string; phase: string } & DrainOutcome> {
    const farm = this.d.farmOf(host);
    if (farm === undefined) throw new UnknownHostError(host);
    const row = this.d.drains.get(farm);
    if (!row) {
      throw new IisfleetError("NO_DRAIN", `Farm ${farm} has no load-balancer drain configured; see "iisfleet farm drain set --help".`, 409, { farm });
    }
    const owner = this.d.inFlightRollout(host);
    if (owner) {
      throw new IisfleetError("ROLLOUT_CONFLICT", `${host} is in flight in rollout ${owner}, which drains and puts it back itself.`, 409, { rolloutId: owner });
    }
    const provider = this.d.providers.providerFor(drainConfig.parse(row.config), { farm, rolloutId: "" });
    const outcome = phase === "drain" ? await provider.drain(host) : await provider.undrain(host);
    this.d.store.events.append({
      atMs: this.d.clock.now(),
      kind: "drain.host",
      host,
      message: `${actor}: ${phase === "drain" ? "took" : "put"} ${host} ${phase === "drain" ? "out of" : "back in"} rotation by hand: ${outcome.message}`,
      data: { farm, phase },
    });
    return { host, farm, phase, ...outcome };
  }
}

function view(r: FarmDrainRow): FarmDrainView {
  const config = drainConfig.parse(r.config);
  return { farm: r.farm, provider: config.provider, config: redacted(config), description: describeDrain(config), updatedBy: r.updatedBy, updatedMs: r.updatedMs };
}
