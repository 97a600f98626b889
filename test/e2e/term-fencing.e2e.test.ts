// Leadership-term fencing at the agent (issue #19 item 2): a real agent process that trusts a signing key, real
// nats-server, commands signed with that key and carrying a term. Once the agent has obeyed term 7, a command from
// term 5 — a deposed leader's — is refused with STALE_TERM and touches nothing, also after the agent restarts; term 0
// (a controller without --ha) keeps today's behaviour. What ran is counted by the agent itself (its heartbeats'
// resetsExecuted, and its result journal).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ICommand, ResultCode, decode, sealCommand, subjects, v1 } from "@iisfleet/proto";
import { type NatsConnection, connect } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandsRan } from "../support/agent-log.js";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Proc, startAgentProcess, tempDir } from "../support/processes.js";
import { type TestSigningKey, writeSigningKey } from "../support/signing-keys.js";
import { waitFor } from "../support/wait.js";

let nats: NatsServer;
let agent: Proc;
let nc: NatsConnection;
let key: TestSigningKey;
const dir = tempDir("iisfleet-term-");
const stateDir = join(dir.path, "agent-state");
/** The agent's latest heartbeat, as it sent it. */
let lastBeat: v1.Heartbeat | undefined;

function startAgent(): Proc {
  lastBeat = undefined;
  return startAgentProcess(nats.url, { host: "web01", stateDir, extra: ["--trusted-key", key.publicPath] });
}

function command(term: number, o: Partial<ICommand> = {}): Uint8Array {
  const now = Date.now();
  return sealCommand(
    {
      commandId: `term${term}-${randomBytes(4).toString("hex")}`,
      issuer: `controller:test/term${term}`,
      targetHost: "web01",
      issuedAtMs: now,
      expiresAtMs: now + 30_000,
      nonce: randomBytes(16),
      term,
      reset: { operation: v1.Operation.OPERATION_RESTART, level: v1.ResetLevel.RESET_LEVEL_IIS },
      ...o,
    },
    key.key,
  );
}

async function send(bytes: Uint8Array): Promise<v1.CommandResult> {
  return decode.result((await nc.request(subjects.command("web01"), bytes, { timeout: 20_000 })).data);
}

/** Resets the agent's engine ran since it started, from a heartbeat sent after `afterMs`. */
async function executed(afterMs = Date.now()): Promise<number> {
  return waitFor(() => (lastBeat && Number(lastBeat.sentAtMs) > afterMs ? Number(lastBeat.counters?.resetsExecuted ?? 0) : undefined), {
    what: "a fresh heartbeat from web01",
    timeoutMs: 20_000,
  });
}

const ran = () => commandsRan(stateDir);

beforeAll(async () => {
  nats = await startNatsServer();
  key = writeSigningKey(dir.path);
  nc = await connect({ servers: nats.url });
  nc.subscribe(subjects.heartbeat("web01"), {
    callback: (_err, msg) => {
      lastBeat = decode.heartbeat(msg.data);
    },
  });
  agent = startAgent();
  await waitFor(() => lastBeat, { what: "web01's first heartbeat", timeoutMs: 30_000 });
});

afterAll(async () => {
  await nc?.close();
  await agent?.kill();
  await nats?.stop();
  dir.remove();
});

describe("leadership terms at the agent", () => {
  it("after a command from term 7, one from term 5 is refused with STALE_TERM and nothing is reset, also after an agent restart", async () => {
    const first = await send(command(7));
    expect(first).toMatchObject({ outcome: v1.Outcome.OUTCOME_SUCCEEDED, code: ResultCode.OK });
    expect(await executed()).toBe(1);

    const staleReset = command(5);
    const stale = await send(staleReset);
    expect(stale).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.STALE_TERM });
    expect(stale.message).toMatch(/term 5.*obeyed term 7.*deposed/);
    // A deposed leader learns nothing either: its outcome query is refused the same way.
    const query = await send(command(5, { commandId: `q-${randomBytes(4).toString("hex")}`, reset: null, outcome: { commandId: first.commandId } }));
    expect(query).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.STALE_TERM });
    expect(await executed()).toBe(1);

    // The term survives a restart (it is kept in the state dir before the command that raised it ran).
    await agent.kill();
    agent = startAgent();
    await waitFor(() => lastBeat, { what: "web01 to come back", timeoutMs: 30_000 });
    expect(await send(command(5))).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.STALE_TERM });
    expect(await executed()).toBe(0);
    // Only the term-7 reset is in the agent's own record of results.
    expect(ran()).toEqual([first.commandId]);
    expect(JSON.parse(readFileSync(join(stateDir, "leader-term.json"), "utf8"))).toMatchObject({ term: 7 });
  });

  it("the same term and a newer one run; term 0 (a controller without --ha) is not checked", async () => {
    expect(await send(command(7))).toMatchObject({ code: ResultCode.OK });
    expect(await send(command(9))).toMatchObject({ code: ResultCode.OK });
    expect(await send(command(8))).toMatchObject({ code: ResultCode.STALE_TERM });
    expect(await send(command(0))).toMatchObject({ code: ResultCode.OK });
    expect(await executed()).toBe(3);
    expect(JSON.parse(readFileSync(join(stateDir, "leader-term.json"), "utf8"))).toMatchObject({ term: 9 });
  });

  it("the term is signed: a term-5 command re-labelled term 9 after signing fails the signature check", async () => {
    const env = decode.envelope(command(5));
    const body = decode.command(env.command);
    body.term = 9;
    const forged = v1.CommandEnvelope.encode({ command: v1.Command.encode(body).finish(), signature: env.signature }).finish();
    expect(await send(forged)).toMatchObject({ code: ResultCode.BAD_SIGNATURE });
  });
});
