// The shipped agent at idle holds only what idle needs (issue 17: idle RSS). The single-file bundle (what
// iisfleet-agent.exe embeds) runs on $AGENT_NODE (CI: the pinned Node 24) against a real nats-server; once it has
// heartbeated and probed its sites a few times, it is asked (SIGUSR2, through a preload) which Node builtins it has
// loaded. Each builtin left out here cost measured RSS (README "Footprint"): Node 24 loads undici, http2 and zlib
// with its ESM loader on the first dynamic import(); pino brings worker_threads and assert; the global `performance`
// loads perf_hooks; the NATS client's id generator read `globalThis.crypto`, which loads WebCrypto; node:tls (3 MB on Node 24)
// is loaded only when NATS is reached over TLS — and then it is, and the agent works. Nor does it page in ICU's time zone
// names from the node binary (0.7 MB): V8's Date#toUTCString looks up the local zone's display name, and Node's HTTP
// server calls it for every response's Date header.
import { closeSync, openSync, readFileSync, readSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { connect } from "@nats-io/transport-node";
import { subjects } from "@iisfleet/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentNode, packageAgent } from "../package/package-agent.js";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Proc, spawnNode, tempDir } from "../support/processes.js";
import { type TestCa, createTestCa } from "../support/test-ca.js";
import { freePort, waitFor } from "../support/wait.js";

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
 * at start and once per heartbeat period, so several rounds), then returns the builtins it has loaded and the agent,
 * still running (afterAll stops it).
 */
async function idleAgent(server: NatsServer, host: string, extra: string[], clientTls?: { caFile: string }): Promise<{ builtins: string[]; agent: Proc }> {
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
    const builtins = await waitFor(
      () => {
        try {
          return JSON.parse(readFileSync(out, "utf8")) as string[];
        } catch {
          return undefined;
        }
      },
      { what: `the list of builtins ${host} loaded`, timeoutMs: 30_000 },
    );
    return { builtins, agent };
  } finally {
    await nc.close();
  }
}

/** idleAgent's builtins alone. */
async function idleBuiltins(server: NatsServer, host: string, extra: string[], clientTls?: { caFile: string }): Promise<string[]> {
  return (await idleAgent(server, host, extra, clientTls)).builtins;
}

/** A file range of the node binary: one item of the ICU data it embeds. */
interface IcuItem {
  name: string;
  from: number;
  to: number;
}

/**
 * The file ranges of the named items of the ICU common data inside the node binary: its header (0xda27, format
 * "CmnD") and table of contents, as ICU's udata.cpp reads them. Items are named without the "icudtNNl/" prefix.
 */
function icuItems(binary: string, names: string[]): IcuItem[] {
  const bytes = readFileSync(binary);
  for (let at = bytes.indexOf("CmnD"); at >= 0; at = bytes.indexOf("CmnD", at + 1)) {
    const base = at - 12;
    if (base < 0 || bytes[base + 2] !== 0xda || bytes[base + 3] !== 0x27) continue;
    const toc = base + bytes.readUInt16LE(base);
    const count = bytes.readUInt32LE(toc);
    if (count < 100 || count > 100_000) continue;
    const items = Array.from({ length: count }, (_, i) => {
      const nameAt = toc + bytes.readUInt32LE(toc + 4 + i * 8);
      const name = bytes.toString("latin1", nameAt, bytes.indexOf(0, nameAt));
      return { name: name.slice(name.indexOf("/") + 1), from: toc + bytes.readUInt32LE(toc + 8 + i * 8) };
    });
    const starts = items.map((x) => x.from).sort((a, b) => a - b);
    const found = items.filter((x) => names.includes(x.name)).map((x) => ({ ...x, to: starts.find((s) => s > x.from) ?? x.from + 4096 }));
    if (found.length === names.length) return found;
  }
  throw new Error(`${binary} holds no ICU data with ${names.join(", ")}`);
}

/** Per item, how many of its pages process `pid` has mapped from `binary` (the present bit of /proc/PID/pagemap). */
function residentPages(pid: number, binary: string, items: IcuItem[]): Record<string, number> {
  const real = realpathSync(binary);
  const maps = readFileSync(`/proc/${pid}/maps`, "utf8")
    .split("\n")
    .map((line) => line.split(/\s+/))
    .filter((f) => f[5] === real)
    .map((f) => {
      const [start, end] = (f[0] ?? "").split("-").map((x) => Number.parseInt(x, 16)) as [number, number];
      return { start, end, offset: Number.parseInt(f[2] ?? "", 16) };
    });
  const fd = openSync(`/proc/${pid}/pagemap`, "r");
  const entry = Buffer.alloc(8);
  try {
    const out: Record<string, number> = {};
    for (const item of items) {
      out[item.name] = 0;
      for (const m of maps) {
        for (let f = Math.max(item.from, m.offset) & ~4095; f < Math.min(item.to, m.offset + (m.end - m.start)); f += 4096) {
          readSync(fd, entry, 0, 8, ((m.start + f - m.offset) / 4096) * 8);
          if (entry.readBigUInt64LE() >> 63n) out[item.name] = (out[item.name] ?? 0) + 1;
        }
      }
    }
    return out;
  } finally {
    closeSync(fd);
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

  // /proc/PID/pagemap says which pages of the node binary a process has mapped: Linux only.
  it.runIf(process.platform === "linux")(
    "never pages in ICU's time zone names, though its simulated sites answer with a Date header",
    async () => {
      // metaZones.res and zone/pool.res: only a time zone's display name reads them (ICU's TimeZoneNames).
      const items = icuItems(node.path, ["metaZones.res", "zone/pool.res"]);
      const idleNode = (name: string, code: string) => spawnNode(name, "-e", [`${code}; setInterval(() => {}, 60000)`], {}, { node: node.path });
      const bare = idleNode("bare node", "process.stdout.write('up')");
      const utc = idleNode("node after toUTCString", "new Date().toUTCString(); process.stdout.write('up')");
      agents.push(bare, utc);
      const sitePort = await freePort();
      const { agent } = await idleAgent(nats, "idle03", ["--sim-site-port", String(sitePort)]);
      const res = await fetch(`http://127.0.0.1:${sitePort}/`);
      expect(res.status).toBe(200);
      // IMF-fixdate (RFC 9110 5.6.7), within a minute of now, as HTTP.SYS sends it.
      const date = res.headers.get("date") ?? "";
      expect(date).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/);
      expect(Math.abs(Date.parse(date) - Date.now())).toBeLessThan(60_000);
      await waitFor(() => bare.stdout() === "up" && utc.stdout() === "up", { what: "the two reference processes", timeoutMs: 30_000 });
      // The measurement can see it: a process that formats one date has these pages, bare node has none.
      expect(Object.values(residentPages(utc.child.pid ?? 0, node.path, items)).every((n) => n > 0)).toBe(true);
      expect(residentPages(bare.child.pid ?? 0, node.path, items)).toEqual({ "metaZones.res": 0, "zone/pool.res": 0 });
      expect(residentPages(agent.child.pid ?? 0, node.path, items)).toEqual({ "metaZones.res": 0, "zone/pool.res": 0 });
    },
    120_000,
  );

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
