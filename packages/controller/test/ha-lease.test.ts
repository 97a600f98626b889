// The leadership lease (ha/lease.ts) against a real JetStream nats-server: one holder at a time, a term that grows
// across holders, a standby that names the holder, a holder that steps down at once when a renew fails, and a release
// on stop that lets a standby take over without waiting out the lease.
import { Kvm } from "@nats-io/kv";
import { type NatsConnection, connect } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../../../test/support/nats-server.js";
import { waitFor } from "../../../test/support/wait.js";
import { LEASE_KEY, LeaderLease } from "../src/ha/lease.js";
import { createLogger } from "../src/log.js";

let nats: NatsServer;
const conns: NatsConnection[] = [];
const leases: LeaderLease[] = [];

beforeAll(async () => {
  nats = await startNatsServer();
});

afterAll(async () => {
  for (const l of leases) await l.stop();
  for (const c of conns) await c.close();
  await nats?.stop();
});

async function lease(name: string, bucket: string, events: string[]): Promise<LeaderLease> {
  const nc = await connect({ servers: nats.url });
  conns.push(nc);
  const l = new LeaderLease({
    connection: () => nc,
    controllerId: name,
    apiUrl: `http://${name}.invalid:8740`,
    bucket,
    leaseMs: 1_500,
    log: createLogger("test", "silent"),
    onElected: (term) => events.push(`${name} elected ${term}`),
    onDeposed: (term, reason) => events.push(`${name} deposed ${term}: ${reason}`),
  });
  leases.push(l);
  l.start();
  return l;
}

describe("LeaderLease", () => {
  it("one holder; the other stands by naming it; a holder whose renew fails steps down at once; terms grow", async () => {
    const events: string[] = [];
    const a = await lease("a", "lease_renew", events);
    await waitFor(() => a.isLeader, { what: "a to lead", timeoutMs: 10_000 });
    const b = await lease("b", "lease_renew", events);
    await waitFor(() => (b.current.role === "standby" && b.current.leader ? b.current.leader : undefined), { what: "b to name a", timeoutMs: 10_000 });
    const termA = a.current.role === "leader" ? a.current.term : 0;
    expect(b.current).toMatchObject({ role: "standby", leader: { controllerId: "a", apiUrl: "http://a.invalid:8740", term: termA } });

    // Someone else writes the key (as a standby would after the lease expired unseen): a's next compare-and-set fails.
    const kv = await new Kvm(conns[0] as NatsConnection).open("lease_renew");
    const stolenAt = Date.now();
    await kv.put(LEASE_KEY, JSON.stringify({ controllerId: "intruder", term: 0, sinceMs: 0 }));
    await waitFor(() => a.current.role === "deposed", { what: "a to step down", timeoutMs: 5_000, intervalMs: 20 });
    // Within one renew period (a third of the lease) and the round trip.
    expect(Date.now() - stolenAt).toBeLessThan(1_500);
    expect(events.find((e) => e.startsWith("a deposed"))).toMatch(/renewing the lease failed/);
    expect(b.isLeader).toBe(false);

    // The intruder never renews: its key expires with the bucket's TTL and b takes over with a higher term.
    await waitFor(() => b.isLeader, { what: "b to lead", timeoutMs: 10_000 });
    expect(b.current.role === "leader" && b.current.term).toBeGreaterThan(termA);
    // A deposed lease never leads again in its process.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(a.current.role).toBe("deposed");
  });

  it("a holder that stops releases the lease: the standby takes over at once, not a lease later", async () => {
    const events: string[] = [];
    const a = await lease("a", "lease_release", events);
    await waitFor(() => a.isLeader, { what: "a to lead", timeoutMs: 10_000 });
    const b = await lease("b", "lease_release", events);
    await waitFor(() => b.current.role === "standby" && b.current.leader !== undefined, { what: "b to stand by", timeoutMs: 10_000 });
    const stoppedAt = Date.now();
    await a.stop();
    await waitFor(() => b.isLeader, { what: "b to lead", timeoutMs: 10_000, intervalMs: 20 });
    // b looks every fifth of the lease; the key was deleted, so the first look after the stop wins.
    expect(Date.now() - stoppedAt).toBeLessThan(1_000);
  });
});
