// Issue 20, item 1: a host's sites (HostFacts.sites) in `host show` and the status tables, and what a command that
// named pools or sites says in history. The output of agents that report no sites stays as it was.
import { describe, expect, it } from "vitest";
import type { HostView, RegistryStatusView } from "../src/api/contract/views.js";
import { formatHistory, modeOf } from "../src/cli/format.js";
import { formatHost } from "../src/cli/format-host.js";
import { formatRegistryStatus } from "../src/cli/format-status.js";

const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");

function host(o: Partial<HostView> = {}): HostView {
  return {
    name: "web01",
    farm: "shop",
    tags: {},
    adapter: "simulated",
    iisGeneration: 10,
    agentVersion: "0.1.0",
    instanceId: "i-1",
    cordoned: false,
    busyCommandId: "",
    services: [{ name: "W3SVC", state: "RUNNING", pid: 10 }],
    appPools: [
      { name: "DefaultAppPool", started: true, workerPids: [101] },
      { name: "ShopPool", started: true, workerPids: [102, 103] },
    ],
    counters: {},
    heartbeatMs: 1_000,
    firstSeenMs: 0,
    lastSeenMs: 0,
    liveness: "online",
    ageMs: 500,
    ...o,
  };
}

const sites = [
  { name: "Default Web Site", id: 1, started: true, bindings: ["http/*:80:"], appPool: "DefaultAppPool" },
  { name: "Shop", id: 2, started: false, bindings: ["http/*:80:shop.example.com", "https/*:443:shop.example.com"], appPool: "ShopPool" },
];

function registry(hosts: HostView[]): RegistryStatusView {
  return {
    mode: "registry",
    atMs: 0,
    filter: { tags: {}, hosts: [] },
    scope: "all hosts",
    summary: { hosts: hosts.length, online: hosts.length, stale: 0, offline: 0, duplicates: 0, oldestAgeMs: 500 },
    hosts,
  };
}

describe("host show", () => {
  it("lists the pools with their workers and the sites with id, state, pool and bindings", () => {
    const text = strip(formatHost(host({ sites })));
    expect(text).toMatch(/ShopPool\s+Started\s+102, 103/);
    expect(text).toMatch(/SITE\s+ID\s+STATE\s+APP POOL\s+BINDINGS/);
    expect(text).toMatch(/Shop\s+2\s+Stopped\s+ShopPool\s+http\/\*:80:shop\.example\.com https\/\*:443:shop\.example\.com/);
    expect(text).toContain("sites: 1/2 started: Shop stopped");
  });

  it("says so when the agent reports no sites", () => {
    expect(strip(formatHost(host()))).toContain("No sites reported");
  });
});

describe("status tables", () => {
  it("gain a SITES column, last, when a host reports sites", () => {
    const text = strip(formatRegistryStatus(registry([host({ sites }), host({ name: "web02" })])));
    expect(text).toMatch(/FACTS FROM\s+SITES$/m);
    expect(text).toMatch(/^web01 .*1\/2 started: Shop stopped$/m);
    expect(text).toMatch(/^web02 .* -$/m);
  });

  it("stay as they were when no host reports sites", () => {
    expect(strip(formatRegistryStatus(registry([host()])))).not.toContain("SITES");
  });
});

describe("a command that named pools or sites", () => {
  it("says what it named, in show and history", () => {
    const reset = { kind: "reset", operation: "restart", level: "recycle", force: false };
    expect(strip(modeOf({ ...reset, options: { pools: ["ShopPool"] } }))).toBe("recycle pool ShopPool");
    expect(strip(modeOf({ ...reset, options: { pools: ["A", "B"], startStopped: true } }))).toBe("recycle pools A, B (start stopped)");
    expect(strip(modeOf({ ...reset, operation: "stop", level: "site", options: { sites: ["Shop"] } }))).toBe("stop site Shop");
    expect(strip(modeOf({ ...reset, options: {} }))).toBe("noforce reset (level recycle)");
    const row = {
      id: "c0ffee00-0000-0000-0000-000000000000", host: "web01", issuer: "ops", timeoutMs: 0, state: "succeeded" as const, createdMs: 0, sentMs: 0,
      expiresMs: 0, finishedMs: 10, agentStartedMs: null, agentFinishedMs: null, code: "OK", message: "", writtenOffMs: null, late: false, steps: [],
      ...reset, options: { sites: ["Shop"] },
    };
    expect(strip(formatHistory([row]))).toContain("restart site Shop");
  });
});
