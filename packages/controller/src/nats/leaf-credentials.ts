import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { InvalidInputError } from "../errors.js";

/**
 * The user and password a leaf node (a remote site's or a DMZ's nats-server) logs in to the hub with.
 *
 * Not a NATS JWT `.creds` file: iisfleet runs nats-server without an operator, and nats-server 2.9 lets a leaf
 * authenticate only with a user and password in that mode (a leaf cannot sign with an nkey). The hub lists this user
 * in its authorization block with the permissions of the leaf link (see `leafLinkPermissions`), so whatever a leaf
 * server is told, the hub decides what crosses the link.
 */
export interface LeafCredentials {
  user: string;
  password: string;
}

const fileSchema = z.object({
  version: z.literal(1),
  user: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  // base64url, so it goes into a URL and a config string without escaping
  password: z.string().regex(/^[A-Za-z0-9_-]{22,256}$/),
});

export const LEAF_USER = "iisfleet-leaf";

/** Reads a leaf credentials file; `flag` names where it came from in every error. */
export function readLeafCredentials(flag: string, path: string): LeafCredentials {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const hint = code === "ENOENT" ? "no such file (the hub's `iisfleet nats-config --leaf-listen … --leaf-creds FILE` makes it; copy it here)" : (err as Error).message;
    throw new InvalidInputError(`${flag} ${path}: ${hint}.`, { path });
  }
  if (text.includes("-----BEGIN NATS USER JWT-----")) {
    throw new InvalidInputError(
      `${flag} ${path}: a NATS JWT creds file; iisfleet's servers run without an operator, so the leaf link logs in with the user and password file that the hub's iisfleet nats-config --leaf-listen writes.`,
      { path },
    );
  }
  let parsed: z.infer<typeof fileSchema>;
  try {
    parsed = fileSchema.parse(JSON.parse(text));
  } catch {
    throw new InvalidInputError(`${flag} ${path}: not an iisfleet leaf credentials file (JSON with version 1, user and password).`, { path });
  }
  return { user: parsed.user, password: parsed.password };
}

/** The hub's side: reads the file, or makes it (0600, never overwritten) when there is none yet. */
export function ensureLeafCredentials(flag: string, path: string): { credentials: LeafCredentials; status: "created" | "kept" } {
  const credentials: LeafCredentials = { user: LEAF_USER, password: randomBytes(32).toString("base64url") };
  const text = `${JSON.stringify({ version: 1, ...credentials }, null, 2)}\n`;
  try {
    writeFileSync(path, text, { mode: 0o600, flag: "wx" });
    return { credentials, status: "created" };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw new InvalidInputError(`${flag} ${path}: ${(err as Error).message}.`, { path });
  }
  return { credentials: readLeafCredentials(flag, path), status: "kept" };
}
