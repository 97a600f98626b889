// Takeover mid-rollout (issue #19 items 2 and 3): two --ha controllers, each with its own SQLite file, four real
// agents on simulated hosts whose resets take seconds — on one JetStream nats-server whose max_payload (4 KB) puts
// the rollout's committed changes in several messages each (applied whole by the standby), and on the secure 3-node
// JetStream cluster `nats-config` writes (TLS, nkeys with least-privilege permissions; lease bucket and change stream
// replicated three times, agents and controllers spread over the servers). The leader is SIGKILLed while a host is
// being reset; the standby, which has been applying the leader's change stream, takes over, asks the agent about the
// command in flight (as after a kill -9 of a lone controller), and finishes the rollout. Every host is reset exactly
// once by the agents' own records; the killed controller, restarted as a standby, applies the stream and its history
// then agrees with the new leader's.
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandsRan, haRole } from "../support/agent-log.js";
import { type RolloutDetail, apiJson, waitForHosts, waitForRollout } from "../support/events.js";
import { type NatsCluster, startNatsCluster } from "../support/nats-cluster.js";
import { startNatsServer } from "../support/nats-server.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { createTestCa } from "../support/test-ca.js";
import { type TestSigningKey, writeSigningKey } from "../support/signing-keys.js";
import { waitFor } from "../support/wait.js";

const LEASE_MS = 3_000;
const HOSTS = ["web01", "web02", "web03", "web04"];

/** Where the pair runs: each controller's and agent's server URLs (several: a client moves on when one dies). */
interface Topology {
  name: string;
  /** JetStream replicas for the lease bucket and the change stream. */
  replicas: number;
  /** The server's max_payload is so small that the rollout's committed changes travel in several messages each. */
  inParts?: boolean;
  start(dir: string): Promise<{
    controllerUrls(i: number): string;
    agentUrl(i: number): string;
    /** What each process needs to log in (nkey, CA), where the servers ask for it. */
    controllerFlags?: string[];
    agentFlags?(host: string): string[];
    stop(): Promise<void>;
  }>;
}

const rotated = (urls: readonly string[]) => (i: number) => [0, 1, 2].map((k) => urls[(i + k) % 3]).join(",");

const TOPOLOGIES: Topology[] = [
  {
    name: "one nats-server (max_payload 4 KB)",
    replicas: 1,
    inParts: true,
    async start() {
      const s = await startNatsServer({ extraConfig: "max_payload: 4KB" });
      return { controllerUrls: () => s.url, agentUrl: () => s.url, stop: () => s.stop() };
    },
  },
  {
    // As `iisfleet nats-config --cluster … --jetstream` writes it: client TLS, routes over mutual TLS, every process
    // logging in with its own nkey and only the permissions that config grants (the controller's JetStream and KV
    // subjects included; agents have none of them).
    name: "the secure 3-node cluster nats-config writes",
    replicas: 3,
    async start(dir) {
      const keysDir = join(dir, "keys");
      const init = await cli(["keys", "init", "--dir", keysDir, "--agent", HOSTS.join(","), "--json"]);
      if (init.code !== 0) throw new Error(`keys init: ${init.stderr}`);
      const ca = createTestCa();
      let c: NatsCluster;
      try {
        c = await startNatsCluster({ secure: { keysDir, ca }, jetstream: true });
        await c.waitForJetStream();
      } catch (err) {
        ca.remove();
        throw err;
      }
      return {
        controllerUrls: rotated(c.urls),
        agentUrl: (i) => c.urls[i % 3] as string,
        controllerFlags: ["--nats-nkey", join(keysDir, "nats", "controller.nk"), "--nats-tls-ca", ca.caCert],
        agentFlags: (host) => ["--nats-nkey", join(keysDir, "nats", "agents", `${host}.nk`), "--nats-tls-ca", ca.caCert],
        stop: async () => {
          await c.stop();
          ca.remove();
        },
      };
    },
  },
];

// The two topologies side by side: each is its own stack (servers, controllers, agents, temp dir) and spends most of
// its time waiting on a lease or a simulated stop, not on the CPU — together they take the time of the slower one.
describe.concurrent.each(TOPOLOGIES)("takeover on $name", (topology) => {
  let nats: Awaited<ReturnType<Topology["start"]>>;
  let key: TestSigningKey;
  let a: Controller;
  let b: Controller;
  const agents: Proc[] = [];
  const dir = tempDir("iisfleet-takeover-");

  const role = (c: Controller) => haRole(c.url);

  /** Each controller in a directory of its own: the admin token it creates is written beside its database. */
  function startHa(db: string): Promise<Controller> {
    return startControllerProcess(nats.controllerUrls(db === "a.db" ? 0 : 1), join(dir.path, db.replace(".db", ""), db), [
      "--signing-key",
      key.privatePath,
      "--ha",
      "--ha-lease",
      `${LEASE_MS}ms`,
      "--ha-replicas",
      String(topology.replicas),
      ...(nats.controllerFlags ?? []),
    ]);
  }

  const ran = (host: string) => commandsRan(join(dir.path, `state-${host}`));

  /** The replicated history of one controller's database, row by row, in a comparable order. */
  function history(dbFile: string): Record<string, unknown[]> {
    const db = new Database(dbFile, { readonly: true });
    try {
      const q = (sql: string) => db.prepare(sql).all();
      return {
        rollouts: q("SELECT * FROM rollouts ORDER BY id"),
        rollout_hosts: q("SELECT * FROM rollout_hosts ORDER BY rollout_id, host"),
        rollout_actions: q("SELECT * FROM rollout_actions ORDER BY id"),
        commands: q("SELECT id, host, kind, state, code, message, created_ms, sent_ms, finished_ms, hex(envelope) AS envelope FROM commands ORDER BY id"),
        command_steps: q("SELECT * FROM command_steps ORDER BY command_id, seq"),
        events: q("SELECT * FROM events ORDER BY id"),
        audit: q("SELECT * FROM audit ORDER BY id"),
        scheduled: q("SELECT * FROM scheduled ORDER BY id"),
        notify_targets: q("SELECT * FROM notify_targets ORDER BY name"),
      };
    } finally {
      db.close();
    }
  }

  beforeAll(async () => {
    nats = await topology.start(dir.path);
    key = writeSigningKey(dir.path);
    for (const [i, host] of HOSTS.entries()) {
      agents.push(startAgentProcess(nats.agentUrl(i), { host, stateDir: join(dir.path, `state-${host}`), stopMs: 400, startMs: 400, extra: ["--trusted-key", key.publicPath, ...(nats.agentFlags?.(host) ?? [])] }));
    }
    a = await startHa("a.db");
    await waitFor(async () => (await role(a)) === "leader", { what: "controller A to lead", timeoutMs: 30_000 });
    b = await startHa("b.db");
    await waitFor(async () => (await role(b)) === "standby", { what: "controller B to stand by", timeoutMs: 30_000 });
    await waitForHosts(a, HOSTS);
  });

  afterAll(async () => {
    for (const p of agents.splice(0)) await p.kill();
    await a?.kill("SIGKILL");
    await b?.kill();
    await nats?.stop();
    dir.remove();
  });

  describe("takeover", () => {
    it("SIGKILL of the leader mid-rollout: the standby takes over within 15 s, finishes the rollout, every host reset exactly once; histories agree", async () => {
      // Set on the leader before it dies: a start for tomorrow and a notification target; the successor must know both.
      const post = (path: string, body: unknown) => a.fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const later = await post("/api/v1/scheduled", { kind: "reset", host: "web01", request: {}, at: new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z") });
      expect(later.status, await later.clone().text()).toBe(200);
      const laterId = ((await later.json()) as { scheduled: { id: string } }).scheduled.id;
      expect((await post("/api/v1/notifications", { name: "ops", url: "http://127.0.0.1:9/hook", events: ["rollout.finished"] })).status).toBe(200);
      const res = await a.fetch("/api/v1/rollouts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ farm: "web", batch: "1" }) });
      expect(res.status).toBe(200);
      const id = ((await res.json()) as { rollout: { id: string } }).rollout.id;
      // The second host's reset is under way: its command is in flight when the leader dies.
      await waitForRollout(a, id, (d) => d.hosts.some((h) => h.host === "web02" && h.state === "resetting"), "web02 resetting", { timeoutMs: 60_000 });
      // The standby has already applied the rollout and its first host (the stream carries changes within ~100 ms).
      await waitFor(async () => (await apiJson<RolloutDetail>(b, `/api/v1/rollouts/${id}`).catch(() => undefined))?.hosts.some((h) => h.host === "web01" && h.state === "healthy"), {
        what: "B to have applied web01's reset",
        timeoutMs: 10_000,
      });
      // The changes the rollout committed before the kill went in parts, each group applied whole on B.
      const partsLines = a.stderr().split("\n").filter((l) => l.includes("published a large group of changes in parts")).length;
      console.log(`${topology.name}: groups of changes A published in parts: ${partsLines}`);
      if (topology.inParts) expect(partsLines).toBeGreaterThan(0);
      const killedAt = Date.now();
      await a.kill("SIGKILL");
      await waitFor(async () => (await role(b)) === "leader", { what: "B to take over", timeoutMs: 15_000, intervalMs: 100 });
      const takeoverMs = Date.now() - killedAt;
      console.log(`${topology.name}: takeover after SIGKILL of the leader: ${takeoverMs} ms (lease ${LEASE_MS} ms)`);
      expect(takeoverMs).toBeLessThanOrEqual(15_000);

      const done = await waitForRollout(b, id, "finished", undefined, { timeoutMs: 90_000 });
      // What A set for later, and where it notifies, B knows as the leader now.
      expect((await apiJson<{ scheduled: { id: string; state: string } }>(b, `/api/v1/scheduled/${laterId}`)).scheduled.state).toBe("scheduled");
      expect((await apiJson<{ targets: Array<{ name: string }> }>(b, "/api/v1/notifications")).targets.map((t) => t.name)).toEqual(["ops"]);
      console.log(`rollout finished ${Date.now() - killedAt} ms after the kill`);
      expect(done.rollout.state).toBe("succeeded");
      expect(done.hosts.map((h) => [h.host, h.state])).toEqual(HOSTS.map((h) => [h, "healthy"]));
      // The agents' own records: one reset each, and it is the command the rollout names (web02's was A's, resolved by B).
      for (const h of done.hosts) expect(ran(h.host)).toEqual([h.commandId]);

      // A comes back as a standby, applies the stream, and holds the same history as B.
      a = await startHa("a.db");
      await waitFor(async () => (await role(a)) === "standby", { what: "A to stand by", timeoutMs: 30_000 });
      await waitFor(
        async () => {
          const [ha, hb] = await Promise.all([a.fetch("/api/v1/diagnostics").then((r) => r.json()), b.fetch("/api/v1/diagnostics").then((r) => r.json())]);
          const applied = (ha as { ha: { replication?: { appliedSeq?: number } } }).ha.replication?.appliedSeq ?? 0;
          const backlog = (hb as { ha: { replication?: { outboxBacklog?: number } } }).ha.replication?.outboxBacklog;
          return backlog === 0 && applied > 0 && JSON.stringify(history(a.dbPath)) === JSON.stringify(history(b.dbPath));
        },
        { what: "A's history to agree with B's", timeoutMs: 30_000, intervalMs: 500 },
      ).catch((err: unknown) => {
        const [ha, hb] = [history(a.dbPath), history(b.dbPath)];
        for (const t of Object.keys(ha)) if (JSON.stringify(ha[t]) !== JSON.stringify(hb[t])) console.log(`differs: ${t}: A ${ha[t]?.length} rows, B ${hb[t]?.length} rows`);
        throw err;
      });
      console.log(`A's history agreed with B's ${Date.now() - killedAt} ms after the kill`);

      // A leader stopped normally publishes what it committed and releases the lease: the standby leads at once.
      const termAt = Date.now();
      await b.kill("SIGTERM");
      await waitFor(async () => (await role(a)) === "leader", { what: "A to lead again", timeoutMs: 15_000, intervalMs: 50 });
      const handoverMs = Date.now() - termAt;
      console.log(`${topology.name}: handover after SIGTERM of the leader: ${handoverMs} ms (lease ${LEASE_MS} ms)`);
      expect(handoverMs).toBeLessThan(LEASE_MS);
    });
  });
});
