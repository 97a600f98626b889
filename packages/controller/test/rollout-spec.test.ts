import { describe, expect, it } from "vitest";
import { batchSizes, orderHosts, parseAmount, parseBatchSpec, resolveAmount, resolveBudget } from "../src/rollout/spec.js";

describe("batch specs", () => {
  it.each([
    ["2", 10, [2, 2, 2, 2, 2]],
    ["3", 10, [3, 3, 3, 1]],
    ["25%", 10, [2, 2, 2, 2, 2]], // floor(2.5) = 2
    ["30%", 10, [3, 3, 3, 1]],
    ["1%", 10, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]], // floor(0.1) = 0 → at least 1
    ["100%", 7, [7]],
    ["1,2,25%", 20, [1, 2, 5, 5, 5, 2]], // ramp, last step repeats
    ["1,2", 6, [1, 2, 2, 1]],
    ["50", 3, [3]],
  ])("--batch %s over %i hosts → %j", (spec, total, sizes) => {
    expect(batchSizes(total, parseBatchSpec(spec))).toEqual(sizes);
  });

  it("a canary batch comes first; percentages stay relative to the whole target count", () => {
    expect(batchSizes(10, parseBatchSpec("50%"), 1)).toEqual([1, 5, 4]);
    expect(batchSizes(2, parseBatchSpec("1"), 5)).toEqual([2]);
  });

  it("no hosts, no batches", () => {
    expect(batchSizes(0, parseBatchSpec("2"))).toEqual([]);
  });

  // The sentence names neither field nor flag: the API adds "batch: ", the CLI "--batch: " (issue 16, item 4).
  it.each(["", "0", "0%", "101%", "-1", "a", "1,,2", "2.5", "%"])("refuses batch %j with a sentence that names no flag", (spec) => {
    expect(() => parseBatchSpec(spec)).toThrow(/must be|is not a number/);
    expect(() => parseBatchSpec(spec)).not.toThrow(/--batch|batch:/);
  });
});

describe("budgets", () => {
  it("max-unavailable percentages round down but never below one host", () => {
    expect(resolveAmount(parseAmount("10%"), 12)).toBe(1);
    expect(resolveAmount(parseAmount("50%"), 5)).toBe(2);
  });

  it("max-failures may be zero, and its percentage has no minimum", () => {
    expect(resolveBudget(parseAmount("0", { allowZero: true }), 10)).toBe(0);
    expect(resolveBudget(parseAmount("5%", { allowZero: true }), 10)).toBe(0);
    expect(resolveBudget(parseAmount("20%", { allowZero: true }), 10)).toBe(2);
    expect(() => parseAmount("0")).toThrow(/at least 1/);
  });
});

describe("ordering", () => {
  const hosts = ["web03", "web01", "web02", "web05", "web04"].map((name) => ({ name, unhealthy: name === "web04" }));

  it("by name by default", () => {
    expect(orderHosts(hosts, "name")).toEqual(["web01", "web02", "web03", "web04", "web05"]);
  });

  it("unhealthy first, then by name", () => {
    expect(orderHosts(hosts, "unhealthy-first")).toEqual(["web04", "web01", "web02", "web03", "web05"]);
  });

  it("random is reproducible by seed, and different seeds differ", () => {
    const a = orderHosts(hosts, "random", 42);
    expect(orderHosts(hosts, "random", 42)).toEqual(a);
    expect([...a].sort()).toEqual(["web01", "web02", "web03", "web04", "web05"]);
    const others = [1, 2, 3, 4, 5].map((s) => orderHosts(hosts, "random", s).join());
    expect(new Set([a.join(), ...others]).size).toBeGreaterThan(1);
  });
});
