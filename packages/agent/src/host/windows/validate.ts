/**
 * Every name and number that reaches a PowerShell process is checked here first, before anything is spawned.
 * The scripts never splice arguments into code (they arrive base64-encoded, see powershell.ts), so this is the
 * second wall, not the only one: it keeps names that no legitimate caller sends from reaching Windows at all.
 */
import { Win32Error } from "../port.js";

/** winerror.h ERROR_INVALID_NAME: what the SCM itself answers for a malformed service name. */
export const ERROR_INVALID_NAME = 123;
/** winerror.h ERROR_INVALID_PARAMETER: what OpenProcess answers for a pid it cannot use. */
export const ERROR_INVALID_PARAMETER = 87;

/**
 * Service key names: the SCM forbids "/" and "\" and allows 256 characters. We allow far less — letters, digits,
 * space and `_ . - $ @ +` (enough for every in-box service, per-user services like `CDPUserSvc_4a8f2`, and
 * instance names like `MSSQL$SQLEXPRESS`) — and never quotes, semicolons, backticks, brackets or wildcards.
 */
const SERVICE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.$@+\- ]{0,255}$/;

/**
 * Application pool names come from IIS's own list (listAppPools) and travel to PowerShell as base64 data, never as
 * code, so every name IIS's configuration can hold is accepted: any letter of any script ("Büro"), digits,
 * punctuation and symbols — `@ # & + ' "` included (IIS Manager refuses some of them for new pools, appcmd and older
 * configurations do not). Refused: what no configuration holds — control characters (C0, C1: a newline, ESC),
 * lone surrogates, an empty or padded name, more than 256 characters.
 */
const APP_POOL_NAME = /^(?=\S)(?:(?![\p{Cc}\p{Cs}]).){1,256}(?<=\S)$/u;

/**
 * A refusal before any process is started. It is a Win32Error (123 / 87) so the engine reports it as the failed
 * step it is, with a number, instead of aborting the whole reset on an unknown exception type.
 */
export class RejectedArgumentError extends Win32Error {
  constructor(win32: number, operation: string, target: string, why: string) {
    super(win32, operation, target);
    this.name = "RejectedArgumentError";
    this.message = `${operation} ${target}: refused before running anything: ${why} (Win32 ${win32})`;
  }
}

/** Shows a rejected value safely in messages: quoted, control characters escaped, bounded. */
function show(value: string): string {
  const quoted = JSON.stringify(value);
  return quoted.length > 82 ? `${quoted.slice(0, 80)}…"` : quoted;
}

function checkName(kind: string, pattern: RegExp, operation: string, name: string): string {
  if (typeof name !== "string" || !pattern.test(name) || name !== name.trimEnd()) {
    throw new RejectedArgumentError(
      ERROR_INVALID_NAME,
      operation,
      show(String(name)),
      `not a valid ${kind} name (allowed: ${pattern.source})`,
    );
  }
  return name;
}

export function validateServiceName(operation: string, name: string): string {
  return checkName("service", SERVICE_NAME, operation, name);
}

export function validateAppPoolName(operation: string, name: string): string {
  return checkName("application pool", APP_POOL_NAME, operation, name);
}

/**
 * Site names travel the same way (base64 data): every name a configuration can hold, refused only for what none
 * holds (control characters, lone surrogates, empty, padded, longer than 260).
 */
const SITE_NAME = /^(?=\S)(?:(?![\p{Cc}\p{Cs}]).){1,260}(?<=\S)$/u;

export function validateSiteName(operation: string, name: string): string {
  return checkName("site", SITE_NAME, operation, name);
}

/**
 * A Windows pid is a DWORD, but .NET's Process API (and so the scripts) takes an Int32; real pids stay far below
 * 2^31. 0 is the idle process and never a valid target.
 */
export const MAX_PID = 0x7fff_ffff;

export function validatePid(operation: string, pid: number): number {
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid > MAX_PID) {
    throw new RejectedArgumentError(ERROR_INVALID_PARAMETER, operation, `pid ${String(pid)}`, "not a process id");
  }
  return pid;
}

/** An executable's file name as Win32_Process.Name reports it (`svchost.exe`, `SMSvcHost.exe`): no path, no quotes. */
const IMAGE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.$@+\- ]{0,254}$/;

export function validateImageName(operation: string, image: string): string {
  return checkName("process image", IMAGE_NAME, operation, image);
}

/** A creation time in Unix ms, as the process list printed it. */
export function validateCreationTime(operation: string, createdAtMs: number): number {
  if (!Number.isSafeInteger(createdAtMs) || createdAtMs < 0) {
    throw new RejectedArgumentError(ERROR_INVALID_PARAMETER, operation, `creation time ${String(createdAtMs)}`, "not a time");
  }
  return createdAtMs;
}

/** Event ids are 16-bit (EventLog.WriteEntry takes 0..65535). */
export function validateEventId(eventId: number): number {
  if (!Number.isInteger(eventId) || eventId < 0 || eventId > 0xffff) {
    throw new RejectedArgumentError(ERROR_INVALID_PARAMETER, "WriteEntry", `event ${String(eventId)}`, "not an event id");
  }
  return eventId;
}

/**
 * ARR web farm names as IIS Manager creates them (letters, digits, space, `_ . -`) and member addresses (a host
 * name or an IPv4/IPv6 address: letters, digits, `_ . : -`). Anything else is refused before PowerShell starts.
 */
const WEB_FARM_NAME = /^[A-Za-z0-9_.][A-Za-z0-9_. -]{0,199}$/;
const SERVER_ADDRESS = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,253}$/;

export function validateWebFarmName(operation: string, name: string): string {
  return checkName("ARR web farm", WEB_FARM_NAME, operation, name);
}

export function validateServerAddress(operation: string, address: string): string {
  return checkName("ARR server address", SERVER_ADDRESS, operation, address);
}
