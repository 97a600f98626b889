// A controller command-signing key pair on disk, as `iisfleet keys init` lays it out, for tests.
import { generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type CommandSigningKey, loadSigningKey } from "@iisfleet/proto";

export interface TestSigningKey {
  /** PKCS#8 PEM, for `iisfleet controller --signing-key`. */
  privatePath: string;
  /** SPKI PEM, for `iisfleet-agent --trusted-key`. */
  publicPath: string;
  key: CommandSigningKey;
}

export function writeSigningKey(dir: string, name = "command-signing"): TestSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const privatePath = join(dir, `${name}.key`);
  const publicPath = join(dir, `${name}.pub`);
  writeFileSync(privatePath, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  writeFileSync(publicPath, publicKey.export({ type: "spki", format: "pem" }));
  return { privatePath, publicPath, key: loadSigningKey(privatePath) };
}
