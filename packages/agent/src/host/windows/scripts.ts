/**
 * The PowerShell the Windows adapter runs, as constants. Each script prints exactly one line of JSON, an
 * envelope: `{"v":1,"ok":true,"data":{...}}` or `{"v":1,"ok":false,"error":{"win32":N|null,"hresult":N,...}}`.
 * Every field a decision rests on is a number: SERVICE_STATUS values from ServiceController (`[int]` of its
 * Status enum is dwCurrentState), checkpoint / wait hint / pid / exit code from Win32_Service, Win32 codes from
 * Win32Exception.NativeErrorCode (or a FACILITY_WIN32 HRESULT), WMI method return values, IIS ObjectState values.
 * Localized text (display names, exception messages) is carried along for people and never read by code.
 *
 * Written for Windows PowerShell 5.1 (every Windows Server since 2016; Node 20 needs Server 2016 or later anyway):
 *   - ConvertTo-Json there escapes < > ' & as \u003c...; non-ASCII is escaped by ConvertTo-IfJson below so stdout
 *     is pure ASCII and the console code page (OEM 850 on a German box) cannot garble a display name;
 *   - arrays are always built with @() / ArrayList so a single element stays an array in the JSON;
 *   - no backticks anywhere (PowerShell's escape character, and the end of a JS template literal).
 * Arguments arrive in `$A` (string[]), defined by powershell.ts before the script; never spliced into the text.
 */

/** Leading whitespace and whole-line comments cost command-line characters (32,767 at most) and carry nothing. */
function compact(text: string): string {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith("#"))
    .join("\n");
}

const PRELUDE = String.raw`
$ErrorActionPreference = 'Stop'
# Progress records would go to stderr as CLIXML, and slow everything down. Warning and information records are
# written to stdout as text when it is redirected, which would break the one-JSON-line contract.
$ProgressPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'
$InformationPreference = 'SilentlyContinue'
function ConvertTo-IfJson($o) {
  $j = ConvertTo-Json -InputObject $o -Depth 8 -Compress
  [regex]::Replace($j, '[^\u0000-\u007F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
}
# The Win32 code of an exception chain: a Win32Exception's NativeErrorCode wins (ServiceController and Process
# throw those, wrapped in InvalidOperationException and PowerShell's MethodInvocationException); otherwise an
# HRESULT of FACILITY_WIN32 (0x8007xxxx) carries the code in its low word (COM errors from IIS, ArgumentException).
function Get-IfError($e) {
  $w = $null
  $x = $e
  while ($null -ne $x) {
    if ($x -is [System.ComponentModel.Win32Exception]) { $w = $x.NativeErrorCode; break }
    $x = $x.InnerException
  }
  if ($null -eq $w) {
    $x = $e
    while ($null -ne $x) {
      if (($x.HResult -band 0xFFFF0000) -eq 0x80070000) { $w = $x.HResult -band 0xFFFF; break }
      $x = $x.InnerException
    }
  }
  [ordered]@{ win32 = $w; hresult = $e.HResult; type = $e.GetType().FullName; message = $e.Message }
}
function Throw-Win32([int]$code) { throw (New-Object System.ComponentModel.Win32Exception -ArgumentList $code) }
# A process's creation time as Unix milliseconds (Win32_Process.CreationDate): with the image name it tells the
# process listed from a later one that was given the same pid. The idle process has none.
function Get-IfUnixMs($d) { if ($null -eq $d) { return $null }; ([DateTimeOffset]$d).ToUnixTimeMilliseconds() }
# lpDependencies as the SCM stores it: the DependOnService value of the service's key (REG_MULTI_SZ).
function Get-IfDependsOn([string]$name) {
  $k = [Microsoft.Win32.Registry]::LocalMachine.OpenSubKey('SYSTEM\CurrentControlSet\Services\' + $name)
  if ($null -eq $k) { return }
  try { $k.GetValue('DependOnService', @()) | Where-Object { $_ } } finally { $k.Close() }
}
# WQL string literal: backslash escapes. Names are validated before, this is for names the SCM resolved.
function Get-IfWqlName([string]$n) { "Name='" + $n.Replace('\', '\\').Replace("'", "\'") + "'" }
function ConvertTo-IfService($sc, $w) {
  $n = $sc.ServiceName
  [ordered]@{
    name = $n
    displayName = $sc.DisplayName
    state = [int]$sc.Status
    serviceType = [int]$sc.ServiceType
    acceptsStop = [bool]$sc.CanStop
    checkpoint = $(if ($w) { [long]$w.CheckPoint } else { 0 })
    waitHintMs = $(if ($w) { [long]$w.WaitHint } else { 0 })
    pid = $(if ($w) { [long]$w.ProcessId } else { 0 })
    win32ExitCode = $(if ($w) { [long]$w.ExitCode } else { 0 })
    startType = [int]$sc.StartType
    dependsOn = @(Get-IfDependsOn $n)
  }
}
function Get-IfServerManager {
  $dll = Join-Path $env:windir 'System32\inetsrv\Microsoft.Web.Administration.dll'
  if (-not (Test-Path -LiteralPath $dll)) { return $null }
  # By path: the IIS copy (7.0.0.0). Loading by partial name could pick IIS Express's 7.9.0.0 from the GAC,
  # which manages IIS Express's configuration, not this server's.
  $null = [System.Reflection.Assembly]::LoadFrom($dll)
  New-Object Microsoft.Web.Administration.ServerManager
}
`;

function script(body: string): string {
  return compact(`${PRELUDE}
try {
  $data = & {
${body}
  }
  ConvertTo-IfJson ([ordered]@{ v = 1; ok = $true; data = $data })
} catch {
  ConvertTo-IfJson ([ordered]@{ v = 1; ok = $false; error = (Get-IfError $_.Exception) })
}`);
}

/**
 * Every Win32 service, plus the driver services any of them depends on (HTTP.SYS under W3SVC: the engine must see
 * it to stop and start it at level "http"), plus IIS's own version from HKLM\SOFTWARE\Microsoft\InetStp.
 * Status and accepted controls come from one EnumServicesStatusEx snapshot (GetServices); checkpoint, wait hint,
 * pid and exit code from Win32_Service, read just before.
 */
const LIST_SERVICES = String.raw`
Add-Type -AssemblyName System.ServiceProcess
$wmi = @{}
foreach ($w in @(Get-CimInstance -ClassName Win32_Service -Property 'Name','ProcessId','CheckPoint','WaitHint','ExitCode')) { $wmi[$w.Name] = $w }
$list = New-Object System.Collections.ArrayList
$seen = @{}
foreach ($sc in [System.ServiceProcess.ServiceController]::GetServices()) {
  $null = $list.Add((ConvertTo-IfService $sc $wmi[$sc.ServiceName]))
  $seen[$sc.ServiceName] = $true
}
$needed = @{ 'HTTP' = $true }
foreach ($s in $list) { foreach ($d in $s.dependsOn) { if (-not $seen.ContainsKey($d)) { $needed[$d] = $true } } }
foreach ($dev in [System.ServiceProcess.ServiceController]::GetDevices()) {
  if ($needed.ContainsKey($dev.ServiceName)) { $null = $list.Add((ConvertTo-IfService $dev $null)) }
}
$iis = [ordered]@{ majorVersion = $null; minorVersion = $null }
$k = [Microsoft.Win32.Registry]::LocalMachine.OpenSubKey('SOFTWARE\Microsoft\InetStp')
if ($null -ne $k) { try { $iis.majorVersion = $k.GetValue('MajorVersion'); $iis.minorVersion = $k.GetValue('MinorVersion') } finally { $k.Close() } }
[ordered]@{ services = @($list); iis = $iis }
`;

/** One service ($A[0]). Reading Status opens the service: a missing one throws with Win32 1060. */
const QUERY_SERVICE = String.raw`
Add-Type -AssemblyName System.ServiceProcess
$sc = New-Object System.ServiceProcess.ServiceController -ArgumentList $A[0]
$null = $sc.Status
$w = Get-CimInstance -ClassName Win32_Service -Filter (Get-IfWqlName $sc.ServiceName) -Property 'Name','ProcessId','CheckPoint','WaitHint','ExitCode'
[ordered]@{ service = (ConvertTo-IfService $sc $w) }
`;

/**
 * SERVICE_CONTROL_STOP through Win32_Service.StopService (Win32_SystemDriver's for a driver), NOT
 * ServiceController.Stop(): that one first stops every dependent itself and waits up to 30 s for each, which
 * would take the stop order away from the engine and block. StopService sends the one control and returns a
 * documented numeric code (parse.ts maps it to the Win32 code).
 */
const STOP_SERVICE = String.raw`
Add-Type -AssemblyName System.ServiceProcess
$sc = New-Object System.ServiceProcess.ServiceController -ArgumentList $A[0]
$null = $sc.Status
$f = Get-IfWqlName $sc.ServiceName
$w = Get-CimInstance -ClassName Win32_Service -Filter $f
if ($null -eq $w) { $w = Get-CimInstance -ClassName Win32_SystemDriver -Filter $f }
if ($null -eq $w) { Throw-Win32 1060 }
$r = Invoke-CimMethod -InputObject $w -MethodName StopService
[ordered]@{ service = $sc.ServiceName; returnValue = [long]$r.ReturnValue }
`;

/** StartService: returns once the SCM accepted the start; failures are Win32Exceptions (1056, 1058, 1068...). */
const START_SERVICE = String.raw`
Add-Type -AssemblyName System.ServiceProcess
$sc = New-Object System.ServiceProcess.ServiceController -ArgumentList $A[0]
$sc.Start()
[ordered]@{ service = $sc.ServiceName }
`;

/**
 * Processes with the services they host, their creation time, and loaded modules for the ones that matter:
 * service hosts (where a ServiceDll such as iisw3adm.dll lives) and w3wp workers. Not every process's modules,
 * as IISRESET does — that is exactly the scan that dies on a protected process. A process whose modules cannot
 * be read gets its error (Win32 5 for a protected one) instead of failing the list. w3wp's command line carries
 * its pool (-ap "Name").
 */
const LIST_PROCESSES = String.raw`
$byPid = @{}
foreach ($s in @(Get-CimInstance -ClassName Win32_Service -Filter 'ProcessId <> 0' -Property 'Name','ProcessId')) {
  $key = [long]$s.ProcessId
  if (-not $byPid.ContainsKey($key)) { $byPid[$key] = New-Object System.Collections.ArrayList }
  $null = $byPid[$key].Add($s.Name)
}
$out = New-Object System.Collections.ArrayList
foreach ($p in @(Get-CimInstance -ClassName Win32_Process -Property 'ProcessId','Name','CommandLine','CreationDate')) {
  $id = [long]$p.ProcessId
  $worker = $p.Name -eq 'w3wp.exe'
  $item = [ordered]@{ pid = $id; image = $p.Name; createdAtMs = (Get-IfUnixMs $p.CreationDate); services = @(); commandLine = $null; modules = $null; modulesError = $null }
  if ($byPid.ContainsKey($id)) { $item.services = @($byPid[$id]) }
  if ($worker) { $item.commandLine = $p.CommandLine }
  if ($byPid.ContainsKey($id) -or $worker) {
    try { $item.modules = @([System.Diagnostics.Process]::GetProcessById([int]$id).Modules | ForEach-Object { $_.ModuleName }) }
    catch { $item.modulesError = (Get-IfError $_.Exception) }
  }
  $null = $out.Add($item)
}
[ordered]@{ processes = @($out) }
`;

/**
 * TerminateProcess through Process.Kill() of the process listed ($A = pid, image, creation time in Unix ms).
 * Reading Handle opens the process and holds it, so its pid cannot pass to another process while image and
 * creation time are compared; a different one answers killed = false with what holds the pid now, untouched.
 * A pid that is gone answers 87 — what OpenProcess says, and what the engine reads as "already exited"; a
 * protected process answers the Win32Exception's 5.
 */
const KILL_PROCESS = String.raw`
$id = [int]$A[0]
$p = $null
try { $p = [System.Diagnostics.Process]::GetProcessById($id) } catch { Throw-Win32 87 }
function Test-IfGone($p) { $gone = $false; try { $p.Refresh(); $gone = $p.HasExited } catch { }; $gone }
try { $null = $p.Handle } catch { if (Test-IfGone $p) { Throw-Win32 87 }; throw }
$w = Get-CimInstance -ClassName Win32_Process -Filter ('ProcessId = ' + $id) -Property 'ProcessId','Name','CreationDate'
if ($null -eq $w) { Throw-Win32 87 }
$created = Get-IfUnixMs $w.CreationDate
if (($w.Name -ne $A[1]) -or ($created -ne [long]$A[2])) { return [ordered]@{ pid = $id; killed = $false; image = $w.Name; createdAtMs = $created } }
try { $p.Kill() } catch {
  $e = $_.Exception
  if (Test-IfGone $p) { Throw-Win32 87 }
  throw $e
}
[ordered]@{ pid = $id; killed = $true }
`;

/**
 * Application pools through Microsoft.Web.Administration (IIS 7+): ObjectState as a number, worker pids from the
 * worker process list. A host without the assembly (IIS 6) reports provider "none" and no pools.
 */
const LIST_APP_POOLS = String.raw`
$sm = Get-IfServerManager
if ($null -eq $sm) { return [ordered]@{ provider = 'none'; pools = @(); workersError = $null } }
$workers = @{}
$workersError = $null
try {
  foreach ($wp in @($sm.WorkerProcesses)) {
    if (-not $workers.ContainsKey($wp.AppPoolName)) { $workers[$wp.AppPoolName] = New-Object System.Collections.ArrayList }
    $null = $workers[$wp.AppPoolName].Add([long]$wp.ProcessId)
  }
} catch { $workersError = (Get-IfError $_.Exception) }
$pools = New-Object System.Collections.ArrayList
foreach ($pool in @($sm.ApplicationPools)) {
  $state = $null
  $stateError = $null
  try { $state = [int]$pool.State } catch { $stateError = (Get-IfError $_.Exception) }
  $pids = @()
  if ($workers.ContainsKey($pool.Name)) { $pids = @($workers[$pool.Name]) }
  $null = $pools.Add([ordered]@{ name = $pool.Name; state = $state; stateError = $stateError; workerPids = $pids })
}
[ordered]@{ provider = 'mwa'; pools = @($pools); workersError = $workersError }
`;

/**
 * Recycle() of one pool ($A[0]): overlapped, as IIS does it. An unknown pool answers 87 (as the simulated host
 * does); no Microsoft.Web.Administration (IIS 6) answers 2, ERROR_FILE_NOT_FOUND, for the missing assembly.
 */
const RECYCLE_APP_POOL = String.raw`
$sm = Get-IfServerManager
if ($null -eq $sm) { Throw-Win32 2 }
$pool = $sm.ApplicationPools[$A[0]]
if ($null -eq $pool) { Throw-Win32 87 }
$state = $pool.Recycle()
[ordered]@{ name = $pool.Name; state = [int]$state }
`;

/**
 * ApplicationPool.Start() of one stopped pool ($A[0]). The state is read first: a Started or Starting pool answers 1056
 * without a call (the port's contract; ApplicationPool.Stop on a stopped pool throws 0x80070426, 1062, and Start is kept
 * symmetrical). Start() returns the ObjectState it leaves the pool in, which may be Starting: the engine watches
 * listAppPools until Started rather than holding this PowerShell call open. Unknown pool: 87; no
 * Microsoft.Web.Administration (IIS 6): 2.
 */
const START_APP_POOL = String.raw`
$sm = Get-IfServerManager
if ($null -eq $sm) { Throw-Win32 2 }
$pool = $sm.ApplicationPools[$A[0]]
if ($null -eq $pool) { Throw-Win32 87 }
$before = [int]$pool.State
if (($before -eq 1) -or ($before -eq 0)) { Throw-Win32 1056 }
$state = $pool.Start()
[ordered]@{ name = $pool.Name; before = $before; state = [int]$state }
`;

/**
 * The sites through Microsoft.Web.Administration (IIS 7+): Name, Id, State as an ObjectState number (a site whose
 * state cannot be read — one with no protocol WAS knows, or W3SVC stopped — reports the error instead), every
 * binding as "protocol/bindingInformation", and the pool of the root application. IIS 6: provider "none".
 */
const LIST_SITES = String.raw`
$sm = Get-IfServerManager
if ($null -eq $sm) { return [ordered]@{ provider = 'none'; sites = @() } }
$sites = New-Object System.Collections.ArrayList
foreach ($site in @($sm.Sites)) {
  $state = $null
  $stateError = $null
  try { $state = [int]$site.State } catch { $stateError = (Get-IfError $_.Exception) }
  $bindings = @($site.Bindings | ForEach-Object { [string]$_.Protocol + '/' + [string]$_.BindingInformation })
  $root = $site.Applications['/']
  $pool = $null
  if ($null -ne $root) { $pool = [string]$root.ApplicationPoolName }
  $null = $sites.Add([ordered]@{ name = $site.Name; id = [long]$site.Id; state = $state; stateError = $stateError; bindings = $bindings; appPool = $pool })
}
[ordered]@{ provider = 'mwa'; sites = @($sites) }
`;

/**
 * Site.Stop() / Site.Start() of one site ($A[0]), answering the state before and the ObjectState the call returned.
 * The state is read first, so a site already there or on its way (Stopped or Stopping for a stop, Started or Starting
 * for a start) answers 1062 / 1056 without a call — the codes ApplicationPool.Stop's 0x80070426 and the SCM use; the
 * engine then watches listSites until the site has settled. Stop() / Start() may return Stopping / Starting: the
 * engine, not this call, waits for Stopped / Started, within its own deadline. A start whose binding another started
 * site holds fails in Site.Start with HRESULT 0x800700B7 (Win32 183); one whose port another process listens on with
 * 0x80070020 (Win32 32). Unknown site: 87; no Microsoft.Web.Administration: 2.
 */
const SITE_PRELUDE = String.raw`
$sm = Get-IfServerManager
if ($null -eq $sm) { Throw-Win32 2 }
$site = $sm.Sites[$A[0]]
if ($null -eq $site) { Throw-Win32 87 }
$before = [int]$site.State
`;
const STOP_SITE = String.raw`${SITE_PRELUDE}
if (($before -eq 3) -or ($before -eq 2)) { Throw-Win32 1062 }
$state = $site.Stop()
[ordered]@{ name = $site.Name; before = $before; state = [int]$state }
`;
const START_SITE = String.raw`${SITE_PRELUDE}
if (($before -eq 1) -or ($before -eq 0)) { Throw-Win32 1056 }
$state = $site.Start()
[ordered]@{ name = $site.Name; before = $before; state = [int]$state }
`;

/**
 * One entry in the Application log from our own source "iisfleet" ($A = event id, EventLogEntryType as a number,
 * message). Not IISCTLS: iisreset's event texts live in IISCTLS's message file, so our words under its ids would
 * be rendered as its sentences. A source registered by CreateEventSource uses .NET's generic message file, which
 * shows our message as written. Registering needs administrators, as the agent is.
 */
const WRITE_EVENT = String.raw`
$source = 'iisfleet'
if (-not [System.Diagnostics.EventLog]::SourceExists($source)) { [System.Diagnostics.EventLog]::CreateEventSource($source, 'Application') }
[System.Diagnostics.EventLog]::WriteEntry($source, $A[2], [System.Diagnostics.EventLogEntryType][int]$A[1], [int]$A[0])
[ordered]@{ source = $source; eventId = [int]$A[0] }
`;

/**
 * One member of an IIS Application Request Routing web farm on this host (the ARR host): $A = web farm name,
 * server address, action ("status", "drain", "available"). ARR is managed through IIS's configuration system, not
 * a network API: the webFarms section of applicationHost.config, where each <server> has an applicationRequestRouting
 * child with the dynamic method SetState (input "newState": 0 Start, 1 Drain) and a runtime "counters" element
 * (state 0 Available / 1 Drain / 2 Unavailable, isHealthy, currentRequests, totalRequests) that ARR fills in when
 * read. Farm and address compare without regard to case (PowerShell's -eq), as IIS Manager shows them. A host
 * without ARR (no arr_schema.xml), an unknown farm and an unknown address are answers ("found"), not exceptions,
 * so the agent can say which one it was and what exists instead.
 */
const ARR_MEMBER = String.raw`
$schema = Join-Path $env:windir 'System32\inetsrv\config\schema\arr_schema.xml'
if (-not (Test-Path -LiteralPath $schema)) { return [ordered]@{ found = 'no-arr' } }
$sm = Get-IfServerManager
if ($null -eq $sm) { return [ordered]@{ found = 'no-arr' } }
$farms = @($sm.GetApplicationHostConfiguration().GetSection('webFarms').GetCollection())
$farm = $null
foreach ($f in $farms) { if ([string]$f.GetAttributeValue('name') -eq $A[0]) { $farm = $f; break } }
if ($null -eq $farm) { return [ordered]@{ found = 'no-farm'; farms = @($farms | ForEach-Object { [string]$_.GetAttributeValue('name') }) } }
$servers = @($farm.GetCollection())
$server = $null
foreach ($x in $servers) { if ([string]$x.GetAttributeValue('address') -eq $A[1]) { $server = $x; break } }
$farmName = [string]$farm.GetAttributeValue('name')
if ($null -eq $server) { return [ordered]@{ found = 'no-server'; farm = $farmName; servers = @($servers | ForEach-Object { [string]$_.GetAttributeValue('address') }) } }
$arr = $server.GetChildElement('applicationRequestRouting')
$newState = -1
if ($A[2] -eq 'drain') { $newState = 1 } elseif ($A[2] -eq 'available') { $newState = 0 }
if ($newState -ge 0) {
  $call = $arr.Methods['SetState'].CreateInstance()
  $call.Input.SetAttributeValue('newState', $newState)
  $call.Execute()
}
$c = $arr.GetChildElement('counters')
[ordered]@{
  found = 'ok'
  farm = $farmName
  server = [string]$server.GetAttributeValue('address')
  state = [int]$c.GetAttributeValue('state')
  isHealthy = [bool]$c.GetAttributeValue('isHealthy')
  currentRequests = [long]$c.GetAttributeValue('currentRequests')
  totalRequests = [long]$c.GetAttributeValue('totalRequests')
}
`;

export const SCRIPTS = {
  listServices: script(LIST_SERVICES),
  queryService: script(QUERY_SERVICE),
  stopService: script(STOP_SERVICE),
  startService: script(START_SERVICE),
  listProcesses: script(LIST_PROCESSES),
  killProcess: script(KILL_PROCESS),
  listAppPools: script(LIST_APP_POOLS),
  recycleAppPool: script(RECYCLE_APP_POOL),
  startAppPool: script(START_APP_POOL),
  listSites: script(LIST_SITES),
  stopSite: script(STOP_SITE),
  startSite: script(START_SITE),
  writeEvent: script(WRITE_EVENT),
  arrMember: script(ARR_MEMBER),
} as const;

export type ScriptName = keyof typeof SCRIPTS;

/** Which script a text is (tests and logs use it; the runner itself never needs to know). */
export function scriptName(text: string): ScriptName | undefined {
  return (Object.keys(SCRIPTS) as ScriptName[]).find((name) => SCRIPTS[name] === text);
}
