// The change stream keeps 7 days (issue #19): a standby whose database is behind the stream's first sequence — it was
// away longer, or the stream was purged — must not apply what follows over the gap and later lead with a history that
// silently lacks those changes. Real controller processes with --ha on a real JetStream nats-server; the stream is
// purged so its first sequence is past the new standby's position. The standby refuses the lease and says why (health
// degraded, diagnostics); the leader killed, it still does not lead. Given a copy of the leader's database, as the
// sentence says, it follows on and takes over.
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haRole } from "../support/agent-log.js";
import { apiJson } from "../support/events.js";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Controller, startControllerProcess, tempDir } from "../support/processes.js";
import { type TestSigningKey, writeSigningKey } from "../support/signing-keys.js";
import { waitFor } from "../support/wait.js";

const LEASE_MS = 2_000;
const STREAM = "IISFLEET_CHANGES";

interface Diagnostics {
  ha?: { role: string; problem?: string; eligible?: boolean; replication?: { appliedSeq?: number; outboxBacklog?: number } };
}

let nats: NatsServer;
let key: TestSigningKey;
let a: Controller;
let b: Controller | undefined;
const dir = tempDir("iisfleet-standby-retention-");

function startHa(name: string): Promise<Controller> {
  return startControllerProcess(nats.url, join(dir.path, name, `${name}.db`), ["--signing-key", key.privatePath, "--ha", "--ha-lease", `${LEASE_MS}ms`]);
}

const post = (c: Controller, path: string, body: unknown) => c.fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  nats = await startNatsServer();
  key = writeSigningKey(dir.path);
  a = await startHa("a");
  await waitFor(async () => (await haRole(a.url)) === "leader", { what: "A to lead", timeoutMs: 30_000 });
});

afterAll(async () => {
  await a?.kill("SIGKILL");
  await b?.kill();
  await nats?.stop();
  dir.remove();
});

describe("a standby behind the change stream's retention", () => {
  it("refuses the lease and says why, even with the leader gone; from a copy of the leader's database it takes over", async () => {
    // History on the leader, published, then dropped from the stream (as 7 days would).
    for (const name of ["ops", "dev"]) expect((await post(a, "/api/v1/notifications", { name, url: "http://127.0.0.1:9/hook", events: ["rollout.finished"] })).status).toBe(200);
    await waitFor(async () => (await apiJson<Diagnostics>(a, "/api/v1/diagnostics")).ha?.replication?.outboxBacklog === 0, { what: "A to publish its changes", timeoutMs: 10_000 });
    const nc = await connect({ servers: nats.url });
    try {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.purge(STREAM);
      expect((await jsm.streams.info(STREAM)).state.first_seq).toBeGreaterThan(1);
    } finally {
      await nc.close();
    }
    // One more change after the purge: the stream is not empty, the earlier ones are gone.
    expect((await post(a, "/api/v1/notifications", { name: "late", url: "http://127.0.0.1:9/hook", events: ["rollout.finished"] })).status).toBe(200);

    b = await startHa("b");
    const standby = b;
    const refused = await waitFor(async () => ((await apiJson<Diagnostics>(standby, "/api/v1/diagnostics")).ha?.eligible === false ? (await apiJson<Diagnostics>(standby, "/api/v1/diagnostics")).ha : undefined), {
      what: "B to refuse the lease",
      timeoutMs: 20_000,
    });
    expect(refused?.role).toBe("standby");
    expect(refused?.problem).toMatch(/up to stream sequence 0, but the change stream IISFLEET_CHANGES now begins at \d+: the changes between are gone .* it will not take the lease/);
    expect(refused?.problem).toContain("copy of the leader's");
    const health = (await (await fetch(`${standby.url}/api/v1/health`)).json()) as { status: string; reasons: string[] };
    expect(health.status).toBe("degraded");
    expect(health.reasons.join(" ")).toContain("will not take the lease");
    expect(standby.stderr()).toContain("will not take the lease");
    // Nothing of the stream was applied over the gap.
    expect((await apiJson<{ targets: unknown[] }>(standby, "/api/v1/notifications")).targets).toEqual([]);

    // The leader dies: the standby with the gap does not lead, through several leases.
    await a.kill("SIGKILL");
    const until = Date.now() + 3 * LEASE_MS;
    while (Date.now() < until) {
      expect(await haRole(standby.url)).toBe("standby");
      await new Promise((r) => setTimeout(r, 200));
    }
    await standby.kill();

    // The remedy the sentence gives: a copy of the leader's database. It follows on from the leader's own position.
    mkdirSync(join(dir.path, "c"));
    const leaderDb = new Database(a.dbPath);
    await leaderDb.backup(join(dir.path, "c", "c.db"));
    leaderDb.close();
    copyFileSync(join(dir.path, "a", "admin.token"), join(dir.path, "c", "admin.token"));
    b = await startHa("c");
    const copy = b;
    await waitFor(async () => (await haRole(copy.url)) === "leader", { what: "the copy to take over", timeoutMs: 20_000 });
    expect((await apiJson<{ targets: Array<{ name: string }> }>(copy, "/api/v1/notifications")).targets.map((t) => t.name).sort()).toEqual(["dev", "late", "ops"]);
  });
});
