// Live status queries without NATS: replies are fed to the collector as bytes, the way the gatherer would.
import { BriefStatusReport, type IHostFacts, StatusReportEncoder, encode, encodeHostFacts, v1 } from "@iisfleet/proto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StreamedJson } from "../src/api/json-stream.js";
import { AnswerJsonCache } from "../src/fleet/answer-json-cache.js";
import { JsonBytes } from "../src/json-bytes.js";
import { type Gather, StatusCollector, runLiveQuery } from "../src/fleet/live-query.js";
import { FleetRegistry } from "../src/fleet/registry.js";
import type { GatherOutcome } from "../src/nats/status-gather.js";
import { Store } from "../src/store/index.js";

let now = 5_000_000;
const clock = { now: () => now };
let store: Store;
let registry: FleetRegistry;

function facts(host: string, farm = "shop"): IHostFacts {
  return {
    host,
    farm,
    adapter: "simulated",
    services: [
      { name: "W3SVC", state: v1.ServiceState.SERVICE_STATE_RUNNING, pid: 1000 },
      { name: "WAS", state: v1.ServiceState.SERVICE_STATE_STOP_PENDING, pid: 1004 },
    ],
    appPools: [{ name: "ShopAppPool", started: true, workerPids: [2000] }],
    cordoned: host === "web02",
    cordonReason: host === "web02" ? "patching" : "",
  };
}

function register(host: string, farm = "shop", instanceId = `i-${host}`) {
  registry.recordHeartbeat(v1.Heartbeat.create({ facts: facts(host, farm), instanceId, intervalMs: 1_000, agentVersion: "1.0" }), host);
}

const report = (requestId: string, host: string, instanceId = `i-${host}`, farm = "shop") =>
  encode.statusReport({ requestId, facts: facts(host, farm), instanceId, agentVersion: "1.0", uptimeMs: 42, sentAtMs: now });

/** A gatherer that answers from a script: what each "agent" replies, given the request. */
function scripted(replies: (requestId: string, farm: string) => Uint8Array[], end: Partial<GatherOutcome> = {}): Gather {
  return async (request, _timeoutMs, onReply) => {
    const req = v1.StatusRequest.decode(request);
    let done = false;
    let count = 0;
    for (const r of replies(req.requestId, req.farm)) {
      count++;
      if (onReply(r)) {
        done = true;
        break;
      }
    }
    return { end: done ? "complete" : "deadline", replies: count, connectedAtStart: true, interrupted: false, ...end };
  };
}

beforeEach(() => {
  store = Store.open(":memory:");
  registry = new FleetRegistry(store, clock);
  for (const h of ["web01", "web02", "web03"]) register(h);
  register("api01", "api");
});
afterEach(() => {
  registry.close();
  store.close();
});

describe("StatusCollector", () => {
  it("says done once every expected host answered, not before", () => {
    const c = new StatusCollector("r", new Set(["web01", "web02"]), () => 7);
    expect(c.add(report("r", "web01"))).toBe(false);
    expect(c.add(report("r", "ghost01"))).toBe(false); // unexpected hosts do not count
    expect(c.add(report("r", "web01"))).toBe(false); // nor does a repeat
    expect(c.add(report("r", "web02"))).toBe(true);
    expect([...c.replies.keys()]).toEqual(["web01", "ghost01", "web02"]);
    expect(c.replies.get("web01")?.replyMs).toBe(7);
  });

  it.each([
    ["garbage", new Uint8Array([0xff, 0xff, 0xff])],
    ["a truncated report", report("r", "web01").subarray(0, 20)],
    ["an answer to another request", report("other", "web01")],
    ["a host name that is not a DNS label", report("r", "web.01")],
    ["a report without facts", encode.statusReport({ requestId: "r", instanceId: "x" })],
  ])("counts %s as malformed and ignores it", (_label, bytes) => {
    for (const detail of [true, false]) {
      const c = new StatusCollector("r", new Set(["web01"]), () => 0, detail);
      expect(c.add(bytes)).toBe(false);
      expect(c.malformed).toBe(1);
      expect(c.replies.size).toBe(0);
    }
  });

  it("a reply whose facts are garbled is malformed when details are asked for", () => {
    const good = report("r", "web01");
    const bad = Uint8Array.from(good);
    bad[bad.length - 1] = 0xff; // the last varint now runs off the end
    const c = new StatusCollector("r", new Set(["web01"]), () => 0, true);
    c.add(bad);
    expect(c.malformed).toBe(1);
  });

  it("takes a brief answer without a request id (it came to this question's own inbox) only when it asked briefly", () => {
    const idless = new BriefStatusReport("web01", "shop", "1.0", "i-web01").encode(42);
    const brief = new StatusCollector("r", new Set(["web01"]), () => 3, false);
    expect(brief.add(idless)).toBe(true);
    expect(brief.replies.get("web01")).toMatchObject({ host: "web01", farm: "shop", instanceIds: ["i-web01"], agentVersion: "1.0", uptimeMs: 42, replyMs: 3 });
    // A question with details expects them, and the request id with them.
    const detailed = new StatusCollector("r", new Set(["web01"]), () => 3, true);
    expect(detailed.add(idless)).toBe(false);
    expect(detailed.malformed).toBe(1);
    // A brief answer that does name a request must name this one.
    const other = new StatusCollector("r", new Set(["web01"]), () => 3, false);
    other.add(report("other", "web01"));
    expect(other.malformed).toBe(1);
  });

  it("with the JSON head cache, a summary reads farm, version and instance from known bytes, and anew when they change", () => {
    const heads = new AnswerJsonCache();
    const collect = (...replies: Uint8Array[]) => {
      const c = new StatusCollector("r", new Set(["web01", "web02"]), () => 1, false, undefined, heads);
      for (const r of replies) c.add(r);
      return c;
    };
    const brief = (host: string, id: string, version = "1.0", farm = "shop") => new BriefStatusReport(host, farm, version, id).encode(5);
    expect(collect(brief("web01", "a")).replies.get("web01")).toMatchObject({ farm: "shop", instanceIds: ["a"], agentVersion: "1.0" });
    expect(collect(brief("web01", "a")).replies.get("web01")).toMatchObject({ farm: "shop", instanceIds: ["a"], agentVersion: "1.0" });
    expect(collect(brief("web01", "b")).replies.get("web01")).toMatchObject({ instanceIds: ["b"] }); // a restart
    expect(collect(brief("web01", "b", "1.1")).replies.get("web01")).toMatchObject({ agentVersion: "1.1" }); // an upgrade
    expect(collect(brief("web01", "b", "1.1", "api")).replies.get("web01")).toMatchObject({ farm: "api" });
    // Two instances in one query: both known, both kept.
    expect(collect(brief("web01", "a"), brief("web01", "b", "1.1", "api")).replies.get("web01")?.instanceIds).toEqual(["a", "b"]);
    // Bytes that differ from the known ones are checked in full: an instance id that is not UTF-8 is malformed.
    const garbled = Uint8Array.from(brief("web02", "c"));
    expect(collect(garbled).replies.get("web02")).toMatchObject({ instanceIds: ["c"] });
    garbled[garbled.length - 3] = 0xff;
    const c = collect(garbled);
    expect(c.malformed).toBe(1);
    expect(c.replies.size).toBe(0);
  });

  it("keeps every instance id that answered for one name", () => {
    const c = new StatusCollector("r", new Set(["web01"]), () => 0);
    c.add(report("r", "web01", "a"));
    c.add(report("r", "web01", "b"));
    c.add(report("r", "web01", "b"));
    expect(c.replies.get("web01")?.instanceIds).toEqual(["a", "b"]);
  });
});

describe("runLiveQuery", () => {
  it("sorts replies into answered, silent and unknown, with a summary", async () => {
    const gather = scripted((id) => [report(id, "web01"), report(id, "ghost01"), report(id, "web02"), new Uint8Array([1, 2, 3])]);
    const a = await runLiveQuery(registry, gather, { farm: "shop", tags: {}, hosts: [] }, { timeoutMs: 500, detail: true });
    expect(a.summary).toEqual({ expected: 3, answered: 2, silent: 1, unknown: 1, duplicates: 0, malformed: 1 });
    expect(a.answered.map((h) => h.host)).toEqual(["web01", "web02"]);
    expect(a.silent).toEqual([{ host: "web03", farm: "shop", liveness: "online", lastSeenMs: now, ageMs: 0 }]);
    expect(a.unknown.map((h) => h.host)).toEqual(["ghost01"]);
    expect(a.complete).toBe(false);
    expect(a.scope).toBe("farm shop");
    expect(a.warnings).toEqual(["1 malformed reply was counted and ignored."]);
    // Details come out when the answer is serialized (they are decoded only then).
    const json = JSON.parse(JSON.stringify(a)) as typeof a;
    expect(json.answered[1]).toMatchObject({
      host: "web02",
      farm: "shop",
      instanceIds: ["i-web02"],
      duplicate: false,
      cordoned: true,
      cordonReason: "patching",
      services: [
        { name: "W3SVC", state: "RUNNING", pid: 1000 },
        { name: "WAS", state: "STOP_PENDING", pid: 1004 },
      ],
      appPools: [{ name: "ShopAppPool", started: true, workerPids: [2000] }],
    });
  });

  it("asks for brief answers (host and farm) unless details are wanted, and takes full ones from older agents", async () => {
    for (const detail of [false, true]) {
      let brief: boolean | undefined;
      const gather: Gather = async (request, t, onReply) => {
        brief = v1.StatusRequest.decode(request).brief;
        return scripted((id) => [report(id, "web01")])(request, t, onReply); // an agent that sends all its facts
      };
      const a = await runLiveQuery(registry, gather, { tags: {}, hosts: ["web01"] }, { timeoutMs: 10, detail });
      expect(brief).toBe(!detail);
      expect(a.summary.answered).toBe(1);
    }
    const briefOnly = scripted((id) => [encode.statusReport({ requestId: id, facts: { host: "web01", farm: "shop" }, instanceId: "i-web01", agentVersion: "1.0" })]);
    const a = await runLiveQuery(registry, briefOnly, { tags: {}, hosts: ["web01"] }, { timeoutMs: 10, detail: false });
    expect(JSON.parse(JSON.stringify(a.answered))).toEqual([
      { host: "web01", farm: "shop", instanceIds: ["i-web01"], duplicate: false, agentVersion: "1.0", uptimeMs: 0, replyMs: expect.any(Number) },
    ]);
  });

  it("asks stably, and takes id-less answers with the agent's start time, summary or detailed, reckoning uptime itself", async () => {
    const started = now - 7_000;
    for (const detail of [false, true]) {
      let stable: boolean | undefined;
      const gather: Gather = async (request, t, onReply) => {
        stable = v1.StatusRequest.decode(request).stable;
        return scripted(() =>
          ["web01", "web02", "web03"].map((h) =>
            detail ? new StatusReportEncoder("1.0", `i-${h}`).encodeStable(encodeHostFacts(facts(h)), started) : new BriefStatusReport(h, "shop", "1.0", `i-${h}`).stable(started),
          ),
        )(request, t, onReply);
      };
      const a = await runLiveQuery(registry, gather, { farm: "shop", tags: {}, hosts: [] }, { timeoutMs: 500, detail });
      expect(stable).toBe(true);
      expect(a.summary).toMatchObject({ expected: 3, answered: 3, silent: 0, malformed: 0 });
      expect(a.nats.end).toBe("complete");
      for (const h of a.answered) {
        expect(h.uptimeMs).toBeGreaterThanOrEqual(7_000);
        expect(h.uptimeMs).toBeLessThan(7_000 + 10_000);
      }
      if (detail) expect(JSON.parse(JSON.stringify(a.answered[1]))).toMatchObject({ host: "web02", cordoned: true, cordonReason: "patching" });
    }
  });

  it("ends as soon as the last expected host answered", async () => {
    let offered = 0;
    const gather = scripted((id) => ["web01", "web02", "web03", "late01"].map((h) => (offered++, report(id, h))));
    const a = await runLiveQuery(registry, gather, { farm: "shop", tags: {}, hosts: [] }, { timeoutMs: 500, detail: false });
    expect(a.complete).toBe(true);
    expect(a.nats.end).toBe("complete");
    expect(offered).toBe(4); // the script offered all four...
    expect(a.summary.unknown).toBe(0); // ...but the gather stopped after web03
    expect(JSON.parse(JSON.stringify(a.answered[0]))).toEqual({
      host: "web01",
      farm: "shop",
      instanceIds: ["i-web01"],
      duplicate: false,
      agentVersion: "1.0",
      uptimeMs: 42,
      replyMs: expect.any(Number),
    });
  });

  it("reports a name answered by two agent instances as a duplicate, with a warning", async () => {
    const gather = scripted((id) => [report(id, "web01", "a"), report(id, "web01", "b"), report(id, "web02")]);
    const a = await runLiveQuery(registry, gather, { tags: {}, hosts: ["web01", "web02"] }, { timeoutMs: 500, detail: false });
    expect(a.answered).toHaveLength(2);
    expect(a.answered[0]).toMatchObject({ host: "web01", duplicate: true, instanceIds: ["a", "b"] });
    expect(a.summary.duplicates).toBe(1);
    expect(a.warnings.join(" ")).toMatch(/web01 is claimed by 2 agent instances \(a, b\)/);
  });

  it("a duplicate the registry knows of is reported even when only one instance answered in time", async () => {
    // The query stops at the last expected reply, so a second instance may not get a word in; its heartbeats did.
    for (const id of ["a", "b", "a"]) {
      now += 100;
      register("web01", "shop", id);
    }
    const a = await runLiveQuery(registry, scripted((id) => [report(id, "web01", "a")]), { tags: {}, hosts: ["web01"] }, { timeoutMs: 500, detail: false });
    expect(a.answered[0]).toMatchObject({ host: "web01", duplicate: true });
    expect(a.answered[0]?.instanceIds).toEqual(expect.arrayContaining(["a", "b"]));
  });

  it("a registered host outside the filter that answers anyway keeps its duplicate claimants", async () => {
    for (const id of ["x", "y", "x"]) {
      now += 100;
      register("api01", "api", id);
    }
    const a = await runLiveQuery(registry, scripted((id) => [report(id, "api01", "x", "api")]), { farm: "shop", tags: {}, hosts: [] }, { timeoutMs: 10, detail: false });
    expect(a.answered.map((h) => h.host)).toEqual(["api01"]);
    expect(a.answered[0]).toMatchObject({ duplicate: true });
    expect(a.answered[0]?.instanceIds).toEqual(expect.arrayContaining(["x", "y"]));
  });

  it("says plainly when NATS dropped during the query, or when nobody listens at all", async () => {
    const dropped = await runLiveQuery(registry, scripted(() => [], { interrupted: true }), { farm: "shop", tags: {}, hosts: [] }, { timeoutMs: 10, detail: false });
    expect(dropped.summary.silent).toBe(3);
    expect(dropped.nats.interrupted).toBe(true);
    expect(dropped.warnings[0]).toMatch(/NATS connection dropped during the query: this answer is partial/);

    const down = await runLiveQuery(registry, scripted(() => [], { interrupted: true, connectedAtStart: false }), { tags: {}, hosts: [] }, { timeoutMs: 10, detail: false });
    expect(down.warnings[0]).toMatch(/was not connected to NATS when the query started/);

    const nobody = await runLiveQuery(registry, scripted(() => [], { end: "no-responders" }), { tags: {}, hosts: [] }, { timeoutMs: 10, detail: false });
    expect(nobody.warnings[0]).toMatch(/No agent at all is subscribed/);

    const broken = await runLiveQuery(registry, scripted(() => [], { end: "error", error: "Permissions Violation" }), { tags: {}, hosts: [] }, { timeoutMs: 10, detail: false });
    expect(broken.warnings).toContain("Gathering stopped early (Permissions Violation): this answer is partial.");
  });

  it("does not expect the old name of a renamed host, unless asked for it by name", async () => {
    registry.recordHeartbeat(v1.Heartbeat.create({ facts: facts("web09"), instanceId: "i-web03", intervalMs: 1_000 }), "web09");
    const all = await runLiveQuery(registry, scripted(() => []), { farm: "shop", tags: {}, hosts: [] }, { timeoutMs: 10, detail: false });
    expect(all.silent.map((h) => h.host)).toEqual(["web01", "web02", "web09"]);
    const named = await runLiveQuery(registry, scripted(() => []), { tags: {}, hosts: ["web03"] }, { timeoutMs: 10, detail: false });
    expect(named.silent.map((h) => h.host)).toEqual(["web03"]);
  });

  it("streams to exactly the JSON JSON.stringify gives", async () => {
    const gather = scripted((id) => [report(id, "web01"), report(id, "ghost01")]);
    const a = await runLiveQuery(registry, gather, { tags: {}, hosts: [] }, { timeoutMs: 10, detail: true });
    const streamed = [...new StreamedJson(a, ["answered", "silent", "unknown"]).pieces()].join("");
    expect(streamed).toBe(JSON.stringify(a));
    expect(JSON.parse(streamed)).toMatchObject({ mode: "live", summary: { answered: 1, unknown: 1, silent: 3 } });
  });
});

describe("StreamedJson", () => {
  it.each([
    [{ a: 1, list: [1, { b: "x" }, null], other: [1, 2], skip: undefined, s: "q\"uote" }],
    [{ list: [] }],
    [{}],
  ])("writes the same text as JSON.stringify for %j", (value) => {
    expect([...new StreamedJson(value, ["list"]).pieces()].join("")).toBe(JSON.stringify(value));
    for (const size of [1, 8, 64 * 1024]) {
      expect(Buffer.concat([...new StreamedJson(value, ["list"]).chunks(size)]).toString("utf8")).toBe(JSON.stringify(value));
    }
  });
});

describe("JsonBytes", () => {
  it("writes numbers as JSON.stringify does, whole ones without a string", () => {
    const values = [0, -0, 7, 9, 10, 99, 100, 1_795_685_000_000, 2 ** 53 - 1, 2 ** 53, -1, 1.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY];
    const out = new JsonBytes(4); // tiny, so it has to grow
    for (const n of values) {
      out.number(n);
      out.text(",");
    }
    out.text("ünï");
    out.byte(0x7d);
    expect(out.take().toString("utf8")).toBe(`${values.map((n) => JSON.stringify(n)).join(",")},ünï}`);
    expect(out.length).toBe(0);
  });
});
