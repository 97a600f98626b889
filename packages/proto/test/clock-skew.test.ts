// The allowed clock skew between a controller and its agents: 60 s, or what IISFLEET_CLOCK_SKEW says (the e2e tests
// shorten it so that a write-off, which waits out the skew, takes seconds).
import { describe, expect, it } from "vitest";
import { COMMAND_CLOCK_SKEW_MS, ClockSkewError, clockSkewMs } from "../src/signing.js";

describe("IISFLEET_CLOCK_SKEW", () => {
  it("is 60 s when unset or empty, and in this test process", () => {
    expect(clockSkewMs(undefined)).toBe(60_000);
    expect(clockSkewMs(" ")).toBe(60_000);
    expect(COMMAND_CLOCK_SKEW_MS).toBe(clockSkewMs(process.env.IISFLEET_CLOCK_SKEW));
  });

  it("reads a duration from 1 s to 10 min", () => {
    expect(clockSkewMs("10s")).toBe(10_000);
    expect(clockSkewMs("1s")).toBe(1_000);
    expect(clockSkewMs("10m")).toBe(600_000);
  });

  it("refuses anything else with a code and a sentence naming the variable", () => {
    for (const bad of ["10", "soon", "999ms", "11m", "-5s"]) {
      expect(() => clockSkewMs(bad), bad).toThrow(ClockSkewError);
      expect(() => clockSkewMs(bad), bad).toThrow(/^IISFLEET_CLOCK_SKEW="/);
    }
    expect(new ClockSkewError("x").code).toBe("INVALID_CLOCK_SKEW");
  });
});
