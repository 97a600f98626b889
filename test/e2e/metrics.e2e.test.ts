// /metrics over real processes: scraped and parsed as Prometheus text after a successful reset, a failed one, a
// rollout, a malformed NATS message and a NATS server restart.
import { type NatsConnection, connect } from "@nats-io/transport-node";
import { subjects } from "@iisfleet/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NatsServer } from "../support/nats-server.js";
import { type Controller, cli } from "../support/processes.js";
import { type Stack, startStack } from "../support/stack.js";
import { waitFor } from "../support/wait.js";

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

interface Exposition {
  samples: Sample[];
  help: Set<string>;
  types: Map<string, string>;
}

/** The text exposition format, strictly: every line is a comment, blank, or `name{labels} value`. */
function parse(text: string): Exposition {
  const out: Exposition = { samples: [], help: new Set(), types: new Map() };
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (comment) {
      if (comment[1] === "HELP") out.help.add(comment[2] as string);
      else out.types.set(comment[2] as string, comment[3] as string);
      continue;
    }
    // Values as Prometheus reads them (Go's ParseFloat: NaN and Inf in any case — prom-client writes "Nan").
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|nan|[+-]inf)$/i.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1] as string] = l[2] as string;
    out.samples.push({ name: m[1] as string, labels, value: Number(m[3]) });
  }
  return out;
}

const value = (e: Exposition, name: string, labels: Record<string, string> = {}) =>
  e.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

let stack: Stack | undefined;
let nats: NatsServer;
let controller: Controller;
let nc: NatsConnection;

async function scrape(): Promise<{ contentType: string | null; exposition: Exposition }> {
  const res = await controller.fetch(`/metrics`);
  expect(res.status).toBe(200);
  return { contentType: res.headers.get("content-type"), exposition: parse(await res.text()) };
}

beforeAll(async () => {
  stack = await startStack({
    dirPrefix: "iisfleet-metrics-e2e-",
    agents: [{ host: "m01", farm: "m" }, { host: "m02", farm: "m", fault: "hung-stop" }],
    waitFor: { hosts: 2, what: "2 agents to register" },
  });
  ({ nats, controller } = stack);
  nc = await connect({ servers: nats.url });
}, 60_000);

afterAll(async () => {
  await nc?.close();
  await stack?.stop();
});

describe("/metrics", () => {
  it("from the start: failure counters at 0, build info, hosts by farm, agents' heartbeat counters; no gauge named like a counter", async () => {
    const { exposition: e } = await scrape();
    for (const kind of ["reset", "cordon", "lb"]) {
      for (const state of ["failed", "rejected", "timed-out", "error"]) expect(value(e, "iisfleet_commands_failed_total", { kind, state }), `${kind} ${state}`).toBe(0);
    }
    const build = e.samples.find((s) => s.name === "iisfleet_build_info");
    expect(build?.value).toBe(1);
    expect(build?.labels.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(build?.labels.node).not.toBe("");
    expect(e.samples.filter((s) => s.name === "iisfleet_hosts" && s.labels.farm === "m").map((s) => s.labels.state).sort()).toEqual(
      ["cordoned", "failed", "healthy", "offline", "resetting", "stale"],
    );
    expect(e.types.get("iisfleet_agent_resets_executed_total")).toBe("counter");
    expect(value(e, "iisfleet_agent_resets_executed_total", { host: "m01" })).toBe(0);
    expect(value(e, "iisfleet_agent_commands_received_total", { host: "m02" })).toBe(0);
    // promtool: "non-counter metrics should not have _total suffix".
    const misnamed = [...e.types].filter(([name, type]) => type !== "counter" && name.endsWith("_total")).map(([name]) => name);
    expect(misnamed).toEqual([]);
  });

  it("is Prometheus text with hosts, rollouts, reset durations, commands, NATS reconnects and malformed messages", async () => {
    // The rollout first: afterwards m02's failed reset counts it out of service, and the capacity guard would hold m01.
    const r = await cli(["--controller", controller.url, "rollout", "start", "--hosts", "m01", "--follow"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect((await cli(["--controller", controller.url, "reset", "m01"])).code).toBe(0);
    expect((await cli(["--controller", controller.url, "reset", "m02", "--timeout", "1"])).code).toBe(1);
    nc.publish(subjects.heartbeat("m01"), new Uint8Array([0xff, 0xff, 0xff, 0x01]));
    await nc.flush();
    await nats.restart();
    await waitFor(
      async () => value((await scrape()).exposition, "iisfleet_nats_reconnects_total") === 1,
      { what: "the controller to reconnect to NATS", timeoutMs: 20_000, intervalMs: 200 },
    );

    // Hosts by state, once heartbeats flow again after the NATS restart: m01 healthy; m02 failed — its hung W3SVC
    // stays STOP_PENDING (noforce killed nothing) and its health probe fails.
    const states = ["healthy", "resetting", "failed", "stale", "offline", "cordoned"];
    const byState = (x: Exposition) => Object.fromEntries(states.map((s) => [s, value(x, "iisfleet_hosts", { state: s })]));
    const want = { healthy: 1, resetting: 0, failed: 1, stale: 0, offline: 0, cordoned: 0 };
    await waitFor(async () => JSON.stringify(byState((await scrape()).exposition)) === JSON.stringify(want), { what: "m01 healthy and m02 failed" });

    const { contentType, exposition: e } = await scrape();
    expect(contentType).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(byState(e)).toEqual(want);
    // Every family has HELP and TYPE.
    for (const s of e.samples) {
      const family = s.name.replace(/_(bucket|sum|count)$/, "");
      expect(e.types.has(family) || e.types.has(s.name), `TYPE of ${s.name}`).toBe(true);
      expect(e.help.has(family) || e.help.has(s.name), `HELP of ${s.name}`).toBe(true);
    }

    expect(value(e, "iisfleet_rollouts", { state: "succeeded" })).toBe(1);
    expect(value(e, "iisfleet_rollouts", { state: "running" })).toBe(0);

    expect(value(e, "iisfleet_commands_sent_total", { kind: "reset" })).toBe(3);
    expect(value(e, "iisfleet_commands_failed_total", { kind: "reset", state: "failed" })).toBe(1);

    // The histogram: counts per level and outcome, buckets cumulative, +Inf equal to the count.
    const ok = { level: "iis", outcome: "succeeded" };
    expect(value(e, "iisfleet_reset_duration_seconds_count", ok)).toBe(2);
    expect(value(e, "iisfleet_reset_duration_seconds_count", { level: "iis", outcome: "failed" })).toBe(1);
    expect(value(e, "iisfleet_reset_duration_seconds_sum", ok)).toBeGreaterThan(0);
    const buckets = e.samples.filter((s) => s.name === "iisfleet_reset_duration_seconds_bucket" && s.labels.outcome === "succeeded");
    expect(buckets.map((b) => b.value)).toEqual([...buckets.map((b) => b.value)].sort((a, b) => a - b));
    expect(buckets.at(-1)).toMatchObject({ labels: { le: "+Inf" }, value: 2 });

    expect(value(e, "iisfleet_malformed_messages_total")).toBe(1);
    expect(value(e, "iisfleet_nats_reconnects_total")).toBe(1);
    expect(value(e, "iisfleet_heartbeats_total")).toBeGreaterThan(0);
    expect(value(e, "iisfleet_hosts", { farm: "m", state: "healthy" })).toBe(1);
    // The agents' own totals arrive with their heartbeats: m01 ran the rollout's reset and one by hand.
    await waitFor(async () => (value((await scrape()).exposition, "iisfleet_agent_resets_executed_total", { host: "m01" }) ?? 0) >= 2, {
      what: "m01's heartbeat to count its 2 resets",
      timeoutMs: 20_000,
      intervalMs: 250,
    });
    expect(value(e, "process_resident_memory_bytes")).toBeGreaterThan(0);
  });
});
