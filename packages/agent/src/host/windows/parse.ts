/**
 * Pure parsers from what the scripts (scripts.ts) print to the port's types. They trust nothing: every field is
 * checked for presence and type, numbers must be integers in range, and anything else is a MalformedOutputError
 * naming the field — never a half-filled object. Decisions rest on numbers only; strings here are names.
 */
import type { LbMemberInfo } from "../lb-member.js";
import { type AppPoolInfo, type IisGenerationName, ObjectState, type ProcessInfo, type ServiceInfo, type SiteInfo, SvcState, Win32 } from "../port.js";

export class MalformedOutputError extends Error {
  constructor(
    readonly what: string,
    detail: string,
  ) {
    super(`Unreadable PowerShell output for ${what}: ${detail}`);
    this.name = "MalformedOutputError";
  }
}

/** An exception from the script, as numbers (plus the localized message, for people only). */
export interface PsErrorInfo {
  /** The Win32 code, when the exception chain had one (Win32Exception or a 0x8007xxxx HRESULT). */
  win32?: number;
  hresult: number;
  type: string;
  message: string;
}

export type Envelope = { ok: true; data: Record<string, unknown> } | { ok: false; error: PsErrorInfo };

/** dwServiceType, kept so callers can tell a kernel driver (1) from a Win32 service. */
export interface WinServiceInfo extends ServiceInfo {
  serviceType: number;
}

export interface IisInstallInfo {
  /** HKLM\SOFTWARE\Microsoft\InetStp MajorVersion (6, 7, 8, 10), absent when IIS was never installed. */
  majorVersion?: number;
  minorVersion?: number;
}

export interface ServiceSnapshot {
  services: WinServiceInfo[];
  iis: IisInstallInfo;
}

/** ProcessInfo plus why its modules could not be listed (Win32 5 for a protected process). */
export interface WinProcessInfo extends ProcessInfo {
  modulesError?: PsErrorInfo;
}

/** IIS's ObjectState (Microsoft.Web.Administration), defined on the port: the only value that means "serving" is Started. */
export { ObjectState };

export interface WinAppPoolInfo extends AppPoolInfo {
  /** state: undefined when reading it failed (stateError says why). */
  stateError?: PsErrorInfo;
}

export interface AppPoolSnapshot {
  /** "mwa": Microsoft.Web.Administration was there; "none": no IIS 7+ configuration API (IIS 6). */
  provider: "mwa" | "none";
  pools: WinAppPoolInfo[];
  workersError?: PsErrorInfo;
}

// ---- field readers ----

type Path = string;

class Reader {
  constructor(readonly what: string) {}

  fail(path: Path, expected: string, value: unknown): never {
    const shown = value === undefined ? "nothing" : JSON.stringify(value)?.slice(0, 60) ?? String(value);
    throw new MalformedOutputError(this.what, `${path} should be ${expected}, got ${shown}`);
  }

  object(value: unknown, path: Path): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) this.fail(path, "an object", value);
    return value as Record<string, unknown>;
  }

  array(value: unknown, path: Path): unknown[] {
    if (!Array.isArray(value)) this.fail(path, "an array", value);
    return value;
  }

  string(value: unknown, path: Path): string {
    if (typeof value !== "string") this.fail(path, "a string", value);
    return value;
  }

  boolean(value: unknown, path: Path): boolean {
    if (typeof value !== "boolean") this.fail(path, "true or false", value);
    return value;
  }

  /** An integer in [min, max]; Win32 counters (DWORD) default to that range. */
  int(value: unknown, path: Path, min = 0, max = 0xffff_ffff): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      this.fail(path, `an integer in ${min}..${max}`, value);
    }
    return value;
  }

  optionalInt(value: unknown, path: Path, min?: number, max?: number): number | undefined {
    return value === null || value === undefined ? undefined : this.int(value, path, min, max);
  }

  strings(value: unknown, path: Path): string[] {
    return this.array(value, path).map((item, i) => this.string(item, `${path}[${i}]`));
  }
}

const HRESULT_MIN = -0x8000_0000;
const HRESULT_MAX = 0x7fff_ffff;

function readError(r: Reader, value: unknown, path: Path): PsErrorInfo {
  const e = r.object(value, path);
  const win32 = r.optionalInt(e["win32"], `${path}.win32`, 0, 0xffff);
  return {
    ...(win32 !== undefined ? { win32 } : {}),
    hresult: r.int(e["hresult"], `${path}.hresult`, HRESULT_MIN, HRESULT_MAX),
    type: r.string(e["type"], `${path}.type`),
    message: r.string(e["message"], `${path}.message`),
  };
}

function optionalError(r: Reader, value: unknown, path: Path): PsErrorInfo | undefined {
  return value === null || value === undefined ? undefined : readError(r, value, path);
}

// ---- the envelope ----

/**
 * The one JSON line a script prints. Anything around it (a profile's banner, a half-written line from a killed
 * process) is an error: we never search text for something that looks like JSON.
 */
export function parseEnvelope(stdout: string, what: string): Envelope {
  const r = new Reader(what);
  const text = stdout.replace(/^\uFEFF/, "").trim();
  if (text === "") throw new MalformedOutputError(what, "PowerShell printed nothing");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new MalformedOutputError(what, `not JSON (${reason}); starts with ${JSON.stringify(text.slice(0, 60))}`);
  }
  const env = r.object(value, "output");
  if (env["v"] !== 1) r.fail("output.v", "1", env["v"]);
  const ok = r.boolean(env["ok"], "output.ok");
  if (ok) return { ok, data: r.object(env["data"], "output.data") };
  return { ok, error: readError(r, env["error"], "output.error") };
}

// ---- services ----

function readService(r: Reader, value: unknown, path: Path): WinServiceInfo {
  const s = r.object(value, path);
  // The state is SERVICE_STATUS.dwCurrentState, 1..7; a word ("Running") is refused, not mapped.
  const state = r.int(s["state"], `${path}.state`, SvcState.Stopped, SvcState.Paused) as SvcState;
  return {
    name: r.string(s["name"], `${path}.name`),
    displayName: r.string(s["displayName"], `${path}.displayName`),
    state,
    serviceType: r.int(s["serviceType"], `${path}.serviceType`),
    acceptsStop: r.boolean(s["acceptsStop"], `${path}.acceptsStop`),
    checkpoint: r.int(s["checkpoint"], `${path}.checkpoint`),
    waitHintMs: r.int(s["waitHintMs"], `${path}.waitHintMs`),
    pid: r.int(s["pid"], `${path}.pid`),
    win32ExitCode: r.int(s["win32ExitCode"], `${path}.win32ExitCode`),
    // dwStartType: Boot 0, System 1, Automatic 2, Manual 3, Disabled 4 (ServiceStartMode).
    startType: r.int(s["startType"], `${path}.startType`, 0, 4),
    dependsOn: r.strings(s["dependsOn"], `${path}.dependsOn`),
  };
}

export function parseServiceList(data: Record<string, unknown>): ServiceSnapshot {
  const r = new Reader("the service list");
  const services = r.array(data["services"], "data.services").map((s, i) => readService(r, s, `data.services[${i}]`));
  const iis = r.object(data["iis"], "data.iis");
  const major = r.optionalInt(iis["majorVersion"], "data.iis.majorVersion", 0, 0xffff);
  const minor = r.optionalInt(iis["minorVersion"], "data.iis.minorVersion", 0, 0xffff);
  return {
    services,
    iis: { ...(major !== undefined ? { majorVersion: major } : {}), ...(minor !== undefined ? { minorVersion: minor } : {}) },
  };
}

export function parseServiceQuery(data: Record<string, unknown>): WinServiceInfo {
  return readService(new Reader("a service query"), data["service"], "data.service");
}

/**
 * Win32_Service.StopService's documented return values, mapped to the winerror.h code of the same meaning (the
 * WMI provider turns ControlService's error into these). 0 is success. Values without a Win32 twin (8 "unknown
 * failure", 24 "already paused", anything else) are undefined here; the caller reports them as such.
 */
const STOP_SERVICE_RETURN_TO_WIN32: Readonly<Record<number, number>> = {
  0: Win32.SUCCESS,
  1: 50, // ERROR_NOT_SUPPORTED
  2: Win32.ACCESS_DENIED,
  3: Win32.DEPENDENT_SERVICES_RUNNING, // 1051
  4: 1052, // ERROR_INVALID_SERVICE_CONTROL
  5: Win32.SERVICE_CANNOT_ACCEPT_CTRL, // 1061
  6: Win32.SERVICE_NOT_ACTIVE, // 1062
  7: Win32.SERVICE_REQUEST_TIMEOUT, // 1053
  9: 3, // ERROR_PATH_NOT_FOUND
  10: Win32.SERVICE_ALREADY_RUNNING, // 1056
  11: 1055, // ERROR_SERVICE_DATABASE_LOCKED
  12: 1075, // ERROR_SERVICE_DEPENDENCY_DELETED
  13: Win32.SERVICE_DEPENDENCY_FAIL, // 1068
  14: Win32.SERVICE_DISABLED, // 1058
  15: 1069, // ERROR_SERVICE_LOGON_FAILED
  16: 1072, // ERROR_SERVICE_MARKED_FOR_DELETE
  17: 1054, // ERROR_SERVICE_NO_THREAD
  18: 1059, // ERROR_CIRCULAR_DEPENDENCY
  19: 1078, // ERROR_DUPLICATE_SERVICE_NAME
  20: 123, // ERROR_INVALID_NAME
  21: 87, // ERROR_INVALID_PARAMETER
  22: 1057, // ERROR_INVALID_SERVICE_ACCOUNT
  23: 1073, // ERROR_SERVICE_EXISTS
};

export function stopServiceReturnToWin32(returnValue: number): number | undefined {
  return STOP_SERVICE_RETURN_TO_WIN32[returnValue];
}

export function parseStopResult(data: Record<string, unknown>): number {
  return new Reader("a stop request").int(data["returnValue"], "data.returnValue");
}

// ---- IIS generation ----

export class IisNotInstalledError extends Error {
  constructor(iis: IisInstallInfo) {
    super(
      `IIS is not installed on this host: neither WAS (IIS 7+) nor IISADMIN (IIS 6) is a service` +
        (iis.majorVersion !== undefined ? ` (InetStp MajorVersion ${iis.majorVersion} is left over)` : "") +
        ".",
    );
    this.name = "IisNotInstalledError";
  }
}

/**
 * IIS 7+ keeps its core in WAS, IIS 6 in IISADMIN. The service list decides, because it is what the engine will
 * stop: an IIS 10 box with the "IIS 6 Metabase Compatibility" feature has IISADMIN too, and is still IIS 7+ (WAS
 * wins). InetStp's MajorVersion only breaks a tie that a healthy box never has (both core services missing).
 */
export function decideGeneration(snapshot: ServiceSnapshot): IisGenerationName {
  const has = (name: string) => snapshot.services.some((s) => s.name.toLowerCase() === name.toLowerCase());
  if (has("WAS")) return "iis7plus";
  if (has("IISADMIN")) return "iis6";
  throw new IisNotInstalledError(snapshot.iis);
}

// ---- processes ----

/** WAS starts each worker as `w3wp.exe -ap "PoolName" ...` (IIS 6's WWW service did the same). */
export function appPoolFromCommandLine(commandLine: string): string | undefined {
  return /(?:^|\s)-ap\s+"([^"]+)"/.exec(commandLine)?.[1];
}

export function parseProcesses(data: Record<string, unknown>): WinProcessInfo[] {
  const r = new Reader("the process list");
  return r.array(data["processes"], "data.processes").map((value, i) => {
    const path = `data.processes[${i}]`;
    const p = r.object(value, path);
    const pid = r.int(p["pid"], `${path}.pid`);
    const image = r.string(p["image"], `${path}.image`);
    // Present on every line (null only for the idle process): a kill is checked against it.
    if (!("createdAtMs" in p)) r.fail(`${path}.createdAtMs`, "a creation time or null", undefined);
    const createdAtMs = r.optionalInt(p["createdAtMs"], `${path}.createdAtMs`, 0, Number.MAX_SAFE_INTEGER);
    const services = r.strings(p["services"], `${path}.services`);
    const commandLine = p["commandLine"] === null ? undefined : r.string(p["commandLine"], `${path}.commandLine`);
    const appPool = commandLine === undefined ? undefined : appPoolFromCommandLine(commandLine);
    const modules = p["modules"] === null ? undefined : r.strings(p["modules"], `${path}.modules`);
    const modulesError = optionalError(r, p["modulesError"], `${path}.modulesError`);
    return {
      pid,
      image,
      services,
      ...(createdAtMs !== undefined ? { createdAtMs } : {}),
      ...(appPool !== undefined ? { appPool } : {}),
      // Windows reports module names in any case (KERNEL32.DLL, iisw3adm.dll); the port wants lower case.
      ...(modules !== undefined ? { modules: modules.map((m) => m.toLowerCase()) } : {}),
      ...(modulesError !== undefined ? { modulesError } : {}),
    };
  });
}

/** What the kill script did: killed the process listed, or found another process on its pid and left it alone. */
export type KillAnswer = { killed: true } | { killed: false; image: string; createdAtMs: number };

export function parseKillResult(data: Record<string, unknown>): KillAnswer {
  const r = new Reader("a process termination");
  if (r.boolean(data["killed"], "data.killed")) return { killed: true };
  return {
    killed: false,
    image: r.string(data["image"], "data.image"),
    createdAtMs: r.int(data["createdAtMs"], "data.createdAtMs", 0, Number.MAX_SAFE_INTEGER),
  };
}

// ---- application pools ----

export function parseAppPools(data: Record<string, unknown>): AppPoolSnapshot {
  const r = new Reader("the application pool list");
  const raw = data["provider"];
  const provider = raw === "mwa" || raw === "none" ? raw : r.fail("data.provider", '"mwa" or "none"', raw);
  const pools = r.array(data["pools"], "data.pools").map((value, i): WinAppPoolInfo => {
    const path = `data.pools[${i}]`;
    const p = r.object(value, path);
    const state = r.optionalInt(p["state"], `${path}.state`, ObjectState.Starting, ObjectState.Unknown);
    const stateError = optionalError(r, p["stateError"], `${path}.stateError`);
    return {
      name: r.string(p["name"], `${path}.name`),
      started: state === ObjectState.Started,
      workerPids: r.array(p["workerPids"], `${path}.workerPids`).map((pid, j) => r.int(pid, `${path}.workerPids[${j}]`)),
      ...(state !== undefined ? { state } : {}),
      ...(stateError !== undefined ? { stateError } : {}),
    };
  });
  const workersError = optionalError(r, data["workersError"], "data.workersError");
  return { provider, pools, ...(workersError !== undefined ? { workersError } : {}) };
}

// ---- sites, and what a pool or site start / stop answered ----

export interface WinSiteInfo extends SiteInfo {
  /** state: undefined when reading it failed (stateError says why). */
  stateError?: PsErrorInfo;
}

export interface SiteSnapshot {
  /** "mwa": Microsoft.Web.Administration was there; "none": no IIS 7+ configuration API (IIS 6). */
  provider: "mwa" | "none";
  sites: WinSiteInfo[];
}

/** IIS site ids are positive 32-bit numbers (the configuration schema's uint for site/@id). */
const MAX_SITE_ID = 0xffff_ffff;

export function parseSites(data: Record<string, unknown>): SiteSnapshot {
  const r = new Reader("the site list");
  const raw = data["provider"];
  const provider = raw === "mwa" || raw === "none" ? raw : r.fail("data.provider", '"mwa" or "none"', raw);
  const sites = r.array(data["sites"], "data.sites").map((value, i): WinSiteInfo => {
    const path = `data.sites[${i}]`;
    const s = r.object(value, path);
    const state = r.optionalInt(s["state"], `${path}.state`, ObjectState.Starting, ObjectState.Unknown);
    const stateError = optionalError(r, s["stateError"], `${path}.stateError`);
    return {
      name: r.string(s["name"], `${path}.name`),
      id: r.int(s["id"], `${path}.id`, 1, MAX_SITE_ID),
      started: state === ObjectState.Started,
      bindings: r.strings(s["bindings"], `${path}.bindings`),
      // A site without a root application has no pool; IIS would not start it anyway.
      appPool: s["appPool"] === null ? "" : r.string(s["appPool"], `${path}.appPool`),
      ...(state !== undefined ? { state } : {}),
      ...(stateError !== undefined ? { stateError } : {}),
    };
  });
  return { provider, sites };
}

/** What ApplicationPool.Start / Site.Stop / Site.Start answered: the ObjectState before and the one returned. */
export interface ObjectStateChange {
  name: string;
  before: number;
  state: number;
}

export function parseObjectStateChange(data: Record<string, unknown>, what: string): ObjectStateChange {
  const r = new Reader(what);
  return {
    name: r.string(data["name"], "data.name"),
    before: r.int(data["before"], "data.before", ObjectState.Starting, ObjectState.Unknown),
    state: r.int(data["state"], "data.state", ObjectState.Starting, ObjectState.Unknown),
  };
}

// ---- IIS Application Request Routing ----

/** ARR's counters "state" values, by number (see scripts.ts ARR_MEMBER and SOURCES.md). */
export const ArrCounterState = { Available: 0, Drain: 1, Unavailable: 2 } as const;

/** What the ARR script found: the member's counters, or which part of the way to it does not exist. */
export type ArrMemberAnswer =
  | { found: "ok"; member: LbMemberInfo }
  | { found: "no-arr" }
  | { found: "no-farm"; farms: string[] }
  | { found: "no-server"; farm: string; servers: string[] };

export function parseArrMember(data: Record<string, unknown>): ArrMemberAnswer {
  const r = new Reader("an ARR web farm member");
  const found = data["found"];
  switch (found) {
    case "no-arr":
      return { found };
    case "no-farm":
      return { found, farms: r.strings(data["farms"], "data.farms") };
    case "no-server":
      return { found, farm: r.string(data["farm"], "data.farm"), servers: r.strings(data["servers"], "data.servers") };
    case "ok": {
      // A state outside ARR's three is refused, not mapped: the drain decides on it.
      const state = r.int(data["state"], "data.state", ArrCounterState.Available, ArrCounterState.Unavailable);
      return {
        found,
        member: {
          webFarm: r.string(data["farm"], "data.farm"),
          server: r.string(data["server"], "data.server"),
          state: state === ArrCounterState.Available ? "available" : state === ArrCounterState.Drain ? "drain" : "unavailable",
          healthy: r.boolean(data["isHealthy"], "data.isHealthy"),
          currentRequests: r.int(data["currentRequests"], "data.currentRequests", 0, Number.MAX_SAFE_INTEGER),
          totalRequests: r.int(data["totalRequests"], "data.totalRequests", 0, Number.MAX_SAFE_INTEGER),
        },
      };
    }
    default:
      return r.fail("data.found", '"ok", "no-arr", "no-farm" or "no-server"', found);
  }
}
