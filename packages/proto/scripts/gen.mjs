// Generates the static protobufjs module (ESM + .d.ts) from proto/. The output in gen/ is committed so that
// a diff shows wire changes in review; test/generated.test.ts fails when gen/ is stale. Never hand-edit gen/.
// Usage: node scripts/gen.mjs [outDir]
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = resolve(process.argv[2] ?? join(pkgDir, "gen"));
const protoDir = join(pkgDir, "proto");
const require = createRequire(import.meta.url);
const pbjs = join(dirname(require.resolve("protobufjs-cli/package.json")), "bin", "pbjs");

const protos = readdirSync(join(protoDir, "iisfleet", "v1"))
  .filter((f) => f.endsWith(".proto"))
  .sort()
  .map((f) => join("iisfleet", "v1", f));

mkdirSync(outDir, { recursive: true });
const res = spawnSync(
  process.execPath,
  [pbjs, "-t", "static-module", "-w", "esm", "--dts", "--no-beautify", "--force-number", "-p", protoDir, "-o", join(outDir, "iisfleet.js"), ...protos],
  { cwd: protoDir, stdio: "inherit" },
);
if (res.status !== 0) {
  console.error(`pbjs failed with exit code ${res.status}`);
  process.exit(res.status ?? 1);
}
