// REAL multi-server NATS for one test file: a cluster of nats-servers joined by routes, or a hub with a leaf node,
// all on loopback in private temp dirs (each server is a `startNatsServer`, so its log tail is in every error).
//
//   const cluster = await startNatsCluster({ secure: { keysDir, ca } });   // configs from `iisfleet nats-config`
//   cluster.urls                       // one client URL per server
//   await cluster.kill(1);             // SIGKILL server 1 (a crash); `cluster.restart(1)` brings it back
//   await cluster.stop();              // every server stopped, every dir removed
//
//   const plain = await startNatsCluster({ jetstream: true });     // no auth, no TLS: for JetStream-only tests
//   await plain.waitForJetStream();    // a JetStream meta leader is elected
//
//   const site = await startHubAndLeaf({ keysDir, ca });   // hub (TLS, leaf port) + leaf (agents only)
//
// Readiness is read from each server's monitoring endpoint (/routez, /leafz, /jsz), never from a sleep. Route and
// leaf ports must be known before the servers start (each config names the others), so they come from freePort();
// the client and monitoring ports are still chosen by each server itself.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type NatsServer, startNatsServer } from "./nats-server.js";
import { cli } from "./processes.js";
import type { TestCa } from "./test-ca.js";
import { freePort, waitFor } from "./wait.js";

/** A keys dir from `iisfleet keys init` and a CA whose server certificate is valid for 127.0.0.1 (both EKUs). */
export interface SecureSetup {
  keysDir: string;
  ca: TestCa;
}

export interface NatsClusterOptions {
  /** Servers in the cluster. Default 3. */
  size?: number;
  /** Cluster name. Default "iisfleet". */
  name?: string;
  /**
   * Configs written by `iisfleet nats-config` (nkey users, client TLS, routes with mutual TLS): what users run.
   * Without it: a plain cluster (no auth, no TLS) written here.
   */
  secure?: SecureSetup;
  /** JetStream on every server (replicated streams and KV across the cluster). Default false. */
  jetstream?: boolean;
  /** Extra `iisfleet nats-config` flags for every server (secure only). */
  extraFlags?: string[];
}

export interface NatsCluster {
  readonly name: string;
  /** The servers, in order; each keeps its ports across `restart(i)`. */
  readonly servers: readonly NatsServer[];
  /** Client URL of each server. */
  readonly urls: readonly string[];
  /** Server names (`server_name`), as /routez and JetStream show them. */
  readonly serverNames: readonly string[];
  /** The `iisfleet nats-config` output file per server (secure only). */
  readonly configFiles: readonly string[];
  /** SIGKILL server i, as a crash would, and wait until the others have dropped their routes to it. */
  kill(i: number): Promise<void>;
  /** Start server i again (same ports, same JetStream store) and wait until the routes are whole again. */
  restart(i: number): Promise<void>;
  /** Until every running server has a route to every other running server. */
  waitForRoutes(timeoutMs?: number): Promise<void>;
  /** Until the JetStream meta group has a leader that every running server knows. */
  waitForJetStream(timeoutMs?: number): Promise<void>;
  /** Stops every server and removes every dir. Idempotent. */
  stop(): Promise<void>;
}

const NATS_CONFIG = (args: string[]) => cli(["nats-config", ...args, "--json"]);

async function generate(args: string[]): Promise<void> {
  const r = await NATS_CONFIG(args);
  if (r.code !== 0) throw new Error(`iisfleet nats-config ${args.join(" ")} failed (${String(r.code)}): ${r.stderr}${r.stdout}`);
}

async function monitor<T>(server: NatsServer, path: string): Promise<T> {
  if (server.monitorUrl === undefined) throw new Error("monitoring is off for this server");
  const res = await fetch(`${server.monitorUrl}${path}`);
  if (!res.ok) throw new Error(`${server.monitorUrl}${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

interface Routez {
  num_routes: number;
  routes?: { remote_id: string; remote_name?: string }[];
}
interface Varz {
  server_id: string;
  server_name: string;
}

export async function startNatsCluster(opts: NatsClusterOptions = {}): Promise<NatsCluster> {
  // Route ports are picked free, then bound by the servers: another test's process can take one in between. Only
  // that race is tried again (with new ports); any other failure is the test's to see.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startNatsClusterOnce(opts);
    } catch (err) {
      if (attempt >= 3 || !/address already in use/i.test(err instanceof Error ? err.message : String(err))) throw err;
    }
  }
}

async function startNatsClusterOnce(opts: NatsClusterOptions): Promise<NatsCluster> {
  const size = opts.size ?? 3;
  const name = opts.name ?? "iisfleet";
  const dir = await mkdtemp(join(tmpdir(), "iisfleet-natscluster-"));
  const servers: NatsServer[] = [];
  const alive: boolean[] = [];
  const serverNames = Array.from({ length: size }, (_, i) => `n${i + 1}`);
  const configFiles: string[] = [];
  let stopped = false;

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await Promise.allSettled(servers.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };

  try {
    const routePorts = await distinctFreePorts(size);
    const routes = routePorts.map((p) => `nats://127.0.0.1:${p}`);
    for (let i = 0; i < size; i++) {
      const serverName = serverNames[i] as string;
      const routePort = routePorts[i] as number;
      const configFile = join(dir, `${serverName}.conf`);
      if (opts.secure) {
        const { keysDir, ca } = opts.secure;
        await generate([
          "--keys", keysDir, "--out", configFile, "--server-name", serverName, "--cluster", name,
          "--routes", routes.join(","), "--cluster-listen", `127.0.0.1:${routePort}`,
          "--tls-cert", ca.serverCert, "--tls-key", ca.serverKey, "--tls-ca", ca.caCert,
          ...(opts.jetstream ? ["--jetstream", join(dir, `js-${serverName}`)] : []),
          ...(opts.extraFlags ?? []),
        ]);
      } else {
        const lines = [
          `server_name: ${JSON.stringify(serverName)}`,
          "cluster {",
          `  name: ${JSON.stringify(name)}`,
          `  listen: "127.0.0.1:${routePort}"`,
          `  routes: [${routes.map((r) => JSON.stringify(r)).join(", ")}]`,
          "}",
          ...(opts.jetstream ? ["jetstream {", `  store_dir: ${JSON.stringify(join(dir, `js-${serverName}`))}`, "}"] : []),
        ];
        await writeFile(configFile, `${lines.join("\n")}\n`);
      }
      configFiles.push(configFile);
    }
    // Started together: a JetStream cluster elects its meta leader only once a quorum is up. Settled one by one, so
    // that when one fails to start, those that did are stopped before their store dirs are removed (else a running
    // server writes into a dir being deleted: ENOTEMPTY, which hid the real reason), and the failure is the one shown.
    const started = await Promise.allSettled(configFiles.map((configFile) => startNatsServer({ configFile })));
    for (const r of started) if (r.status === "fulfilled") servers.push(r.value);
    const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
    servers.forEach(() => alive.push(true));
  } catch (err) {
    await stop();
    throw err;
  }

  const running = () => servers.filter((_, i) => alive[i]);

  const waitForRoutes = async (timeoutMs = 30_000): Promise<void> => {
    const live = running();
    const ids = await Promise.all(live.map((s) => monitor<Varz>(s, "/varz").then((v) => v.server_id)));
    await waitFor(
      async () => {
        for (const [k, s] of live.entries()) {
          const routez = await monitor<Routez>(s, "/routez");
          const peers = new Set((routez.routes ?? []).map((r) => r.remote_id));
          const missing = ids.filter((id, j) => j !== k && !peers.has(id));
          if (missing.length > 0) return false;
        }
        return true;
      },
      { what: `routes between the ${live.length} running servers of cluster ${name}`, timeoutMs, intervalMs: 100 },
    );
  };

  const waitForJetStream = async (timeoutMs = 60_000): Promise<void> => {
    await waitFor(
      async () => {
        const leaders = await Promise.all(running().map((s) => monitor<{ meta_cluster?: { leader?: string } }>(s, "/jsz").then((j) => j.meta_cluster?.leader ?? "")));
        return leaders.every((l) => l !== "" && l === leaders[0]);
      },
      { what: `a JetStream meta leader known to every running server of cluster ${name}`, timeoutMs, intervalMs: 200 },
    );
  };

  const at = (i: number): NatsServer => {
    const s = servers[i];
    if (s === undefined) throw new Error(`cluster ${name} has no server ${i}`);
    return s;
  };

  const kill = async (i: number): Promise<void> => {
    const s = at(i);
    const id = (await monitor<Varz>(s, "/varz")).server_id;
    process.kill(s.pid, "SIGKILL");
    alive[i] = false;
    await waitFor(
      async () => {
        for (const other of running()) {
          const routez = await monitor<Routez>(other, "/routez");
          if ((routez.routes ?? []).some((r) => r.remote_id === id)) return false;
        }
        return true;
      },
      { what: `the other servers to drop their routes to killed server ${serverNames[i] ?? i}`, timeoutMs: 30_000, intervalMs: 100 },
    );
  };

  const restart = async (i: number): Promise<void> => {
    await at(i).restart();
    alive[i] = true;
    await waitForRoutes();
  };

  try {
    await waitForRoutes();
  } catch (err) {
    await stop();
    throw err;
  }
  return { name, servers, urls: servers.map((s) => s.url), serverNames, configFiles, kill, restart, waitForRoutes, waitForJetStream, stop };
}

// ---------------------------------------------------------------------------------------------------------------

export interface HubAndLeaf {
  /** The hub: client TLS (server certificate only), a leaf-node port; the controller connects here. */
  readonly hub: NatsServer;
  /** The leaf (a remote site or DMZ): plain client port, agents only; linked to the hub over TLS. */
  readonly leaf: NatsServer;
  readonly hubConfig: string;
  readonly leafConfig: string;
  /** The leaf link's login file that the hub's nats-config made. */
  readonly leafCreds: string;
  /** Until the hub counts the leaf among its leaf-node connections. */
  waitForLeaf(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startHubAndLeaf(setup: SecureSetup & { extraHubFlags?: string[]; extraLeafFlags?: string[] }): Promise<HubAndLeaf> {
  const dir = await mkdtemp(join(tmpdir(), "iisfleet-natsleaf-"));
  const started: NatsServer[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(started.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const { keysDir, ca } = setup;
    const [leafPort] = await distinctFreePorts(1);
    const hubConfig = join(dir, "hub.conf");
    const leafConfig = join(dir, "leaf.conf");
    const leafCreds = join(dir, "leaf.json");
    await generate([
      "--keys", keysDir, "--out", hubConfig, "--tls-cert", ca.serverCert, "--tls-key", ca.serverKey, "--tls-ca", ca.caCert,
      "--leaf-listen", `127.0.0.1:${String(leafPort)}`, "--leaf-creds", leafCreds, ...(setup.extraHubFlags ?? []),
    ]);
    await generate(["--keys", keysDir, "--out", leafConfig, "--leaf-remote", `nats://127.0.0.1:${String(leafPort)}`, "--leaf-creds", leafCreds, "--tls-ca", ca.caCert, ...(setup.extraLeafFlags ?? [])]);
    const hub = await startNatsServer({ configFile: hubConfig });
    started.push(hub);
    const leaf = await startNatsServer({ configFile: leafConfig });
    started.push(leaf);
    const waitForLeaf = async (timeoutMs = 30_000): Promise<void> => {
      await waitFor(async () => (await monitor<{ leafnodes?: number }>(hub, "/leafz")).leafnodes === 1, {
        what: `the leaf node (log:\n${leaf.logTail(10)}) to connect to the hub`,
        timeoutMs,
        intervalMs: 100,
      });
    };
    await waitForLeaf();
    return { hub, leaf, hubConfig, leafConfig, leafCreds, waitForLeaf, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** `n` ports that were free a moment ago, all different (the OS may hand the same one out twice in a row). */
async function distinctFreePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}
