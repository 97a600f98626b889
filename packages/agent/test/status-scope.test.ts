import { describe, expect, it } from "vitest";
import { inStatusScope, statusScopeTest } from "../src/transport/status-filter.js";

const self = { host: "web01", farm: "shop", tags: { dc: "fra", role: "api" } };

describe("which fleet status requests an agent answers", () => {
  it.each([
    [{}, true],
    [{ farm: "shop" }, true],
    [{ farm: "SHOP" }, true],
    [{ farm: "api" }, false],
    [{ tags: { dc: "fra" } }, true],
    [{ tags: { dc: "fra", role: "api" } }, true],
    [{ tags: { dc: "ams" } }, false],
    [{ tags: { zone: "a" } }, false],
    [{ hosts: ["web02", "WEB01"] }, true],
    [{ hosts: ["web02"] }, false],
    [{ farm: "shop", tags: { dc: "fra" }, hosts: ["web01"] }, true],
    [{ farm: "shop", tags: { dc: "fra" }, hosts: ["web02"] }, false],
    [{ farm: "", tags: {}, hosts: [] }, true],
  ])("%j -> %s", (req, expected) => {
    expect(inStatusScope(req, self)).toBe(expected);
  });
});

describe("a request's scope test, made once and asked by many agents", () => {
  it("gives every agent the answer inStatusScope gives", () => {
    const test = statusScopeTest({ farm: "SHOP", hosts: ["WEB01", "web03"], tags: { dc: "fra" } });
    expect(test(self)).toBe(true);
    expect(test({ ...self, host: "web02" })).toBe(false);
    expect(test({ ...self, host: "web03", tags: { dc: "ams" } })).toBe(false);
    expect(test({ ...self, farm: "api" })).toBe(false);
  });
});
