// Every script the Windows adapter can send must run on Windows PowerShell 5.1 (what Windows Server ships), not only
// on PowerShell 7: parsed with tree-sitter-powershell, no error node, no PowerShell-7-only token. The lists below
// are read from the modules' exports, so a script added to SCRIPTS (or a new exported script text) is checked
// without anyone remembering to add it here.
import { describe, expect, it } from "vitest";
import { checkPowerShell51, formatProblems } from "../../../test/support/powershell-syntax.js";
import * as scripts from "../src/host/windows/scripts.js";
import * as session from "../src/host/windows/powershell-session.js";
import { SCRIPTS, type ScriptName, bootstrapLine, withArguments } from "../src/host/windows/index.js";

/** Every string an export holds: a constant, or the values of a record of them (SCRIPTS). */
function exportedTexts(mod: Record<string, unknown>, prefix: string): [string, string][] {
  const texts: [string, string][] = [];
  for (const [name, value] of Object.entries(mod)) {
    if (typeof value === "string") texts.push([`${prefix}.${name}`, value]);
    else if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) if (typeof inner === "string") texts.push([`${prefix}.${name}.${key}`, inner]);
    }
  }
  return texts;
}

/** Realistic arguments per script, so the `$A` line that precedes each script is checked as sent. */
const ARGS: Record<ScriptName, string[]> = {
  listServices: [],
  queryService: ["W3SVC"],
  stopService: ["W3SVC"],
  startService: ["WAS"],
  listProcesses: [],
  killProcess: ["3472"],
  listAppPools: [],
  recycleAppPool: ["Büro & Co"],
  startAppPool: [".NET v4.5 Classic"],
  listSites: [],
  stopSite: ["Bob's Shop $(x)"],
  startSite: ["Default Web Site"],
  writeEvent: ["3201", "4", "iisfleet completed command c1 from ops: Internet services successfully restarted."],
  arrMember: ["shop farm", "10.0.0.5", "drain"],
};

const expectPs51 = (what: string, source: string) => {
  const check = checkPowerShell51(source);
  expect(check.ok, `${what}:\n${formatProblems(check.problems)}`).toBe(true);
};

describe("Windows PowerShell 5.1 syntax of everything the agent sends", () => {
  const sent = [
    ...exportedTexts(scripts, "scripts").filter(([, t]) => t.includes("\n")),
    ...exportedTexts(session, "session").filter(([, t]) => t.includes("\n")),
  ];

  it("finds every script of the adapter and the session loop", () => {
    const names = sent.map(([n]) => n);
    for (const name of Object.keys(SCRIPTS)) expect(names).toContain(`scripts.SCRIPTS.${name}`);
    expect(names).toContain("session.SESSION_LOOP");
    expect(Object.keys(ARGS).sort()).toEqual(Object.keys(SCRIPTS).sort());
  });

  it.each(Object.keys(SCRIPTS) as ScriptName[])("%s, with its arguments line, parses as PowerShell 5.1", (name) => {
    expectPs51(name, withArguments(SCRIPTS[name], ARGS[name]));
  });

  it("every exported script text parses as PowerShell 5.1", () => {
    for (const [name, text] of sent) expectPs51(name, text);
  });

  it("the one-line bootstrap sent first on stdin parses as PowerShell 5.1", () => {
    expectPs51("bootstrapLine()", bootstrapLine());
  });
});

describe("checkPowerShell51 refuses what 5.1 cannot run", () => {
  const base = SCRIPTS.stopService;
  const planted: [string, string, RegExp][] = [
    ["&&", base.replace("$null = $sc.Status", "$null = $sc.Status && $sc.Refresh()"), /pipeline chain operator &&/],
    ["||", base.replace("$null = $sc.Status", "Get-Service W3SVC || Write-Output 'none'"), /pipeline chain operator \|\|/],
    ["??", base.replace("$f = Get-IfWqlName $sc.ServiceName", "$f = $x ?? 'Name=1'"), /null-coalescing/],
    ["??=", base.replace("$f = Get-IfWqlName $sc.ServiceName", "$f ??= 'Name=1'"), /null-coalescing/],
    ["ternary", base.replace("$f = Get-IfWqlName $sc.ServiceName", "$f = $w ? 'a' : 'b'"), /ternary/],
    ["?.", base.replace("$null = $sc.Status", "$null = ${sc}?.Status"), /null-conditional/],
    ["-Parallel", base.replace("$null = $sc.Status", "1..3 | ForEach-Object -Parallel { $_ }"), /ForEach-Object -Parallel/],
  ];

  it.each(planted)("catches a planted %s in a real script", (_label, source, message) => {
    expect(source).not.toBe(base); // the plant took
    const check = checkPowerShell51(source);
    expect(check.ok).toBe(false);
    expect(formatProblems(check.problems)).toMatch(message);
  });

  it("catches a plain syntax error, with its line", () => {
    const check = checkPowerShell51("$a = 1\nif ($a) {\n  'x'\n");
    expect(check.ok).toBe(false);
    expect(check.problems[0]).toMatchObject({ kind: "syntax" });
  });

  it("accepts a typical Windows PowerShell 5.1 script: param block, splatting, redirections, call operator, here-string", () => {
    const script = String.raw`#Requires -RunAsAdministrator
[CmdletBinding(SupportsShouldProcess = $true)]
param(
  [Parameter(Mandatory = $true)][ValidateSet('install', 'remove')][string]$Action,
  [string]$Path = "$env:ProgramFiles\iisfleet",
  [switch]$Force
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$params = @{ Name = 'iisfleet'; DisplayName = "iisfleet agent ($Action)" }
function Invoke-Step([string]$What, [scriptblock]$Do) {
  try { & $Do 2>&1 | Out-Null } catch { Write-Error ("{0} failed: {1}" -f $What, $_.Exception.Message) } finally { }
}
switch ($Action) {
  'install' { New-Item -ItemType Directory -Force -Path $Path | Out-Null }
  default { Remove-Item -Recurse -Force $Path -ErrorAction SilentlyContinue }
}
$svc = Get-Service @params -ErrorAction SilentlyContinue | ? { $_.Status -eq 'Running' } | Where-Object { -not $Force -or $_ }
if ($null -ne $svc -and $svc.Count -gt 0) { & sc.exe stop iisfleet > $null 2>&1 }
$text = @"
line with && and || and ?? inside a here-string
"@
$acl = Get-Acl -LiteralPath $Path; $acl.SetAccessRuleProtection($true, $false)
[Environment]::SetEnvironmentVariable('X', '1', [EnvironmentVariableTarget]::Machine)
$x = if ($Force) { 1 } else { 2 }
exit 0
`;
    expect(checkPowerShell51(script)).toEqual({ ok: true, problems: [] });
  });

  it("accepts what looks like PowerShell 7 only inside strings and comments, and ? as Where-Object", () => {
    expect(checkPowerShell51("$s = 'a && b ?? c'\n# x || y ? z\n$t = \"1 ?. 2\"\nGet-Service | ? { $_.Status -eq 4 }")).toEqual({ ok: true, problems: [] });
  });
});
