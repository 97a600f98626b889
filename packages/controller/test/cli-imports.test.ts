// Issue 16, item 6: the CLI is a client of the API. It reads answers through the contract's views
// (src/api/contract/views.ts) and imports nothing from the store or the services — but for two explicit paths:
// `token recover` (local admin: it opens the database itself, for when no admin token is left) and the
// `controller` command (it is the server). Read from the import graph, type-only imports included: a row type is
// as much a coupling as a function.
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../src");
const ENTRY = resolve(SRC, "cli/main.ts");

/** Server internals: the store, the services, the router, the daemon. */
const FORBIDDEN = [/^store\//, /^daemon\.ts$/, /^commands\//, /(^|\/)service\.ts$/, /^fleet\//, /^auth\/(tokens|access-control)\.ts$/, /^api\/(http-server\.ts|routes)/, /^rollout\/runner\.ts$/, /^nats\/controller-bus\.ts$/];

/** The explicit exceptions, edge by edge: beyond them the walk does not go. */
const ALLOWED_EDGES = new Set([
  "cli/commands/run-controller.ts -> daemon.ts",
  "cli/commands/token-recover.ts -> store/index.ts",
  "cli/commands/token-recover.ts -> auth/tokens.ts",
]);

/** Every module the CLI reaches from its entry, each with the chain of imports that reached it. */
function walk(): Map<string, string[]> {
  const seen = new Map<string, string[]>([[relative(SRC, ENTRY), []]]);
  const queue = [ENTRY];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const from = relative(SRC, file);
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith(".")) continue; // packages: not ours to police here
      const target = resolve(dirname(file), fileName.replace(/\.js$/, ".ts"));
      if (!existsSync(target)) continue;
      const to = relative(SRC, target);
      if (ALLOWED_EDGES.has(`${from} -> ${to}`) || seen.has(to)) continue;
      seen.set(to, [...(seen.get(from) ?? []), from]);
      queue.push(target);
    }
  }
  return seen;
}

describe("the CLI's imports", () => {
  it("reach neither the store nor a service, but through token recover and the controller command", () => {
    const reached = walk();
    expect(reached.size).toBeGreaterThan(20);
    const forbidden = [...reached].filter(([m]) => FORBIDDEN.some((f) => f.test(m))).map(([m, chain]) => [...chain, m].join(" -> "));
    expect(forbidden).toEqual([]);
  });

  it("the exceptions are real edges (a renamed file must not silently widen them)", () => {
    for (const edge of ALLOWED_EDGES) {
      const [from, to] = edge.split(" -> ") as [string, string];
      const info = ts.preProcessFile(readFileSync(resolve(SRC, from), "utf8"), true, true);
      const targets = info.importedFiles.map((f) => relative(SRC, resolve(dirname(resolve(SRC, from)), f.fileName.replace(/\.js$/, ".ts"))));
      expect(targets, edge).toContain(to);
    }
  });
});
