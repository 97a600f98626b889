// The single-file agent (dist/agent/iisfleet-agent.cjs, what iisfleet-agent.exe embeds) needs nothing outside
// itself: every module it loads is a Node builtin, and it runs alone in an empty directory.
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/processes.js";
import { ROOT, agentNode, packageAgent } from "./package-agent.js";

const dir = tempDir("iisfleet-bundle-");
const node = agentNode();
let bundle: string;
let stdout: string;

beforeAll(async () => {
  const packaged = await packageAgent(join(dir.path, "out"), { bundleOnly: true });
  mkdirSync(join(dir.path, "alone"));
  bundle = join(dir.path, "alone", "iisfleet-agent.cjs");
  copyFileSync(packaged.bundle, bundle);
  stdout = packaged.stdout;
}, 120_000);

afterAll(() => dir.remove());

/** Every module specifier the bundle asks for, statically (require("x") and import), as esbuild resolves them. */
async function importsOf(file: string): Promise<string[]> {
  const seen: string[] = [];
  await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    platform: "node",
    format: "cjs",
    logLevel: "silent",
    plugins: [
      {
        name: "record-imports",
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === "entry-point") return undefined;
            seen.push(args.path);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  return seen;
}

describe("the agent bundle", () => {
  it("prints its SHA-256 and size", () => {
    expect(stdout).toMatch(/^[0-9a-f]{64} {2}\S+iisfleet-agent\.cjs \(\d+ bytes\)$/m);
  });

  it("imports only Node builtins", async () => {
    const imports = await importsOf(bundle);
    const builtins = new Set(builtinModules);
    const outside = imports.filter((i) => !builtins.has(i.replace(/^node:/, "")));
    expect(outside).toEqual([]);
    // It does load some (fs, net, tls for NATS): a bundle that recorded none would mean this check saw nothing.
    expect(imports).toEqual(expect.arrayContaining(["node:net", "node:tls", "node:fs"]));
  });

  it("carries the agent's version inline (no package.json is read at run time)", async () => {
    const version = (JSON.parse(readFileSync(join(ROOT, "packages", "agent", "package.json"), "utf8")) as { version: string }).version;
    const { stdout: out } = await promisify(execFile)(node.path, [bundle, "--version"], { cwd: join(dir.path, "alone"), env: { PATH: process.env.PATH ?? "" } });
    expect(out.trim()).toBe(version);
    // The agent's version.ts reads ../package.json through import.meta.url, which a CommonJS bundle does not have.
    const text = readFileSync(bundle, "utf8");
    expect(text).not.toContain("import.meta");
    expect(text).not.toContain('"../package.json"');
  });

  it("carries the wire's encoders and decoders, not the generated code only the controller uses", () => {
    const text = readFileSync(bundle, "utf8");
    // Every message still encodes and decodes (test/package/agent-wire.test.ts proves the bytes are the same)...
    expect(text).toMatch(/CommandEnvelope\d*\.encode ?= ?function/);
    expect(text).toMatch(/StatusRequest\d*\.decode ?= ?function/);
    // ...but verify, the object converters, create, delimited and type URLs are left out (esbuild may add a digit).
    const controllerOnly = /\b(?:CommandEnvelope|Command|Heartbeat|StatusReport|HostFacts)\d*\.(?:verify|fromObject|toObject|toJSON|create|encodeDelimited|decodeDelimited|getTypeUrl) ?= ?function/;
    expect(text.match(controllerOnly)?.[0]).toBeUndefined();
  });

  it("answers --help and refuses a bad flag with exit 2, alone in an empty directory", async () => {
    const run = promisify(execFile);
    const help = await run(node.path, [bundle, "--help"], { cwd: join(dir.path, "alone") });
    expect(help.stdout).toMatch(/^iisfleet-agent — runs on an IIS host/);
    const bad = await run(node.path, [bundle, "--no-such-flag"], { cwd: join(dir.path, "alone") }).then(
      () => ({ code: 0, stderr: "" }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^iisfleet-agent: /);
  });
});
