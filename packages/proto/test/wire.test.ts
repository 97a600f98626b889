import { describe, expect, it } from "vitest";
import {
  InvalidHostNameError,
  MAX_PAYLOAD_BYTES,
  MalformedPayloadError,
  decode,
  encode,
  hostFromSubject,
  isValidHostName,
  parseHostName,
  subjects,
  v1,
} from "../src/index.js";

describe("host names are safe NATS subject tokens", () => {
  it.each(["web01", "WEB01", "a", "iis-prod-07", "x".repeat(63)])("accepts %s", (name) => {
    expect(parseHostName(name)).toBe(name.toLowerCase());
  });

  it.each(["", "web.01", "web*", "web>", "web 01", "-web", "web-", "x".repeat(64), "wéb", "web_01", "a\tb"])(
    "rejects %j with a sentence",
    (name) => {
      expect(() => parseHostName(name)).toThrow(InvalidHostNameError);
      expect(isValidHostName(name)).toBe(false);
    },
  );

  it("builds versioned subjects and refuses to build one from a bad name", () => {
    expect(subjects.command("WEB01")).toBe("iisfleet.v1.agent.web01.cmd");
    expect(subjects.heartbeat("web01")).toBe("iisfleet.v1.agent.web01.hb");
    expect(subjects.events("web01")).toBe("iisfleet.v1.agent.web01.evt");
    expect(subjects.fleetStatus).toBe("iisfleet.v1.fleet.status");
    expect(() => subjects.command("web.*")).toThrow(InvalidHostNameError);
    expect(hostFromSubject("iisfleet.v1.agent.web01.hb")).toBe("web01");
    expect(hostFromSubject("iisfleet.v2.agent.web01.hb")).toBeUndefined();
    expect(hostFromSubject("iisfleet.v1.agent.web01")).toBeUndefined();
  });
});

describe("codec", () => {
  it("round-trips a command envelope with 64-bit timestamps as plain numbers", () => {
    const now = Date.now();
    const inner = encode.command({
      commandId: "c1",
      issuer: "controller:x/cli",
      targetHost: "web01",
      issuedAtMs: now,
      expiresAtMs: now + 30_000,
      nonce: new Uint8Array([1, 2, 3]),
      reset: { operation: v1.Operation.OPERATION_RESTART, level: v1.ResetLevel.RESET_LEVEL_HTTP, force: true, timeoutMs: 30_000 },
    });
    const env = decode.envelope(encode.envelope({ command: inner, signature: { keyId: "k1", value: new Uint8Array(64) } }));
    const cmd = decode.command(env.command);
    expect(cmd.issuedAtMs).toBe(now);
    expect(typeof cmd.expiresAtMs).toBe("number");
    expect(cmd.body).toBe("reset");
    expect(cmd.reset?.force).toBe(true);
    expect(env.signature?.keyId).toBe("k1");
  });

  it("an absent 64-bit field decodes as the number 0, not a Long (found by the payload fuzz: SQLite cannot bind a Long)", () => {
    const empty = new Uint8Array(0);
    const values = [
      decode.command(empty).issuedAtMs,
      decode.command(empty).expiresAtMs,
      decode.event(empty).atMs,
      decode.heartbeat(empty).sentAtMs,
      decode.heartbeat(empty).uptimeMs,
      decode.result(empty).startedAtMs,
      decode.result(empty).finishedAtMs,
    ];
    for (const v of values) expect(v).toBe(0);
  });

  it("skips unknown fields (a newer controller talking to an older agent)", () => {
    const known = encode.heartbeat({ agentVersion: "1.0.0", seq: 7 });
    // field 99, varint 1: a field this version has never heard of
    const withUnknown = new Uint8Array([...known, 0x98, 0x06, 0x01]);
    const hb = decode.heartbeat(withUnknown);
    expect(hb.agentVersion).toBe("1.0.0");
    expect(hb.seq).toBe(7);
  });

  it.each([
    ["truncated", new Uint8Array([0x0a, 0x10, 0x01])],
    ["invalid wire type", new Uint8Array([0x0f, 0x01])],
    ["garbage", new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff])],
  ])("turns %s input into MalformedPayloadError", (_label, bytes) => {
    const err = (() => {
      try {
        decode.command(bytes);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(MalformedPayloadError);
    expect((err as MalformedPayloadError).code).toBe("MALFORMED");
    expect((err as MalformedPayloadError).size).toBe(bytes.length);
  });

  it("refuses payloads over the size limit without decoding them", () => {
    expect(() => decode.heartbeat(new Uint8Array(MAX_PAYLOAD_BYTES + 1))).toThrow(/larger than the 262144-byte limit/);
  });
});
