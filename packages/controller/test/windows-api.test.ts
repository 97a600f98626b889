// The windows API and the window rules at the HTTP edge (reset refusal and override, rollouts waiting), against a
// real controller in process on a real nats-server, with an injected clock: Saturday 11 January 2025, noon UTC.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchWithToken, readAdminToken } from "../../../test/support/auth.js";
import { type NatsServer, startNatsServer } from "../../../test/support/nats-server.js";
import { type RunningController, startController } from "../src/daemon.js";
import { createLogger } from "../src/log.js";
import { Store } from "../src/store/index.js";

let nats: NatsServer;
let ctl: RunningController;
const dir = mkdtempSync(join(tmpdir(), "iisfleet-windows-api-"));
const NOW = Date.parse("2025-01-11T12:00:00Z");

beforeAll(async () => {
  nats = await startNatsServer();
  const dbPath = join(dir, "iisfleet.db");
  // Hosts known before the controller starts, as after a restart: the registry loads them from SQLite.
  const seed = Store.open(dbPath);
  for (const [name, farm] of [["web01", "shop"], ["web02", "shop"], ["api01", "api"]] as const) {
    seed.hosts.upsert({
      name, farm, tags: {}, adapter: "simulated", iisGeneration: 7, agentVersion: "1", instanceId: `i-${name}`, cordoned: false,
      busyCommandId: "", services: [], appPools: [], counters: {}, heartbeatMs: 1_000_000_000, firstSeenMs: NOW, lastSeenMs: NOW,
    });
  }
  seed.close();
  ctl = await startController({
    natsServers: [nats.url],
    dbPath,
    listenHost: "127.0.0.1",
    listenPort: 0,
    log: createLogger("test", "silent"),
    clock: { now: () => NOW },
  });
});

afterAll(async () => {
  await ctl?.stop();
  await nats?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Json = { error?: { code: string; message: string } } & Record<string, unknown>;

async function call(method: string, path: string, body?: unknown) {
  const res = await fetchWithToken(readAdminToken(join(dir, "iisfleet.db")), `${ctl.url}${path}`, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

const nightly = { name: "nightly", cron: "0 2 * * SUN", timeZone: "Europe/Berlin", durationMs: 10_800_000, cutoffMs: 1_200_000, farm: "shop", default: true, actor: "alice" };

describe("windows API", () => {
  it.each([
    // The API names the body's fields; the CLI's flags (--cron, --tz, --duration, --cutoff) are the CLI's words.
    ["a bad cron", { cron: "0 25 * * *" }, /^cron: "0 25 \* \* \*" is not a cron expression \(Invalid value for hour: 25\)/],
    ["an unknown time zone", { timeZone: "Europe/Atlantis" }, /^timeZone: "Europe\/Atlantis" is not an IANA time zone/],
    ["a negative duration", { durationMs: -60_000 }, /^durationMs must be longer than 0/],
    ["a cutoff as long as the window", { cutoffMs: 10_800_000 }, /^cutoffMs \(3h\) must be shorter than durationMs \(3h\)/],
    ["a default window without a farm", { farm: undefined }, /^default needs farm/],
    ["an unknown field", { colour: "red" }, /Unrecognized key/],
    ["a fractional duration", { durationMs: 1.5 }, /^durationMs: /],
  ])("refuses %s with 400 and one sentence, and stores nothing", async (_what, patch, sentence) => {
    const r = await call("POST", "/api/v1/windows", { ...nightly, ...patch });
    expect(r.status).toBe(400);
    expect(r.json.error?.code).toBe("INVALID_INPUT");
    expect(r.json.error?.message).toMatch(sentence);
    expect(r.json.error?.message).not.toMatch(/--[a-z]/);
    expect((await call("GET", "/api/v1/windows")).json.windows).toEqual([]);
  });

  it("adds, lists and shows a window with openings in its zone and in UTC", async () => {
    const added = await call("POST", "/api/v1/windows", nightly);
    expect(added.status).toBe(200);
    expect(added.json.window).toMatchObject({ name: "nightly", farmDefault: true, createdBy: "bootstrap-admin:alice", open: null, next: { startUtc: "2025-01-12 01:00 UTC" } });
    expect((await call("POST", "/api/v1/windows", nightly)).json.error?.code).toBe("WINDOW_EXISTS");
    const list = await call("GET", "/api/v1/windows");
    expect((list.json.windows as Array<{ name: string }>).map((w) => w.name)).toEqual(["nightly"]);
    const show = await call("GET", "/api/v1/windows/nightly?count=2");
    expect((show.json.openings as Array<{ startLocal: string; lastStartUtc: string }>).map((o) => [o.startLocal, o.lastStartUtc])).toEqual([
      ["Sun 2025-01-12 02:00 GMT+1", "2025-01-12 03:40 UTC"],
      ["Sun 2025-01-19 02:00 GMT+1", "2025-01-19 03:40 UTC"],
    ]);
    expect((await call("GET", "/api/v1/windows/nightly?count=0")).status).toBe(400);
    expect((await call("GET", "/api/v1/windows/nope")).status).toBe(404);
  });

  it("a reset outside the host's window is refused with 409 naming the next opening, and nothing is sent", async () => {
    const r = await call("POST", "/api/v1/hosts/web01/reset", { issuer: "bob" });
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({
      code: "OUTSIDE_WINDOW",
      message:
        "web01 may not be reset now: window nightly is closed; it next opens Sun 2025-01-12 02:00 GMT+1 Europe/Berlin (2025-01-12 01:00 UTC). " +
        'To reset it anyway, record why: iisfleet reset web01 --now --reason "…".',
    });
    expect(ctl.store.commands.list({ host: "web01", limit: 5 })).toEqual([]);
    // Starting IIS again is never held back; a host no window applies to is not either (both reach the absent agent).
    expect((await call("POST", "/api/v1/hosts/web01/reset", { operation: "start" })).json).toMatchObject({ command: { state: "error" } });
    expect((await call("POST", "/api/v1/hosts/api01/reset", {})).json).toMatchObject({ command: { state: "error" } });
  });

  it("--now needs a reason; with one, the override is recorded with the command before it is sent", async () => {
    const noReason = await call("POST", "/api/v1/hosts/web02/reset", { now: true });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error?.message).toMatch(/an override needs a reason/);
    expect(noReason.json.error?.message).not.toMatch(/--[a-z]/);
    expect((await call("POST", "/api/v1/hosts/web02/reset", { reason: "why" })).json.error?.message).toMatch(/reason: goes with now/);
    const r = await call("POST", "/api/v1/hosts/web02/reset", { now: true, reason: "hung app pool, INC-42", issuer: "carol" });
    expect(r.status).toBe(200);
    expect(r.json.override).toMatchObject({ actor: "bootstrap-admin:carol", reason: "hung app pool, INC-42", overrode: expect.stringMatching(/^window nightly is closed/) });
    const commandId = (r.json.command as { id: string }).id;
    const events = (await call("GET", `/api/v1/commands/${commandId}`)).json.events as Array<{ kind: string; message: string }>;
    expect(events.map((e) => e.kind).slice(0, 2)).toEqual(["command.created", "command.sent"]);
    expect(events.find((e) => e.kind === "override")?.message).toMatch(/^bootstrap-admin:carol reset web02 outside its maintenance window \(window nightly is closed; .*\): hung app pool, INC-42$/);
  });

  it("a rollout on the farm waits for its default window; --now with --window, or without a reason, is refused", async () => {
    const r = await call("POST", "/api/v1/rollouts", { farm: "shop", actor: "alice" });
    expect(r.status).toBe(200);
    expect(r.json.rollout).toMatchObject({ state: "waiting-for-window", reason: expect.stringMatching(/^window nightly is closed; it next opens/) });
    expect(r.json.plan).toMatchObject({ window: { name: "nightly", source: "farm-default" }, waitReason: expect.stringMatching(/^window nightly is closed/) });
    const both = await call("POST", "/api/v1/rollouts/plan", { farm: "shop", now: true, reason: "x", window: "nightly" });
    expect(both.status).toBe(400);
    expect(both.json.error?.message).toMatch(/use window or now, not both/);
    expect((await call("POST", "/api/v1/rollouts/plan", { farm: "shop", now: true })).status).toBe(400);
    expect((await call("POST", "/api/v1/rollouts/plan", { farm: "shop", onWindowEnd: "sometimes" })).status).toBe(400);
    const removed = await call("POST", "/api/v1/windows/nightly/remove", { actor: "bob" });
    expect(removed.status).toBe(409);
    expect(removed.json.error?.code).toBe("WINDOW_IN_USE");
    await call("POST", `/api/v1/rollouts/${(r.json.rollout as { id: string }).id}/abort`, { actor: "bob" });
    const ok = await call("POST", "/api/v1/windows/nightly/remove", { actor: "bob" });
    expect(ok.json.removed).toMatchObject({ name: "nightly" });
    expect((await call("POST", "/api/v1/hosts/web01/reset", {})).json).toMatchObject({ command: { state: "error" } }); // no window applies now
  });
});
