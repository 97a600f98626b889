// A command's lifecycle against real processes (issue 18, items 2 and 5): an agent can no longer start a command
// once the controller may write it off; IN_PROGRESS keeps the controller waiting; a result that comes after the
// write-off is recorded as late; and a command that may have reached an agent is never re-sent under a new id, even
// across a controller restart while the agent stays away. "How many resets ran" is read from the agents' own logs
// and result journals, never from the controller.
//
// A controller writes a silent agent's command off only once the clock skew it allows an agent (60 s in production)
// has passed since the command's expiry. Every process here is given a 10 s skew (IISFLEET_CLOCK_SKEW, the same on
// the controller and the agents, as it must be), so each wait below is the real one, measured from that skew.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { v1 } from "@iisfleet/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type AgentSpec, type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { sleep, waitFor } from "../support/wait.js";
import { resetsStarted } from "../support/agent-log.js";

interface RolloutJson {
  rollout: { id: string; state: string; reason: string };
  hosts: Array<{ host: string; state: string; code: string; message: string; attempts: number; commandId: string }>;
}
interface CommandJson {
  id: string;
  state: string;
  code: string | null;
  message: string | null;
  sentMs: number;
  expiresMs: number;
  writtenOffMs: number | null;
  late: boolean;
}
interface HostJson {
  name: string;
  liveness: string;
  counters: Record<string, number>;
}

/** The clock skew every controller and agent here allows (IISFLEET_CLOCK_SKEW). */
const SKEW_MS = 10_000;
const SKEW_ENV = { IISFLEET_CLOCK_SKEW: `${SKEW_MS}ms` };
/** Room the controller leaves for its outcome query after a silent agent's skew has passed. */
const OUTCOME_QUERY_MARGIN_MS = 5_000;

let nats: NatsServer;
const dir = tempDir("iisfleet-deadline-e2e-");
const procs: Proc[] = [];

async function json<T>(c: Controller, path: string, init?: RequestInit): Promise<T> {
  const res = await c.fetch(path, init);
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

const startRollout = (c: Controller, body: Record<string, unknown>) =>
  json<RolloutJson>(c, "/api/v1/rollouts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ batch: "1", ...body }) });

const rollout = (c: Controller, id: string) => json<RolloutJson>(c, `/api/v1/rollouts/${id}`);
const command = async (c: Controller, id: string) => (await json<{ command: CommandJson }>(c, `/api/v1/commands/${id}`)).command;
const host = async (c: Controller, name: string) => (await json<{ host: HostJson }>(c, `/api/v1/hosts/${name}`)).host;

function finished(c: Controller, id: string, timeoutMs: number): Promise<RolloutJson> {
  return waitFor(
    async () => {
      const r = await rollout(c, id);
      return ["succeeded", "failed", "aborted"].includes(r.rollout.state) ? r : undefined;
    },
    { what: `rollout ${id} to finish`, timeoutMs, intervalMs: 500 },
  );
}

/** The agents' state dirs, removed at the end. */
const stateDirs: Array<{ remove(): void }> = [];

function stateDir(host: string): string {
  const d = tempDir(`iisfleet-agent-${host}-`);
  stateDirs.push(d);
  return d.path;
}

function agent(spec: AgentSpec): Proc {
  const p = startAgentProcess(nats.url, { stateDir: stateDir(spec.host), ...spec, env: { ...SKEW_ENV, ...spec.env } });
  procs.push(p);
  return p;
}

/** The command ids with a result in an agent's journal (state dir). */
function journalIds(stateDir: string): string[] {
  const path = join(stateDir, "results.journal");
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => v1.CommandResult.decode(Buffer.from(l, "base64")).commandId);
}

async function registered(c: Controller, name: string): Promise<void> {
  await waitFor(async () => (await host(c, name)).liveness === "online", { what: `${name} to register`, timeoutMs: 60_000, intervalMs: 200 });
}

let shared: Controller;

beforeAll(async () => {
  nats = await startNatsServer();
  shared = await startControllerProcess(nats.url, join(dir.path, "shared.db"), [], SKEW_ENV);
  procs.push(shared);
}, 60_000);

afterAll(async () => {
  for (const p of procs) if (p.child.signalCode === null && p.child.exitCode === null) p.child.kill("SIGCONT");
  await Promise.all(procs.map((p) => p.kill()));
  await nats?.stop();
  for (const d of stateDirs) d.remove();
  dir.remove();
}, 60_000);

describe.concurrent("a command's deadline and its expiry", () => {
  it("an agent frozen before the command arrives and resumed after the controller wrote it off never runs it", async () => {
    const a = agent({ host: "frz01", farm: "frz" });
    await registered(shared, "frz01");
    a.child.kill("SIGSTOP");
    const started = await startRollout(shared, { farm: "frz", deadlineMs: 10_000 });
    const id = started.rollout.id;
    // Still frozen when the controller gives up: only after the expiry plus the clock skew an agent may have
    // (until then the agent could still start it, and the controller would take its answer).
    const done = await finished(shared, id, 150_000);
    const h = done.hosts[0];
    expect(h?.state).toBe("failed");
    const cmd = await command(shared, h?.commandId ?? "");
    expect(["timed-out", "error"]).toContain(cmd.state);
    expect(cmd.expiresMs - cmd.sentMs).toBeLessThanOrEqual(10_000 - 5_000);
    a.child.kill("SIGCONT");
    // The agent, back and heartbeating, ran nothing: its log and its counter.
    await waitFor(async () => (await host(shared, "frz01")).liveness === "online", { what: "frz01 back online", timeoutMs: 30_000, intervalMs: 200 });
    await sleep(3_000);
    expect((await host(shared, "frz01")).counters.resetsExecuted).toBe(0);
    expect(resetsStarted(a)).toEqual([]);
  }, 240_000);

  it("an agent still running the command at the deadline answers IN_PROGRESS, and the controller waits for it", async () => {
    const a = agent({ host: "slow01", farm: "slow", stopMs: 3_000, startMs: 1_000 });
    await registered(shared, "slow01");
    const started = await startRollout(shared, { farm: "slow", deadlineMs: 2_000 });
    const done = await finished(shared, started.rollout.id, 120_000);
    const h = done.hosts[0];
    expect(h?.state, h?.message).toBe("healthy");
    const cmd = await command(shared, h?.commandId ?? "");
    expect(cmd.state).toBe("succeeded");
    expect(cmd.late).toBe(false);
    expect(resetsStarted(a)).toEqual([h?.commandId]);
  }, 180_000);

  it("a result that comes after the write-off is recorded as late, and show says so", async () => {
    const a = agent({ host: "late01", farm: "late", stopMs: 3_000, startMs: 300 });
    await registered(shared, "late01");
    const started = await startRollout(shared, { farm: "late", deadlineMs: 10_000 });
    await waitFor(() => resetsStarted(a).length === 1, { what: "late01 to start its reset", timeoutMs: 30_000 });
    a.child.kill("SIGSTOP");
    const done = await finished(shared, started.rollout.id, 150_000);
    const h = done.hosts[0];
    expect(h?.code).toBe("AGENT_TIMEOUT");
    const off = await command(shared, h?.commandId ?? "");
    expect(off.state).toBe("timed-out");
    // Not written off while a lagging agent clock (SKEW_MS allowed) could still let the agent start it.
    expect(off.writtenOffMs ?? 0).toBeGreaterThanOrEqual(off.expiresMs + SKEW_MS);
    a.child.kill("SIGCONT");
    const late = await waitFor(
      async () => {
        const c = await command(shared, h?.commandId ?? "");
        return c.late ? c : undefined;
      },
      { what: "the late result to be recorded", timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(["succeeded", "failed"]).toContain(late.state);
    expect(late.writtenOffMs).toBe(off.writtenOffMs);
    const shown = await cli(["--controller", shared.url, "show", late.id]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain("(LATE)");
    expect(shown.stdout).not.toContain("no steps were taken");
    const metrics = await (await shared.fetch("/metrics")).text();
    expect(metrics).toMatch(/iisfleet_commands_late_total\{kind="reset",state="(succeeded|failed)"\} 1/);
    expect(resetsStarted(a)).toEqual([late.id]);
  }, 240_000);

  it("an agent killed mid-reset (no responders) is written off soon after the command's expiry, not after a silent agent's skew", async () => {
    const a = agent({ host: "gone01", farm: "gone", stopMs: 4_000 });
    await registered(shared, "gone01");
    const started = await startRollout(shared, { farm: "gone", deadlineMs: 4_000 });
    await waitFor(() => resetsStarted(a).length === 1, { what: "gone01 to start its reset", timeoutMs: 30_000 });
    await a.kill("SIGKILL");
    const done = await finished(shared, started.rollout.id, 120_000);
    const h = done.hosts[0];
    expect(h).toMatchObject({ state: "failed", code: "AGENT_TIMEOUT" });
    const off = await command(shared, h?.commandId ?? "");
    expect(off.message).toMatch(/is away/);
    // NATS dropped the command with the agent's connection: once it expired, nothing can start it.
    expect(off.writtenOffMs ?? 0).toBeGreaterThanOrEqual(off.expiresMs);
    // Not held as long as a silent agent's command (expiry + skew + the 5 s outcome-query margin): a minute and
    // more in production.
    expect(off.writtenOffMs ?? Number.POSITIVE_INFINITY).toBeLessThan(off.expiresMs + SKEW_MS + OUTCOME_QUERY_MARGIN_MS);
  }, 180_000);

  it("an agent killed mid-reset and away past the command's expiry plus the skew, across a controller restart, is never reset a second time", async () => {
    const agentDir = stateDir("kill01");
    const db = join(dir.path, "restart.db");
    let ctl = await startControllerProcess(nats.url, db, [], SKEW_ENV);
    procs.push(ctl);
    const first = agent({ host: "kill01", farm: "kill", stopMs: 4_000, stateDir: agentDir });
    await registered(ctl, "kill01");
    const started = await startRollout(ctl, { farm: "kill" });
    await waitFor(() => resetsStarted(first).length === 1, { what: "kill01 to start its reset", timeoutMs: 30_000 });
    const commandId = resetsStarted(first)[0] ?? "";
    await first.kill("SIGKILL");
    await ctl.kill("SIGKILL");
    ctl = await startControllerProcess(nats.url, db, [], SKEW_ENV);
    procs.push(ctl);
    // Longer than the command's expiry plus the skew an agent allows it: the agent comes back with no record.
    const { expiresMs } = await command(ctl, commandId);
    await sleep(Math.max(0, expiresMs + SKEW_MS + 10_000 - Date.now()));
    const second = agent({ host: "kill01", farm: "kill", stopMs: 4_000, stateDir: agentDir });
    const done = await finished(ctl, started.rollout.id, 120_000);
    const h = done.hosts[0];
    expect(h?.commandId).toBe(commandId);
    expect(h?.attempts).toBe(1);
    expect(h?.state).toBe("failed");
    // The agent's own answer, back from its journal's start marker: it stopped mid-command (on time, or late if
    // it came back after the controller had written the command off).
    expect(["INTERRUPTED", "AGENT_TIMEOUT"]).toContain(h?.code);
    const settled = await waitFor(
      async () => {
        const c = await command(ctl, commandId);
        return c.code === "INTERRUPTED" ? c : undefined;
      },
      { what: "the agent's INTERRUPTED answer to be recorded", timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(settled.state).toBe("failed");
    // Give a wrongly re-queued host the time to be reset again before looking.
    await sleep(5_000);
    expect(resetsStarted(second)).toEqual([]);
    // The journal holds the first agent's start marker for that command, and nothing else: no second reset.
    expect(new Set(journalIds(agentDir))).toEqual(new Set([commandId]));
    const history = await json<{ commands: Array<{ id: string; host: string }> }>(ctl, "/api/v1/commands?host=kill01");
    expect(history.commands.map((c) => c.id)).toEqual([commandId]);
  }, 300_000);
});
