// A partition (issue #19 item 3): the leader of a --ha pair reaches NATS through a relay the test cuts mid-rollout,
// the moment a host's reset is under way, while the standby and the agents stay connected. The cut-off leader steps
// down and exits (75) once its lease could have expired; the standby takes over, knows of the command in flight (a
// command is sent only once the change stream holds it), and finishes the rollout; the link comes back and nothing of
// the old term runs. Every host is reset exactly once, by the agents' own journals.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandsRan, haRole } from "../support/agent-log.js";
import { apiJson, waitForHosts, waitForRollout } from "../support/events.js";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Controller, type Proc, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { type TestSigningKey, writeSigningKey } from "../support/signing-keys.js";
import { type TcpProxy, startTcpProxy } from "../support/tcp-proxy.js";
import { waitFor } from "../support/wait.js";

const LEASE_MS = 3_000;
const HOSTS = ["web01", "web02", "web03"];

let nats: NatsServer;
let link: TcpProxy;
let key: TestSigningKey;
let a: Controller;
let b: Controller;
const agents: Proc[] = [];
const dir = tempDir("iisfleet-partition-");

const role = (c: Controller) => haRole(c.url);

const ran = (host: string) => commandsRan(join(dir.path, `state-${host}`));

beforeAll(async () => {
  nats = await startNatsServer();
  link = await startTcpProxy(nats.port);
  key = writeSigningKey(dir.path);
  for (const host of HOSTS) {
    agents.push(startAgentProcess(nats.url, { host, stateDir: join(dir.path, `state-${host}`), stopMs: 400, startMs: 400, extra: ["--trusted-key", key.publicPath] }));
  }
  // Each controller in a directory of its own: the admin token it creates is written beside its database.
  const ha = ["--signing-key", key.privatePath, "--ha", "--ha-lease", `${LEASE_MS}ms`];
  a = await startControllerProcess(`nats://127.0.0.1:${link.port}`, join(dir.path, "a", "a.db"), ha);
  await waitFor(async () => (await role(a)) === "leader", { what: "controller A to lead", timeoutMs: 30_000 });
  b = await startControllerProcess(nats.url, join(dir.path, "b", "b.db"), ha);
  await waitFor(async () => (await role(b)) === "standby", { what: "controller B to stand by", timeoutMs: 30_000 });
  await waitForHosts(a, HOSTS);
});

afterAll(async () => {
  for (const p of agents) await p.kill();
  await a?.kill("SIGKILL");
  await b?.kill();
  await link?.close();
  await nats?.stop();
  dir.remove();
});

describe("partition", () => {
  it("the leader cut off from NATS mid-reset steps down; the standby finishes the rollout; every host reset exactly once", async () => {
    const res = await a.fetch("/api/v1/rollouts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ farm: "web", batch: "1" }) });
    const id = ((await res.json()) as { rollout: { id: string } }).rollout.id;
    // Cut the moment A's history says web02 is being reset — no waiting for the standby to have seen it.
    await waitForRollout(a, id, (d) => d.hosts.some((h) => h.host === "web02" && h.state === "resetting"), "web02 resetting", { timeoutMs: 60_000 });
    const cutAt = Date.now();
    link.cut();
    await waitFor(async () => (await role(b)) === "leader", { what: "B to take over", timeoutMs: 15_000, intervalMs: 100 });
    console.log(`takeover after the leader was cut off: ${Date.now() - cutAt} ms (lease ${LEASE_MS} ms)`);
    expect(await a.exited).toBe(75);
    expect(a.stderr()).toMatch(/lost the leadership lease/);
    link.restore();

    const done = await waitForRollout(b, id, "finished", undefined, { timeoutMs: 90_000 });
    expect(done.rollout.state).toBe("succeeded");
    for (const h of done.hosts) expect(ran(h.host)).toEqual([h.commandId]);
    // web02's reset is A's command, resolved by B from the agent's answer: B knew of it.
    const web02 = done.hosts.find((h) => h.host === "web02");
    const commands = await apiJson<{ commands: Array<{ id: string; host: string }> }>(b, "/api/v1/commands?limit=50");
    expect(commands.commands.filter((c) => c.host === "web02").map((c) => c.id)).toEqual([web02?.commandId]);
  });
});
