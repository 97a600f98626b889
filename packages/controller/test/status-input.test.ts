// Edge validation for fleet status: the API's query parameters (zod) and the CLI's argument parsers.
import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { filterOf, statusQuery, statusQueryInput } from "../src/api/status-schema.js";
import { durationArg, farmArg, hostsArg, tagArg } from "../src/cli/status-options.js";

const parse = (qs: string) => statusQuery.safeParse(statusQueryInput(new URLSearchParams(qs)));

describe("GET /api/v1/status parameters", () => {
  it("defaults to the registry, every host, details (full facts, not table rows), a 2 s deadline", () => {
    const r = parse("");
    expect(r.success && r.data).toEqual({ tag: [], host: [], live: false, timeoutMs: 2000, detail: true, rows: false });
  });

  it("takes repeated tags and hosts, normalises names, and builds the filter", () => {
    const r = parse("farm=Shop&tag=dc=fra&tag=role=api&host=WEB01&host=web02&host=web01&live=1&timeoutMs=500&detail=0");
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data).toMatchObject({ farm: "shop", live: true, timeoutMs: 500, detail: false });
    expect(filterOf(r.data)).toEqual({ farm: "shop", tags: { dc: "fra", role: "api" }, hosts: ["web01", "web02"] });
  });

  it.each([
    ["farm=web.shop", /farm/],
    ["tag=novalue", /"novalue" is not KEY=VALUE/],
    ["host=bad*host", /host/],
    ["live=yes", /use 1, 0, true or false/],
    ["timeoutMs=0", /timeoutMs/],
    ["timeoutMs=60001", /timeoutMs/],
    ["timeoutMs=soon", /timeoutMs/],
    ["tags=dc=fra", /tags/], // a typo must not silently widen the query
  ])("refuses %s with a reason", (qs, reason) => {
    const r = parse(qs);
    expect(r.success).toBe(false);
    if (r.success) return;
    const issue = r.error.issues[0];
    expect(`${issue?.path.join(".")}: ${issue?.message}`).toMatch(reason);
  });
});

describe("iisfleet status arguments", () => {
  it("parses durations: units, bare seconds, range", () => {
    const d = durationArg(60_000);
    expect(d("2s")).toBe(2000);
    expect(d("500ms")).toBe(500);
    expect(d("1m")).toBe(60_000);
    expect(d("3")).toBe(3000);
    expect(d("1.5s")).toBe(1500);
    expect(() => d("2h")).toThrow(InvalidArgumentError);
    expect(() => d("soon")).toThrow(/"soon" is not a duration; use e\.g\. 500ms, 30s, 5m, 1h30m or 7d/);
    expect(() => d("0ms")).toThrow(/out of range: use 1ms to 60s/);
    expect(() => d("61s")).toThrow(/out of range/);
  });

  it("collects tags and hosts, refusing bad ones with the rule", () => {
    expect(tagArg("role=api", tagArg("dc=fra", undefined))).toEqual(["dc=fra", "role=api"]);
    expect(() => tagArg("dc fra", undefined)).toThrow(/is not KEY=VALUE/);
    expect(hostsArg("web03", hostsArg("WEB01,web02", undefined))).toEqual(["web01", "web02", "web03"]);
    expect(() => hostsArg("web_01", undefined)).toThrow(/not a valid host name/);
    expect(farmArg("Shop")).toBe("shop");
    expect(() => farmArg("shop.eu")).toThrow(/not a valid farm name/);
  });
});
