// The first live status queries after a controller meets its agents, over real processes: a nats-server with agent
// nkeys, a controller verifying agent signatures (--agent-keys) and two signing agent processes. Each agent's signed
// heartbeat statement vouches for its stable status answers by their digests; the controller builds those answers
// from the statement when it believes it, so even the first query finds every answer by its bytes — no NATS
// headers read, no digest or signature checked while the query waits.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNatsServer, type NatsServer } from "../support/nats-server.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { waitFor } from "../support/wait.js";

const dir = tempDir("iisfleet-status-warm-start-");
const keysDir = join(dir.path, "keys");
let nats: NatsServer;
let controller: Controller;
const agents: Proc[] = [];

interface Live {
  summary: { answered: number; silent: number; malformed: number };
  answered: Array<{ host: string; services?: unknown[]; row?: unknown }>;
}

async function metric(name: string, label: string): Promise<number> {
  const text = await (await controller.fetch("/metrics")).text();
  const m = new RegExp(`^${name}\\{${label}\\} (\\d+)`, "m").exec(text);
  return m ? Number(m[1]) : 0;
}
const heartbeats = async () => {
  const text = await (await controller.fetch("/metrics")).text();
  return Number(/^iisfleet_heartbeats_total (\d+)/m.exec(text)?.[1] ?? 0);
};
const believed = async () => ({
  known: await metric("iisfleet_status_answers_believed_total", 'check="known"'),
  vouched: await metric("iisfleet_status_answers_believed_total", 'check="vouched"'),
  signature: await metric("iisfleet_status_answers_believed_total", 'check="signature"'),
});
const live = async (query: string): Promise<Live> => (await (await controller.fetch(`/api/v1/status?live=1&farm=web&timeoutMs=10000${query}`)).json()) as Live;

beforeAll(async () => {
  expect((await cli(["keys", "init", "--dir", keysDir, "--agent", "web01,web02"])).code).toBe(0);
  const conf = join(dir.path, "nats.conf");
  expect((await cli(["nats-config", "--keys", keysDir, "--out", conf])).code).toBe(0);
  nats = await startNatsServer({ configFile: conf });
  const seed = (host: string) => join(keysDir, "nats", "agents", `${host}.nk`);
  // Warmed once two hosts are registered (1,000 by default: a smaller fleet's cold query is short anyway).
  controller = await startControllerProcess(nats.url, join(dir.path, "iisfleet.db"), ["--nats-nkey", join(keysDir, "nats", "controller.nk"), "--agent-keys", keysDir], {
    IISFLEET_WARM_STATUS_HOSTS: "2",
  });
  for (const host of ["web01", "web02"]) agents.push(startAgentProcess(nats.url, { host, extra: ["--nats-nkey", seed(host)] }));
  await waitFor(async () => (await (await controller.fetch("/api/v1/status?farm=web")).json() as { summary: { online: number } }).summary.online === 2, {
    what: "both agents online",
    timeoutMs: 60_000,
  });
  // A few more beats each (every 300 ms): facts that settle after an agent's first heartbeat (its first probe) are
  // in the statement the controller holds when the queries below ask.
  const after = (await heartbeats()) + 10;
  await waitFor(async () => (await heartbeats()) >= after, { what: "ten more heartbeats", timeoutMs: 30_000 });
}, 120_000);

afterAll(async () => {
  await Promise.all(agents.map((a) => a.kill()));
  await controller?.kill();
  await nats?.stop();
  dir.remove();
});

describe("the first live queries after the agents' statements are believed", () => {
  it("find every signed answer by its bytes: none waits for a digest or signature check", async () => {
    expect(await believed()).toEqual({ known: 0, vouched: 0, signature: 0 });
    const detail = await live("&detail=1");
    expect(detail.summary).toMatchObject({ answered: 2, silent: 0, malformed: 0 });
    expect(detail.answered.every((h) => Array.isArray(h.services))).toBe(true);
    const summary = await live("&detail=0");
    expect(summary.summary).toMatchObject({ answered: 2, silent: 0, malformed: 0 });
    const rows = await live("&rows=1");
    expect(rows.summary).toMatchObject({ answered: 2, silent: 0, malformed: 0 });
    expect(await believed()).toEqual({ known: 6, vouched: 0, signature: 0 });
  });

  it("ran on code the controller warmed on synthetic replies once the fleet reached its size, none of which shows anywhere", async () => {
    await waitFor(() => /live status path warmed on synthetic replies/.test(controller.stderr()), { what: "the warm-up's log line", timeoutMs: 30_000 });
    const all = (await (await controller.fetch("/api/v1/status?live=1&timeoutMs=10000&detail=0")).json()) as Live & { unknown: Array<{ host: string }> };
    expect(all.answered.map((h) => h.host)).toEqual(["web01", "web02"]);
    expect(all.unknown).toEqual([]);
    const hosts = (await (await controller.fetch("/api/v1/hosts")).json()) as { hosts: Array<{ name: string }> };
    expect(hosts.hosts.map((h) => h.name)).toEqual(["web01", "web02"]);
  });
});
