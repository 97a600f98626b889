// The Windows host adapter, without Windows: its parsers against golden PowerShell outputs (English, German,
// IIS 6, refusals, garbage), the exact command lines it would spawn, WindowsHost through a fake runner, and the
// reset engine driving WindowsHost against a scripted Windows that changes state like the SCM does.
import { EventEmitter } from "node:events";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { type Clock, ObjectState, ProcessGoneError, SvcState, Win32, Win32Error } from "../src/host/port.js";
import {
  type ChildLike,
  EventEntryType,
  HostScriptError,
  IisNotInstalledError,
  MAX_COMMAND_LINE,
  MalformedOutputError,
  parseKillResult,
  parseObjectStateChange,
  parseSites,
  PowerShellError,
  type PsInvocation,
  type PsResult,
  type PsRunner,
  RejectedArgumentError,
  ResetEventId,
  SCRIPTS,
  type ScriptName,
  StopRefusedError,
  WindowsHost,
  WindowsWin32Error,
  ArrCounterState,
  appPoolFromCommandLine,
  buildInvocation,
  createPowerShellRunner,
  decideGeneration,
  encodeCommand,
  parseAppPools,
  parseArrMember,
  parseEnvelope,
  parseProcesses,
  parseServiceList,
  parseServiceQuery,
  parseStopResult,
  powershellPath,
  scriptName,
  stopServiceReturnToWin32,
  withArguments,
} from "../src/host/windows/index.js";
import { transitiveDependents } from "../src/reset/dependencies.js";
import { ResetEngine } from "../src/reset/engine.js";
import type { ResetOptions, StepRecord } from "../src/reset/types.js";

// ---------------------------------------------------------------- golden files

const GOLDEN_DIR = new URL("./golden/windows/", import.meta.url);
const used = new Set<string>();

function golden(rel: string): string {
  used.add(rel);
  return readFileSync(new URL(rel, GOLDEN_DIR), "utf8");
}

/** The `data` of a golden success envelope. */
function data(rel: string): Record<string, unknown> {
  const env = parseEnvelope(golden(rel), rel);
  if (!env.ok) throw new Error(`${rel} is an error envelope`);
  return env.data;
}

function errorOf(rel: string) {
  const env = parseEnvelope(golden(rel), rel);
  if (env.ok) throw new Error(`${rel} is a success envelope`);
  return env.error;
}

function allGoldenFiles(dir: URL = GOLDEN_DIR, prefix = ""): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const url = new URL(entry, dir);
    if (statSync(url).isDirectory()) return allGoldenFiles(new URL(`${entry}/`, dir), `${prefix}${entry}/`);
    return entry === "README.md" ? [] : [`${prefix}${entry}`];
  });
}

const byName = <T extends { name: string }>(list: T[], name: string): T => {
  const found = list.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new Error(`${name} not in list`);
  return found;
};

// ---------------------------------------------------------------- parsers

describe("parsers against golden outputs: Windows Server 2022, IIS 10, English", () => {
  const snapshot = () => parseServiceList(data("ws2022-en/services.json"));

  it("reads every service with numeric states, checkpoints, pids and dependencies", () => {
    const { services, iis } = snapshot();
    expect(services.length).toBe(39); // 30 Win32 services and the 9 drivers they depend on
    expect(iis).toEqual({ majorVersion: 10, minorVersion: 0 });
    expect(byName(services, "W3SVC")).toEqual({
      name: "W3SVC",
      displayName: "World Wide Web Publishing Service",
      state: SvcState.Running,
      serviceType: 32,
      acceptsStop: true,
      checkpoint: 0,
      waitHintMs: 0,
      pid: 3472,
      win32ExitCode: 0,
      startType: 2,
      dependsOn: ["WAS", "HTTP"],
    });
    expect(byName(services, "WAS").pid).toBe(3472); // WAS and W3SVC share the iissvcs svchost
    const ssdp = byName(services, "SSDPSRV");
    expect(ssdp).toMatchObject({ state: SvcState.Stopped, pid: 0, win32ExitCode: 1077 });
  });

  it("includes the HTTP.SYS driver (a kernel driver, no process) that W3SVC depends on", () => {
    expect(byName(snapshot().services, "HTTP")).toMatchObject({ serviceType: 1, state: SvcState.Running, pid: 0, acceptsStop: true });
  });

  it("builds the dependency graph the engine needs, whatever the case of the registry's names", () => {
    const { services } = snapshot();
    expect(byName(services, "Spooler").dependsOn).toEqual(["RPCSS", "http"]);
    expect([...transitiveDependents(services, "HTTP").keys()].sort()).toEqual(["SSDPSRV", "Spooler", "W3SVC", "WinRM"]);
    expect([...transitiveDependents(services, "WAS").keys()].sort()).toEqual(["NetPipeActivator", "NetTcpActivator", "W3SVC"]);
  });

  it("decides IIS 7+ because WAS exists, though IISADMIN (IIS 6 compatibility) is installed too", () => {
    const snap = snapshot();
    expect(snap.services.some((s) => s.name === "IISADMIN")).toBe(true);
    expect(decideGeneration(snap)).toBe("iis7plus");
  });

  it("reads single queries: running, stop pending with checkpoint and wait hint, a driver, a crash exit code", () => {
    expect(parseServiceQuery(data("ws2022-en/query-w3svc-running.json"))).toMatchObject({ state: SvcState.Running, pid: 3472 });
    expect(parseServiceQuery(data("ws2022-en/query-was-stop-pending.json"))).toMatchObject({
      state: SvcState.StopPending,
      checkpoint: 2,
      waitHintMs: 30_000,
      acceptsStop: false,
    });
    expect(parseServiceQuery(data("ws2022-en/query-http-driver.json"))).toMatchObject({ name: "HTTP", serviceType: 1, pid: 0 });
    expect(parseServiceQuery(data("ws2022-en/query-w3svc-crashed-1067.json"))).toMatchObject({
      state: SvcState.Stopped,
      win32ExitCode: Win32.PROCESS_ABORTED,
    });
  });

  it("reads processes: hosted services, lower-cased modules, pools from w3wp command lines, per-process module errors", () => {
    const procs = parseProcesses(data("ws2022-en/processes.json"));
    const iis = procs.find((p) => p.pid === 3472);
    expect(iis?.services).toEqual(["W3SVC", "WAS"]);
    expect(iis?.modules).toContain("iisw3adm.dll");
    expect(iis?.modules).toContain("kernel32.dll");
    expect(procs.filter((p) => p.appPool !== undefined).map((p) => [p.pid, p.appPool])).toEqual([
      [5120, "DefaultAppPool"],
      [5208, "ShopAppPool"],
      [5316, "ApiAppPool"],
      [5401, "ShopAppPool"],
    ]);
    // The RPCSS host and Defender's protected process refuse to be opened: recorded as Win32 5, not a failed list.
    expect(procs.find((p) => p.pid === 964)).toMatchObject({ services: ["RpcEptMapper", "RpcSs"], modulesError: { win32: 5 } });
    expect(procs.find((p) => p.pid === 964)?.modules).toBeUndefined();
    expect(procs.find((p) => p.pid === 3010)?.modulesError?.win32).toBe(5);
    // A worker that exited between the two reads: ArgumentException's HRESULT 0x80070057 carried as 87.
    expect(procs.find((p) => p.pid === 5401)?.modulesError?.win32).toBe(87);
    // Not a service host, not a worker: modules were not read at all (the scan IISRESET does is the bug).
    expect(procs.find((p) => p.pid === 4410)).toEqual({ pid: 4410, image: "explorer.exe", createdAtMs: 1764490324234, services: [] });
  });

  it("reads application pools by ObjectState number, with worker pids", () => {
    const snap = parseAppPools(data("ws2022-en/apppools.json"));
    expect(snap.provider).toBe("mwa");
    expect(snap.pools.map((p) => [p.name, p.state, p.started, p.workerPids])).toEqual([
      ["DefaultAppPool", 1, true, [5120]],
      [".NET v4.5", 1, true, []],
      [".NET v4.5 Classic", 3, false, []],
      ["ShopAppPool", 1, true, [5208]],
      ["ApiAppPool", 1, true, [5316]],
    ]);
  });

  it("reads a pool whose state could not be read as not started, with the HRESULT's Win32 code (0x800710D8 → 4312)", () => {
    const pool = parseAppPools(data("ws2022-en/apppools-state-unknown.json")).pools[1];
    expect(pool).toMatchObject({ name: "NewPool", started: false, stateError: { win32: 4312 } });
    expect(pool?.state).toBeUndefined();
  });

  it("reads the control results", () => {
    expect(parseStopResult(data("ws2022-en/stop-accepted.json"))).toBe(0);
    expect(data("ws2022-en/start-accepted.json")).toEqual({ service: "W3SVC" });
    expect(parseKillResult(data("ws2022-en/kill-ok.json"))).toEqual({ killed: true });
    expect(parseKillResult(data("ws2022-en/kill-pid-reused.json"))).toEqual({ killed: false, image: "WmiPrvSE.exe", createdAtMs: 1764735391205 });
    expect(data("ws2022-en/recycle-ok.json")).toEqual({ name: "ShopAppPool", state: 1 });
    expect(data("ws2022-en/event-written.json")).toEqual({ source: "iisfleet", eventId: 3201 });
  });
});

describe("parsers against golden outputs: German Windows (de-DE) — decided by number, not text", () => {
  it("reads localized display names, and every number and name is identical to the English host", () => {
    const en = parseServiceList(data("ws2022-en/services.json"));
    const de = parseServiceList(data("ws2022-de/services.json"));
    expect(byName(de.services, "W3SVC").displayName).toBe("WWW-Publishingdienst");
    expect(byName(de.services, "WAS").displayName).toBe("Windows-Prozessaktivierungsdienst");
    // Non-ASCII arrives \u-escaped (console code pages cannot garble it) and decodes exactly.
    expect(byName(de.services, "DoSvc").displayName).toBe("Übermittlungsoptimierung");
    expect(golden("ws2022-de/services.json")).toContain("\\u00dcbermittlungsoptimierung");
    const strip = (s: { displayName: string }) => ({ ...s, displayName: "" });
    expect(de.services.map(strip)).toEqual(en.services.map(strip));
    expect(decideGeneration(de)).toBe("iis7plus");
    expect(parseServiceQuery(data("ws2022-de/query-w3svc-running.json"))).toEqual({
      ...parseServiceQuery(data("ws2022-en/query-w3svc-running.json")),
      displayName: "WWW-Publishingdienst",
    });
  });

  it("reads German failures by their Win32 code; the message is only carried along", () => {
    expect(errorOf("ws2022-de/start-1056.json")).toMatchObject({ win32: 1056, message: expect.stringContaining("Ausnahme beim Aufrufen") });
    expect(errorOf("ws2022-de/kill-access-denied.json")).toMatchObject({ win32: 5, message: expect.stringContaining("Zugriff verweigert") });
    expect(errorOf("ws2022-de/query-1060.json").win32).toBe(1060);
  });
});

describe("parsers against golden outputs: IIS 6 (Windows Server 2003 style)", () => {
  it("decides IIS 6 from IISADMIN without WAS, and reads InetStp 6.0", () => {
    const snap = parseServiceList(data("ws2003-iis6/services.json"));
    expect(decideGeneration(snap)).toBe("iis6");
    expect(snap.iis).toEqual({ majorVersion: 6, minorVersion: 0 });
    expect([...transitiveDependents(snap.services, "IISADMIN").keys()].sort()).toEqual(["MSFTPSVC", "SMTPSVC", "W3SVC"]);
  });

  it("finds iisw3adm.dll in the svchost hosting W3SVC, the metabase in inetinfo.exe, and IIS 6's w3wp command line", () => {
    const procs = parseProcesses(data("ws2003-iis6/processes.json"));
    expect(procs.find((p) => p.modules?.includes("iisw3adm.dll"))).toMatchObject({ pid: 1964, image: "svchost.exe", services: ["W3SVC"] });
    expect(procs.find((p) => p.pid === 1520)).toMatchObject({ image: "inetinfo.exe", services: ["IISADMIN", "MSFTPSVC"] });
    expect(procs.find((p) => p.image === "w3wp.exe")?.appPool).toBe("DefaultAppPool");
    expect(procs.find((p) => p.pid === 744)?.modulesError?.win32).toBe(Win32.ACCESS_DENIED);
  });

  it("reports no application pools where Microsoft.Web.Administration does not exist", () => {
    expect(parseAppPools(data("ws2003-iis6/apppools.json"))).toEqual({ provider: "none", pools: [] });
    expect(errorOf("ws2003-iis6/recycle-no-mwa-2.json").win32).toBe(2);
  });
});

describe("parsers against golden outputs: refusals and garbage", () => {
  it.each([
    ["errors/kill-access-denied-5.json", 5],
    ["errors/kill-gone-87.json", 87],
    ["errors/query-unknown-1060.json", 1060],
    ["errors/stop-unknown-1060.json", 1060],
    ["errors/start-already-running-1056.json", 1056],
    ["errors/start-disabled-1058.json", 1058],
    ["errors/recycle-unknown-pool-87.json", 87],
  ])("%s carries Win32 %i", (rel, win32) => {
    expect(errorOf(rel).win32).toBe(win32);
  });

  it("keeps a failure without a Win32 code without one (never guessed)", () => {
    const e = errorOf("errors/cim-failure-no-win32.json");
    expect(e.win32).toBeUndefined();
    expect(e).toMatchObject({ type: "Microsoft.Management.Infrastructure.CimException", hresult: -2146233088 });
  });

  it.each([
    ["errors/stop-cannot-accept-1061.json", 5, 1061],
    ["errors/stop-not-active-1062.json", 6, 1062],
    ["errors/stop-dependents-1051.json", 3, 1051],
  ])("%s: StopService's %i is Win32 %i", (rel, returnValue, win32) => {
    expect(parseStopResult(data(rel))).toBe(returnValue);
    expect(stopServiceReturnToWin32(returnValue)).toBe(win32);
  });

  it("maps StopService's documented values to their Win32 twins, and leaves the twinless ones unmapped", () => {
    expect(parseStopResult(data("errors/stop-unknown-failure-8.json"))).toBe(8);
    expect([0, 2, 7, 10, 13, 14].map(stopServiceReturnToWin32)).toEqual([0, 5, 1053, 1056, 1068, 1058]);
    expect(stopServiceReturnToWin32(8)).toBeUndefined();
    expect(stopServiceReturnToWin32(24)).toBeUndefined();
    expect(stopServiceReturnToWin32(2_147_749_889)).toBeUndefined();
  });

  it("rejects truncated output", () => {
    expect(() => parseEnvelope(golden("errors/truncated.json"), "services")).toThrow(MalformedOutputError);
    expect(() => parseEnvelope(golden("errors/truncated.json"), "services")).toThrow(/not JSON/);
  });

  it("rejects anything printed around the JSON instead of searching for it", () => {
    expect(() => parseEnvelope(golden("errors/not-json.txt"), "start")).toThrow(/not JSON.*Windows PowerShell/);
  });

  it("rejects a state given as text: states are numbers", () => {
    const env = parseEnvelope(golden("errors/state-as-text.json"), "query");
    if (!env.ok) throw new Error("expected ok");
    expect(() => parseServiceQuery(env.data)).toThrow(/data\.service\.state should be an integer in 1\.\.7, got "Running"/);
  });

  it("rejects empty output", () => {
    expect(() => parseEnvelope(golden("errors/empty.txt"), "query")).toThrow(/printed nothing/);
  });

  it("rejects wrong shapes with the field's path", () => {
    expect(() => parseEnvelope('{"v":2,"ok":true,"data":{}}', "x")).toThrow(/output\.v should be 1/);
    expect(() => parseEnvelope('{"v":1,"ok":true,"data":[]}', "x")).toThrow(/output\.data should be an object/);
    expect(() => parseEnvelope('{"v":1,"ok":false,"error":{"win32":5}}', "x")).toThrow(/output\.error\.hresult/);
    expect(() => parseServiceList({ services: [{}], iis: {} })).toThrow(/data\.services\[0\]\.state/);
    expect(() => parseServiceList({ services: [], iis: { majorVersion: "10" } })).toThrow(/majorVersion/);
    expect(() => parseProcesses({ processes: [{ pid: -1 }] })).toThrow(/data\.processes\[0\]\.pid/);
    expect(() => parseAppPools({ provider: "appcmd", pools: [] })).toThrow(/data\.provider/);
    expect(() => parseAppPools({ provider: "mwa", pools: [{ name: "P", state: 9, stateError: null, workerPids: [] }] })).toThrow(/state/);
  });

  it("refuses to name a generation when neither WAS nor IISADMIN exists", () => {
    expect(() => decideGeneration({ services: [], iis: { majorVersion: 10 } })).toThrow(IisNotInstalledError);
  });

  it("reads w3wp command lines of both generations, and nothing from others", () => {
    expect(appPoolFromCommandLine('c:\\windows\\system32\\inetsrv\\w3wp.exe -ap "My Pool (prod)" -v "v4.0"')).toBe("My Pool (prod)");
    expect(appPoolFromCommandLine('w3wp.exe -a \\\\.\\pipe\\iisipm1 -ap "DefaultAppPool"')).toBe("DefaultAppPool");
    expect(appPoolFromCommandLine("w3wp.exe -v v4.0")).toBeUndefined();
    expect(appPoolFromCommandLine('w3wp.exe -apx "Nope"')).toBeUndefined();
  });
});

// ---------------------------------------------------------------- command building

const MALICIOUS = 'W3SVC"; Remove-Item C:\\ -Recurse; "';
const ENV = { SystemRoot: "C:\\Windows" };
const decodeCommand = (b64: string) => Buffer.from(b64, "base64").toString("utf16le");

describe("command building", () => {
  it("spawns powershell.exe by absolute path, without a shell, with exactly these arguments", () => {
    const inv = buildInvocation(SCRIPTS.stopService, ["WAS"], ENV, "x64");
    expect(inv.file).toBe("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
    expect(inv.args.slice(0, 5)).toEqual(["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand"]);
    expect(inv.args).toHaveLength(6);
    expect(inv.args[5]).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(inv.options).toEqual({ shell: false, windowsHide: true, stdio: ["ignore", "pipe", "pipe"] });
  });

  it("encodes the script as UTF-16LE base64, arguments as base64 literals that decode to the originals", () => {
    const inv = buildInvocation(SCRIPTS.queryService, ["W3SVC"], ENV, "x64");
    const text = decodeCommand(inv.args[5] ?? "");
    expect(text).toBe(withArguments(SCRIPTS.queryService, ["W3SVC"]));
    const firstLine = text.split("\n")[0] ?? "";
    expect(firstLine).toBe(
      "$A = [string[]]@(@('VzNTVkM=') | ForEach-Object { [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($_)) })",
    );
    expect(text.endsWith(SCRIPTS.queryService)).toBe(true);
    expect(withArguments("x", [])).toBe("$A = [string[]]@()\nx");
    expect(encodeCommand("A")).toBe("QQA=");
  });

  it("never puts an argument's text into the script: even a hostile one is only base64 data", () => {
    const text = withArguments(SCRIPTS.startService, [MALICIOUS, "Grüße ' \" ` $(x)"]);
    expect(text).not.toContain("Remove-Item");
    expect(text).not.toContain("Grüße");
    const literals = [...(text.split("\n")[0] ?? "").matchAll(/'([^']*)'/g)].map((m) => m[1] ?? "");
    expect(literals).toHaveLength(2);
    for (const lit of literals) expect(lit).toMatch(/^[A-Za-z0-9+/]*=*$/);
    expect(literals.map((l) => Buffer.from(l, "base64").toString("utf8"))).toEqual([MALICIOUS, "Grüße ' \" ` $(x)"]);
  });

  it("uses Sysnative from a 32-bit Node on 64-bit Windows, and SystemRoot wherever Windows lives", () => {
    expect(powershellPath({ SystemRoot: "D:\\WINDOWS\\", PROCESSOR_ARCHITEW6432: "AMD64" }, "ia32")).toBe(
      "D:\\WINDOWS\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe",
    );
    expect(powershellPath({ windir: "E:\\Win" }, "x64")).toBe("E:\\Win\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
    expect(powershellPath({}, "ia32")).toBe("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
  });

  it("keeps every script, with realistic arguments, within Windows' command-line limit", () => {
    const args: Record<ScriptName, string[]> = {
      listServices: [],
      queryService: ["NetTcpActivator"],
      stopService: ["NetTcpActivator"],
      startService: ["NetTcpActivator"],
      listProcesses: [],
      killProcess: ["2147483647"],
      listAppPools: [],
      recycleAppPool: [".NET v4.5 Classic"],
      startAppPool: ["p".repeat(64)],
      listSites: [],
      stopSite: ["s".repeat(260)],
      startSite: ["ü".repeat(260)],
      writeEvent: ["3202", "1", "ü".repeat(2_000)],
      arrMember: ["x".repeat(200), "y".repeat(254), "available"],
    };
    for (const name of Object.keys(SCRIPTS) as ScriptName[]) {
      const inv = buildInvocation(SCRIPTS[name], args[name], ENV, "x64");
      const line = [inv.file, ...inv.args].join(" ").length + 2;
      expect(line, name).toBeLessThan(MAX_COMMAND_LINE);
    }
    expect(() => buildInvocation("x".repeat(13_000), [], ENV, "x64")).toThrow(PowerShellError);
  });

  it("builds every script as one JSON envelope, without backticks or comments", () => {
    for (const [name, text] of Object.entries(SCRIPTS)) {
      expect(text, name).toContain("ConvertTo-IfJson ([ordered]@{ v = 1; ok = $true; data = $data })");
      expect(text, name).not.toContain("`");
      expect(text.split("\n").some((l) => l.startsWith("#")), name).toBe(false);
      expect(scriptName(text)).toBe(name);
    }
    // The stop goes through Win32_Service.StopService, never ServiceController.Stop() (which stops dependents itself).
    expect(SCRIPTS.stopService).toContain("-MethodName StopService");
    expect(SCRIPTS.stopService).not.toMatch(/\$sc\.Stop\(/);
  });
});

// ---------------------------------------------------------------- the real runner, with a fake spawn

class FakeChild extends EventEmitter implements ChildLike {
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  killed = false;
  kill(): boolean {
    this.killed = true;
    return true;
  }
}

describe("createPowerShellRunner", () => {
  it("spawns exactly the built invocation and returns stdout, stderr and the exit code", async () => {
    const seen: { file: string; args: string[]; options: PsInvocation["options"] }[] = [];
    const runner = createPowerShellRunner({
      env: ENV,
      arch: "x64",
      spawn: (file, args, options) => {
        seen.push({ file, args, options });
        const child = new FakeChild();
        setImmediate(() => {
          child.stdout.end(golden("ws2022-en/start-accepted.json"));
          child.stderr.end("");
          child.emit("close", 0, null);
        });
        return child;
      },
    });
    const result = await runner(SCRIPTS.startService, ["W3SVC"]);
    expect(seen).toEqual([buildInvocation(SCRIPTS.startService, ["W3SVC"], ENV, "x64")]);
    expect(result).toEqual({ stdout: golden("ws2022-en/start-accepted.json"), stderr: "", exitCode: 0 });
  });

  it("kills a PowerShell that does not finish in time and says so", async () => {
    const child = new FakeChild();
    const runner = createPowerShellRunner({ env: ENV, arch: "x64", timeoutMs: 20, spawn: () => child });
    await expect(runner(SCRIPTS.listServices, [])).rejects.toMatchObject({ name: "PowerShellError", code: "TIMEOUT" });
    expect(child.killed).toBe(true);
  });

  it("reports a PowerShell that cannot be started", async () => {
    const runner = createPowerShellRunner({
      env: ENV,
      arch: "x64",
      spawn: () => {
        const child = new FakeChild();
        setImmediate(() => child.emit("error", Object.assign(new Error("spawn ENOENT"), { code: "ENOENT" })));
        return child;
      },
    });
    await expect(runner(SCRIPTS.listServices, [])).rejects.toMatchObject({ code: "SPAWN_FAILED" });
  });

  it("stops reading a runaway output", async () => {
    const child = new FakeChild();
    const runner = createPowerShellRunner({ env: ENV, arch: "x64", maxOutputBytes: 10, spawn: () => child });
    const pending = runner(SCRIPTS.listServices, []);
    child.stdout.write("x".repeat(64));
    await expect(pending).rejects.toMatchObject({ code: "OUTPUT_TOO_LARGE" });
    expect(child.killed).toBe(true);
  });
});

// ---------------------------------------------------------------- WindowsHost through a fake runner

interface Call {
  script: ScriptName;
  args: string[];
}

/** A runner answering each script with a golden file (or a given result), recording what was asked. */
function goldenRunner(answers: Partial<Record<ScriptName, string | PsResult>>): { runner: PsRunner; calls: Call[] } {
  const calls: Call[] = [];
  const runner: PsRunner = async (script, args) => {
    const name = scriptName(script);
    if (!name) throw new Error("unknown script");
    calls.push({ script: name, args });
    const answer = answers[name];
    if (answer === undefined) throw new Error(`no answer for ${name}`);
    return typeof answer === "string" ? { stdout: golden(answer), stderr: "", exitCode: 0 } : answer;
  };
  return { runner, calls };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection");
}

describe("WindowsHost with golden outputs", () => {
  it("lists services and detects the generation once (it changes only with an IIS install)", async () => {
    const { runner, calls } = goldenRunner({ listServices: "ws2022-en/services.json" });
    const host = new WindowsHost(runner);
    expect(host.adapter).toBe("windows");
    expect(await host.iisGeneration()).toBe("iis7plus");
    expect(await host.iisGeneration()).toBe("iis7plus");
    expect((await host.listServices()).length).toBe(39);
    expect(await host.iisInstall()).toEqual({ majorVersion: 10, minorVersion: 0 });
    expect(calls.map((c) => c.script)).toEqual(["listServices", "listServices", "listServices"]);
  });

  it("detects IIS 6 on an IIS 6 host", async () => {
    const { runner } = goldenRunner({ listServices: "ws2003-iis6/services.json", listAppPools: "ws2003-iis6/apppools.json" });
    const host = new WindowsHost(runner);
    expect(await host.iisGeneration()).toBe("iis6");
    expect(await host.listAppPools()).toEqual([]);
  });

  it("queries one service, passing its name as the only argument", async () => {
    const { runner, calls } = goldenRunner({ queryService: "ws2022-en/query-was-stop-pending.json" });
    const info = await new WindowsHost(runner).queryService("WAS");
    expect(info).toMatchObject({ name: "WAS", state: SvcState.StopPending, checkpoint: 2 });
    expect(calls).toEqual([{ script: "queryService", args: ["WAS"] }]);
  });

  it("throws Win32Error 1060 for a service that does not exist", async () => {
    const { runner } = goldenRunner({ queryService: "errors/query-unknown-1060.json" });
    const err = await rejection(new WindowsHost(runner).queryService("NoSuchSvc"));
    expect(err).toBeInstanceOf(Win32Error);
    expect(err).toBeInstanceOf(WindowsWin32Error);
    expect(err).toMatchObject({ win32: Win32.SERVICE_DOES_NOT_EXIST, operation: "OpenService", target: "NoSuchSvc" });
    expect((err as WindowsWin32Error).detail.type).toBe("System.Management.Automation.GetValueInvocationException");
    expect((err as Error).message).toBe(
      "OpenService NoSuchSvc: The specified service does not exist as an installed service. (Win32 1060)",
    );
  });

  it("stops: accepted, or refused with the Win32 code of StopService's answer", async () => {
    const cases: [string, number][] = [
      ["errors/stop-cannot-accept-1061.json", Win32.SERVICE_CANNOT_ACCEPT_CTRL],
      ["errors/stop-not-active-1062.json", Win32.SERVICE_NOT_ACTIVE],
      ["errors/stop-dependents-1051.json", Win32.DEPENDENT_SERVICES_RUNNING],
      ["errors/stop-unknown-1060.json", Win32.SERVICE_DOES_NOT_EXIST],
    ];
    const ok = goldenRunner({ stopService: "ws2022-en/stop-accepted.json" });
    await expect(new WindowsHost(ok.runner).stopService("WAS")).resolves.toBeUndefined();
    expect(ok.calls).toEqual([{ script: "stopService", args: ["WAS"] }]);
    for (const [file, win32] of cases) {
      const { runner } = goldenRunner({ stopService: file });
      const err = await rejection(new WindowsHost(runner).stopService("WAS"));
      expect(err, file).toBeInstanceOf(Win32Error);
      expect((err as Win32Error).win32, file).toBe(win32);
    }
    const refused = await rejection(new WindowsHost(goldenRunner({ stopService: "errors/stop-cannot-accept-1061.json" }).runner).stopService("WAS"));
    expect(refused).toBeInstanceOf(StopRefusedError);
    expect(refused).toMatchObject({ returnValue: 5, win32: 1061, operation: "ControlService(SERVICE_CONTROL_STOP)" });
  });

  it("reports a StopService answer without a Win32 twin as an internal error that names WMI's value", async () => {
    const { runner } = goldenRunner({ stopService: "errors/stop-unknown-failure-8.json" });
    const err = await rejection(new WindowsHost(runner).stopService("WAS"));
    expect(err).toMatchObject({ win32: 1359, returnValue: 8 });
    expect((err as Error).message).toContain("Win32_Service.StopService returned 8");
  });

  it("starts, and throws 1056 / 1058 as numbers — the same from an English and a German Windows", async () => {
    await expect(new WindowsHost(goldenRunner({ startService: "ws2022-en/start-accepted.json" }).runner).startService("W3SVC")).resolves.toBeUndefined();
    for (const [file, win32] of [
      ["errors/start-already-running-1056.json", Win32.SERVICE_ALREADY_RUNNING],
      ["ws2022-de/start-1056.json", Win32.SERVICE_ALREADY_RUNNING],
      ["errors/start-disabled-1058.json", Win32.SERVICE_DISABLED],
    ] as const) {
      const err = await rejection(new WindowsHost(goldenRunner({ startService: file }).runner).startService("W3SVC"));
      expect(err, file).toBeInstanceOf(Win32Error);
      expect(err, file).toMatchObject({ win32, operation: "StartService", target: "W3SVC" });
      // The report's text is ours, in English, whatever the host's language.
      expect((err as Error).message, file).toContain(`(Win32 ${win32})`);
      expect((err as Error).message, file).not.toContain("Ausnahme");
    }
  });

  it("kills the process listed (pid, image, creation time), and throws 5 for a protected process and 87 for one already gone", async () => {
    const ok = goldenRunner({ killProcess: "ws2022-en/kill-ok.json" });
    await new WindowsHost(ok.runner).killProcess({ pid: 5120, image: "w3wp.exe", createdAtMs: 1764663123412 });
    expect(ok.calls).toEqual([{ script: "killProcess", args: ["5120", "w3wp.exe", "1764663123412"] }]);
    for (const [file, win32] of [
      ["errors/kill-access-denied-5.json", 5],
      ["ws2022-de/kill-access-denied.json", 5],
      ["errors/kill-gone-87.json", 87],
    ] as const) {
      const err = await rejection(new WindowsHost(goldenRunner({ killProcess: file }).runner).killProcess({ pid: 964, image: "svchost.exe", createdAtMs: 1 }));
      expect(err, file).toMatchObject({ win32, operation: "TerminateProcess", target: "pid 964" });
    }
  });

  it("a pid that now names another process is left alone and answered 87, naming what holds it (pid reuse)", async () => {
    const reused = goldenRunner({ killProcess: "ws2022-en/kill-pid-reused.json" });
    const err = await rejection(new WindowsHost(reused.runner).killProcess({ pid: 5120, image: "w3wp.exe", createdAtMs: 1764663123412 }));
    expect(err).toBeInstanceOf(ProcessGoneError);
    expect(err).toMatchObject({ win32: 87, now: { image: "WmiPrvSE.exe", createdAtMs: 1764735391205 } });
    expect((err as Error).message).toContain("the pid now belongs to WmiPrvSE.exe");
  });

  it("the process list carries each process's creation time (null only for the idle process)", async () => {
    const host = new WindowsHost(goldenRunner({ listProcesses: "ws2022-en/processes.json" }).runner);
    const processes = await host.listProcesses();
    expect(processes.find((p) => p.pid === 0)?.createdAtMs).toBeUndefined();
    expect(processes.filter((p) => p.pid !== 0).every((p) => Number.isSafeInteger(p.createdAtMs))).toBe(true);
    const { runner } = goldenRunner({ listProcesses: "ws2022-en/processes.json" });
    const stale = async (script: string, args: string[]) => {
      const out = await runner(script, args);
      return { ...out, stdout: out.stdout.replace(/"createdAtMs":\d+,/, "") };
    };
    expect(await rejection(new WindowsHost(stale).listProcesses())).toBeInstanceOf(MalformedOutputError);
  });

  it("lists processes and app pools, and recycles by name", async () => {
    const { runner, calls } = goldenRunner({
      listProcesses: "ws2022-en/processes.json",
      listAppPools: "ws2022-en/apppools.json",
      recycleAppPool: "ws2022-en/recycle-ok.json",
    });
    const host = new WindowsHost(runner);
    expect((await host.listProcesses()).find((p) => p.pid === 3472)?.services).toEqual(["W3SVC", "WAS"]);
    expect((await host.listAppPools()).filter((p) => p.started).map((p) => p.name)).toEqual([
      "DefaultAppPool",
      ".NET v4.5",
      "ShopAppPool",
      "ApiAppPool",
    ]);
    await host.recycleAppPool(".NET v4.5 Classic");
    expect(calls.at(-1)).toEqual({ script: "recycleAppPool", args: [".NET v4.5 Classic"] });
  });

  it("throws 87 for an unknown pool and 2 where IIS 6 has no configuration API", async () => {
    expect(await rejection(new WindowsHost(goldenRunner({ recycleAppPool: "errors/recycle-unknown-pool-87.json" }).runner).recycleAppPool("Gone"))).toMatchObject({ win32: 87 });
    expect(await rejection(new WindowsHost(goldenRunner({ recycleAppPool: "ws2003-iis6/recycle-no-mwa-2.json" }).runner).recycleAppPool("DefaultAppPool"))).toMatchObject({ win32: 2 });
  });

  it("reports a failure without a Win32 code as such, with its HRESULT — not as a Win32Error", async () => {
    const err = await rejection(new WindowsHost(goldenRunner({ listServices: "errors/cim-failure-no-win32.json" }).runner).listServices());
    expect(err).toBeInstanceOf(HostScriptError);
    expect(err).not.toBeInstanceOf(Win32Error);
    expect((err as Error).message).toBe(
      "EnumServicesStatusEx (all services) failed: Microsoft.Management.Infrastructure.CimException (HRESULT 0x80131500).",
    );
  });

  it("reports PowerShell itself failing (no result, non-zero exit) with its stderr", async () => {
    const { runner } = goldenRunner({ listServices: { stdout: "", stderr: "Program 'powershell.exe' failed to run:\r\n  Access is denied", exitCode: 1 } });
    const err = await rejection(new WindowsHost(runner).listServices());
    expect(err).toBeInstanceOf(PowerShellError);
    expect((err as Error).message).toContain("exited with 1");
    expect((err as Error).message).toContain("Access is denied");
  });

  it("propagates unreadable output as MalformedOutputError", async () => {
    const { runner } = goldenRunner({ listServices: "errors/truncated.json" });
    await expect(new WindowsHost(runner).listServices()).rejects.toBeInstanceOf(MalformedOutputError);
    const text = goldenRunner({ queryService: "errors/state-as-text.json" });
    await expect(new WindowsHost(text.runner).queryService("W3SVC")).rejects.toThrow(/state should be an integer/);
  });

  it("writes the reset event with the id, the entry type number and the message as arguments", async () => {
    const { runner, calls } = goldenRunner({ writeEvent: "ws2022-en/event-written.json" });
    const host = new WindowsHost(runner);
    await host.writeEvent({ eventId: ResetEventId.Completed, type: EventEntryType.Information, message: "IIS restarted by iisfleet (cmd 42)." });
    expect(calls).toEqual([{ script: "writeEvent", args: ["3201", "4", "IIS restarted by iisfleet (cmd 42)."] }]);
    await host.writeEvent({ eventId: ResetEventId.Failed, type: EventEntryType.Error, message: "x".repeat(5_000) });
    expect(calls[1]?.args[2]).toHaveLength(2_000);
    expect(calls[1]?.args.slice(0, 2)).toEqual(["3202", "1"]);
  });
});

describe("WindowsHost validates before it spawns anything", () => {
  const spawnless = () => {
    const calls: string[] = [];
    const runner: PsRunner = async (script) => {
      calls.push(scriptName(script) ?? "?");
      throw new Error("must not run");
    };
    return { host: new WindowsHost(runner), calls };
  };

  it.each([MALICIOUS, "", " W3SVC", "W3SVC ", "W3SVC\n", "a/b", "a\\b", "W3*", "it's", "$(calc)", "x".repeat(257)])(
    "refuses the service name %j with Win32 123 and no process",
    async (name) => {
      const { host, calls } = spawnless();
      for (const call of [host.queryService(name), host.stopService(name), host.startService(name)]) {
        const err = await rejection(call);
        expect(err).toBeInstanceOf(RejectedArgumentError);
        expect(err).toBeInstanceOf(Win32Error);
        expect((err as Win32Error).win32).toBe(123);
      }
      expect(calls).toEqual([]);
    },
  );

  it("says what it refused, quoted and escaped", async () => {
    const err = await rejection(spawnless().host.stopService(MALICIOUS));
    expect((err as Error).message).toContain('refused before running anything');
    expect((err as Error).message).toContain(JSON.stringify(MALICIOUS));
  });

  it("recycles every pool name IIS can hold, carried as data: umlauts, @ # & +, quotes — never spliced into the script", async () => {
    const names = ["Büro", "Kunden@Shop", "Team #1", "R&D", "C++ Tools", "O'Brien", MALICIOUS, "Żółw (ąę)", "日本語"];
    for (const name of names) {
      const { runner, calls } = goldenRunner({ recycleAppPool: "ws2022-en/recycle-ok.json" });
      await new WindowsHost(runner).recycleAppPool(name);
      expect(calls, name).toEqual([{ script: "recycleAppPool", args: [name] }]);
      const text = withArguments(SCRIPTS.recycleAppPool, [name]);
      expect(text.split("\n").slice(1).join("\n"), name).toBe(SCRIPTS.recycleAppPool);
      expect(text.split("\n")[0], name).not.toContain(name);
    }
  });

  it("refuses pool names no IIS configuration can hold (control characters, empty, padded, too long), pids and event arguments without a process", async () => {
    const { host, calls } = spawnless();
    for (const name of ["Pool\nrm", "Pool\u0000", "Pool\u001b[2J", "Pool\u0085", "", " Pool", "Pool ", "x".repeat(300), "Pool\ud800"]) {
      expect(await rejection(host.recycleAppPool(name)), JSON.stringify(name)).toMatchObject({ win32: 123 });
    }
    for (const pid of [0, -4, 1.5, Number.NaN, 2 ** 31, 2 ** 32, Number.MAX_SAFE_INTEGER + 2]) {
      expect(await rejection(host.killProcess({ pid, image: "w3wp.exe", createdAtMs: 1 }))).toMatchObject({ win32: 87 });
    }
    for (const image of ["w3wp.exe'; Stop-Computer", "..\\x.exe", ""]) {
      expect(await rejection(host.killProcess({ pid: 5120, image, createdAtMs: 1 }))).toMatchObject({ win32: 123 });
    }
    expect(await rejection(host.killProcess({ pid: 5120, image: "w3wp.exe", createdAtMs: -1 }))).toMatchObject({ win32: 87 });
    expect(await rejection(host.writeEvent({ eventId: 70_000, type: EventEntryType.Error, message: "m" }))).toMatchObject({ win32: 87 });
    const badType = { eventId: 3201, type: 3, message: "m" } as unknown as Parameters<WindowsHost["writeEvent"]>[0];
    expect(await rejection(host.writeEvent(badType))).toMatchObject({ win32: 87 });
    expect(calls).toEqual([]);
  });

  it("accepts the real names it must handle", async () => {
    const { runner, calls } = goldenRunner({ queryService: "ws2022-en/query-w3svc-running.json", recycleAppPool: "ws2022-en/recycle-ok.json" });
    const host = new WindowsHost(runner);
    for (const name of ["W3SVC", "MSSQL$SQLEXPRESS", "CDPUserSvc_3a7f1", "Some Vendor Service", "wuauserv"]) await host.queryService(name);
    for (const pool of ["DefaultAppPool", ".NET v4.5 Classic", "Shop (prod)", "api-v2_pool"]) await host.recycleAppPool(pool);
    expect(calls).toHaveLength(9);
  });
});

// ---------------------------------------------------------------- the engine on WindowsHost

/** Time that passes only when the engine sleeps: the test is instant and deterministic. */
class ManualClock implements Clock {
  private t = 1_700_000_000_000;
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.t += ms;
  }
}

interface SimService {
  name: string;
  displayName: string;
  state: SvcState;
  serviceType: number;
  hostPid: number;
  dependsOn: string[];
  checkpoint: number;
  waitHintMs: number;
  exitCode: number;
  startType: number;
  /** Queries left before a pending state completes. */
  pendingPolls: number;
}

interface SimProcess {
  pid: number;
  image: string;
  createdAtMs: number;
  modules: string[] | null;
  commandLine: string | null;
  protectedProcess: boolean;
}

interface ScriptedBehaviour {
  /** Services whose stop is refused with StopService 5 (Win32 1061) while their process lives. */
  refuseStop?: string[];
  /** Services that accept the stop and then hang in STOP_PENDING with a frozen checkpoint. */
  hangStop?: string[];
  /** Pids that deny termination (Win32 5). */
  protectedPids?: number[];
}

/**
 * A scripted Windows answering WindowsHost's scripts the way the real ones would, in the golden files' shape:
 * stop requests move a service through STOP_PENDING (checkpoint advancing on each query) to STOPPED, starts
 * through START_PENDING to RUNNING; killing a service host stops its services with 1067.
 */
/** When the scripted Windows booted: creation times are counted from here. */
const BOOT_MS = 1_764_483_123_412;

class ScriptedWindows {
  readonly calls: Call[] = [];
  private readonly services: SimService[];
  private readonly processes: SimProcess[];

  constructor(private readonly behaviour: ScriptedBehaviour = {}) {
    const svc = (name: string, hostPid: number, dependsOn: string[], state = SvcState.Running, serviceType = 32): SimService => ({
      name,
      displayName: name,
      state,
      serviceType,
      hostPid,
      dependsOn,
      checkpoint: 0,
      waitHintMs: 0,
      exitCode: state === SvcState.Running ? 0 : 1077,
      startType: state === SvcState.Running ? 2 : 3,
      pendingPolls: 0,
    });
    // The graph of the ws2022-en golden, reduced to what an IIS reset touches.
    this.services = [
      svc("RpcSs", 964, []),
      svc("HTTP", 0, [], SvcState.Running, 1),
      svc("WAS", 3472, ["RPCSS"]),
      svc("W3SVC", 3472, ["WAS", "HTTP"]),
      svc("NetTcpPortSharing", 2876, []),
      svc("NetTcpActivator", 2876, ["NetTcpPortSharing", "WAS"]),
      svc("NetPipeActivator", 2876, ["WAS"]),
      svc("SSDPSRV", 1610, ["HTTP"], SvcState.Stopped),
      svc("IISADMIN", 3290, ["RPCSS"]),
    ];
    const w3wp = (pid: number, pool: string): SimProcess => ({
      pid,
      image: "w3wp.exe",
      createdAtMs: BOOT_MS + pid,
      modules: ["w3wp.exe", "ntdll.dll", "iiscore.dll"],
      commandLine: `c:\\windows\\system32\\inetsrv\\w3wp.exe -ap "${pool}" -v "v4.0"`,
      protectedProcess: false,
    });
    this.processes = [
      { pid: 4, image: "System", createdAtMs: BOOT_MS + 4, modules: null, commandLine: null, protectedProcess: true },
      { pid: 964, image: "svchost.exe", createdAtMs: BOOT_MS + 964, modules: null, commandLine: null, protectedProcess: true },
      { pid: 2876, image: "SMSvcHost.exe", createdAtMs: BOOT_MS + 2876, modules: ["SMSvcHost.exe", "clr.dll"], commandLine: null, protectedProcess: false },
      { pid: 3290, image: "inetinfo.exe", createdAtMs: BOOT_MS + 3290, modules: ["inetinfo.exe", "iisadmin.dll"], commandLine: null, protectedProcess: false },
      { pid: 3472, image: "svchost.exe", createdAtMs: BOOT_MS + 3472, modules: ["svchost.exe", "ntdll.dll", "iisw3adm.dll"], commandLine: null, protectedProcess: false },
      w3wp(5120, "DefaultAppPool"),
      w3wp(5316, "ApiAppPool"),
    ];
    for (const pid of behaviour.protectedPids ?? []) {
      const p = this.processes.find((x) => x.pid === pid);
      if (p) p.protectedProcess = true;
    }
  }

  readonly runner: PsRunner = async (script, args) => {
    const name = scriptName(script);
    if (!name) throw new Error("unknown script");
    this.calls.push({ script: name, args });
    switch (name) {
      case "listServices":
        return this.ok({ services: this.services.map((s) => this.json(s)), iis: { majorVersion: 10, minorVersion: 0 } });
      case "queryService":
        return this.withService(args[0], (s) => {
          this.advance(s);
          return this.ok({ service: this.json(s) });
        });
      case "stopService":
        return this.withService(args[0], (s) => this.ok({ service: s.name, returnValue: this.stop(s) }));
      case "startService":
        return this.withService(args[0], (s) => {
          if (s.state !== SvcState.Stopped) return this.fail(1056, "System.Management.Automation.MethodInvocationException");
          Object.assign(s, { state: SvcState.StartPending, checkpoint: 1, waitHintMs: 2_000, pendingPolls: 2, exitCode: 0 });
          return this.ok({ service: s.name });
        });
      case "listProcesses":
        return this.ok({
          processes: this.processes.map((p) => ({
            pid: p.pid,
            image: p.image,
            createdAtMs: p.createdAtMs,
            services: this.services.filter((s) => s.hostPid === p.pid && s.state !== SvcState.Stopped).map((s) => s.name),
            commandLine: p.commandLine,
            modules: p.modules,
            modulesError: p.modules === null && p.pid !== 4 ? { win32: 5, hresult: -2146233087, type: "GetValueInvocationException", message: "Zugriff verweigert" } : null,
          })),
        });
      case "killProcess":
        return this.kill(Number(args[0]), args[1] ?? "", Number(args[2]));
      default:
        throw new Error(`the scripted Windows does not answer ${name}`);
    }
  };

  state(name: string): SvcState {
    return byName(this.services, name).state;
  }

  private stop(s: SimService): number {
    if (s.state === SvcState.Stopped) return 6; // → 1062
    if ((this.behaviour.refuseStop ?? []).includes(s.name)) return 5; // → 1061
    const dependents = this.services.filter(
      (d) => d.state !== SvcState.Stopped && d.dependsOn.some((n) => n.toLowerCase() === s.name.toLowerCase()),
    );
    if (dependents.length > 0) return 3; // → 1051
    const hang = (this.behaviour.hangStop ?? []).includes(s.name);
    Object.assign(s, { state: SvcState.StopPending, checkpoint: 1, waitHintMs: hang ? 100 : 2_000, pendingPolls: hang ? Infinity : 2 });
    return 0;
  }

  /** Each query of a pending service is a tick of its own progress, as a service calling SetServiceStatus. */
  private advance(s: SimService): void {
    if (s.state !== SvcState.StopPending && s.state !== SvcState.StartPending) return;
    if (s.pendingPolls === Infinity) return; // hung: the checkpoint never moves
    s.pendingPolls -= 1;
    s.checkpoint += 1;
    if (s.pendingPolls > 0) return;
    const running = s.state === SvcState.StartPending;
    Object.assign(s, { state: running ? SvcState.Running : SvcState.Stopped, checkpoint: 0, waitHintMs: 0 });
  }

  private kill(pid: number, image: string, createdAtMs: number): PsResult {
    const index = this.processes.findIndex((p) => p.pid === pid);
    const proc = this.processes[index];
    if (!proc) return this.fail(87, "System.ComponentModel.Win32Exception");
    if (proc.image.toLowerCase() !== image.toLowerCase() || proc.createdAtMs !== createdAtMs) {
      return this.ok({ pid, killed: false, image: proc.image, createdAtMs: proc.createdAtMs });
    }
    if (proc.protectedProcess) return this.fail(5, "System.Management.Automation.MethodInvocationException");
    this.processes.splice(index, 1);
    for (const s of this.services.filter((x) => x.hostPid === pid && x.state !== SvcState.Stopped)) {
      Object.assign(s, { state: SvcState.Stopped, checkpoint: 0, waitHintMs: 0, pendingPolls: 0, exitCode: 1067 });
    }
    // The process is gone: a restarted service gets a new host (and refuses nothing any more).
    if (this.behaviour.refuseStop) this.behaviour.refuseStop = [];
    return this.ok({ pid, killed: true });
  }

  private json(s: SimService) {
    const live = s.state !== SvcState.Stopped;
    return {
      name: s.name,
      displayName: s.displayName,
      state: s.state,
      serviceType: s.serviceType,
      acceptsStop: s.state === SvcState.Running,
      checkpoint: s.checkpoint,
      waitHintMs: s.waitHintMs,
      pid: live ? s.hostPid : 0,
      win32ExitCode: live ? 0 : s.exitCode,
      startType: s.startType,
      dependsOn: s.dependsOn,
    };
  }

  private withService(name: string | undefined, fn: (s: SimService) => PsResult): PsResult {
    const s = this.services.find((x) => x.name.toLowerCase() === (name ?? "").toLowerCase());
    return s ? fn(s) : this.fail(1060, "System.Management.Automation.GetValueInvocationException");
  }

  private ok(payload: Record<string, unknown>): PsResult {
    return { stdout: `${JSON.stringify({ v: 1, ok: true, data: payload })}\r\n`, stderr: "", exitCode: 0 };
  }

  private fail(win32: number, type: string): PsResult {
    const error = { win32, hresult: -2146233087, type, message: "(localized text, never read)" };
    return { stdout: `${JSON.stringify({ v: 1, ok: false, error })}\r\n`, stderr: "", exitCode: 0 };
  }
}

function resetOptions(o: Partial<ResetOptions> = {}): ResetOptions {
  return { operation: "restart", level: "iis", force: false, stopTimeoutMs: 20_000, startTimeoutMs: 60_000, ...o };
}

const targets = (steps: StepRecord[], action: string) => steps.filter((s) => s.action === action).map((s) => s.target);

describe("the reset engine driving WindowsHost", () => {
  it("restarts IIS as iisreset does on IIS 10 with IIS 6 compatibility: dependents first, then WAS and IISADMIN; starts them and W3SVC", async () => {
    const win = new ScriptedWindows();
    const report = await new ResetEngine(new WindowsHost(win.runner), { clock: new ManualClock(), pollMs: 50 }).run(resetOptions());
    expect(report).toMatchObject({ ok: true, code: "OK", message: "Internet services successfully restarted." });
    expect(targets(report.steps, "stop")).toEqual(["NetPipeActivator", "NetTcpActivator", "W3SVC", "WAS", "IISADMIN"]);
    expect(targets(report.steps, "start")).toEqual(["WAS", "W3SVC", "NetPipeActivator", "NetTcpActivator", "IISADMIN"]);
    expect(report.steps.every((s) => s.ok && s.win32 === 0)).toBe(true);
    for (const step of report.steps.filter((s) => s.action === "stop")) {
      expect(step).toMatchObject({ fromState: SvcState.Running, toState: SvcState.Stopped });
    }
    for (const name of ["WAS", "W3SVC", "NetTcpActivator", "NetPipeActivator", "IISADMIN", "HTTP"]) expect(win.state(name)).toBe(SvcState.Running);
    expect(win.state("SSDPSRV")).toBe(SvcState.Stopped); // stopped before, stopped after, never touched
    // Every service name went to PowerShell as a validated argument; nothing was killed.
    expect(win.calls.filter((c) => c.script === "killProcess")).toEqual([]);
    expect(win.calls.filter((c) => c.script === "stopService").map((c) => c.args)).toEqual([
      ["NetPipeActivator"],
      ["NetTcpActivator"],
      ["W3SVC"],
      ["WAS"],
      ["IISADMIN"],
    ]);
  });

  it("restarts at level http, a ladder over iis: the WAS tree and IISADMIN too, then HTTP.SYS last; a stopped dependent stays stopped", async () => {
    const win = new ScriptedWindows();
    const report = await new ResetEngine(new WindowsHost(win.runner), { clock: new ManualClock(), pollMs: 50 }).run(resetOptions({ level: "http" }));
    expect(report).toMatchObject({ ok: true, code: "OK" });
    expect(targets(report.steps, "stop")).toEqual(["NetPipeActivator", "NetTcpActivator", "W3SVC", "WAS", "IISADMIN", "HTTP"]);
    expect(new Set(targets(report.steps, "start"))).toEqual(new Set(targets(report.steps, "stop")));
    expect(win.state("SSDPSRV")).toBe(SvcState.Stopped);
    for (const name of ["WAS", "W3SVC", "NetTcpActivator", "NetPipeActivator", "IISADMIN", "HTTP"]) expect(win.state(name)).toBe(SvcState.Running);
  });

  it("noforce: WAS refuses with 1061 — the reset fails clearly, kills nothing, and starts again what it stopped", async () => {
    const win = new ScriptedWindows({ refuseStop: ["WAS"] });
    const report = await new ResetEngine(new WindowsHost(win.runner), { clock: new ManualClock(), pollMs: 50 }).run(resetOptions());
    expect(report).toMatchObject({ ok: false, code: "STOP_FAILED" });
    expect(report.message).toContain("WAS refused to stop: The service cannot accept control messages at this time. (Win32 1061)");
    const refused = report.steps.find((s) => s.action === "stop" && s.target === "WAS");
    expect(refused).toMatchObject({ ok: false, win32: Win32.SERVICE_CANNOT_ACCEPT_CTRL });
    expect(win.calls.some((c) => c.script === "killProcess" || c.script === "listProcesses")).toBe(false);
    for (const name of ["WAS", "W3SVC", "NetTcpActivator", "NetPipeActivator"]) expect(win.state(name)).toBe(SvcState.Running);
  });

  it("noforce: a stop that hangs with a frozen checkpoint is called stuck (1053) by its wait hint, long before the deadline", async () => {
    const win = new ScriptedWindows({ hangStop: ["WAS"] });
    const clock = new ManualClock();
    const t0 = clock.now();
    const report = await new ResetEngine(new WindowsHost(win.runner), { clock, pollMs: 10 }).run(resetOptions());
    expect(report.code).toBe("STOP_FAILED");
    const stuck = report.steps.find((s) => s.action === "stop" && s.target === "WAS");
    expect(stuck).toMatchObject({ ok: false, win32: Win32.SERVICE_REQUEST_TIMEOUT, toState: SvcState.StopPending });
    expect(stuck?.message).toMatch(/stuck in STOP_PENDING: checkpoint 1 has not advanced/);
    expect(clock.now() - t0).toBeLessThan(20_000);
    expect(win.calls.some((c) => c.script === "killProcess")).toBe(false);
  });

  it("force never kills a shared host: NetTcpActivator refusing (1061) lives in SMSvcHost with NetTcpPortSharing", async () => {
    const win = new ScriptedWindows({ refuseStop: ["NetTcpActivator"] });
    const report = await new ResetEngine(new WindowsHost(win.runner), { clock: new ManualClock(), pollMs: 50 }).run(resetOptions({ force: true }));
    expect(report).toMatchObject({ ok: false, code: "STOP_FAILED" });
    expect(report.message).toContain("pid 2876 SMSvcHost.exe, which also hosts NetTcpPortSharing");
    expect(win.calls.filter((c) => c.script === "killProcess")).toEqual([]);
    for (const name of ["NetTcpPortSharing", "NetTcpActivator", "NetPipeActivator", "W3SVC", "WAS"]) expect(win.state(name)).toBe(SvcState.Running);
  });

  it("force: kills WAS's host and the workers, skips and reports the one that denies access (5), and succeeds", async () => {
    const win = new ScriptedWindows({ refuseStop: ["WAS"], protectedPids: [5316] });
    const report = await new ResetEngine(new WindowsHost(win.runner), { clock: new ManualClock(), pollMs: 50 }).run(resetOptions({ force: true }));
    expect(report).toMatchObject({ ok: true, code: "OK" });
    const kills = report.steps.filter((s) => s.action === "kill");
    expect(kills.map((s) => [s.target, s.win32, s.ok, s.skipped])).toEqual([
      ["pid 3472 svchost.exe (WAS)", 0, true, false],
      ["pid 5120 w3wp.exe", 0, true, false],
      ["pid 5316 w3wp.exe", 5, true, true],
    ]);
    // Only the process hosting the service that failed (and its workers), each checked by image and creation time:
    // not the protected RPCSS host, not inetinfo, not SMSvcHost (it still hosts NetTcpPortSharing).
    expect(win.calls.filter((c) => c.script === "killProcess").map((c) => c.args)).toEqual([
      ["3472", "svchost.exe", String(BOOT_MS + 3472)],
      ["5120", "w3wp.exe", String(BOOT_MS + 5120)],
      ["5316", "w3wp.exe", String(BOOT_MS + 5316)],
    ]);
    for (const name of ["WAS", "W3SVC", "NetTcpActivator", "NetPipeActivator"]) expect(win.state(name)).toBe(SvcState.Running);
  });
});

// ---------------------------------------------------------------- IIS Application Request Routing (ARR host)

describe("ARR web farm members (golden outputs)", () => {
  it("the script is exactly the reviewed golden text: SetState by the input's name, counters read as numbers", () => {
    // A change to the script must change arr/arr-member.ps1 in the same commit (regenerate it from SCRIPTS.arrMember).
    expect(SCRIPTS.arrMember).toBe(golden("arr/arr-member.ps1"));
    expect(SCRIPTS.arrMember).toContain("$arr.Methods['SetState'].CreateInstance()");
    expect(SCRIPTS.arrMember).toContain("$call.Input.SetAttributeValue('newState', $newState)");
    expect(SCRIPTS.arrMember).toContain("[int]$c.GetAttributeValue('state')");
    expect(SCRIPTS.arrMember).toContain("[long]$c.GetAttributeValue('currentRequests')");
  });

  it("passes farm, address and action only as base64 arguments, whatever they contain", () => {
    const inv = buildInvocation(SCRIPTS.arrMember, ["shop farm", "web01.shop.local", "drain"], ENV, "x64");
    const text = Buffer.from(inv.args[inv.args.length - 1] as string, "base64").toString("utf16le");
    expect(text).toBe(withArguments(SCRIPTS.arrMember, ["shop farm", "web01.shop.local", "drain"]));
    expect(text.split("\n")[0]).not.toContain("shop farm");
  });

  it("reads a drained member, one drained to 0, and one back but not yet healthy, by ARR's numbers", () => {
    expect(parseArrMember(data("arr/drain-accepted.json"))).toEqual({
      found: "ok",
      member: { webFarm: "shopfarm", server: "web01.shop.local", state: "drain", healthy: true, currentRequests: 3, totalRequests: 48211 },
    });
    expect(parseArrMember(data("arr/status-drained.json"))).toMatchObject({ member: { state: "drain", currentRequests: 0 } });
    expect(parseArrMember(data("arr/available-unhealthy.json"))).toMatchObject({ member: { state: "available", healthy: false } });
    expect(ArrCounterState).toEqual({ Available: 0, Drain: 1, Unavailable: 2 });
  });

  it("refuses a state given as text: states are numbers", () => {
    expect(() => parseArrMember(data("arr/state-as-text.json"))).toThrow(/data\.state should be an integer in 0\.\.2, got "Drain"/);
    expect(() => parseArrMember({ found: "maybe" })).toThrow(MalformedOutputError);
  });

  it("WindowsHost: drain sends the farm, the address and the action, and returns the member", async () => {
    const { runner, calls } = goldenRunner({ arrMember: "arr/drain-accepted.json" });
    const member = await new WindowsHost(runner).arrMember("shopfarm", "web01.shop.local", "drain");
    expect(member).toMatchObject({ state: "drain", currentRequests: 3 });
    expect(calls).toEqual([{ script: "arrMember", args: ["shopfarm", "web01.shop.local", "drain"] }]);
  });

  it.each([
    ["arr/farm-not-found.json", "FARM_UNKNOWN", 'ARR on this host has no web farm "shopfarm" (it has: apifarm, shopfarm).'],
    ["arr/server-not-found.json", "SERVER_UNKNOWN", 'Web farm "shopfarm" has no server "web01.shop.local" (it has: web01.shop.local, web02.shop.local).'],
    ["arr/arr-not-installed.json", "NO_LB", "IIS Application Request Routing is not installed on this host (no arr_schema.xml in IIS's configuration schema)."],
  ])("WindowsHost: %s is an LbMemberError %s that says what exists", async (file, code, message) => {
    const { runner } = goldenRunner({ arrMember: file });
    await expect(new WindowsHost(runner).arrMember("shopfarm", "web01.shop.local", "status")).rejects.toMatchObject({ name: "LbMemberError", code, message });
  });

  it("WindowsHost: a host where the agent may not read IIS's configuration answers Win32 5", async () => {
    const { runner } = goldenRunner({ arrMember: "arr/access-denied-5.json" });
    const err = await rejection(new WindowsHost(runner).arrMember("shopfarm", "web01.shop.local", "drain"));
    expect(err).toBeInstanceOf(WindowsWin32Error);
    expect(err).toMatchObject({ win32: 5, operation: "ARR SetState(Drain)", target: "shopfarm/web01.shop.local" });
  });

  it("WindowsHost: refuses a farm name or an address outside the allowed set before spawning anything", async () => {
    const { runner, calls } = goldenRunner({});
    const host = new WindowsHost(runner);
    await expect(host.arrMember("shop'farm", "web01", "drain")).rejects.toBeInstanceOf(RejectedArgumentError);
    await expect(host.arrMember("shopfarm", "web01;calc", "drain")).rejects.toThrow(/not a valid ARR server address name/);
    expect(calls).toEqual([]);
  });
});

// ---------------------------------------------------------------- named pools and sites

describe("pools and sites through Microsoft.Web.Administration (goldens)", () => {
  it("parses the site list: ids, ObjectState, every binding, the root application's pool, a state that could not be read", () => {
    const snap = parseSites(data("ws2022-en/sites.json"));
    expect(snap.provider).toBe("mwa");
    expect(snap.sites.map((s) => [s.name, s.id, s.started, s.appPool])).toEqual([
      ["Default Web Site", 1, true, "DefaultAppPool"],
      ["Shop", 2, true, "ShopAppPool"],
      ["Api", 3, false, "ApiAppPool"],
      ["Bob's Büro", 4, true, ".NET v4.5 Classic"],
    ]);
    expect(byName(snap.sites, "Shop").bindings).toEqual(["http/*:80:shop.example.com", "https/*:443:shop.example.com"]);
    const ftp = byName(parseSites(data("ws2022-en/sites-state-unknown.json")).sites, "Legacy FTP");
    expect(ftp).toMatchObject({ id: 5, started: false, bindings: ["ftp/*:21:"] });
    expect(ftp.state).toBeUndefined();
    expect(ftp.stateError?.type).toBe("System.NotImplementedException");
    expect(parseSites(data("ws2003-iis6/sites.json"))).toEqual({ provider: "none", sites: [] });
    expect(() => parseSites(data("errors/site-id-as-text.json"))).toThrow(/data\.sites\[0\]\.id should be an integer/);
  });

  it("reads what a pool start and a site stop / start answered (ObjectState before and after)", () => {
    expect(parseObjectStateChange(data("ws2022-en/start-pool-ok.json"), "x")).toEqual({ name: ".NET v4.5 Classic", before: 3, state: 1 });
    expect(parseObjectStateChange(data("ws2022-en/stop-site-ok.json"), "x")).toEqual({ name: "Shop", before: 1, state: 3 });
    expect(parseObjectStateChange(data("ws2022-en/start-site-ok.json"), "x")).toEqual({ name: "Shop", before: 3, state: 1 });
  });

  it("reads IIS's pending states: Stop() / Start() answered Stopping / Starting, a listing with a site Stopping and one Starting", () => {
    expect(parseObjectStateChange(data("ws2022-en/stop-site-stopping.json"), "x")).toEqual({ name: "Shop", before: 1, state: ObjectState.Stopping });
    expect(parseObjectStateChange(data("ws2022-en/start-pool-starting.json"), "x")).toEqual({ name: ".NET v4.5 Classic", before: 3, state: ObjectState.Starting });
    const pending = parseSites(data("ws2022-en/sites-pending.json")).sites;
    expect(pending.map((s) => [s.name, s.started, s.state])).toEqual([
      ["Default Web Site", true, ObjectState.Started],
      ["Shop", false, ObjectState.Stopping],
      ["Api", false, ObjectState.Starting],
    ]);
  });

  it("WindowsHost sends each name as the script's only argument and lists sites as the port's SiteInfo", async () => {
    const { runner, calls } = goldenRunner({
      listSites: "ws2022-en/sites.json",
      startAppPool: "ws2022-en/start-pool-ok.json",
      stopSite: "ws2022-en/stop-site-ok.json",
      startSite: "ws2022-en/start-site-ok.json",
    });
    const host = new WindowsHost(runner);
    expect((await host.listSites()).find((s) => s.id === 4)).toMatchObject({ name: "Bob's Büro", started: true, bindings: ["http/10.0.0.5:80:buero.example.com"] });
    await host.startAppPool(".NET v4.5 Classic");
    await host.stopSite("Shop");
    await host.startSite("Shop");
    expect(calls).toEqual([
      { script: "listSites", args: [] },
      { script: "startAppPool", args: [".NET v4.5 Classic"] },
      { script: "stopSite", args: ["Shop"] },
      { script: "startSite", args: ["Shop"] },
    ]);
  });

  it("turns IIS's refusals into Win32 codes the engine decides on: 87 unknown, 1062 already stopped, 1056 already started, 183 binding in use", async () => {
    const cases: [ScriptName, string, number][] = [
      ["stopSite", "errors/site-unknown-87.json", Win32.INVALID_PARAMETER],
      ["stopSite", "errors/stop-site-already-stopped-1062.json", Win32.SERVICE_NOT_ACTIVE],
      ["startSite", "errors/start-site-already-started-1056.json", Win32.SERVICE_ALREADY_RUNNING],
      ["startSite", "errors/start-site-binding-in-use-183.json", Win32.ALREADY_EXISTS],
      ["startSite", "errors/start-site-port-in-use-32.json", Win32.SHARING_VIOLATION],
    ];
    for (const [script, file, win32] of cases) {
      const host = new WindowsHost(goldenRunner({ [script]: file }).runner);
      const err = await rejection(script === "stopSite" ? host.stopSite("Shop") : host.startSite("Shop"));
      expect(err, file).toBeInstanceOf(WindowsWin32Error);
      expect((err as Win32Error).win32, file).toBe(win32);
    }
  });

  it("a hostile name reaches the script only as data: never in the script text, base64 in the command, decoded intact", async () => {
    const hostile = ["Shop'; Stop-Computer -Force; '", 'Shop" + $(Remove-Item C:\\ -Recurse) + "', "Shop `$env:PATH `n", "$(iex 'calc')", "Shop & Co; [eu] @x"];
    const { runner, calls } = goldenRunner({ stopSite: "ws2022-en/stop-site-ok.json", startSite: "ws2022-en/start-site-ok.json", startAppPool: "ws2022-en/start-pool-ok.json" });
    const host = new WindowsHost(runner);
    for (const name of hostile) {
      await host.stopSite(name);
      await host.startSite(name);
    }
    await host.startAppPool("Pool'$(x)`");
    expect(calls.map((c) => c.args[0])).toEqual([...hostile.flatMap((n) => [n, n]), "Pool'$(x)`"]);
    for (const script of [SCRIPTS.stopSite, SCRIPTS.startSite, SCRIPTS.startAppPool]) {
      for (const name of hostile) expect(script).not.toContain(name);
      const text = withArguments(script, [hostile[0] as string]);
      const first = text.slice(0, text.indexOf("\n"));
      expect(first).not.toContain("Stop-Computer");
      const literals = [...first.matchAll(/'([A-Za-z0-9+/=]*)'/g)].map((m) => Buffer.from(m[1] ?? "", "base64").toString("utf8"));
      expect(literals).toEqual([hostile[0]]);
      // Through the command line PowerShell would get: only flags and base64.
      const inv = buildInvocation(script, [hostile[1] as string], ENV, "x64");
      expect(inv.args.join(" ")).not.toContain("Remove-Item");
    }
    // A newline or another control character is no name IIS holds: refused before anything is spawned.
    const spawnless = goldenRunner({});
    for (const bad of ["Shop\nStop-Computer", "Shop\u001b[2J", " Shop", ""]) {
      const err = await rejection(new WindowsHost(spawnless.runner).stopSite(bad));
      expect(err, JSON.stringify(bad)).toBeInstanceOf(RejectedArgumentError);
    }
    expect(spawnless.calls).toEqual([]);
  });
});

// ---------------------------------------------------------------- coverage of the golden set

describe("golden set", () => {
  it("every golden file is exercised by a test above", () => {
    expect(allGoldenFiles().filter((f) => !used.has(f))).toEqual([]);
  });
});
