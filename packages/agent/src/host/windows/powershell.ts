/**
 * Running a PowerShell script on the host: building the exact command line, spawning it without a shell, and
 * bounding it in time and output. Nothing here knows what a script does; scripts.ts has the texts and parse.ts
 * reads what they print.
 *
 * The agent itself runs scripts through one long-lived session (powershell-session.ts), which reuses
 * powershellPath() and withArguments() from here. The per-call runner below (one powershell.exe per script) stays
 * for one-off use and as the "before" of the spawn benchmark: a reset through it costs dozens of process starts.
 *
 * How arguments travel. Windows has no argv: a child gets one command-line string, and `powershell.exe -Command`
 * joins whatever follows into PowerShell *code* — so an argument passed that way is code, and a quote in it is an
 * injection. Instead:
 *   - the whole script goes as `-EncodedCommand` (base64 of UTF-16LE, PowerShell's documented way to pass a
 *     command "that requires complex quotation marks or curly braces"): the command line holds only flags and
 *     base64 characters, which no quoting layer (Node's, the C runtime's, PowerShell's) can misread;
 *   - each argument is embedded in that script as a base64 string literal inside single quotes and decoded at run
 *     time into `$A`. Base64's alphabet (A–Z a–z 0–9 + / =) cannot close a single-quoted string, so an argument
 *     is only ever data. Callers still validate every name first (validate.ts).
 */
import { spawn as nodeSpawn } from "node:child_process";

export interface PsResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs one script with its arguments. Tests inject canned outputs through this. */
export type PsRunner = (script: string, args: string[]) => Promise<PsResult>;

/** CreateProcess's lpCommandLine limit, in characters, including the executable. */
export const MAX_COMMAND_LINE = 32_767;

/**
 * Why PowerShell gave no result. None of these is a Win32 code: the engine treats each as a failed step.
 * SESSION_EXITED, MALFORMED_OUTPUT and CLOSED come from the session (powershell-session.ts) only.
 */
export type PowerShellErrorCode =
  | "COMMAND_TOO_LONG"
  | "SPAWN_FAILED"
  | "TIMEOUT"
  | "OUTPUT_TOO_LARGE"
  | "FAILED"
  | "SESSION_EXITED"
  | "MALFORMED_OUTPUT"
  | "CLOSED";

export class PowerShellError extends Error {
  constructor(
    readonly code: PowerShellErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "PowerShellError";
  }
}

/** What is handed to child_process.spawn, exactly. */
export interface PsInvocation {
  file: string;
  args: string[];
  options: {
    /** Never a shell: no cmd.exe between us and powershell.exe. */
    shell: false;
    /** No console window flashing on a desktop session. */
    windowsHide: true;
    /** No stdin: powershell.exe can otherwise wait for stdin to close before exiting. */
    stdio: ["ignore", "pipe", "pipe"];
  };
}

/**
 * Windows PowerShell 5.1 by absolute path, so a powershell.exe earlier on PATH or in the working directory is
 * never picked. A 32-bit Node on 64-bit Windows would be redirected to SysWOW64's 32-bit PowerShell, which cannot
 * list a 64-bit process's modules (Win32 299) nor load the 64-bit IIS configuration; "Sysnative" is the documented
 * alias that escapes that redirection.
 */
export function powershellPath(env: Readonly<Record<string, string | undefined>>, arch: string): string {
  const root = (env["SystemRoot"] ?? env["windir"] ?? "C:\\Windows").replace(/\\+$/, "");
  const wow64 = arch === "ia32" && env["PROCESSOR_ARCHITEW6432"] !== undefined;
  return `${root}\\${wow64 ? "Sysnative" : "System32"}\\WindowsPowerShell\\v1.0\\powershell.exe`;
}

const utf8Base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/**
 * The script as PowerShell will run it: one line defining `$A` (the arguments, decoded from base64 into a
 * string array — `@()` plus the `[string[]]` cast keep a single argument an array rather than a bare string,
 * whose `[0]` would be its first character), then the script itself.
 */
export function withArguments(script: string, args: readonly string[]): string {
  const literals = args.map((arg) => `'${utf8Base64(arg)}'`).join(",");
  const decode = "ForEach-Object { [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($_)) }";
  const line = args.length === 0 ? "$A = [string[]]@()" : `$A = [string[]]@(@(${literals}) | ${decode})`;
  return `${line}\n${script}`;
}

/** `-EncodedCommand` takes base64 of the UTF-16LE bytes. */
export function encodeCommand(text: string): string {
  return Buffer.from(text, "utf16le").toString("base64");
}

export function buildInvocation(
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
  arch: string = process.arch,
): PsInvocation {
  const file = powershellPath(env, arch);
  const argv = [
    "-NoProfile", // a profile could print to stdout (breaking the JSON) or change preferences
    "-NonInteractive", // never wait for a prompt (a confirmation, a credential)
    "-ExecutionPolicy",
    "Bypass", // our code never depends on the host's policy for this process
    "-EncodedCommand",
    encodeCommand(withArguments(script, args)),
  ];
  // Node quotes each argument for the C runtime; ours contain no spaces or quotes, so the line is the plain join.
  const length = file.length + 3 + argv.reduce((n, a) => n + a.length + 1, 0);
  if (length > MAX_COMMAND_LINE) {
    throw new PowerShellError(
      "COMMAND_TOO_LONG",
      `The PowerShell command line would be ${length} characters; Windows allows ${MAX_COMMAND_LINE}.`,
    );
  }
  return { file, args: argv, options: { shell: false, windowsHide: true, stdio: ["ignore", "pipe", "pipe"] } };
}

/** The part of a ChildProcess the runner uses, so tests can hand in a fake. */
export interface ChildLike {
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  once(event: "error", listener: (err: Error) => void): unknown;
  once(event: "close", listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  kill(): boolean;
}

export type SpawnFn = (file: string, args: string[], options: PsInvocation["options"]) => ChildLike;

export interface RunnerOptions {
  /** Per call. Default 60 s: a stop request alone may block ~30 s while the SCM waits on a service's handler. */
  timeoutMs?: number;
  /** stdout and stderr together. Default 16 MiB; a full process list with modules is a few hundred KiB. */
  maxOutputBytes?: number;
  spawn?: SpawnFn;
  env?: Readonly<Record<string, string | undefined>>;
  arch?: string;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;

/** The real runner: spawns powershell.exe per call. It rejects only when no result could be had. */
export function createPowerShellRunner(opts: RunnerOptions = {}): PsRunner {
  const spawnFn: SpawnFn = opts.spawn ?? ((file, args, options) => nodeSpawn(file, args, options));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  return (script, args) =>
    new Promise<PsResult>((resolve, reject) => {
      let inv: PsInvocation;
      try {
        inv = buildInvocation(script, args, opts.env ?? process.env, opts.arch ?? process.arch);
      } catch (err) {
        reject(err);
        return;
      }
      let child: ChildLike;
      try {
        child = spawnFn(inv.file, inv.args, inv.options);
      } catch (err) {
        reject(new PowerShellError("SPAWN_FAILED", `Could not start ${inv.file}: ${errorText(err)}`));
        return;
      }
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let bytes = 0;
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const collect = (sink: Buffer[]) => (chunk: Buffer | string) => {
        const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
        bytes += buf.length;
        if (bytes > maxBytes) {
          child.kill();
          finish(() => reject(new PowerShellError("OUTPUT_TOO_LARGE", `PowerShell printed more than ${maxBytes} bytes.`)));
          return;
        }
        sink.push(buf);
      };
      child.stdout?.on("data", collect(out));
      child.stderr?.on("data", collect(err));
      const timer = setTimeout(() => {
        child.kill();
        finish(() => reject(new PowerShellError("TIMEOUT", `PowerShell did not finish within ${timeoutMs} ms.`)));
      }, timeoutMs);
      child.once("error", (e) =>
        finish(() => reject(new PowerShellError("SPAWN_FAILED", `Could not run ${inv.file}: ${e.message}`))),
      );
      child.once("close", (code, signal) =>
        finish(() =>
          resolve({
            // The scripts print pure ASCII (they escape everything else), so the console code page cannot matter.
            stdout: Buffer.concat(out).toString("utf8"),
            stderr: Buffer.concat(err).toString("utf8"),
            exitCode: code ?? (signal ? -1 : 0),
          }),
        ),
      );
    });
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Stderr for an error message: one line, bounded. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat === "") return "(nothing on stderr)";
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
