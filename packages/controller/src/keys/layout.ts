import { join } from "node:path";
import { parseHostName } from "@iisfleet/proto";

/**
 * Where `iisfleet keys` keeps what it makes, under one directory (the "keys dir"):
 *
 *   command-signing.key        the controller's ed25519 command-signing key, PKCS#8 PEM (0600)
 *   command-signing.pub        its public key, SPKI PEM: what agents are given to trust
 *   nats/users.json            every NATS user's public nkey, name and role: what `iisfleet nats-config` reads
 *   nats/controller.nk         the controller's NATS user seed (0600)
 *   nats/simulator.nk          the fleet simulator's seed, only with `--simulator` (test fleets) (0600)
 *   nats/agents/<host>.nk      one seed per agent (0600), to be moved to that host
 */
export const keyPaths = (dir: string) => ({
  dir,
  signingKey: join(dir, "command-signing.key"),
  signingPub: join(dir, "command-signing.pub"),
  natsDir: join(dir, "nats"),
  agentsDir: join(dir, "nats", "agents"),
  users: join(dir, "nats", "users.json"),
  controllerSeed: join(dir, "nats", "controller.nk"),
  simulatorSeed: join(dir, "nats", "simulator.nk"),
  agentSeed: (host: string) => join(dir, "nats", "agents", `${parseHostName(host)}.nk`),
});

export type KeyPaths = ReturnType<typeof keyPaths>;
