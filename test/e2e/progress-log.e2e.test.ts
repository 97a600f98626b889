// An agent's progress during a reset, end to end (real nats-server, controller and agent processes, real SQLite
// file): each phase and step reaches the event stream live, with an id of the log's sequence; the command's history
// keeps every one of them with its timing and outcome, and a client resuming from an earlier id is sent them again.
// What it no longer costs: an indexed row per progress message. The progress that arrives between two commits is
// written as one row (event_batches), so a reset leaves only its created, sent and finished rows in `events`.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StreamEvent, apiJson, openEventWatch } from "../support/events.js";
import { type Stack, startStack } from "../support/stack.js";

interface Step {
  action: string;
  target: string;
  durationMs: number;
  ok: boolean;
}
interface CommandView {
  command: { id: string; state: string; steps: Step[] };
  events: StreamEvent[];
}

let stack: Stack | undefined;

beforeAll(async () => {
  stack = await startStack({ dirPrefix: "iisfleet-progress-e2e-", agents: [{ host: "web01", stopMs: 150, startMs: 150 }] });
}, 90_000);

afterAll(() => stack?.stop());

const progressOf = (events: StreamEvent[], commandId: string) => events.filter((e) => e.kind === "command.progress" && e.commandId === commandId);
const stepsIn = (events: StreamEvent[]) => events.map((e) => e.data["step"] as Step | undefined).filter((s): s is Step => s !== undefined);

describe("an agent's progress during a reset", () => {
  it("reaches the stream live, stays in the command's history and in a resumed stream, and costs no row per message", async () => {
    const controller = (stack as Stack).controller;
    const watch = await openEventWatch(controller, { since: "now" });
    try {
      const answer = await controller.fetch("/api/v1/hosts/web01/reset", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      expect(answer.status).toBe(200);
      const { command } = (await answer.json()) as { command: CommandView["command"] };
      expect(command.state).toBe("succeeded");
      const finished = await watch.until((e) => e.kind === "command.finished" && e.commandId === command.id, "the reset's command.finished");

      // Live: every step the result lists came through the stream before the result did, ids strictly increasing.
      const live = progressOf(watch.events, command.id);
      expect(stepsIn(live).map((s) => `${s.action} ${s.target}`)).toEqual(command.steps.map((s) => `${s.action} ${s.target}`));
      expect(live.every((e) => e.id < finished.id)).toBe(true);
      const ids = watch.events.map((e) => e.id);
      expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
      const phases = live.filter((e) => e.data["step"] === undefined).map((e) => e.data["phase"]);
      expect(phases.length).toBeGreaterThanOrEqual(4);

      // History: the command view has the same progress, each step with its duration and outcome.
      const view = await apiJson<CommandView>(controller, `/api/v1/commands/${command.id}`);
      const kept = progressOf(view.events, command.id);
      expect(kept.map((e) => [e.id, e.message])).toEqual(live.map((e) => [e.id, e.message]));
      for (const s of stepsIn(kept)) {
        expect(s.durationMs).toBeGreaterThan(0);
        expect(typeof s.ok).toBe("boolean");
      }
      expect(view.events.map((e) => e.kind).at(-1)).toBe("command.finished");

      // Resumed: a client reconnecting from before the reset is sent the progress again, with the same ids.
      const resumed = await openEventWatch(controller, { since: (live[0] as StreamEvent).id - 1 });
      try {
        await resumed.until((e) => e.id === finished.id, "the resumed stream to reach command.finished");
        expect(progressOf(resumed.events, command.id).map((e) => [e.id, e.message])).toEqual(live.map((e) => [e.id, e.message]));
      } finally {
        resumed.close();
      }

      // The cost: the command's own three rows in `events`, its progress in a handful of batch rows.
      const db = new Database(controller.dbPath, { readonly: true });
      try {
        const rows = db.prepare("SELECT kind FROM events WHERE command_id = ? ORDER BY id").all(command.id) as Array<{ kind: string }>;
        expect(rows.map((r) => r.kind)).toEqual(["command.created", "command.sent", "command.finished"]);
      } finally {
        db.close();
      }
    } finally {
      watch.close();
    }
  }, 90_000);
});
