// One noforce reset end-to-end: CLI -> controller -> NATS -> agent -> back, landing in SQLite. Real nats-server,
// real controller and agent processes, real SQLite file.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Controller, cli } from "../support/processes.js";
import { type Stack, startStack } from "../support/stack.js";

interface Step {
  seq: number;
  action: string;
  target: string;
  fromState: string;
  toState: string;
  durationMs: number;
  win32Error: number;
  ok: boolean;
  skipped: boolean;
}
interface CommandJson {
  id: string;
  host: string;
  state: string;
  code: string;
  message: string;
  force: boolean;
  steps: Step[];
}

let stack: Stack | undefined;
let controller: Controller;

beforeAll(async () => {
  stack = await startStack({
    dirPrefix: "iisfleet-e2e-",
    agents: ["web01", "web02", "web03"].map((host) => ({ host })),
    waitFor: { hosts: 3, what: "three agents to register" },
  });
  controller = stack.controller;
});

afterAll(() => stack?.stop());

describe("a noforce reset through the CLI", () => {
  let command: CommandJson;

  it("returns the per-step outcome as JSON", async () => {
    const r = await cli(["--controller", controller.url, "reset", "web02", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    command = (r.json as { command: CommandJson }).command;
    expect(command).toMatchObject({ host: "web02", state: "succeeded", code: "OK", force: false });
    // IIS 7+: the WAS activators and W3SVC stop before WAS; then WAS, W3SVC and the activators start again.
    const stops = command.steps.filter((s) => s.action === "stop").map((s) => s.target);
    const starts = command.steps.filter((s) => s.action === "start").map((s) => s.target);
    expect(stops.at(-1)).toBe("WAS");
    expect(stops).toEqual(expect.arrayContaining(["W3SVC", "NetTcpActivator", "NetPipeActivator"]));
    expect(starts.slice(0, 2)).toEqual(["WAS", "W3SVC"]);
    expect(new Set(starts)).toEqual(new Set(stops));
    // The host counts as back only once its sites answered: one probe step per simulated site, after the starts.
    const probes = command.steps.filter((s) => s.action === "probe");
    expect(probes).toHaveLength(3);
    expect(command.steps.slice(-3).map((s) => s.action)).toEqual(["probe", "probe", "probe"]);
    for (const s of command.steps.filter((x) => x.action !== "probe")) {
      expect(s.ok).toBe(true);
      expect(s.win32Error).toBe(0);
      expect(s.durationMs).toBeGreaterThan(0);
      expect(s.fromState).toBe(s.action === "stop" ? "RUNNING" : "STOPPED");
      expect(s.toState).toBe(s.action === "stop" ? "STOPPED" : "RUNNING");
    }
    // Noforce and healthy: no process was killed.
    expect(command.steps.some((s) => s.action === "kill")).toBe(false);
  });

  it("shows it in history", async () => {
    const r = await cli(["--controller", controller.url, "history", "--host", "web02", "--json"]);
    expect(r.code).toBe(0);
    const cmds = (r.json as { commands: CommandJson[] }).commands;
    expect(cmds[0]?.id).toBe(command.id);
    expect(cmds[0]?.steps).toHaveLength(command.steps.length);
  });

  it("lands in SQLite: the command, every step, and events written before the send", () => {
    const db = new Database(controller.dbPath, { readonly: true });
    try {
      const row = db.prepare("SELECT * FROM commands WHERE id = ?").get(command.id) as Record<string, number | string>;
      expect(row).toMatchObject({ host: "web02", state: "succeeded", code: "OK", force: 0, operation: "restart", level: "iis" });
      expect(row.sent_ms as number).toBeGreaterThanOrEqual(row.created_ms as number);
      expect(row.finished_ms as number).toBeGreaterThanOrEqual(row.sent_ms as number);
      const steps = db.prepare("SELECT * FROM command_steps WHERE command_id = ? ORDER BY seq").all(command.id);
      expect(steps).toHaveLength(command.steps.length);
      const kinds = (db.prepare("SELECT kind FROM events WHERE command_id = ? ORDER BY id").all(command.id) as Array<{ kind: string }>).map(
        (e) => e.kind,
      );
      expect(kinds.slice(0, 2)).toEqual(["command.created", "command.sent"]);
      expect(kinds.at(-1)).toBe("command.finished");
      // The agent's progress is not a row each: its messages are in the batch rows of the commits that wrote them.
      expect(kinds).not.toContain("command.progress");
      const progress = db
        .prepare("SELECT count(*) FROM event_batches b, json_each(b.events_json) j WHERE j.value ->> 3 = ? AND j.value ->> 1 = 'command.progress'")
        .pluck()
        .get(command.id) as number;
      expect(progress).toBeGreaterThanOrEqual(command.steps.length);
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("user_version", { simple: true })).toBeGreaterThanOrEqual(1);
    } finally {
      db.close();
    }
  });

  it("prints a readable report without --json", async () => {
    const r = await cli(["--controller", controller.url, "reset", "web01"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/web01\s+noforce reset \(level iis\)\s+SUCCEEDED/);
    expect(r.stdout).toContain("Internet services successfully restarted.");
    expect(r.stdout).toMatch(/stop\s+WAS\s+RUNNING → STOPPED/);
  });
});

describe("the CLI's failure paths", () => {
  it("unknown host: one sentence, exit 1, nothing recorded", async () => {
    const r = await cli(["--controller", controller.url, "reset", "web99"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('iisfleet: No agent named "web99" has ever reported to this controller; see "iisfleet hosts".');
    const db = new Database(controller.dbPath, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM commands WHERE host = 'web99'").get()).toEqual({ n: 0 });
    db.close();
  });

  it("unknown host with --json: a machine-readable error", async () => {
    const r = await cli(["--controller", controller.url, "reset", "web99", "--json"]);
    expect(r.code).toBe(1);
    expect(r.json).toEqual({ error: { code: "UNKNOWN_HOST", message: expect.any(String), details: { host: "web99" } } });
  });

  it("invalid flags and host names: exit 2 before anything is sent", async () => {
    const bad = [
      ["reset", "web01", "--level", "sideways"],
      ["reset", "web01", "--timeout", "-5"],
      ["reset", "web01", "--timeout", "abc"],
      ["reset", "web.01"],
      ["reset", "web01", "--frobnicate"],
      ["history", "--limit", "0"],
    ];
    for (const args of bad) {
      const r = await cli(["--controller", controller.url, ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(/error: /);
    }
  });

  it("controller unreachable: one sentence naming the URL, exit 1", async () => {
    const r = await cli(["--controller", "http://127.0.0.1:9", "hosts"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^iisfleet: Cannot reach the iisfleet controller at http:\/\/127\.0\.0\.1:9 \(.+\)\. Is "iisfleet controller" running\?/);
  });

  it("IISFLEET_CONTROLLER is honoured", async () => {
    const r = await cli(["hosts", "--json"], { IISFLEET_CONTROLLER: controller.url });
    expect(r.code).toBe(0);
    expect((r.json as { hosts: unknown[] }).hosts).toHaveLength(3);
  });
});
