// Notifications over real processes: `iisfleet notify add` on a real controller, a rollout over a simulated agent,
// and the rollout.finished POST arriving at a real HTTP receiver, signed; a receiver that fails first is retried
// (the controller runs with a short --notify-backoff); the delivery log and bad input through the CLI.
import { createHmac } from "node:crypto";
import { writeFileSync } from "node:fs";
import { type IncomingHttpHeaders, type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { waitForApi, waitForHosts, waitForRollout } from "../support/events.js";

const SECRET = "e2e-notify-secret-0123456789";
let nats: NatsServer;
let controller: Controller;
let agent: Proc;
let server: Server;
const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
let failFirst = 0;
const dir = tempDir("iisfleet-notify-e2e-");
const secretFile = `${dir.path}/notify.key`;
const run = (...args: string[]) => cli(["--controller", controller.url, ...args]);

beforeAll(async () => {
  writeFileSync(secretFile, `${SECRET}\n`, { mode: 0o600 });
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      if (failFirst > 0) {
        failFirst--;
        res.writeHead(503).end("busy");
      } else res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((res) => server.listen(0, "127.0.0.1", res));
  nats = await startNatsServer();
  controller = await startControllerProcess(nats.url, `${dir.path}/iisfleet.db`, ["--notify-backoff", "200ms"]);
  agent = startAgentProcess(nats.url, { host: "web01", farm: "shop" });
  await waitForHosts(controller, ["web01"]);
});

afterAll(async () => {
  await agent?.kill();
  await controller?.kill();
  await nats?.stop();
  await new Promise<void>((res) => (server ? server.close(() => res()) : res()));
  dir.remove();
});

interface ShowJson {
  target: { name: string; secret: string | null; url: string; deliveries: { delivered: number; pending: number; failed: number } };
  deliveries: Array<{ kind: string; state: string; attempts: number }>;
}

describe("iisfleet notify", () => {
  it("POSTs rollout.finished, signed, retried past a failing receiver, and shows it in the delivery log", async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T000/secret`;
    const added = await run("notify", "add", "ops", "--url", url, "--events", "rollout.finished,command.failed", "--secret-file", secretFile);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^Added ops: generic POST to http:\/\/127\.0\.0\.1:\d+\/\(set\) on rollout\.finished, command\.failed, signed\./);

    failFirst = 1;
    const started = await run("--json", "rollout", "start", "--hosts", "web01", "--batch", "1");
    expect(started.code, started.stderr).toBe(0);
    const id = (started.json as { rollout: { id: string } }).rollout.id;
    await waitForRollout(controller, id, "finished", `rollout ${id}`);

    const show = await waitForApi(
      controller,
      "/api/v1/notifications/ops",
      (b: ShowJson) => b.deliveries.find((d) => d.state === "delivered") && b,
      "the rollout.finished delivery",
      { everyMs: 200 },
    );
    expect(show.deliveries[0]).toMatchObject({ kind: "rollout.finished", state: "delivered", attempts: 2 });
    expect(show.target).toMatchObject({ secret: "(set)", url: expect.stringMatching(/\/\(set\)$/) });
    expect(received).toHaveLength(2);
    const last = received[1];
    expect(JSON.parse(last?.body ?? "")).toMatchObject({ kind: "rollout.finished", rolloutId: id, message: expect.stringMatching(/^rollout succeeded/) });
    expect(last?.headers["x-iisfleet-signature"]).toBe(`sha256=${createHmac("sha256", SECRET).update(last?.body ?? "").digest("hex")}`);
    expect(received[0]?.headers["idempotency-key"]).toBe(last?.headers["idempotency-key"]);

    const human = await run("notify", "show", "ops");
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/rollout\.finished\s+delivered\s+2/);
    const list = await run("notify", "list");
    expect(list.stdout).toMatch(/ops\s+generic\s+http:\/\/127\.0\.0\.1:\d+\/\(set\)\s+rollout\.finished,command\.failed\s+\(set\)\s+1\s+0\s+0/);
  });

  it("refuses bad input with a sentence: an unknown kind, an unreadable or short secret, a name in use", async () => {
    const url = "http://127.0.0.1:9/x";
    const kind = await run("notify", "add", "x", "--url", url, "--events", "rollout.done");
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/--events.*unknown: rollout\.done; the kinds are rollout\.started, rollout\.finished/);
    const missing = await run("notify", "add", "x", "--url", url, "--events", "host.offline", "--secret-file", `${dir.path}/nope.key`);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.key: ENOENT/);
    writeFileSync(`${dir.path}/short.key`, "short\n");
    const short = await run("notify", "add", "x", "--url", url, "--events", "host.offline", "--secret-file", `${dir.path}/short.key`);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/holds 5 characters; a signing secret needs 16 at least/);
    const dup = await run("--json", "notify", "add", "ops", "--url", url, "--events", "host.offline");
    expect(dup.code).toBe(1);
    expect((dup.json as { error: { code: string } }).error.code).toBe("NOTIFY_TARGET_EXISTS");
    const badUrl = await run("notify", "add", "y", "--url", "ftp://example/x", "--events", "host.offline");
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toMatch(/--url.*"ftp:\/\/example\/x" is not an http\(s\) URL/);
  });
});
