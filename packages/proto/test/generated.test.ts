// gen/ is committed so wire changes show in review; this fails when someone edits a .proto and forgets to
// regenerate, or hand-edits gen/.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const pkg = resolve(import.meta.dirname, "..");

describe("generated code", () => {
  it("gen/ matches what the .proto files generate today", () => {
    const out = mkdtempSync(join(tmpdir(), "iisfleet-gen-"));
    try {
      execFileSync(process.execPath, [join(pkg, "scripts", "gen.mjs"), out], { stdio: "pipe" });
      for (const file of ["iisfleet.js", "iisfleet.d.ts"]) {
        const fresh = readFileSync(join(out, file), "utf8");
        const committed = readFileSync(join(pkg, "gen", file), "utf8");
        expect(committed === fresh, `gen/${file} is stale: run "npm run gen -w @iisfleet/proto" and commit it`).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
