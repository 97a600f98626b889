import { describe, expect, it } from "vitest";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError, defaultStateDir, parseAgentArgs, parseDurationMs, simulatedStateRoot } from "../src/options.js";

describe("agent command line", () => {
  it("parses a full simulated agent", () => {
    const o = parseAgentArgs(
      ["--host", "WEB01", "--farm", "Shop", "--tag", "dc=fra", "--tag", "role=api", "--nats", "nats://a:4222,nats://b:4222", "--simulate", "--fault", "hung-stop", "--heartbeat", "2s", "--sim-iis", "6"],
      {},
    );
    expect(o).toMatchObject({
      host: "web01",
      farm: "shop",
      tags: { dc: "fra", role: "api" },
      nats: ["nats://a:4222", "nats://b:4222"],
      heartbeatMs: 2000,
      simulate: true,
      sim: { fault: "hung-stop", generation: "iis6" },
    });
  });

  it("pins the simulated sites' first port, or leaves them on free ports", () => {
    expect(parseAgentArgs(["--host", "a", "--simulate", "--sim-site-port", "18001"], {}).sim.sitePort).toBe(18001);
    expect(parseAgentArgs(["--host", "a", "--simulate"], {}).sim.sitePort).toBe(0);
  });

  it("takes per-site and per-pool faults for the simulated host, NAME=FAULT, names as IIS holds them", () => {
    const sim = parseAgentArgs(["--host", "a", "--simulate", "--sim-site-fault", "Default Web Site=hung-stop", "--sim-site-fault", "Api=slow-start", "--sim-pool-fault", "ShopAppPool=start-failure"], {}).sim;
    expect(sim.siteFaults).toEqual({ "Default Web Site": "hung-stop", Api: "slow-start" });
    expect(sim.poolFaults).toEqual({ ShopAppPool: "start-failure" });
    expect(() => parseAgentArgs(["--host", "a", "--simulate", "--sim-site-fault", "Shop=melt"], {})).toThrow(/--sim-site-fault: "melt" is not a fault; use one of slow-stop, hung-stop, slow-start/);
    expect(() => parseAgentArgs(["--host", "a", "--simulate", "--sim-pool-fault", "ShopAppPool"], {})).toThrow(/--sim-pool-fault: "ShopAppPool" is not NAME=FAULT/);
    expect(() => parseAgentArgs(["--host", "a", "--sim-site-fault", "Shop=hung-stop"], {})).toThrow(/--sim-site-fault only applies to a simulated host/);
  });

  it("takes a per-call cost and IIS 6 compatibility for the simulated host", () => {
    expect(parseAgentArgs(["--host", "a", "--simulate", "--sim-call-ms", "40", "--sim-iis6-compat"], {}).sim).toMatchObject({ callMs: 40, iis6Compat: true });
    expect(parseAgentArgs(["--host", "a", "--simulate"], {}).sim).toMatchObject({ callMs: 0, iis6Compat: false });
    expect(() => parseAgentArgs(["--host", "a", "--sim-call-ms", "-5"], {})).toThrow(/--sim-call-ms/);
  });

  it("keeps a simulated agent's state per user and per installation, never in one /tmp dir shared by all", () => {
    const dir = parseAgentArgs(["--host", "web01", "--simulate"], {}).stateDir;
    expect(dir).not.toBe(join(tmpdir(), "iisfleet-sim", "web01"));
    expect(dir).toBe(defaultStateDir("web01", true, {})); // the same on every start: the agent keeps its id
    expect(dir.startsWith(join(tmpdir(), "iisfleet-sim-"))).toBe(true);
    expect(dir.endsWith(join("", "web01"))).toBe(true);
    const root = simulatedStateRoot("alice", "/home/alice/iisfleet/packages/agent/dist/cli.js");
    expect(root).toMatch(/^iisfleet-sim-alice-[0-9a-f]{10}$/);
    expect(simulatedStateRoot("bob", "/home/alice/iisfleet/packages/agent/dist/cli.js")).not.toBe(root);
    expect(simulatedStateRoot("alice", "/home/alice/other-clone/packages/agent/dist/cli.js")).not.toBe(root);
    expect(simulatedStateRoot("DOMAIN\\ann lee", "/x")).toMatch(/^iisfleet-sim-DOMAIN_ann_lee-/); // a safe path component
    expect(parseAgentArgs(["--host", "web01", "--simulate"], { IISFLEET_STATE_DIR: "/srv/s" }).stateDir).toBe(join("/srv/s", "web01"));
  });

  it("takes the NATS URL from IISFLEET_NATS", () => {
    expect(parseAgentArgs(["--host", "a"], { IISFLEET_NATS: "nats://x:1" }).nats).toEqual(["nats://x:1"]);
  });

  it.each([
    [["--host", "web.01"], /--host: "web.01" is not a valid host name/],
    [["--host", "a", "--tag", "novalue"], /--tag: "novalue" is not KEY=VALUE/],
    [["--host", "a", "--nats", "http://x"], /is not a NATS URL/],
    [["--host", "a", "--nats", " , "], /--nats: no URL given/],
    [["--host", "a", "--tag", "k=has space"], /--tag: "k=has space" is not KEY=VALUE/],
    [["--host", "a", "--simulate", "--fault", "meltdown"], /--fault: "meltdown" is not a fault; use one of none, hung-stop/],
    [["--host", "a", "--fault", "hung-stop"], /only applies to a simulated host/],
    [["--host", "a", "--heartbeat", "soon"], /not a duration/],
    [["--host", "a", "--sim-stop-ms=-1"], /--sim-stop-ms: "-1" is not a whole number/],
    [["--host", "a", "--frobnicate"], /Unknown option '--frobnicate'/],
    [["--host", "a", "--sim-site-port", "18000"], /--sim-site-port only applies to a simulated host/],
    [["--host", "a", "--simulate", "--sim-site-port", "0"], /--sim-site-port: 0 is out of range \(1 to 65000\)/],
    [["--host", "a", "stray"], /positional/],
  ])("rejects %j with a sentence", (args, message) => {
    expect(() => parseAgentArgs(args, {})).toThrow(UsageError);
    expect(() => parseAgentArgs(args, {})).toThrow(message);
  });

  it("parses durations", () => {
    expect(parseDurationMs("500ms", "x")).toBe(500);
    expect(parseDurationMs("10s", "x")).toBe(10_000);
    expect(parseDurationMs("2m", "x")).toBe(120_000);
    expect(parseDurationMs("250", "x")).toBe(250);
    expect(() => parseDurationMs("0s", "x")).toThrow(/out of range/);
    // The one grammar (proto): hours and compound spans read the same as everywhere else; the range still holds.
    expect(parseDurationMs("1h", "x")).toBe(3_600_000);
    expect(parseDurationMs("1m30s", "x")).toBe(90_000);
    expect(() => parseDurationMs("2h", "x")).toThrow(/out of range/);
    expect(() => parseDurationMs("soon", "x")).toThrow(/x: "soon" is not a duration/);
  });
});
