// vitest globalSetup: every test run gets a private temp dir (TMPDIR, which os.tmpdir() and the processes the tests
// spawn use), and the run fails if anything is left in it at the end: a test that does not clean up its temp dirs
// (agent state dirs, databases, nats-server stores) is found by name instead of filling /tmp run after run.
//
// A private dir rather than counting /tmp before and after: other runs (other clones, other users) create and remove
// their own /tmp/iisfleet-* dirs at the same time, so a count of the shared /tmp proves nothing.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Set while a run's dir exists (in the vitest process and, inherited, in its workers). */
const RUN_DIR = "IISFLEET_TEST_RUN_DIR";

/** Set IISFLEET_KEEP_TMP=1 to keep the run's temp dir (and its leftovers) for a post-mortem. */
export default function setup(): () => void {
  // Every project of the run (vitest.config.ts) runs its globalSetup: the first makes the run's dir, the others use it.
  if (process.env[RUN_DIR] !== undefined) return () => {};
  const outer = tmpdir();
  const runDir = mkdtempSync(join(outer, "iisfleet-test-run-"));
  const before = { TMPDIR: process.env["TMPDIR"] };
  // Workers are forked after globalSetup, and children inherit the environment: both create their dirs in runDir.
  process.env["TMPDIR"] = runDir;
  process.env[RUN_DIR] = runDir;
  return () => {
    delete process.env[RUN_DIR];
    if (before.TMPDIR === undefined) delete process.env["TMPDIR"];
    else process.env["TMPDIR"] = before.TMPDIR;
    const left = readdirSync(runDir);
    if (process.env["IISFLEET_KEEP_TMP"] !== "1") rmSync(runDir, { recursive: true, force: true });
    if (left.length > 0) {
      // vitest reports an error thrown here but still exits 0: the exit code must say so too.
      process.exitCode = 1;
      const shown = left.slice(0, 20).join(", ") + (left.length > 20 ? `, … (${left.length - 20} more)` : "");
      throw new Error(
        `The tests left ${left.length} temp ${left.length === 1 ? "entry" : "entries"} behind in ${runDir}: ${shown}. ` +
          "Remove what a test creates (tempDir().remove() in afterAll or finally); IISFLEET_KEEP_TMP=1 keeps them to look at.",
      );
    }
  };
}
