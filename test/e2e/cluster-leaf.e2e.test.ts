// A remote site (or DMZ) behind a leaf node, over REAL nats-servers made by `iisfleet nats-config`: the controller
// on the hub (TLS, nkey), agents on the leaf (their own nkeys, least privilege there too) and one on the hub. Live
// status reaches across the leaf link, a reset goes through it, and the agents' signed answers come back.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForHosts, waitForRollout } from "../support/events.js";
import { type HubAndLeaf, startHubAndLeaf } from "../support/nats-cluster.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { type TestCa, createTestCa } from "../support/test-ca.js";
import { waitFor } from "../support/wait.js";
import { resetsStarted } from "../support/agent-log.js";

const dir = tempDir("iisfleet-leaf-e2e-");
const keysDir = join(dir.path, "keys");
const ON_LEAF = ["dmz01", "dmz02"];
const ON_HUB = ["hq01"];
let ca: TestCa;
let site: HubAndLeaf;
let controller: Controller;
const agents = new Map<string, Proc>();

const seed = (host: string) => join(keysDir, "nats", "agents", `${host}.nk`);

beforeAll(async () => {
  ca = createTestCa();
  const init = await cli(["keys", "init", "--dir", keysDir, "--agent", [...ON_LEAF, ...ON_HUB].join(","), "--json"]);
  expect(init.code, init.stderr).toBe(0);
  site = await startHubAndLeaf({ keysDir, ca });
  // The controller believes only what each agent signs with its own key: the answers cross the link intact.
  controller = await startControllerProcess(site.hub.url, join(dir.path, "iisfleet.db"), ["--nats-nkey", join(keysDir, "nats", "controller.nk"), "--agent-keys", keysDir, "--nats-tls-ca", ca.caCert]);
  for (const host of ON_LEAF) agents.set(host, startAgentProcess(site.leaf.url, { host, farm: "dmz", extra: ["--nats-nkey", seed(host)] }));
  for (const host of ON_HUB) agents.set(host, startAgentProcess(site.hub.url, { host, farm: "dmz", extra: ["--nats-nkey", seed(host), "--nats-tls-ca", ca.caCert] }));
  await waitForHosts(controller, (hs) => [...ON_LEAF, ...ON_HUB].every((h) => hs.some((x) => x.name === h && x.liveness === "online")), "every agent online (two through the leaf)", { timeoutMs: 90_000 });
}, 180_000);

afterAll(async () => {
  await Promise.all([...agents.values()].map((a) => a.kill()));
  await controller?.kill();
  await site?.stop();
  ca?.remove();
  dir.remove();
}, 60_000);

describe("a remote site behind a leaf node", () => {
  it("answers `iisfleet status --live` from the agents on the leaf and on the hub", async () => {
    const r = await cli(["--controller", controller.url, "status", "--live", "--strict", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const answered = (r.json as { answered: Array<{ host: string }> }).answered.map((a) => a.host).sort();
    expect(answered).toEqual([...ON_LEAF, ...ON_HUB].sort());
  });

  it("resets a host on the leaf through the link, once", async () => {
    const r = await cli(["--controller", controller.url, "reset", "dmz01", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const command = (r.json as { command: { id: string; state: string; code: string } }).command;
    expect(command).toMatchObject({ state: "succeeded", code: "OK" });
    expect(resetsStarted(agents.get("dmz01") as Proc)).toEqual([command.id]);
    expect(resetsStarted(agents.get("dmz02") as Proc)).toEqual([]);
  });

  it("rolls out over both sides of the link", async () => {
    const res = await controller.fetch("/api/v1/rollouts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ farm: "dmz", batch: "1", actor: "e2e" }) });
    expect(res.ok).toBe(true);
    const id = ((await res.json()) as { rollout: { id: string } }).rollout.id;
    const done = await waitForRollout(controller, id, "finished", undefined, { timeoutMs: 120_000 });
    expect(done.rollout.state).toBe("succeeded");
    expect(done.hosts.map((h) => [h.host, h.state]).sort()).toEqual([...ON_LEAF, ...ON_HUB].sort().map((h) => [h, "healthy"]));
    for (const h of done.hosts) expect(resetsStarted(agents.get(h.host) as Proc)).toContain(h.commandId);
  }, 180_000);

  it("brings the leaf's agents back after the link drops (the hub restarted): they reappear and answer live", async () => {
    await site.hub.restart();
    await site.waitForLeaf(60_000);
    const answered = await waitFor(
      async () => {
        const body = (await (await controller.fetch("/api/v1/status?live=1&timeoutMs=3000")).json()) as { answered?: Array<{ host: string }> };
        const hosts = (body.answered ?? []).map((a) => a.host).sort();
        return hosts.length === ON_LEAF.length + ON_HUB.length && hosts;
      },
      { what: "every agent to answer live after the hub's restart", timeoutMs: 90_000, intervalMs: 1_000 },
    );
    expect(answered).toEqual([...ON_LEAF, ...ON_HUB].sort());
    // The leaf's agents never lost their own server: no reconnect in their logs, only the link came and went.
    for (const h of ON_LEAF) expect((agents.get(h) as Proc).stderr()).not.toMatch(/disconnected from NATS/);
  }, 180_000);
});
