import { type Command, Option } from "commander";
import { startController } from "../../daemon.js";
import { createLogger } from "../../log.js";
import { listenArg, natsUrlArg } from "../options.js";
import { DEFAULT_DB_PATH } from "../token-source.js";

/** Loopback: the API is reachable from other machines only when the operator says so (--listen 0.0.0.0:8740). */
export const DEFAULT_LISTEN = "127.0.0.1:8740";

export function registerController(program: Command): void {
  program
    .command("controller")
    .description("run the controller daemon: fleet registry, command dispatch, history in SQLite, HTTP API")
    .option("--nats <url>", "NATS server URL; repeat or comma-separate for a cluster (env IISFLEET_NATS)", natsUrlArg)
    .option("--db <path>", "SQLite database file (env IISFLEET_DB)", process.env.IISFLEET_DB || DEFAULT_DB_PATH)
    .addOption(
      new Option("--listen <host:port>", "API address; loopback unless you say otherwise (e.g. 0.0.0.0:8740 — then put TLS in front: tokens are bearer secrets)")
        .argParser(listenArg)
        .default(listenArg(DEFAULT_LISTEN), DEFAULT_LISTEN),
    )
    .option("--admin-token-file <path>", "where the first start writes its admin token (default: admin.token beside --db)")
    .addHelpText(
      "after",
      "\nEvery API request needs a token (iisfleet token --help). When the database has no token at all, the controller\n" +
        "creates an admin token named bootstrap-admin and writes it to admin.token beside the database (mode 0600), where\n" +
        "the CLI on this machine finds it. The token itself is never logged.",
    )
    .action(async (o: { nats?: string[]; db: string; listen: { host: string; port: number }; adminTokenFile?: string }) => {
      const log = createLogger("iisfleet-controller");
      const servers = o.nats ?? natsUrlArg(process.env.IISFLEET_NATS ?? "nats://127.0.0.1:4222", []);
      const ctl = await startController({
        natsServers: servers,
        dbPath: o.db,
        listenHost: o.listen.host,
        listenPort: o.listen.port,
        log,
        ...(o.adminTokenFile !== undefined ? { adminTokenFile: o.adminTokenFile } : {}),
      });
      if (ctl.adminTokenFile) process.stdout.write(`First start: wrote an admin API token to ${ctl.adminTokenFile} (mode 0600; the CLI here reads it).\n`);
      // The one line scripts and tests wait for; logs go to stderr.
      process.stdout.write(`iisfleet controller listening on ${ctl.url}\n`);
      const shutdown = (signal: string) => {
        log.info({ signal }, "shutting down");
        void ctl.stop().then(() => process.exit(0));
      };
      process.once("SIGINT", () => shutdown("SIGINT"));
      process.once("SIGTERM", () => shutdown("SIGTERM"));
    });
}
