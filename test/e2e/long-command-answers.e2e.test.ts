// Finding 2 of issue #15: an agent's answer to a command that runs longer than nats-server's `allow_responses` window
// must still reach the controller. nats-server expires a reply permission granted by `allow_responses: true` after
// two minutes; rather than wait that long, this runs the generated config with the window shrunk to one second
// (the same mechanism, sixty times sooner) and a reset that takes several seconds. Real nats-server, real controller
// and agent processes with their own nkeys.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { subjects } from "@iisfleet/proto";
import { type NatsConnection, PermissionViolationError, connect, nkeyAuthenticator } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { waitForHosts } from "../support/events.js";
import { waitFor } from "../support/wait.js";

const dir = tempDir("iisfleet-longcmd-");
const keysDir = join(dir.path, "keys");
let nats: NatsServer;
let controller: Controller;
let agent: Proc;

beforeAll(async () => {
  expect((await cli(["keys", "init", "--dir", keysDir, "--agent", "web01,web02"])).code).toBe(0);
  const generated = join(dir.path, "generated.conf");
  expect((await cli(["nats-config", "--keys", keysDir, "--out", generated])).code).toBe(0);
  const text = readFileSync(generated, "utf8");
  // Whatever the generator grants for replies, a one-second reply window stands in for nats-server's two minutes.
  const shrunk = text.replace(/allow_responses: (true|\{[^}]*\})/g, 'allow_responses: { max: 1, expires: "1s" }');
  const confFile = join(dir.path, "short-window.conf");
  writeFileSync(confFile, shrunk);
  nats = await startNatsServer({ configFile: confFile });
  controller = await startControllerProcess(nats.url, join(dir.path, "iisfleet.db"), ["--nats-nkey", join(keysDir, "nats", "controller.nk")]);
  // Stopping IIS takes 2.5 s on this host (W3SVC and WAS each pending), far past the one-second window.
  agent = startAgentProcess(nats.url, { host: "web01", stopMs: 2_500, extra: ["--nats-nkey", join(keysDir, "nats", "agents", "web01.nk")] });
  await waitForHosts(controller, (hosts) => hosts.some((h) => h.name === "web01" && h.liveness === "online"), "web01 online");
}, 90_000);

afterAll(async () => {
  await agent?.kill();
  await controller?.kill();
  await nats?.stop();
  dir.remove();
});

describe("a command that outlives the server's reply window", () => {
  it("still gets the agent's answer: the reset is recorded SUCCEEDED, with no publish violation in the server log", async () => {
    const started = Date.now();
    const r = await cli(["--controller", controller.url, "reset", "web01", "--json"]);
    const took = Date.now() - started;
    expect(r.stderr).toBe("");
    expect((r.json as { command: { state: string; code: string } }).command).toMatchObject({ state: "succeeded", code: "OK" });
    // Proof that the window really was exceeded, not raced; and that the answer itself arrived, rather than the
    // controller's outcome query after its ~2-minute wait (today's recovery, far too late for a rollout).
    expect(took).toBeGreaterThan(2_000);
    expect(took).toBeLessThan(60_000);
    expect(nats.logTail(200)).not.toMatch(/Publish Violation/);
  }, 120_000);
});

describe("the agents' result subjects", () => {
  it("another agent's nkey can neither hear web01's results nor publish one in web01's name", async () => {
    const seed = new TextEncoder().encode(readFileSync(join(keysDir, "nats", "agents", "web02.nk"), "utf8").trim());
    const web02: NatsConnection = await connect({ servers: nats.url, reconnect: false, authenticator: nkeyAuthenticator(seed) });
    try {
      const errors: string[] = [];
      void (async () => {
        for await (const s of web02.status()) if (s.type === "error") errors.push(String(s.error.message));
      })();
      const subErr: Error[] = [];
      web02.subscribe(`${subjects.results("web01")}.>`, { callback: (err) => void (err ? subErr.push(err) : undefined) });
      web02.publish(`${subjects.results("web01")}.forged`, "forged");
      await web02.flush();
      await waitFor(() => subErr.length > 0 && errors.some((e) => /Publish/.test(e)), { what: "both refusals", timeoutMs: 10_000 });
      expect(subErr[0]).toBeInstanceOf(PermissionViolationError);
      expect(errors.join("\n")).toMatch(/Permissions Violation for Publish to "iisfleet\.v1\.agent\.web01\.res\.forged"/);
    } finally {
      await web02.close();
    }
  });
});
