import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import { dirname, join } from "node:path";
import { TokenService } from "../../auth/tokens.js";
import { systemClock } from "../../clock.js";
import { IisfleetError } from "../../errors.js";
import { Store } from "../../store/index.js";
import type { CliContext } from "../context.js";

/**
 * `iisfleet token recover`: the CLI's one deliberate path around the API (test/cli-imports.test.ts allows exactly
 * this module to reach the store). Locked out, there is no token to call the API with; whoever may write the
 * controller's database file owns the controller anyway, so the new admin token is made in that file directly.
 */
export function recoverAdminToken(ctx: CliContext, o: { db: string; name: string; file?: string }): void {
  if (!existsSync(o.db)) throw new IisfleetError("NOT_FOUND", `No database at ${o.db}: give the controller's --db with --db PATH (or IISFLEET_DB).`, 404, { db: o.db });
  const file = o.file ?? join(dirname(o.db), "admin.token");
  const store = Store.open(o.db);
  try {
    const token = new TokenService({ store, clock: systemClock }).recover(file, o.name, `local:${userInfo().username}`);
    ctx.print({ token, file }, () => `Created admin token ${token.id} ("${token.name}") and wrote it to ${file} (mode 0600). Revoke tokens you no longer trust: iisfleet token list.`);
  } finally {
    store.close();
  }
}
