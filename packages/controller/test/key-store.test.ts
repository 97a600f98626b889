// iisfleet keys: what it creates, that it never overwrites, and that it says so when the dir is not what it expects.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
import { mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromSeed } from "@nats-io/nkeys";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KeysError, addAgents, initKeys, readNatsUsers } from "../src/keys/key-store.js";
import { keyPaths } from "../src/keys/layout.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "iisfleet-keys-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;
const seedPublic = (path: string) => fromSeed(new TextEncoder().encode(readFileSync(path, "utf8").trim())).getPublicKey();

describe("initKeys", () => {
  it("creates the signing key pair, the controller's and each agent's seed (0600), and the listing", () => {
    const r = initKeys(dir, { agents: ["web01", "WEB02"], simulator: false });
    const p = keyPaths(dir);
    expect(r.files.map((f) => [f.file, f.status])).toEqual([
      ["command-signing.key", "created"],
      ["command-signing.pub", "created"],
      ["nats/controller.nk", "created"],
      ["nats/agents/web01.nk", "created"],
      ["nats/agents/web02.nk", "created"],
    ]);
    // The signing key is ed25519 in PKCS#8, and the public key in SPKI verifies what it signs.
    const key = createPrivateKey(readFileSync(p.signingKey));
    expect(key.asymmetricKeyType).toBe("ed25519");
    expect(readFileSync(p.signingKey, "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(p.signingPub, "utf8")).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const data = Buffer.from("command");
    expect(verify(null, data, createPublicKey(readFileSync(p.signingPub)), sign(null, data, key))).toBe(true);
    if (process.platform !== "win32") {
      for (const f of [p.signingKey, p.controllerSeed, p.agentSeed("web01"), p.agentSeed("web02")]) expect(mode(f)).toBe(0o600);
      expect(mode(p.dir)).toBe(0o700);
    }
    // The listing holds each seed's public key, controller first.
    expect(readNatsUsers(dir)).toEqual([
      { name: "controller", role: "controller", publicKey: seedPublic(p.controllerSeed) },
      { name: "web01", role: "agent", publicKey: seedPublic(p.agentSeed("web01")) },
      { name: "web02", role: "agent", publicKey: seedPublic(p.agentSeed("web02")) },
    ]);
    expect(r.users).toEqual(readNatsUsers(dir));
  });

  it("run again, keeps every file byte for byte and adds only what is new", () => {
    initKeys(dir, { agents: ["web01"], simulator: false });
    const p = keyPaths(dir);
    const before = [p.signingKey, p.signingPub, p.controllerSeed, p.agentSeed("web01")].map((f) => readFileSync(f, "utf8"));
    const r = initKeys(dir, { agents: ["web01", "web03"], simulator: true });
    expect(r.files.filter((f) => f.status === "created").map((f) => f.file)).toEqual(["nats/simulator.nk", "nats/agents/web03.nk"]);
    expect([p.signingKey, p.signingPub, p.controllerSeed, p.agentSeed("web01")].map((f) => readFileSync(f, "utf8"))).toEqual(before);
    expect(readNatsUsers(dir).map((u) => `${u.role}:${u.name}`)).toEqual(["controller:controller", "simulator:simulator", "agent:web01", "agent:web03"]);
    // Agents added earlier stay listed when init runs without them.
    initKeys(dir, { agents: [], simulator: false });
    expect(readNatsUsers(dir)).toHaveLength(4);
  });

  it("keeps a listed agent whose seed was moved to its host", () => {
    initKeys(dir, { agents: ["web01"], simulator: false });
    const p = keyPaths(dir);
    const listed = readNatsUsers(dir).find((u) => u.name === "web01");
    renameSync(p.agentSeed("web01"), join(dir, "moved.nk"));
    const r = addAgents(dir, ["web01", "web02"]);
    expect(r.files.map((f) => [f.file, f.status])).toEqual([
      ["nats/agents/web01.nk", "listed"],
      ["nats/agents/web02.nk", "created"],
    ]);
    expect(readNatsUsers(dir).find((u) => u.name === "web01")).toEqual(listed);
  });

  it("derives a missing public signing key from the private one", () => {
    initKeys(dir, { agents: [], simulator: false });
    const p = keyPaths(dir);
    const pub = readFileSync(p.signingPub, "utf8");
    rmSync(p.signingPub);
    const r = initKeys(dir, { agents: [], simulator: false });
    expect(r.files.find((f) => f.file === "command-signing.pub")?.status).toBe("created");
    expect(readFileSync(p.signingPub, "utf8")).toBe(pub);
  });

  it.each([
    ["a public key that is not the private key's", (p: ReturnType<typeof keyPaths>) => writeFileSync(p.signingPub, generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" })), /does not belong to/],
    ["a public key without its private key", (p: ReturnType<typeof keyPaths>) => rmSync(p.signingKey), /exists without its private key/],
    ["a signing key that is not ed25519", (p: ReturnType<typeof keyPaths>) => writeFileSync(p.signingKey, generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" })), /not an ed25519 private key/],
    ["a damaged seed", (p: ReturnType<typeof keyPaths>) => writeFileSync(p.controllerSeed, "SUNOTASEED\n"), /controller\.nk is not an nkey user seed/],
    ["a damaged listing", (p: ReturnType<typeof keyPaths>) => writeFileSync(p.users, '{"version":1,"users":[{"name":"web_01","role":"agent","publicKey":"UX"}]}'), /user "web_01" \(agent\) is invalid/],
  ])("refuses %s, changing nothing", (_what, damage, message) => {
    initKeys(dir, { agents: [], simulator: false });
    const p = keyPaths(dir);
    damage(p);
    const snapshot = () => [p.signingKey, p.signingPub, p.controllerSeed, p.users].map((f) => { try { return readFileSync(f, "utf8"); } catch { return null; } });
    const before = snapshot();
    expect(() => initKeys(dir, { agents: ["web09"], simulator: false })).toThrow(KeysError);
    expect(() => initKeys(dir, { agents: ["web09"], simulator: false })).toThrow(message);
    expect(snapshot()).toEqual(before);
  });
});

describe("addAgents and readNatsUsers", () => {
  it("need an initialized keys dir", () => {
    expect(() => addAgents(dir, ["web01"])).toThrow(/users\.json does not exist; create the keys first with "iisfleet keys init/);
    expect(() => readNatsUsers(dir)).toThrow(KeysError);
  });

  it("validate host names", () => {
    initKeys(dir, { agents: [], simulator: false });
    expect(() => addAgents(dir, ["web.01"])).toThrow(/not a valid host name/);
  });
});
