<#
.SYNOPSIS
Installs, upgrades or removes the iisfleet agent as the Windows service "iisfleet-agent".

.DESCRIPTION
Run from the unpacked release folder (iisfleet-agent.exe, iisfleet-agent-service.exe and its .config, this script),
in an elevated Windows PowerShell 5.1 or later. Install:
  - copies the executable and WinSW (the service wrapper) to -InstallDir;
  - creates %ProgramData%\iisfleet\agent (the agent's id, cordon, result journal, replay memory, logs) with an ACL
    of SYSTEM and Administrators only, inheritance off;
  - places the NATS nkey seed and the controller's PUBLIC command-signing key there (a private key is refused),
    and the policy file (an existing one is kept unless -PolicyFile is given);
  - registers the event log source "iisfleet", writes the WinSW XML (made by the executable itself, which checks
    the agent options), registers the service (LocalSystem, automatic) and starts it.
Run again with a newer release to upgrade: the service is stopped, the files replaced, the service registered
again and started; the state directory (agent id, journals) is kept, and options not given are taken from the
installed service. -Uninstall stops and removes the service and the program files, and keeps the state directory
unless -Purge. -WhatIf shows every step without doing it.

.EXAMPLE
.\install-agent.ps1 -Nats tls://nats.example:4222 -NatsSeedFile .\web01.nk -ControllerPublicKeyFile .\command-signing.pub -Farm shop

.EXAMPLE
.\install-agent.ps1             # upgrade in place, from a newer release folder

.EXAMPLE
.\install-agent.ps1 -Uninstall -Purge
#>
[CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Install')]
param(
    # NATS server URL(s), e.g. tls://nats.example:4222.
    [Parameter(ParameterSetName = 'Install')] [string[]] $Nats,
    # This host's nkey seed (nats/agents/<host>.nk from `iisfleet keys`).
    [Parameter(ParameterSetName = 'Install')] [string] $NatsSeedFile,
    # The controller's public key (command-signing.pub from `iisfleet keys init`), never the signing key.
    [Parameter(ParameterSetName = 'Install')] [string] $ControllerPublicKeyFile,
    # CA certificate (PEM) the NATS server's certificate must chain to.
    [Parameter(ParameterSetName = 'Install')] [string] $NatsTlsCaFile,
    [Parameter(ParameterSetName = 'Install')] [string] $HostName,
    [Parameter(ParameterSetName = 'Install')] [string] $Farm,
    # KEY=VALUE labels for targeting.
    [Parameter(ParameterSetName = 'Install')] [string[]] $Tag,
    # Health probes after every reset, URL[=STATUS].
    [Parameter(ParameterSetName = 'Install')] [string[]] $Probe,
    # A policy JSON to install (see the agent's --policy); without it an existing policy is kept, or a default written.
    [Parameter(ParameterSetName = 'Install')] [string] $PolicyFile,
    [Parameter(ParameterSetName = 'Install')] [string] $SourceDir = $PSScriptRoot,
    [string] $InstallDir = (Join-Path $env:ProgramFiles 'iisfleet\agent'),
    [Parameter(ParameterSetName = 'Uninstall', Mandatory = $true)] [switch] $Uninstall,
    # With -Uninstall: also delete the state directory (agent id, journals, keys) and the event log source.
    [Parameter(ParameterSetName = 'Uninstall')] [switch] $Purge
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'

$ServiceName = 'iisfleet-agent'
$EventSource = 'iisfleet'
$StateDir = Join-Path $env:ProgramData 'iisfleet\agent'
$LogDir = Join-Path $StateDir 'logs'
$AgentExe = 'iisfleet-agent.exe'
$Wrapper = 'iisfleet-agent-service.exe'
$WrapperFiles = @($Wrapper, 'iisfleet-agent-service.exe.config')
$WrapperXml = 'iisfleet-agent-service.xml'
$SeedTarget = Join-Path $StateDir 'nats.nk'
$KeyTarget = Join-Path $StateDir 'controller.pub'
$CaTarget = Join-Path $StateDir 'nats-ca.pem'
$PolicyTarget = Join-Path $StateDir 'policy.json'
$Utf8NoBom = New-Object System.Text.UTF8Encoding($false)

function Say([string] $Message) { Write-Host "[iisfleet] $Message" }

function Assert-Administrator {
    $principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        throw 'install-agent.ps1 must run in an elevated PowerShell (Run as administrator).'
    }
}

function Get-AgentService { Get-Service -Name $ServiceName -ErrorAction SilentlyContinue }

# Runs a native command, its stderr folded into the output: Windows PowerShell 5.1 turns redirected native stderr
# into error records, which $ErrorActionPreference = 'Stop' would make fatal even when the command succeeds.
function Invoke-Native([string] $File, [string[]] $Arguments) {
    $ErrorActionPreference = 'Continue'
    $output = & $File @Arguments 2>&1 | ForEach-Object { "$_" }
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed (exit $LASTEXITCODE): $($output -join ' ')" }
}

function Invoke-Wrapper([string] $Verb) { Invoke-Native (Join-Path $InstallDir $Wrapper) @($Verb) }

function Stop-AgentService {
    $service = Get-AgentService
    if ($null -eq $service -or $service.Status -eq 'Stopped') { return }
    if ($PSCmdlet.ShouldProcess($ServiceName, 'Stop the service (Ctrl+C: a running reset finishes first)')) {
        Stop-Service -Name $ServiceName -WarningAction SilentlyContinue
        # The wrapper waits up to its <stoptimeout> for the agent; the service control manager a little longer.
        $service.WaitForStatus('Stopped', [TimeSpan]::FromSeconds(120))
        Say "stopped service $ServiceName"
    }
}

function Remove-AgentService {
    if ($null -eq (Get-AgentService)) { return }
    if ($PSCmdlet.ShouldProcess($ServiceName, 'Unregister the service')) {
        if (Test-Path -LiteralPath (Join-Path $InstallDir $Wrapper)) {
            Invoke-Wrapper 'uninstall'
        } else {
            # The wrapper is gone (a half-removed install): the service control manager can still delete the entry.
            Invoke-Native 'sc.exe' @('delete', $ServiceName)
        }
        Say "unregistered service $ServiceName"
    }
}

function New-RestrictedDirectory([string] $Path) {
    if ($PSCmdlet.ShouldProcess($Path, 'Create with an ACL of SYSTEM and Administrators only')) {
        New-Item -ItemType Directory -Path $Path -Force | Out-Null
        $acl = New-Object System.Security.AccessControl.DirectorySecurity
        $acl.SetAccessRuleProtection($true, $false)
        foreach ($sid in @('S-1-5-18', 'S-1-5-32-544')) {
            $identity = New-Object System.Security.Principal.SecurityIdentifier($sid)
            $rule = New-Object System.Security.AccessControl.FileSystemAccessRule($identity, 'FullControl', 'ContainerInherit,ObjectInherit', 'None', 'Allow')
            $acl.AddAccessRule($rule)
        }
        $acl.SetOwner((New-Object System.Security.Principal.SecurityIdentifier('S-1-5-32-544')))
        Set-Acl -Path $Path -AclObject $acl
        Say "state directory $Path (SYSTEM and Administrators only)"
    }
}

function Copy-Secret([string] $From, [string] $To, [string] $What) {
    if (-not (Test-Path -LiteralPath $From -PathType Leaf)) { throw "$What file not found: $From" }
    if ($PSCmdlet.ShouldProcess($To, "Place the $What")) {
        # Bytes as they are: the agent reads these files as UTF-8 without a byte order mark.
        Copy-Item -LiteralPath $From -Destination $To -Force
        Say "placed the $What at $To"
    }
}

function Write-TextFile([string] $Path, [string] $Text, [string] $What) {
    if ($PSCmdlet.ShouldProcess($Path, "Write the $What")) {
        [System.IO.File]::WriteAllText($Path, $Text, $Utf8NoBom)
        Say "wrote the $What to $Path"
    }
}

# The agent options the installed service runs with (<argument> elements of its WinSW XML), for upgrades.
function Get-InstalledArguments {
    $xmlPath = Join-Path $InstallDir $WrapperXml
    if (-not (Test-Path -LiteralPath $xmlPath)) { return @() }
    $doc = New-Object System.Xml.XmlDocument
    $doc.Load($xmlPath)
    return @($doc.SelectNodes('/service/argument') | ForEach-Object { $_.InnerText })
}

function Get-OptionValue([string[]] $Arguments, [string] $Name) {
    $values = @()
    for ($i = 0; $i -lt $Arguments.Count - 1; $i++) {
        if ($Arguments[$i] -eq $Name) { $values += $Arguments[$i + 1] }
    }
    return $values
}

function Uninstall-Agent {
    Stop-AgentService
    Remove-AgentService
    if ((Test-Path -LiteralPath $InstallDir) -and $PSCmdlet.ShouldProcess($InstallDir, 'Delete the program files')) {
        Remove-Item -LiteralPath $InstallDir -Recurse -Force
        Say "deleted $InstallDir"
    }
    if ($Purge) {
        if ((Test-Path -LiteralPath $StateDir) -and $PSCmdlet.ShouldProcess($StateDir, 'Delete the state directory (agent id, journals, keys, logs)')) {
            Remove-Item -LiteralPath $StateDir -Recurse -Force
            Say "deleted $StateDir"
        }
        if ([System.Diagnostics.EventLog]::SourceExists($EventSource) -and $PSCmdlet.ShouldProcess($EventSource, 'Remove the event log source')) {
            Remove-EventLog -Source $EventSource
            Say "removed event log source $EventSource"
        }
    } else {
        Say "kept $StateDir (agent id, journals, keys); -Purge deletes it"
    }
}

function Install-Agent {
    $sourceExe = Join-Path $SourceDir $AgentExe
    foreach ($file in @($AgentExe) + $WrapperFiles) {
        if (-not (Test-Path -LiteralPath (Join-Path $SourceDir $file) -PathType Leaf)) { throw "$file is missing from $SourceDir (run the script from the unpacked release folder, or give -SourceDir)." }
    }
    $version = (& $sourceExe --version | Out-String).Trim()
    if ($LASTEXITCODE -ne 0) { throw "$sourceExe --version failed (exit $LASTEXITCODE)." }
    $previous = Get-InstalledArguments
    $upgrade = $null -ne (Get-AgentService)
    Say $(if ($upgrade) { "upgrading $ServiceName to iisfleet-agent $version" } else { "installing iisfleet-agent $version as service $ServiceName" })

    # Options: as given, else as installed; a first install needs NATS, its seed and the controller's key.
    if (-not $Nats) { $Nats = @(Get-OptionValue $previous '--nats') }
    if (-not $HostName) { $HostName = @(Get-OptionValue $previous '--host') | Select-Object -First 1 }
    if (-not $HostName) { $HostName = $env:COMPUTERNAME.ToLowerInvariant() }
    if (-not $Farm) { $Farm = @(Get-OptionValue $previous '--farm') | Select-Object -First 1 }
    if (-not $Farm) { $Farm = 'default' }
    if (-not $Tag) { $Tag = @(Get-OptionValue $previous '--tag') }
    if (-not $Probe) { $Probe = @(Get-OptionValue $previous '--probe') }
    $hadCa = @(Get-OptionValue $previous '--nats-tls-ca').Count -gt 0
    if (-not $Nats) { throw 'Give -Nats (the NATS server URL, e.g. tls://nats.example:4222).' }
    if (-not $NatsSeedFile -and -not (Test-Path -LiteralPath $SeedTarget)) { throw "Give -NatsSeedFile (this host's nkey seed from ``iisfleet keys``)." }
    if (-not $ControllerPublicKeyFile -and -not (Test-Path -LiteralPath $KeyTarget)) { throw 'Give -ControllerPublicKeyFile (command-signing.pub from `iisfleet keys init`).' }
    if ($ControllerPublicKeyFile) {
        $keyText = Get-Content -LiteralPath $ControllerPublicKeyFile -Raw
        if ($keyText -match 'PRIVATE KEY') { throw "$ControllerPublicKeyFile holds a PRIVATE key: give the controller's public key (command-signing.pub); the signing key never leaves the controller." }
        if ($keyText -notmatch '-----BEGIN PUBLIC KEY-----') { throw "$ControllerPublicKeyFile is not a PEM public key (-----BEGIN PUBLIC KEY-----)." }
    }
    if ($NatsSeedFile -and ((Get-Content -LiteralPath $NatsSeedFile -Raw).Trim() -notmatch '^SU[A-Z2-7]+$')) {
        throw "$NatsSeedFile is not an nkey user seed (one line starting with SU)."
    }

    Stop-AgentService
    Remove-AgentService

    New-RestrictedDirectory $StateDir
    if ($PSCmdlet.ShouldProcess($LogDir, 'Create the log directory')) { New-Item -ItemType Directory -Path $LogDir -Force | Out-Null }
    if ($NatsSeedFile) { Copy-Secret $NatsSeedFile $SeedTarget 'NATS nkey seed' }
    if ($ControllerPublicKeyFile) { Copy-Secret $ControllerPublicKeyFile $KeyTarget "controller's public key" }
    if ($NatsTlsCaFile) { Copy-Secret $NatsTlsCaFile $CaTarget 'NATS CA certificate'; $hadCa = $true }
    if ($PolicyFile) {
        Copy-Secret $PolicyFile $PolicyTarget 'policy file'
    } elseif (-not (Test-Path -LiteralPath $PolicyTarget)) {
        # The agent's defaults, written out so an administrator sees and edits them in one place.
        Write-TextFile $PolicyTarget "{`r`n  `"allowForce`": true,`r`n  `"allowReboot`": false,`r`n  `"allowLbControl`": true`r`n}`r`n" 'default policy'
    } else {
        Say "kept the policy file $PolicyTarget"
    }

    if ($PSCmdlet.ShouldProcess($InstallDir, "Copy $AgentExe and WinSW")) {
        New-Item -ItemType Directory -Path $InstallDir -Force | Out-Null
        foreach ($file in @($AgentExe) + $WrapperFiles) { Copy-Item -LiteralPath (Join-Path $SourceDir $file) -Destination (Join-Path $InstallDir $file) -Force }
        Say "copied $AgentExe and $Wrapper to $InstallDir"
    }

    if (-not [System.Diagnostics.EventLog]::SourceExists($EventSource)) {
        if ($PSCmdlet.ShouldProcess($EventSource, 'Register the event log source in the Application log')) {
            New-EventLog -LogName Application -Source $EventSource
            Say "registered event log source $EventSource (Application log)"
        }
    }

    $agentArgs = @('--host', $HostName, '--farm', $Farm, '--nats', ($Nats -join ','), '--nats-nkey', $SeedTarget, '--trusted-key', $KeyTarget,
        '--policy', $PolicyTarget, '--state-dir', $StateDir)
    if ($hadCa) { $agentArgs += @('--nats-tls-ca', $CaTarget) }
    foreach ($t in $Tag) { if ($t) { $agentArgs += @('--tag', $t) } }
    foreach ($p in $Probe) { if ($p) { $agentArgs += @('--probe', $p) } }

    if ($PSCmdlet.ShouldProcess((Join-Path $InstallDir $WrapperXml), 'Write the service configuration')) {
        # The executable checks its own options (as at start-up) and writes the XML; a refusal stops the install here.
        $xml = & (Join-Path $InstallDir $AgentExe) service-config --install-dir $InstallDir --log-dir $LogDir -- @agentArgs
        if ($LASTEXITCODE -ne 0) { throw "iisfleet-agent refused the options (exit $LASTEXITCODE); nothing was registered." }
        [System.IO.File]::WriteAllText((Join-Path $InstallDir $WrapperXml), (($xml -join "`r`n") + "`r`n"), $Utf8NoBom)
        Say "wrote ${WrapperXml}: $($agentArgs -join ' ')"
    }
    if ($PSCmdlet.ShouldProcess($ServiceName, 'Register the service (LocalSystem, automatic start, restart on failure)')) {
        Invoke-Wrapper 'install'
        Say "registered service $ServiceName"
    }
    if ($PSCmdlet.ShouldProcess($ServiceName, 'Start the service')) {
        Start-Service -Name $ServiceName
        (Get-AgentService).WaitForStatus('Running', [TimeSpan]::FromSeconds(60))
        Say "started service $ServiceName; it appears in ``iisfleet hosts`` as $HostName within one heartbeat"
    }
}

if (-not $WhatIfPreference) { Assert-Administrator }
if ($Uninstall) { Uninstall-Agent } else { Install-Agent }
