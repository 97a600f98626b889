/**
 * Maintenance windows as the controller keeps them: add, list, show, remove (each recorded with who and when), which
 * windows apply to a host, and whether a single reset may start now. Knows no HTTP or CLI.
 */
import type { Clock } from "../clock.js";
import { IisfleetError, InvalidInputError, NotFoundError } from "../errors.js";
import type { Store } from "../store/index.js";
import type { WindowRow, WindowStore } from "../store/windows.js";
import { expectedResetMs } from "./expected.js";
import { type OpeningView, instantFrom, openingView } from "./format.js";
import { type Admission, admit } from "./gate.js";
import { type Schedule, scheduleFor } from "./schedule.js";
import { BODY_FIELD_NAMES, type HostFacts, WindowSpecError, appliesTo, describeSpan, validateWindow } from "./spec.js";

export interface NewWindow {
  name: string;
  cron: string;
  timeZone: string;
  durationMs: number;
  cutoffMs: number;
  farm?: string | undefined;
  tags: Record<string, string>;
  blackout: boolean;
  /** Make it the default window of `farm`. */
  farmDefault: boolean;
}

export interface WindowView extends WindowRow {
  /** The opening under way now, if any. */
  open: OpeningView | null;
  /** The next opening after now. */
  next: OpeningView | null;
}

/** The window a rollout keeps to, copied into its definition at start (so it survives a later `window rm`). */
export interface BoundWindow {
  name: string;
  cron: string;
  timeZone: string;
  durationMs: number;
  cutoffMs: number;
  /** How it was chosen: named with --window, the farm's default, or the only window applying to its hosts. */
  source: "named" | "farm-default" | "only-window";
}

/** A single reset that was allowed only because an operator said --now: who, why, and what it overrode. */
export interface ResetOverride {
  actor: string;
  reason: string;
  /** The sentence the reset would have been refused with. */
  overrode: string;
}

export class OutsideWindowError extends IisfleetError {
  constructor(host: string, reason: string, retryAtMs: number | null) {
    super(
      "OUTSIDE_WINDOW",
      `${host} may not be reset now: ${reason}. To reset it anyway, record why: iisfleet reset ${host} --now --reason "…".`,
      409,
      { host, retryAtMs },
    );
  }
}

export interface HostLookup {
  get(name: string): HostFacts | undefined;
}

export interface WindowServiceDeps {
  store: Store;
  windows: WindowStore;
  hosts: HostLookup;
  clock: Clock;
  /** Active rollouts keeping to this window (a window in use cannot be removed). */
  boundRollouts: (windowName: string) => string[];
}

export function timingOf(w: Pick<WindowRow, "name" | "cron" | "timeZone" | "durationMs" | "cutoffMs"> & { blackout?: boolean }) {
  return { name: w.name, cron: w.cron, timeZone: w.timeZone, durationMs: w.durationMs, cutoffMs: w.cutoffMs, blackout: w.blackout === true };
}

export class WindowService {
  constructor(private readonly d: WindowServiceDeps) {}

  add(input: NewWindow, actor: string): WindowView {
    let timing;
    try {
      // Only the API adds windows: its sentences name the body's fields (the CLI checked with its flags' names).
      timing = validateWindow(input, BODY_FIELD_NAMES);
    } catch (err) {
      if (err instanceof WindowSpecError) throw new InvalidInputError(err.message);
      throw err;
    }
    if (input.farmDefault && input.farm === undefined) {
      throw new InvalidInputError("default needs farm: a default window belongs to one farm.");
    }
    if (input.farmDefault && input.blackout) throw new InvalidInputError("A blackout cannot be a farm's default window; drop default or blackout.");
    if (this.d.windows.get(timing.name)) {
      throw new IisfleetError("WINDOW_EXISTS", `A window named ${timing.name} exists already; remove it first (iisfleet window rm ${timing.name}).`, 409);
    }
    if (input.farmDefault && input.farm !== undefined) {
      const current = this.d.windows.defaultOf(input.farm);
      if (current) {
        throw new IisfleetError(
          "DEFAULT_EXISTS",
          `Farm ${input.farm} already has the default window ${current.name}; remove it first (iisfleet window rm ${current.name}).`,
          409,
        );
      }
    }
    const now = this.d.clock.now();
    const row: WindowRow = {
      ...timing,
      farm: input.farm ?? null,
      tags: input.tags,
      farmDefault: input.farmDefault,
      createdBy: actor,
      createdMs: now,
    };
    this.d.store.tx(() => {
      this.d.windows.insert(row);
      this.d.store.events.append({
        atMs: now,
        kind: "window.added",
        message: `${actor} added ${row.blackout ? "blackout" : "window"} ${row.name}: ${row.cron} (${row.timeZone}) for ${describeSpan(row.durationMs)}`,
        data: { window: row },
      });
    });
    return this.view(row, now);
  }

  list(): WindowView[] {
    const now = this.d.clock.now();
    return this.d.windows.list().map((w) => this.view(w, now));
  }

  /**
   * The window and `count` openings from now — or from `from` (a date, the start of that day in the window's zone,
   * or an ISO instant), so a daily window can be previewed past its next 100 openings.
   */
  show(name: string, count: number, from?: string): { window: WindowView; openings: OpeningView[] } {
    const w = this.require(name);
    const now = this.d.clock.now();
    const s = this.schedule(w);
    const start = from === undefined ? now : instantFrom(from, w.timeZone);
    if (start === undefined) {
      throw new InvalidInputError(`from: "${from}" is not a date (2027-10-31, the start of that day in ${w.timeZone}) or an ISO instant (2027-10-31T02:00:00Z).`, { from });
    }
    // The opening under way (if any) first, then the ones to come.
    const current = s.openingAt(start);
    const upcoming = s.openingsFrom(current ? current.startMs + 1 : start, current ? count - 1 : count);
    const openings = [...(current && count > 0 ? [current] : []), ...upcoming].map((o) => openingView(o, w.timeZone));
    return { window: this.view(w, now), openings };
  }

  remove(name: string, actor: string): WindowView {
    const w = this.require(name);
    const users = this.d.boundRollouts(name);
    if (users.length > 0) {
      throw new IisfleetError(
        "WINDOW_IN_USE",
        `Window ${name} is kept to by active rollout${users.length === 1 ? "" : "s"} ${users.join(", ")}; abort ${users.length === 1 ? "it" : "them"} or let ${users.length === 1 ? "it" : "them"} finish first.`,
        409,
        { rollouts: users },
      );
    }
    const now = this.d.clock.now();
    this.d.store.tx(() => {
      this.d.windows.remove(name);
      this.d.store.events.append({ atMs: now, kind: "window.removed", message: `${actor} removed ${w.blackout ? "blackout" : "window"} ${name}`, data: { window: w } });
    });
    return this.view(w, now);
  }

  get(name: string): WindowRow | undefined {
    return this.d.windows.get(name);
  }

  schedule(w: WindowRow): Schedule {
    return scheduleFor(timingOf(w));
  }

  /** Allowed windows and blackouts that apply to a host (by farm and tags). */
  applying(host: HostFacts): { windows: WindowRow[]; blackouts: WindowRow[] } {
    const all = this.d.windows.list().filter((w) => appliesTo(w, host));
    return { windows: all.filter((w) => !w.blackout), blackouts: all.filter((w) => w.blackout) };
  }

  /** Blackouts that apply to any of these hosts (asked for only when there is a blackout at all). */
  blackoutsFor(hosts: () => readonly HostFacts[]): Schedule[] {
    const blackouts = this.d.windows.list().filter((w) => w.blackout);
    if (blackouts.length === 0) return [];
    const facts = hosts();
    return blackouts.filter((w) => facts.some((h) => appliesTo(w, h))).map((w) => this.schedule(w));
  }

  /**
   * A single reset (restart or stop) of `host`: allowed when no blackout applying to it is on and, if any allowed
   * window applies to it, one of them admits it (open, before its cutoff, and the reset fits before it). A single
   * reset is a batch of one. Otherwise refused — unless an override is given, which is then returned for the record.
   */
  checkReset(host: string, override?: { actor: string; reason: string }): ResetOverride | undefined {
    const facts = this.d.hosts.get(host);
    if (!facts) return undefined; // the command service answers for unknown hosts
    const verdict = this.admitReset(host, facts, this.d.clock.now());
    if (verdict.ok) return undefined;
    if (override) return { ...override, overrode: verdict.reason };
    throw new OutsideWindowError(host, verdict.reason, verdict.retryAtMs);
  }

  /**
   * Whether a single reset of `host` would be admitted at `atMs` (a start at a set time, checked when it is set):
   * undefined if so, else the sentence it would be refused with.
   */
  resetRefusalAt(host: string, atMs: number): string | undefined {
    const facts = this.d.hosts.get(host);
    if (!facts) return undefined;
    const verdict = this.admitReset(host, facts, atMs);
    return verdict.ok ? undefined : verdict.reason;
  }

  /** The override of a single reset, as an event of its command (call inside the command's transaction). */
  recordOverride(host: string, commandId: string, o: ResetOverride): void {
    this.d.store.events.append({
      atMs: this.d.clock.now(),
      kind: "override",
      host,
      commandId,
      message: `${o.actor} reset ${host} outside its maintenance window (${o.overrode}): ${o.reason}`,
      data: { ...o },
    });
  }

  private admitReset(host: string, facts: HostFacts, nowMs: number): Admission {
    const { windows, blackouts } = this.applying(facts);
    if (windows.length === 0 && blackouts.length === 0) return { ok: true, limitMs: null };
    const common = {
      nowMs,
      blackouts: blackouts.map((b) => this.schedule(b)),
      expectedMs: () => expectedResetMs(this.d.store.commands, [host]).expectedMs,
      what: `a reset of ${host}`,
    };
    if (windows.length === 0) return admit(common);
    const verdicts = windows.map((w) => admit({ ...common, window: this.schedule(w) }));
    const ok = verdicts.find((v) => v.ok);
    if (ok) return ok;
    // Refused by every window: name the one that opens soonest.
    const refusals = verdicts.filter((v): v is Extract<Admission, { ok: false }> => !v.ok);
    refusals.sort((a, b) => (a.retryAtMs ?? Number.POSITIVE_INFINITY) - (b.retryAtMs ?? Number.POSITIVE_INFINITY));
    return refusals[0] as Admission;
  }

  /**
   * The window a rollout over these hosts keeps to: the one named (--window), else the default window of their
   * farm(s), else the only allowed window applying to them. Undefined when no allowed window applies. Several
   * candidates and no default is a question only the operator can answer.
   */
  resolveForRollout(hosts: ReadonlyArray<HostFacts & { name: string }>, named?: string): BoundWindow | undefined {
    const chosen = this.chooseForRollout(hosts, named);
    if (!chosen) return undefined;
    // Invariant: a host that windows apply to is reset only inside one of them. A rollout keeps to one window, so
    // it must be one of every such host's windows (an override aside).
    const outside = hosts.filter((h) => {
      const own = this.applying(h).windows;
      return own.length > 0 && !own.some((w) => w.name === chosen.name);
    });
    if (outside.length > 0) {
      const h = outside[0] as HostFacts & { name: string };
      const own = this.applying(h).windows.map((w) => w.name).join(", ");
      const more = outside.length > 1 ? ` (and ${outside.length - 1} more)` : "";
      throw new InvalidInputError(
        `Window ${chosen.name} does not apply to ${h.name}${more}, which may only be reset in ${own}; ` +
          "start one rollout per farm, or name a window that applies to all of them.",
      );
    }
    return chosen;
  }

  private chooseForRollout(hosts: ReadonlyArray<HostFacts & { name: string }>, named?: string): BoundWindow | undefined {
    if (named !== undefined) {
      const w = this.require(named);
      if (w.blackout) throw new InvalidInputError(`${named} is a blackout; a rollout keeps to an allowed window (see iisfleet window list).`);
      return bound(w, "named");
    }
    const farms = [...new Set(hosts.map((h) => h.farm))].sort();
    const defaults = new Map<string, WindowRow>();
    for (const f of farms) {
      const w = this.d.windows.defaultOf(f);
      if (w) defaults.set(f, w);
    }
    const defaultNames = new Set([...defaults.values()].map((w) => w.name));
    if (defaultNames.size > 1) {
      throw new InvalidInputError(
        `These hosts span farms with different default windows (${[...defaults].map(([f, w]) => `${f}: ${w.name}`).join(", ")}); ` +
          "name one with --window, or start one rollout per farm.",
      );
    }
    const only = [...defaults.values()][0];
    if (only) return bound(only, "farm-default");
    const applying = new Map<string, WindowRow>();
    for (const h of hosts) for (const w of this.applying(h).windows) applying.set(w.name, w);
    if (applying.size === 0) return undefined;
    if (applying.size === 1) return bound([...applying.values()][0] as WindowRow, "only-window");
    throw new InvalidInputError(
      `Several maintenance windows apply to these hosts (${[...applying.keys()].sort().join(", ")}) and their farm has no default; ` +
        'name one with --window NAME, or start outside any window with --now --reason "…".',
    );
  }

  private require(name: string): WindowRow {
    const w = this.d.windows.get(name);
    if (!w) throw new NotFoundError("window", name);
    return w;
  }

  private view(w: WindowRow, nowMs: number): WindowView {
    const s = this.schedule(w);
    const open = s.openingAt(nowMs);
    const next = s.nextAfter(nowMs);
    return { ...w, open: open ? openingView(open, w.timeZone) : null, next: next ? openingView(next, w.timeZone) : null };
  }
}

function bound(w: WindowRow, source: BoundWindow["source"]): BoundWindow {
  return { name: w.name, cron: w.cron, timeZone: w.timeZone, durationMs: w.durationMs, cutoffMs: w.cutoffMs, source };
}
