import { type CommandSigningKey, SigningKeyError, loadSigningKey } from "@iisfleet/proto";
import type { Command } from "commander";
import { startController } from "../../daemon.js";
import { SigningKeyUnusableError } from "../../errors.js";
import { createLogger } from "../../log.js";
import { listenArg, natsUrlArg } from "../options.js";

export function registerController(program: Command): void {
  program
    .command("controller")
    .description("run the controller daemon: fleet registry, command dispatch, history in SQLite, HTTP API")
    .option("--nats <url>", "NATS server URL; repeat or comma-separate for a cluster (env IISFLEET_NATS)", natsUrlArg)
    .option("--db <path>", "SQLite database file (env IISFLEET_DB)", process.env.IISFLEET_DB ?? "./data/iisfleet.db")
    .option("--listen <host:port>", "API address; keep it on loopback unless you front it with auth", listenArg, listenArg("127.0.0.1:8740"))
    .option(
      "--signing-key <file>",
      "ed25519 key that signs every command (command-signing.key from `iisfleet keys init`; env IISFLEET_SIGNING_KEY). Without it commands go unsigned, and agents that trust a key refuse them",
      process.env.IISFLEET_SIGNING_KEY,
    )
    .action(async (o: { nats?: string[]; db: string; listen: { host: string; port: number }; signingKey?: string }) => {
      const log = createLogger("iisfleet-controller");
      const servers = o.nats ?? natsUrlArg(process.env.IISFLEET_NATS ?? "nats://127.0.0.1:4222", []);
      const signingKey = o.signingKey === undefined ? undefined : signingKeyFrom(o.signingKey);
      if (signingKey) log.info({ keyId: signingKey.keyId }, "commands are signed");
      else log.warn("no --signing-key: commands are sent unsigned; only agents started with --allow-unsigned (or simulated ones) will run them");
      const ctl = await startController({ natsServers: servers, dbPath: o.db, listenHost: o.listen.host, listenPort: o.listen.port, log, signingKey });
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

function signingKeyFrom(path: string): CommandSigningKey {
  try {
    return loadSigningKey(path);
  } catch (err) {
    if (err instanceof SigningKeyError) throw new SigningKeyUnusableError(err.message);
    throw err;
  }
}
