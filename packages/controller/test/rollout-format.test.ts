// How the CLI words a rollout (`rollout plan`, `show`, `--follow`): issue 16 item 7's smalls, and the change lines
// `--follow` prints (piped) and streams (--json).
import { describe, expect, it } from "vitest";
import { ChangeTracker, changeText, waitingOf } from "../src/cli/follow.js";
import { clockTime } from "../src/cli/format.js";
import { formatPlan, formatRollout } from "../src/cli/format-rollout.js";
import type { RolloutDetail, RolloutPlan } from "../src/rollout/service.js";
import type { RolloutHostRow } from "../src/store/rollouts.js";
import { definition } from "./support/window-harness.js";

const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");
const T = Date.parse("2026-12-03T10:00:00Z");

function host(name: string, o: Partial<RolloutHostRow> = {}): RolloutHostRow {
  return {
    rolloutId: "r-1",
    host: name,
    farm: "shop",
    position: 0,
    batch: 0,
    state: "queued",
    commandId: null,
    attempts: 0,
    startedMs: null,
    resetStartedMs: null,
    undrainStartedMs: null,
    finishedMs: null,
    code: "",
    message: "",
    ...o,
  };
}

function detail(state: RolloutDetail["rollout"]["state"], hosts: RolloutHostRow[], o: Partial<RolloutDetail["rollout"]> = {}): RolloutDetail {
  const count = (s: string) => hosts.filter((h) => h.state === s).length;
  return {
    rollout: {
      id: "r-1",
      state,
      definition: definition(),
      createdBy: "alice",
      createdMs: T,
      updatedMs: T,
      finishedMs: null,
      currentBatch: 0,
      batchCount: 2,
      bakeUntilMs: null,
      reason: "",
      blocked: null,
      ...o,
    },
    hosts,
    actions: [],
    summary: {
      queued: count("queued"),
      draining: 0,
      resetting: count("resetting"),
      undraining: 0,
      healthy: count("healthy"),
      failed: count("failed"),
      skipped: count("skipped"),
      maxFailures: 0,
    },
  };
}

const rowOf = (text: string, name: string) => strip(text).split("\n").find((l) => new RegExp(`^\\d+\\s+${name}\\s`).test(l)) ?? "";

describe("rollout show", () => {
  it("a skipped host shows no duration (its times are a failed attempt's start and the skip)", () => {
    const d = detail("running", [
      host("web01", { state: "healthy", startedMs: T, finishedMs: T + 4_000, code: "OK" }),
      host("web02", { state: "skipped", attempts: 1, startedMs: T, finishedMs: T + 3_600_000, code: "SKIPPED", message: "skipped by alice" }),
    ]);
    const text = formatRollout(d, T);
    expect(rowOf(text, "web01")).toMatch(/healthy\s+10:00:00\s+10:00:04\s+4\.0 s\s+OK/);
    expect(rowOf(text, "web02")).toMatch(/skipped\s+10:00:00\s+11:00:00\s+-\s+SKIPPED: skipped by alice/);
  });

  it("an aborted rollout's hosts that never started read 'not started', not 'queued'", () => {
    const d = detail("aborted", [host("web01", { state: "healthy", startedMs: T, finishedMs: T + 1_000 }), host("web02"), host("web03")]);
    const text = strip(formatRollout(d, T));
    expect(rowOf(text, "web02")).toMatch(/not started/);
    expect(text).not.toMatch(/\bqueued\b/);
    expect(text).toMatch(/2 not started \(aborted\)/);
    // A running rollout's hosts still wait their turn.
    expect(strip(formatRollout(detail("running", [host("web02")]), T))).toMatch(/web02\s+queued/);
  });

  it("times carry their date unless they are today", () => {
    expect(clockTime(T, T + 3_600_000)).toBe("10:00:00");
    expect(clockTime(T, T + 24 * 3_600_000)).toBe("2026-12-03 10:00:00");
    const text = formatRollout(detail("succeeded", [host("web01", { state: "healthy", startedMs: T, finishedMs: T + 1_000 })]), T + 2 * 24 * 3_600_000);
    expect(rowOf(text, "web01")).toMatch(/2026-12-03 10:00:00\s+2026-12-03 10:00:01/);
  });
});

describe("rollout plan", () => {
  it("says 1 host in 1 batch, not '1 batches'", () => {
    const plan: RolloutPlan = {
      hosts: ["web01"],
      excluded: [],
      skipped: [{ host: "web02", reason: "offline, last heard 40 s ago" }],
      batches: [{ batch: 0, canary: false, hosts: ["web01"], expectedMs: 30_000 }],
      maxFailures: 0,
      projectedMs: 30_000,
      fromHistory: 0,
      window: null,
      override: null,
      waitReason: "",
      outOfService: [{ host: "web02", farm: "shop", reason: "offline" }],
      blockedReason: "",
      unit: "iis reset on each host",
      missingTargets: [],
      definition: definition(),
    };
    const text = strip(formatPlan(plan));
    expect(text).toMatch(/^1 host in 1 batch; projected 30\.0 s \(0 of 1 host from history/m);
    expect(text).toMatch(/^Skipped before the start \(--skip-offline\): web02 \(offline, last heard 40 s ago\)$/m);
    // Already skipped: no advice to use --skip-offline.
    expect(text).not.toMatch(/--skip-offline leaves/);
  });
});

describe("--follow's change lines", () => {
  it("says each change of why the rollout waits once, then host changes, and nothing for an unchanged read", () => {
    const t = new ChangeTracker();
    const windowWait = detail("waiting-for-window", [host("web01"), host("web02", { batch: 1 })], { reason: "window nightly is closed; it next opens Sun 2026-12-06 02:00" });
    const first = t.changes(windowWait, T);
    expect(first).toEqual([{ type: "rollout", atMs: T, rolloutId: "r-1", state: "waiting-for-window", waitingFor: "window", reason: "window nightly is closed; it next opens Sun 2026-12-06 02:00" }]);
    expect(t.changes(windowWait, T + 1)).toEqual([]);
    const capacity = detail("running", [host("web01"), host("web02", { batch: 1 })], {
      reason: "waiting for capacity in farm shop: 2 of 1 allowed out of service (web07: offline, web08: unhealthy)",
    });
    expect(t.changes(capacity, T + 2).map(changeText)).toEqual([
      "2026-12-03T10:00:00.002Z  rollout r-1: waiting for capacity in farm shop: 2 of 1 allowed out of service (web07: offline, web08: unhealthy)",
    ]);
    const baking = detail("running", [host("web01", { state: "healthy", attempts: 1, startedMs: T, finishedMs: T + 3 }), host("web02", { batch: 1 })], { bakeUntilMs: T + 30_000 });
    const lines = t.changes(baking, T + 4);
    expect(lines.map((l) => [l.type, l.type === "rollout" ? l.waitingFor : l.type === "host" ? l.state : ""])).toEqual([["host", "healthy"], ["rollout", "bake"]]);
    expect(changeText(lines[0] as never)).toBe("2026-12-03T10:00:00.003Z  batch 1  web01  healthy in 3 ms");
    expect(waitingOf(detail("waiting-approval", []))?.kind).toBe("approval");
    expect(waitingOf(detail("running", [], { blocked: { sinceMs: T, hosts: [] }, reason: "blocked: …" }))?.kind).toBe("blocked");
    expect(waitingOf(detail("aborted", [], { reason: "x" }))).toBeNull();
  });
});
