// One active owner per host, halted rollouts included (issue 18, item 6), against the real scheduler, services and
// a real SQLite file. Agents in a box hold every reset until the test lets it finish, so operator actions land
// while resets are in flight; the box records, from the hosts' side, every reset and who asked for it.
import { type ICommandResult, decode, v1 } from "@iisfleet/proto";
import { afterEach, describe, expect, it } from "vitest";
import type { AgentBus } from "../src/commands/agent-bus.js";
import { IisfleetError } from "../src/errors.js";
import { mulberry32, parseAmount, parseBatchSpec } from "../src/rollout/spec.js";
import { outcomeAnswer, resetResult } from "./support/reset-answers.js";
import { FakeClock, type Harness, at, cleanUp, controller, definition } from "./support/window-harness.js";

afterEach(cleanUp);

interface Held {
  host: string;
  rollout: string;
  finish: (ok: boolean) => void;
}

class HoldingAgents implements AgentBus {
  readonly held: Held[] = [];
  /** What each host is running now, by rollout: a second entry for one host is what the agent would refuse as BUSY. */
  readonly running = new Map<string, string>();
  readonly overlaps: string[] = [];
  /** Resets each host performed, by rollout id. */
  readonly resets = new Map<string, number>();
  private readonly results = new Map<string, ICommandResult>();

  async sendCommand(host: string, envelope: Uint8Array): Promise<ICommandResult> {
    const cmd = decode.command(decode.envelope(envelope).command);
    if (cmd.outcome) {
      return outcomeAnswer(this.results, cmd.outcome.commandId ?? "");
    }
    const rollout = /rollout:(\S+)$/.exec(cmd.issuer ?? "")?.[1] ?? cmd.issuer ?? "";
    const other = this.running.get(host);
    if (other !== undefined) {
      this.overlaps.push(`${host}: ${rollout} sent a reset while ${other}'s was running`);
      return { commandId: cmd.commandId, host, outcome: v1.Outcome.OUTCOME_REJECTED, code: "BUSY", message: `Busy with a command of ${other}.` };
    }
    this.running.set(host, rollout);
    this.resets.set(`${rollout}/${host}`, (this.resets.get(`${rollout}/${host}`) ?? 0) + 1);
    const ok = await new Promise<boolean>((finish) => this.held.push({ host, rollout, finish }));
    this.running.delete(host);
    const result = resetResult(cmd.commandId, host, ok);
    this.results.set(cmd.commandId, result);
    return result;
  }

  /** Lets the i-th held reset finish. */
  finish(i: number, ok: boolean): void {
    const [h] = this.held.splice(i, 1);
    h?.finish(ok);
  }
}

/** Lets every kicked scheduler pass and every answer's bookkeeping run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await new Promise((r) => setImmediate(r));
}

const HOSTS = ["web01", "web02", "web03", "web04", "web05"];

function setUp() {
  const clock = new FakeClock(at("2026-03-02T10:00:00Z"));
  const agents = new HoldingAgents();
  const h = controller(clock, agents);
  for (const host of HOSTS) h.heartbeat(host);
  h.runner.start();
  return { agents, h };
}

const start = (h: Harness, hosts: string[], extra: Parameters<typeof definition>[0] = {}) =>
  h.service.start(definition({ targets: { tags: {}, hosts, exclude: [] }, maxUnavailable: parseAmount("5"), ...extra }), "ops").detail.rollout.id;

describe("one active owner per host", () => {
  it("a halted rollout's resume is refused while another rollout holds the hosts it has left, naming them", async () => {
    const { agents, h } = setUp();
    const r1 = start(h, ["web01", "web02", "web03"]);
    await settle();
    agents.finish(0, false); // web01 fails: R1 halts with web02 and web03 queued
    await settle();
    expect(h.detail(r1).rollout.state).toBe("failed");
    const r2 = start(h, ["web02", "web03"]);
    await settle();
    h.service.actOnHost(r1, "web01", "skip-host", "ops");
    let refused: unknown;
    try {
      h.service.act(r1, "resume", "ops");
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(IisfleetError);
    expect((refused as IisfleetError).code).toBe("ROLLOUT_CONFLICT");
    expect((refused as IisfleetError).message).toBe(
      `Cannot resume rollout ${r1}: another rollout took hosts it has left while it was halted. ` +
        `A host is in at most one active rollout: web02 (in ${r2}), web03 (in ${r2}). Wait for that rollout to end, or skip-host them in ${r1} first.`,
    );
    while (agents.held.length > 0) {
      agents.finish(0, true);
      await settle();
    }
    expect(h.detail(r2).rollout.state).toBe("succeeded");
    h.service.act(r1, "resume", "ops"); // R2 is over: R1 may go on
    await settle();
    expect(agents.overlaps).toEqual([]);
  });

  it("a rollout naming a host still resetting for an aborted rollout waits for it instead of failing it with BUSY", async () => {
    const { agents, h } = setUp();
    const r1 = start(h, ["web01"]);
    await settle();
    h.service.act(r1, "abort", "ops"); // web01's reset goes on
    const r2 = start(h, ["web01"]);
    await settle();
    expect(agents.overlaps).toEqual([]);
    expect(h.detail(r2).hosts[0]?.state).toBe("queued");
    expect(h.detail(r2).rollout.reason).toBe(`waiting: web01 is still being reset for rollout ${r1}`);
    agents.finish(0, true);
    await settle();
    agents.finish(0, true);
    await settle();
    expect(h.detail(r2).rollout.state).toBe("succeeded");
    expect(agents.resets.get(`${r2}/web01`)).toBe(1);
  });

  it("property: over random start/halt/skip/retry/resume/pause/abort sequences on overlapping hosts, no host ever runs two rollouts' resets at once, and none is reset twice by one rollout but by retry-host", async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = mulberry32(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
      const { agents, h } = setUp();
      const ids: string[] = [];
      const retries = new Map<string, number>();
      const log: string[] = [];
      for (let step = 0; step < 60; step++) {
        const op = pick(["start", "start", "finish", "finish", "finish", "skip", "skip", "retry", "resume", "resume", "pause", "abort"] as const);
        try {
          if (op === "start") {
            const hosts = HOSTS.filter(() => r() < 0.5);
            if (hosts.length === 0) continue;
            const id = start(h, hosts, { batch: parseBatchSpec(pick(["1", "2"])), maxFailures: parseAmount(pick(["0", "1"]), { allowZero: true }) });
            ids.push(id);
            log.push(`start ${id} ${hosts.join(",")}`);
          } else if (op === "finish") {
            if (agents.held.length === 0) continue;
            const i = Math.floor(r() * agents.held.length);
            const ok = r() < 0.6;
            log.push(`finish ${agents.held[i]?.rollout}/${agents.held[i]?.host} ${ok ? "ok" : "failed"}`);
            agents.finish(i, ok);
          } else if (ids.length > 0) {
            const id = pick(ids);
            if (op === "skip" || op === "retry") {
              // A host of that rollout, mostly: an operator acts on hosts it has.
              const host = pick(r() < 0.8 ? h.rollouts.hosts(id).map((x) => x.host) : HOSTS);
              h.service.actOnHost(id, host, op === "skip" ? "skip-host" : "retry-host", "ops");
              if (op === "retry") retries.set(`${id}/${host}`, (retries.get(`${id}/${host}`) ?? 0) + 1);
              log.push(`${op} ${id} ${host}`);
            } else {
              h.service.act(id, op, "ops");
              log.push(`${op} ${id}`);
            }
          }
        } catch (err) {
          if (!(err instanceof IisfleetError)) throw err;
          log.push(`${op} refused: ${err.code}`);
        }
        await settle();
        expect(agents.overlaps, `seed ${seed}:\n${log.join("\n")}`).toEqual([]);
        // And from the controller's side: a host still to be reset (queued or in flight) has one active owner.
        const owners = new Map<string, Set<string>>();
        for (const row of h.rollouts.activeHosts().filter((x) => x.state !== "healthy" && x.state !== "failed" && x.state !== "skipped")) {
          owners.set(row.host, (owners.get(row.host) ?? new Set()).add(row.rolloutId));
        }
        for (const [host, by] of owners) expect(by.size, `seed ${seed}: ${host} owned by ${[...by].join(", ")}\n${log.join("\n")}`).toBe(1);
      }
      // Let everything in flight finish.
      for (let i = 0; i < 50 && agents.held.length > 0; i++) {
        agents.finish(0, true);
        await settle();
      }
      expect(agents.overlaps, `seed ${seed}:\n${log.join("\n")}`).toEqual([]);
      for (const [key, n] of agents.resets) {
        expect(n, `seed ${seed}: ${key} reset ${n} times with ${retries.get(key) ?? 0} retries\n${log.join("\n")}`).toBeLessThanOrEqual(1 + (retries.get(key) ?? 0));
      }
      await h.crash();
      cleanUp();
    }
  }, 120_000);
});
