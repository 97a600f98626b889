import type { Store } from "../store/index.js";
import { expectedResetMs } from "../windows/expected.js";
import { type Admission, admit } from "../windows/gate.js";
import { scheduleFor } from "../windows/schedule.js";
import type { HostLookup, WindowService } from "../windows/service.js";
import type { RolloutDefinition } from "./definition.js";

const ALWAYS: Admission = { ok: true, limitMs: null };

/**
 * Whether a rollout's next hosts may start now, as far as maintenance windows go: its own window (copied into its
 * definition), the blackouts that apply to those hosts (read fresh: a freeze added mid-rollout holds it), and the
 * hosts' expected reset time against the cutoff. Shared by the scheduler and by `rollout start`/`plan`, so the
 * state a rollout is created in and the one the scheduler moves it to agree.
 */
export class RolloutWindowGate {
  constructor(
    private readonly store: Store,
    private readonly hosts: HostLookup,
    private readonly windows: WindowService | undefined,
  ) {}

  admit(def: RolloutDefinition, batch: ReadonlyArray<{ host: string; farm: string }>, what: string, nowMs: number): Admission {
    if (def.override || batch.length === 0) return ALWAYS;
    const window = def.window ? scheduleFor({ ...def.window, blackout: false }) : undefined;
    const blackouts = this.windows?.blackoutsFor(() => batch.map((h) => this.hosts.get(h.host) ?? { farm: h.farm, tags: {} })) ?? [];
    if (!window && blackouts.length === 0) return ALWAYS;
    const expectedMs = () =>
      expectedResetMs(
        this.store.commands,
        batch.map((h) => h.host),
      ).expectedMs;
    return admit({ nowMs, window, blackouts, expectedMs, what });
  }
}
