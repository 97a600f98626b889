import { describe, expect, it } from "vitest";
import { UsageError } from "../src/options.js";
import { SIMULATE_USAGE, parseSimulateArgs, simulatedHostName } from "../src/simulate/options.js";

describe("iisfleet-agent simulate command line", () => {
  it("parses a full command line", () => {
    const o = parseSimulateArgs(
      ["--count", "200", "--farm", "Shop", "--prefix", "Web", "--first", "1001", "--tag", "dc=fra", "--connections", "2", "--nats", "nats://a:4222,nats://b:4222", "--heartbeat", "2s", "--jitter", "20%", "--sim-iis", "6", "--sim-stop-ms", "10", "--sim-call-ms", "25", "--fault", "hung-stop"],
      {},
    );
    expect(o).toMatchObject({
      count: 200,
      farm: "shop",
      prefix: "web",
      first: 1001,
      tags: { dc: "fra" },
      connections: 2,
      nats: ["nats://a:4222", "nats://b:4222"],
      heartbeatMs: 2000,
      jitter: 0.2,
      sim: { generation: "iis6", stopMs: 10, startMs: 300, callMs: 25, iis6Compat: false, fault: "hung-stop" },
      help: false,
    });
  });

  it("per-host faults, HTTP sites and probe rounds, as a lone simulated agent takes them", () => {
    const o = parseSimulateArgs(["--count", "4", "--farm", "f", "--prefix", "hung", "--fault-on", "HUNG02=hung-stop", "--fault-on", "hung04=flapping-health", "--sim-sites", "--probe-attempts", "20", "--probe-interval", "50ms", "--probe-timeout", "2s"], {});
    expect(o).toMatchObject({ faultOn: { hung02: "hung-stop", hung04: "flapping-health" }, sites: true, probe: { attempts: 20, intervalMs: 50, timeoutMs: 2000 }, sim: { fault: "none" } });
    expect(parseSimulateArgs(["--count", "2", "--farm", "f"], {})).toMatchObject({ faultOn: {}, sites: false, probe: { attempts: 10, intervalMs: 1000, timeoutMs: 5000 } });
  });

  it("has defaults: 4 connections (at most one per agent), 10 s heartbeats, IISFLEET_NATS", () => {
    const o = parseSimulateArgs(["--count", "10", "--farm", "f"], { IISFLEET_NATS: "nats://x:1" });
    expect(o).toMatchObject({ connections: 4, heartbeatMs: 10_000, jitter: 0.1, nats: ["nats://x:1"], prefix: "web", first: 1 });
    expect(parseSimulateArgs(["--count", "2", "--farm", "f"], {}).connections).toBe(2);
  });

  it("names hosts with the index padded to the widest one", () => {
    expect(simulatedHostName("web", 7, 200)).toBe("web007");
    expect(simulatedHostName("web", 3, 9)).toBe("web03");
    expect(simulatedHostName("web", 10_000, 10_000)).toBe("web10000");
  });

  it("prints help without requiring anything else", () => {
    expect(parseSimulateArgs(["--help"], {}).help).toBe(true);
    expect(SIMULATE_USAGE).toMatch(/--count N/);
  });

  it.each([
    [[], /--count is required/],
    [["--count", "10"], /--farm is required/],
    [["--count", "0", "--farm", "f"], /--count: 0 is out of range \(1 to 100000\)/],
    [["--count", "ten", "--farm", "f"], /--count: "ten" is not a whole number/],
    [["--count", "10", "--farm", "my.farm"], /--farm: "my.farm" is not a valid farm name/],
    [["--count", "10", "--farm", "f", "--prefix", "web_"], /--prefix: "web_" makes host names like "web_01", which are not valid/],
    [["--count", "10", "--farm", "f", "--prefix", "x".repeat(62)], /--prefix: .* at most 61 characters/],
    [["--count", "3", "--farm", "f", "--connections", "4"], /--connections: 4 is more than --count 3/],
    [["--count", "10", "--farm", "f", "--connections", "65"], /--connections: 65 is out of range/],
    [["--count", "10", "--farm", "f", "--tag", "novalue"], /--tag: "novalue" is not KEY=VALUE/],
    [["--count", "10", "--farm", "f", "--nats", "http://x"], /--nats: "http:\/\/x" is not a NATS URL/],
    [["--count", "10", "--farm", "f", "--heartbeat", "soon"], /--heartbeat: "soon" is not a duration/],
    [["--count", "10", "--farm", "f", "--jitter", "60"], /--jitter: 60 is out of range \(0 to 50\)/],
    [["--count", "10", "--farm", "f", "--fault", "meltdown"], /--fault: "meltdown" is not a fault/],
    [["--count", "10", "--farm", "f", "--fault-on", "web02"], /--fault-on: "web02" must be HOST=FAULT, e.g. web01=hung-stop/],
    [["--count", "10", "--farm", "f", "--fault-on", "web02=meltdown"], /--fault-on: "meltdown" is not a fault/],
    [["--count", "10", "--farm", "f", "--fault-on", "web11=hung-stop"], /--fault-on: web11 is not one of the simulated hosts \(web01\.\.web10\)/],
    [["--count", "10", "--farm", "f", "--fault-on", "web2=hung-stop"], /--fault-on: web2 is not one of the simulated hosts/],
    [["--count", "10", "--farm", "f", "--probe-attempts", "0"], /--probe-attempts: 0 is out of range/],
    [["--count", "10", "--farm", "f", "--sim-iis", "8"], /--sim-iis: "8" must be 6 or 7/],
    [["--count", "10", "--farm", "f", "--host", "web01"], /Unknown option '--host'/],
    [["--count", "10", "--farm", "f", "stray"], /positional/],
  ])("rejects %j with a sentence", (args, message) => {
    expect(() => parseSimulateArgs(args, {})).toThrow(UsageError);
    expect(() => parseSimulateArgs(args, {})).toThrow(message);
  });
});
