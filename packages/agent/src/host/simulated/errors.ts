/**
 * Win32 codes the simulation raises that port.ts's `Win32` table does not (yet) name, and the failures of a host
 * call that are not Win32 answers at all. Kept here rather than in port.ts so the shared contract stays untouched;
 * the values are winerror.h's.
 */
export const SimWin32 = {
  /** OpenProcess on a pid that does not exist; also used for an unknown application pool. */
  INVALID_PARAMETER: 87,
} as const;

/**
 * How a call to the real host fails without a Win32 code, as the Windows adapter sees it: PowerShell timed out
 * (the call may have taken effect), powershell.exe could not be started (nothing happened), it printed something
 * unreadable (it ran), or the script hit a CIM/.NET fault (nothing happened).
 */
export const HOST_CALL_FAILURES = ["timeout", "spawn-failed", "malformed-output", "script-fault"] as const;
export type HostCallFailureKind = (typeof HOST_CALL_FAILURES)[number];

/** Whether the call's effect (a stop, a start, a kill) happened before the failure was seen. */
export function tookEffect(kind: HostCallFailureKind): boolean {
  return kind === "timeout" || kind === "malformed-output";
}

export class SimulatedCallError extends Error {
  constructor(
    readonly kind: HostCallFailureKind,
    readonly call: string,
    readonly target: string,
  ) {
    super(callFailureText(kind, call, target));
    this.name = "SimulatedCallError";
  }
}

function callFailureText(kind: HostCallFailureKind, call: string, target: string): string {
  switch (kind) {
    case "timeout":
      return `PowerShell did not finish ${call} ${target} in time and was terminated.`;
    case "spawn-failed":
      return `powershell.exe could not be started for ${call} ${target}: spawn EPERM.`;
    case "malformed-output":
      return `Unreadable PowerShell output for ${call} ${target}: not JSON (Unexpected end of JSON input).`;
    case "script-fault":
      return `${call} ${target} failed: Microsoft.Management.Infrastructure.CimException (HRESULT 0x80041033).`;
  }
}
