import { describe, expect, it } from "vitest";
import {
  BriefStatusReport,
  MalformedPayloadError,
  StatusReportEncoder,
  decode,
  encode,
  encodeHeartbeatWithFacts,
  encodeHostFacts,
  peekStatusReport,
  v1,
} from "../src/index.js";

const facts: v1.IHostFacts = {
  host: "web01",
  farm: "shop",
  tags: { dc: "fra" },
  services: [{ name: "W3SVC", state: v1.ServiceState.SERVICE_STATE_RUNNING, pid: 1000 }],
  appPools: [{ name: "DefaultAppPool", started: true, workerPids: [2000, 2004] }],
  health: v1.HealthState.HEALTH_STATE_HEALTHY,
};

describe("hot-path encoders produce the bytes protobufjs would", () => {
  it.each([
    ["a typical answer", "req-1", 5_000, 1_795_685_000_000],
    ["zeros (left out, as proto3 does)", "", 0, 0],
    ["large values and a long request id", "r".repeat(300), 2 ** 40, 2 ** 52],
  ])("StatusReportEncoder: %s", (_label, requestId, uptimeMs, sentAtMs) => {
    const encoder = new StatusReportEncoder("0.1.0", "0a1b2c3d-4e5f-6789-abcd-ef0123456789");
    const fast = encoder.encode(requestId, encodeHostFacts(facts), uptimeMs, sentAtMs);
    const reference = encode.statusReport({ requestId, facts, agentVersion: "0.1.0", instanceId: "0a1b2c3d-4e5f-6789-abcd-ef0123456789", uptimeMs, sentAtMs });
    expect(Buffer.from(fast).equals(Buffer.from(reference))).toBe(true);
  });

  it("answers to a stable request: the start time instead of uptime, no request id or send time, one object while unchanged", () => {
    const startedAtMs = 1_795_685_000_000;
    const encoder = new StatusReportEncoder("0.1.0", "i-1");
    const f = encodeHostFacts(facts);
    const full = encoder.encodeStable(f, startedAtMs);
    const reference = encode.statusReport({ facts, agentVersion: "0.1.0", instanceId: "i-1", startedAtMs });
    expect(Buffer.from(full).equals(Buffer.from(reference))).toBe(true);
    expect(encoder.encodeStable(f, startedAtMs)).toBe(full);
    const changed = encodeHostFacts({ ...facts, cordoned: true });
    expect(encoder.encodeStable(changed, startedAtMs)).not.toBe(full);
    expect(decode.statusReport(encoder.encodeStable(changed, startedAtMs)).facts?.cordoned).toBe(true);

    const brief = new BriefStatusReport("web01", "shop", "0.1.0", "i-1");
    const stable = brief.stable(startedAtMs);
    const briefReference = encode.statusReport({ facts: { host: "web01", farm: "shop" }, agentVersion: "0.1.0", instanceId: "i-1", startedAtMs });
    expect(Buffer.from(stable).equals(Buffer.from(briefReference))).toBe(true);
    expect(brief.stable(startedAtMs)).toBe(stable);
    expect(peekStatusReport(stable, "host")).toMatchObject({ host: "web01", requestId: "", uptimeMs: 0, startedAtMs });
    expect(peekStatusReport(full)).toMatchObject({ host: "web01", farm: "shop", startedAtMs, uptimeMs: 0 });
  });

  it("one encoder answers many requests, and many encoders one request", () => {
    const a = new StatusReportEncoder("1", "a");
    const b = new StatusReportEncoder("1", "b");
    const f = encodeHostFacts(facts);
    for (const id of ["q1", "q2", "q1"]) {
      expect(decode.statusReport(a.encode(id, f, 1, 2))).toMatchObject({ requestId: id, instanceId: "a" });
      expect(decode.statusReport(b.encode(id, f, 1, 2))).toMatchObject({ requestId: id, instanceId: "b" });
    }
  });

  it.each([
    ["a typical uptime", 5_000],
    ["uptime zero (left out)", 0],
    ["a large uptime", 2 ** 40],
  ])("BriefStatusReport: %s", (_label, uptimeMs) => {
    const brief = new BriefStatusReport("web01", "shop", "0.1.0", "0a1b2c3d-4e5f-6789-abcd-ef0123456789");
    const reference = encode.statusReport({ facts: { host: "web01", farm: "shop" }, agentVersion: "0.1.0", instanceId: "0a1b2c3d-4e5f-6789-abcd-ef0123456789", uptimeMs });
    // Twice: the kept bytes are not disturbed by an answer.
    for (let i = 0; i < 2; i++) expect(Buffer.from(brief.encode(uptimeMs)).equals(Buffer.from(reference))).toBe(true);
    expect(peekStatusReport(brief.encode(uptimeMs))).toMatchObject({ requestId: "", host: "web01", farm: "shop", instanceId: "0a1b2c3d-4e5f-6789-abcd-ef0123456789", uptimeMs });
  });

  it("encodeHeartbeatWithFacts", () => {
    const hb = { agentVersion: "0.1.0", instanceId: "i", seq: 7, sentAtMs: 1_795_685_000_000, uptimeMs: 9, intervalMs: 10_000, counters: { rejected: 1 } };
    const fast = encodeHeartbeatWithFacts(hb, encodeHostFacts(facts));
    expect(Buffer.from(fast).equals(Buffer.from(encode.heartbeat({ ...hb, facts })))).toBe(true);
  });
});

describe("peekStatusReport", () => {
  it("reads who answered which request, as a full decode would", () => {
    const bytes = encode.statusReport({ requestId: "r", facts, agentVersion: "2.0", instanceId: "i-1", uptimeMs: 77, sentAtMs: 5 });
    const peek = peekStatusReport(bytes);
    expect(peek).toEqual({
      requestId: "r",
      host: "web01",
      farm: "shop",
      instanceId: "i-1",
      agentVersion: "2.0",
      uptimeMs: 77,
      startedAtMs: 0,
      factsStart: expect.any(Number),
      factsEnd: expect.any(Number),
      identityStart: expect.any(Number),
      identityEnd: expect.any(Number),
    });
    // The facts range holds exactly the encoded HostFacts, the identity range facts, version and instance.
    expect(Buffer.from(bytes.subarray(peek.factsStart, peek.factsEnd)).equals(Buffer.from(encodeHostFacts(facts)))).toBe(true);
    const identity = encode.statusReport({ facts, agentVersion: "2.0", instanceId: "i-1" });
    expect(Buffer.from(bytes.subarray(peek.identityStart, peek.identityEnd)).equals(Buffer.from(identity))).toBe(true);
  });

  it("gives no identity range unless facts, version and instance come once each, in that order, back to back", () => {
    const f = (n: number, bytes: Uint8Array) => Uint8Array.from([(n << 3) | 2, bytes.length, ...bytes]);
    const facts = encodeHostFacts({ host: "web01", farm: "shop" });
    const [version, instance] = [new TextEncoder().encode("1.0"), new TextEncoder().encode("i-1")];
    const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
    const uptime = Uint8Array.from([40, 7]);
    const good = cat(f(1, new TextEncoder().encode("r")), f(2, facts), f(3, version), f(4, instance), uptime);
    expect(peekStatusReport(good)).toMatchObject({ identityStart: 3, identityEnd: good.length - 2, instanceId: "i-1", uptimeMs: 7 });
    for (const bad of [
      cat(f(2, facts), f(4, instance), f(3, version)), // out of order
      cat(f(2, facts), f(4, instance)), // no version
      cat(f(2, facts), f(3, version), Uint8Array.from([(99 << 3) | 0, 1]), f(4, instance)), // something between
      cat(f(2, facts), f(3, version), f(4, instance), f(3, version)), // a field again
    ]) {
      expect(peekStatusReport(bad)).toMatchObject({ identityStart: -1, identityEnd: -1, host: "web01" });
    }
  });

  it("with strings 'host' decodes only the request id and the host, and checks only those", () => {
    const bytes = Uint8Array.from(encode.statusReport({ requestId: "r", facts: { host: "web01", farm: "shop" }, agentVersion: "1.0", instanceId: "i-1", uptimeMs: 9 }));
    expect(peekStatusReport(bytes, "host")).toMatchObject({ requestId: "r", host: "web01", farm: "", agentVersion: "", instanceId: "", uptimeMs: 9 });
    bytes[bytes.length - 3] = 0xff; // inside the instance id: no longer UTF-8
    expect(() => peekStatusReport(bytes)).toThrow(MalformedPayloadError);
    expect(peekStatusReport(bytes, "host")).toMatchObject({ host: "web01" });
  });

  it("gives no facts range when there are no facts, or more than one facts field (protobuf merges those)", () => {
    expect(peekStatusReport(encode.statusReport({ requestId: "r" }))).toMatchObject({ factsStart: -1, factsEnd: -1 });
    const once = encode.statusReport({ requestId: "r", facts: { host: "web01" } });
    const twice = Uint8Array.from([...once, ...encode.statusReport({ facts: { farm: "shop" } })]);
    expect(decode.statusReport(twice).facts).toMatchObject({ host: "web01", farm: "shop" });
    expect(peekStatusReport(twice)).toMatchObject({ host: "web01", farm: "shop", factsStart: -1, factsEnd: -1 });
  });

  it("skips fields it does not know (a newer agent)", () => {
    const known = encode.statusReport({ requestId: "r", facts: { host: "web01" } });
    const extra = Uint8Array.from([...known, (99 << 3) | 2, 3, 1, 2, 3, (98 << 3) | 0, 150, 1]);
    expect(peekStatusReport(extra)).toMatchObject({ requestId: "r", host: "web01" });
  });

  it.each([
    ["garbage", new Uint8Array([0xff, 0xff, 0xff, 0xff])],
    ["truncated", encode.statusReport({ requestId: "r", facts }).subarray(0, 12)],
    ["facts longer than the message", Uint8Array.from([18, 50, 10, 1, 97])],
    ["field number 0", Uint8Array.from([2, 0])],
    ["oversized", new Uint8Array(300 * 1024)],
  ])("throws MalformedPayloadError on %s", (_label, bytes) => {
    expect(() => peekStatusReport(bytes)).toThrow(MalformedPayloadError);
  });

  it.each([
    ["an agent version", Uint8Array.from([10, 1, 114, 26, 2, 0xc3, 0x28])],
    ["an instance id", Uint8Array.from([10, 1, 114, 34, 1, 0xff])],
    ["a host name", Uint8Array.from([10, 1, 114, 18, 4, 10, 2, 0xff, 0xfe])],
    ["a farm name", Uint8Array.from([10, 1, 114, 18, 3, 18, 1, 0x80])],
  ])("refuses %s that is not UTF-8, as the full decoder does", (_label, bytes) => {
    expect(() => decode.statusReport(bytes)).toThrow(MalformedPayloadError);
    expect(() => peekStatusReport(bytes)).toThrow(MalformedPayloadError);
  });
});
