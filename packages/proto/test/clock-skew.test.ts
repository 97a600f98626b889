// The allowed clock skew between a controller and its agents: 60 s, or what IISFLEET_CLOCK_SKEW says (the e2e tests
// shorten it so that a write-off, which waits out the skew, takes seconds).
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
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

describe("a bad IISFLEET_CLOCK_SKEW at process start", () => {
  const root = fileURLToPath(new URL("../../../", import.meta.url));
  const run = (entry: string, args: string[]) =>
    spawnSync(process.execPath, [join(root, entry), ...args], { env: { ...process.env, IISFLEET_CLOCK_SKEW: "soon" }, encoding: "utf8", timeout: 120_000 });

  it("the agent refuses to start with one sentence and exit 2, no stack trace", () => {
    const r = run("packages/agent/dist/cli.js", ["--host", "web01", "--simulate", "--nats", "nats://127.0.0.1:1"]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('iisfleet-agent: IISFLEET_CLOCK_SKEW="soon" is not a duration; use e.g. 60s or 2m.');
  });

  it("the controller refuses to start with one sentence and a non-zero exit, no stack trace", () => {
    const r = run("packages/controller/dist/cli/main.js", ["controller", "--db", join(tmpdir(), "never-opened.db"), "--nats", "nats://127.0.0.1:1"]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('IISFLEET_CLOCK_SKEW="soon" is not a duration');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
