#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { IisfleetError } from "../errors.js";
import { VERSION } from "../version.js";
import { DEFAULT_CONTROLLER_URL } from "./client.js";
import { registerController } from "./commands/controller.js";
import { registerCordon } from "./commands/cordon.js";
import { registerFarm } from "./commands/farm.js";
import { registerHistory } from "./commands/history.js";
import { registerHosts } from "./commands/hosts.js";
import { registerKeys } from "./commands/keys.js";
import { registerNatsConfig } from "./commands/nats-config.js";
import { registerReset } from "./commands/reset.js";
import { registerRollout } from "./commands/rollout.js";
import { registerStatus } from "./commands/status.js";
import { registerAudit } from "./commands/audit.js";
import { registerToken } from "./commands/token.js";
import { registerWindow } from "./commands/window.js";
import { TOKEN_PRECEDENCE } from "./token-source.js";
import { EXIT_FAILED, EXIT_USAGE } from "./context.js";
import { urlArg } from "./options.js";

function buildProgram(): Command {
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
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  const json = argv.includes("--json");
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0 through here; usage errors were already printed by commander.
      process.exitCode = err.exitCode === 0 ? 0 : EXIT_USAGE;
      if (json && err.exitCode !== 0) {
        process.stdout.write(`${JSON.stringify({ error: { code: "INVALID_USAGE", message: err.message } })}\n`);
      }
      return;
    }
    const e = err instanceof IisfleetError ? err : new IisfleetError("INTERNAL", err instanceof Error ? err.message : String(err));
    if (json) process.stdout.write(`${JSON.stringify({ error: e.toJSON() })}\n`);
    else process.stderr.write(`iisfleet: ${e.message}\n`);
    process.exitCode = e.code === "INVALID_INPUT" ? EXIT_USAGE : EXIT_FAILED;
  }
}

await main(process.argv);
