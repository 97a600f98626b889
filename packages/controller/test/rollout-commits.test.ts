// What a rollout costs in SQLite commits (each an fsync under synchronous=FULL) and in reads, counted on a real
// database file: one commit per host completion (the agent's result and the host's transition together), one
// commit for all the results that arrive together (group commit), and no re-read of every host at each kick.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ICommandResult, decode, v1 } from "@iisfleet/proto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AgentBus } from "../src/commands/agent-bus.js";
import { CommandService } from "../src/commands/command-service.js";
import { FleetRegistry } from "../src/fleet/registry.js";
import { createLogger } from "../src/log.js";
import type { RolloutDefinition } from "../src/rollout/definition.js";
import { RolloutRunner } from "../src/rollout/runner.js";
import { RolloutService } from "../src/rollout/service.js";
import { parseBatchSpec } from "../src/rollout/spec.js";
import { Store } from "../src/store/index.js";
import { RolloutStore } from "../src/store/rollouts.js";
import { walCommitCounter } from "./support/wal-commits.js";
import { definition as def, named } from "./support/window-harness.js";

/** Agents that answer a reset only when the test says so, so the test chooses what arrives together. */
class HeldAgents implements AgentBus {
  readonly held = new Map<string, (r: ICommandResult) => void>();

  sendCommand(host: string, envelope: Uint8Array): Promise<ICommandResult> {
    const cmd = decode.command(decode.envelope(envelope).command);
    return new Promise((resolve) => {
      this.held.set(host, () => resolve({ commandId: cmd.commandId, host, outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: "OK", message: "Internet services successfully restarted." }));
    });
  }

  release(host: string): void {
    const answer = this.held.get(host);
    if (!answer) throw new Error(`no command held for ${host}`);
    this.held.delete(host);
    answer({});
  }
}

const dirs: string[] = [];
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function controller(agents: AgentBus) {
  const dir = mkdtempSync(join(tmpdir(), "iisfleet-commits-"));
  dirs.push(dir);
  const store = Store.open(join(dir, "db.sqlite"));
  const clock = { now: () => Date.now() };
  const log = createLogger("test", "silent");
  const registry = new FleetRegistry(store, clock, { log });
  const commands = new CommandService(store, agents, clock, "controller:test", registry, undefined, { pollMs: 20 });
  const rollouts = new RolloutStore<RolloutDefinition>(store.db);
  // No timer ticks: every pass here is a kick (a start, a completion), so what is counted is what kicks cost.
  const runner = new RolloutRunner({ store, rollouts, registry, commands, clock, log, tickMs: 3_600_000 });
  const service = new RolloutService(store, rollouts, registry, runner, clock);
  for (const host of named("web", 12)) {
    registry.recordHeartbeat(
      v1.Heartbeat.create({ instanceId: `i-${host}`, intervalMs: 60_000, facts: { host, farm: "shop", services: [{ name: "W3SVC", state: v1.ServiceState.SERVICE_STATE_RUNNING }] } }),
      host,
    );
  }
  registry.flush();
  stops.push(async () => {
    await runner.stop();
    commands.stop();
    registry.close();
    store.close();
  });
  return { store, rollouts, runner, service };
}

async function until<T>(f: () => T | undefined | false, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Lets every kick, commit and timer that is due run (the runner's own ticks are an hour apart here). */
const quiet = () => new Promise((r) => setTimeout(r, 60));

describe("rollout commits and reads", () => {
  it("commits each host's completion once: the agent's result and the host's transition in one transaction", async () => {
    const agents = new HeldAgents();
    const c = controller(agents);
    const commits = walCommitCounter(c.store.db);
    c.runner.start();
    const { detail } = c.service.start(def({ batch: parseBatchSpec("12"), maxUnavailable: null }), "alice");
    await until(() => agents.held.size === 12, "12 resets under way");
    await quiet();
    const hosts = named("web", 12);
    const perHost: number[] = [];
    // One at a time, each on its own turn of the event loop, all but the last (which also ends the rollout).
    for (const host of hosts.slice(0, -1)) {
      const before = commits();
      agents.release(host);
      await until(() => c.rollouts.host(detail.rollout.id, host)?.state === "healthy", `${host} healthy`);
      await quiet();
      perHost.push(commits() - before);
    }
    expect(perHost).toEqual(hosts.slice(0, -1).map(() => 1));
    agents.release(hosts[11] as string);
    await until(() => c.rollouts.get(detail.rollout.id)?.state === "succeeded", "the rollout to succeed");
  });

  it("commits results that arrive together in one transaction, and publishes nothing before it", async () => {
    const agents = new HeldAgents();
    const c = controller(agents);
    const commits = walCommitCounter(c.store.db);
    c.runner.start();
    const six = named("web", 6);
    const { detail } = c.service.start(def({ targets: { farm: "shop", tags: {}, hosts: six, exclude: [] }, batch: parseBatchSpec("6"), maxUnavailable: null }), "alice");
    await until(() => agents.held.size === 6, "6 resets under way");
    await quiet();
    const before = commits();
    // The event stream reads committed rows when told of an append: every append must come from inside a transaction
    // that commits before anything else runs, never ahead of it.
    const outside: string[] = [];
    const off = c.store.events.onAppend(() => {
      if (!c.store.db.inTransaction) outside.push("an event appended outside a transaction");
    });
    for (const host of six) agents.release(host);
    await until(() => c.rollouts.get(detail.rollout.id)?.state === "succeeded", "the rollout to succeed");
    await quiet();
    off();
    // Six results and six host transitions: one commit; then the rollout's own end. (Before: two per host, and the end.)
    expect(commits() - before).toBe(2);
    expect(outside).toEqual([]);
  });

  it("does not re-read every host of the rollout at each kick", async () => {
    const agents = new HeldAgents();
    const c = controller(agents);
    const reads = vi.spyOn(c.rollouts, "hosts");
    c.runner.start();
    const { detail } = c.service.start(def({ batch: parseBatchSpec("3"), maxUnavailable: null }), "alice");
    const id = detail.rollout.id;
    reads.mockClear();
    for (const host of named("web", 12)) {
      await until(() => agents.held.has(host), `${host} under way`);
      agents.release(host);
      await until(() => c.rollouts.host(id, host)?.state === "healthy", `${host} healthy`);
      await quiet();
    }
    await until(() => c.rollouts.get(id)?.state === "succeeded", "the rollout to succeed");
    const runnerReads = reads.mock.calls.length;
    // Twelve completions, four batch starts: a dozen kicks or more. The runner read its rollout's hosts once.
    expect(runnerReads).toBeLessThanOrEqual(1);
  });
});
