// Signed commands end to end: a controller with a signing key, an agent that trusts only that key, and an attacker
// with a plain NATS connection. Every refusal must leave the host untouched (the agent's own resetsExecuted counter,
// from its heartbeats) and reach the controller's history. Real nats-server, real processes, real SQLite.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ICommand, ResultCode, decode, sealCommand, subjects, v1 } from "@iisfleet/proto";
import { type NatsConnection, connect } from "@nats-io/transport-node";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { type TestSigningKey, writeSigningKey } from "../support/signing-keys.js";
import { apiJson } from "../support/events.js";
import { waitFor } from "../support/wait.js";

let nats: NatsServer;
let controller: Controller;
let agent: Proc;
let attacker: NatsConnection;
let trusted: TestSigningKey;
let stranger: TestSigningKey;
const dir = tempDir("iisfleet-signed-");
const stateDir = join(dir.path, "agent-state");

function startAgent(): Proc {
  return startAgentProcess(nats.url, {
    host: "web01",
    stateDir,
    extra: ["--trusted-key", trusted.publicPath, "--policy", join(dir.path, "policy.json")],
  });
}

/** web01 as `hosts --json` shows it, read in-process (waits poll it; a CLI process per poll is slow under load). */
async function host(): Promise<{ liveness: string; counters: Record<string, number> } | undefined> {
  const r = await apiJson<{ hosts: Array<{ name: string; liveness: string; counters: Record<string, number> }> }>(controller, "/api/v1/hosts");
  return r.hosts.find((h) => h.name === "web01");
}

/** The count the agent process itself reports: resets its engine really ran. */
async function executed(): Promise<number> {
  return (await host())?.counters.resetsExecuted ?? -1;
}

function command(o: Partial<ICommand> = {}): ICommand {
  const now = Date.now();
  return {
    commandId: `attack-${randomBytes(4).toString("hex")}`,
    issuer: "attacker",
    targetHost: "web01",
    issuedAtMs: now,
    expiresAtMs: now + 30_000,
    nonce: randomBytes(16),
    reset: { operation: v1.Operation.OPERATION_RESTART, level: v1.ResetLevel.RESET_LEVEL_IIS, force: false },
    ...o,
  };
}

async function send(bytes: Uint8Array, to = "web01"): Promise<v1.CommandResult> {
  const reply = await attacker.request(subjects.command(to), bytes, { timeout: 10_000 });
  return decode.result(reply.data);
}

beforeAll(async () => {
  nats = await startNatsServer();
  trusted = writeSigningKey(dir.path);
  stranger = writeSigningKey(dir.path, "stranger");
  writeFileSync(join(dir.path, "policy.json"), JSON.stringify({ allowForce: false }));
  controller = await startControllerProcess(nats.url, join(dir.path, "iisfleet.db"), ["--signing-key", trusted.privatePath]);
  agent = startAgent();
  attacker = await connect({ servers: nats.url });
  await waitFor(async () => (await host())?.liveness === "online", { what: "web01 to register", timeoutMs: 20_000 });
});

afterAll(async () => {
  await attacker?.close();
  await agent?.kill();
  await controller?.kill();
  await nats?.stop();
  dir.remove();
});

describe("the controller's key and proxy flags", () => {
  it("an unreadable or wrong --signing-key, or a --trust-proxy that is no address, is a usage error (exit 2) naming it", async () => {
    const missing = await cli(["controller", "--nats", nats.url, "--db", join(dir.path, "x.db"), "--signing-key", join(dir.path, "missing.key")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read the command-signing key .*missing\.key/);
    const publicInstead = await cli(["controller", "--nats", nats.url, "--db", join(dir.path, "x.db"), "--signing-key", trusted.publicPath]);
    expect(publicInstead.code).toBe(2);
    expect(publicInstead.stderr).toMatch(/is not a PEM private key/);
    const proxy = await cli(["controller", "--nats", nats.url, "--db", join(dir.path, "x.db"), "--trust-proxy", "proxy.local"]);
    expect(proxy.code).toBe(2);
    expect(proxy.stderr).toMatch(/--trust-proxy: "proxy\.local" is not an IP address/);
  });
});

describe("signed commands", () => {
  it("the controller's signed reset runs", async () => {
    const r = await cli(["--controller", controller.url, "reset", "web01", "--json"]);
    expect(r.code).toBe(0);
    expect((r.json as { command: { state: string; code: string } }).command).toMatchObject({ state: "succeeded", code: "OK" });
    await waitFor(async () => (await executed()) === 1, { what: "the agent to count one reset" });
  });

  it("beyond the host's local policy (--force where the administrator forbids it): refused, recorded by the controller", async () => {
    const r = await cli(["--controller", controller.url, "reset", "web01", "--force", "--json"]);
    expect(r.code).toBe(1);
    const cmd = (r.json as { command: { id: string; state: string; code: string; message: string } }).command;
    expect(cmd).toMatchObject({ state: "rejected", code: ResultCode.POLICY });
    expect(cmd.message).toMatch(/does not allow --force/);
    const db = new Database(join(dir.path, "iisfleet.db"), { readonly: true });
    try {
      const row = db.prepare("SELECT state, code FROM commands WHERE id = ?").get(cmd.id);
      expect(row).toEqual({ state: "rejected", code: "POLICY" });
    } finally {
      db.close();
    }
  });

  it.each([
    ["unsigned", () => sealCommand(command(), undefined), ResultCode.UNSIGNED],
    ["signed by a key the agent does not trust", () => sealCommand(command(), stranger.key), ResultCode.UNTRUSTED_KEY],
    ["forged: a stranger's signature under the trusted key id", () => sealCommand(command(), { keyId: trusted.key.keyId, privateKey: stranger.key.privateKey }), ResultCode.BAD_SIGNATURE],
    ["expired", () => sealCommand(command({ issuedAtMs: Date.now() - 300_000, expiresAtMs: Date.now() - 120_000 }), trusted.key), ResultCode.EXPIRED],
    ["aimed at another host", () => sealCommand(command({ targetHost: "web02" }), trusted.key), ResultCode.WRONG_HOST],
    ["oversized (300 KB)", () => Buffer.concat([sealCommand(command(), trusted.key), randomBytes(300 * 1024)]), ResultCode.MALFORMED],
  ])("%s: refused with its reason, nothing executed", async (_what, build, code) => {
    const before = await executed();
    const result = await send(build());
    expect(result).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code });
    expect(result.message).toBeTruthy();
    await new Promise((r) => setTimeout(r, 700)); // two heartbeats
    expect(await executed()).toBe(before);
  });

  it("the controller's history records what the agent refused at its gate", async () => {
    await waitFor(
      () => {
        const db = new Database(join(dir.path, "iisfleet.db"), { readonly: true });
        try {
          const rows = db.prepare("SELECT message FROM events WHERE kind = 'command.refused' AND host = 'web01'").all() as Array<{ message: string }>;
          const codes = new Set(rows.map((r) => r.message.split(":")[0]));
          return ["UNSIGNED", "UNTRUSTED_KEY", "BAD_SIGNATURE", "EXPIRED", "WRONG_HOST"].every((c) => codes.has(c)) ? rows : undefined;
        } finally {
          db.close();
        }
      },
      { what: "refusals in the events table" },
    );
    const history = await cli(["--controller", controller.url, "history", "--json"]);
    const refusals = (history.json as { refusals: Array<{ host: string; message: string }> }).refusals;
    expect(refusals.map((r) => r.message.split(":")[0])).toEqual(expect.arrayContaining(["UNSIGNED", "BAD_SIGNATURE", "WRONG_HOST"]));
    const text = await cli(["--controller", controller.url, "history"]);
    expect(text.stdout).toContain("Refused at the agents, nothing ran");
    expect(text.stdout).toMatch(/web01\s+UNTRUSTED_KEY\s+The command is signed with key/);
  });

  it("a replayed signed command never runs twice, also after the agent restarts", async () => {
    const bytes = sealCommand(command({ commandId: "replay-me" }), trusted.key);
    const first = await send(bytes);
    expect(first).toMatchObject({ outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: "OK" });
    const before = await waitFor(async () => {
      const n = await executed();
      return n >= 2 ? n : undefined;
    }, { what: "the agent to count the reset" });

    const again = await send(bytes);
    expect(again.replayed).toBe(true);
    // Same id, fresh nonce and signature: still the same command id, still not run.
    const sameId = await send(sealCommand(command({ commandId: "replay-me" }), trusted.key));
    expect(sameId.replayed).toBe(true);
    // Another id reusing the nonce: refused.
    const reNonce = await send(sealCommand(command({ nonce: v1.Command.decode(v1.CommandEnvelope.decode(bytes).command).nonce }), trusted.key));
    expect(reNonce.code).toBe(ResultCode.REPLAYED);
    await new Promise((r) => setTimeout(r, 700));
    expect(await executed()).toBe(before);

    await agent.kill();
    agent = startAgent();
    await waitFor(async () => ((await executed()) === 0 ? true : undefined), { what: "the restarted agent's first heartbeat" });
    const afterRestart = await send(bytes);
    expect(afterRestart.outcome).not.toBe(v1.Outcome.OUTCOME_IN_PROGRESS);
    expect(afterRestart.replayed === true || afterRestart.code === ResultCode.REPLAYED).toBe(true);
    await new Promise((r) => setTimeout(r, 700));
    expect(await executed()).toBe(0);
  });
});
