// The reset engine against the simulated Windows host: what IISRESET does, minus its failure modes.
import { describe, expect, it } from "vitest";
import { SvcState } from "../src/host/port.js";
import type { FaultName, SimulatedHost } from "../src/host/simulated/index.js";
import { ResetEngine } from "../src/reset/engine.js";
import type { Operation, ResetLevel } from "../src/reset/types.js";
import { fastSimulatedHosts, resetOptions, targets } from "./engine-support.js";

const sim = fastSimulatedHosts();
const options = resetOptions;

async function state(h: SimulatedHost, name: string): Promise<SvcState> {
  return (await h.queryService(name)).state;
}


describe("restart, level iis (IIS 7+)", () => {
  it("stops the running dependents deepest first, then WAS; starts WAS, W3SVC and the same dependents", async () => {
    const h = sim();
    const report = await new ResetEngine(h, { pollMs: 5 }).run(options());
    expect(report).toMatchObject({ ok: true, code: "OK", message: "Internet services successfully restarted." });
    const stops = targets(report.steps, "stop");
    expect(stops.at(-1)).toBe("WAS");
    expect(stops.indexOf("W3SVC")).toBeLessThan(stops.indexOf("WAS"));
    expect(new Set(stops)).toEqual(new Set(["NetPipeActivator", "NetTcpActivator", "W3SVC", "WAS"]));
    expect(targets(report.steps, "start").slice(0, 2)).toEqual(["WAS", "W3SVC"]);
    for (const name of ["WAS", "W3SVC", "NetTcpActivator", "NetPipeActivator"]) expect(await state(h, name)).toBe(SvcState.Running);
    expect(targets(report.steps, "kill")).toEqual([]);
  });

  it("leaves a dependent that was stopped before the reset stopped", async () => {
    const h = sim();
    expect(await state(h, "NetMsmqActivator")).toBe(SvcState.Stopped);
    const report = await new ResetEngine(h, { pollMs: 5 }).run(options());
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => s.target)).not.toContain("NetMsmqActivator");
    expect(await state(h, "NetMsmqActivator")).toBe(SvcState.Stopped);
  });

  it("does not touch HTTP, or what hangs off it, at level iis", async () => {
    const h = sim();
    const report = await new ResetEngine(h, { pollMs: 5 }).run(options());
    const touched = new Set(report.steps.map((s) => s.target));
    for (const name of ["HTTP", "SSDPSRV", "Spooler"]) expect(touched.has(name)).toBe(false);
  });

  it("records pending states in the host's own log: never STOPPED without STOP_PENDING first", async () => {
    const h = sim();
    await new ResetEngine(h, { pollMs: 5 }).run(options());
    const w3 = h.stateLog.filter((c) => c.service === "W3SVC").map((c) => `${SvcState[c.from]}>${SvcState[c.to]}`);
    expect(w3).toEqual(["Running>StopPending", "StopPending>Stopped", "Stopped>StartPending", "StartPending>Running"]);
  });
});

describe("the level ladder", () => {
  it("http: stops every HTTP dependent (not only IIS) and starts all of them again", async () => {
    const h = sim();
    const report = await new ResetEngine(h, { pollMs: 5 }).run(options({ level: "http" }));
    expect(report.ok).toBe(true);
    const stops = targets(report.steps, "stop");
    expect(stops.at(-1)).toBe("HTTP");
    expect(stops).toEqual(expect.arrayContaining(["W3SVC", "SSDPSRV", "Spooler"]));
    expect(new Set(targets(report.steps, "start"))).toEqual(new Set(stops));
    for (const name of ["HTTP", "W3SVC", "SSDPSRV", "Spooler", "WAS"]) expect(await state(h, name)).toBe(SvcState.Running);
  });

  it("w3svc: restarts W3SVC only", async () => {
    const h = sim();
    const report = await new ResetEngine(h, { pollMs: 5 }).run(options({ level: "w3svc" }));
    expect(report.ok).toBe(true);
    expect(targets(report.steps, "stop")).toEqual(["W3SVC"]);
    expect(targets(report.steps, "start")).toEqual(["W3SVC"]);
  });

  it("recycle: recycles every started pool and gives each a new worker", async () => {
    const h = sim();
    const before = await h.listAppPools();
    const report = await new ResetEngine(h, { pollMs: 5 }).run(options({ level: "recycle" }));
    expect(report.ok).toBe(true);
    expect(targets(report.steps, "recycle").sort()).toEqual(before.filter((p) => p.started).map((p) => p.name).sort());
    const after = await h.listAppPools();
    for (const pool of after) {
      const old = before.find((p) => p.name === pool.name);
      expect(pool.workerPids).not.toEqual(old?.workerPids);
    }
    expect(targets(report.steps, "stop")).toEqual([]);
  });

  it("IIS 6: IISADMIN is the core", async () => {
    const h = sim({ generation: "iis6" });
    const report = await new ResetEngine(h, { pollMs: 5 }).run(options());
    expect(report.ok).toBe(true);
    expect(targets(report.steps, "stop").at(-1)).toBe("IISADMIN");
    expect(targets(report.steps, "start")[0]).toBe("IISADMIN");
    expect(await state(h, "W3SVC")).toBe(SvcState.Running);
  });
});

describe("stop and start (iisreset /STOP, /START)", () => {
  it("stop leaves IIS stopped", async () => {
    const h = sim();
    const report = await new ResetEngine(h, { pollMs: 5 }).run(options({ operation: "stop" }));
    expect(report).toMatchObject({ ok: true, message: "Internet services successfully stopped." });
    expect(targets(report.steps, "start")).toEqual([]);
    expect(await state(h, "W3SVC")).toBe(SvcState.Stopped);
    expect(await state(h, "WAS")).toBe(SvcState.Stopped);
  });

  it("start brings W3SVC (and what it needs) back", async () => {
    const h = sim();
    await new ResetEngine(h, { pollMs: 5 }).run(options({ operation: "stop" }));
    const report = await new ResetEngine(h, { pollMs: 5 }).run(options({ operation: "start" }));
    expect(report.ok).toBe(true);
    expect(await state(h, "W3SVC")).toBe(SvcState.Running);
    expect(await state(h, "WAS")).toBe(SvcState.Running);
  });

  it("start on a running host is a no-op success", async () => {
    const h = sim();
    const report = await new ResetEngine(h, { pollMs: 5 }).run(options({ operation: "start" }));
    expect(report.ok).toBe(true);
    expect(report.steps).toEqual([]);
  });
});

describe("the seed scenario: a stop that hangs, and a process that cannot be opened", () => {
  it("noforce: fails with the reason, kills nothing, and starts again what it had stopped", async () => {
    const h = sim({ fault: "hung-stop-protected" });
    const iisPids = async () =>
      (await h.listProcesses())
        .filter((p) => p.image === "w3wp.exe" || p.services.includes("W3SVC"))
        .map((p) => p.pid)
        .sort();
    const pidsBefore = await iisPids();
    expect(pidsBefore.length).toBeGreaterThanOrEqual(3);
    // A deadline well past the 1 s stall threshold: the verdict is "stuck" (checkpoint frozen), not "slow".
    const report = await new ResetEngine(h, { pollMs: 5 }).run(options({ stopTimeoutMs: 5_000 }));
    expect(report.ok).toBe(false);
    expect(report.code).toBe("STOP_FAILED");
    expect(report.message).toMatch(/^Restart attempt failed\. W3SVC is stuck in STOP_PENDING/);
    expect(report.message).toContain("With noforce no process was killed");
    expect(targets(report.steps, "kill")).toEqual([]);
    // The IIS service host and every worker process are the very same processes.
    expect(await iisPids()).toEqual(pidsBefore);
    const failed = report.steps.find((s) => !s.ok);
    expect(failed).toMatchObject({ action: "stop", target: "W3SVC", toState: SvcState.StopPending, win32: 1053 });
    // The activators it stopped before W3SVC hung were started again; WAS was never stopped.
    expect(await state(h, "NetTcpActivator")).toBe(SvcState.Running);
    expect(await state(h, "WAS")).toBe(SvcState.Running);
  });

  it("a second stop control on the hung service is refused with 1061, as Windows does", async () => {
    const h = sim({ fault: "hung-stop" });
    await new ResetEngine(h, { pollMs: 5 }).run(options({ stopTimeoutMs: 300 }));
    await expect(h.stopService("W3SVC")).rejects.toMatchObject({ win32: 1061 });
  });

  it("force: kills the processes hosting IIS, skips and reports the one that denies access, and succeeds", async () => {
    const h = sim({ fault: "hung-stop-protected" });
    const report = await new ResetEngine(h, { pollMs: 5 }).run(options({ force: true, stopTimeoutMs: 500 }));
    expect(report.message).toBe("Internet services successfully restarted.");
    expect(report.ok).toBe(true);
    const kills = report.steps.filter((s) => s.action === "kill");
    expect(kills.some((k) => k.target.includes("svchost.exe") && k.ok && !k.skipped)).toBe(true);
    const skipped = kills.filter((k) => k.skipped);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ win32: 5, ok: true });
    expect(skipped[0]?.message).toMatch(/Access is denied\. \(Win32 5\)$/);
    expect(await state(h, "W3SVC")).toBe(SvcState.Running);
    expect(await state(h, "NetTcpActivator")).toBe(SvcState.Running);
    // Nothing outside IIS was killed: RPCSS still runs.
    expect(await state(h, "RPCSS")).toBe(SvcState.Running);
  });
});

describe("faults table: operation × level × fault", () => {
  const cases: Array<[Operation, ResetLevel, FaultName, boolean, string]> = [
    ["restart", "iis", "none", false, "OK"],
    ["restart", "iis", "slow-stop", false, "OK"],
    ["restart", "iis", "hung-stop", false, "STOP_FAILED"],
    ["restart", "iis", "hung-stop", true, "OK"],
    ["restart", "iis", "start-failure", false, "START_FAILED"],
    ["restart", "iis", "crash-on-start", false, "START_FAILED"],
    ["restart", "iis", "unkillable-process", false, "OK"],
    ["restart", "http", "hung-stop", false, "STOP_FAILED"],
    ["restart", "w3svc", "start-failure", false, "OK"],
    ["restart", "w3svc", "crash-on-start", false, "START_FAILED"],
    ["stop", "iis", "hung-stop", false, "STOP_FAILED"],
    ["stop", "iis", "none", false, "OK"],
  ];
  it.each(cases)("%s --level %s with %s (force=%s) → %s", async (operation, level, fault, force, code) => {
    const h = sim({ fault });
    const report = await new ResetEngine(h, { pollMs: 5 }).run(
      options({ operation, level, force, stopTimeoutMs: fault === "slow-stop" ? 5_000 : 500, startTimeoutMs: 2_000 }),
    );
    expect(report.code).toBe(code);
    expect(report.ok).toBe(code === "OK");
    if (!force) expect(targets(report.steps, "kill")).toEqual([]);
    if (!report.ok) expect(report.steps.some((s) => !s.ok)).toBe(true);
  });

  it("a start failure names the Win32 error of the service that failed", async () => {
    const h = sim({ fault: "crash-on-start" });
    const report = await new ResetEngine(h, { pollMs: 5 }).run(options());
    const failed = report.steps.find((s) => !s.ok);
    expect(failed).toMatchObject({ action: "start", target: "W3SVC", win32: 1067 });
    expect(report.message).toMatch(/^Start attempt failed\./);
  });
});
