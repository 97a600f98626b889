import type { Db } from "../../src/store/index.js";

/**
 * Writes history rows straight into a real controller database with the timestamps a test needs (a year ago, a
 * minute ago): the retention tests need old rows, and no clock runs backwards far enough to make them honestly.
 */
export class HistoryRows {
  private seq = 0;

  constructor(private readonly db: Db) {}

  host(name: string, atMs: number, busyCommandId = ""): void {
    this.db
      .prepare("INSERT OR IGNORE INTO hosts (name, farm, first_seen_ms, last_seen_ms) VALUES (?, 'shop', ?, ?)")
      .run(name, atMs, atMs);
    if (busyCommandId) this.db.prepare("UPDATE hosts SET busy_command_id = ? WHERE name = ?").run(busyCommandId, name);
  }

  /** A command with two steps and a finished event; `state` sent means still in flight (no finish time). */
  command(host: string, atMs: number, state: "succeeded" | "failed" | "sent" = "succeeded"): string {
    const id = `cmd-${String(++this.seq).padStart(6, "0")}`;
    this.host(host, atMs);
    const finished = state === "sent" ? null : atMs + 1_000;
    this.db
      .prepare(
        `INSERT INTO commands (id, host, kind, issuer, operation, level, force, timeout_ms, state, created_ms, sent_ms, expires_ms, finished_ms)
         VALUES (?, ?, 'reset', 'test', 'restart', 'iis', 0, 60000, ?, ?, ?, ?, ?)`,
      )
      .run(id, host, state, atMs, atMs, atMs + 60_000, finished);
    const step = this.db.prepare(
      `INSERT INTO command_steps (command_id, seq, action, target, from_state, to_state, duration_ms, win32_error, message, ok, skipped)
       VALUES (?, ?, 'stop', 'W3SVC', 'RUNNING', 'STOPPED', 10, 0, '', 1, 0)`,
    );
    step.run(id, 1);
    step.run(id, 2);
    this.event(atMs, "command.finished", { host, commandId: id });
    return id;
  }

  event(atMs: number, kind: string, opts: { host?: string; commandId?: string; rolloutId?: string } = {}): void {
    this.db
      .prepare("INSERT INTO events (at_ms, kind, host, command_id, message, data_json) VALUES (?, ?, ?, ?, 'x', ?)")
      .run(atMs, kind, opts.host ?? null, opts.commandId ?? null, JSON.stringify(opts.rolloutId ? { rolloutId: opts.rolloutId } : {}));
  }

  /** A rollout over the given hosts, each reset by its own command (created now), with an action and an event. */
  rollout(id: string, state: "running" | "waiting-for-window" | "succeeded" | "aborted", atMs: number, hosts: string[]): string[] {
    const finished = state === "running" || state === "waiting-for-window" ? null : atMs + 60_000;
    this.db
      .prepare(
        `INSERT INTO rollouts (id, state, definition_json, created_by, created_ms, updated_ms, finished_ms, batch_count)
         VALUES (?, ?, '{}', 'test', ?, ?, ?, 1)`,
      )
      .run(id, state, atMs, finished ?? atMs, finished);
    const commands: string[] = [];
    hosts.forEach((host, i) => {
      const commandId = this.command(host, atMs);
      commands.push(commandId);
      this.db
        .prepare("INSERT INTO rollout_hosts (rollout_id, host, farm, position, batch, state, command_id) VALUES (?, ?, 'shop', ?, 0, 'healthy', ?)")
        .run(id, host, i, commandId);
    });
    this.db.prepare("INSERT INTO rollout_actions (rollout_id, at_ms, actor, action) VALUES (?, ?, 'test', 'start')").run(id, atMs);
    this.event(atMs, "rollout.state", { rolloutId: id });
    return commands;
  }

  audit(atMs: number, action = "rollout.start"): void {
    this.db
      .prepare("INSERT INTO audit (at_ms, request_id, actor, action, method, path, remote) VALUES (?, 'req', 'test', ?, 'POST', '/api/v1/rollouts', '127.0.0.1')")
      .run(atMs, action);
  }

  count(table: "commands" | "command_steps" | "events" | "rollouts" | "rollout_hosts" | "rollout_actions" | "audit"): number {
    return this.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  }

  has(table: "commands" | "rollouts", id: string): boolean {
    return this.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
  }
}
