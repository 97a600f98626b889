// install-agent.ps1, as far as Linux can check it: Windows PowerShell 5.1 syntax (the tree-sitter checker in
// test/support/powershell-syntax.ts, shared with the agent's scripts), -WhatIf honoured by every step that changes
// the machine, and the names it shares with the agent and the package script kept in step.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SCRIPTS } from "../../packages/agent/src/host/windows/index.js";
import { USAGE } from "../../packages/agent/src/options.js";
import { SERVICE_ID } from "../../packages/agent/src/service/winsw-config.js";
import { checkPowerShell51 } from "../support/powershell-syntax.js";
import { ROOT } from "./package-agent.js";

const SCRIPT = readFileSync(join(ROOT, "packages", "agent", "windows", "install-agent.ps1"), "utf8");
const LINES = SCRIPT.split(/\r?\n/);

const indent = (line: string) => /^\s*/.exec(line)?.[0].length ?? 0;

describe("install-agent.ps1", () => {
  it("parses as Windows PowerShell 5.1 (test/support/powershell-syntax.ts)", () => {
    const result = checkPowerShell51(SCRIPT);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("supports -WhatIf: every step that changes the machine sits inside a ShouldProcess block", () => {
    const mutating = /\b(Remove-Item|Copy-Item|New-Item|Set-Acl|New-EventLog|Remove-EventLog|Start-Service|Stop-Service|Invoke-Wrapper '|WriteAllText|Invoke-Native 'sc\.exe)\b/;
    expect(SCRIPT).toMatch(/\[CmdletBinding\(SupportsShouldProcess = \$true/);
    const unguarded: string[] = [];
    LINES.forEach((line, i) => {
      if (!mutating.test(line) || /^\s*(#|function )/.test(line)) return;
      // Walk out through the enclosing blocks (by indentation) looking for the ShouldProcess that guards this line.
      let level = indent(line);
      let guarded = line.includes("ShouldProcess");
      for (let j = i - 1; j >= 0 && !guarded && level > 0; j--) {
        const above = LINES[j] ?? "";
        if (above.trim() === "" || indent(above) >= level) continue;
        level = indent(above);
        guarded = above.includes("ShouldProcess");
      }
      if (!guarded) unguarded.push(`${i + 1}: ${line.trim()}`);
    });
    expect(unguarded).toEqual([]);
  });

  it("places only the controller's PUBLIC key, refusing a private one, and never names the signing key file", () => {
    expect(SCRIPT).toMatch(/-match 'PRIVATE KEY'\) \{ throw/);
    expect(SCRIPT).toMatch(/-----BEGIN PUBLIC KEY-----/);
    expect(SCRIPT).not.toMatch(/command-signing\.key|SigningKeyFile/i);
  });

  it("locks the state directory to SYSTEM and Administrators, inheritance off", () => {
    expect(SCRIPT).toContain("SetAccessRuleProtection($true, $false)");
    const sids = [...SCRIPT.matchAll(/'(S-1-5-[\d-]+)'/g)].map((m) => m[1]);
    expect(new Set(sids)).toEqual(new Set(["S-1-5-18", "S-1-5-32-544"]));
    expect(SCRIPT).toContain("Join-Path $env:ProgramData 'iisfleet\\agent'");
  });

  it("registers the same event log source the agent writes to, and the service name the XML declares", () => {
    const agentSource = /\$source = '([^']+)'/.exec(Object.values(SCRIPTS).join("\n"))?.[1];
    expect(agentSource).toBe("iisfleet");
    expect(SCRIPT).toContain(`$EventSource = '${agentSource}'`);
    expect(SCRIPT).toMatch(/New-EventLog -LogName Application -Source \$EventSource/);
    expect(SCRIPT).toContain(`$ServiceName = '${SERVICE_ID}'`);
  });

  it("passes the agent only options it knows, and names the files the package script ships", () => {
    const block = /\$agentArgs = @\(([\s\S]*?)\)\r?\n/.exec(SCRIPT)?.[1] ?? "";
    const used = new Set([...SCRIPT.matchAll(/'(--[a-z-]+)'/g)].map((m) => m[1] as string));
    expect(block).toContain("'--trusted-key'");
    for (const option of used) expect(USAGE, option).toContain(`${option} `);
    const packageScript = readFileSync(join(ROOT, "scripts", "package-agent.mjs"), "utf8");
    for (const file of ["iisfleet-agent.exe", "iisfleet-agent-service.exe", "iisfleet-agent-service.exe.config"]) {
      expect(SCRIPT).toContain(`'${file}'`);
      expect(packageScript).toContain(`"${file}"`);
    }
  });

  it("keeps the state directory on -Uninstall unless -Purge", () => {
    const uninstall = /function Uninstall-Agent \{([\s\S]*?)\n\}/.exec(SCRIPT)?.[1] ?? "";
    const purgeAt = uninstall.indexOf("if ($Purge)");
    expect(purgeAt).toBeGreaterThan(0);
    expect(uninstall.indexOf("Remove-Item -LiteralPath $StateDir")).toBeGreaterThan(purgeAt);
  });
});
