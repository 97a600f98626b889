import { defineConfig } from "vitest/config";

// One run covers the unit tests of every package and the cross-package tests in test/. Integration tests spawn
// real nats-server, controller and agent processes, so they get generous timeouts (a loaded 2-core machine runs them
// many times slower: at a load average of 60 one CLI process takes 20 s); nothing asserts wall time.
export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    // Each run gets a private TMPDIR and fails if a test leaves anything in it (test/support/temp-dir-guard.ts).
    globalSetup: ["test/support/temp-dir-guard.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // 2-core machines: process-heavy integration files run a few at a time.
    maxWorkers: 2,
    pool: "forks",
  },
});
