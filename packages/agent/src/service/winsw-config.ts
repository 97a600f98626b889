// The WinSW configuration that runs iisfleet-agent.exe as the Windows service "iisfleet-agent". WinSW is the
// service wrapper (node.exe cannot answer the service control manager itself: a bare `sc create` fails with 1053).
// The XML works with WinSW 1.17 (shipped in node-windows, what `npm run package:agent` puts beside the exe) and 2.x:
//   - no XML declaration or comment before <service>: WinSW 1.17 reads <stoptimeout> and <resetfailure> under the
//     document's first node;
//   - absolute paths, no %BASE% (1.17 sets BASE to the wrapper's own file, 2.x to its directory);
//   - durations as "<n> sec|min|hour", the suffixes both versions parse.
// `iisfleet-agent service-config` prints it; install-agent.ps1 writes it beside the wrapper.
import { STOP_GRACE_MS } from "./lifecycle.js";

export const SERVICE_ID = "iisfleet-agent";
/** WinSW waits this long after Ctrl+C before it kills the agent: longer than the agent's own grace for a command. */
export const STOP_TIMEOUT_SECONDS = Math.ceil(STOP_GRACE_MS / 1000) + 15;
/** Restart after a crash: soon, then backing off; the count resets after an hour of running. */
export const RESTART_DELAYS = ["10 sec", "30 sec", "2 min"] as const;
export const RESET_FAILURE_AFTER = "1 hour";
/** Roll the wrapper's copies of stdout/stderr (the agent's JSON log lines) at 10 MiB, keep 8. */
export const LOG_ROLL = { sizeThresholdKb: 10_240, keepFiles: 8 } as const;

export interface WinSwServiceSpec {
  /** Where iisfleet-agent.exe and the wrapper live, e.g. C:\Program Files\iisfleet\agent. */
  installDir: string;
  /** Where the rolled logs go, e.g. C:\ProgramData\iisfleet\agent\logs. */
  logDir: string;
  /** The agent's own options (already validated by the caller), one XML <argument> each. */
  agentArgs: string[];
}

export class ServiceConfigError extends Error {
  readonly code = "INVALID_SERVICE_CONFIG";
  constructor(message: string) {
    super(message);
    this.name = "ServiceConfigError";
  }
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/**
 * WinSW expands %NAME% in every element and quotes an argument only when it has a space; an argument that is
 * already in quotes, or holds a quote, a % or a control character, would reach the agent changed, so it is refused.
 */
function checkValue(what: string, value: string): string {
  if (value === "") throw new ServiceConfigError(`${what} is empty.`);
  if (/["%\u0000-\u001f]/.test(value)) throw new ServiceConfigError(`${what} "${value}" holds a quote, a % or a control character, which WinSW would change.`);
  return value;
}

function checkDir(what: string, dir: string): string {
  checkValue(what, dir);
  if (!/^[A-Za-z]:\\/.test(dir)) throw new ServiceConfigError(`${what} "${dir}" is not an absolute Windows path (e.g. C:\\Program Files\\iisfleet\\agent).`);
  return dir.replace(/\\+$/, "");
}

export function renderWinSwConfig(spec: WinSwServiceSpec): string {
  const installDir = checkDir("the install directory", spec.installDir);
  const logDir = checkDir("the log directory", spec.logDir);
  const args = spec.agentArgs.map((a, i) => checkValue(`agent argument ${i + 1}`, a));
  const lines = [
    "<service>",
    `  <id>${SERVICE_ID}</id>`,
    `  <name>${SERVICE_ID}</name>`,
    "  <description>iisfleet agent: performs coordinated, noforce-by-default IIS resets on command from the iisfleet controller.</description>",
    `  <executable>${xml(`${installDir}\\iisfleet-agent.exe`)}</executable>`,
    ...args.map((a) => `  <argument>${xml(a)}</argument>`),
    `  <workingdirectory>${xml(installDir)}</workingdirectory>`,
    "  <startmode>Automatic</startmode>",
    "  <depend>EventLog</depend>",
    // LocalSystem: stopping W3SVC/WAS and terminating worker processes needs it. WinSW 2.x reads it; 1.17 installs
    // with no account at all, which the service control manager also takes as LocalSystem.
    "  <serviceaccount>",
    "    <user>LocalSystem</user>",
    "  </serviceaccount>",
    // Ctrl+C first (Node: SIGINT; the agent lets a running command finish), the agent process before its children.
    `  <stoptimeout>${STOP_TIMEOUT_SECONDS} sec</stoptimeout>`,
    "  <stopparentprocessfirst>true</stopparentprocessfirst>",
    ...RESTART_DELAYS.map((d) => `  <onfailure action="restart" delay="${d}"/>`),
    `  <resetfailure>${RESET_FAILURE_AFTER}</resetfailure>`,
    `  <logpath>${xml(logDir)}</logpath>`,
    '  <log mode="roll-by-size">',
    `    <sizeThreshold>${LOG_ROLL.sizeThresholdKb}</sizeThreshold>`,
    `    <keepFiles>${LOG_ROLL.keepFiles}</keepFiles>`,
    "  </log>",
    "</service>",
  ];
  return `${lines.join("\r\n")}\r\n`;
}
