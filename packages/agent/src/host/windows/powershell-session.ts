/**
 * One long-lived Windows PowerShell per agent, fed scripts over stdin, so that starting powershell.exe (0.3–1.2 s
 * on a loaded server) is paid once per agent and never inside a service's stop deadline; it also keeps the agent
 * from spawning an `-EncodedCommand` PowerShell every few seconds, the pattern stock EDR rules flag.
 *
 * The process is `powershell.exe -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command -`: with
 * `-Command -` PowerShell reads its commands from stdin. The first line we send is the bootstrap (BOOTSTRAP, one
 * line that decodes and dot-sources the request loop); the loop then owns stdin and answers one request line at
 * a time. The protocol, one ASCII line each way:
 *
 *   request   <id> <base64 of the UTF-8 script text, arguments already embedded by withArguments()>
 *   ready     @@iisfleet ready
 *   answer    @@iisfleet <id> <exit 0|1> <base64 UTF-8 of the output stream> <base64 UTF-8 of the error stream>
 *
 * Base64 cannot contain a space or a newline, so a frame cannot be split or forged by what a script prints; any
 * other line on stdout (a module's banner, a stray Write-Host) is not a frame and is dropped, and stderr is kept
 * only for the error messages. Each script runs in its own child scope (`& $sb`): its functions, `$A` and
 * preferences vanish with it, so one call cannot change the next.
 *
 * Robustness: calls are queued (one at a time — the loop is single-threaded and so is a service's state machine);
 * a call that outlives its timeout kills the process and fails with TIMEOUT, and the next call starts a new one;
 * a process that exits (crash, killed by an operator) fails the call in flight with SESSION_EXITED and is
 * replaced on the next call; an answer that does not decode fails with MALFORMED_OUTPUT and the process is
 * replaced, since we no longer know where its stream stands. Nothing is retried: a stop request may have reached
 * the SCM before the failure, and only the engine may decide what to do next.
 */
import { spawn as nodeSpawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { PowerShellError, type PsResult, type PsRunner, excerpt, powershellPath, withArguments } from "./powershell.js";

export const FRAME_TAG = "@@iisfleet";

/**
 * The request loop, Windows PowerShell 5.1. `2>&1` folds the error stream into the pipeline so both can be told
 * apart by type (ErrorRecord) and framed separately; the scripts themselves print their own errors as JSON.
 * Output is written with [Console]::Out and flushed per answer so nothing waits in a buffer.
 */
export const SESSION_LOOP = String.raw`
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$iisfleetUtf8 = New-Object System.Text.UTF8Encoding -ArgumentList $false
$iisfleetOut = [Console]::Out
$iisfleetIn = [Console]::In
$iisfleetOut.WriteLine('@@iisfleet ready')
$iisfleetOut.Flush()
while ($true) {
  $line = $iisfleetIn.ReadLine()
  if ($null -eq $line) { break }
  $parts = $line.Trim().Split(' ')
  if ($parts.Length -ne 2) { continue }
  $code = 0
  $o = New-Object System.Text.StringBuilder
  $e = New-Object System.Text.StringBuilder
  try {
    $sb = [ScriptBlock]::Create($iisfleetUtf8.GetString([Convert]::FromBase64String($parts[1])))
    foreach ($item in @(& $sb 2>&1)) {
      if ($item -is [System.Management.Automation.ErrorRecord]) { $null = $e.AppendLine([string]$item) }
      else { $null = $o.AppendLine([string]$item) }
    }
  } catch {
    $code = 1
    $null = $e.AppendLine([string]$_)
  }
  $b64o = [Convert]::ToBase64String($iisfleetUtf8.GetBytes($o.ToString()))
  $b64e = [Convert]::ToBase64String($iisfleetUtf8.GetBytes($e.ToString()))
  $iisfleetOut.WriteLine('@@iisfleet ' + $parts[0] + ' ' + $code + ' ' + $b64o + ' ' + $b64e)
  $iisfleetOut.Flush()
}
`;

/** The first line on stdin: one statement (`-Command -` runs a line as soon as it is complete). */
export function bootstrapLine(loop: string = SESSION_LOOP): string {
  const b64 = Buffer.from(loop, "utf8").toString("base64");
  return `. ([ScriptBlock]::Create([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${b64}'))))`;
}

export function sessionArgs(): string[] {
  return ["-NoLogo", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command", "-"];
}

export function encodeRequest(id: string, script: string, args: readonly string[]): string {
  return `${id} ${Buffer.from(withArguments(script, args), "utf8").toString("base64")}`;
}

/** The part of a ChildProcess the session uses, so tests and the benchmark can hand in a fake. */
export interface SessionChild {
  readonly stdin: NodeJS.WritableStream | null;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  readonly pid?: number | undefined;
  once(event: "error", listener: (err: Error) => void): unknown;
  once(event: "exit", listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  kill(): boolean;
}

export interface SessionSpawnOptions {
  shell: false;
  windowsHide: true;
  stdio: ["pipe", "pipe", "pipe"];
}

export type SessionSpawnFn = (file: string, args: string[], options: SessionSpawnOptions) => SessionChild;

export interface SessionOptions {
  /** Per call, from the moment it is written. Default 60 s, as the per-call runner. */
  timeoutMs?: number;
  /** Spawn to "ready". Default 30 s: a cold powershell.exe on a busy server takes seconds. */
  startTimeoutMs?: number;
  /** Output of one call, stray lines included. Default 16 MiB. */
  maxOutputBytes?: number;
  /** Replace the process after this many calls, bounding what a long-lived .NET runtime can accumulate. */
  maxCallsPerSession?: number;
  spawn?: SessionSpawnFn;
  /** The executable; default Windows PowerShell 5.1 by absolute path (powershellPath). */
  file?: string;
  env?: Readonly<Record<string, string | undefined>>;
  arch?: string;
}

export interface SessionCounts {
  /** Processes started. */
  spawns: number;
  /** Scripts run. */
  calls: number;
  /** Lines on stdout that were not frames (dropped). */
  strayLines: number;
}

const DEFAULTS = { timeoutMs: 60_000, startTimeoutMs: 30_000, maxOutputBytes: 16 * 1024 * 1024, maxCallsPerSession: 1_000 };
const STDERR_KEEP = 4_096;

interface Waiter {
  id: string;
  resolve(frame: string[]): void;
  reject(err: PowerShellError): void;
}

/** One running powershell.exe and what it has printed. */
class Live {
  private buffer = "";
  private bytes = 0;
  stderrTail = "";
  exited = false;
  calls = 0;
  waiter: Waiter | undefined;

  constructor(
    readonly child: SessionChild,
    private readonly maxBytes: number,
    private readonly counts: SessionCounts,
    onGone: (live: Live, err: PowerShellError) => void,
  ) {
    child.stdout?.on("data", (chunk: Buffer | string) => this.onStdout(String(chunk)));
    child.stderr?.on("data", (chunk: Buffer | string) => {
      this.stderrTail = (this.stderrTail + String(chunk)).slice(-STDERR_KEEP);
    });
    child.once("error", (e) => {
      this.exited = true;
      onGone(this, new PowerShellError("SPAWN_FAILED", `Could not run PowerShell: ${e.message}`));
    });
    child.once("exit", (code, signal) => {
      this.exited = true;
      const how = code !== null ? `exit code ${code}` : `signal ${signal ?? "unknown"}`;
      onGone(this, new PowerShellError("SESSION_EXITED", `The PowerShell session ended (${how}): ${excerpt(this.stderrTail)}`));
    });
    // A broken pipe surfaces as 'exit' too; without a listener it would be an uncaught exception.
    child.stdin?.on("error", () => undefined);
  }

  /** Resets the per-call output budget. */
  beginCall(): void {
    this.bytes = 0;
  }

  private onStdout(text: string): void {
    this.bytes += Buffer.byteLength(text);
    if (this.bytes > this.maxBytes) {
      this.fail(new PowerShellError("OUTPUT_TOO_LARGE", `PowerShell printed more than ${this.maxBytes} bytes for one call.`));
      return;
    }
    this.buffer += text;
    let nl: number;
    while ((nl = this.buffer.indexOf("\n")) >= 0) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, "");
      this.buffer = this.buffer.slice(nl + 1);
      this.onLine(line);
    }
  }

  private onLine(line: string): void {
    // Only leading blanks are dropped: an empty error stream is an empty last field.
    const parts = line.trimStart().split(" ");
    const w = this.waiter;
    if (parts[0] !== FRAME_TAG || !w || parts[1] !== w.id) {
      this.counts.strayLines++;
      return;
    }
    this.waiter = undefined;
    w.resolve(parts.slice(2));
  }

  wait(id: string, timeoutMs: number, onTimeout: () => PowerShellError): Promise<string[]> {
    return new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.waiter?.id !== id) return;
        this.waiter = undefined;
        reject(onTimeout());
      }, timeoutMs);
      this.waiter = {
        id,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
    });
  }

  fail(err: PowerShellError): void {
    const w = this.waiter;
    this.waiter = undefined;
    this.kill();
    w?.reject(err);
  }

  kill(): void {
    if (!this.exited) this.child.kill();
  }
}

/**
 * The session. `run` is a PsRunner: WindowsHost cannot tell it from the per-call runner, except that it is fast.
 */
export class PowerShellSession {
  readonly counts: SessionCounts = { spawns: 0, calls: 0, strayLines: 0 };
  private live: Live | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly o: typeof DEFAULTS;
  private readonly spawnFn: SessionSpawnFn;
  private readonly file: string;

  constructor(opts: SessionOptions = {}) {
    this.o = {
      timeoutMs: opts.timeoutMs ?? DEFAULTS.timeoutMs,
      startTimeoutMs: opts.startTimeoutMs ?? DEFAULTS.startTimeoutMs,
      maxOutputBytes: opts.maxOutputBytes ?? DEFAULTS.maxOutputBytes,
      maxCallsPerSession: opts.maxCallsPerSession ?? DEFAULTS.maxCallsPerSession,
    };
    this.spawnFn = opts.spawn ?? ((file, args, options) => nodeSpawn(file, args, options));
    this.file = opts.file ?? powershellPath(opts.env ?? process.env, opts.arch ?? process.arch);
  }

  readonly run: PsRunner = (script, args) => {
    const next = this.queue.then(() => this.exec(script, args));
    this.queue = next.catch(() => undefined);
    return next;
  };

  /** Starts the process now (agent start-up), so the first reset does not pay for it. */
  async start(): Promise<void> {
    const next = this.queue.then(() => this.ensureLive());
    this.queue = next.catch(() => undefined);
    await next;
  }

  /** Ends the session: stdin closes (the loop and then PowerShell exit), and the process is killed if it lingers. */
  async close(graceMs = 2_000): Promise<void> {
    this.closed = true;
    const live = this.live;
    this.live = undefined;
    if (!live || live.exited) return;
    const exited = new Promise<void>((resolve) => live.child.once("exit", () => resolve()));
    live.child.stdin?.end();
    const timer = setTimeout(() => live.kill(), graceMs);
    await exited;
    clearTimeout(timer);
  }

  private async exec(script: string, args: readonly string[]): Promise<PsResult> {
    const live = await this.ensureLive();
    this.counts.calls++;
    live.calls++;
    live.beginCall();
    const id = randomBytes(8).toString("hex");
    const answer = live.wait(id, this.o.timeoutMs, () => {
      this.drop(live);
      return new PowerShellError("TIMEOUT", `PowerShell did not finish within ${this.o.timeoutMs} ms; the session was restarted.`);
    });
    live.child.stdin?.write(`${encodeRequest(id, script, args)}\n`);
    const frame = await answer;
    if (live.calls >= this.o.maxCallsPerSession) {
      this.drop(live);
      // Start the successor now, so an idle agent pays for it rather than the next command's first call.
      this.start().catch(() => undefined);
    }
    return decodeFrame(frame, () => this.drop(live));
  }

  private async ensureLive(): Promise<Live> {
    if (this.closed) throw new PowerShellError("CLOSED", "The PowerShell session was closed.");
    if (this.live && !this.live.exited) return this.live;
    this.live = undefined;
    let child: SessionChild;
    try {
      child = this.spawnFn(this.file, sessionArgs(), { shell: false, windowsHide: true, stdio: ["pipe", "pipe", "pipe"] });
    } catch (err) {
      throw new PowerShellError("SPAWN_FAILED", `Could not start ${this.file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.counts.spawns++;
    const live = new Live(child, this.o.maxOutputBytes, this.counts, (gone, err) => {
      if (this.live === gone) this.live = undefined;
      gone.fail(err);
    });
    this.live = live;
    const ready = live.wait("ready", this.o.startTimeoutMs, () => {
      this.drop(live);
      return new PowerShellError("TIMEOUT", `PowerShell did not start within ${this.o.startTimeoutMs} ms: ${excerpt(live.stderrTail)}`);
    });
    child.stdin?.write(`${bootstrapLine()}\n`);
    await ready;
    return live;
  }

  private drop(live: Live): void {
    if (this.live === live) this.live = undefined;
    live.kill();
  }
}

function decodeFrame(frame: string[], onMalformed: () => void): PsResult {
  const [exit, out, err = ""] = frame;
  const b64 = /^[A-Za-z0-9+/]*={0,2}$/;
  if ((frame.length !== 2 && frame.length !== 3) || (exit !== "0" && exit !== "1") || !b64.test(out ?? "") || !b64.test(err ?? "")) {
    onMalformed();
    throw new PowerShellError("MALFORMED_OUTPUT", `The PowerShell session answered with an unreadable frame (${frame.length} fields).`);
  }
  return {
    stdout: Buffer.from(out ?? "", "base64").toString("utf8"),
    stderr: Buffer.from(err, "base64").toString("utf8"),
    exitCode: Number(exit),
  };
}
