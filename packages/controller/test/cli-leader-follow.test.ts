// The CLI and a standby pair (controller --ha): a write a standby refuses with NOT_LEADER goes once more to the leader
// it names, with the same token; reads are not redirected; never twice, never from https to http. Real HTTP servers
// in this process stand for the two controllers (the e2e through real controllers is test/e2e/standby.e2e.test.ts).
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ApiClient, leaderToFollow } from "../src/cli/client.js";
import { IisfleetError } from "../src/errors.js";

const servers: Server[] = [];
const seen: Array<{ server: string; method: string; url: string; auth: string | undefined }> = [];

/** A controller that answers every request with `answer(method)`. */
async function controller(name: string, answer: (method: string) => { status: number; body: unknown }): Promise<string> {
  const server = createServer((req, res) => {
    seen.push({ server: name, method: req.method ?? "", url: req.url ?? "", auth: req.headers.authorization });
    const a = answer(req.method ?? "");
    res.writeHead(a.status, { "content-type": "application/json" }).end(JSON.stringify(a.body));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const notLeader = (leaderUrl: string) => ({ status: 503, body: { error: { code: "NOT_LEADER", message: "This controller is a standby…", details: { leader: "a", leaderUrl } } } });

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  seen.splice(0);
});

describe("the CLI and NOT_LEADER", () => {
  it("a write refused by the standby goes to the leader once, with the same token; later calls go there too", async () => {
    const leader = await controller("leader", () => ({ status: 200, body: { ok: true } }));
    const standby = await controller("standby", (m) => (m === "GET" ? { status: 200, body: { read: "standby" } } : notLeader(leader)));
    const told: string[] = [];
    const api = new ApiClient(standby, { token: "iisf_x", source: "--token" }, false, (from, to) => told.push(`${from} -> ${to}`));
    expect(await api.get("/api/v1/hosts")).toEqual({ read: "standby" });
    expect(await api.post("/api/v1/hosts/web01/reset", {})).toEqual({ ok: true });
    expect(told).toEqual([`${standby} -> ${leader}/`]);
    expect(api.baseUrl).toBe(`${leader}/`);
    await api.get("/api/v1/commands");
    expect(seen.map((s) => [s.server, s.method, s.url, s.auth])).toEqual([
      ["standby", "GET", "/api/v1/hosts", "Bearer iisf_x"],
      ["standby", "POST", "/api/v1/hosts/web01/reset", "Bearer iisf_x"],
      ["leader", "POST", "/api/v1/hosts/web01/reset", "Bearer iisf_x"],
      ["leader", "GET", "/api/v1/commands", "Bearer iisf_x"],
    ]);
  });

  it("once only: a 'leader' that itself answers NOT_LEADER is the error the operator sees", async () => {
    const b = await controller("b", () => notLeader("http://127.0.0.1:9/"));
    const a = await controller("a", () => notLeader(b));
    const api = new ApiClient(a);
    await expect(api.post("/api/v1/rollouts", {})).rejects.toMatchObject({ code: "NOT_LEADER", httpStatus: 503 });
    expect(seen.map((s) => s.server)).toEqual(["a", "b"]);
  });

  it("follows only http(s) URLs, and never from https to http", () => {
    const err = (leaderUrl: unknown) => new IisfleetError("NOT_LEADER", "standby", 503, { leaderUrl });
    expect(leaderToFollow("http://ctl-b:8740", err("http://ctl-a:8740"))).toBe("http://ctl-a:8740/");
    expect(leaderToFollow("https://ctl-b:8740", err("https://ctl-a:8740"))).toBe("https://ctl-a:8740/");
    expect(leaderToFollow("http://ctl-b:8740", err("https://ctl-a:8740"))).toBe("https://ctl-a:8740/");
    expect(leaderToFollow("https://ctl-b:8740", err("http://ctl-a:8740"))).toBeUndefined();
    expect(leaderToFollow("http://ctl-b:8740", err("file:///etc/passwd"))).toBeUndefined();
    expect(leaderToFollow("http://ctl-b:8740", err("not a url"))).toBeUndefined();
    expect(leaderToFollow("http://ctl-b:8740", err(undefined))).toBeUndefined();
    expect(leaderToFollow("http://ctl-b:8740", new IisfleetError("CONFLICT", "x", 409, { leaderUrl: "http://ctl-a:8740" }))).toBeUndefined();
  });
});
