// Finds the nats-server binary the integration tests run, optionally installing it (Debian/Ubuntu, as root, via apt).
// Plain Node ESM, no dependencies.
//
//   import { ensureNatsServer } from "./scripts/ensure-nats-server.mjs";
//   const bin = await ensureNatsServer({ install: false });   // path, or throws with the install one-liner
//
//   node scripts/ensure-nats-server.mjs            # prints the path (exit 0) or how to install it (exit 1)
//   node scripts/ensure-nats-server.mjs --install  # same, but installs it first where that is possible
//
// Lookup order (the same as test/support/nats-server.ts): $NATS_SERVER_BIN, `nats-server` on PATH,
// /usr/sbin/nats-server (where the Debian package puts it; not on a normal user's PATH).
import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

const DEBIAN_PATH = "/usr/sbin/nats-server";
const RELEASES_URL = "https://github.com/nats-io/nats-server/releases";
/** JetStream, which the tests rely on, first shipped in nats-server 2.2.0. */
const MIN_JETSTREAM_VERSION = [2, 2, 0];

/**
 * Returns the path of a runnable nats-server. When none is found and `install` is true and we are root on a
 * Debian/Ubuntu system with apt-get, installs the `nats-server` package (running `apt-get update -qq` only if the
 * first install attempt fails) and returns the installed binary. Otherwise throws an Error whose message ends with
 * the one-line install command for this platform.
 *
 * @param {{ install?: boolean }} [options]
 * @returns {Promise<string>}
 */
export async function ensureNatsServer({ install = false } = {}) {
  const found = findNatsServer();
  if (found) {
    warnIfTooOld(found);
    return found;
  }

  if (!install) throw notFound();
  const blocker = aptInstallBlocker();
  if (blocker) throw notFound(`cannot install it automatically: ${blocker}`);

  log("nats-server not found; installing the Debian package with apt-get");
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let status = await run("apt-get", ["install", "-y", "nats-server"], aptEnv);
  if (status !== 0) {
    log(`apt-get install exited with ${status}; refreshing the package lists and retrying`);
    const updateStatus = await run("apt-get", ["update", "-qq"], aptEnv);
    if (updateStatus !== 0) log(`apt-get update -qq exited with ${updateStatus}; retrying the install anyway`);
    status = await run("apt-get", ["install", "-y", "nats-server"], aptEnv);
  }
  const installed = findNatsServer();
  if (status !== 0 || !installed) {
    throw notFound(`apt-get install -y nats-server ${status !== 0 ? `exited with ${status}` : "did not provide the binary"}`);
  }
  warnIfTooOld(installed);
  return installed;
}

/** $NATS_SERVER_BIN (must be executable when set), then PATH, then /usr/sbin/nats-server; undefined when missing. */
export function findNatsServer() {
  const fromEnv = process.env.NATS_SERVER_BIN;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`NATS_SERVER_BIN=${fromEnv} is not an executable file. ${installHint()}`);
  }
  const names = process.platform === "win32" ? ["nats-server.exe", "nats-server"] : ["nats-server"];
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return isExecutable(DEBIAN_PATH) ? DEBIAN_PATH : undefined;
}

/** The one-line install command for this platform, as a sentence. */
export function installHint() {
  switch (process.platform) {
    case "darwin":
      return "Install it with: brew install nats-server";
    case "win32":
      return (
        "Install it with: winget install NATSAuthors.NATSServer " +
        "(or: choco install nats-server, or: scoop install nats-server)"
      );
    case "linux":
      if (isDebianLike()) return "Install it with: sudo apt-get install nats-server";
    // fall through
    default:
      return `Download nats-server for your platform from ${RELEASES_URL} and put it on PATH (or set NATS_SERVER_BIN).`;
  }
}

// ---------------------------------------------------------------------------------------------------------------

function notFound(reason) {
  const looked = `looked at $NATS_SERVER_BIN, PATH and ${DEBIAN_PATH}`;
  return new Error(`nats-server not found (${looked})${reason ? `; ${reason}` : ""}. ${installHint()}`);
}

/** Why `apt-get install` cannot run here, or undefined when it can. */
function aptInstallBlocker() {
  if (process.platform !== "linux" || !isDebianLike()) return "automatic install is only done on Debian/Ubuntu";
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return "automatic install needs root";
  if (!onPath("apt-get")) return "apt-get is not on PATH";
  return undefined;
}

function isDebianLike() {
  if (existsSync("/etc/debian_version")) return true;
  try {
    const osRelease = readFileSync("/etc/os-release", "utf8");
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(osRelease);
  } catch {
    return false;
  }
}

function onPath(name) {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => dir && isExecutable(join(dir, name)));
}

function isExecutable(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, process.platform === "win32" ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs a command with its output on our stderr (stdout stays clean for the path), no stdin; resolves its status. */
function run(command, args, env) {
  log(`$ ${command} ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ["ignore", process.stderr, process.stderr] });
    child.once("error", (err) => {
      log(`${command}: ${err.message}`);
      resolve(127);
    });
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** JetStream needs nats-server >= 2.2; older distro packages (or the old Chocolatey one) would fail the tests oddly. */
function warnIfTooOld(binary) {
  const res = spawnSync(binary, ["--version"], { encoding: "utf8", timeout: 10_000 });
  const match = /v?(\d+)\.(\d+)\.(\d+)/.exec(`${res.stdout ?? ""} ${res.stderr ?? ""}`);
  if (!match) {
    log(`warning: could not read the version of ${binary}`);
    return;
  }
  const version = match.slice(1, 4).map(Number);
  for (let i = 0; i < 3; i++) {
    if (version[i] > MIN_JETSTREAM_VERSION[i]) return;
    if (version[i] < MIN_JETSTREAM_VERSION[i]) {
      log(`warning: ${binary} is ${version.join(".")}; JetStream needs >= ${MIN_JETSTREAM_VERSION.join(".")}`);
      return;
    }
  }
}

function log(message) {
  process.stderr.write(`[ensure-nats-server] ${message}\n`);
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const install = process.argv.slice(2).includes("--install");
  try {
    process.stdout.write(`${await ensureNatsServer({ install })}\n`);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
