// The shipped agent at idle holds only what idle needs (issue 17: idle RSS). The single-file bundle (what
// iisfleet-agent.exe embeds) runs on $AGENT_NODE (CI: the pinned Node 24) against a real nats-server; once it has
// heartbeated and probed its sites a few times, it is asked (SIGUSR2, through a preload) which Node builtins it has
// loaded. Each builtin left out here cost measured RSS (README "Footprint"): Node 24 loads undici, http2 and zlib
// with its ESM loader on the first dynamic import(); pino brings worker_threads and assert.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { connect } from "@nats-io/transport-node";
import { subjects } from "@iisfleet/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentNode, packageAgent } from "../package/package-agent.js";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Proc, spawnNode, tempDir } from "../support/processes.js";
import { waitFor } from "../support/wait.js";

const dir = tempDir("iisfleet-idle-footprint-");
const node = agentNode();
let nats: NatsServer;
let bundle: string;
let agent: Proc | undefined;

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
  await agent?.kill();
  await nats?.stop();
  dir.remove();
});

describe(`the bundled agent at idle on Node ${node.version}`, () => {
  it("after heartbeats and health probes holds no undici, http2, zlib, worker_threads or assert", async () => {
    const preload = join(dir.path, "builtins-preload.cjs");
    writeFileSync(preload, PRELOAD);
    const out = join(dir.path, "builtins.json");
    const nc = await connect({ servers: nats.url });
    try {
      let heartbeats = 0;
      const sub = nc.subscribe(subjects.heartbeat("idle01"), {
        callback: () => {
          heartbeats++;
        },
      });
      agent = spawnNode(
        "bundled agent idle01",
        bundle,
        ["--host", "idle01", "--simulate", "--nats", nats.url, "--heartbeat", "300ms", "--allow-unsigned", "--state-dir", join(dir.path, "state")],
        { NODE_OPTIONS: `--require ${preload}`, IISFLEET_BUILTINS_OUT: out },
        { node: node.path },
      );
      // Probes run at start and then once per heartbeat period: four heartbeats have seen several rounds.
      await waitFor(() => heartbeats >= 4, { what: "four heartbeats from the idle agent", timeoutMs: 60_000 });
      sub.unsubscribe();
      expect(agent.stderr()).toMatch(/"msg":"agent ready"/);
      agent.child.kill("SIGUSR2");
      const builtins = await waitFor(
        () => {
          try {
            return JSON.parse(readFileSync(out, "utf8")) as string[];
          } catch {
            return undefined;
          }
        },
        { what: "the agent's list of loaded builtins", timeoutMs: 30_000 },
      );
      // What idle does need is there: the list is real.
      expect(builtins).toEqual(expect.arrayContaining(["net", "http", "crypto"]));
      const unneeded = ["internal/deps/undici/undici", "http2", "zlib", "worker_threads", "assert"];
      expect(builtins.filter((b) => unneeded.includes(b))).toEqual([]);
    } finally {
      await nc.close();
    }
  }, 120_000);

  it("is pure ASCII, so V8 keeps its source one byte a character", () => {
    const bytes = readFileSync(bundle);
    const firstNonAscii = bytes.findIndex((b) => b > 0x7f);
    expect(firstNonAscii, firstNonAscii < 0 ? "" : bytes.subarray(Math.max(0, firstNonAscii - 60), firstNonAscii + 20).toString("utf8")).toBe(-1);
  });
});
