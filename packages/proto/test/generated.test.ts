// The build regenerates gen/ from the .proto files; gen/ is also committed, so a wire change shows in review.
// This fails when the committed gen/ is stale (someone edited a .proto and did not commit the regenerated code,
// or hand-edited gen/). It compares against git's HEAD, because the build has already rewritten the work tree.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const pkg = resolve(import.meta.dirname, "..");

function committed(file: string): string {
  try {
    return execFileSync("git", ["show", `HEAD:./gen/${file}`], { cwd: pkg, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    // Not a git checkout (e.g. an unpacked tarball): the work tree is all there is.
    return readFileSync(join(pkg, "gen", file), "utf8");
  }
}

describe("generated code", () => {
  it("the committed gen/ is what the .proto files generate", () => {
    const out = mkdtempSync(join(tmpdir(), "iisfleet-gen-"));
    try {
      execFileSync(process.execPath, [join(pkg, "scripts", "gen.mjs"), out], { stdio: "pipe" });
      for (const file of ["iisfleet.js", "iisfleet.d.ts"]) {
        const fresh = readFileSync(join(out, file), "utf8");
        expect(committed(file) === fresh, `packages/proto/gen/${file} is stale: run "npm run build" and commit gen/`).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
