import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { createUser, fromPublic, fromSeed } from "@nats-io/nkeys";
import { parseHostName } from "@iisfleet/proto";
import { z } from "zod";
import { IisfleetError } from "../errors.js";
import { type KeyPaths, keyPaths } from "./layout.js";

/** Who a NATS user is; `iisfleet nats-config` derives each one's permissions from it. */
export type NatsRole = "controller" | "agent" | "simulator";
export const NATS_ROLES = ["controller", "agent", "simulator"] as const;

export interface NatsUser {
  /** "controller", "simulator", or the agent's host name. */
  name: string;
  role: NatsRole;
  /** The user's public nkey ("U..."): all the server needs to know. */
  publicKey: string;
}

/**
 * created: made now. kept: it was there and is left as it is (never overwritten). listed: the seed is not in the
 * keys dir (moved to its host, as it should be), and the public key from the listing stays.
 */
export type KeyFileStatus = "created" | "kept" | "listed";

export interface KeyFileReport {
  /** Relative to the keys dir. */
  file: string;
  status: KeyFileStatus;
  /** What it is and where it goes, for the operator. */
  purpose: string;
}

export interface KeysReport {
  dir: string;
  files: KeyFileReport[];
  users: NatsUser[];
}

/** Something in the keys dir is not what it should be; nothing was overwritten. */
export class KeysError extends IisfleetError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("KEYS_ERROR", message, 400, details);
  }
}

const listingSchema = z.object({
  version: z.literal(1),
  users: z.array(z.object({ name: z.string().min(1), role: z.enum(NATS_ROLES), publicKey: z.string() })),
});

export interface InitOptions {
  agents: string[];
  /** Also an identity for `iisfleet-agent simulate`, allowed on every agent's subjects: for test fleets only. */
  simulator: boolean;
}

/**
 * Creates the command-signing key pair, the controller's NATS seed and one per agent; keeps every file that is
 * already there (so running it again, or with more agents, is safe) and rewrites the public-key listing.
 */
export function initKeys(dir: string, opts: InitOptions): KeysReport {
  const paths = keyPaths(resolve(dir));
  const agents = opts.agents.map(parseHostName);
  mkdirSync(paths.agentsDir, { recursive: true, mode: 0o700 });
  const files: KeyFileReport[] = [];
  ensureSigningKey(paths, files);
  const listed = readListing(paths);
  const users: NatsUser[] = [ensureSeed(paths, paths.controllerSeed, "controller", "controller", listed, files)];
  if (opts.simulator || listed.has(userKey("simulator", "simulator"))) {
    users.push(ensureSeed(paths, paths.simulatorSeed, "simulator", "simulator", listed, files));
  }
  users.push(...agentUsers(paths, agents, listed, files));
  // Agents added earlier stay listed; what was (re)read from a seed file here wins over the old listing.
  const all = sortedUsers([...listed.values(), ...users]);
  writeListing(paths, all);
  return { dir: paths.dir, files, users: all };
}

/** Adds agents to an initialized keys dir (one made by `initKeys`); agents already there are kept. */
export function addAgents(dir: string, hosts: string[]): KeysReport {
  const paths = keyPaths(resolve(dir));
  const agents = hosts.map(parseHostName);
  if (!existsSync(paths.users)) {
    throw new KeysError(`${paths.users} does not exist; create the keys first with "iisfleet keys init --dir ${dir}".`, { path: paths.users });
  }
  mkdirSync(paths.agentsDir, { recursive: true, mode: 0o700 });
  const listed = readListing(paths);
  const files: KeyFileReport[] = [];
  const all = sortedUsers([...listed.values(), ...agentUsers(paths, agents, listed, files)]);
  writeListing(paths, all);
  return { dir: paths.dir, files, users: all };
}

/** The NATS users of a keys dir, for `iisfleet nats-config`; every public key checked. */
export function readNatsUsers(dir: string): NatsUser[] {
  const paths = keyPaths(resolve(dir));
  if (!existsSync(paths.users)) {
    throw new KeysError(`${paths.users} does not exist; create the keys first with "iisfleet keys init --dir ${dir}".`, { path: paths.users });
  }
  return sortedUsers([...readListing(paths).values()]);
}

// ---------------------------------------------------------------------------------------------------------------

function agentUsers(paths: KeyPaths, agents: string[], listed: Map<string, NatsUser>, files: KeyFileReport[]): NatsUser[] {
  return [...new Set(agents)].map((host) => ensureSeed(paths, paths.agentSeed(host), host, "agent", listed, files));
}

const userKey = (role: NatsRole, name: string) => `${role}:${name}`;

function sortedUsers(users: NatsUser[]): NatsUser[] {
  const rank = { controller: 0, simulator: 1, agent: 2 } as const;
  const unique = new Map(users.map((u) => [userKey(u.role, u.name), u]));
  return [...unique.values()].sort((a, b) => rank[a.role] - rank[b.role] || a.name.localeCompare(b.name));
}

function ensureSigningKey(paths: KeyPaths, files: KeyFileReport[]): void {
  const keyPurpose = "the controller's command-signing key (ed25519): keep it on the controller only";
  const pubPurpose = "its public key: every agent trusts it";
  if (!existsSync(paths.signingKey)) {
    if (existsSync(paths.signingPub)) {
      throw new KeysError(
        `${paths.signingPub} exists without its private key ${paths.signingKey}; restore the key, or move the public key away to start afresh.`,
        { path: paths.signingPub },
      );
    }
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    writeNew(paths.signingKey, privateKey.export({ type: "pkcs8", format: "pem" }), 0o600);
    writeNew(paths.signingPub, publicKey.export({ type: "spki", format: "pem" }), 0o644);
    files.push({ file: rel(paths, paths.signingKey), status: "created", purpose: keyPurpose });
    files.push({ file: rel(paths, paths.signingPub), status: "created", purpose: pubPurpose });
    return;
  }
  let derived: string;
  try {
    const key = createPrivateKey(readFileSync(paths.signingKey));
    if (key.asymmetricKeyType !== "ed25519") throw new Error(`it is an ${String(key.asymmetricKeyType)} key, not ed25519`);
    derived = createPublicKey(key).export({ type: "spki", format: "pem" }).toString();
  } catch (err) {
    throw new KeysError(`${paths.signingKey} is not an ed25519 private key in PEM (${reason(err)}); it was left as it is.`, { path: paths.signingKey });
  }
  files.push({ file: rel(paths, paths.signingKey), status: "kept", purpose: keyPurpose });
  if (!existsSync(paths.signingPub)) {
    writeNew(paths.signingPub, derived, 0o644);
    files.push({ file: rel(paths, paths.signingPub), status: "created", purpose: pubPurpose });
    return;
  }
  let existing: string;
  try {
    existing = createPublicKey(readFileSync(paths.signingPub)).export({ type: "spki", format: "pem" }).toString();
  } catch (err) {
    throw new KeysError(`${paths.signingPub} is not a public key in PEM (${reason(err)}); it was left as it is.`, { path: paths.signingPub });
  }
  if (existing !== derived) {
    throw new KeysError(
      `${paths.signingPub} does not belong to ${paths.signingKey}; agents trusting it would refuse every command. Move the wrong one away.`,
      { path: paths.signingPub },
    );
  }
  files.push({ file: rel(paths, paths.signingPub), status: "kept", purpose: pubPurpose });
}

function seedPurpose(role: NatsRole, name: string): string {
  if (role === "controller") return "the controller's NATS seed: iisfleet controller --nats-nkey";
  if (role === "simulator") return "the fleet simulator's NATS seed, allowed on every agent's subjects: test fleets only";
  return `${name}'s NATS seed: move it to ${name}, iisfleet-agent --nats-nkey`;
}

function ensureSeed(paths: KeyPaths, path: string, name: string, role: NatsRole, listed: Map<string, NatsUser>, files: KeyFileReport[]): NatsUser {
  const purpose = seedPurpose(role, name);
  if (existsSync(path)) {
    const seed = readFileSync(path, "utf8").trim();
    let publicKey: string;
    try {
      if (!seed.startsWith("SU")) throw new Error("a user seed starts with SU");
      publicKey = fromSeed(new TextEncoder().encode(seed)).getPublicKey();
    } catch (err) {
      throw new KeysError(`${path} is not an nkey user seed (${reason(err)}); it was left as it is.`, { path });
    }
    files.push({ file: rel(paths, path), status: "kept", purpose });
    return { name, role, publicKey };
  }
  const prior = listed.get(userKey(role, name));
  if (prior) {
    files.push({ file: rel(paths, path), status: "listed", purpose: `${purpose} (not in this dir; its listed public key stays)` });
    return prior;
  }
  const kp = createUser();
  writeNew(path, `${new TextDecoder().decode(kp.getSeed())}\n`, 0o600);
  const publicKey = kp.getPublicKey();
  kp.clear();
  files.push({ file: rel(paths, path), status: "created", purpose });
  return { name, role, publicKey };
}

function readListing(paths: KeyPaths): Map<string, NatsUser> {
  if (!existsSync(paths.users)) return new Map();
  let parsed: z.infer<typeof listingSchema>;
  try {
    parsed = listingSchema.parse(JSON.parse(readFileSync(paths.users, "utf8")));
  } catch (err) {
    const why = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : reason(err);
    throw new KeysError(`${paths.users} is not a valid NATS user listing (${why}).`, { path: paths.users });
  }
  const users = new Map<string, NatsUser>();
  for (const u of parsed.users) {
    try {
      if (u.role === "agent") parseHostName(u.name);
      else if (u.name !== u.role) throw new Error(`the ${u.role} user must be named "${u.role}"`);
      if (!u.publicKey.startsWith("U")) throw new Error("a user's public key starts with U");
      fromPublic(u.publicKey);
    } catch (err) {
      throw new KeysError(`${paths.users}: user "${u.name}" (${u.role}) is invalid: ${reason(err)}.`, { path: paths.users });
    }
    users.set(userKey(u.role, u.name), { name: u.name, role: u.role, publicKey: u.publicKey });
  }
  return users;
}

/** Whole or not at all: a listing cut short by a crash would lock agents out at the next config reload. */
function writeListing(paths: KeyPaths, users: NatsUser[]): void {
  const tmp = `${paths.users}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify({ version: 1, users: sortedUsers(users) }, null, 2)}\n`, { mode: 0o644 });
  renameSync(tmp, paths.users);
}

/** Exclusive create: an existing key is never overwritten, even by a race between two runs. */
function writeNew(path: string, data: string | Buffer, mode: number): void {
  writeFileSync(path, data, { mode, flag: "wx" });
}

function rel(paths: KeyPaths, path: string): string {
  return relative(paths.dir, path).split("\\").join("/");
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
