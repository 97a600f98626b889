// The shipped agent at idle holds only what idle needs (issue 17: idle RSS). The single-file bundle (what
// iisfleet-agent.exe embeds) runs on $AGENT_NODE (CI: the pinned Node 24) against a real nats-server; once it has
// heartbeated and probed its sites a few times, it is asked (SIGUSR2, through a preload) which Node builtins it has
// loaded. Each builtin left out here cost measured RSS (README "Footprint"): Node 24 loads undici, http2 and zlib
// with its ESM loader on the first dynamic import(); pino brings worker_threads and assert; the global `performance`
// loads perf_hooks; the NATS client's id generator read `globalThis.crypto`, which loads WebCrypto; node:tls (3 MB on Node 24)
// is loaded only when NATS is reached over TLS — and then it is, and the agent works.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { connect } from "@nats-io/transport-node";
import { subjects } from "@iisfleet/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentNode, packageAgent } from "../package/package-agent.js";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Proc, spawnNode, tempDir } from "../support/processes.js";
import { type TestCa, createTestCa } from "../support/test-ca.js";
import { waitFor } from "../support/wait.js";

const dir = tempDir("iisfleet-idle-footprint-");
const node = agentNode();
let nats: NatsServer;
let bundle: string;
const agents: Proc[] = [];
let ca: TestCa | undefined;

/** Loaded into the agent with --require: on SIGUSR2 it writes the builtins the process has loaded so far. */
const PRELOAD = `
process.on("SIGUSR2", () => {
  const builtins = process.moduleLoadList.filter((m) => m.startsWith("NativeModule ")).map((m) => m.slice(13));
  require("node:fs").writeFileSync(process.env.IISFLEET_BUILTINS_OUT, JSON.stringify(builtins));
});
`;

beforeAll(async () => {
  bundle = (await packageAgent(join(dir.path, "out"), { bundleOnly: true })).bundle;
  nats = await startNatsServer();
}, 120_000);

afterAll(async () => {
  await Promise.all(agents.map((a) => a.kill()));
  await nats?.stop();
  ca?.remove();
  dir.remove();
});

/**
 * Starts the bundled agent `host` on `server` (extra agent flags in `extra`), waits for four heartbeats (probes run
 * at start and once per heartbeat period, so several rounds), then returns the builtins it has loaded.
 */
async function idleBuiltins(server: NatsServer, host: string, extra: string[], clientTls?: { caFile: string }): Promise<string[]> {
  const preload = join(dir.path, "builtins-preload.cjs");
  writeFileSync(preload, PRELOAD);
  const out = join(dir.path, `builtins-${host}.json`);
  const nc = await connect({ servers: server.url, ...(clientTls ? { tls: clientTls } : {}) });
  try {
    let heartbeats = 0;
    const sub = nc.subscribe(subjects.heartbeat(host), {
      callback: () => {
        heartbeats++;
      },
    });
    const agent = spawnNode(
      `bundled agent ${host}`,
      bundle,
      ["--host", host, "--simulate", "--nats", server.url, "--heartbeat", "300ms", "--allow-unsigned", "--state-dir", join(dir.path, `state-${host}`), ...extra],
      { NODE_OPTIONS: `--require ${preload}`, IISFLEET_BUILTINS_OUT: out },
      { node: node.path },
    );
    agents.push(agent);
    await waitFor(() => heartbeats >= 4, { what: `four heartbeats from ${host}`, timeoutMs: 60_000 });
    sub.unsubscribe();
    expect(agent.stderr()).toMatch(/"msg":"agent ready"/);
    agent.child.kill("SIGUSR2");
    return await waitFor(
      () => {
        try {
          return JSON.parse(readFileSync(out, "utf8")) as string[];
        } catch {
          return undefined;
        }
      },
      { what: `the list of builtins ${host} loaded`, timeoutMs: 30_000 },
    );
  } finally {
    await nc.close();
  }
}

describe(`the bundled agent at idle on Node ${node.version}`, () => {
  it("after heartbeats and health probes holds no undici, http2, zlib, worker_threads, assert, tls, https, perf_hooks or WebCrypto", async () => {
    const builtins = await idleBuiltins(nats, "idle01", []);
    // What idle does need is there: the list is real.
    expect(builtins).toEqual(expect.arrayContaining(["net", "http", "crypto"]));
    const unneeded = ["internal/deps/undici/undici", "http2", "zlib", "worker_threads", "assert", "tls", "https", "perf_hooks", "internal/crypto/webcrypto"];
    expect(builtins.filter((b) => unneeded.includes(b))).toEqual([]);
  }, 120_000);

  it("reaches a NATS server that requires TLS, loading node:tls for it", async () => {
    ca = createTestCa();
    const tlsNats = await startNatsServer({
      jetstream: false,
      extraConfig: `tls {\n  cert_file: "${ca.serverCert}"\n  key_file: "${ca.serverKey}"\n}\n`,
    });
    try {
      const builtins = await idleBuiltins(tlsNats, "idle02", ["--nats-tls-ca", ca.caCert], { caFile: ca.caCert });
      expect(builtins).toContain("tls");
    } finally {
      await tlsNats.stop();
    }
  }, 120_000);

  it("is pure ASCII, so V8 keeps its source one byte a character", () => {
    const bytes = readFileSync(bundle);
    const firstNonAscii = bytes.findIndex((b) => b > 0x7f);
    expect(firstNonAscii, firstNonAscii < 0 ? "" : bytes.subarray(Math.max(0, firstNonAscii - 60), firstNonAscii + 20).toString("utf8")).toBe(-1);
  });

  it("has no indentation and no comments but the licenses, so V8 holds ~0.9 MB less source", () => {
    // Only multi-line template literals (the usage text) and the license comments at the end still break lines;
    // the bundle as esbuild lays it out by default has ~15,000.
    const lines = readFileSync(bundle, "utf8").split("\n");
    expect(lines.length).toBeLessThan(1000);
    expect(lines.filter((l) => /^\s*\/\/ (?!iisfleet-agent, bundled)/.test(l))).toEqual([]);
  });
});
