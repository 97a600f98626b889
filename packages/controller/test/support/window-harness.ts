// A controller in a box for maintenance-window tests: real SQLite file, the real scheduler, services and stores,
// an injected clock the test sets (days of schedule pass in milliseconds), and scripted agents whose resets "take"
// a given time by moving that clock. The runner is never started on its own timer: the test drives it with
// `drive()`, so what happens between two steps is only what the test does.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ICommandResult, ResultCode, decode, v1 } from "@iisfleet/proto";
import type { Clock } from "../../src/clock.js";
import type { AgentBus } from "../../src/commands/agent-bus.js";
import { CommandService } from "../../src/commands/command-service.js";
import { FleetRegistry } from "../../src/fleet/registry.js";
import { createLogger } from "../../src/log.js";
import type { RolloutDefinition } from "../../src/rollout/definition.js";
import { RolloutRunner } from "../../src/rollout/runner.js";
import { RolloutService } from "../../src/rollout/service.js";
import { parseAmount, parseBatchSpec } from "../../src/rollout/spec.js";
import { Store } from "../../src/store/index.js";
import { RolloutStore } from "../../src/store/rollouts.js";
import { WindowStore } from "../../src/store/windows.js";
import { type NewWindow, WindowService } from "../../src/windows/service.js";

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const at = (iso: string): number => Date.parse(iso);
export const utc = (ms: number | null | undefined): string | undefined => (ms === null || ms === undefined ? undefined : new Date(ms).toISOString());

export class FakeClock implements Clock {
  constructor(public ms: number) {}
  now(): number {
    return this.ms;
  }
  set(iso: string): void {
    this.ms = at(iso);
  }
}

/** Agents that succeed, taking `takesMs` of schedule time (moving the fake clock), or wait until released. */
export class TimedAgents implements AgentBus {
  takesMs = new Map<string, number>();
  defaultTakesMs = 0;
  /** Hosts whose reset waits for `release(host)`. */
  readonly held = new Map<string, () => void>();
  private readonly holding = new Set<string>();
  /** Every reset an agent executed, with the (fake) time it began. */
  readonly executed: Array<{ host: string; atMs: number }> = [];
  private readonly results = new Map<string, ICommandResult>();

  constructor(private readonly clock: FakeClock) {}

  hold(host: string): void {
    this.holding.add(host);
  }

  release(host: string): void {
    this.holding.delete(host);
    this.held.get(host)?.();
    this.held.delete(host);
  }

  async sendCommand(host: string, envelope: Uint8Array): Promise<ICommandResult> {
    const cmd = decode.command(decode.envelope(envelope).command);
    if (cmd.outcome) {
      const id = cmd.outcome.commandId ?? "";
      return this.results.get(id) ?? { commandId: id, outcome: v1.Outcome.OUTCOME_UNKNOWN_COMMAND, code: ResultCode.UNKNOWN_COMMAND };
    }
    this.executed.push({ host, atMs: this.clock.now() });
    if (this.holding.has(host)) await new Promise<void>((resolve) => this.held.set(host, resolve));
    else await Promise.resolve();
    this.clock.ms += this.takesMs.get(host) ?? this.defaultTakesMs;
    const result: ICommandResult = {
      commandId: cmd.commandId,
      host,
      outcome: v1.Outcome.OUTCOME_SUCCEEDED,
      code: "OK",
      message: "Internet services successfully restarted.",
    };
    this.results.set(cmd.commandId, result);
    return result;
  }

  startsOf(host: string): string[] {
    return this.executed.filter((e) => e.host === host).map((e) => utc(e.atMs) as string);
  }
}

const dirs: string[] = [];
const closers: Array<() => void> = [];

/** Call from afterEach. */
export function cleanUp(): void {
  for (const c of closers.splice(0).reverse()) c();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function newDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), "iisfleet-windows-"));
  dirs.push(dir);
  return join(dir, "db.sqlite");
}

export type Harness = ReturnType<typeof controller>;

export function controller(clock: FakeClock, agents: AgentBus, dbPath = newDbPath(), opts: { tickMs?: number } = {}) {
  const store = Store.open(dbPath);
  const log = createLogger("test", "silent");
  const registry = new FleetRegistry(store, clock, { log });
  const commands = new CommandService(store, agents, clock, "controller:test", registry, undefined, { pollMs: 5 });
  const rollouts = new RolloutStore<RolloutDefinition>(store.db);
  const windows = new WindowService({
    store,
    windows: new WindowStore(store.db),
    hosts: registry,
    clock,
    boundRollouts: (name) => rollouts.active().filter((r) => r.definition.window?.name === name).map((r) => r.id),
  });
  const runner = new RolloutRunner({ store, rollouts, registry, commands, clock, log, windows, tickMs: opts.tickMs ?? 3_600_000 });
  const service = new RolloutService(store, rollouts, registry, runner, clock, windows);
  let closed = false;
  /** Like SIGKILL: nothing in flight is waited for. */
  const crash = async () => {
    if (closed) return;
    closed = true;
    await runner.stop();
    registry.close();
    store.close();
  };
  closers.push(() => void crash());

  /** Agents that report with a heartbeat period of weeks, so jumps of the fake clock never make them stale. */
  const heartbeat = (host: string, farm = "shop", tags: Record<string, string> = {}) =>
    registry.recordHeartbeat(
      v1.Heartbeat.create({
        instanceId: `i-${host}`,
        intervalMs: 2_000_000_000,
        facts: { host, farm, tags, services: [{ name: "W3SVC", state: v1.ServiceState.SERVICE_STATE_RUNNING }] },
      }),
      host,
    );

  /** Recorded restart durations, as if these resets happened a month ago. */
  const history = (host: string, durationsMs: number[]) => {
    registry.flush();
    durationsMs.forEach((d, i) => {
      const id = `seed-${host}-${i}-${Math.random().toString(36).slice(2)}`;
      const created = clock.now() - 30 * 24 * HOUR + i * HOUR;
      store.commands.create({ id, host, kind: "reset", issuer: "seed", operation: "restart", level: "iis", force: false, timeoutMs: 0, createdMs: created, expiresMs: created + 30_000, options: {} });
      store.commands.finish(id, { state: "succeeded", finishedMs: created + d, code: "OK", message: "", steps: [] });
    });
  };

  const fingerprint = () =>
    JSON.stringify(rollouts.list(1000).map((r) => [r.id, r.state, r.reason, r.currentBatch, r.bakeUntilMs, rollouts.hosts(r.id).map((h) => [h.host, h.state, h.attempts])]));

  /** Steps the scheduler until nothing changes any more. */
  const drive = async (maxSteps = 200) => {
    let last = "";
    for (let i = 0; i < maxSteps; i++) {
      await runner.step();
      const now = fingerprint();
      if (now === last) return;
      last = now;
    }
    throw new Error("the scheduler did not settle");
  };

  const addWindow = (w: Partial<NewWindow> & Pick<NewWindow, "name" | "cron" | "timeZone" | "durationMs">, actor = "ops") =>
    windows.add({ cutoffMs: 0, tags: {}, blackout: false, farmDefault: false, ...w }, actor);

  const detail = (id: string) => service.detail(id);

  const windowEvents = (id: string) =>
    store.events
      .after(0, 100_000)
      .filter((e) => e.kind === "rollout.window" && e.data.rolloutId === id)
      .map((e) => e.message);

  return { store, registry, runner, service, windows, rollouts, heartbeat, history, drive, crash, addWindow, detail, windowEvents, dbPath };
}

export function definition(o: Partial<RolloutDefinition> = {}): RolloutDefinition {
  return {
    targets: { farm: "shop", tags: {}, hosts: [], exclude: [] },
    batch: parseBatchSpec("1"),
    canary: 0,
    canaryApproval: "auto",
    maxUnavailable: null,
    maxFailures: parseAmount("0", { allowZero: true }),
    level: "iis",
    force: false,
    timeoutMs: 0,
    bakeMs: 0,
    order: "name",
    seed: 0,
    onWindowEnd: "continue",
    ...o,
  };
}

export const named = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, "0")}`);
