import type Database from "better-sqlite3";
import type { Db } from "./db.js";

export type CommandState = "created" | "sent" | "succeeded" | "failed" | "rejected" | "timed-out" | "error";

export interface StepRow {
  seq: number;
  action: string;
  target: string;
  fromState: string;
  toState: string;
  durationMs: number;
  win32Error: number;
  message: string;
  ok: boolean;
  skipped: boolean;
}

export interface CommandRow {
  id: string;
  host: string;
  kind: string;
  issuer: string;
  operation: string;
  level: string;
  force: boolean;
  timeoutMs: number;
  state: CommandState;
  createdMs: number;
  sentMs: number | null;
  expiresMs: number;
  finishedMs: number | null;
  agentStartedMs: number | null;
  agentFinishedMs: number | null;
  code: string | null;
  message: string | null;
  options: Record<string, unknown>;
  /**
   * When the controller wrote the command off (timed out) while the agent might still answer for it. Kept when the
   * agent's result arrives afterwards: then the command is "late" (its state is the agent's, not "timed-out").
   */
  writtenOffMs: number | null;
  /** The agent's result arrived after the controller had written the command off. */
  late: boolean;
}

export interface CommandFinish {
  state: CommandState;
  finishedMs: number;
  code: string;
  message: string;
  agentStartedMs?: number | null;
  agentFinishedMs?: number | null;
  steps: StepRow[];
}

interface RawCommand {
  id: string;
  host: string;
  kind: string;
  issuer: string;
  operation: string;
  level: string;
  force: number;
  timeout_ms: number;
  state: CommandState;
  created_ms: number;
  sent_ms: number | null;
  expires_ms: number;
  finished_ms: number | null;
  agent_started_ms: number | null;
  agent_finished_ms: number | null;
  code: string | null;
  message: string | null;
  options_json: string;
  written_off_ms: number | null;
}

interface RawStep {
  seq: number;
  action: string;
  target: string;
  from_state: string;
  to_state: string;
  duration_ms: number;
  win32_error: number;
  message: string;
  ok: number;
  skipped: number;
}

/**
 * A command row's columns for reading, without the envelope (the signed bytes, read only to re-send one): the rows
 * read by the thousand (latest per host, history) stay small.
 */
const COMMAND_COLUMNS = [
  "id", "host", "kind", "issuer", "operation", "level", "force", "timeout_ms", "state", "created_ms", "sent_ms", "expires_ms",
  "finished_ms", "agent_started_ms", "agent_finished_ms", "code", "message", "options_json", "written_off_ms",
] as const satisfies ReadonlyArray<keyof RawCommand>;
const columns = (prefix = "") => COMMAND_COLUMNS.map((c) => prefix + c).join(", ");
const COLUMNS = columns();

/**
 * What the capacity guard and the host tiles need of a host's newest command: asked for every host at each batch
 * start and every second for the live fleet summary, so only these columns are read (no options JSON to decode).
 */
export type LatestCommand = Pick<CommandRow, "id" | "host" | "kind" | "state" | "finishedMs">;

/**
 * The newest command of every host: one row per host from latest_commands (migration 15), no history scan, and since
 * migration 19 with the columns asked kept there too: no lookup of each host's command.
 */
export const LATEST_PER_HOST_SQL = "SELECT command_id AS id, host, kind, state, finished_ms AS finishedMs FROM latest_commands";

export type CommandTiming = Pick<CommandRow, "kind" | "level" | "state" | "createdMs" | "sentMs" | "finishedMs" | "agentStartedMs" | "agentFinishedMs">;

/** Steps written by one INSERT (11 values each, far below SQLite's limit on bound values). */
const STEPS_PER_STATEMENT = 32;

/** Enough for the largest rollout's commands (and those of a few more) while their agents still report progress. */
const RECENT_HOSTS = 25_000;

export class CommandStore {
  private readonly insertStmt;
  private readonly insertSentStmt;
  private readonly finishStmt;
  /** INSERTs of 1..STEPS_PER_STATEMENT steps at once, made when first needed. */
  private readonly stepStmts: Array<Database.Statement<unknown[]>> = [];
  private readonly getStmt;
  private readonly hostOfStmt;
  private readonly timingStmt;
  private readonly recentResetsStmt;
  /** Host and kind of the commands created most recently, newest last: what progress events and metrics ask. */
  private readonly recent = new Map<string, { host: string; kind: string }>();
  private readonly stepsStmt;
  private readonly listStmt;
  private readonly listByHostStmt;
  private readonly latestStmt;
  private readonly getEnvelopeStmt;
  private readonly writeOffStmt;
  private readonly writtenOffStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(`
      INSERT INTO commands (id, host, kind, issuer, operation, level, force, timeout_ms, state, created_ms, expires_ms, options_json)
      VALUES (@id, @host, @kind, @issuer, @operation, @level, @force, @timeout_ms, 'created', @created_ms, @expires_ms, @options_json)`);
    this.insertSentStmt = db.prepare(`
      INSERT INTO commands (id, host, kind, issuer, operation, level, force, timeout_ms, state, created_ms, sent_ms, expires_ms, options_json, envelope)
      VALUES (@id, @host, @kind, @issuer, @operation, @level, @force, @timeout_ms, 'sent', @created_ms, @sent_ms, @expires_ms, @options_json, @envelope)`);
    this.finishStmt = db.prepare(`
      UPDATE commands SET state = @state, finished_ms = @finished_ms, code = @code, message = @message,
        agent_started_ms = @agent_started_ms, agent_finished_ms = @agent_finished_ms
      WHERE id = @id`);
    this.getStmt = db.prepare<[string], RawCommand>(`SELECT ${COLUMNS} FROM commands WHERE id = ?`);
    this.recentResetsStmt = db.prepare<[string, number], { ms: number }>(
      `SELECT finished_ms - created_ms AS ms FROM (
         SELECT kind, state, created_ms, finished_ms FROM commands WHERE host = ? ORDER BY created_ms DESC, rowid DESC LIMIT ?)
       WHERE kind = 'reset' AND state = 'succeeded' AND finished_ms IS NOT NULL`,
    );
    this.hostOfStmt = db.prepare<[string], { host: string }>("SELECT host FROM commands WHERE id = ?");
    this.timingStmt = db.prepare<[string], CommandTiming>(
      `SELECT kind, level, state, created_ms AS createdMs, sent_ms AS sentMs, finished_ms AS finishedMs,
         agent_started_ms AS agentStartedMs, agent_finished_ms AS agentFinishedMs FROM commands WHERE id = ?`,
    );
    this.stepsStmt = db.prepare<[string], RawStep>("SELECT * FROM command_steps WHERE command_id = ? ORDER BY seq");
    this.listStmt = db.prepare<[number], RawCommand>(`SELECT ${COLUMNS} FROM commands ORDER BY created_ms DESC, rowid DESC LIMIT ?`);
    this.latestStmt = db.prepare<[], LatestCommand>(LATEST_PER_HOST_SQL);
    this.getEnvelopeStmt = db.prepare<[string], { envelope: Buffer | null }>("SELECT envelope FROM commands WHERE id = ?");
    this.writeOffStmt = db.prepare("UPDATE commands SET written_off_ms = ? WHERE id = ?");
    this.writtenOffStmt = db.prepare<[number], RawCommand>(
      `SELECT ${COLUMNS} FROM commands WHERE state = 'timed-out' AND written_off_ms IS NOT NULL AND written_off_ms >= ? ORDER BY written_off_ms`,
    );
    this.listByHostStmt = db.prepare<[string, number], RawCommand>(
      `SELECT ${COLUMNS} FROM commands WHERE host = ? ORDER BY created_ms DESC, rowid DESC LIMIT ?`,
    );
  }

  /**
   * `sent`: the command is committed already sent, with the exact bytes published — kept so a restarted controller
   * can re-send the same command id — in one row write rather than an insert and two updates.
   */
  create(
    c: Pick<CommandRow, "id" | "host" | "kind" | "issuer" | "operation" | "level" | "force" | "timeoutMs" | "createdMs" | "expiresMs" | "options">,
    sent?: { envelope: Uint8Array; atMs: number },
  ): void {
    const row = {
      id: c.id,
      host: c.host,
      kind: c.kind,
      issuer: c.issuer,
      operation: c.operation,
      level: c.level,
      force: c.force ? 1 : 0,
      timeout_ms: c.timeoutMs,
      created_ms: c.createdMs,
      expires_ms: c.expiresMs,
      options_json: JSON.stringify(c.options),
    };
    if (sent) this.insertSentStmt.run({ ...row, sent_ms: sent.atMs, envelope: Buffer.from(sent.envelope.buffer, sent.envelope.byteOffset, sent.envelope.byteLength) });
    else this.insertStmt.run(row);
    // A command's host never changes; if this transaction rolls back, no agent ever hears of the id.
    this.recent.set(c.id, { host: c.host, kind: c.kind });
    if (this.recent.size > RECENT_HOSTS) this.recent.delete(this.recent.keys().next().value as string);
  }

  envelope(id: string): Uint8Array | undefined {
    const row = this.getEnvelopeStmt.get(id);
    return row?.envelope ? new Uint8Array(row.envelope) : undefined;
  }

  finish(id: string, f: CommandFinish): void {
    this.finishStmt.run({
      id,
      state: f.state,
      finished_ms: f.finishedMs,
      code: f.code,
      message: f.message,
      agent_started_ms: f.agentStartedMs ?? null,
      agent_finished_ms: f.agentFinishedMs ?? null,
    });
    // A reset reports a dozen steps or so: one statement for them all, not one per step.
    for (let i = 0; i < f.steps.length; i += STEPS_PER_STATEMENT) {
      const chunk = f.steps.slice(i, i + STEPS_PER_STATEMENT);
      const values: unknown[] = [];
      for (const s of chunk) {
        values.push(id, s.seq, s.action, s.target, s.fromState, s.toState, s.durationMs, s.win32Error, s.message, s.ok ? 1 : 0, s.skipped ? 1 : 0);
      }
      this.insertSteps(chunk.length).run(values);
    }
  }

  private insertSteps(n: number): Database.Statement<unknown[]> {
    let stmt = this.stepStmts[n];
    if (!stmt) {
      stmt = this.db.prepare<unknown[]>(
        `INSERT OR REPLACE INTO command_steps (command_id, seq, action, target, from_state, to_state, duration_ms, win32_error, message, ok, skipped)
         VALUES ${Array.from({ length: n }, () => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
      );
      this.stepStmts[n] = stmt;
    }
    return stmt;
  }

  /** Marks a timed-out command as one the agent may still answer for (see CommandRow.writtenOffMs). */
  markWrittenOff(id: string, atMs: number): void {
    this.writeOffStmt.run(atMs, id);
  }

  /** Commands written off since `sinceMs` whose agent has not answered yet, oldest first. */
  writtenOffSince(sinceMs: number): CommandRow[] {
    return this.writtenOffStmt.all(sinceMs).map(toCommand);
  }

  get(id: string): CommandRow | undefined {
    const raw = this.getStmt.get(id);
    return raw ? toCommand(raw) : undefined;
  }

  /**
   * The host a command was sent to. Asked for every progress event an agent sends (several per reset): one column,
   * not the whole row with its envelope and options to decode.
   */
  hostOf(id: string): string | undefined {
    return this.recent.get(id)?.host ?? this.hostOfStmt.get(id)?.host;
  }

  /** What the metrics record of a finished command: its times and kind, not the envelope and options of get(). */
  timing(id: string): CommandTiming | undefined {
    return this.timingStmt.get(id);
  }

  /** The command's kind (reset, cordon, lb), asked for each command sent (metrics): from memory for recent ones. */
  kindOf(id: string): string | undefined {
    return this.recent.get(id)?.kind ?? this.get(id)?.kind;
  }

  /** Up to `limit` command ids starting with `prefix` (lower-case hex and dashes only: it is used as a GLOB). */
  idsStartingWith(prefix: string, limit: number): string[] {
    if (!/^[0-9a-f-]+$/.test(prefix)) return [];
    return this.db.prepare<[string, number], { id: string }>("SELECT id FROM commands WHERE id GLOB ? ORDER BY id LIMIT ?").all(`${prefix}*`, limit).map((r) => r.id);
  }

  steps(id: string): StepRow[] {
    return this.stepsStmt.all(id).map((r) => ({
      seq: r.seq,
      action: r.action,
      target: r.target,
      fromState: r.from_state,
      toState: r.to_state,
      durationMs: r.duration_ms,
      win32Error: r.win32_error,
      message: r.message,
      ok: r.ok === 1,
      skipped: r.skipped === 1,
    }));
  }

  /** The newest command of every host, in one query. */
  latestPerHost(): Map<string, LatestCommand> {
    const latest = new Map<string, LatestCommand>();
    for (const r of this.latestStmt.all()) latest.set(r.host, r);
    return latest;
  }

  /** How long each succeeded reset among the host's newest `limit` commands took, created to finished. */
  recentResetDurations(host: string, limit: number): number[] {
    return this.recentResetsStmt.all(host, limit).map((r) => r.ms);
  }

  list(opts: { host?: string | undefined; limit: number }): CommandRow[] {
    const rows = opts.host ? this.listByHostStmt.all(opts.host, opts.limit) : this.listStmt.all(opts.limit);
    return rows.map(toCommand);
  }
}

function toCommand(r: RawCommand): CommandRow {
  return {
    id: r.id,
    host: r.host,
    kind: r.kind,
    issuer: r.issuer,
    operation: r.operation,
    level: r.level,
    force: r.force === 1,
    timeoutMs: r.timeout_ms,
    state: r.state,
    createdMs: r.created_ms,
    sentMs: r.sent_ms,
    expiresMs: r.expires_ms,
    finishedMs: r.finished_ms,
    agentStartedMs: r.agent_started_ms,
    agentFinishedMs: r.agent_finished_ms,
    code: r.code,
    message: r.message,
    options: JSON.parse(r.options_json) as Record<string, unknown>,
    writtenOffMs: r.written_off_ms,
    late: r.written_off_ms !== null && r.state !== "timed-out",
  };
}
