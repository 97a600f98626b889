// Starts at a set time over real processes: a reset and a rollout set a few seconds ahead fire once (the agent's
// own reset counter says so), one set before a controller restart fires after it, one the controller was down for
// past its grace is recorded as missed, a reset inside a blackout is refused when it is set, and the CLI's --at
// says what it set — or why not — in a sentence.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { startTcpProxy } from "../support/tcp-proxy.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { apiJson, waitForApi, waitForEvent, waitForHosts, waitForRollout } from "../support/events.js";

interface Scheduled {
  id: string;
  state: string;
  resultId: string | null;
  message: string;
  at: string;
}

let nats: NatsServer;
let controller: Controller;
const agents: Proc[] = [];
const dir = tempDir("iisfleet-scheduled-e2e-");
const dbPath = `${dir.path}/iisfleet.db`;
const run = (...args: string[]) => cli(["--controller", controller.url, ...args]);
/** Whole seconds, as an operator would type them. */
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

async function schedule(body: Record<string, unknown>): Promise<{ status: number; json: { scheduled?: Scheduled; error?: { code: string; message: string } } }> {
  const res = await controller.fetch("/api/v1/scheduled", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as { scheduled?: Scheduled; error?: { code: string; message: string } } };
}

function settled(id: string, timeoutMs = 60_000): Promise<Scheduled> {
  return waitForApi(controller, `/api/v1/scheduled/${id}`, (b: { scheduled: Scheduled }) => !["scheduled", "firing"].includes(b.scheduled.state) && b.scheduled, `${id} to fire`, {
    timeoutMs,
    kinds: ["schedule."],
  });
}

async function resets(host: string): Promise<number> {
  const { hosts } = await apiJson<{ hosts: Array<{ name: string; counters: Record<string, number> }> }>(controller, "/api/v1/hosts");
  return hosts.find((h) => h.name === host)?.counters.resetsExecuted ?? -1;
}

beforeAll(async () => {
  nats = await startNatsServer();
  controller = await startControllerProcess(nats.url, dbPath);
  for (const host of ["web01", "web02"]) agents.push(startAgentProcess(nats.url, { host, farm: "shop" }));
  await waitForHosts(controller, ["web01", "web02"]);
});

afterAll(async () => {
  await Promise.all(agents.map((a) => a.kill()));
  await controller?.kill();
  await nats?.stop();
  dir.remove();
});

describe("starts at a set time (--at)", () => {
  it("a reset and a rollout set a few seconds ahead each start once, at their time", async () => {
    const before = await resets("web01");
    const at = Math.floor((Date.now() + 4_000) / 1_000) * 1_000;
    const reset = await schedule({ kind: "reset", host: "web01", request: { issuer: "e2e" }, at: iso(at), actor: "e2e" });
    expect(reset.status, JSON.stringify(reset.json)).toBe(200);
    const rollout = await schedule({ kind: "rollout", request: { hosts: ["web02"], batch: "1", actor: "e2e" }, at: iso(at), actor: "e2e" });
    expect(rollout.status, JSON.stringify(rollout.json)).toBe(200);

    const r = await settled(reset.json.scheduled?.id ?? "");
    expect(r).toMatchObject({ state: "started", message: expect.stringMatching(/^reset web01: succeeded/) });
    const started = await waitForEvent(controller, (e) => e.kind === "schedule.started" && e.message.includes(reset.json.scheduled?.id ?? "?"), "schedule.started");
    expect(started.atMs).toBeGreaterThanOrEqual(at);
    const ro = await settled(rollout.json.scheduled?.id ?? "");
    expect(ro.state).toBe("started");
    await waitForRollout(controller, ro.resultId ?? "", "finished", "the scheduled rollout");
    await waitForApi(controller, "/api/v1/hosts", () => resets("web01").then((n) => n === before + 1), "web01's agent to count one reset", { everyMs: 300 });
  });

  it("survives a controller restart; one the controller was down for past its grace is recorded as missed", async () => {
    const soon = Math.floor((Date.now() + 6_000) / 1_000) * 1_000;
    const survives = await schedule({ kind: "reset", host: "web01", request: { level: "recycle", operation: "restart" }, at: iso(soon), graceMs: 600_000, actor: "e2e" });
    const missed = await schedule({ kind: "reset", host: "web02", request: {}, at: iso(soon), graceMs: 0, actor: "e2e" });
    expect(survives.status).toBe(200);
    expect(missed.status).toBe(200);
    await controller.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, Math.max(0, soon + 1_500 - Date.now())));
    controller = await startControllerProcess(nats.url, dbPath);
    const s = await settled(survives.json.scheduled?.id ?? "");
    expect(s).toMatchObject({ state: "started", message: expect.stringMatching(/^reset web01: succeeded .*late/) });
    const m = await settled(missed.json.scheduled?.id ?? "");
    expect(m).toMatchObject({ state: "missed", message: expect.stringMatching(/^not started: the controller was not running at .* past its grace \(0s\)/) });
    const list = await run("scheduled", "list", "--all");
    expect(list.stdout).toMatch(new RegExp(`${m.id}\\s+reset\\s+web02\\s+.*missed`));
  });

  it("a reset whose time comes while the controller cannot reach NATS starts once NATS is back, within its grace", async () => {
    // A second controller, reaching NATS through a link the test can cut.
    const link = await startTcpProxy(nats.port);
    const cut = await startControllerProcess(`nats://127.0.0.1:${link.port}`, `${dir.path}/cut/iisfleet.db`);
    try {
      await waitForHosts(cut, ["web01"]);
      const before = await resets("web01");
      const at = Math.floor((Date.now() + 4_000) / 1_000) * 1_000;
      const res = await cut.fetch("/api/v1/scheduled", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ kind: "reset", host: "web01", request: {}, at: iso(at), graceMs: 120_000 }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      const id = ((await res.json()) as { scheduled: Scheduled }).scheduled.id;
      link.cut();
      await waitForApi(cut, "/api/v1/health", (h: { status: string }) => h.status === "degraded", "the controller to see NATS gone", { everyMs: 200 });
      await new Promise((r) => setTimeout(r, Math.max(0, at + 3_000 - Date.now())));
      // Past its time, NATS still gone: it waits (not claimed, not failed).
      expect((await apiJson<{ scheduled: Scheduled }>(cut, `/api/v1/scheduled/${id}`)).scheduled.state).toBe("scheduled");
      link.restore();
      const s = await waitForApi(cut, `/api/v1/scheduled/${id}`, (b: { scheduled: Scheduled }) => b.scheduled.state !== "scheduled" && b.scheduled.state !== "firing" && b.scheduled, `${id} to fire`, {
        timeoutMs: 60_000,
        everyMs: 500,
      });
      expect(s).toMatchObject({ state: "started", message: expect.stringMatching(/^reset web01: succeeded .*late/) });
      await waitForApi(controller, "/api/v1/hosts", () => resets("web01").then((n) => n === before + 1), "web01's agent to count one reset", { everyMs: 300 });
    } finally {
      await cut.kill();
      await link.close();
    }
  });

  it("refuses, when it is set, a reset its host's blackout would refuse then", async () => {
    const window = await controller.fetch("/api/v1/windows", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "freeze", cron: "0 2 * * *", timeZone: "UTC", durationMs: 2 * 3_600_000, farm: "shop", blackout: true, actor: "e2e" }),
    });
    expect(window.status, await window.clone().text()).toBe(200);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const refused = await run("--json", "reset", "web01", "--at", `${tomorrow} 02:30`, "--tz", "UTC");
    expect(refused.code).toBe(1);
    expect((refused.json as { error: { code: string; message: string } }).error).toMatchObject({
      code: "SCHEDULE_REFUSED",
      message: expect.stringMatching(new RegExp(`^web01 may not be reset at ${tomorrow} 02:30 UTC: .*freeze`)),
    });
    // Outside it, it is set; and it can be cancelled.
    const set = await run("reset", "web01", "--at", `${tomorrow} 05:00`, "--tz", "UTC", "--issuer", "ops");
    expect(set.code, set.stderr).toBe(0);
    const id = /^Set (s-[0-9a-f]{8}): reset of web01 at /.exec(set.stdout)?.[1];
    expect(id, set.stdout).toBeDefined();
    const cancelled = await run("scheduled", "cancel", id ?? "");
    expect(cancelled.stdout).toMatch(/^Cancelled s-[0-9a-f]{8} \(reset of web01 at .* 05:00 UTC\)/);
    const again = await run("scheduled", "cancel", id ?? "");
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is cancelled, not waiting: nothing to cancel/);
  });

  it("says why it cannot set one: past, a skipped hour, a bad zone, --follow or --tz without sense", async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [["reset", "web01", "--at", "2020-01-01 02:00", "--tz", "UTC"], 2, /is in the past; to start now, leave --at out/],
      [["reset", "web01", "--at", "2027-03-28 02:30", "--tz", "Europe/Berlin"], 2, /does not exist in Europe\/Berlin \(the clocks go forward then\)/],
      [["reset", "web01", "--at", "2026-12-24 02:00", "--tz", "Moon/Base"], 2, /"Moon\/Base" is not an IANA time zone/],
      [["rollout", "start", "--hosts", "web01", "--at", "2027-01-01 02:00", "--follow"], 2, /--follow watches a rollout that starts now/],
      [["reset", "web01", "--tz", "UTC"], 2, /--tz goes with --at/],
      [["rollout", "start", "--hosts", "nosuch", "--at", "2027-01-01 02:00"], 1, /nosuch/],
    ];
    for (const [args, code, sentence] of cases) {
      const r = await run(...args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(code);
      expect(r.stderr).toMatch(sentence);
    }
  });
});
