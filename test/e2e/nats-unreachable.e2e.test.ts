// NATS not there: the controller and the agent say so at once and keep trying; the API comes up anyway, health says
// why it is degraded, notifications still go out, a reset fails at once naming the NATS URL (instead of blaming the agent two minutes later), and
// once a nats-server appears on that URL everything connects by itself and works.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { Store } from "../../packages/controller/src/store/index.js";
import { HistoryRows } from "../../packages/controller/test/support/history-rows.js";
import { type NatsServer, freePort, startNatsServer } from "../support/nats-server.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { waitForHosts } from "../support/events.js";
import { waitFor } from "../support/wait.js";

const dir = tempDir("iisfleet-nats-down-");
let nats: NatsServer | undefined;
let controller: Controller | undefined;
let agent: Proc | undefined;

afterAll(async () => {
  await agent?.kill();
  await controller?.kill();
  await nats?.stop();
  dir.remove();
});

describe("NATS unreachable", () => {
  it("the controller serves its API, logs every failed attempt, and a reset fails at once naming NATS; then it recovers", async () => {
    const port = await freePort();
    const url = `nats://127.0.0.1:${port}`;
    // A host the controller knows from an earlier life (its agent is not running), so a rollout has a target.
    const known = Store.open(`${dir.path}/iisfleet.db`);
    new HistoryRows(known.db).host("old01", Date.now() - 60_000);
    known.close();
    controller = await startControllerProcess(url, `${dir.path}/iisfleet.db`);

    // The log names the URL and the socket error, attempt after attempt.
    await waitFor(() => (controller?.stderr().match(/cannot reach NATS/g)?.length ?? 0) >= 2, { what: "two logged connection attempts", timeoutMs: 20_000 });
    const firstLine = controller.stderr().split("\n").find((l) => l.includes("cannot reach NATS")) ?? "";
    expect(firstLine).toContain(`127.0.0.1:${port}`);
    expect(firstLine).toMatch(/ECONNREFUSED/);

    // Health needs no token and says why it is degraded.
    const health = await fetch(`${controller.url}/api/v1/health`);
    expect(health.status).toBe(200);
    const h = (await health.json()) as { status: string; reasons: string[] };
    expect(h.status).toBe("degraded");
    expect(h.reasons[0]).toMatch(new RegExp(`cannot reach NATS at nats://127\\.0\\.0\\.1:${port} since \\d{4}-`));

    // Notifications do not need NATS: a rollout started now (it waits for NATS) is notified while NATS is down.
    const received: string[] = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        received.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((res) => receiver.listen(0, "127.0.0.1", res));
    try {
      const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const added = await cli(["--controller", controller.url, "notify", "add", "ops", "--url", hook, "--events", "rollout.started"]);
      expect(added.code, added.stderr).toBe(0);
      const rollout = await cli(["--controller", controller.url, "--json", "rollout", "start", "--hosts", "old01"]);
      expect(rollout.code, rollout.stderr).toBe(0);
      const rolloutId = (rollout.json as { rollout: { id: string } }).rollout.id;
      await waitFor(() => received.length > 0, { what: "the rollout.started notification", timeoutMs: 30_000 });
      expect(JSON.parse(received[0] ?? "{}")).toMatchObject({ kind: "rollout.started", rolloutId });
      expect((await cli(["--controller", controller.url, "rollout", "abort", rolloutId])).code).toBe(0);
    } finally {
      await new Promise<void>((res) => receiver.close(() => res()));
    }

    // A reset fails at once with NATS_UNAVAILABLE and the same sentence, and nothing is recorded as sent.
    const started = Date.now();
    const reset = await cli(["--controller", controller.url, "--json", "reset", "web01"]);
    expect(Date.now() - started).toBeLessThan(15_000); // the old behaviour waited for the agent deadline (≥ 2 min)
    expect(reset.code).toBe(1);
    const err = (JSON.parse(reset.stdout) as { error: { code: string; message: string } }).error;
    expect(err.code).toBe("NATS_UNAVAILABLE");
    expect(err.message).toContain(`nats://127.0.0.1:${port}`);
    expect(err.message).toContain("nothing was sent");
    const history = (await (await controller.fetch("/api/v1/commands")).json()) as { commands: unknown[] };
    expect(history.commands).toEqual([]);

    // A live status query says the same at once, rather than waiting out its deadline for nobody.
    const live = await cli(["--controller", controller.url, "--json", "status", "--live", "--timeout", "1s"]);
    expect(live.code).toBe(1);
    expect((JSON.parse(live.stdout) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "NATS_UNAVAILABLE",
      message: expect.stringContaining(`cannot reach NATS at nats://127.0.0.1:${port}`),
    });

    // The agent, started before NATS too, logs its failed attempts.
    agent = startAgentProcess(url, { host: "web01", farm: "shop", stateDir: `${dir.path}/web01` });
    await waitFor(() => /cannot reach NATS/.test(agent?.stderr() ?? ""), { what: "the agent to log a failed attempt", timeoutMs: 20_000 });

    // NATS appears on that URL: both connect on their own, health is ok, and the reset works.
    nats = await startNatsServer({ port });
    await waitFor(async () => ((await (await fetch(`${controller?.url}/api/v1/health`)).json()) as { status: string }).status === "ok", {
      what: "the controller to connect",
      timeoutMs: 30_000,
      intervalMs: 250,
    });
    await waitForHosts(controller, ["web01"], "the agent's first heartbeat");
    const ok = await cli(["--controller", controller.url, "--json", "reset", "web01"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as { command: { state: string } }).command.state).toBe("succeeded");
  });
});
