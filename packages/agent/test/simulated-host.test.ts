import { afterEach, describe, expect, it } from "vitest";
import { ObjectState, ProcessGoneError, ServiceStartType, SvcState, Win32, Win32Error, type Clock } from "../src/host/port.js";
import {
  FAULT_NAMES,
  SYSTEM_PID,
  SimWin32,
  SimulatedCallError,
  SimulatedHost,
  isFaultName,
  parseFaultName,
  type FaultName,
  type SimulatedHostOptions,
} from "../src/host/simulated/index.js";

// Small real durations: every wait below is "until a condition holds", never a wall-time assertion.
const FAST = { stopMs: 20, startMs: 20 } as const;

const hosts: SimulatedHost[] = [];
function makeHost(options: SimulatedHostOptions = {}): SimulatedHost {
  const host = new SimulatedHost({ ...FAST, ...options });
  hosts.push(host);
  return host;
}

afterEach(() => {
  for (const host of hosts.splice(0)) host.dispose();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(5);
  }
}

async function stateOf(host: SimulatedHost, name: string): Promise<SvcState> {
  return (await host.queryService(name)).state;
}

async function waitState(host: SimulatedHost, name: string, state: SvcState): Promise<void> {
  await waitFor(async () => (await stateOf(host, name)) === state);
}

/** Expects a Win32Error with the given code (the engine decides on numbers only). */
async function expectWin32(promise: Promise<unknown>, code: number): Promise<Win32Error> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Win32Error);
  const win32Error = err as Win32Error;
  expect(win32Error.win32).toBe(code);
  return win32Error;
}

/** What `net stop NAME /y` does on top of ControlService: stop active dependents first, deepest first. */
async function netStopY(host: SimulatedHost, name: string): Promise<void> {
  const services = await host.listServices();
  const target = services.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!target) throw new Error(`no ${name}`);
  const key = target.name.toLowerCase();
  for (const dependent of services.filter((s) => s.dependsOn.some((d) => d.toLowerCase() === key))) {
    if ((await stateOf(host, dependent.name)) !== SvcState.Stopped) await netStopY(host, dependent.name);
  }
  if ((await stateOf(host, target.name)) === SvcState.Running) await host.stopService(target.name);
  await waitState(host, target.name, SvcState.Stopped);
}

async function workerPids(host: SimulatedHost): Promise<number[]> {
  return (await host.listAppPools()).flatMap((pool) => pool.workerPids);
}

/** Kills the process now holding `pid`, as listed (image and creation time); an unknown pid gets a made-up ref. */
async function killPid(host: SimulatedHost, pid: number): Promise<void> {
  const listed = (await host.listProcesses()).find((p) => p.pid === pid);
  await host.killProcess({ pid, image: listed?.image ?? "gone.exe", createdAtMs: listed?.createdAtMs ?? 0 });
}

describe("default IIS 7+ catalog", () => {
  it("models the service graph, states and host processes", async () => {
    const host = makeHost();
    expect(host.adapter).toBe("simulated");
    expect(await host.iisGeneration()).toBe("iis7plus");

    const services = new Map((await host.listServices()).map((s) => [s.name, s]));
    // The Server 2016/2019/2022 layout of the golden ws2022-en files (trimmed as they are).
    for (const name of ["RpcSs", "HTTP", "WAS", "W3SVC", "NetTcpPortSharing", "NetTcpActivator", "NetPipeActivator", "NetMsmqActivator", "WinRM", "CryptSvc", "Dnscache", "LanmanWorkstation", "NlaSvc", "SSDPSRV", "Spooler"]) {
      expect(services.has(name), name).toBe(true);
    }
    expect(services.has("IISADMIN")).toBe(false);
    expect(services.get("W3SVC")?.dependsOn).toEqual(["WAS", "HTTP"]);
    expect(services.get("WAS")?.dependsOn).toEqual(["RPCSS"]);
    expect(services.get("NetTcpActivator")?.dependsOn).toEqual(["NetTcpPortSharing", "WAS"]);
    expect(services.get("WinRM")?.dependsOn).toEqual(["RPCSS", "HTTP"]);
    expect(services.get("SSDPSRV")?.dependsOn).toContain("HTTP");
    expect(services.get("Spooler")?.dependsOn).toContain("http");
    expect(services.get("NetMsmqActivator")?.state).toBe(SvcState.Stopped);
    expect(services.get("NetMsmqActivator")?.pid).toBe(0);
    expect(services.get("NetMsmqActivator")?.startType).toBe(ServiceStartType.Manual);
    expect(services.get("NetPipeActivator")?.startType).toBe(ServiceStartType.Automatic);
    for (const name of ["RPCSS", "HTTP", "WAS", "W3SVC", "NetTcpActivator", "NetPipeActivator", "SSDPSRV", "Spooler", "WinRM"]) {
      expect(services.get(name === "RPCSS" ? "RpcSs" : name)?.state, name).toBe(SvcState.Running);
    }
    // Shared service hosts, as on a real server: WinRM lives with CryptSvc, Dnscache, LanmanWorkstation and NlaSvc;
    // SMSvcHost holds NetTcpPortSharing beside the listener adapters.
    const pidOf = (name: string) => services.get(name)?.pid;
    for (const name of ["CryptSvc", "Dnscache", "LanmanWorkstation", "NlaSvc"]) expect(pidOf(name), name).toBe(pidOf("WinRM"));
    expect(pidOf("NetTcpPortSharing")).toBe(pidOf("NetTcpActivator"));
    expect(pidOf("NetPipeActivator")).toBe(pidOf("NetTcpActivator"));
    const smsvchost = (await host.listProcesses()).find((p) => p.pid === pidOf("NetTcpActivator"));
    expect(smsvchost?.image).toBe("SMSvcHost.exe");
    expect(smsvchost?.services.sort()).toEqual(["NetPipeActivator", "NetTcpActivator", "NetTcpPortSharing"]);

    // HTTP.SYS is a kernel driver: no process. WAS and W3SVC share one svchost.
    const w3svc = services.get("W3SVC");
    expect(services.get("HTTP")?.pid).toBe(0);
    expect(w3svc?.pid).toBeGreaterThan(0);
    expect(services.get("WAS")?.pid).toBe(w3svc?.pid);
    expect(w3svc?.acceptsStop).toBe(true);
    expect(w3svc?.checkpoint).toBe(0);
    expect(w3svc?.waitHintMs).toBe(0);
    expect(services.get("RpcSs")?.acceptsStop).toBe(false);

    const processes = await host.listProcesses();
    const iisHost = processes.find((p) => p.pid === w3svc?.pid);
    expect(iisHost?.image).toBe("svchost.exe");
    expect(iisHost?.services.sort()).toEqual(["W3SVC", "WAS"]);
    expect(iisHost?.modules).toContain("iisw3adm.dll");
    expect(processes.find((p) => p.pid === SYSTEM_PID)?.image).toBe("System");
  });

  it("looks service names up case-insensitively and answers 1060 for unknown ones", async () => {
    const host = makeHost();
    expect((await host.queryService("w3svc")).name).toBe("W3SVC");
    await expectWin32(host.queryService("NoSuchService"), Win32.SERVICE_DOES_NOT_EXIST);
    await expectWin32(host.stopService("NoSuchService"), Win32.SERVICE_DOES_NOT_EXIST);
    const err = await expectWin32(host.startService("NoSuchService"), Win32.SERVICE_DOES_NOT_EXIST);
    expect(err.target).toBe("NoSuchService");
  });

  it("lets the caller choose what runs at start, closing over dependencies", async () => {
    const host = makeHost({ running: ["NetMsmqActivator"] });
    expect(await stateOf(host, "NetMsmqActivator")).toBe(SvcState.Running);
    expect(await stateOf(host, "WAS")).toBe(SvcState.Running);
    expect(await stateOf(host, "RPCSS")).toBe(SvcState.Running);
    expect(await stateOf(host, "W3SVC")).toBe(SvcState.Stopped);
    expect(await stateOf(host, "HTTP")).toBe(SvcState.Stopped);
    expect(await workerPids(host)).toEqual([]);
  });

  it("rejects invalid options", () => {
    expect(() => new SimulatedHost({ running: ["Nope"] })).toThrow(RangeError);
    expect(() => new SimulatedHost({ stopMs: -1 })).toThrow(RangeError);
    expect(() => new SimulatedHost({ services: { Nope: { stopMs: 1 } } })).toThrow(RangeError);
    expect(() => new SimulatedHost({ fault: "melted" as FaultName })).toThrow(RangeError);
    expect(() => new SimulatedHost({ appPools: ["A", "a"] })).toThrow(RangeError);
  });
});

describe("state transitions", () => {
  it("stops through STOP_PENDING with advancing checkpoints, then STOPPED", async () => {
    const host = makeHost({ stopMs: 80, checkpointMs: 5 });
    await host.stopService("W3SVC");
    const pending = await host.queryService("W3SVC");
    expect(pending.state).toBe(SvcState.StopPending);
    expect(pending.acceptsStop).toBe(false);
    expect(pending.checkpoint).toBeGreaterThanOrEqual(1);
    expect(pending.waitHintMs).toBeGreaterThan(0);
    expect(pending.pid).toBeGreaterThan(0);

    await waitFor(async () => {
      const info = await host.queryService("W3SVC");
      return info.state === SvcState.Stopped || info.checkpoint > pending.checkpoint;
    });
    await waitState(host, "W3SVC", SvcState.Stopped);
    const stopped = await host.queryService("W3SVC");
    expect(stopped).toMatchObject({ checkpoint: 0, waitHintMs: 0, pid: 0, acceptsStop: false, win32ExitCode: 0 });

    // The shared svchost survives: WAS still lives in it.
    const was = await host.queryService("WAS");
    expect(was.pid).toBe(pending.pid);
    const iisHost = (await host.listProcesses()).find((p) => p.pid === was.pid);
    expect(iisHost?.services).toEqual(["WAS"]);
  });

  it("starts through START_PENDING to RUNNING", async () => {
    const host = makeHost({ running: ["WAS", "HTTP"] });
    await host.startService("W3SVC");
    const pending = await host.queryService("W3SVC");
    expect(pending.state).toBe(SvcState.StartPending);
    expect(pending.checkpoint).toBeGreaterThanOrEqual(1);
    expect(pending.waitHintMs).toBeGreaterThan(0);
    await waitState(host, "W3SVC", SvcState.Running);
    const running = await host.queryService("W3SVC");
    expect(running.acceptsStop).toBe(true);
    expect(running.pid).toBe((await host.queryService("WAS")).pid);
  });

  it("honours per-service timing overrides", async () => {
    const host = makeHost({ services: { nettcpactivator: { stopMs: 150 } } });
    await host.stopService("NetTcpActivator");
    await host.stopService("Spooler");
    await waitState(host, "NetTcpActivator", SvcState.Stopped);
    await waitState(host, "Spooler", SvcState.Stopped);
    const stopped = host.stateLog.filter((c) => c.to === SvcState.Stopped).map((c) => c.service);
    expect(stopped).toEqual(["Spooler", "NetTcpActivator"]);
  });
});

describe("Win32 refusals", () => {
  it("1051: stopping a service whose dependents run", async () => {
    const host = makeHost();
    await expectWin32(host.stopService("WAS"), Win32.DEPENDENT_SERVICES_RUNNING);
    await expectWin32(host.stopService("HTTP"), Win32.DEPENDENT_SERVICES_RUNNING);
    expect(await stateOf(host, "WAS")).toBe(SvcState.Running);
    // A dependent that is still STOP_PENDING counts as running.
    await host.stopService("W3SVC");
    await host.stopService("NetTcpActivator");
    await host.stopService("NetPipeActivator");
    await expectWin32(host.stopService("WAS"), Win32.DEPENDENT_SERVICES_RUNNING);
    await waitFor(async () =>
      (await host.listServices())
        .filter((s) => s.dependsOn.includes("WAS"))
        .every((s) => s.state === SvcState.Stopped),
    );
    await host.stopService("WAS");
    await waitState(host, "WAS", SvcState.Stopped);
  });

  it("1062: stopping a stopped service", async () => {
    const host = makeHost();
    await expectWin32(host.stopService("NetMsmqActivator"), Win32.SERVICE_NOT_ACTIVE);
  });

  it("1061: stop controls while STOP_PENDING or START_PENDING; StartService on STOP_PENDING answers 1056, as Windows", async () => {
    const host = makeHost({ stopMs: 60, startMs: 60 });
    await host.stopService("Spooler");
    await expectWin32(host.stopService("Spooler"), Win32.SERVICE_CANNOT_ACCEPT_CTRL);
    await expectWin32(host.startService("Spooler"), Win32.SERVICE_ALREADY_RUNNING);
    await waitState(host, "Spooler", SvcState.Stopped);
    await host.startService("Spooler");
    await expectWin32(host.stopService("Spooler"), Win32.SERVICE_CANNOT_ACCEPT_CTRL);
    await waitState(host, "Spooler", SvcState.Running);
  });

  it("1056: starting a running or start-pending service", async () => {
    const host = makeHost({ startMs: 60 });
    await expectWin32(host.startService("W3SVC"), Win32.SERVICE_ALREADY_RUNNING);
    await host.startService("NetMsmqActivator");
    await expectWin32(host.startService("NetMsmqActivator"), Win32.SERVICE_ALREADY_RUNNING);
  });

  it("5: RPCSS refuses to stop", async () => {
    const host = makeHost();
    await host.stopService("Spooler");
    await waitState(host, "Spooler", SvcState.Stopped);
    await netStopY(host, "WAS");
    await expectWin32(host.stopService("RPCSS"), Win32.ACCESS_DENIED);
    expect(await stateOf(host, "RPCSS")).toBe(SvcState.Running);
  });

  it("1058 for a disabled service, 1068 for its dependent; the dependent never leaves STOPPED", async () => {
    const host = makeHost({ running: ["HTTP"], disabled: ["WAS"] });
    await expectWin32(host.startService("WAS"), Win32.SERVICE_DISABLED);
    await expectWin32(host.startService("W3SVC"), Win32.SERVICE_DEPENDENCY_FAIL);
    expect(await stateOf(host, "W3SVC")).toBe(SvcState.Stopped);
    expect(host.stateLog.filter((c) => c.service === "W3SVC")).toEqual([]);
  });
});

describe("dependencies", () => {
  it("net stop was /y, then start W3SVC: WAS auto-starts; other dependents stay as left", async () => {
    const host = makeHost();
    await netStopY(host, "WAS");
    for (const name of ["W3SVC", "NetTcpActivator", "NetPipeActivator", "WAS"]) {
      expect(await stateOf(host, name), name).toBe(SvcState.Stopped);
    }
    // Every service of the IIS svchost is gone, so is the process.
    expect((await host.listProcesses()).some((p) => p.services.includes("WAS"))).toBe(false);

    const logStart = host.stateLog.length;
    await host.startService("W3SVC");
    // StartService returned only after WAS was RUNNING, as the SCM starts dependencies first.
    expect(await stateOf(host, "WAS")).toBe(SvcState.Running);
    expect(await stateOf(host, "W3SVC")).toBe(SvcState.StartPending);
    await waitState(host, "W3SVC", SvcState.Running);
    const sequence = host.stateLog.slice(logStart).map((c) => `${c.service}:${SvcState[c.to]}`);
    expect(sequence).toEqual(["WAS:StartPending", "WAS:Running", "W3SVC:StartPending", "W3SVC:Running"]);

    // The SCM does not restart dependents: that is the reset's job.
    expect(await stateOf(host, "NetTcpActivator")).toBe(SvcState.Stopped);
    expect(await stateOf(host, "NetMsmqActivator")).toBe(SvcState.Stopped);
  });

  it("restarting HTTP.SYS requires stopping its non-IIS dependents too", async () => {
    const host = makeHost();
    await expectWin32(host.stopService("HTTP"), Win32.DEPENDENT_SERVICES_RUNNING);
    await netStopY(host, "HTTP");
    for (const name of ["W3SVC", "SSDPSRV", "Spooler", "HTTP"]) {
      expect(await stateOf(host, name), name).toBe(SvcState.Stopped);
    }
    expect(await stateOf(host, "WAS")).toBe(SvcState.Running);
    await host.startService("W3SVC");
    expect(await stateOf(host, "HTTP")).toBe(SvcState.Running);
    await waitState(host, "W3SVC", SvcState.Running);
    expect(await stateOf(host, "Spooler")).toBe(SvcState.Stopped);
  });

  it("a concurrent start of the same service gets 1056 while the first proceeds", async () => {
    const host = makeHost({ running: ["HTTP"] });
    const first = host.startService("W3SVC");
    const second = host.startService("W3SVC");
    await first;
    await expectWin32(second, Win32.SERVICE_ALREADY_RUNNING);
    await waitState(host, "W3SVC", SvcState.Running);
    expect(host.stateLog.filter((c) => c.service === "WAS" && c.to === SvcState.StartPending)).toHaveLength(1);
  });
});

describe("processes", () => {
  it("refuses to kill protected processes (5) and unknown pids (87)", async () => {
    const host = makeHost();
    const rpcssPid = (await host.queryService("RPCSS")).pid;
    expect(rpcssPid).toBeGreaterThan(0);
    await expectWin32(killPid(host, rpcssPid), Win32.ACCESS_DENIED);
    await expectWin32(killPid(host, SYSTEM_PID), Win32.ACCESS_DENIED);
    await expectWin32(killPid(host, 999_999), SimWin32.INVALID_PARAMETER);
    expect(SimWin32.INVALID_PARAMETER).toBe(87);
    expect(await stateOf(host, "RPCSS")).toBe(SvcState.Running);
  });

  it("killing the IIS service host stops its services at once with 1067 and takes the workers along", async () => {
    const host = makeHost();
    const pid = (await host.queryService("W3SVC")).pid;
    expect((await workerPids(host)).length).toBe(3);
    await killPid(host, pid);
    for (const name of ["WAS", "W3SVC"]) {
      const info = await host.queryService(name);
      expect(info.state, name).toBe(SvcState.Stopped);
      expect(info.win32ExitCode, name).toBe(Win32.PROCESS_ABORTED);
      expect(info.pid).toBe(0);
    }
    const processes = await host.listProcesses();
    expect(processes.some((p) => p.pid === pid)).toBe(false);
    expect(processes.some((p) => p.image === "w3wp.exe")).toBe(false);
    expect((await host.listAppPools()).every((p) => !p.started && p.workerPids.length === 0)).toBe(true);
    // Like the real SCM, a crash does not stop the dependents of the crashed services.
    expect(await stateOf(host, "NetTcpActivator")).toBe(SvcState.Running);
    await expectWin32(killPid(host, pid), SimWin32.INVALID_PARAMETER);

    // Recovery is an ordinary start.
    await host.startService("W3SVC");
    await waitState(host, "W3SVC", SvcState.Running);
    const newPid = (await host.queryService("W3SVC")).pid;
    expect(newPid).not.toBe(pid);
  });

  it("kills a service host stuck in a pending state", async () => {
    const host = makeHost({ stopMs: 10_000 });
    await host.stopService("Spooler");
    const pid = (await host.queryService("Spooler")).pid;
    await killPid(host, pid);
    expect(await stateOf(host, "Spooler")).toBe(SvcState.Stopped);
  });

  it("killing a worker removes it from its pool; the pool stays started", async () => {
    const host = makeHost();
    const pool = (await host.listAppPools()).find((p) => p.name === "ShopAppPool");
    const pid = pool?.workerPids[0];
    if (pid === undefined) throw new Error("no worker");
    const worker = (await host.listProcesses()).find((p) => p.pid === pid);
    expect(worker).toMatchObject({ image: "w3wp.exe", appPool: "ShopAppPool", services: [] });
    await killPid(host, pid);
    const after = (await host.listAppPools()).find((p) => p.name === "ShopAppPool");
    expect(after).toEqual({ name: "ShopAppPool", started: true, workerPids: [], state: ObjectState.Started });
    expect((await host.listProcesses()).some((p) => p.pid === pid)).toBe(false);
    expect(await stateOf(host, "W3SVC")).toBe(SvcState.Running);
  });

  it("allocates pids deterministically", async () => {
    const a = makeHost();
    const b = makeHost();
    expect((await a.listProcesses()).map((p) => p.pid)).toEqual((await b.listProcesses()).map((p) => p.pid));
  });
});

describe("application pools and workers", () => {
  it("has the default pools and sites, one worker per started pool", async () => {
    const host = makeHost();
    const pools = await host.listAppPools();
    expect(pools.map((p) => p.name)).toEqual(["DefaultAppPool", "ShopAppPool", "ApiAppPool"]);
    for (const pool of pools) {
      expect(pool.started).toBe(true);
      expect(pool.workerPids).toHaveLength(1);
    }
    expect((await host.listSites()).map((s) => [s.name, s.appPool, s.started])).toEqual([
      ["Default Web Site", "DefaultAppPool", true],
      ["Shop", "ShopAppPool", true],
      ["Api", "ApiAppPool", true],
    ]);
  });

  it("workers live only while W3SVC runs; a restart gives new pids", async () => {
    const host = makeHost({ stopMs: 60 });
    const before = await workerPids(host);
    await host.stopService("W3SVC");
    // Draining during STOP_PENDING: the pools are no longer started, but the workers still exist.
    const draining = await host.listAppPools();
    expect(draining.every((p) => !p.started)).toBe(true);
    expect(draining.flatMap((p) => p.workerPids)).toEqual(before);
    await waitState(host, "W3SVC", SvcState.Stopped);
    expect(await workerPids(host)).toEqual([]);
    expect((await host.listProcesses()).some((p) => p.image === "w3wp.exe")).toBe(false);
    expect((await host.listSites()).every((s) => !s.started)).toBe(true);

    await host.startService("W3SVC");
    expect(await workerPids(host)).toEqual([]);
    await waitState(host, "W3SVC", SvcState.Running);
    const after = await workerPids(host);
    expect(after).toHaveLength(3);
    for (const pid of after) expect(before).not.toContain(pid);
  });

  it("recycles overlapped: the new worker appears before the old one leaves", async () => {
    const host = makeHost({ recycleOverlapMs: 40 });
    const [old] = (await host.listAppPools())[0]?.workerPids ?? [];
    if (old === undefined) throw new Error("no worker");
    await host.recycleAppPool("defaultapppool");
    const during = (await host.listAppPools())[0]?.workerPids ?? [];
    expect(during).toHaveLength(2);
    expect(during[0]).toBe(old);
    const fresh = during[1];
    await waitFor(async () => ((await host.listAppPools())[0]?.workerPids ?? []).length === 1);
    expect((await host.listAppPools())[0]?.workerPids).toEqual([fresh]);
    expect((await host.listProcesses()).some((p) => p.pid === old)).toBe(false);
  });

  it("recycling a pool without a worker just starts one", async () => {
    const host = makeHost();
    const [pid] = (await host.listAppPools())[1]?.workerPids ?? [];
    if (pid === undefined) throw new Error("no worker");
    await killPid(host, pid);
    await host.recycleAppPool("ShopAppPool");
    const workers = (await host.listAppPools())[1]?.workerPids ?? [];
    expect(workers).toHaveLength(1);
    expect(workers[0]).not.toBe(pid);
  });

  it("refuses to recycle an unknown pool (87) or a pool while IIS is stopped (1062)", async () => {
    const host = makeHost();
    await expectWin32(host.recycleAppPool("NoSuchPool"), SimWin32.INVALID_PARAMETER);
    await host.stopService("W3SVC");
    await expectWin32(host.recycleAppPool("DefaultAppPool"), Win32.SERVICE_NOT_ACTIVE);
  });

  it("accepts custom pools", async () => {
    const host = makeHost({ appPools: ["One", "Two"] });
    expect((await host.listAppPools()).map((p) => p.name)).toEqual(["One", "Two"]);
    expect(await host.listSites()).toEqual([]);
  });
});

describe("IIS 6 catalog", () => {
  it("keeps the core in IISADMIN in inetinfo.exe, and W3SVC (iisw3adm.dll) in its own svchost.exe", async () => {
    const host = makeHost({ generation: "iis6" });
    expect(await host.iisGeneration()).toBe("iis6");
    const w3svc = await host.queryService("W3SVC");
    expect(w3svc.dependsOn).toEqual(["IISADMIN", "HTTP"]);
    await expectWin32(host.queryService("WAS"), Win32.SERVICE_DOES_NOT_EXIST);
    const iisadmin = await host.queryService("IISADMIN");
    expect(iisadmin.pid).not.toBe(w3svc.pid);
    const processes = await host.listProcesses();
    const inetinfo = processes.find((p) => p.pid === iisadmin.pid);
    expect(inetinfo?.image).toBe("inetinfo.exe");
    expect(inetinfo?.services).toEqual(expect.arrayContaining(["IISADMIN", "MSFTPSVC"]));
    const w3host = processes.find((p) => p.pid === w3svc.pid);
    expect(w3host).toMatchObject({ image: "svchost.exe", services: ["W3SVC"] });
    expect(w3host?.modules).toContain("iisw3adm.dll");
    expect(await stateOf(host, "SMTPSVC")).toBe(SvcState.Stopped);
    expect(await workerPids(host)).toHaveLength(3);

    await expectWin32(host.stopService("IISADMIN"), Win32.DEPENDENT_SERVICES_RUNNING);
    await netStopY(host, "IISADMIN");
    expect(await stateOf(host, "MSFTPSVC")).toBe(SvcState.Stopped);
    expect((await host.listProcesses()).some((p) => p.image === "inetinfo.exe")).toBe(false);
    await host.startService("W3SVC");
    expect(await stateOf(host, "IISADMIN")).toBe(SvcState.Running);
    await waitState(host, "W3SVC", SvcState.Running);
    expect(await workerPids(host)).toHaveLength(3);
  });
});

describe("fault profiles", () => {
  it("exports a closed list of names for CLI validation", () => {
    expect(FAULT_NAMES).toEqual([
      "none",
      "hung-stop",
      "slow-stop",
      "start-failure",
      "unkillable-process",
      "crash-on-start",
      "flapping-health",
      "hung-stop-protected",
    ]);
    expect(isFaultName("hung-stop")).toBe(true);
    expect(isFaultName("HUNG")).toBe(false);
    expect(parseFaultName("slow-stop")).toBe("slow-stop");
    expect(() => parseFaultName("melted")).toThrow(/expected one of: none, hung-stop/);
    const host = makeHost();
    expect(host.fault).toBe("none");
    expect(() => host.setFault("melted" as FaultName)).toThrow(RangeError);
  });

  it("hung-stop: W3SVC stays STOP_PENDING, checkpoint frozen, refusing controls, until killed", async () => {
    const host = makeHost({ fault: "hung-stop", checkpointMs: 5 });
    await host.stopService("W3SVC");
    const first = await host.queryService("W3SVC");
    expect(first.state).toBe(SvcState.StopPending);
    expect(first.waitHintMs).toBeGreaterThan(0);
    await sleep(100); // many checkpoint intervals and several stopMs
    const later = await host.queryService("W3SVC");
    expect(later.state).toBe(SvcState.StopPending);
    expect(later.checkpoint).toBe(first.checkpoint);
    await expectWin32(host.stopService("W3SVC"), Win32.SERVICE_CANNOT_ACCEPT_CTRL);
    await expectWin32(host.startService("W3SVC"), Win32.SERVICE_ALREADY_RUNNING);
    await expectWin32(host.stopService("WAS"), Win32.DEPENDENT_SERVICES_RUNNING);
    // The workers are still there: the force path has IIS processes to kill.
    expect(await workerPids(host)).toHaveLength(3);
    // Non-IIS services are unaffected.
    await host.stopService("Spooler");
    await waitState(host, "Spooler", SvcState.Stopped);

    await killPid(host, first.pid);
    expect(await stateOf(host, "W3SVC")).toBe(SvcState.Stopped);
    expect(await stateOf(host, "WAS")).toBe(SvcState.Stopped);
    expect(await workerPids(host)).toEqual([]);
  });

  it("hung-stop: WAS hangs too", async () => {
    const host = makeHost({ fault: "hung-stop", running: ["WAS"] });
    await host.stopService("WAS");
    await sleep(60);
    expect(await stateOf(host, "WAS")).toBe(SvcState.StopPending);
    await expectWin32(host.stopService("WAS"), Win32.SERVICE_CANNOT_ACCEPT_CTRL);
  });

  it("slow-stop: takes many times stopMs, but checkpoints keep advancing", async () => {
    const host = makeHost({ fault: "slow-stop", stopMs: 10, checkpointMs: 5 });
    await host.stopService("Spooler");
    await host.stopService("W3SVC");
    const first = await host.queryService("W3SVC");
    await waitFor(async () => (await host.queryService("W3SVC")).checkpoint > first.checkpoint);
    await waitState(host, "W3SVC", SvcState.Stopped);
    expect((await host.queryService("W3SVC")).win32ExitCode).toBe(0);
    // Measured on the host's own timestamps: non-IIS Spooler stops in stopMs, W3SVC in 10 × stopMs.
    const stops = host.stateLog.filter((c) => c.service === "W3SVC" || c.service === "Spooler");
    const duration = (name: string) => {
      const began = stops.find((c) => c.service === name && c.to === SvcState.StopPending);
      const ended = stops.find((c) => c.service === name && c.to === SvcState.Stopped);
      if (!began || !ended) throw new Error(`incomplete stop of ${name}`);
      return ended.atMs - began.atMs;
    };
    expect(duration("W3SVC")).toBeGreaterThanOrEqual(10 * 10 - 2); // timers may fire ~1 ms early
    expect(stops.filter((c) => c.to === SvcState.Stopped).map((c) => c.service)).toEqual(["Spooler", "W3SVC"]);
  });

  it("start-failure: WAS never finishes starting (1053), so starting W3SVC fails with 1068", async () => {
    const host = makeHost({ fault: "start-failure", startTimeoutMs: 100 });
    await netStopY(host, "WAS");
    const logStart = host.stateLog.length;
    await expectWin32(host.startService("W3SVC"), Win32.SERVICE_DEPENDENCY_FAIL);
    const was = await host.queryService("WAS");
    expect(was.state).toBe(SvcState.Stopped);
    expect(was.win32ExitCode).toBe(Win32.SERVICE_REQUEST_TIMEOUT);
    expect(await stateOf(host, "W3SVC")).toBe(SvcState.Stopped);
    expect(host.stateLog.slice(logStart).map((c) => `${c.service}:${SvcState[c.to]}:${c.win32ExitCode}`)).toEqual([
      "WAS:StartPending:0",
      "WAS:Stopped:1053",
    ]);

    // Started directly, WAS is accepted, shows no progress, and ends STOPPED.
    await host.startService("WAS");
    const pending = await host.queryService("WAS");
    expect(pending.state).toBe(SvcState.StartPending);
    await sleep(20);
    const later = await host.queryService("WAS");
    if (later.state === SvcState.StartPending) expect(later.checkpoint).toBe(pending.checkpoint);
    await waitState(host, "WAS", SvcState.Stopped);

    host.setFault("none");
    await host.startService("W3SVC");
    await waitState(host, "W3SVC", SvcState.Running);
  });

  it("unkillable-process: an orphaned w3wp hosting IIS code denies termination and outlives IIS", async () => {
    const host = makeHost({ fault: "unkillable-process" });
    const poolPids = await workerPids(host);
    const w3wps = (await host.listProcesses()).filter((p) => p.image === "w3wp.exe");
    const orphan = w3wps.find((p) => !poolPids.includes(p.pid));
    if (!orphan) throw new Error("no orphan worker");
    expect(orphan.modules).toContain("iiscore.dll");
    expect(orphan.appPool).toBe("DefaultAppPool");
    await expectWin32(killPid(host, orphan.pid), Win32.ACCESS_DENIED);

    await host.stopService("W3SVC");
    await waitState(host, "W3SVC", SvcState.Stopped);
    expect((await host.listProcesses()).map((p) => p.pid)).toContain(orphan.pid);

    host.setFault("none");
    expect((await host.listProcesses()).map((p) => p.pid)).not.toContain(orphan.pid);
  });

  it("crash-on-start: W3SVC reaches START_PENDING, then ends STOPPED with 1067", async () => {
    const host = makeHost({ fault: "crash-on-start" });
    await host.stopService("W3SVC");
    await waitState(host, "W3SVC", SvcState.Stopped);
    await host.startService("W3SVC"); // accepted: the engine only sees the failure by polling
    expect(await stateOf(host, "W3SVC")).toBe(SvcState.StartPending);
    await waitState(host, "W3SVC", SvcState.Stopped);
    expect((await host.queryService("W3SVC")).win32ExitCode).toBe(Win32.PROCESS_ABORTED);
    expect(await stateOf(host, "WAS")).toBe(SvcState.Running);
    expect(await workerPids(host)).toEqual([]);
    const w3svcLog = host.stateLog.filter((c) => c.service === "W3SVC").map((c) => SvcState[c.to]);
    expect(w3svcLog).toEqual(["StopPending", "Stopped", "StartPending", "Stopped"]);
  });

  it("flapping-health: alternates on each probe while serving; steady otherwise", async () => {
    const healthy = makeHost();
    expect([healthy.isHealthy(), healthy.isHealthy(), healthy.isHealthy()]).toEqual([true, true, true]);

    const host = makeHost({ fault: "flapping-health" });
    expect([host.isHealthy(), host.isHealthy(), host.isHealthy(), host.isHealthy()]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    await host.stopService("W3SVC");
    expect([host.isHealthy(), host.isHealthy()]).toEqual([false, false]);
  });

  it("switches at runtime: the next transition follows the new profile", async () => {
    const host = makeHost();
    await host.stopService("W3SVC");
    await waitState(host, "W3SVC", SvcState.Stopped);
    await host.startService("W3SVC");
    await waitState(host, "W3SVC", SvcState.Running);
    host.setFault("hung-stop");
    expect(host.fault).toBe("hung-stop");
    await host.stopService("W3SVC");
    await sleep(60);
    expect(await stateOf(host, "W3SVC")).toBe(SvcState.StopPending);
    // Switching back does not unstick a stop that already hung.
    host.setFault("none");
    await sleep(60);
    expect(await stateOf(host, "W3SVC")).toBe(SvcState.StopPending);
  });

  it("every fault name constructs a working host", async () => {
    for (const fault of FAULT_NAMES) {
      const host = makeHost({ fault });
      expect(host.fault).toBe(fault);
      expect(await stateOf(host, "W3SVC")).toBe(SvcState.Running);
    }
  });
});

describe("stateLog", () => {
  it("records every change with the injected clock's timestamps", async () => {
    let now = 5_000;
    const clock: Clock = {
      now: () => (now += 10),
      sleep: (ms) => sleep(ms),
    };
    const host = makeHost({ clock });
    const base = now; // construction read the clock too (process creation times)
    expect(host.stateLog).toEqual([]);
    const seen: string[] = [];
    const unsubscribe = host.onStateChange((c) => seen.push(`${c.service}:${SvcState[c.to]}`));
    await host.stopService("W3SVC");
    await waitState(host, "W3SVC", SvcState.Stopped);
    unsubscribe();
    await host.startService("W3SVC");
    await waitState(host, "W3SVC", SvcState.Running);

    const log = host.stateLog;
    expect(log.map((c) => [c.service, c.from, c.to])).toEqual([
      ["W3SVC", SvcState.Running, SvcState.StopPending],
      ["W3SVC", SvcState.StopPending, SvcState.Stopped],
      ["W3SVC", SvcState.Stopped, SvcState.StartPending],
      ["W3SVC", SvcState.StartPending, SvcState.Running],
    ]);
    expect(log.map((c) => c.atMs)).toEqual([base + 10, base + 20, base + 30, base + 40]);
    expect(Object.isFrozen(log[0])).toBe(true);
    expect(seen).toEqual(["W3SVC:StopPending", "W3SVC:Stopped"]);
  });

  it("lets a caller measure how long IIS was out of service", async () => {
    const before = Date.now();
    const host = makeHost();
    await netStopY(host, "WAS");
    await host.startService("W3SVC");
    await waitState(host, "W3SVC", SvcState.Running);
    const after = Date.now();
    const log = host.stateLog;
    for (const change of log) {
      expect(change.atMs).toBeGreaterThanOrEqual(before);
      expect(change.atMs).toBeLessThanOrEqual(after);
    }
    const down = log.find((c) => c.service === "W3SVC" && c.from === SvcState.Running);
    const up = log.findLast((c) => c.service === "W3SVC" && c.to === SvcState.Running);
    if (!down || !up) throw new Error("missing entries");
    expect(up.atMs).toBeGreaterThanOrEqual(down.atMs);
  });
});

describe("dispose", () => {
  it("clears every timer, fails waits in flight, and refuses further use", async () => {
    // Only RPCSS runs: starting Spooler first has to start (and wait for) HTTP.
    const host = new SimulatedHost({ stopMs: 30, startMs: 5_000, running: [] });
    const start = host.startService("Spooler").then(
      () => "resolved",
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    await sleep(5);
    const logLength = host.stateLog.length;
    host.dispose();
    host.dispose(); // idempotent
    expect(await start).toMatch(/disposed/);
    await sleep(50);
    expect(host.stateLog.length).toBe(logLength);
    await expect(host.listServices()).rejects.toThrow(/disposed/);
    expect(() => host.isHealthy()).toThrow(/disposed/);
  });
});

describe("pid reuse, host call failures and call cost", () => {
  it("with pidReuse a freed pid goes to an unrelated process, and a kill of the listed one leaves it alone (87)", async () => {
    const host = makeHost({ pidReuse: true });
    const worker = (await host.listProcesses()).find((p) => p.image === "w3wp.exe");
    if (!worker?.createdAtMs) throw new Error("no worker");
    const ref = { pid: worker.pid, image: worker.image, createdAtMs: worker.createdAtMs };
    await host.killProcess(ref);
    const now = (await host.listProcesses()).find((p) => p.pid === worker.pid);
    expect(now?.image).toBe("WmiPrvSE.exe");
    const err = await expectWin32(host.killProcess(ref), 87);
    expect(err).toBeInstanceOf(ProcessGoneError);
    expect((err as ProcessGoneError).now?.image).toBe("WmiPrvSE.exe");
    expect((await host.listProcesses()).some((p) => p.pid === worker.pid && p.image === "WmiPrvSE.exe")).toBe(true);
  });

  it("a failed call: a timeout or unreadable output after the call took effect, a failed spawn or script fault before", async () => {
    for (const [kind, tookEffect] of [["timeout", true], ["malformed-output", true], ["spawn-failed", false], ["script-fault", false]] as const) {
      const host = makeHost();
      host.failCall({ kind, call: "stopService", target: "Spooler" });
      await expect(host.stopService("Spooler")).rejects.toBeInstanceOf(SimulatedCallError);
      expect(await stateOf(host, "Spooler"), kind).toBe(tookEffect ? SvcState.StopPending : SvcState.Running);
      // Used once: the next call goes through.
      expect((await host.queryService("Spooler")).name).toBe("Spooler");
    }
  });

  it("skips the matching calls it is told to, and counts every call", async () => {
    const host = makeHost();
    const base = host.calls;
    host.failCall({ kind: "spawn-failed", skip: 2 });
    await host.listServices();
    await host.queryService("WAS");
    await expect(host.queryService("WAS")).rejects.toThrow(/powershell\.exe could not be started/);
    expect(host.calls - base).toBe(3);
  });

  it("charges callMs on every call", async () => {
    const host = makeHost({ callMs: 40 });
    const t0 = Date.now();
    await host.queryService("W3SVC");
    await host.listProcesses();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(78);
  });

  it("IIS 6 compatibility on IIS 10: IISADMIN and SMTPSVC share inetinfo.exe, beside WAS", async () => {
    const host = makeHost({ iis6Compat: true });
    expect(await host.iisGeneration()).toBe("iis7plus");
    const inetinfo = (await host.listProcesses()).find((p) => p.image === "inetinfo.exe");
    expect(inetinfo?.services.sort()).toEqual(["IISADMIN", "SMTPSVC"]);
    expect(await stateOf(host, "WAS")).toBe(SvcState.Running);
  });
});
