// A decommissioned host over real processes: --strict names it, `host forget` is refused while a rollout holds it,
// then forgets it (out of hosts and status, history kept), and its agent coming back registers it again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { waitForHosts } from "../support/events.js";

interface HostsJson {
  hosts: Array<{ name: string; liveness: string }>;
}

let nats: NatsServer;
let controller: Controller;
const agents: Proc[] = [];
const dir = tempDir("iisfleet-forget-e2e-");

const run = (...args: string[]) => cli(["--controller", controller.url, ...args]);
async function hosts(): Promise<HostsJson["hosts"]> {
  return ((await (await controller.fetch("/api/v1/hosts")).json()) as HostsJson).hosts;
}
function agent(host: string): Proc {
  const p = startAgentProcess(nats.url, { host, farm: "old", stateDir: `${dir.path}/${host}` });
  agents.push(p);
  return p;
}

beforeAll(async () => {
  nats = await startNatsServer();
  controller = await startControllerProcess(nats.url, `${dir.path}/iisfleet.db`);
  agent("old01");
  agent("old02");
  await waitForHosts(controller, ["old01", "old02"]);
});

afterAll(async () => {
  await Promise.all(agents.map((a) => a.kill()));
  await controller?.kill();
  await nats?.stop();
  dir.remove();
});

describe("iisfleet host forget", () => {
  it("status --strict names the host that fails it; forget is refused while a rollout holds it, then forgets it", async () => {
    const [, old02] = agents;
    await old02?.kill("SIGKILL");
    await waitForHosts(controller, (hs) => hs.find((h) => h.name === "old02")?.liveness === "offline", "old02 offline");

    const strict = await run("status", "--farm", "old", "--strict");
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/--strict: exit 1 because 1 host\(s\) are not online: old02 \(offline\)/);

    // A rollout waiting for approval after its canary holds old02.
    const started = await run("--json", "rollout", "start", "--hosts", "old01,old02", "--batch", "1", "--canary", "1", "--canary-approval", "manual");
    expect(started.code, started.stderr).toBe(0);
    const rolloutId = (started.json as { rollout: { id: string } }).rollout.id;
    const refused = await run("--json", "host", "forget", "old02", "--reason", "decommissioned");
    expect(refused.code).toBe(1);
    expect((refused.json as { error: { code: string; message: string } }).error).toMatchObject({
      code: "HOST_IN_ROLLOUT",
      message: expect.stringContaining(`old02 is in the active rollout ${rolloutId}`),
    });
    expect((await run("rollout", "abort", rolloutId)).code).toBe(0);

    const forgot = await run("host", "forget", "old02", "--reason", "decommissioned", "--actor", "ops");
    expect(forgot.code, forgot.stderr).toBe(0);
    expect(forgot.stdout).toMatch(/Forgot old02/);
    expect((await hosts()).map((h) => h.name)).toEqual(["old01"]);
    expect((await run("status", "--farm", "old", "--strict")).code).toBe(0);
    // Its history is still there, with the forgetting in it.
    const history = await run("--json", "history", "--host", "old02");
    expect(history.code, history.stderr).toBe(0);
    const events = (await (await controller.fetch("/api/v1/events?limit=500")).json()) as { events: Array<{ kind: string; host: string; message: string }> };
    expect(events.events.find((e) => e.kind === "host.forgotten")).toMatchObject({ host: "old02", message: expect.stringMatching(/^bootstrap-admin:ops forgot old02 .*decommissioned/) });
    // An unknown host is an error with a sentence; and forgetting twice is one too.
    expect((await run("host", "forget", "old02")).code).toBe(1);
  });

  it("the forgotten host's agent reporting again registers it anew", async () => {
    agent("old02");
    await waitForHosts(controller, (hs) => hs.some((h) => h.name === "old02" && h.liveness === "online"), "old02 back");
  });
});
