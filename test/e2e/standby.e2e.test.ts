// A standby pair (issue #19 item 2): two real controller processes with --ha on one JetStream nats-server, each with
// its own SQLite file, and a real agent that trusts their (shared) signing key. The lease decides who leads; the
// standby answers reads and refuses writes naming the leader; when the leader stops renewing (SIGSTOP: a process that
// hangs, or a machine cut off), the standby takes over with a higher term; the old leader, resumed, steps down and
// exits, and nothing it sends on its way out runs (its API refuses, or the agent refuses its stale term).
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { ResultCode, decode, sealCommand, subjects, v1 } from "@iisfleet/proto";
import { connect } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HostEntry, apiJson, waitForHosts } from "../support/events.js";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { type TestSigningKey, writeSigningKey } from "../support/signing-keys.js";
import { waitFor } from "../support/wait.js";

const LEASE = "3s";
const LEASE_MS = 3_000;

interface Health {
  status: string;
  ha?: { role: string; controllerId: string; term: number; leaseMs: number; leader?: { controllerId: string; apiUrl?: string }; problem?: string };
}

let nats: NatsServer;
let key: TestSigningKey;
let a: Controller;
let b: Controller;
let agent: Proc;
const dir = tempDir("iisfleet-standby-");

/** Leadership as an authenticated caller sees it (diagnostics); the public health check says only role and term. */
async function health(c: Controller): Promise<Health> {
  const diagnostics = (await (await c.fetch("/api/v1/diagnostics")).json()) as { ha?: Health["ha"] };
  const pub = (await (await fetch(`${c.url}/api/v1/health`)).json()) as { status: string; ha?: unknown };
  return { status: pub.status, ...(diagnostics.ha ? { ha: diagnostics.ha } : {}) };
}

/** Each controller in a directory of its own: the admin token it creates is written beside its database. */
function startHa(db: string): Promise<Controller> {
  return startControllerProcess(nats.url, join(dir.path, db.replace(".db", ""), db), ["--signing-key", key.privatePath, "--ha", "--ha-lease", LEASE]);
}

async function reset(c: Controller): Promise<{ status: number; body: { command?: { state: string; code: string }; error?: { code: string; message: string; details?: Record<string, string> } } }> {
  const res = await c.fetch("/api/v1/hosts/web01/reset", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ operation: "restart", level: "iis" }),
  });
  return { status: res.status, body: (await res.json()) as never };
}

/** web01's own count of resets its engine ran, as `c` shows it once a heartbeat sent after now has come. */
async function executed(c: Controller): Promise<number> {
  // Heartbeats come every 300 ms: a second from now, the count shown is from one sent after this call.
  await new Promise((r) => setTimeout(r, 1_000));
  const hosts = await waitForHosts(c, (hs) => hs.some((h) => h.name === "web01" && h.liveness === "online"), "web01 online", { timeoutMs: 20_000 });
  return hosts.find((h) => h.name === "web01")?.counters?.resetsExecuted ?? -1;
}

beforeAll(async () => {
  nats = await startNatsServer();
  key = writeSigningKey(dir.path);
  agent = startAgentProcess(nats.url, { host: "web01", extra: ["--trusted-key", key.publicPath] });
  a = await startHa("a.db");
  await waitFor(async () => (await health(a)).ha?.role === "leader", { what: "controller A to lead", timeoutMs: 30_000 });
  b = await startHa("b.db");
  await waitFor(async () => (await health(b)).ha?.leader?.controllerId !== undefined, { what: "controller B to name the leader", timeoutMs: 30_000 });
  await waitForHosts(a, ["web01"]);
  await waitForHosts(b, ["web01"]);
});

afterAll(async () => {
  a?.child.kill("SIGCONT");
  await agent?.kill();
  await a?.kill();
  await b?.kill();
  await nats?.stop();
  dir.remove();
});

describe("standby controller", () => {
  it("the first --ha controller leads; the second stands by, answers reads, and refuses writes with NOT_LEADER naming the leader", async () => {
    const ha = await health(a);
    const hb = await health(b);
    expect(ha).toMatchObject({ status: "ok", ha: { role: "leader", leaseMs: LEASE_MS } });
    expect(ha.ha?.term).toBeGreaterThan(0);
    expect(hb).toMatchObject({ status: "ok", ha: { role: "standby", term: ha.ha?.term, leader: { controllerId: ha.ha?.controllerId, apiUrl: a.url } } });
    // The public health check (load balancers, containers) says the role and no more.
    expect(await (await fetch(`${b.url}/api/v1/health`)).json()).toEqual({ status: "ok", reasons: [], ha: { role: "standby", term: ha.ha?.term } });

    expect((await apiJson<{ hosts: HostEntry[] }>(b, "/api/v1/hosts")).hosts.map((h) => h.name)).toEqual(["web01"]);
    const refused = await reset(b);
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatchObject({ code: "NOT_LEADER", details: { leader: ha.ha?.controllerId, leaderUrl: a.url } });
    expect(refused.body.error?.message).toContain(a.url);
    // Refused before anything was recorded: the standby's history has no command and no audit row of its own.
    expect((await apiJson<{ commands: unknown[] }>(b, "/api/v1/commands")).commands).toEqual([]);

    const done = await reset(a);
    expect(done.body.command).toMatchObject({ state: "succeeded", code: "OK" });
    expect(await executed(b)).toBe(1);
  });

  it("the CLI given the standby's URL sends a write to the leader it names, once; a token made on the leader works on both", async () => {
    // An operator's token, made on the leader: it reaches the standby with the rest of the history.
    const made = await a.fetch("/api/v1/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "ops", role: "operator" }) });
    expect(made.status, await made.clone().text()).toBe(200);
    const { secret, token } = (await made.json()) as { secret: string; token: { id: string } };
    await waitFor(async () => (await fetch(`${b.url}/api/v1/hosts`, { headers: { authorization: `Bearer ${secret}` } })).status === 200, { what: "B to know the token made on A", timeoutMs: 10_000 });

    const r = await cli(["--controller", b.url, "--token", secret, "reset", "web01", "--json"]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect((JSON.parse(r.stdout) as { command: { state: string } }).command.state).toBe("succeeded");
    expect(r.stderr).toContain(`${b.url} is a standby: sent to the leader at ${a.url}`);
    expect(await executed(b)).toBe(2);
    // The leader recorded it, under the operator's token.
    const { audit } = await apiJson<{ audit: Array<{ tokenId: string | null; path: string; status: number | null }> }>(a, "/api/v1/audit");
    expect(audit.filter((e) => e.tokenId === token.id).map((e) => [e.path, e.status])).toEqual([["/api/v1/hosts/web01/reset", 200]]);
  });

  it("a leader that stops renewing is replaced within the lease with a higher term; resumed, it steps down and nothing it sends runs", async () => {
    const oldTerm = (await health(a)).ha?.term ?? 0;
    const stoppedAt = Date.now();
    a.child.kill("SIGSTOP");
    await waitFor(async () => (await health(b)).ha?.role === "leader", { what: "controller B to take over", timeoutMs: 15_000, intervalMs: 100 });
    const takeoverMs = Date.now() - stoppedAt;
    console.log(`takeover after SIGSTOP of the leader: ${takeoverMs} ms (lease ${LEASE_MS} ms)`);
    expect(takeoverMs).toBeLessThan(LEASE_MS + 5_000);
    const newTerm = (await health(b)).ha?.term ?? 0;
    expect(newTerm).toBeGreaterThan(oldTerm);

    // The new leader commands the agent, which now knows the new term.
    expect((await reset(b)).body.command).toMatchObject({ state: "succeeded", code: "OK" });

    // A reset sent to the old leader while it is frozen, which it reads the moment it resumes: whichever comes first —
    // its step-down or the request — the reset runs nowhere.
    const late = reset(a);
    await new Promise((r) => setTimeout(r, 200));
    a.child.kill("SIGCONT");
    const answer: Awaited<ReturnType<typeof reset>> = await late.catch((err: unknown) => ({ status: 0, body: { error: { code: "CONNECTION", message: String(err) } } }));
    console.log(`the old leader answered the reset sent as it resumed: ${JSON.stringify(answer.body.command ?? answer.body.error)}`);
    if (answer.body.command) expect(answer.body.command).toMatchObject({ state: "rejected", code: "STALE_TERM" });
    else expect(["NOT_LEADER", "CONNECTION"]).toContain(answer.body.error?.code);
    expect(await a.exited).toBe(75);
    expect(a.stderr()).toMatch(/lost the leadership lease/);
    // Its timers usually run before the request is read, so it steps down (and exits) first. What it might still have
    // sent — a command sealed just before, or re-sent after a reconnect — carries its old term: the agent refuses that.
    const nc = await connect({ servers: nats.url });
    try {
      const now = Date.now();
      const stale = sealCommand(
        { commandId: `old-leader-${now}`, issuer: "controller:a/late", targetHost: "web01", issuedAtMs: now, expiresAtMs: now + 30_000, nonce: randomBytes(16), term: oldTerm, reset: { operation: v1.Operation.OPERATION_RESTART } },
        key.key,
      );
      const result = decode.result((await nc.request(subjects.command("web01"), stale, { timeout: 20_000 })).data);
      expect(result).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.STALE_TERM });
    } finally {
      await nc.close();
    }
    expect(await executed(b)).toBe(3);
    expect((await health(b)).ha).toMatchObject({ role: "leader", term: newTerm });
  });
});
