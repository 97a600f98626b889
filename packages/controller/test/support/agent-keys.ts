import { generateKeyPairSync } from "node:crypto";
import { AgentKeyring } from "../../src/keys/agent-keyring.js";

/** Two agents' real ed25519 key pairs, and a keyring holding their public keys. */
export const web01 = generateKeyPairSync("ed25519");
export const web02 = generateKeyPairSync("ed25519");
export const keyring = (): AgentKeyring =>
  AgentKeyring.of(
    new Map([
      ["web01", web01.publicKey],
      ["web02", web02.publicKey],
    ]),
  );
