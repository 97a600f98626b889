#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import type { CommandDetail } from "../commands/reset-service.js";
import { startController } from "../daemon.js";
import { IisfleetError } from "../errors.js";
import type { HostView } from "../fleet/registry.js";
import { createLogger } from "../log.js";
import type { CommandRow, EventRow } from "../store/index.js";
import { VERSION } from "../version.js";
import { ApiClient, DEFAULT_CONTROLLER_URL } from "./client.js";
import { formatCommand, formatHistory, formatHosts } from "./format.js";
import { hostArg, intArg, levelArg, listenArg, natsUrlArg, operationArg, urlArg } from "./options.js";

/** Exit codes: 0 done; 1 the operation failed (or an error); 2 the command line was wrong. */
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

interface GlobalOpts {
  controller: string;
  json: boolean;
}

function globals(cmd: Command): GlobalOpts {
  return cmd.optsWithGlobals<GlobalOpts>();
}

function print(json: boolean, data: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);
}

function buildProgram(): Command {
  const program = new Command()
    .name("iisfleet")
    .description(
      "Coordinated, safe IIS resets for Windows web farms.\n" +
        "Resets are noforce unless you say --force: a service that refuses to stop is reported, never killed.",
    )
    .version(VERSION)
    .option("--controller <url>", "controller API URL (env IISFLEET_CONTROLLER)", urlArg, process.env.IISFLEET_CONTROLLER ?? DEFAULT_CONTROLLER_URL)
    .option("--json", "print machine-readable JSON (errors too)", false)
    .showHelpAfterError("(run with --help for usage)")
    // Before the subcommands are added, so they inherit it: usage errors reach main() and exit 2.
    .exitOverride()
    .addHelpText(
      "after",
      "\nExit codes: 0 success, 1 the operation failed or an error occurred, 2 invalid command line.\n" +
        "Examples:\n  iisfleet controller --nats nats://127.0.0.1:4222 --db ./data/iisfleet.db\n" +
        "  iisfleet hosts\n  iisfleet reset web01            # noforce restart of IIS on web01\n" +
        "  iisfleet reset web01 --level http --force --timeout 30 --json\n  iisfleet history --host web01",
    );

  program
    .command("controller")
    .description("run the controller daemon: fleet registry, command dispatch, history in SQLite, HTTP API")
    .option("--nats <url>", "NATS server URL; repeat or comma-separate for a cluster (env IISFLEET_NATS)", natsUrlArg)
    .option("--db <path>", "SQLite database file (env IISFLEET_DB)", process.env.IISFLEET_DB ?? "./data/iisfleet.db")
    .option("--listen <host:port>", "API address; keep it on loopback unless you front it with auth", listenArg, listenArg("127.0.0.1:8740"))
    .action(async (o: { nats?: string[]; db: string; listen: { host: string; port: number } }) => {
      const log = createLogger("iisfleet-controller");
      const servers = o.nats ?? natsUrlArg(process.env.IISFLEET_NATS ?? "nats://127.0.0.1:4222", []);
      const ctl = await startController({ natsServers: servers, dbPath: o.db, listenHost: o.listen.host, listenPort: o.listen.port, log });
      // The one line scripts and tests wait for; logs go to stderr.
      process.stdout.write(`iisfleet controller listening on ${ctl.url}\n`);
      const shutdown = (signal: string) => {
        log.info({ signal }, "shutting down");
        void ctl.stop().then(() => process.exit(0));
      };
      process.once("SIGINT", () => shutdown("SIGINT"));
      process.once("SIGTERM", () => shutdown("SIGTERM"));
    });

  program
    .command("hosts")
    .description("list the agents that have reported, with liveness and IIS state")
    .action(async (_o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const res = await new ApiClient(g.controller).get<{ hosts: HostView[] }>("/api/v1/hosts");
      print(g.json, res, () => formatHosts(res.hosts));
    });

  program
    .command("reset")
    .description("reset IIS on one host (iisreset /restart, noforce unless --force) and print each step")
    .argument("<host>", "host name as its agent reports it", hostArg)
    .option("--level <level>", "recycle | w3svc | iis | http (iis: stop WAS/IISADMIN with dependents, start W3SVC and them)", levelArg, "iis")
    .option("--operation <op>", "restart | stop | start (iisreset /RESTART, /STOP, /START)", operationArg, "restart")
    .option("--force", "if the graceful stop fails, terminate the processes hosting IIS (unopenable ones are skipped)", false)
    .option("--timeout <seconds>", "graceful stop deadline (iisreset /TIMEOUT; default 20 for restart, 60 for stop)", intArg(1, 3600, "seconds"))
    .option("--issuer <name>", "who is asking, recorded in history", process.env.USER ?? "cli")
    .action(async (host: string, o: { level: string; operation: string; force: boolean; timeout?: number; issuer: string }, cmd: Command) => {
      const g = globals(cmd);
      const res = await new ApiClient(g.controller).post<{ command: CommandDetail }>(`/api/v1/hosts/${host}/reset`, {
        operation: o.operation,
        level: o.level,
        force: o.force,
        timeoutMs: (o.timeout ?? 0) * 1000,
        issuer: o.issuer.replace(/[^A-Za-z0-9._@:-]/g, "_").slice(0, 64) || "cli",
      });
      print(g.json, res, () => formatCommand(res.command));
      if (res.command.state !== "succeeded") process.exitCode = EXIT_FAILED;
    });

  program
    .command("history")
    .description("recorded commands, newest first, with their steps")
    .option("--host <host>", "only this host", hostArg)
    .option("--limit <n>", "at most this many", intArg(1, 1000, "commands"), 20)
    .action(async (o: { host?: string; limit: number }, cmd: Command) => {
      const g = globals(cmd);
      const q = new URLSearchParams({ limit: String(o.limit), ...(o.host ? { host: o.host } : {}) });
      const res = await new ApiClient(g.controller).get<{ commands: CommandRow[] }>(`/api/v1/commands?${q}`);
      print(g.json, res, () => formatHistory(res.commands));
    });

  program
    .command("show")
    .description("one command: its steps and the progress events the agent sent")
    .argument("<command-id>", "id from history (full id)")
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const res = await new ApiClient(g.controller).get<{ command: CommandDetail; events: EventRow[] }>(
        `/api/v1/commands/${encodeURIComponent(id)}`,
      );
      print(g.json, res, () =>
        [formatCommand(res.command), "", ...res.events.map((e) => `${new Date(e.atMs).toISOString()}  ${e.kind.padEnd(17)} ${e.message}`)].join("\n"),
      );
    });

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
    const e =
      err instanceof IisfleetError ? err : new IisfleetError("INTERNAL", err instanceof Error ? err.message : String(err));
    if (json) process.stdout.write(`${JSON.stringify({ error: e.toJSON() })}\n`);
    else process.stderr.write(`iisfleet: ${e.message}\n`);
    process.exitCode = e.code === "INVALID_INPUT" ? EXIT_USAGE : EXIT_FAILED;
  }
}

await main(process.argv);
