// The agent's gate for commands: signatures over the exact command bytes, trusted keys, freshness, replays
// (also across a restart), the local policy's hours, and what a full disk does to all of that.
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type CommandSigningKey,
  MalformedPayloadError,
  ResultCode,
  SigningKeyError,
  type TrustedKey,
  keyIdOf,
  loadSigningKey,
  loadTrustedKey,
  sealCommand,
  v1,
} from "@iisfleet/proto";
import { afterEach, describe, expect, it } from "vitest";
import { CommandExecutor } from "../src/commands/executor.js";
import type { Clock } from "../src/host/port.js";
import { SimulatedHost } from "../src/host/simulated/index.js";
import { ResetEngine } from "../src/reset/engine.js";
import { CLOCK_SKEW_MS, CommandVerifier, MAX_COMMAND_LIFETIME_MS } from "../src/security/command-verifier.js";
import { RefusalReporter } from "../src/security/refusal-reporter.js";
import { verifyModeFrom } from "../src/security/verify-mode.js";
import { UsageError } from "../src/options.js";
import { type AgentPolicy, DEFAULT_POLICY, PolicyError, insideLocalHours, parsePolicy, policyRefusal } from "../src/state/policy.js";
import { REPLAY_GRACE_MS, ReplayMemory } from "../src/state/replay-memory.js";

const dirs: string[] = [];
const hosts: SimulatedHost[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const h of hosts.splice(0)) h.dispose();
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "iisfleet-sec-"));
  dirs.push(d);
  return d;
}

function keyPair(): { signing: CommandSigningKey; trusted: TrustedKey; dir: string } {
  const dir = tmp();
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  writeFileSync(join(dir, "command-signing.key"), privateKey.export({ type: "pkcs8", format: "pem" }));
  writeFileSync(join(dir, "command-signing.pub"), publicKey.export({ type: "spki", format: "pem" }));
  return { signing: loadSigningKey(join(dir, "command-signing.key")), trusted: loadTrustedKey(join(dir, "command-signing.pub")), dir };
}

let now = Date.parse("2026-11-26T12:00:00Z");
const clock: Clock = { now: () => now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

function cmd(o: Partial<v1.ICommand> = {}): v1.ICommand {
  return {
    commandId: "c1",
    issuer: "controller:test",
    targetHost: "web01",
    issuedAtMs: now,
    expiresAtMs: now + 30_000,
    nonce: Buffer.from("00112233445566778899aabbccddeeff", "hex"),
    reset: { operation: v1.Operation.OPERATION_RESTART, level: v1.ResetLevel.RESET_LEVEL_IIS },
    ...o,
  };
}

describe("signing keys", () => {
  it("a key id is stable for a key and differs between keys", () => {
    const a = keyPair();
    const b = keyPair();
    expect(a.signing.keyId).toBe(a.trusted.keyId);
    expect(a.signing.keyId).toMatch(/^ed25519:[0-9a-f]{16}$/);
    expect(a.signing.keyId).not.toBe(b.signing.keyId);
    expect(keyIdOf(a.trusted.publicKey)).toBe(a.trusted.keyId);
  });

  it("refuses a missing file, a non-PEM file, an RSA key and a private key given as the trusted key, each with the path", () => {
    const dir = tmp();
    expect(() => loadTrustedKey(join(dir, "nope.pub"))).toThrow(/Cannot read the trusted key .*nope\.pub/);
    writeFileSync(join(dir, "junk.pub"), "not a key");
    expect(() => loadTrustedKey(join(dir, "junk.pub"))).toThrow(SigningKeyError);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 });
    writeFileSync(join(dir, "rsa.pub"), rsa.publicKey.export({ type: "spki", format: "pem" }));
    expect(() => loadTrustedKey(join(dir, "rsa.pub"))).toThrow(/rsa key; iisfleet commands are signed with ed25519/);
    writeFileSync(join(dir, "rsa.key"), rsa.privateKey.export({ type: "pkcs8", format: "pem" }));
    expect(() => loadSigningKey(join(dir, "rsa.key"))).toThrow(/rsa key/);
    const { dir: kd } = keyPair();
    expect(() => loadTrustedKey(join(kd, "command-signing.key"))).toThrow(/holds a private key/);
  });

  it("the agent's key options: keys make signatures mandatory; a real host without one refuses to start", () => {
    const { dir } = keyPair();
    expect(verifyModeFrom({ trustedKeys: [join(dir, "command-signing.pub")], allowUnsigned: false, simulate: false }).kind).toBe("signed");
    expect(verifyModeFrom({ trustedKeys: [], allowUnsigned: false, simulate: true }).kind).toBe("unsigned-allowed");
    expect(verifyModeFrom({ trustedKeys: [], allowUnsigned: true, simulate: false }).kind).toBe("unsigned-allowed");
    expect(() => verifyModeFrom({ trustedKeys: [], allowUnsigned: false, simulate: false })).toThrow(/--trusted-key FILE/);
    expect(() => verifyModeFrom({ trustedKeys: [join(dir, "command-signing.pub")], allowUnsigned: true, simulate: false })).toThrow(UsageError);
    expect(() => verifyModeFrom({ trustedKeys: [join(dir, "missing.pub")], allowUnsigned: false, simulate: false })).toThrow(/--trusted-key: Cannot read/);
  });
});

describe("CommandVerifier", () => {
  const k = keyPair();
  const verifier = new CommandVerifier({ kind: "signed", keys: [k.trusted] }, "web01", clock);

  it("accepts a command signed by a trusted key", () => {
    const v = verifier.verify(sealCommand(cmd(), k.signing));
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.keyId).toBe(k.signing.keyId);
  });

  it("refuses an unsigned command", () => {
    expect(verifier.verify(sealCommand(cmd(), undefined))).toMatchObject({ ok: false, code: ResultCode.UNSIGNED });
  });

  it("refuses a key it does not trust, naming the keys it does", () => {
    const other = keyPair();
    const v = verifier.verify(sealCommand(cmd(), other.signing));
    expect(v).toMatchObject({ ok: false, code: ResultCode.UNTRUSTED_KEY });
    if (!v.ok) expect(v.message).toContain(k.trusted.keyId);
  });

  it("refuses a forged signature: another key's signature under the trusted key's id", () => {
    const other = keyPair();
    const forged = sealCommand(cmd(), { keyId: k.signing.keyId, privateKey: other.signing.privateKey });
    expect(verifier.verify(forged)).toMatchObject({ ok: false, code: ResultCode.BAD_SIGNATURE });
  });

  it("refuses a signed command whose bytes were altered after signing (force flipped on)", () => {
    const sealed = v1.CommandEnvelope.decode(sealCommand(cmd(), k.signing));
    const altered = v1.Command.encode({ ...v1.Command.decode(sealed.command), reset: { force: true } }).finish();
    const bytes = v1.CommandEnvelope.encode({ command: altered, signature: sealed.signature }).finish();
    expect(verifier.verify(bytes)).toMatchObject({ ok: false, code: ResultCode.BAD_SIGNATURE });
  });

  it("refuses a signature of the wrong length without throwing", () => {
    const bytes = v1.CommandEnvelope.encode({ command: v1.Command.encode(cmd()).finish(), signature: { keyId: k.signing.keyId, value: Buffer.alloc(10) } }).finish();
    expect(verifier.verify(bytes)).toMatchObject({ ok: false, code: ResultCode.BAD_SIGNATURE });
  });

  it("refuses an authentic command aimed at another host", () => {
    expect(verifier.verify(sealCommand(cmd({ targetHost: "web02" }), k.signing))).toMatchObject({ ok: false, code: ResultCode.WRONG_HOST });
  });

  it("refuses expired, not-yet-issued, never-expiring and too-long-lived commands", () => {
    const expired = cmd({ issuedAtMs: now - 200_000, expiresAtMs: now - CLOCK_SKEW_MS - 1 });
    expect(verifier.verify(sealCommand(expired, k.signing))).toMatchObject({ ok: false, code: ResultCode.EXPIRED });
    const future = cmd({ issuedAtMs: now + CLOCK_SKEW_MS + 1_000, expiresAtMs: now + CLOCK_SKEW_MS + 30_000 });
    expect(verifier.verify(sealCommand(future, k.signing))).toMatchObject({ ok: false, code: ResultCode.EXPIRED });
    expect(verifier.verify(sealCommand(cmd({ expiresAtMs: 0 }), k.signing))).toMatchObject({ ok: false, code: ResultCode.EXPIRED });
    const long = cmd({ expiresAtMs: now + MAX_COMMAND_LIFETIME_MS + 1 });
    expect(verifier.verify(sealCommand(long, k.signing))).toMatchObject({ ok: false, code: ResultCode.EXPIRED });
  });

  it("throws MalformedPayloadError for bytes that are no envelope, before any signature work", () => {
    expect(() => verifier.verify(Buffer.from([0x0a, 0xff, 0xff]))).toThrow(MalformedPayloadError);
  });

  it("unsigned mode accepts anything well formed (development only)", () => {
    const open = new CommandVerifier({ kind: "unsigned-allowed" }, "web01", clock);
    expect(open.verify(sealCommand(cmd(), undefined)).ok).toBe(true);
    expect(open.requiresSignatures).toBe(false);
  });
});

describe("ReplayMemory", () => {
  const nonce = (n: number) => Buffer.from([n, n, n, n]);

  it("remembers ids and nonces across a restart, and forgets what can no longer pass the expiry check", () => {
    const dir = tmp();
    const m = new ReplayMemory(dir);
    m.remember("a", nonce(1), now + 30_000, now);
    m.remember("b", nonce(2), now - REPLAY_GRACE_MS - 1, now - REPLAY_GRACE_MS - 31_000);
    const again = new ReplayMemory(dir);
    expect(again.load()).toEqual({ entries: 1, damaged: 0 });
    expect(again.check("a", nonce(9))).toBe("seen-id");
    expect(again.check("z", nonce(1))).toBe("reused-nonce");
    expect(again.check("b", nonce(2))).toBe("new");
  });

  it("skips a torn last line and counts it", () => {
    const dir = tmp();
    new ReplayMemory(dir).remember("a", nonce(1), now + 30_000, now);
    writeFileSync(join(dir, "seen-commands.jsonl"), `${readFileSync(join(dir, "seen-commands.jsonl"), "utf8")}{"id":"b","no`);
    const m = new ReplayMemory(dir);
    expect(m.load()).toEqual({ entries: 1, damaged: 1 });
  });

  it("rewrites its file once it holds mostly dead entries", () => {
    const dir = tmp();
    const m = new ReplayMemory(dir);
    const start = now;
    for (let i = 0; i < 2200; i++) {
      now = start + i * 1000;
      m.remember(`id${i}`, nonce(i % 250), now + 1_000, now);
    }
    now = start;
    const lines = readFileSync(join(dir, "seen-commands.jsonl"), "utf8").trim().split("\n").length;
    expect(lines).toBeLessThan(1000);
  });

  it("throws when the disk refuses the entry (a full disk: /dev/full)", () => {
    const dir = tmp();
    symlinkSync("/dev/full", join(dir, "seen-commands.jsonl"));
    const m = new ReplayMemory(dir);
    expect(() => m.remember("a", nonce(1), now + 30_000, now)).toThrow(/ENOSPC/);
  });
});

describe("CommandExecutor with a replay memory", () => {
  function executor(dir: string) {
    const host = new SimulatedHost({ stopMs: 5, startMs: 5 });
    hosts.push(host);
    const real: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
    const replay = new ReplayMemory(dir);
    replay.load();
    const ex = new CommandExecutor({ host: "web01", engine: new ResetEngine(host, { pollMs: 5 }), clock: real, events: { progress: () => undefined }, replay });
    return { ex, host };
  }
  const fresh = (o: Partial<v1.ICommand> = {}) => v1.Command.create({ ...cmd(), issuedAtMs: Date.now(), expiresAtMs: Date.now() + 30_000, ...o });

  it("a replay after an agent restart (no stored result) is refused and nothing runs", async () => {
    const dir = tmp();
    const first = executor(dir);
    await first.ex.execute(fresh());
    expect(first.ex.executedCount).toBe(1);
    // A new process: the result journal is gone (not given), the replay memory is on disk.
    const second = executor(dir);
    const r = await second.ex.execute(fresh());
    expect(r).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.REPLAYED });
    expect(second.ex.executedCount).toBe(0);
    expect(second.host.stateLog.length).toBe(0);
  });

  it("a new id reusing a nonce is refused", async () => {
    const { ex } = executor(tmp());
    await ex.execute(fresh({ commandId: "one" }));
    const r = await ex.execute(fresh({ commandId: "two" }));
    expect(r.code).toBe(ResultCode.REPLAYED);
    expect(ex.executedCount).toBe(1);
  });

  it("asked about a command it accepted but never finished (it restarted), it says INTERRUPTED, not unknown", async () => {
    const dir = tmp();
    new ReplayMemory(dir).remember("lost", Buffer.from([7]), Date.now() + 30_000, Date.now());
    const { ex } = executor(dir);
    const r = await ex.execute(fresh({ commandId: "q1", nonce: Buffer.from([8]), reset: null, outcome: { commandId: "lost" } }));
    expect(r).toMatchObject({ outcome: v1.Outcome.OUTCOME_FAILED, code: ResultCode.INTERRUPTED });
  });

  it("a refusal after the gate is final for its id: a repeat and an outcome query get the same answer", async () => {
    const host = new SimulatedHost({ stopMs: 5, startMs: 5 });
    hosts.push(host);
    const real: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
    const ex = new CommandExecutor({ host: "web01", engine: new ResetEngine(host), clock: real, events: { progress: () => undefined }, policy: { ...DEFAULT_POLICY, allowForce: false } });
    const first = await ex.execute(fresh({ commandId: "f1", reset: { force: true } }));
    expect(first.code).toBe(ResultCode.POLICY);
    expect((await ex.execute(fresh({ commandId: "f1", reset: { force: true } }))).code).toBe(ResultCode.POLICY);
    const q = await ex.execute(fresh({ commandId: "q2", nonce: Buffer.from([3]), reset: null, outcome: { commandId: "f1" } }));
    expect(q.code).toBe(ResultCode.POLICY);
    expect(ex.executedCount).toBe(0);
  });

  it("a full disk for the replay memory refuses the command rather than run one a restart would not remember", async () => {
    const dir = tmp();
    const { ex, host } = executor(dir);
    // After the load: /dev/full reads as endless zeros, and it is the write that must fail here.
    symlinkSync("/dev/full", join(dir, "seen-commands.jsonl"));
    const r = await ex.execute(fresh());
    expect(r).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.HOST_ERROR });
    expect(r.message).toMatch(/cannot record the command id .*ENOSPC.*nothing was done/);
    expect(ex.executedCount).toBe(0);
    expect(host.stateLog.length).toBe(0);
  });
});

describe("local policy hours", () => {
  const policy = (localHours: unknown): AgentPolicy => parsePolicy(JSON.stringify({ localHours }), "policy.json");
  const at = (iso: string) => Date.parse(iso);
  const reset = (atMs: number) => ({ operation: "restart" as const, level: "iis" as const, force: false, rebootOnError: false, atMs });

  it("a daytime window in a given zone", () => {
    const p = policy({ from: "09:00", to: "17:00", timeZone: "Europe/Berlin" });
    expect(policyRefusal(p, reset(at("2026-11-26T08:30:00Z")))).toBeUndefined(); // 09:30 in Berlin
    expect(policyRefusal(p, reset(at("2026-11-26T16:30:00Z")))).toMatch(/only 09:00–17:00 \(Europe\/Berlin\); it is thu 17:30 there now/);
  });

  it("an overnight window belongs to the day it opens on", () => {
    const p = policy({ from: "22:00", to: "05:00", days: ["sat"], timeZone: "UTC" });
    const hours = p.localHours;
    if (!hours) throw new Error("no hours parsed");
    expect(insideLocalHours(hours, at("2026-11-28T23:00:00Z"))).toBe(true); // Saturday night
    expect(insideLocalHours(hours, at("2026-11-29T04:59:00Z"))).toBe(true); // Sunday early, opened Saturday
    expect(insideLocalHours(hours, at("2026-11-29T05:00:00Z"))).toBe(false);
    expect(insideLocalHours(hours, at("2026-11-29T23:00:00Z"))).toBe(false); // Sunday night: not a Saturday
    expect(insideLocalHours(hours, at("2026-11-28T03:00:00Z"))).toBe(false); // Saturday early: opened Friday
  });

  it("DST: 02:30 local in Berlin's spring-forward night does not exist, and the window still works around it", () => {
    const p = policy({ from: "01:00", to: "04:00", timeZone: "Europe/Berlin" });
    const hours = p.localHours;
    if (!hours) throw new Error("no hours parsed");
    expect(insideLocalHours(hours, at("2026-03-29T00:30:00Z"))).toBe(true); // 01:30 CET
    expect(insideLocalHours(hours, at("2026-03-29T01:30:00Z"))).toBe(true); // 03:30 CEST
    expect(insideLocalHours(hours, at("2026-03-29T02:30:00Z"))).toBe(false); // 04:30 CEST
  });

  it("bad local hours are refused with a sentence naming the problem", () => {
    expect(() => policy({ from: "9", to: "17:00" })).toThrow(/"from" must be a time HH:MM/);
    expect(() => policy({ from: "09:00", to: "09:00" })).toThrow(/empty window/);
    expect(() => policy({ from: "09:00", to: "17:00", days: ["someday"] })).toThrow(/"days" must be/);
    expect(() => policy({ from: "09:00", to: "17:00", timeZone: "Mars/Olympus" })).toThrow(/not a known IANA zone/);
    expect(() => policy({ from: "09:00", to: "17:00", at: 1 })).toThrow(PolicyError);
  });

  it("cordon commands and outcome queries are not bound by the hours; resets are", async () => {
    const host = new SimulatedHost({ stopMs: 5, startMs: 5 });
    hosts.push(host);
    const fixed: Clock = { now: () => at("2026-11-26T12:00:00Z"), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
    let cordon = { cordoned: false, reason: "", changedAtMs: 0 };
    const ex = new CommandExecutor({
      host: "web01",
      engine: new ResetEngine(host),
      clock: fixed,
      events: { progress: () => undefined },
      policy: policy({ from: "22:00", to: "05:00", timeZone: "UTC" }),
      cordon: { get current() { return cordon; }, set: (c, reason, atMs) => (cordon = { cordoned: c, reason, changedAtMs: atMs }) },
    });
    const base = { targetHost: "web01", issuedAtMs: fixed.now(), expiresAtMs: fixed.now() + 30_000 };
    expect((await ex.execute(v1.Command.create({ ...base, commandId: "r", nonce: Buffer.from([1]), reset: {} }))).code).toBe(ResultCode.POLICY);
    expect((await ex.execute(v1.Command.create({ ...base, commandId: "c", nonce: Buffer.from([2]), cordon: { cordoned: true } }))).code).toBe(ResultCode.OK);
    expect(ex.executedCount).toBe(0);
  });
});

describe("RefusalReporter", () => {
  it("reports a burst, holds back the flood, and says how many it held back", () => {
    let t = 0;
    const sent: string[] = [];
    const r = new RefusalReporter({ now: () => t, sleep: async () => undefined }, (_id, m) => sent.push(m), 3, 1000);
    for (let i = 0; i < 10; i++) r.report(`c${i}`, "BAD_SIGNATURE", "x");
    expect(sent).toHaveLength(3);
    t = 1000;
    r.report("c10", "UNSIGNED", "y");
    expect(sent[3]).toBe("UNSIGNED: y (7 more refusals not reported before this one)");
  });
});

describe("policy file shape", () => {
  it("keeps the defaults when localHours is absent", () => {
    expect(parsePolicy("{}", "p").localHours).toBeUndefined();
  });
});

// Finding 4 of issue #15: a wrong agent clock must never make the replay memory forget a command that can still
// pass the expiry check. The agent's own classes with an injected clock that jumps forward across a restart and then
// back, as NTP corrects it.
const T0 = Date.parse("2026-11-26T12:00:00Z");
const MINUTE = 60_000;

/** One agent process: its clock reads `clock.at`; state (the replay memory) lives in `stateDir`. */
function agentProcessAt(stateDir: string, clock: { at: number }, trusted: TrustedKey) {
  const c: Clock = { now: () => clock.at, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
  const host = new SimulatedHost({ stopMs: 5, startMs: 5 });
  hosts.push(host);
  const replay = new ReplayMemory(stateDir);
  replay.load();
  const executor = new CommandExecutor({ host: "web01", engine: new ResetEngine(host, { pollMs: 5 }), clock: c, events: { progress: () => undefined }, replay });
  const verifier = new CommandVerifier({ kind: "signed", keys: [trusted] }, "web01", c);
  return {
    host,
    executor,
    replay,
    /** What the agent's NATS handler does with an envelope: verify, then execute. */
    async receive(envelope: Uint8Array) {
      const v = verifier.verify(envelope);
      return v.ok ? executor.execute(v.command) : { outcome: v1.Outcome.OUTCOME_REJECTED, code: v.code, message: v.message };
    },
  };
}

function commandAt(id: string, issuedAtMs: number, nonce: number): v1.ICommand {
  return {
    commandId: id,
    issuer: "controller:test",
    targetHost: "web01",
    issuedAtMs,
    expiresAtMs: issuedAtMs + 30_000,
    nonce: Buffer.alloc(16, nonce),
    reset: { operation: v1.Operation.OPERATION_RESTART, level: v1.ResetLevel.RESET_LEVEL_IIS },
  };
}

describe("replay memory across clock jumps", () => {
  it("an agent restarted with its clock 5 minutes ahead still refuses the command once the clock is corrected", async () => {
    const { signing, trusted } = keyPair();
    const stateDir = tmp();
    const clock = { at: T0 };
    const sealed = sealCommand(commandAt("c1", T0, 1), signing);

    const first = agentProcessAt(stateDir, clock, trusted);
    expect(await first.receive(sealed)).toMatchObject({ outcome: v1.Outcome.OUTCOME_SUCCEEDED });
    expect(first.executor.executedCount).toBe(1);

    // The agent restarts before NTP has synced: its clock reads 5 minutes ahead while it loads its memory.
    clock.at = T0 + 5 * MINUTE;
    const second = agentProcessAt(stateDir, clock, trusted);
    expect(second.replay.check("c1", new Uint8Array(0))).toBe("seen-id");
    // NTP steps the clock back; the captured command, still inside its validity, is sent again.
    clock.at = T0 + 10_000;
    const again = await second.receive(sealed);
    expect(again).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.REPLAYED });
    expect(second.executor.executedCount).toBe(0);
    expect(second.host.stateLog).toHaveLength(0);
  });

  it("forgets a command only once a later command was issued past its expiry, and then refuses it whatever the agent's clock says", async () => {
    const { signing, trusted } = keyPair();
    const stateDir = tmp();
    const clock = { at: T0 };
    const old = sealCommand(commandAt("old", T0, 1), signing);
    const first = agentProcessAt(stateDir, clock, trusted);
    expect((await first.receive(old)).outcome).toBe(v1.Outcome.OUTCOME_SUCCEEDED);
    clock.at = T0 + 10 * MINUTE;
    expect((await first.receive(sealCommand(commandAt("later", T0 + 10 * MINUTE, 2), signing))).outcome).toBe(v1.Outcome.OUTCOME_SUCCEEDED);

    // Restarted with its clock far behind (10 minutes slow): the old command passes the clock-based expiry check...
    clock.at = T0 + 5_000;
    const second = agentProcessAt(stateDir, clock, trusted);
    expect(second.replay.size).toBe(1); // "old" was forgotten: the controller's own later command had it expired
    // ...but not the memory's rule, measured by the controller's signed issue time.
    const r = await second.receive(old);
    expect(r).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.EXPIRED });
    expect(second.executor.executedCount).toBe(0);
    expect(second.host.stateLog).toHaveLength(0);
  });
});

describe("clock skew at the executor (issue #15, finding 5)", () => {
  it("a command that expired less than CLOCK_SKEW_MS ago by this agent's clock still runs, as the README says (60 s)", async () => {
    const host = new SimulatedHost({ stopMs: 5, startMs: 5 });
    hosts.push(host);
    const at = { now: T0 };
    const skewed: Clock = { now: () => at.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
    const ex = new CommandExecutor({ host: "web01", engine: new ResetEngine(host, { pollMs: 5 }), clock: skewed, events: { progress: () => undefined } });
    // The agent's clock runs 45 s ahead of the controller's; the command was valid for 30 s.
    at.now = T0 + 45_000;
    const ok = await ex.execute(v1.Command.create(commandAt("skew1", T0, 5)));
    expect(ok.outcome).toBe(v1.Outcome.OUTCOME_SUCCEEDED);
    at.now = T0 + 30_000 + CLOCK_SKEW_MS + 1;
    const late = await ex.execute(v1.Command.create(commandAt("skew2", T0, 6)));
    expect(late).toMatchObject({ outcome: v1.Outcome.OUTCOME_REJECTED, code: ResultCode.EXPIRED });
  });
});
