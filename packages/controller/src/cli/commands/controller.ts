import type { Command } from "commander";
import { startController } from "../../daemon.js";
import { createLogger } from "../../log.js";
import { listenArg, natsUrlArg } from "../options.js";

export function registerController(program: Command): void {
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
}
