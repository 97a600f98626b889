/**
 * The Windows host adapter.
 *
 * Mechanism: Windows PowerShell 5.1 (powershell.exe, by absolute path, spawned without a shell, one long-lived
 * session per agent fed over stdin — powershell-session.ts) running short scripts over documented .NET and CIM APIs that print one line of JSON with numeric fields.
 * Why this and not the alternatives:
 *   - Numbers, not text. ServiceController.Status cast to int is SERVICE_STATUS.dwCurrentState (1..7);
 *     Win32_Service gives dwCheckPoint, dwWaitHint, the pid and dwWin32ExitCode as integers; failures carry
 *     Win32Exception.NativeErrorCode or a FACILITY_WIN32 HRESULT; Win32_Service.StopService returns a documented
 *     integer; IIS pools report Microsoft.Web.Administration's ObjectState. `net`/`sc`/`appcmd` print localized
 *     sentences meant for people; nothing here parses one (golden files from a German Windows prove it).
 *   - Nothing to install. PowerShell 5.1 and those APIs ship with every Windows Server that Node 20 supports
 *     (2016+). An FFI binding (koffi) would be a native dependency on a package that must stay small, for the
 *     same numbers; Add-Type'd C# (P/Invoke of QueryServiceStatusEx) would compile on every call (a second or
 *     more with csc) and is blocked where application control forbids compilation.
 *   - Testable here. The process boundary is one function, PsRunner(script, args) → {stdout, stderr, exitCode};
 *     tests feed it golden outputs, and the parsers are pure.
 * Costs, accepted: one PowerShell start per agent (and after a timeout or a crash), never one per call — a start
 * takes up to a second on a busy server, and a reset makes dozens of calls within a service's stop deadline; and
 * the scripts need FullLanguage mode (a host that forces Constrained Language on unsigned code would refuse them).
 *
 * Safety: every service / pool / site name and pid is validated against a strict pattern before anything is spawned
 * (validate.ts); arguments travel base64-encoded inside the script text, never spliced into code (powershell.ts
 * withArguments; the session sends that text base64-encoded over stdin, the per-call runner as -EncodedCommand). SOURCES.md lists every Windows behaviour relied on, with its source.
 */
export {
  EventEntryType,
  HostScriptError,
  MAX_EVENT_MESSAGE,
  ResetEventId,
  StopRefusedError,
  WindowsHost,
  WindowsWin32Error,
  type EventEntryTypeValue,
} from "./windows-host.js";
export {
  MAX_COMMAND_LINE,
  PowerShellError,
  buildInvocation,
  createPowerShellRunner,
  encodeCommand,
  powershellPath,
  withArguments,
  type ChildLike,
  type PowerShellErrorCode,
  type PsInvocation,
  type PsResult,
  type PsRunner,
  type RunnerOptions,
  type SpawnFn,
} from "./powershell.js";
export { SCRIPTS, scriptName, type ScriptName } from "./scripts.js";
export {
  ArrCounterState,
  IisNotInstalledError,
  MalformedOutputError,
  ObjectState,
  appPoolFromCommandLine,
  decideGeneration,
  parseAppPools,
  parseArrMember,
  parseEnvelope,
  parseKillResult,
  parseObjectStateChange,
  parseProcesses,
  parseSites,
  parseServiceList,
  parseServiceQuery,
  parseStopResult,
  stopServiceReturnToWin32,
  type AppPoolSnapshot,
  type ArrMemberAnswer,
  type Envelope,
  type IisInstallInfo,
  type PsErrorInfo,
  type ObjectStateChange,
  type ServiceSnapshot,
  type SiteSnapshot,
  type WinAppPoolInfo,
  type WinSiteInfo,
  type WinProcessInfo,
  type WinServiceInfo,
} from "./parse.js";
export {
  ERROR_INVALID_NAME,
  ERROR_INVALID_PARAMETER,
  MAX_PID,
  RejectedArgumentError,
  validateAppPoolName,
  validatePid,
  validateServerAddress,
  validateServiceName,
  validateSiteName,
  validateWebFarmName,
} from "./validate.js";
export {
  FRAME_TAG,
  PowerShellSession,
  SESSION_LOOP,
  bootstrapLine,
  encodeRequest,
  sessionArgs,
  type SessionChild,
  type SessionCounts,
  type SessionOptions,
  type SessionSpawnFn,
  type SessionSpawnOptions,
} from "./powershell-session.js";
export {
  answerFromHost,
  decodeScriptText,
  fakePerCallSpawn,
  fakeSessionSpawn,
  newSpawnCounts,
  type ScriptAnswer,
  type SpawnCost,
  type SpawnCounts,
} from "./simulated-powershell.js";
