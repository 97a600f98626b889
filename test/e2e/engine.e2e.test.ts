// The reset engine through the CLI, over real NATS, on simulated agents: the seed scenario, the level ladder,
// cordon, local policy and the on-disk journal that survives an agent restart.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type NatsConnection, connect } from "@nats-io/transport-node";
import { decode, encode, subjects, v1 } from "@iisfleet/proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { waitForHosts } from "../support/events.js";
import { waitFor } from "../support/wait.js";

interface Step {
  action: string;
  target: string;
  fromState: string;
  toState: string;
  win32Error: number;
  ok: boolean;
  skipped: boolean;
  message: string;
}
interface CommandJson {
  state: string;
  code: string;
  message: string;
  steps: Step[];
}

let nats: NatsServer;
let controller: Controller;
let nc: NatsConnection;
const agents = new Map<string, Proc>();
const dir = tempDir("iisfleet-engine-e2e-");
const journalDir = join(dir.path, "journal01-state"); // kept across journal01's restart; removed with dir

async function registered(names: string[]): Promise<void> {
  await waitForHosts(controller, names);
}

async function reset(host: string, ...args: string[]) {
  const r = await cli(["--controller", controller.url, "reset", host, "--json", ...args]);
  return { code: r.code, command: (r.json as { command: CommandJson }).command };
}

beforeAll(async () => {
  nats = await startNatsServer();
  controller = await startControllerProcess(nats.url, `${dir.path}/iisfleet.db`);
  const policy = join(dir.path, "policy.json");
  writeFileSync(policy, JSON.stringify({ allowForce: false }));
  agents.set("seed01", startAgentProcess(nats.url, { host: "seed01", fault: "hung-stop-protected" }));
  agents.set("plain01", startAgentProcess(nats.url, { host: "plain01" }));
  agents.set("locked01", startAgentProcess(nats.url, { host: "locked01", fault: "hung-stop", extra: ["--policy", policy] }));
  agents.set("journal01", startAgentProcess(nats.url, { host: "journal01", stateDir: journalDir }));
  await registered([...agents.keys()]);
  nc = await connect({ servers: nats.url });
});

afterAll(async () => {
  await nc?.close();
  await Promise.all([...agents.values()].map((a) => a.kill()));
  await controller?.kill();
  await nats?.stop();
  dir.remove();
});

describe("the seed scenario through the CLI", () => {
  it("noforce: the stop is refused, the reset fails clearly, and nothing is killed", async () => {
    const r = await reset("seed01", "--timeout", "2");
    expect(r.code).toBe(1);
    expect(r.command).toMatchObject({ state: "failed", code: "STOP_FAILED" });
    expect(r.command.steps.filter((s) => s.action === "kill")).toEqual([]);
    expect(r.command.message).toContain("With noforce no process was killed");
  });

  it("--level http --force --timeout 30: the protected process is skipped and reported, the reset succeeds", async () => {
    const r = await reset("seed01", "--level", "http", "--force", "--timeout", "30");
    expect(r.code).toBe(0);
    expect(r.command).toMatchObject({ state: "succeeded", code: "OK" });
    const kills = r.command.steps.filter((s) => s.action === "kill");
    expect(kills.filter((k) => k.skipped)).toHaveLength(1);
    expect(kills.find((k) => k.skipped)).toMatchObject({ win32Error: 5 });
    // The http level restarted HTTP.SYS's non-IIS dependents too, and the sites answered before success.
    const started = r.command.steps.filter((s) => s.action === "start").map((s) => s.target);
    expect(started).toEqual(expect.arrayContaining(["HTTP", "W3SVC", "SSDPSRV", "Spooler"]));
    const probes = r.command.steps.filter((s) => s.action === "probe");
    expect(probes.length).toBe(3);
    expect(probes.every((p) => p.ok)).toBe(true);
  });
});

describe("levels and operations", () => {
  it.each([
    [["--level", "recycle"], "recycle"],
    [["--level", "w3svc"], "stop"],
    [["--operation", "stop"], "stop"],
    [["--operation", "start"], "start"],
  ])("reset %j succeeds", async (args, action) => {
    const r = await reset("plain01", ...args);
    expect(r.code).toBe(0);
    if (args.includes("start")) return; // after a stop: W3SVC and its needs come back
    expect(r.command.steps.some((s) => s.action === action)).toBe(true);
  });
});

describe("cordon (iisreset /DISABLE, /ENABLE)", () => {
  it("a cordoned host refuses resets, with the reason, until uncordoned", async () => {
    const c = await cli(["--controller", controller.url, "cordon", "plain01", "--reason", "patch Tuesday", "--json"]);
    expect(c.code).toBe(0);
    const refused = await reset("plain01");
    expect(refused.code).toBe(1);
    expect(refused.command).toMatchObject({ state: "rejected", code: "CORDONED" });
    expect(refused.command.message).toContain("patch Tuesday");
    expect((await cli(["--controller", controller.url, "uncordon", "plain01"])).code).toBe(0);
    expect((await reset("plain01")).code).toBe(0);
  });
});

describe("agent-local policy", () => {
  it("a host whose policy forbids force refuses --force whatever the controller says", async () => {
    const r = await reset("locked01", "--force", "--timeout", "2");
    expect(r.code).toBe(1);
    expect(r.command).toMatchObject({ state: "rejected", code: "POLICY" });
    expect(r.command.steps).toEqual([]);
  });

  it("a malformed policy file stops the agent at start with a sentence", async () => {
    const bad = join(dir.path, "bad-policy.json");
    writeFileSync(bad, '{"allowForce": "sometimes"}');
    const p = startAgentProcess(nats.url, { host: "badpolicy", extra: ["--policy", bad] });
    expect(await p.exited).toBe(1);
    expect(p.stderr()).toMatch(/iisfleet-agent: Policy file .*bad-policy\.json: "allowForce" must be true or false\./);
  });
});

describe("the result journal", () => {
  it("a restarted agent answers a repeated command id from disk instead of resetting again", async () => {
    const command = (id: string) =>
      encode.envelope({
        command: encode.command({ commandId: id, targetHost: "journal01", issuedAtMs: Date.now(), expiresAtMs: Date.now() + 30_000, reset: {} }),
      });
    const first = decode.result((await nc.request(subjects.command("journal01"), command("j-1"), { timeout: 20_000 })).data);
    expect(first).toMatchObject({ outcome: v1.Outcome.OUTCOME_SUCCEEDED, replayed: false });

    await agents.get("journal01")?.kill();
    agents.set("journal01", startAgentProcess(nats.url, { host: "journal01", stateDir: journalDir }));
    await waitFor(
      async () => {
        try {
          await nc.request(subjects.status("journal01"), encode.statusRequest({}), { timeout: 500 });
          return true;
        } catch {
          return false;
        }
      },
      { what: "the restarted agent to answer", timeoutMs: 20_000 },
    );
    const again = decode.result((await nc.request(subjects.command("journal01"), command("j-1"), { timeout: 20_000 })).data);
    expect(again.replayed).toBe(true);
    expect(again.steps.map((s) => s.target)).toEqual(first.steps.map((s) => s.target));
    expect(again.finishedAtMs).toBe(first.finishedAtMs);
  });
});
