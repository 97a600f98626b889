/**
 * The host port: everything the reset engine may ask of a Windows machine, and nothing more. Two adapters
 * implement it: `windows` (the real service control manager) and `simulated` (a Windows-like SCM for tests and
 * the demo). The engine decides on numbers only — service states and Win32 error codes — never on text.
 */
import type { LbMemberActionName, LbMemberInfo } from "./lb-member.js";

/** SERVICE_STATUS.dwCurrentState values. */
export enum SvcState {
  Stopped = 1,
  StartPending = 2,
  StopPending = 3,
  Running = 4,
  ContinuePending = 5,
  PausePending = 6,
  Paused = 7,
}

/** Windows' own spelling of a state (SERVICE_STOP_PENDING without the prefix), for operator-facing text. */
export function svcStateName(state: SvcState): string {
  return SvcState[state].replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

/** The Win32 error codes the engine reasons about (winerror.h). */
export const Win32 = {
  SUCCESS: 0,
  ACCESS_DENIED: 5,
  /** OpenProcess on a pid that no longer exists. */
  INVALID_PARAMETER: 87,
  DEPENDENT_SERVICES_RUNNING: 1051,
  SERVICE_REQUEST_TIMEOUT: 1053,
  SERVICE_ALREADY_RUNNING: 1056,
  SERVICE_DISABLED: 1058,
  SERVICE_DOES_NOT_EXIST: 1060,
  SERVICE_CANNOT_ACCEPT_CTRL: 1061,
  SERVICE_NOT_ACTIVE: 1062,
  SERVICE_DEPENDENCY_FAIL: 1068,
  PROCESS_ABORTED: 1067,
  /** Site.Start with a binding another started site already registered (HRESULT 0x800700B7). */
  ALREADY_EXISTS: 183,
  /** Site.Start whose binding's port another, non-HTTP.SYS process listens on (HRESULT 0x80070020). */
  SHARING_VIOLATION: 32,
} as const;

const WIN32_TEXT: Record<number, string> = {
  0: "The operation completed successfully.",
  5: "Access is denied.",
  32: "The process cannot access the file because it is being used by another process.",
  87: "The parameter is incorrect.",
  183: "Cannot create a file when that file already exists.",
  1051: "A stop control has been sent to a service that other running services are dependent on.",
  1053: "The service did not respond to the start or control request in a timely fashion.",
  1056: "An instance of the service is already running.",
  1058: "The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.",
  1060: "The specified service does not exist as an installed service.",
  1061: "The service cannot accept control messages at this time.",
  1062: "The service has not been started.",
  1067: "The process terminated unexpectedly.",
  1068: "The dependency service or group failed to start.",
};

/** The English system message for a Win32 code (our own table, so reports never depend on the host's locale). */
export function win32Message(code: number): string {
  return WIN32_TEXT[code] ?? `Win32 error ${code}.`;
}

/** A Win32 failure from the host, carrying the numeric code the engine decides on. */
export class Win32Error extends Error {
  constructor(
    readonly win32: number,
    readonly operation: string,
    readonly target: string,
  ) {
    super(`${operation} ${target}: ${win32Message(win32)} (Win32 ${win32})`);
    this.name = "Win32Error";
  }
}

export interface ServiceInfo {
  name: string;
  displayName: string;
  state: SvcState;
  /** Services this one needs running (lpDependencies). */
  dependsOn: string[];
  /** Progress counter while pending (dwCheckPoint). */
  checkpoint: number;
  /** The service's own estimate of the next checkpoint, ms (dwWaitHint). */
  waitHintMs: number;
  /** 0 when not running. */
  pid: number;
  /** Whether the service accepts SERVICE_CONTROL_STOP now (SERVICE_ACCEPT_STOP). */
  acceptsStop: boolean;
  /** dwWin32ExitCode: why a service that was starting ended STOPPED (1053 timed out, 1067 crashed...). */
  win32ExitCode?: number;
  /** dwStartType (ServiceStartType): what `--operation start` reads, as iisreset /START starts the automatic ones. */
  startType?: number;
}

/** dwStartType values (SERVICE_AUTO_START...), as ServiceController.StartType's ServiceStartMode numbers them. */
export const ServiceStartType = { Boot: 0, System: 1, Automatic: 2, Manual: 3, Disabled: 4 } as const;

export interface ProcessInfo {
  pid: number;
  image: string;
  /** Services hosted in this process, if any. */
  services: string[];
  /** Application pool, for w3wp worker processes. */
  appPool?: string;
  /** Loaded module names, lower case (IIS 6's force path looks for iisw3adm.dll). */
  modules?: string[];
  /**
   * When the process was created, Unix ms (Win32_Process.CreationDate). With the image name it tells the process
   * listed apart from a later one that got the same pid; absent only for the idle process.
   */
  createdAtMs?: number;
}

/** The process a kill is meant for, exactly as it was listed: a pid alone may name another process by then. */
export interface ProcessRef {
  pid: number;
  image: string;
  createdAtMs: number;
}

/**
 * Win32 87 for a kill whose process is no longer there. `now` says what holds that pid instead, when something
 * does (the pid was reused): it was checked and left alone.
 */
export class ProcessGoneError extends Win32Error {
  constructor(
    readonly process: ProcessRef,
    readonly now?: { image: string; createdAtMs: number },
  ) {
    super(Win32.INVALID_PARAMETER, "TerminateProcess", `pid ${process.pid} (${process.image})`);
    this.name = "ProcessGoneError";
    if (now) {
      this.message =
        `TerminateProcess pid ${process.pid} (${process.image}): that process has exited; the pid now belongs to ` +
        `${now.image} created ${new Date(now.createdAtMs).toISOString()}, which was left alone (Win32 87)`;
    }
  }
}

/**
 * IIS's runtime state of a site, an application pool or a worker (Microsoft.Web.Administration.ObjectState). Stop()
 * and Start() return while the object may still be Stopping / Starting: only Stopped and Started are settled.
 */
export const ObjectState = { Starting: 0, Started: 1, Stopping: 2, Stopped: 3, Unknown: 4 } as const;
export type ObjectStateValue = (typeof ObjectState)[keyof typeof ObjectState];

export function objectStateName(state: number | undefined): string {
  const name = Object.entries(ObjectState).find(([, v]) => v === state)?.[0];
  return name ?? "Unknown";
}

/** A binding's port: "http/*:80:shop.example" → 80 (an IPv6 address is bracketed); undefined when it has none. */
export function bindingPort(binding: string): number | undefined {
  const info = binding.slice(binding.indexOf("/") + 1);
  const m = /^(\[[^\]]*\]|[^:]*):(\d+):/.exec(info);
  return m ? Number(m[2]) : undefined;
}

export interface AppPoolInfo {
  name: string;
  started: boolean;
  workerPids: number[];
  /** ApplicationPool.State (ObjectState); absent when it could not be read. `started` is state === Started. */
  state?: number;
}

/** An IIS site as Microsoft.Web.Administration shows it: Name, Id, State, Bindings, the root application's pool. */
export interface SiteInfo {
  name: string;
  id: number;
  /** Site.State is ObjectState.Started. */
  started: boolean;
  /** Site.State (ObjectState); absent when it could not be read. A Stopping site still has requests to finish. */
  state?: number;
  /** "protocol/bindingInformation", e.g. "http/*:80:shop.example.com". */
  bindings: string[];
  /** The pool of the site's root application ("/"). */
  appPool: string;
}

export type IisGenerationName = "iis6" | "iis7plus";

export interface HostPort {
  readonly adapter: "windows" | "simulated";
  /** IIS 6 keeps its core in IISADMIN; IIS 7+ in WAS. */
  iisGeneration(): Promise<IisGenerationName>;
  listServices(): Promise<ServiceInfo[]>;
  /** Throws Win32Error 1060 when the service does not exist. */
  queryService(name: string): Promise<ServiceInfo>;
  /** Sends SERVICE_CONTROL_STOP. Returns once the SCM accepted the control; poll queryService for the outcome. */
  stopService(name: string): Promise<void>;
  /** StartService. Returns once the SCM accepted the start; poll queryService for the outcome. */
  startService(name: string): Promise<void>;
  listProcesses(): Promise<ProcessInfo[]>;
  /**
   * TerminateProcess of the process listed, after checking that the pid still names it (same image, same creation
   * time). Throws ProcessGoneError (87) when it has exited (pid reused or not), Win32Error 5 when it cannot be opened.
   */
  killProcess(target: ProcessRef): Promise<void>;
  listAppPools(): Promise<AppPoolInfo[]>;
  /** Overlapped recycle of a started pool. Unknown pool: Win32 87; a stopped pool or IIS not serving: 1062. */
  recycleAppPool(name: string): Promise<void>;
  /** ApplicationPool.Start(). Unknown pool: 87; already started: 1056; IIS not serving: 1062. The pool may still be Starting. */
  startAppPool(name: string): Promise<void>;
  /** The sites (IIS 7+; an IIS 6 host lists none). */
  listSites(): Promise<SiteInfo[]>;
  /** Site.Stop(). Unknown site: 87; already stopped: 1062. Returns once IIS took it; poll listSites for the state. */
  stopSite(name: string): Promise<void>;
  /**
   * Site.Start(). Unknown site: 87; already started: 1056; a binding another started site holds: 183; a binding's port
   * another process listens on: 32. Returns once IIS took it (the site may still be Starting); poll listSites.
   */
  startSite(name: string): Promise<void>;
  /** Restarts the machine (reboot-on-error). Optional: an adapter that cannot reboot leaves it out. */
  reboot?(): Promise<void>;
  /** Leaves a trace of a finished reset in the host's own log (the Windows event log, as iisreset does). */
  recordResetEvent?(entry: ResetEventEntry): Promise<void>;
  /**
   * IIS Application Request Routing on this host (an ARR host balancing a web farm): read one member's counters, or
   * set it to Drain / Available first. Throws LbMemberError (NO_LB, FARM_UNKNOWN, SERVER_UNKNOWN) as numbers
   * cannot say it. Optional: an adapter without it manages no load balancer.
   */
  arrMember?(webFarm: string, server: string, action: LbMemberActionName): Promise<LbMemberInfo>;
}

export interface ResetEventEntry {
  ok: boolean;
  commandId: string;
  issuer: string;
  /** One sentence: what was done and how it ended. */
  summary: string;
}

/** Time, injectable, wherever deadlines are decided. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
