// The agent's log (src/log.ts, in place of pino for its memory): a real Node process writes through it to its stderr,
// and every line must read as pino's do — level numbers, time, pid, name, bindings, fields, msg, errors serialized —
// so what reads the controller's logs reads the agent's.
import { execFileSync, spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const DIST = join(resolve(dirname(fileURLToPath(import.meta.url)), ".."), "dist");
const LOG_MODULE = join(DIST, "log.js");

/** Runs `body` in a fresh Node with `createLogger` imported; returns its stderr lines, parsed. */
function linesOf(body: string, env: NodeJS.ProcessEnv = {}): Array<Record<string, unknown>> {
  const script = `import { createLogger } from ${JSON.stringify(LOG_MODULE)};\n${body}`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, IISFLEET_LOG_LEVEL: "", ...env } });
  expect(r.status, r.stderr).toBe(0);
  return r.stderr
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("the agent's JSON-lines log", () => {
  it("writes pino's line: level number, time, pid, name, child bindings, fields, then msg", () => {
    const [line, ...rest] = linesOf(`createLogger("iisfleet-agent", "info").child({ host: "web01" }).info({ commandId: "c1" }, "reset started");`);
    expect(rest).toEqual([]);
    expect(Object.keys(line ?? {})).toEqual(["level", "time", "pid", "name", "host", "commandId", "msg"]);
    expect(line).toMatchObject({ level: 30, name: "iisfleet-agent", host: "web01", commandId: "c1", msg: "reset started" });
    expect(typeof line?.pid).toBe("number");
    expect(Math.abs(Number(line?.time) - Date.now())).toBeLessThan(60_000);
  });

  it("takes a message alone, and writes only at its level and above", () => {
    const lines = linesOf(`const l = createLogger("a", "warn"); l.debug("no"); l.info({ x: 1 }, "no"); l.warn("yes"); l.error({ y: 2 }, "also");`);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [40, "yes"],
      [50, "also"],
    ]);
  });

  it("serializes an Error as pino does (type, message, stack, own fields like code) and survives cycles and bigints", () => {
    const [line] = linesOf(`
      class NatsAuthRefusedError extends Error { code = "NATS_AUTH"; }
      const err = new NatsAuthRefusedError("refused", { cause: new Error("tls") });
      const loop = { name: "loop" }; loop.self = loop;
      createLogger("a").error({ err, loop, n: 10n }, "could not start");`);
    const err = line?.err as Record<string, unknown>;
    expect(err).toMatchObject({ type: "NatsAuthRefusedError", message: "refused", code: "NATS_AUTH", cause: { type: "Error", message: "tls" } });
    expect(String(err.stack)).toMatch(/^Error: refused\n    at /);
    expect(line?.loop).toEqual({ name: "loop", self: "[Circular]" });
    expect(line?.n).toBe("10");
  });

  it("follows IISFLEET_LOG_LEVEL, writes nothing when silent, and refuses a level it does not know", () => {
    expect(linesOf(`createLogger("a").debug("seen");`, { IISFLEET_LOG_LEVEL: "debug" }).map((l) => l.msg)).toEqual(["seen"]);
    expect(linesOf(`createLogger("a", "silent").fatal("never");`)).toEqual([]);
    expect(() =>
      execFileSync(process.execPath, ["--input-type=module", "-e", `import { createLogger } from ${JSON.stringify(LOG_MODULE)}; createLogger("a", "loud");`], { stdio: "pipe" }),
    ).toThrow(/"loud" is not a log level/);
  });

  it("an agent started with a level it does not know says so and exits 2", () => {
    const r = spawnSync(process.execPath, [join(DIST, "cli.js"), "--host", "web01", "--simulate"], { encoding: "utf8", env: { ...process.env, IISFLEET_LOG_LEVEL: "loud" } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^iisfleet-agent: "loud" is not a log level \(IISFLEET_LOG_LEVEL\): use one of trace, debug, info/);
  });
});
