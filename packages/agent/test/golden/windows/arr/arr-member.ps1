$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'
$InformationPreference = 'SilentlyContinue'
function ConvertTo-IfJson($o) {
$j = ConvertTo-Json -InputObject $o -Depth 8 -Compress
[regex]::Replace($j, '[^\u0000-\u007F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
}
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
function Get-IfUnixMs($d) { if ($null -eq $d) { return $null }; ([DateTimeOffset]$d).ToUnixTimeMilliseconds() }
function Get-IfDependsOn([string]$name) {
$k = [Microsoft.Win32.Registry]::LocalMachine.OpenSubKey('SYSTEM\CurrentControlSet\Services\' + $name)
if ($null -eq $k) { return }
try { $k.GetValue('DependOnService', @()) | Where-Object { $_ } } finally { $k.Close() }
}
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
$null = [System.Reflection.Assembly]::LoadFrom($dll)
New-Object Microsoft.Web.Administration.ServerManager
}
try {
$data = & {
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
}
ConvertTo-IfJson ([ordered]@{ v = 1; ok = $true; data = $data })
} catch {
ConvertTo-IfJson ([ordered]@{ v = 1; ok = $false; error = (Get-IfError $_.Exception) })
}