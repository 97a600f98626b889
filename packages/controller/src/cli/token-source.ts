import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { IisfleetError } from "../errors.js";

/** The controller's default database (its --db), whose directory holds the bootstrap admin token on first start. */
export const DEFAULT_DB_PATH = "./data/iisfleet.db";

/** Where the CLI looks last: admin.token beside the controller's default database (or $IISFLEET_DB's). */
export function defaultTokenFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(dirname(env.IISFLEET_DB || DEFAULT_DB_PATH), "admin.token");
}

export const TOKEN_PRECEDENCE =
  "The API token is the first of: --token, $IISFLEET_TOKEN, the file --token-file, the file $IISFLEET_TOKEN_FILE,\n" +
  "and admin.token beside the controller's default database (./data/admin.token, or beside $IISFLEET_DB) —\n" +
  "the admin token a controller writes on its first start. Prefer a file or the environment to --token (other\n" +
  "users can see a process's arguments).";

export interface ResolvedToken {
  token: string | undefined;
  /** Where it came from, for error sentences (never the token). */
  source: string;
}

/** Picks the token by the precedence above. An explicitly named file that cannot be read is an error. */
export function resolveToken(o: { token?: string | undefined; tokenFile?: string | undefined }, env: NodeJS.ProcessEnv = process.env): ResolvedToken {
  if (o.token) return { token: o.token.trim(), source: "--token" };
  if (env.IISFLEET_TOKEN) return { token: env.IISFLEET_TOKEN.trim(), source: "$IISFLEET_TOKEN" };
  if (o.tokenFile) return { token: readTokenFile(o.tokenFile), source: `--token-file ${o.tokenFile}` };
  if (env.IISFLEET_TOKEN_FILE) return { token: readTokenFile(env.IISFLEET_TOKEN_FILE), source: `$IISFLEET_TOKEN_FILE (${env.IISFLEET_TOKEN_FILE})` };
  const fallback = defaultTokenFile(env);
  if (existsSync(fallback)) return { token: readTokenFile(fallback), source: fallback };
  return { token: undefined, source: `none (no --token, $IISFLEET_TOKEN, --token-file, $IISFLEET_TOKEN_FILE, and no ${fallback})` };
}

function readTokenFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : err instanceof Error ? err.message : String(err);
    throw new IisfleetError("TOKEN_FILE", `Cannot read the token file ${path} (${why}).`, 400, { file: path });
  }
  const token = text.trim();
  if (token === "") throw new IisfleetError("TOKEN_FILE", `The token file ${path} is empty.`, 400, { file: path });
  return token;
}
