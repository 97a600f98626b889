// The small pieces of API auth on their own: token format and hashing, roles, the recorded "who", where the CLI
// finds its token, and the CLI's argument checks for tokens and the audit log.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidArgumentError } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../../../test/support/nats-server.js";
import { actorName } from "../src/auth/access-control.js";
import { roleAllows } from "../src/auth/roles.js";
import { hashToken, hintOf, looksLikeToken, newTokenId, newTokenSecret, sameHash } from "../src/auth/secret.js";
import { sinceArg } from "../src/cli/commands/audit.js";
import { defaultTokenFile, resolveToken } from "../src/cli/token-source.js";
import { startController } from "../src/daemon.js";
import { createLogger } from "../src/log.js";
import { Store } from "../src/store/index.js";

const dir = mkdtempSync(join(tmpdir(), "iisfleet-auth-units-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("tokens", () => {
  it("are iisf_ and 32 random bytes; only their SHA-256 and first characters are kept", () => {
    const a = newTokenSecret();
    const b = newTokenSecret();
    expect(a).toMatch(/^iisf_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(looksLikeToken(a)).toBe(true);
    expect(looksLikeToken(`${a}x`)).toBe(false);
    expect(hashToken(a)).toHaveLength(32);
    expect(sameHash(hashToken(a), hashToken(a))).toBe(true);
    expect(sameHash(hashToken(a), hashToken(b))).toBe(false);
    expect(sameHash(hashToken(a), Buffer.alloc(3))).toBe(false);
    expect(hintOf(a)).toBe(a.slice(0, 9));
    expect(newTokenId()).toMatch(/^tok_[0-9a-f]{12}$/);
  });

  it("roles include the ones below them", () => {
    expect(roleAllows("admin", "operator")).toBe(true);
    expect(roleAllows("operator", "operator")).toBe(true);
    expect(roleAllows("operator", "admin")).toBe(false);
    expect(roleAllows("viewer", "operator")).toBe(false);
  });

  it("history records the token's name, and the claimed name when it says more", () => {
    const p = { tokenId: "tok_000000000000", name: "alice", role: "operator" as const };
    expect(actorName(p, undefined)).toBe("alice");
    expect(actorName(p, "api")).toBe("alice");
    expect(actorName(p, "cli")).toBe("alice");
    expect(actorName(p, "alice")).toBe("alice");
    expect(actorName(p, "bob")).toBe("alice:bob");
  });
});

describe("where the CLI finds its token", () => {
  const none = { IISFLEET_TOKEN: "", IISFLEET_TOKEN_FILE: "", IISFLEET_DB: join(dir, "nowhere", "db.sqlite") };

  it("in order: --token, $IISFLEET_TOKEN, --token-file, $IISFLEET_TOKEN_FILE, admin.token beside the default database", () => {
    const f1 = join(dir, "one.token");
    const f2 = join(dir, "two.token");
    writeFileSync(f1, "from-file-1\n");
    writeFileSync(f2, "  from-file-2  \n");
    expect(resolveToken({ token: "flag", tokenFile: f1 }, { ...none, IISFLEET_TOKEN: "env" })).toEqual({ token: "flag", source: "--token" });
    expect(resolveToken({ tokenFile: f1 }, { ...none, IISFLEET_TOKEN: "env" }).token).toBe("env");
    expect(resolveToken({ tokenFile: f1 }, { ...none, IISFLEET_TOKEN_FILE: f2 }).token).toBe("from-file-1");
    expect(resolveToken({}, { ...none, IISFLEET_TOKEN_FILE: f2 }).token).toBe("from-file-2");
    writeFileSync(join(dir, "admin.token"), "beside-the-db\n");
    expect(resolveToken({}, { ...none, IISFLEET_DB: join(dir, "iisfleet.db") })).toEqual({ token: "beside-the-db", source: join(dir, "admin.token") });
    expect(resolveToken({}, none).token).toBeUndefined();
    expect(defaultTokenFile({})).toBe(join("data", "admin.token"));
  });

  it("an empty or unreadable token file is an error that names the file", () => {
    const empty = join(dir, "empty.token");
    writeFileSync(empty, "\n");
    expect(() => resolveToken({ tokenFile: empty }, none)).toThrow(`The token file ${empty} is empty.`);
    expect(() => resolveToken({}, { ...none, IISFLEET_TOKEN_FILE: dir })).toThrow(/Cannot read the token file/);
  });
});

describe("CLI arguments", () => {
  it("audit --since takes a duration ago or an ISO date, and nothing else", () => {
    expect(sinceArg("2h", 10_000_000)).toBe(10_000_000 - 7_200_000);
    expect(sinceArg("2025-01-31T08:00Z")).toBe(Date.parse("2025-01-31T08:00Z"));
    expect(() => sinceArg("yesterday")).toThrow(InvalidArgumentError);
    expect(() => sinceArg("2025-13-45T99:00Z")).toThrow(/not a date and time/);
  });
});

describe("the bootstrap token", () => {
  let nats: NatsServer | undefined;
  afterAll(async () => nats?.stop());

  it("a controller that cannot write it does not start, and leaves no token behind", async () => {
    nats = await startNatsServer();
    const blocker = join(dir, "a-file");
    writeFileSync(blocker, "");
    const dbPath = join(dir, "boot", "iisfleet.db");
    await expect(
      startController({ natsServers: [nats.url], dbPath, listenHost: "127.0.0.1", listenPort: 0, log: createLogger("test", "silent"), adminTokenFile: join(blocker, "admin.token") }),
    ).rejects.toThrow(/^Cannot write the bootstrap admin token to .*a-file\/admin\.token \(.*\); choose another place with --admin-token-file\.$/);
    const store = Store.open(dbPath);
    try {
      expect(store.tokens.count()).toBe(0);
    } finally {
      store.close();
    }
  });
});
