// History retention over real processes: a controller started with --retain on a database holding a year of history
// prunes what is old in the background (history.pruned on the event stream), keeps the audit log in full, and
// `iisfleet history` says how far back history now goes. (What an active rollout keeps: packages/controller/test/retention.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Store } from "../../packages/controller/src/store/index.js";
import { HistoryRows } from "../../packages/controller/test/support/history-rows.js";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Controller, cli, startControllerProcess, tempDir } from "../support/processes.js";
import { apiJson, waitForEvent } from "../support/events.js";

const DAY = 86_400_000;
let nats: NatsServer;
let controller: Controller;
const dir = tempDir("iisfleet-retention-e2e-");
const db = `${dir.path}/iisfleet.db`;
const run = (...args: string[]) => cli(["--controller", controller.url, ...args]);

interface RetentionJson {
  retention: { retainMs: number | null; retainAuditMs: number | null; oldest: { commandMs: number | null; auditMs: number | null } };
}

beforeAll(async () => {
  // A year-old history written before the controller first opens the file.
  const store = Store.open(db);
  const rows = new HistoryRows(store.db);
  const yearAgo = Date.now() - 365 * DAY;
  for (let i = 0; i < 50; i++) rows.command(`web${String(i % 5).padStart(2, "0")}`, yearAgo + i);
  rows.rollout("r-lastyear", "succeeded", yearAgo + 100, ["web01", "web02"]);
  rows.audit(yearAgo);
  rows.command("web01", Date.now() - DAY);
  store.close();
  nats = await startNatsServer();
  controller = await startControllerProcess(nats.url, db, ["--retain", "30d"]);
});

afterAll(async () => {
  await controller?.kill();
  await nats?.stop();
  dir.remove();
});

describe("controller --retain", () => {
  it("prunes a year-old history in the background, keeps the audit log, and history says so", async () => {
    const pruned = await waitForEvent(controller, (e) => e.kind === "history.pruned", "the first retention sweep");
    expect(pruned.message).toMatch(/52 commands, \d+ events, 1 finished rollouts and 0 notification deliveries older than 30d/);

    const { retention } = await apiJson<RetentionJson>(controller, "/api/v1/retention");
    expect(retention).toMatchObject({ retainMs: 30 * DAY, retainAuditMs: null });
    // Yesterday's command is the oldest left; the year-old audit record stays.
    expect(retention.oldest.commandMs).toBeGreaterThan(Date.now() - 2 * DAY);
    expect(retention.oldest.auditMs).toBeLessThan(Date.now() - 300 * DAY);
    expect((await controller.fetch("/api/v1/rollouts/r-lastyear")).status).toBe(404);

    const history = await run("history", "--limit", "100");
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toMatch(/History kept for 30d \(controller --retain\), the audit log for up to 400 days \(200,000 records\)\. Oldest kept: command \d{4}-\d\d-\d\d/);
    const json = await run("--json", "history");
    expect((json.json as RetentionJson).retention.retainMs).toBe(30 * DAY);
  });

  it("refuses a retention shorter than a day, or not a duration, as a usage error that names the flag", async () => {
    for (const [flag, value, sentence] of [
      ["--retain", "30m", /--retain.*30m is shorter than a day/],
      ["--retain-audit", "soon", /--retain-audit.*soon/],
      ["--retain-audit", "800d", /--retain-audit.*800d is longer than the audit log is kept anyway/],
    ] as const) {
      const r = await cli(["controller", "--db", `${dir.path}/other.db`, flag, value]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(sentence);
    }
  });
});
