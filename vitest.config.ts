import { statSync } from "node:fs";
import { relative, sep } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * With a few workers, the run ends when the last file to start ends: a two-minute file that starts among the last
 * decides the run's length alone. Vitest orders by the durations it measured last time, but a CI run starts from a
 * fresh clone without that cache, and vitest then orders by file size, which puts unit files (a few seconds) among
 * the process-heavy ones (test/: real nats-server, controller and agents, tens of seconds each). So without the
 * cache, the files under test/ go first (larger first), and the unit files fill in behind them.
 */
class ProcessHeavyFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const key = (f: TestSpecification) => `${f.project.name}:${relative(root, f.moduleId)}`;
    if (files.every((f) => this.ctx.cache.getFileTestResults(key(f)) !== undefined)) return super.sort(files);
    const heavy = (f: TestSpecification) => relative(root, f.moduleId).startsWith(`test${sep}`);
    const size = (f: TestSpecification) => statSync(f.moduleId, { throwIfNoEntry: false })?.size ?? 0;
    return [...files].sort((a, b) => Number(heavy(b)) - Number(heavy(a)) || size(b) - size(a));
  }
}

// One run covers the unit tests of every package and the cross-package tests in test/. Integration tests spawn
// real nats-server, controller and agent processes, so they get generous timeouts (a loaded 2-core machine runs them
// many times slower: at a load average of 60 one CLI process takes 20 s); nothing asserts wall time.
export default defineConfig({
  test: {
    // Each run gets a private TMPDIR and fails if a test leaves anything in it (test/support/temp-dir-guard.ts).
    globalSetup: ["test/support/temp-dir-guard.ts"],
    projects: [
      // A package's unit files share their worker (isolate: false): a fresh process and module graph per file cost
      // more than the files themselves (controller + proto unit files at three workers: 159 s and 85 s of CPU
      // isolated, 72 s and 42 s shared).
      { extends: true, test: { name: "unit", include: ["packages/*/test/**/*.test.ts"], isolate: false } },
      { extends: true, test: { name: "e2e", include: ["test/**/*.test.ts"] } },
    ],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // 2-core machines: process-heavy integration files run a few at a time. Three, not two: an e2e file spends most of
    // its time waiting on its processes (command-deadline.e2e: 16 s of CPU in 82 s, all its processes counted), so a
    // third file uses what two leave idle. Measured on 8 e2e files, two runs each at load 8-21 from other work on the
    // machine: 141 s and 184 s with three, 152 s and 200 s with two; four was slower than two at load 18.
    maxWorkers: 3,
    pool: "forks",
    sequence: { sequencer: ProcessHeavyFirst },
  },
});
