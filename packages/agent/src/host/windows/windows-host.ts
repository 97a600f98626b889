/**
 * The real HostPort: a Windows machine's service control manager, processes and IIS application pools, reached
 * through Windows PowerShell 5.1 (see index.ts for why that mechanism). Every call validates its arguments, runs
 * one script from scripts.ts through the injected runner, and hands the output to parse.ts; failures come back
 * as Win32Error with the numeric code Windows gave, so the engine decides exactly as it does on the simulator.
 */
import { type LbMemberActionName, LbMemberError, type LbMemberInfo } from "../lb-member.js";
import { type HostPort, type IisGenerationName, ProcessGoneError, type ProcessRef, type ResetEventEntry, Win32Error } from "../port.js";
import {
  type AppPoolSnapshot,
  type Envelope,
  type IisInstallInfo,
  MalformedOutputError,
  type PsErrorInfo,
  type ServiceSnapshot,
  type SiteSnapshot,
  type WinSiteInfo,
  type WinAppPoolInfo,
  type WinProcessInfo,
  type WinServiceInfo,
  decideGeneration,
  parseAppPools,
  parseArrMember,
  parseEnvelope,
  parseKillResult,
  parseObjectStateChange,
  parseSites,
  parseProcesses,
  parseServiceList,
  parseServiceQuery,
  parseStopResult,
  stopServiceReturnToWin32,
} from "./parse.js";
import { PowerShellError, type PsResult, type PsRunner, excerpt } from "./powershell.js";
import { SCRIPTS, type ScriptName } from "./scripts.js";
import {
  ERROR_INVALID_PARAMETER,
  RejectedArgumentError,
  validateAppPoolName,
  validateCreationTime,
  validateEventId,
  validateImageName,
  validatePid,
  validateServerAddress,
  validateServiceName,
  validateSiteName,
  validateWebFarmName,
} from "./validate.js";

/** winerror.h ERROR_INTERNAL_ERROR: for a WMI return value that has no Win32 counterpart. */
const ERROR_INTERNAL_ERROR = 1359;

/** A Win32 failure from Windows, with what PowerShell saw (exception type, HRESULT, localized text) for logs. */
export class WindowsWin32Error extends Win32Error {
  constructor(
    win32: number,
    operation: string,
    target: string,
    readonly detail: PsErrorInfo,
  ) {
    super(win32, operation, target);
    this.name = "WindowsWin32Error";
  }
}

/** Win32_Service.StopService answered something other than 0; `returnValue` is WMI's own code. */
export class StopRefusedError extends Win32Error {
  constructor(
    readonly returnValue: number,
    win32: number | undefined,
    target: string,
  ) {
    super(win32 ?? ERROR_INTERNAL_ERROR, "ControlService(SERVICE_CONTROL_STOP)", target);
    this.name = "StopRefusedError";
    if (win32 === undefined) this.message += ` [Win32_Service.StopService returned ${returnValue}]`;
  }
}

/** A script failed without a Win32 code (a WMI/CIM fault, a .NET exception): reported, never guessed into one. */
export class HostScriptError extends Error {
  constructor(
    readonly operation: string,
    readonly target: string,
    readonly detail: PsErrorInfo,
  ) {
    const hr = (detail.hresult >>> 0).toString(16).toUpperCase().padStart(8, "0");
    super(`${operation} ${target} failed: ${detail.type} (HRESULT 0x${hr}).`);
    this.name = "HostScriptError";
  }
}

/** Event ids for the reset log entry, echoing iisreset's "IIS Reset Activity" ids 3201/3202 (source iisfleet). */
export const ResetEventId = { Completed: 3201, Failed: 3202 } as const;
/** System.Diagnostics.EventLogEntryType values. */
export const EventEntryType = { Error: 1, Warning: 2, Information: 4 } as const;
export type EventEntryTypeValue = (typeof EventEntryType)[keyof typeof EventEntryType];

/**
 * A reset summary is a few lines; the full report lives in the controller's history. The cap also keeps the
 * encoded command line well under Windows' 32,767 characters.
 */
export const MAX_EVENT_MESSAGE = 2_000;

export class WindowsHost implements HostPort {
  readonly adapter = "windows" as const;
  /** The generation only changes when IIS is (un)installed; detecting it lists every service, so keep it. */
  private generation: IisGenerationName | undefined;

  /** `onDispose` ends what runs the scripts (the agent's PowerShell session). */
  constructor(
    private readonly runner: PsRunner,
    private readonly onDispose?: () => Promise<void>,
  ) {}

  dispose(): void {
    void this.onDispose?.();
  }

  async iisGeneration(): Promise<IisGenerationName> {
    this.generation ??= decideGeneration(await this.snapshot());
    return this.generation;
  }

  /** IIS's installed version (InetStp), for reports. */
  async iisInstall(): Promise<IisInstallInfo> {
    return (await this.snapshot()).iis;
  }

  async listServices(): Promise<WinServiceInfo[]> {
    return (await this.snapshot()).services;
  }

  async queryService(name: string): Promise<WinServiceInfo> {
    const op = "OpenService";
    validateServiceName(op, name);
    return parseServiceQuery(await this.call("queryService", [name], op, name));
  }

  async stopService(name: string): Promise<void> {
    validateServiceName("ControlService(SERVICE_CONTROL_STOP)", name);
    const data = await this.call("stopService", [name], "ControlService(SERVICE_CONTROL_STOP)", name);
    const returnValue = parseStopResult(data);
    if (returnValue !== 0) throw new StopRefusedError(returnValue, stopServiceReturnToWin32(returnValue), name);
  }

  async startService(name: string): Promise<void> {
    const op = "StartService";
    validateServiceName(op, name);
    await this.call("startService", [name], op, name);
  }

  async listProcesses(): Promise<WinProcessInfo[]> {
    return parseProcesses(await this.call("listProcesses", [], "EnumProcesses", "(all processes)"));
  }

  async killProcess(target: ProcessRef): Promise<void> {
    const op = "TerminateProcess";
    validatePid(op, target.pid);
    validateImageName(op, target.image);
    validateCreationTime(op, target.createdAtMs);
    const args = [String(target.pid), target.image, String(target.createdAtMs)];
    const answer = parseKillResult(await this.call("killProcess", args, op, `pid ${target.pid}`));
    if (!answer.killed) throw new ProcessGoneError(target, { image: answer.image, createdAtMs: answer.createdAtMs });
  }

  async listAppPools(): Promise<WinAppPoolInfo[]> {
    return (await this.appPools()).pools;
  }

  /** The pools with how they were read (provider, per-pool state errors). */
  async appPools(): Promise<AppPoolSnapshot> {
    return parseAppPools(await this.call("listAppPools", [], "ApplicationPools", "(all pools)"));
  }

  async recycleAppPool(name: string): Promise<void> {
    const op = "Recycle";
    validateAppPoolName(op, name);
    await this.call("recycleAppPool", [name], op, name);
  }

  async startAppPool(name: string): Promise<void> {
    const op = "ApplicationPool.Start";
    validateAppPoolName(op, name);
    parseObjectStateChange(await this.call("startAppPool", [name], op, name), "a pool start");
  }

  async listSites(): Promise<WinSiteInfo[]> {
    return (await this.sites()).sites;
  }

  /** The sites with how they were read (provider, per-site state errors). */
  async sites(): Promise<SiteSnapshot> {
    return parseSites(await this.call("listSites", [], "Sites", "(all sites)"));
  }

  async stopSite(name: string): Promise<void> {
    const op = "Site.Stop";
    validateSiteName(op, name);
    parseObjectStateChange(await this.call("stopSite", [name], op, name), "a site stop");
  }

  async startSite(name: string): Promise<void> {
    const op = "Site.Start";
    validateSiteName(op, name);
    parseObjectStateChange(await this.call("startSite", [name], op, name), "a site start");
  }

  /**
   * Appends one entry to the Application log from source "iisfleet" (registered on first use). Not wired into the
   * engine by this adapter; the agent calls it with a one-line summary per reset.
   */
  async writeEvent(entry: { eventId: number; type: EventEntryTypeValue; message: string }): Promise<void> {
    const op = "ReportEvent";
    validateEventId(entry.eventId);
    if (!Object.values(EventEntryType).includes(entry.type)) {
      throw new RejectedArgumentError(ERROR_INVALID_PARAMETER, op, `type ${String(entry.type)}`, "not an EventLogEntryType");
    }
    const message = entry.message.length > MAX_EVENT_MESSAGE ? `${entry.message.slice(0, MAX_EVENT_MESSAGE - 1)}…` : entry.message;
    await this.call("writeEvent", [String(entry.eventId), String(entry.type), message], op, `event ${entry.eventId}`);
  }

  /** iisreset logs "IIS Reset Activity" 3201/3202; we log the same ids under our own source, per reset. */
  async recordResetEvent(entry: ResetEventEntry): Promise<void> {
    await this.writeEvent({
      eventId: entry.ok ? ResetEventId.Completed : ResetEventId.Failed,
      type: entry.ok ? EventEntryType.Information : EventEntryType.Error,
      message: `iisfleet ${entry.ok ? "completed" : "failed"} command ${entry.commandId} from ${entry.issuer}: ${entry.summary}`,
    });
  }

  /**
   * One member of an IIS Application Request Routing web farm on this host: its counters, after SetState Drain or
   * Start when asked. The script answers what it found; a missing piece becomes the LbMemberError that says so.
   */
  async arrMember(webFarm: string, server: string, action: LbMemberActionName): Promise<LbMemberInfo> {
    const op = action === "status" ? "ARR counters" : `ARR SetState(${action === "drain" ? "Drain" : "Start"})`;
    validateWebFarmName(op, webFarm);
    validateServerAddress(op, server);
    const answer = parseArrMember(await this.call("arrMember", [webFarm, server, action], op, `${webFarm}/${server}`));
    switch (answer.found) {
      case "ok":
        return answer.member;
      case "no-arr":
        throw new LbMemberError("NO_LB", "IIS Application Request Routing is not installed on this host (no arr_schema.xml in IIS's configuration schema).");
      case "no-farm":
        throw new LbMemberError("FARM_UNKNOWN", `ARR on this host has no web farm "${webFarm}" (it has: ${answer.farms.join(", ") || "none"}).`);
      case "no-server":
        throw new LbMemberError("SERVER_UNKNOWN", `Web farm "${answer.farm}" has no server "${server}" (it has: ${answer.servers.join(", ") || "none"}).`);
    }
  }

  private async snapshot(): Promise<ServiceSnapshot> {
    return parseServiceList(await this.call("listServices", [], "EnumServicesStatusEx", "(all services)"));
  }

  /** Runs a script and returns its `data`, or throws the failure as a number when Windows gave one. */
  private async call(name: ScriptName, args: string[], operation: string, target: string): Promise<Record<string, unknown>> {
    let result: PsResult;
    try {
      result = await this.runner(SCRIPTS[name], args);
    } catch (err) {
      // Same class and code (the engine decides on those); the sentence says which step it was.
      if (err instanceof PowerShellError) throw new PowerShellError(err.code, `${operation} ${target}: ${err.message}`);
      throw err;
    }
    let envelope: Envelope;
    try {
      envelope = parseEnvelope(result.stdout, `${operation} ${target}`);
    } catch (err) {
      // No envelope and a failing exit code: PowerShell itself failed (could not start its engine, a syntax error).
      if (err instanceof MalformedOutputError && result.exitCode !== 0) {
        throw new PowerShellError(
          "FAILED",
          `PowerShell exited with ${result.exitCode} for ${operation} ${target} without a result: ${excerpt(result.stderr)}`,
        );
      }
      throw err;
    }
    if (envelope.ok) return envelope.data;
    const detail = envelope.error;
    if (detail.win32 !== undefined) throw new WindowsWin32Error(detail.win32, operation, target, detail);
    throw new HostScriptError(operation, target, detail);
  }
}
