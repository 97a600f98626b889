// Proves the plain (no auth, no TLS) cluster helper against the installed nats-server: three servers routed to each
// other, JetStream with a meta leader and a stream replicated on all three, a crash and a restart, and clean-up.
// The secured cluster and the hub + leaf pair, from `iisfleet nats-config`: test/e2e/cluster-config.e2e.test.ts.
import { existsSync } from "node:fs";
import { connect } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsCluster, startNatsCluster } from "./nats-cluster.js";

let cluster: NatsCluster;

beforeAll(async () => {
  cluster = await startNatsCluster({ jetstream: true });
});
afterAll(async () => {
  await cluster?.stop();
});

async function jsApi(url: string, subject: string, body: unknown): Promise<Record<string, unknown>> {
  const nc = await connect({ servers: url, reconnect: false });
  try {
    const reply = await nc.request(subject, JSON.stringify(body), { timeout: 20_000 });
    return JSON.parse(reply.string()) as Record<string, unknown>;
  } finally {
    await nc.close();
  }
}

describe("startNatsCluster (plain, JetStream)", () => {
  it("starts three routed servers whose JetStream replicates a stream on all three", async () => {
    expect(cluster.urls).toHaveLength(3);
    expect(new Set(cluster.urls).size).toBe(3);
    await cluster.waitForJetStream();
    const created = await jsApi(cluster.urls[0] as string, "$JS.API.STREAM.CREATE.probe", { name: "probe", subjects: ["probe.>"], num_replicas: 3 });
    expect(created.error).toBeUndefined();
    expect((created.cluster as { replicas?: unknown[] } | undefined)?.replicas).toHaveLength(2);
  });

  it("kills a server (its peers drop the route) and restarts it on the same ports, the stream still there", async () => {
    const url = cluster.urls[2] as string;
    await cluster.kill(2);
    await expect(connect({ servers: url, reconnect: false })).rejects.toThrow();
    await cluster.restart(2);
    await cluster.waitForJetStream();
    const info = await jsApi(url, "$JS.API.STREAM.INFO.probe", {});
    expect(info.error).toBeUndefined();
    expect((info.config as { num_replicas?: number } | undefined)?.num_replicas).toBe(3);
  });

  it("removes every server's dir on stop", async () => {
    const dirs = cluster.servers.map((s) => s.dir);
    await cluster.stop();
    for (const d of dirs) expect(existsSync(d)).toBe(false);
  });
});
