// The window service: adding and removing windows (every refusal is one sentence with a code), showing openings,
// which window a rollout keeps to, and whether a single reset may start now. Injected clock, real SQLite.
import { afterEach, describe, expect, it } from "vitest";
import { IisfleetError } from "../src/errors.js";
import { OutsideWindowError } from "../src/windows/service.js";
import { HOUR, MIN, FakeClock, TimedAgents, at, cleanUp, controller, definition } from "./support/window-harness.js";

afterEach(cleanUp);

const NIGHTLY = { name: "nightly", cron: "0 2 * * SUN", timeZone: "Europe/Berlin", durationMs: 3 * HOUR, cutoffMs: 20 * MIN, farm: "shop", farmDefault: true };

function setup(start = "2025-01-11T12:00:00Z") {
  const clock = new FakeClock(at(start));
  const c = controller(clock, new TimedAgents(clock));
  c.heartbeat("web01", "shop", { dc: "fra" });
  c.heartbeat("web02", "shop", { dc: "ber" });
  c.heartbeat("api01", "api");
  c.registry.flush();
  return { clock, c };
}

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err) {
    return err instanceof IisfleetError ? `${err.code}: ${err.message}` : String(err);
  }
  return undefined;
}

describe("adding, listing, showing and removing windows", () => {
  it("add records who and when, and answers with its next opening", () => {
    const { c } = setup();
    const w = c.addWindow(NIGHTLY, "alice");
    expect(w).toMatchObject({ name: "nightly", farm: "shop", farmDefault: true, createdBy: "alice", open: null });
    expect(w.next).toMatchObject({ startLocal: "Sun 2025-01-12 02:00 GMT+1", startUtc: "2025-01-12 01:00 UTC", lastStartUtc: "2025-01-12 03:40 UTC" });
    const events = c.store.events.after(0, 1000).filter((e) => e.kind === "window.added");
    expect(events.map((e) => e.message)).toEqual(["alice added window nightly: 0 2 * * SUN (Europe/Berlin) for 3h"]);
  });

  it.each([
    // The service answers the API: its sentences name the body's fields, never a CLI flag (issue 16, item 4).
    [{ cron: "61 2 * * *" }, /^INVALID_INPUT: cron: "61 2 \* \* \*" is not a cron expression/],
    [{ timeZone: "Mars/Base" }, /^INVALID_INPUT: timeZone: "Mars\/Base" is not an IANA time zone/],
    [{ durationMs: -1 }, /^INVALID_INPUT: durationMs must be longer than 0/],
    [{ cutoffMs: 3 * HOUR }, /^INVALID_INPUT: cutoffMs \(3h\) must be shorter than durationMs \(3h\)/],
    [{ farm: undefined }, /^INVALID_INPUT: default needs farm/],
    [{ blackout: true, cutoffMs: 0 }, /^INVALID_INPUT: A blackout cannot be a farm's default window/],
  ])("refuses %j with a code and one sentence", (patch, sentence) => {
    const { c } = setup();
    expect(code(() => c.addWindow({ ...NIGHTLY, ...patch }))).toMatch(sentence);
    expect(c.windows.list()).toEqual([]);
  });

  it("a name is unique, and a farm has one default window", () => {
    const { c } = setup();
    c.addWindow(NIGHTLY);
    expect(code(() => c.addWindow({ ...NIGHTLY, farmDefault: false }))).toBe(
      "WINDOW_EXISTS: A window named nightly exists already; remove it first (iisfleet window rm nightly).",
    );
    expect(code(() => c.addWindow({ ...NIGHTLY, name: "other" }))).toBe(
      "DEFAULT_EXISTS: Farm shop already has the default window nightly; remove it first (iisfleet window rm nightly).",
    );
    c.addWindow({ ...NIGHTLY, name: "api-nightly", farm: "api" });
    expect(c.windows.list().map((w) => w.name)).toEqual(["api-nightly", "nightly"]);
  });

  it("show lists the next openings, the one under way first", () => {
    const { clock, c } = setup("2025-01-12T01:30:00Z");
    c.addWindow(NIGHTLY);
    const { window, openings } = c.windows.show("nightly", 3);
    expect(window.open?.startUtc).toBe("2025-01-12 01:00 UTC");
    expect(openings.map((o) => [o.startLocal, o.startUtc])).toEqual([
      ["Sun 2025-01-12 02:00 GMT+1", "2025-01-12 01:00 UTC"],
      ["Sun 2025-01-19 02:00 GMT+1", "2025-01-19 01:00 UTC"],
      ["Sun 2025-01-26 02:00 GMT+1", "2025-01-26 01:00 UTC"],
    ]);
    clock.set("2025-03-20T00:00:00Z");
    expect(c.windows.show("nightly", 2).openings.map((o) => [o.startLocal, o.endLocal])).toEqual([
      ["Sun 2025-03-23 02:00 GMT+1", "Sun 2025-03-23 05:00 GMT+1"],
      ["Sun 2025-03-30 03:00 GMT+2", "Sun 2025-03-30 06:00 GMT+2"],
    ]);
    expect(code(() => c.windows.show("nope", 3))).toBe('NOT_FOUND: No window "nope".');
  });

  it("show --from: openings from a date (that day's start in the window's zone) or an instant, past the next 100", () => {
    const { c } = setup("2025-01-11T12:00:00Z");
    c.addWindow({ ...NIGHTLY, name: "daily", cron: "30 0 * * *", farmDefault: false });
    // 00:30 Berlin on 2026-07-01 is 22:30 UTC on 06-30: the day is read in Berlin, so that opening is the first.
    expect(c.windows.show("daily", 2, "2026-07-01").openings.map((o) => [o.startLocal, o.startUtc])).toEqual([
      ["Wed 2026-07-01 00:30 GMT+2", "2026-06-30 22:30 UTC"],
      ["Thu 2026-07-02 00:30 GMT+2", "2026-07-01 22:30 UTC"],
    ]);
    // An instant inside an opening: that opening (under way then) first.
    expect(c.windows.show("daily", 1, "2026-12-24T23:45:00Z").openings.map((o) => o.startLocal)).toEqual(["Fri 2026-12-25 00:30 GMT+1"]);
    expect(code(() => c.windows.show("daily", 1, "2026-02-30"))).toMatch(/^INVALID_INPUT: from: "2026-02-30" is not a date \(2027-10-31, the start of that day in Europe\/Berlin\)/);
  });

  it("remove records who; an unknown name is not found", () => {
    const { c } = setup();
    c.addWindow(NIGHTLY);
    c.windows.remove("nightly", "bob");
    expect(c.windows.list()).toEqual([]);
    expect(c.store.events.after(0, 1000).filter((e) => e.kind === "window.removed").map((e) => e.message)).toEqual(["bob removed window nightly"]);
    expect(code(() => c.windows.remove("nightly", "bob"))).toBe('NOT_FOUND: No window "nightly".');
  });
});

describe("a single reset", () => {
  it("outside the host's window is refused with the next opening; --now lets it through and is returned for the record", () => {
    const { c } = setup();
    c.addWindow(NIGHTLY);
    let err: unknown;
    try {
      c.windows.checkReset("web01");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OutsideWindowError);
    expect((err as OutsideWindowError).code).toBe("OUTSIDE_WINDOW");
    expect((err as OutsideWindowError).httpStatus).toBe(409);
    expect((err as OutsideWindowError).message).toBe(
      "web01 may not be reset now: window nightly is closed; it next opens Sun 2025-01-12 02:00 GMT+1 Europe/Berlin (2025-01-12 01:00 UTC). " +
        'To reset it anyway, record why: iisfleet reset web01 --now --reason "…".',
    );
    expect(c.windows.checkReset("web01", { actor: "alice", reason: "hung app pool" })).toEqual({
      actor: "alice",
      reason: "hung app pool",
      overrode: "window nightly is closed; it next opens Sun 2025-01-12 02:00 GMT+1 Europe/Berlin (2025-01-12 01:00 UTC)",
    });
  });

  it("inside the window before the cutoff it goes; after the cutoff, or when it would not fit, it is refused", () => {
    const { clock, c } = setup("2025-01-12T03:00:00Z");
    c.addWindow(NIGHTLY);
    expect(c.windows.checkReset("web01")).toBeUndefined();
    c.history("web02", [50 * MIN]);
    expect(() => c.windows.checkReset("web02")).toThrow(/^web02 may not be reset now: a reset of web02 \(expected 50m\) does not fit before the cutoff of window nightly/);
    clock.set("2025-01-12T03:40:00Z");
    expect(() => c.windows.checkReset("web01")).toThrow(/window nightly is past its cutoff/);
  });

  it("a host no window applies to goes any time; a blackout holds every host it applies to", () => {
    const { c } = setup();
    c.addWindow(NIGHTLY);
    expect(c.windows.checkReset("api01")).toBeUndefined();
    expect(c.windows.checkReset("web99")).toBeUndefined(); // unknown: the command service says so
    c.addWindow({ name: "fra-freeze", cron: "0 0 * * *", timeZone: "UTC", durationMs: 23 * HOUR, blackout: true, tags: { dc: "fra" } });
    expect(() => c.windows.checkReset("web01")).toThrow(/^web01 may not be reset now: blackout fra-freeze is on until 2025-01-11 23:00 UTC\./);
    expect(c.windows.checkReset("api01")).toBeUndefined();
  });

  it("with several windows, any open one will do, and a refusal names the one opening soonest", () => {
    const { clock, c } = setup("2025-01-08T12:00:00Z"); // a Wednesday
    c.addWindow(NIGHTLY);
    c.addWindow({ name: "wednesday", cron: "0 18 * * WED", timeZone: "UTC", durationMs: HOUR, farm: "shop" });
    expect(() => c.windows.checkReset("web01")).toThrow(/window wednesday is closed; it next opens 2025-01-08 18:00 UTC/);
    clock.set("2025-01-08T18:10:00Z");
    expect(c.windows.checkReset("web01")).toBeUndefined();
  });
});

describe("which window a rollout keeps to", () => {
  it("the named one, else the farm's default, else the only one applying; none is fine too", () => {
    const { c } = setup();
    expect(c.service.plan(definition()).window).toBeNull();
    c.addWindow({ ...NIGHTLY, farmDefault: false });
    expect(c.service.plan(definition()).window).toMatchObject({ name: "nightly", source: "only-window" });
    c.addWindow({ name: "sat", cron: "0 22 * * SAT", timeZone: "UTC", durationMs: 2 * HOUR, farm: "shop", farmDefault: true });
    expect(c.service.plan(definition()).window).toMatchObject({ name: "sat", source: "farm-default" });
    expect(c.service.plan(definition(), { window: "nightly" }).window).toMatchObject({ name: "nightly", source: "named", next: { startUtc: "2025-01-12 01:00 UTC" } });
    expect(c.service.plan(definition(), { window: "nightly" }).waitReason).toMatch(/^window nightly is closed/);
  });

  it("several windows and no default, farms with different defaults, a blackout or an unknown name: refused", () => {
    const { c } = setup();
    c.addWindow({ ...NIGHTLY, farmDefault: false });
    c.addWindow({ name: "sat", cron: "0 22 * * SAT", timeZone: "UTC", durationMs: 2 * HOUR, farm: "shop" });
    expect(code(() => c.service.plan(definition()))).toBe(
      "INVALID_INPUT: Several maintenance windows apply to these hosts (nightly, sat) and their farm has no default; " +
        'name one with --window NAME, or start outside any window with --now --reason "…".',
    );
    c.addWindow({ name: "shop-default", cron: "0 1 * * *", timeZone: "UTC", durationMs: HOUR, farm: "shop", farmDefault: true });
    c.addWindow({ name: "api-default", cron: "0 3 * * *", timeZone: "UTC", durationMs: HOUR, farm: "api", farmDefault: true });
    const both = definition({ targets: { tags: {}, hosts: ["web01", "api01"], exclude: [] } });
    expect(code(() => c.service.plan(both))).toBe(
      "INVALID_INPUT: These hosts span farms with different default windows (api: api-default, shop: shop-default); name one with --window, or start one rollout per farm.",
    );
    // A window that does not apply to every host would let some be reset outside their own windows.
    expect(code(() => c.service.plan(both, { window: "sat" }))).toBe(
      "INVALID_INPUT: Window sat does not apply to api01, which may only be reset in api-default; start one rollout per farm, or name a window that applies to all of them.",
    );
    c.addWindow({ name: "everywhere", cron: "0 4 * * *", timeZone: "UTC", durationMs: HOUR });
    expect(c.service.plan(both, { window: "everywhere" }).window?.name).toBe("everywhere");
    c.addWindow({ name: "freeze", cron: "0 0 * * *", timeZone: "UTC", durationMs: HOUR, blackout: true });
    expect(code(() => c.service.plan(definition(), { window: "freeze" }))).toMatch(/^INVALID_INPUT: freeze is a blackout; a rollout keeps to an allowed window/);
    expect(code(() => c.service.start(definition(), "a", { window: "nope" }))).toBe('NOT_FOUND: No window "nope".');
    expect(c.rollouts.list(10)).toEqual([]);
  });

  it("the window is copied into the rollout: removing it is refused while the rollout is active", () => {
    const { c } = setup();
    c.addWindow(NIGHTLY);
    const { detail } = c.service.start(definition(), "alice");
    expect(detail.rollout.definition.window).toEqual({ name: "nightly", cron: "0 2 * * SUN", timeZone: "Europe/Berlin", durationMs: 3 * HOUR, cutoffMs: 20 * MIN, source: "farm-default" });
    expect(code(() => c.windows.remove("nightly", "bob"))).toMatch(/^WINDOW_IN_USE: Window nightly is kept to by active rollout r-/);
  });
});
