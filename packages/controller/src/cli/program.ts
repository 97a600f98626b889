// The iisfleet command tree: every command registered once, here; main.ts runs it, completion walks it.
//
// A CLI run registers only the command it runs: `iisfleet hosts` loads hosts.ts and what its action needs, never the
// daemon, SQLite, NATS or the other fourteen command modules, and `--version` loads none of them. Help, completion and
// anything this file cannot place (a typo, `help`) get the whole tree, so commander lists and suggests every command.
import { Command } from "commander";
import { VERSION } from "../version.js";
import { DEFAULT_CONTROLLER_URL } from "./client.js";
import { urlArg } from "./options.js";
import { TOKEN_PRECEDENCE } from "./token-source.js";

type Register = (program: Command) => void;

/** Top-level command name → the module that registers it, in help order (cordon/uncordon and history/show share one). */
const COMMANDS: Record<string, () => Promise<Register>> = {
  controller: async () => (await import("./commands/controller.js")).registerController,
  hosts: async () => (await import("./commands/hosts.js")).registerHosts,
  host: async () => (await import("./commands/host.js")).registerHost,
  reset: async () => (await import("./commands/reset.js")).registerReset,
  recycle: async () => (await import("./commands/recycle.js")).registerRecycle,
  site: async () => (await import("./commands/site.js")).registerSite,
  history: async () => (await import("./commands/history.js")).registerHistory,
  show: async () => (await import("./commands/history.js")).registerHistory,
  status: async () => (await import("./commands/status.js")).registerStatus,
  cordon: async () => (await import("./commands/cordon.js")).registerCordon,
  uncordon: async () => (await import("./commands/cordon.js")).registerCordon,
  rollout: async () => (await import("./commands/rollout.js")).registerRollout,
  window: async () => (await import("./commands/window.js")).registerWindow,
  keys: async () => (await import("./commands/keys.js")).registerKeys,
  "nats-config": async () => (await import("./commands/nats-config.js")).registerNatsConfig,
  token: async () => (await import("./commands/token.js")).registerToken,
  audit: async () => (await import("./commands/audit.js")).registerAudit,
  farm: async () => (await import("./commands/farm.js")).registerFarm,
  notify: async () => (await import("./commands/notify.js")).registerNotify,
  scheduled: async () => (await import("./commands/scheduled.js")).registerScheduled,
  completion: async () => (await import("./commands/completion.js")).registerCompletion,
};

/** The names `COMMANDS` knows, for the test that keeps it equal to what the modules register. */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

/**
 * The program for `argv` (process.argv: node, script, args…): the root with only the command argv names, or — without
 * argv, or when argv asks for help, completion or something unknown — with every command.
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = rootProgram();
  const wanted = argv === undefined ? "all" : commandsFor(program, argv.slice(2));
  const registers = wanted === "all" ? Object.values(COMMANDS) : wanted.map((name) => COMMANDS[name] as () => Promise<Register>);
  const seen = new Set<Register>();
  for (const register of await Promise.all(registers.map((load) => load()))) {
    if (seen.has(register)) continue;
    seen.add(register);
    register(program);
  }
  return program;
}

/**
 * Which commands argv needs. The first operand (past the root's options and their values) names the command; with no
 * operand, `--version` needs none; everything else needs them all: help lists them, completion walks them, and an
 * unknown word gets commander's "did you mean".
 */
function commandsFor(program: Command, args: readonly string[]): string[] | "all" {
  const takesValue = new Set(program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short]).filter((f): f is string => f !== undefined));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") break;
    if (arg.startsWith("-")) {
      if (takesValue.has(arg)) i++;
      continue;
    }
    return arg !== "completion" && Object.hasOwn(COMMANDS, arg) ? [arg] : "all";
  }
  const asksVersion = args.some((a) => a === "--version" || a === "-V");
  const asksHelp = args.some((a) => a === "--help" || a === "-h");
  return asksVersion && !asksHelp ? [] : "all";
}

function rootProgram(): Command {
  return (
    new Command()
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
          "  iisfleet reset web01 --level http --force --timeout 30 --json\n" +
          "  iisfleet recycle web01 web02 --pool ShopPool    # one application pool\n" +
          '  iisfleet site restart web01 --site "Default Web Site"\n  iisfleet history --host web01',
      )
  );
}
