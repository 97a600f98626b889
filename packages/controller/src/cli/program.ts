// The iisfleet command tree: every command registered once, here; main.ts runs it, completion walks it.
import { Command } from "commander";
import { VERSION } from "../version.js";
import { DEFAULT_CONTROLLER_URL } from "./client.js";
import { registerController } from "./commands/controller.js";
import { registerCompletion } from "./commands/completion.js";
import { registerCordon } from "./commands/cordon.js";
import { registerFarm } from "./commands/farm.js";
import { registerHistory } from "./commands/history.js";
import { registerHost } from "./commands/host.js";
import { registerHosts } from "./commands/hosts.js";
import { registerKeys } from "./commands/keys.js";
import { registerNatsConfig } from "./commands/nats-config.js";
import { registerNotify } from "./commands/notify.js";
import { registerScheduled } from "./commands/scheduled.js";
import { registerReset } from "./commands/reset.js";
import { registerRollout } from "./commands/rollout.js";
import { registerStatus } from "./commands/status.js";
import { registerAudit } from "./commands/audit.js";
import { registerToken } from "./commands/token.js";
import { registerWindow } from "./commands/window.js";
import { TOKEN_PRECEDENCE } from "./token-source.js";
import { urlArg } from "./options.js";

export function buildProgram(): Command {
  const program = new Command()
    .name("iisfleet")
    .description(
      "Coordinated, safe IIS resets for Windows web farms.\n" +
        "Resets are noforce unless you say --force: a service that refuses to stop is reported, never killed.",
    )
    .version(VERSION)
    .option("--controller <url>", "controller API URL (env IISFLEET_CONTROLLER)", urlArg, process.env.IISFLEET_CONTROLLER ?? DEFAULT_CONTROLLER_URL)
    .option("--token <token>", "API token (env IISFLEET_TOKEN; see below for where else the CLI looks)")
    .option("--token-file <path>", "read the API token from this file (env IISFLEET_TOKEN_FILE)")
    .option("--json", "print machine-readable JSON (errors too)", false)
    .showHelpAfterError("(run with --help for usage)")
    // Before the subcommands are added, so they inherit it: usage errors reach main() and exit 2.
    .exitOverride()
    .addHelpText(
      "after",
      `\n${TOKEN_PRECEDENCE}\n` +
        "Roles: viewer reads; operator also resets, cordons and runs rollouts; admin also manages windows, tokens, audit.\n" +
        "\nExit codes: 0 success, 1 the operation failed or an error occurred (401/403 included), 2 invalid command line.\n" +
        "Examples:\n  iisfleet controller --nats nats://127.0.0.1:4222 --db ./data/iisfleet.db\n" +
        "  iisfleet hosts\n  iisfleet status --live --farm shop --strict\n  iisfleet reset web01            # noforce restart of IIS on web01\n" +
        "  iisfleet reset web01 --level http --force --timeout 30 --json\n  iisfleet history --host web01",
    );
  registerController(program);
  registerHosts(program);
  registerHost(program);
  registerReset(program);
  registerHistory(program);
  registerStatus(program);
  registerCordon(program);
  registerRollout(program);
  registerWindow(program);
  registerKeys(program);
  registerNatsConfig(program);
  registerToken(program);
  registerAudit(program);
  registerFarm(program);
  registerNotify(program);
  registerScheduled(program);
  registerCompletion(program);
  return program;
}

