// Targeted force, restore after every failure, dependents never lost: the reset engine against the simulated host
// with the real Server 2016/2019/2022 service-to-process layout (shared svchosts), pid reuse and failing host calls.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type ProcessInfo, SvcState, type ServiceInfo } from "../src/host/port.js";
import { HOST_CALL_FAILURES, type SimulatedHost } from "../src/host/simulated/index.js";
import { parseEnvelope, parseProcesses } from "../src/host/windows/index.js";
import { ResetEngine } from "../src/reset/engine.js";
import { planForceKill } from "../src/reset/kill-plan.js";
import type { ResetReport } from "../src/reset/types.js";
import { fastSimulatedHosts, resetOptions, targets } from "./engine-support.js";

// Tests that wait out a stop timeout run side by side (describe.concurrent): each has hosts of its own.
const sim = fastSimulatedHosts({ disposeAfter: "all" });
const options = resetOptions;

const engine = (h: SimulatedHost, pollMs = 5) => new ResetEngine(h, { pollMs });
const running = (services: ServiceInfo[]) => services.filter((s) => s.state === SvcState.Running).map((s) => s.name).sort();
const pidOf = async (h: SimulatedHost, name: string) => (await h.queryService(name)).pid;
const stateOf = async (h: SimulatedHost, name: string) => (await h.queryService(name)).state;

/**
 * Invariant 8: every service running before is running after, or is named in the result as not restored, with
 * why. Checked on the host's own states after the engine returned (the sentence must match the host).
 */
async function expectRestoredOrNamed(h: SimulatedHost, before: ServiceInfo[], report: ResetReport): Promise<void> {
  const after = await h.listServices();
  for (const name of running(before)) {
    const now = after.find((s) => s.name === name);
    if (now?.state === SvcState.Running) continue;
    const named = report.notRestored?.find((n) => n.name === name);
    expect(named, `${name} is ${now ? SvcState[now.state] : "gone"} after "${report.message}"`).toBeDefined();
    expect(named?.why.length).toBeGreaterThan(0);
    expect(named?.state, name).toBe(now?.state);
    expect(report.message).toContain(name);
  }
  for (const n of report.notRestored ?? []) {
    expect(after.find((s) => s.name === n.name)?.state, `${n.name} is named as not running`).not.toBe(SvcState.Running);
  }
}

/**
 * Runs `run(k)` for every k in 0..total-1, `width` at a time (default eight): each run mostly waits on the simulated
 * SCM's timers.
 */
async function atEachCall(total: number, run: (k: number) => Promise<void>, width = 8): Promise<void> {
  for (let i = 0; i < total; i += width) {
    await Promise.all(Array.from({ length: Math.min(width, total - i) }, (_, j) => run(i + j)));
  }
}

// ---------------------------------------------------------------------------------------------------------------

describe("the kill list for the golden ws2022-en layout", () => {
  const golden = (file: string) => {
    const env = parseEnvelope(readFileSync(new URL(`./golden/windows/ws2022-en/${file}`, import.meta.url), "utf8"), file);
    if (!env.ok) throw new Error(file);
    return env.data;
  };
  const processes = parseProcesses(golden("processes.json"));
  // What `--level http` stops on that host, dependents first (WinRM depends on HTTP).
  const httpStopSet = ["NetPipeActivator", "NetTcpActivator", "W3SVC", "WinRM", "Spooler", "WAS", "IISADMIN", "HTTP"];

  /** The kill list before targeted force: every process hosting any service of the stop set, every w3wp, every iisw3adm.dll. */
  function legacyKillList(procs: ProcessInfo[], stopSet: string[]): number[] {
    const wanted = new Set(stopSet.map((s) => s.toLowerCase()));
    return procs
      .filter((p) => p.image.toLowerCase() === "w3wp.exe" || p.services.some((s) => wanted.has(s.toLowerCase())) || (p.modules ?? []).includes("iisw3adm.dll"))
      .map((p) => p.pid);
  }

  it("the old rule would kill WinRM's shared svchost (CryptSvc, Dnscache, LanmanWorkstation, NlaSvc) and SMSvcHost", () => {
    const old = legacyKillList(processes, httpStopSet);
    expect(old).toContain(1288); // netsvcs: WinRM + CryptSvc, Dnscache, LanmanWorkstation, NlaSvc
    expect(old).toContain(2876); // SMSvcHost: NetTcpPortSharing too
    expect(old).toContain(2240); // the spooler
  });

  it("targeted force kills only the failed service's process when all it hosts is being stopped", () => {
    const plan = planForceKill(processes, "W3SVC", httpStopSet);
    expect(plan.kind).toBe("kill");
    if (plan.kind !== "kill") return;
    expect(plan.host).toMatchObject({ pid: 3472, image: "svchost.exe", services: ["W3SVC", "WAS"] });
    expect(plan.host.createdAtMs).toBeGreaterThan(0);
    // The workers, each with the creation time it was listed with; never 1288, 2876 or 2240.
    expect(plan.workers.map((w) => w.pid)).toEqual([5120, 5208, 5316, 5401]);
  });

  it("refuses a shared host, naming the process, its pid and the services it holds", () => {
    const winrm = planForceKill(processes, "WinRM", httpStopSet);
    expect(winrm.kind).toBe("refuse");
    if (winrm.kind === "refuse") {
      expect(winrm.reason).toContain("pid 1288 svchost.exe");
      expect(winrm.reason).toContain("CryptSvc, Dnscache, LanmanWorkstation, NlaSvc");
    }
    const activator = planForceKill(processes, "NetTcpActivator", ["NetPipeActivator", "NetTcpActivator", "W3SVC", "WAS"]);
    expect(activator).toMatchObject({ kind: "refuse" });
    if (activator.kind === "refuse") expect(activator.reason).toContain("pid 2876 SMSvcHost.exe, which also hosts NetTcpPortSharing");
    // --level w3svc: W3SVC shares iissvcs with WAS, which that level does not stop.
    const w3svcOnly = planForceKill(processes, "W3SVC", ["W3SVC"]);
    expect(w3svcOnly).toMatchObject({ kind: "refuse" });
    if (w3svcOnly.kind === "refuse") expect(w3svcOnly.reason).toContain("pid 3472 svchost.exe, which also hosts WAS");
    // A kernel driver has no process to kill.
    expect(planForceKill(processes, "HTTP", httpStopSet)).toMatchObject({ kind: "refuse" });
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe.concurrent("targeted force on the real shared-svchost layout", () => {
  it("--level http --force with WinRM hanging: its shared svchost is not killed; the reset fails naming pid and services", async () => {
    const h = sim({ services: { WinRM: { stop: "hang" } } });
    const before = await h.listServices();
    const netsvcs = await pidOf(h, "CryptSvc");
    expect(await pidOf(h, "WinRM")).toBe(netsvcs);
    const report = await engine(h).run(options({ level: "http", force: true }));
    expect(report).toMatchObject({ ok: false, code: "STOP_FAILED" });
    expect(report.message).toContain(`pid ${netsvcs} svchost.exe`);
    expect(report.message).toContain("CryptSvc, Dnscache, LanmanWorkstation, NlaSvc");
    expect(targets(report.steps, "kill")).toEqual(["WinRM"]); // the refusal, recorded as a failed kill step
    expect(report.steps.filter((s) => s.action === "kill").every((s) => !s.ok && s.message.startsWith("not killed"))).toBe(true);
    for (const name of ["CryptSvc", "Dnscache", "LanmanWorkstation", "NlaSvc"]) {
      expect(await stateOf(h, name), name).toBe(SvcState.Running);
      expect(await pidOf(h, name), name).toBe(netsvcs);
    }
    // WinRM itself hangs in STOP_PENDING: named as not restored, with its state.
    await expectRestoredOrNamed(h, before, report);
    expect(report.notRestored?.map((n) => n.name)).toEqual(["WinRM"]);
  });

  it("--level http --force with W3SVC refusing (1061): only iissvcs dies; WinRM's shared svchost keeps its pid, all run after", async () => {
    const h = sim({ services: { W3SVC: { stop: "refuse" } } });
    const before = await h.listServices();
    const netsvcs = await pidOf(h, "WinRM");
    const smsvchost = await pidOf(h, "NetTcpPortSharing");
    const report = await engine(h).run(options({ level: "http", force: true }));
    expect(report).toMatchObject({ ok: true, code: "OK" });
    const killed = report.steps.filter((s) => s.action === "kill" && s.message === "terminated").map((s) => s.target);
    expect(killed[0]).toMatch(/svchost\.exe \((WAS, W3SVC|W3SVC, WAS)\)$/);
    expect(killed.slice(1).every((t) => t.endsWith("w3wp.exe"))).toBe(true);
    expect(await pidOf(h, "CryptSvc")).toBe(netsvcs); // never terminated: WinRM was stopped and started gracefully
    expect(await pidOf(h, "NetTcpPortSharing")).toBe(smsvchost);
    expect(running(await h.listServices())).toEqual(running(before));
  });

  it("--level iis --force with an activator refusing (1061): SMSvcHost (NetTcpPortSharing) is not killed", async () => {
    const h = sim({ services: { NetTcpActivator: { stop: "refuse" } } });
    const before = await h.listServices();
    const smsvchost = await pidOf(h, "NetTcpPortSharing");
    const report = await engine(h).run(options({ force: true }));
    expect(report).toMatchObject({ ok: false, code: "STOP_FAILED" });
    expect(report.message).toContain("NetTcpActivator refused to stop");
    expect(report.message).toContain(`pid ${smsvchost} SMSvcHost.exe, which also hosts NetTcpPortSharing`);
    expect(await pidOf(h, "NetTcpPortSharing")).toBe(smsvchost);
    await expectRestoredOrNamed(h, before, report);
    expect(report.notRestored).toBeUndefined();
    expect(running(await h.listServices())).toEqual(running(before));
  });

  it("--level w3svc --force never kills WAS's process: it fails naming WAS, and WAS and its activators keep running", async () => {
    const h = sim({ services: { W3SVC: { stop: "hang" } } });
    const before = await h.listServices();
    const iissvcs = await pidOf(h, "WAS");
    const report = await engine(h).run(options({ level: "w3svc", force: true, stopTimeoutMs: 3_000 }));
    expect(report).toMatchObject({ ok: false, code: "STOP_FAILED" });
    expect(report.message).toContain(`pid ${iissvcs} svchost.exe, which also hosts WAS`);
    expect(await pidOf(h, "WAS")).toBe(iissvcs);
    for (const name of ["WAS", "NetTcpActivator", "NetPipeActivator", "NetTcpPortSharing"]) expect(await stateOf(h, name), name).toBe(SvcState.Running);
    await expectRestoredOrNamed(h, before, report);
    expect(report.notRestored?.map((n) => [n.name, n.state])).toEqual([["W3SVC", SvcState.StopPending]]);
  });

  it("--level iis --force with W3SVC hanging kills iissvcs (only WAS and W3SVC) and its workers; everything runs after", async () => {
    const h = sim({ fault: "hung-stop" });
    const before = await h.listServices();
    const smsvchost = await pidOf(h, "NetTcpPortSharing");
    const netsvcs = await pidOf(h, "WinRM");
    const report = await engine(h).run(options({ force: true, stopTimeoutMs: 3_000 }));
    expect(report).toMatchObject({ ok: true, code: "OK" });
    const kills = report.steps.filter((s) => s.action === "kill");
    expect(kills[0]?.target).toMatch(/^pid \d+ svchost\.exe \(W3SVC, WAS\)|^pid \d+ svchost\.exe \(WAS, W3SVC\)/);
    expect(kills.slice(1).every((k) => k.target.endsWith("w3wp.exe"))).toBe(true);
    expect(await pidOf(h, "NetTcpPortSharing")).toBe(smsvchost);
    expect(await pidOf(h, "WinRM")).toBe(netsvcs);
    expect(running(await h.listServices())).toEqual(running(before));
  });

  it("checks creation time before each kill: a worker pid reused by another process is left alone (pid reuse)", async () => {
    const h = sim({ fault: "hung-stop", pidReuse: true });
    const report = await engine(h).run(options({ force: true, stopTimeoutMs: 3_000 }));
    expect(report).toMatchObject({ ok: true, code: "OK" });
    const reused = report.steps.filter((s) => s.action === "kill" && s.message.includes("now belongs to WmiPrvSE.exe"));
    expect(reused.length).toBeGreaterThanOrEqual(3); // the three workers died with iissvcs; their pids were reused
    expect(reused.every((s) => s.ok)).toBe(true);
    const alive = (await h.listProcesses()).filter((p) => p.image === "WmiPrvSE.exe").map((p) => p.pid);
    for (const step of reused) expect(alive).toContain(Number(/^pid (\d+)/.exec(step.target)?.[1]));
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("restore after every failure (invariant 8): a host call that throws at each step in turn", () => {
  it("counts the host calls of a clean restart", async () => {
    const h = sim();
    const report = await engine(h, 10).run(options());
    expect(report.ok).toBe(true);
    expect(h.calls).toBeGreaterThan(10);
  });

  /**
   * The fewest host calls of three clean restarts. How many times the engine polls a stopping service depends on
   * timing, so a run failing at call k of one longer clean run can end before it reaches call k under load.
   */
  async function fewestCleanCalls(): Promise<number> {
    const counts = await Promise.all([0, 1, 2].map(async () => {
      const h = sim();
      expect((await engine(h, 10).run(options())).ok).toBe(true);
      return h.calls;
    }));
    return Math.min(...counts);
  }

  for (const kind of HOST_CALL_FAILURES) {
    it(`${kind}: every service running before runs after, or is named with why`, async () => {
      const total = await fewestCleanCalls();
      const outcomes: string[] = [];
      await atEachCall(total, async (k) => {
        const h = sim();
        const before = await h.listServices();
        const base = h.calls;
        h.failCall({ kind, skip: k });
        const report = await engine(h, 10).run(options());
        expect(h.calls - base, `run ${k}`).toBeGreaterThan(k); // the failure was reached
        outcomes.push(report.code);
        if (report.ok) return; // a failed poll may be absorbed by a later read
        await expectRestoredOrNamed(h, before, report);
        expect(report.message.length).toBeGreaterThan(0);
      });
      expect(outcomes).toHaveLength(total);
      expect(outcomes.some((c) => c !== "OK")).toBe(true);
    }, 120_000);
  }

  for (const kind of ["timeout"] as const) {
    it(`${kind} at each step of a forced reset of a hung W3SVC (process list, kills included): restored or named`, async () => {
      const hung = { fault: "hung-stop" as const };
      const force = options({ force: true, stopTimeoutMs: 3_000 });
      const clean = sim(hung);
      expect((await engine(clean, 10).run(force)).ok).toBe(true);
      const total = clean.calls;
      const codes: string[] = [];
      await atEachCall(total, async (k) => {
        const h = sim(hung);
        const before = await h.listServices();
        h.failCall({ kind, skip: k });
        const report = await engine(h, 10).run(force);
        codes.push(report.code);
        if (!report.ok) await expectRestoredOrNamed(h, before, report);
      }, total); // all at once: each run waits out the hung stop's 3 s timeout
      expect(codes).toHaveLength(total);
    }, 120_000);
  }

  it("a timeout on WAS's stop call: a failed step with its cause, then the restore, not HOST_ERROR half-way", async () => {
    const h = sim();
    const before = await h.listServices();
    h.failCall({ kind: "timeout", call: "stopService", target: "WAS" });
    const report = await engine(h).run(options());
    expect(report.code).toBe("STOP_FAILED");
    const failed = report.steps.find((s) => !s.ok);
    expect(failed).toMatchObject({ action: "stop", target: "WAS" });
    expect(failed?.message).toMatch(/PowerShell did not finish stopService WAS/);
    await expectRestoredOrNamed(h, before, report);
    expect(report.notRestored).toBeUndefined();
    expect(running(await h.listServices())).toEqual(running(before));
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe.concurrent("dependents are never lost (#18 item 3)", () => {
  it("stop, then start: W3SVC and every automatic dependent of WAS run again; a manual one stays stopped", async () => {
    const h = sim();
    const before = await h.listServices();
    expect((await engine(h).run(options({ operation: "stop" }))).ok).toBe(true);
    for (const name of ["NetTcpActivator", "NetPipeActivator", "W3SVC", "WAS"]) expect(await stateOf(h, name)).toBe(SvcState.Stopped);
    const report = await engine(h).run(options({ operation: "start" }));
    expect(report).toMatchObject({ ok: true, message: "Internet services successfully started." });
    expect(running(await h.listServices())).toEqual(running(before));
    expect(await stateOf(h, "NetMsmqActivator")).toBe(SvcState.Stopped);
  });

  it("a noforce timeout on a slow-stop host waits for WAS to settle, starts everything again, and says what the host shows", async () => {
    // Activators stop in 50 ms; W3SVC and WAS take 10 × 100 ms each, so the 1.5 s budget runs out with WAS pending.
    const h = sim({ fault: "slow-stop", stopMs: 100, startMs: 50, slowStopFactor: 10 });
    const before = await h.listServices();
    const report = await engine(h, 10).run(options({ stopTimeoutMs: 1_500 }));
    expect(report.code).toBe("STOP_FAILED");
    expect(report.steps.find((s) => !s.ok)).toMatchObject({ action: "stop", target: "WAS", toState: SvcState.StopPending });
    expect(report.message).toContain("the services it had stopped were started again");
    for (const name of ["WAS", "W3SVC", "NetTcpActivator", "NetPipeActivator"]) {
      expect(report.message).toContain(name);
      expect(await stateOf(h, name), name).toBe(SvcState.Running);
    }
    expect(running(await h.listServices())).toEqual(running(before));
  });

  it("a restore that cannot bring a service back names it with its true state", async () => {
    const h = sim({ services: { WAS: { stop: "hang" } } });
    const before = await h.listServices();
    const report = await engine(h).run(options({ stopTimeoutMs: 3_000 }));
    expect(report.code).toBe("STOP_FAILED");
    expect(report.message).toContain("NOT running now: WAS (STOP_PENDING)");
    // W3SVC needs WAS: it cannot start while WAS hangs, and the result says so rather than "started again".
    expect(report.notRestored?.map((n) => n.name).sort()).toEqual(["NetPipeActivator", "NetTcpActivator", "W3SVC", "WAS"]);
    await expectRestoredOrNamed(h, before, report);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("edges (#13 item 4, #18 item 4)", () => {
  it("--level recycle with WAS down is not an OK 'Recycled 0 application pools'", async () => {
    const h = sim();
    await engine(h).run(options({ operation: "stop" }));
    const report = await engine(h).run(options({ level: "recycle" }));
    expect(report.ok).toBe(false);
    expect(report.code).toBe("START_FAILED");
    expect(report.message).toMatch(/^Nothing was recycled: IIS is not serving \(WAS STOPPED, W3SVC STOPPED\)/);
  });

  it("IIS 6 compatibility on IIS 10: a restart stops and starts IISADMIN and SMTPSVC too, as iisreset does", async () => {
    const h = sim({ iis6Compat: true });
    const before = await h.listServices();
    const report = await engine(h).run(options());
    expect(report.ok).toBe(true);
    expect(targets(report.steps, "stop")).toEqual(expect.arrayContaining(["IISADMIN", "SMTPSVC"]));
    expect(targets(report.steps, "start")).toEqual(expect.arrayContaining(["IISADMIN", "SMTPSVC"]));
    expect(running(await h.listServices())).toEqual(running(before));
  });

  it("IIS 6 compatibility: stop, then start brings IISADMIN and SMTPSVC back", async () => {
    const h = sim({ iis6Compat: true });
    await engine(h).run(options({ operation: "stop" }));
    expect(await stateOf(h, "IISADMIN")).toBe(SvcState.Stopped);
    const report = await engine(h).run(options({ operation: "start" }));
    expect(report.ok).toBe(true);
    expect(await stateOf(h, "IISADMIN")).toBe(SvcState.Running);
    expect(await stateOf(h, "SMTPSVC")).toBe(SvcState.Running);
  });

  it("--level http is a ladder over iis: WAS and its activators are stopped and started again too", async () => {
    const h = sim();
    const before = await h.listServices();
    const report = await engine(h).run(options({ level: "http" }));
    expect(report.ok).toBe(true);
    const stops = targets(report.steps, "stop");
    expect(stops.at(-1)).toBe("HTTP");
    expect(stops).toEqual(expect.arrayContaining(["WAS", "NetTcpActivator", "NetPipeActivator", "W3SVC", "WinRM", "Spooler"]));
    expect(h.stateLog.some((c) => c.service === "WAS" && c.to === SvcState.Stopped)).toBe(true);
    expect(running(await h.listServices())).toEqual(running(before));
  });

  it("W3SVC is started by a restart even when it was stopped before (as iisreset does)", async () => {
    const h = sim();
    await h.stopService("W3SVC");
    while ((await stateOf(h, "W3SVC")) !== SvcState.Stopped) await new Promise((r) => setTimeout(r, 5));
    const report = await engine(h).run(options());
    expect(report.ok).toBe(true);
    expect(await stateOf(h, "W3SVC")).toBe(SvcState.Running);
  });

  it("a per-call cost (callMs) is paid on every host call and the reset still holds its deadlines", async () => {
    const h = sim({ callMs: 15 });
    const t0 = Date.now();
    const report = await engine(h, 10).run(options());
    expect(report.ok).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(h.calls * 15);
  });
});
