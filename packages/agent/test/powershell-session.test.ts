// The long-lived PowerShell session, against a real child process: test/fixtures/fake-powershell.mjs speaks the
// stdin protocol as the bootstrap loop does on Windows. What is checked is what Windows cannot show us here: one
// process for many calls, framing that survives stray output, and recovery from timeouts, crashes and garbage.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../../../test/support/wait.js";
import { ResetEngine } from "../src/reset/engine.js";
import { SimulatedHost } from "../src/host/simulated/index.js";
import { Win32Error } from "../src/host/port.js";
import {
  PowerShellSession,
  PowerShellError,
  type ScriptAnswer,
  type SessionSpawnFn,
  WindowsHost,
  answerFromHost,
  createPowerShellRunner,
  fakePerCallSpawn,
  fakeSessionSpawn,
  newSpawnCounts,
  sessionArgs,
} from "../src/host/windows/index.js";

const FAKE = fileURLToPath(new URL("./fixtures/fake-powershell.mjs", import.meta.url));
const sessions: PowerShellSession[] = [];

function fakeProcess(): { spawn: SessionSpawnFn; seen: { file: string; args: string[] }[] } {
  const seen: { file: string; args: string[] }[] = [];
  return {
    seen,
    spawn: (file, args, options) => {
      seen.push({ file, args });
      return spawn(process.execPath, [FAKE], options);
    },
  };
}

function session(opts: ConstructorParameters<typeof PowerShellSession>[0] = {}) {
  const fake = fakeProcess();
  const s = new PowerShellSession({ spawn: fake.spawn, env: { SystemRoot: "C:\\Windows" }, arch: "x64", ...opts });
  sessions.push(s);
  return { s, seen: fake.seen };
}

const data = (stdout: string) => (JSON.parse(stdout) as { data: Record<string, unknown> }).data;

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

describe("PowerShellSession (one powershell.exe per agent)", () => {
  it("runs many scripts in one process started with -Command -, never with an encoded command", async () => {
    const { s, seen } = session();
    const pids = new Set<unknown>();
    for (let i = 0; i < 5; i++) pids.add(data((await s.run("pid", [])).stdout)["pid"]);
    expect(pids.size).toBe(1);
    expect(s.counts).toMatchObject({ spawns: 1, calls: 5 });
    expect(seen).toEqual([{ file: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", args: sessionArgs() }]);
    expect(sessionArgs()).toEqual(["-NoLogo", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command", "-"]);
    expect(sessionArgs().join(" ")).not.toMatch(/-enc/i);
  });

  it("passes arguments as data, whatever they contain", async () => {
    const { s } = session();
    const hostile = ["Büro", "a'b\"c", "x\ny", "$(Remove-Item C:\\)", ""];
    expect(data((await s.run("args", hostile)).stdout)["args"]).toEqual(hostile);
  });

  it("finds its answer among stray output, a forged frame and stderr noise", async () => {
    const { s } = session();
    const r = await s.run("stray", []);
    expect(data(r.stdout)).toEqual({ stray: "survived" });
    expect(r.stderr).toBe("an error record\n");
    expect(r.exitCode).toBe(0);
    expect(s.counts.strayLines).toBeGreaterThanOrEqual(2); // the banner lines, the warning, the forged frame
  });

  it("runs one call at a time, each answered with its own result", async () => {
    const { s } = session();
    const results = await Promise.all([s.run("sleep 200", []), s.run("args", ["second"]), s.run("sleep 10", [])]);
    expect(results.map((r) => data(r.stdout))).toEqual([{ slept: 200 }, { args: ["second"] }, { slept: 10 }]);
    expect(s.counts.spawns).toBe(1);
  });

  it("kills a call that outlives its timeout with code TIMEOUT, and the next call gets a new process", async () => {
    const { s } = session({ timeoutMs: 2_000 }); // generous: a loaded machine must not time out the quick calls
    const before = data((await s.run("pid", [])).stdout)["pid"];
    const err = (await s.run("sleep 60000", []).catch((e: unknown) => e)) as PowerShellError;
    expect(err).toMatchObject({ name: "PowerShellError", code: "TIMEOUT" });
    const after = data((await s.run("pid", [])).stdout)["pid"];
    expect(after).not.toBe(before);
    expect(s.counts.spawns).toBe(2);
  });

  it("fails the call in flight when the process dies, with its stderr, and replaces the process on the next call", async () => {
    const { s } = session();
    const err = (await s.run("crash", []).catch((e: unknown) => e)) as PowerShellError;
    expect(err.code).toBe("SESSION_EXITED");
    expect(err.message).toMatch(/exit code 3.*the fake crashed/);
    expect(data((await s.run("args", ["ok"])).stdout)).toEqual({ args: ["ok"] });
    expect(s.counts.spawns).toBe(2);
  });

  it("refuses an answer that does not decode with MALFORMED_OUTPUT, and does not reuse that process", async () => {
    const { s } = session();
    const err = (await s.run("garbage", []).catch((e: unknown) => e)) as PowerShellError;
    expect(err.code).toBe("MALFORMED_OUTPUT");
    await s.run("pid", []);
    expect(s.counts.spawns).toBe(2);
  });

  it("says SPAWN_FAILED when PowerShell cannot be started, and tries again on the next call", async () => {
    let attempts = 0;
    const s = new PowerShellSession({
      spawn: (_file, args, options) => {
        attempts++;
        return spawn("/nonexistent/powershell.exe", args, options);
      },
    });
    sessions.push(s);
    await expect(s.run("pid", [])).rejects.toMatchObject({ code: "SPAWN_FAILED" });
    await expect(s.run("pid", [])).rejects.toMatchObject({ code: "SPAWN_FAILED" });
    expect(attempts).toBe(2);
  });

  it("replaces the process after maxCallsPerSession calls, starting the successor at once", async () => {
    const { s } = session({ maxCallsPerSession: 3 });
    const pids = [];
    for (let i = 0; i < 3; i++) pids.push(data((await s.run("pid", [])).stdout)["pid"]);
    await waitFor(() => s.counts.spawns === 2 || undefined, { what: "the successor to start without a call" });
    for (let i = 0; i < 3; i++) pids.push(data((await s.run("pid", [])).stdout)["pid"]);
    expect(new Set(pids).size).toBe(2);
    await waitFor(() => s.counts.spawns === 3 || undefined, { what: "the second process's successor" });
  });

  it("ends the process when closed, and refuses calls afterwards", async () => {
    const { s } = session();
    await s.run("pid", []);
    await s.close();
    await expect(s.run("pid", [])).rejects.toMatchObject({ code: "CLOSED" });
  });
});

describe("WindowsHost over the session", () => {
  it("names the step in a session failure, keeping its class and code for the engine", async () => {
    const { s } = session({ timeoutMs: 2_000 });
    const host = new WindowsHost((script, args) => s.run(args[0] === "W3SVC" ? "sleep 60000" : script, args));
    const err = (await host.stopService("W3SVC").catch((e: unknown) => e)) as PowerShellError;
    expect(err).toBeInstanceOf(PowerShellError);
    expect(err.code).toBe("TIMEOUT");
    expect(err.message).toMatch(/^ControlService\(SERVICE_CONTROL_STOP\) W3SVC: PowerShell did not finish within 2000 ms/);
  });
});

describe("PowerShell spawns per reset (counted, the real WindowsHost and ResetEngine on a simulated Windows)", () => {
  const LEVELS = ["recycle", "w3svc", "iis", "http"] as const;

  async function resetCounts(mode: "per call" | "session", level: (typeof LEVELS)[number]) {
    const sim = new SimulatedHost({ stopMs: 20, startMs: 20 });
    const counts = newSpawnCounts();
    const answer = answerFromHost(sim);
    const session = mode === "session" ? new PowerShellSession({ spawn: fakeSessionSpawn(answer, counts) }) : undefined;
    if (session) sessions.push(session);
    await session?.start();
    const host = new WindowsHost(session ? session.run : createPowerShellRunner({ spawn: fakePerCallSpawn(answer, counts) }));
    await host.iisGeneration();
    const before = counts.spawns;
    const report = await new ResetEngine(host, { pollMs: 10 }).run({ operation: "restart", level, force: false, stopTimeoutMs: 20_000, startTimeoutMs: 60_000 });
    sim.dispose();
    expect(report.ok, `${level}: ${report.message}`).toBe(true);
    return { spawns: counts.spawns - before, calls: counts.calls };
  }

  it("the per-call runner spawns one powershell.exe per script: far over the budget of 2 for an IIS restart", async () => {
    const { spawns, calls } = await resetCounts("per call", "iis");
    expect(spawns).toBeGreaterThan(2);
    expect(spawns).toBe(calls - 1); // every call but the generation read before the reset
  });

  it.each(LEVELS)("the session spends at most 2 spawns on a reset at level %s", async (level) => {
    const { spawns } = await resetCounts("session", level);
    expect(spawns).toBeLessThanOrEqual(2);
  });
});

// ---------------------------------------------------------------- spawn cost against the stop deadline

/** Time that passes only when someone sleeps: the engine's polls, and powershell.exe starting. */
class ManualClock {
  private t = 1_700_000_000_000;
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.t += ms;
  }
}

/**
 * The IIS part of a Windows SCM, answering the adapter's scripts: a stop or start completes `transitionMs` of clock
 * time after it was asked for, with the checkpoint advancing meanwhile, as a service calling SetServiceStatus does.
 */
function miniWindows(clock: ManualClock, transitionMs: number): ScriptAnswer {
  interface Svc { name: string; state: number; dependsOn: string[]; pid: number; serviceType: number; doneAt: number; checkpoint: number }
  const svc = (name: string, dependsOn: string[], pid: number, serviceType = 32): Svc => ({ name, state: 4, dependsOn, pid, serviceType, doneAt: 0, checkpoint: 0 });
  const services = [
    svc("RpcSs", [], 964),
    svc("HTTP", [], 0, 1),
    svc("WAS", ["RpcSs"], 3472),
    svc("W3SVC", ["WAS", "HTTP"], 3472),
    svc("NetPipeActivator", ["WAS"], 2876),
    svc("NetTcpActivator", ["WAS"], 2876),
  ];
  const settle = (s: Svc) => {
    if (s.state !== 2 && s.state !== 3) return;
    if (clock.now() >= s.doneAt) Object.assign(s, { state: s.state === 2 ? 4 : 1, checkpoint: 0 });
    else s.checkpoint++;
  };
  const json = (s: Svc) => ({
    name: s.name,
    displayName: s.name,
    state: s.state,
    serviceType: s.serviceType,
    acceptsStop: s.state === 4,
    checkpoint: s.checkpoint,
    waitHintMs: s.state === 2 || s.state === 3 ? transitionMs : 0,
    pid: s.state === 1 ? 0 : s.pid,
    win32ExitCode: 0,
    startType: 2,
    dependsOn: s.dependsOn,
  });
  const find = (name: string | undefined) => {
    const s = services.find((x) => x.name.toLowerCase() === (name ?? "").toLowerCase());
    if (!s) throw new Win32Error(1060, "OpenService", name ?? "");
    return s;
  };
  return async (name, args) => {
    switch (name) {
      case "listServices":
        services.forEach(settle);
        return { services: services.map(json), iis: { majorVersion: 10, minorVersion: 0 } };
      case "queryService": {
        const s = find(args[0]);
        settle(s);
        return { service: json(s) };
      }
      case "stopService": {
        const s = find(args[0]);
        if (s.state === 1) return { service: s.name, returnValue: 6 };
        Object.assign(s, { state: 3, doneAt: clock.now() + transitionMs, checkpoint: 1 });
        return { service: s.name, returnValue: 0 };
      }
      case "startService": {
        const s = find(args[0]);
        if (s.state !== 1) throw new Win32Error(1056, "StartService", s.name);
        Object.assign(s, { state: 2, doneAt: clock.now() + transitionMs, checkpoint: 1 });
        return { service: s.name };
      }
      case "listProcesses":
        return { processes: [] };
      case "listAppPools":
        return { provider: "mwa", pools: [], workersError: null };
      default:
        throw new Error(`not answered here: ${name}`);
    }
  };
}

// Four services of 3 s each need 12 s of the 20 s stop budget; the rest is what PowerShell may cost.
describe("spawn cost against the stop deadline (manual clock: powershell.exe takes 1.2 s to start, services 3 s to stop)", () => {
  async function restart(mode: "per call" | "session") {
    const clock = new ManualClock();
    const counts = newSpawnCounts();
    const answer = miniWindows(clock, 3_000);
    const cost = { spawnMs: 1_200, sleep: (ms: number) => clock.sleep(ms) };
    const session = mode === "session" ? new PowerShellSession({ spawn: fakeSessionSpawn(answer, counts, cost) }) : undefined;
    if (session) {
      sessions.push(session);
      await session.start(); // with the agent, before any command
    }
    const host = new WindowsHost(session ? session.run : createPowerShellRunner({ spawn: fakePerCallSpawn(answer, counts, cost) }));
    const t0 = clock.now();
    const report = await new ResetEngine(host, { clock, pollMs: 250 }).run({ operation: "restart", level: "iis", force: false, stopTimeoutMs: 20_000, startTimeoutMs: 60_000 });
    return { report, spawns: counts.spawns, calls: counts.calls, elapsedMs: clock.now() - t0 };
  }

  it("one powershell.exe per call spends the 20 s stop budget on starting PowerShell: a false STOP_FAILED", async () => {
    const r = await restart("per call");
    expect(r.report.code, r.report.message).toBe("STOP_FAILED");
    expect(r.spawns).toBe(r.calls);
  });

  it("with the session, the same host restarts in time, having started PowerShell once", async () => {
    const r = await restart("session");
    expect(r.report.code, r.report.message).toBe("OK");
    expect(r.spawns).toBe(1);
    const stopPhase = r.report.steps.filter((s) => s.action === "stop").reduce((n, s) => n + s.durationMs, 0);
    expect(stopPhase).toBeLessThan(4 * (3_000 + 2 * 250)); // the services' own time and the polling, nothing else
  });
});
