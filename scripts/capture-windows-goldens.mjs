// Re-captures the Windows adapter's golden outputs (packages/agent/test/golden/windows/ws2022-en/) from the live
// host it runs on, through the adapter's own scripts and PowerShell runner, and compares each with the committed
// file by shape: the same JSON key paths (values differ from host to host: pids, times, the service list).
// Windows only; `npm run build` first. Used by .github/workflows/windows.yml.
//
//   node scripts/capture-windows-goldens.mjs OUT_DIR [--strict]   # --strict: exit 1 when a shape differs
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const GOLDEN = join(ROOT, "packages", "agent", "test", "golden", "windows", "ws2022-en");

/**
 * Read-only scripts, plus one event-log entry (what the agent writes per reset): file name → script and arguments.
 * The pool and site actions (start-pool-ok, stop-site-ok, start-site-ok) change the host and are not captured here.
 */
const CAPTURES = [
  ["services.json", "listServices", []],
  ["query-w3svc-running.json", "queryService", ["W3SVC"]],
  ["query-http-driver.json", "queryService", ["HTTP"]],
  ["processes.json", "listProcesses", []],
  ["apppools.json", "listAppPools", []],
  ["sites.json", "listSites", []],
  ["event-written.json", "writeEvent", ["3201", "4", "iisfleet golden capture (windows workflow)"]],
];

/** Every key path in a JSON value, array elements folded into "[]". */
function shape(value, path = "$", out = new Set()) {
  if (Array.isArray(value)) for (const v of value) shape(v, `${path}[]`, out);
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) shape(v, `${path}.${k}`, (out.add(`${path}.${k}`), out));
  return out;
}

async function main() {
  const [outArg, ...flags] = process.argv.slice(2);
  if (!outArg || process.platform !== "win32") {
    process.stderr.write("usage (on Windows, after npm run build): node scripts/capture-windows-goldens.mjs OUT_DIR [--strict]\n");
    return 2;
  }
  const { SCRIPTS, createPowerShellRunner } = await import(new URL("../packages/agent/dist/host/windows/index.js", import.meta.url).href);
  const run = createPowerShellRunner();
  const out = join(resolve(outArg), "ws2022-en");
  mkdirSync(out, { recursive: true });
  let differing = 0;
  for (const [file, script, args] of CAPTURES) {
    const result = await run(SCRIPTS[script], args);
    writeFileSync(join(out, file), result.stdout);
    const committed = shape(JSON.parse(readFileSync(join(GOLDEN, file), "utf8")));
    let live;
    try {
      live = shape(JSON.parse(result.stdout));
    } catch (err) {
      process.stdout.write(`${file}: not JSON (exit ${result.exitCode}): ${String(err)}\n${result.stderr}\n`);
      differing++;
      continue;
    }
    const missing = [...committed].filter((p) => !live.has(p));
    const extra = [...live].filter((p) => !committed.has(p));
    if (missing.length + extra.length > 0) differing++;
    process.stdout.write(`${file}: ${missing.length + extra.length === 0 ? "same shape" : `shape differs; only committed: ${missing.join(", ") || "-"}; only live: ${extra.join(", ") || "-"}`}\n`);
  }
  process.stdout.write(`${CAPTURES.length} captured into ${out}; ${differing} differ in shape from the committed golden files\n`);
  return flags.includes("--strict") && differing > 0 ? 1 : 0;
}

process.exitCode = await main();
