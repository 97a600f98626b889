// The stuck-versus-slow verdict, with a scripted service and an injected clock: no real time passes.
import { describe, expect, it } from "vitest";
import { type Clock, type HostPort, type ServiceInfo, SvcState } from "../src/host/port.js";
import { waitForState } from "../src/reset/wait-for-state.js";

function scripted(frames: Array<Partial<ServiceInfo>>): { host: HostPort; clock: Clock } {
  let t = 0;
  let i = 0;
  const clock: Clock = { now: () => t, sleep: async (ms) => void (t += ms) };
  const base: ServiceInfo = { name: "W3SVC", displayName: "W3SVC", state: SvcState.StopPending, dependsOn: [], checkpoint: 0, waitHintMs: 100, pid: 1, acceptsStop: false };
  const host = {
    queryService: async () => ({ ...base, ...frames[Math.min(i++, frames.length - 1)] }),
  } as unknown as HostPort;
  return { host, clock };
}

describe("waitForState", () => {
  it("a checkpoint frozen longer than the wait hint and the minimum stall is stuck (1053)", async () => {
    const { host, clock } = scripted([{ checkpoint: 1 }]);
    const r = await waitForState(host, clock, "W3SVC", SvcState.Stopped, { deadlineAtMs: 60_000, pollMs: 100, minStallMs: 1_000 });
    expect(r).toMatchObject({ reached: false, reason: "stuck", win32: 1053 });
    expect(clock.now()).toBeGreaterThanOrEqual(1_000);
    expect(clock.now()).toBeLessThan(2_000);
  });

  it("a slow stop whose checkpoint keeps advancing is not stuck", async () => {
    const frames = Array.from({ length: 50 }, (_, k) => ({ checkpoint: k }));
    const { host, clock } = scripted([...frames, { state: SvcState.Stopped }]);
    const r = await waitForState(host, clock, "W3SVC", SvcState.Stopped, { deadlineAtMs: 60_000, pollMs: 100, minStallMs: 1_000 });
    expect(r.reached).toBe(true);
  });

  it("a short stall (a loaded host missing a checkpoint) is not called stuck", async () => {
    const { host, clock } = scripted([{ checkpoint: 1 }, { checkpoint: 1 }, { checkpoint: 1 }, { checkpoint: 2 }, { state: SvcState.Stopped }]);
    const r = await waitForState(host, clock, "W3SVC", SvcState.Stopped, { deadlineAtMs: 60_000, pollMs: 200, minStallMs: 1_000 });
    expect(r.reached).toBe(true);
  });

  it("the deadline wins when it comes first", async () => {
    const frames = Array.from({ length: 1000 }, (_, k) => ({ checkpoint: k }));
    const { host, clock } = scripted(frames);
    const r = await waitForState(host, clock, "W3SVC", SvcState.Stopped, { deadlineAtMs: 500, pollMs: 100, minStallMs: 1_000 });
    expect(r).toMatchObject({ reached: false, reason: "deadline", win32: 1053 });
  });

  it("a start that settles STOPPED reports the service's own exit code", async () => {
    const { host, clock } = scripted([{ state: SvcState.StartPending }, { state: SvcState.Stopped, win32ExitCode: 1067 }]);
    const r = await waitForState(host, clock, "W3SVC", SvcState.Running, { deadlineAtMs: 60_000, pollMs: 100, minStallMs: 1_000 });
    expect(r).toMatchObject({ reached: false, reason: "settled-elsewhere", win32: 1067 });
  });
});
