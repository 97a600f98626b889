// What the engine test files share: fast simulated hosts disposed after each test, and reset options.
import { afterAll, afterEach } from "vitest";
import { SimulatedHost, type SimulatedHostOptions } from "../src/host/simulated/index.js";
import type { ResetOptions, StepRecord } from "../src/reset/types.js";

/**
 * A factory of simulated hosts with 20 ms transitions, each disposed after its test — or, with `disposeAfter: "all"`,
 * after the file's last test: where tests run concurrently, one test's end must not dispose another's hosts.
 */
export function fastSimulatedHosts(o: { disposeAfter?: "each" | "all" } = {}): (opts?: SimulatedHostOptions) => SimulatedHost {
  const hosts: SimulatedHost[] = [];
  (o.disposeAfter === "all" ? afterAll : afterEach)(() => {
    for (const h of hosts.splice(0)) h.dispose();
  });
  return (opts = {}) => {
    const h = new SimulatedHost({ stopMs: 20, startMs: 20, ...opts });
    hosts.push(h);
    return h;
  };
}

export function resetOptions(o: Partial<ResetOptions> = {}): ResetOptions {
  return { operation: "restart", level: "iis", force: false, stopTimeoutMs: 2_000, startTimeoutMs: 5_000, ...o };
}

export const targets = (steps: StepRecord[], action: string) => steps.filter((s) => s.action === action).map((s) => s.target);
