// Conditional live status questions (StatusRequest.conditional), over real processes: a nats-server with agent
// nkeys, a controller verifying agent signatures (--agent-keys) and two signing agent processes. An agent whose answer
// is the one its last heartbeat statement vouched for sends a small unchanged answer; the controller uses the answer
// it built and believed from that statement, and when it holds none (here: a controller started after the agents'
// last heartbeat) it asks that host again in full, within the same query. The agents beat every 60 s, so between
// their first heartbeat and the next nothing new reaches a restarted controller.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decode, encode, inboxPrefixes, subjects, unchangedAnswerOf, v1 } from "@iisfleet/proto";
import { type NatsConnection, connect, nkeyAuthenticator } from "@nats-io/transport-node";
import protobuf from "protobufjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNatsServer, type NatsServer } from "../support/nats-server.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { waitFor } from "../support/wait.js";

const dir = tempDir("iisfleet-status-conditional-");
const keysDir = join(dir.path, "keys");
const dbPath = join(dir.path, "iisfleet.db");
let nats: NatsServer;
let controller: Controller;
const agents: Proc[] = [];
let nc: NatsConnection | undefined;

interface Live {
  summary: { answered: number; silent: number; unknown: number; malformed: number };
  answered: Array<{ host: string; uptimeMs: number; services?: unknown[] }>;
  unknown: Array<{ host: string; uptimeMs: number; services?: unknown[] }>;
}

async function unchanged(): Promise<{ held: number; reasked: number }> {
  const text = await (await controller.fetch("/metrics")).text();
  const of = (outcome: string) => Number(new RegExp(`^iisfleet_status_unchanged_answers_total\\{outcome="${outcome}"\\} (\\d+)`, "m").exec(text)?.[1] ?? 0);
  return { held: of("held"), reasked: of("reasked") };
}
const live = async (query: string): Promise<Live> => (await (await controller.fetch(`/api/v1/status?live=1&farm=web&timeoutMs=10000${query}`)).json()) as Live;
const startController = () =>
  startControllerProcess(nats.url, dbPath, ["--nats-nkey", join(keysDir, "nats", "controller.nk"), "--agent-keys", keysDir]);

beforeAll(async () => {
  expect((await cli(["keys", "init", "--dir", keysDir, "--agent", "web01,web02"])).code).toBe(0);
  const conf = join(dir.path, "nats.conf");
  expect((await cli(["nats-config", "--keys", keysDir, "--out", conf])).code).toBe(0);
  nats = await startNatsServer({ configFile: conf });
  controller = await startController();
  const seed = (host: string) => join(keysDir, "nats", "agents", `${host}.nk`);
  for (const host of ["web01", "web02"]) agents.push(startAgentProcess(nats.url, { host, extra: ["--nats-nkey", seed(host), "--heartbeat", "60s"] }));
  await waitFor(async () => (await (await controller.fetch("/api/v1/status?farm=web")).json() as { summary: { online: number } }).summary.online === 2, {
    what: "both agents online",
    timeoutMs: 60_000,
  });
}, 120_000);

afterAll(async () => {
  await nc?.close();
  await Promise.all(agents.map((a) => a.kill()));
  await controller?.kill();
  await nats?.stop();
  dir.remove();
});

describe("conditional live status questions", () => {
  it("are answered unchanged by agents whose answers their statements vouched for, and the controller shows the full answers", async () => {
    expect(await unchanged()).toEqual({ held: 0, reasked: 0 });
    const detail = await live("&detail=1");
    expect(detail.summary).toMatchObject({ answered: 2, silent: 0, malformed: 0 });
    expect(detail.answered.every((h) => Array.isArray(h.services) && h.services.length > 0 && h.uptimeMs > 0)).toBe(true);
    expect(await unchanged()).toEqual({ held: 2, reasked: 0 });
    const summary = await live("&detail=0");
    expect(summary.summary).toMatchObject({ answered: 2, silent: 0, malformed: 0 });
    expect(await unchanged()).toEqual({ held: 4, reasked: 0 });
  });

  it("from a controller that holds no statement (started after the last heartbeat), ask each host again in full within the query", async () => {
    await controller.kill();
    controller = await startController();
    const detail = await live("&detail=1");
    const hosts = [...detail.answered, ...detail.unknown];
    expect(detail.summary).toMatchObject({ silent: 0, malformed: 0 });
    expect(hosts.map((h) => h.host).sort()).toEqual(["web01", "web02"]);
    expect(hosts.every((h) => Array.isArray(h.services) && h.services.length > 0 && h.uptimeMs > 0)).toBe(true);
    expect(await unchanged()).toEqual({ held: 0, reasked: 2 });
  });

  it("are answered in full by an agent asked without the flag (an older controller); an older agent reads the question as one without it", async () => {
    const seed = new TextEncoder().encode(readFileSync(join(keysDir, "nats", "controller.nk"), "utf8").trim());
    nc = await connect({ servers: nats.url, reconnect: false, authenticator: nkeyAuthenticator(seed), inboxPrefix: inboxPrefixes.controller });
    const plain = { requestId: "", stable: true, brief: false };
    const ask = async (req: v1.IStatusRequest) => (await nc!.request(subjects.status("web01"), encode.statusRequest(req), { timeout: 10_000 })).data;

    const withFlag = await ask({ ...plain, conditional: true });
    expect(unchangedAnswerOf(withFlag)).toMatchObject({ host: "web01" });
    expect(withFlag.length).toBeLessThan(120);
    const full = await ask(plain);
    expect(unchangedAnswerOf(full)).toBeUndefined();
    expect(decode.statusReport(full).facts?.services?.length).toBeGreaterThan(0);
    expect(full.length).toBeGreaterThan(withFlag.length * 3);

    // The StatusRequest an agent before this flag decodes (fields 1-6): the flag is an unknown field it skips.
    const old = protobuf.parse(
      "syntax = \"proto3\"; message StatusRequest { string request_id = 1; string farm = 2; map<string, string> tags = 3; repeated string hosts = 4; bool brief = 5; bool stable = 6; }",
    ).root.lookupType("StatusRequest");
    const oldView = (bytes: Uint8Array) => old.toObject(old.decode(bytes), { defaults: true });
    expect(oldView(encode.statusRequest({ ...plain, conditional: true }))).toEqual(oldView(encode.statusRequest(plain)));
  });
});
