import { type Command, InvalidArgumentError } from "commander";
import type { PrincipalView as Principal, TokenView } from "../../api/contract/views.js";
import { ROLES, type Role } from "../../auth/roles.js";
import { DEFAULT_DB_PATH } from "../token-source.js";
import { WindowSpecError, parseSpan } from "../../windows/spec.js";
import { contextOf } from "../context.js";
import { formatTokenCreated, formatTokenList } from "../format-access.js";

function roleArg(value: string): Role {
  const v = value.toLowerCase();
  if (!(ROLES as readonly string[]).includes(v)) throw new InvalidArgumentError(`"${value}" is not a role; use one of ${ROLES.join(", ")}.`);
  return v as Role;
}

function expiresArg(value: string): number {
  try {
    const ms = parseSpan(value, "--expires");
    if (ms < 60_000) throw new InvalidArgumentError(`--expires ${value} is shorter than a minute.`);
    return ms;
  } catch (err) {
    if (err instanceof WindowSpecError) throw new InvalidArgumentError(err.message);
    throw err;
  }
}

export function registerToken(program: Command): void {
  const token = program
    .command("token")
    .description("API tokens: create (shown once), list, revoke — admin only; whoami for any token")
    .addHelpText(
      "after",
      [
        "",
        "Roles: viewer (reads: hosts, status, history, rollouts, events, metrics), operator (also resets, cordons and",
        "rollouts: start, pause, resume, abort, approve, retry/skip a host), admin (also maintenance windows, tokens, audit).",
        "The controller keeps only a SHA-256 of each token: a lost token cannot be shown again; revoke it and create another.",
        "On its first start (no tokens at all) the controller writes an admin token, bootstrap-admin, to admin.token beside",
        "its database (mode 0600); the CLI on that machine finds it there. Create named tokens for people and scripts, then",
        "consider revoking bootstrap-admin.",
        "",
        "Examples:",
        "  iisfleet token create --name alice --role operator --expires 30d",
        "  iisfleet token create --name grafana --role viewer --json",
        "  iisfleet token list",
        "  iisfleet token revoke tok_1a2b3c4d5e6f",
        "  IISFLEET_TOKEN=iisf_… iisfleet token whoami",
        "  iisfleet token recover --db ./data/iisfleet.db      # locked out: on the controller's machine, no API needed",
      ].join("\n"),
    );

  token
    .command("create")
    .description("create a token and print it once")
    .requiredOption("--name <name>", "who or what uses it (letters, digits, . _ @ -); shown in history and audit")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`, roleArg)
    .option("--expires <duration>", "expire after this long, e.g. 12h, 30d (default: never)", expiresArg)
    .action(async (o: { name: string; role: Role; expires?: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.post<{ token: TokenView; secret: string }>("/api/v1/tokens", {
        name: o.name,
        role: o.role,
        ...(o.expires !== undefined ? { expiresInMs: o.expires } : {}),
      });
      ctx.print(res, () => formatTokenCreated(res.token, res.secret));
    });

  token
    .command("list")
    .description("every token: id, name, role, state, created, last used, expiry (never the token itself)")
    .action(async (_o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.get<{ tokens: TokenView[] }>("/api/v1/tokens");
      ctx.print(res, () => formatTokenList(res.tokens));
    });

  token
    .command("revoke")
    .description("revoke a token: the controller refuses it from the next request on")
    .argument("<id>", "token id from token list, e.g. tok_1a2b3c4d5e6f")
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.post<{ token: TokenView }>(`/api/v1/tokens/${encodeURIComponent(id)}/revoke`, {});
      ctx.print(res, () => `Revoked ${res.token.id} ("${res.token.name}", ${res.token.role}).`);
    });

  token
    .command("whoami")
    .description("the token the CLI is using: its id, name and role")
    .action(async (_o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const res = await ctx.api.get<{ token: Principal }>("/api/v1/whoami");
      ctx.print(res, () => `${res.token.name} (${res.token.role}, ${res.token.tokenId})`);
    });

  token
    .command("recover")
    .description("locked out (admin tokens lost or revoked)? make a new admin token directly in the controller's database")
    .option("--db <path>", "the controller's SQLite database (env IISFLEET_DB)", process.env.IISFLEET_DB || DEFAULT_DB_PATH)
    .option("--name <name>", "the new token's name", "recovered-admin")
    .option("--file <path>", "where to write it, mode 0600 (default: admin.token beside --db, where the CLI looks)")
    .addHelpText(
      "after",
      "\nRuns on the controller's machine against its database file, not through the API: whoever may write that file\n" +
        "owns the controller anyway. Works while the controller runs. The token goes to the file, never to the screen,\n" +
        "and the audit log records who recovered it (the OS user) as an offline action.",
    )
    // SQLite and the token service load for this offline command only, not for every CLI run that registers it.
    .action(async (o: { db: string; name: string; file?: string }, cmd: Command) => (await import("./token-recover.js")).recoverAdminToken(contextOf(cmd), o));
}
