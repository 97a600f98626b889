#!/usr/bin/env node
import { createLogger } from "./log.js";
import { USAGE, UsageError, parseAgentArgs } from "./options.js";
import { UnsupportedPlatformError, runAgent } from "./run-agent.js";
import { VERSION } from "./version.js";

async function main(): Promise<number> {
  let opts;
  try {
    opts = parseAgentArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`iisfleet-agent: ${err.message}\n(run with --help for usage)\n`);
      return 2;
    }
    throw err;
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (opts.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const log = createLogger("iisfleet-agent").child({ host: opts.host });
  try {
    const running = await runAgent(opts, log);
    const shutdown = (signal: string) => {
      log.info({ signal }, "agent shutting down");
      void running.stop().then(() => process.exit(0));
    };
    process.once("SIGINT", () => shutdown("SIGINT"));
    process.once("SIGTERM", () => shutdown("SIGTERM"));
    return -1; // keep running
  } catch (err) {
    if (err instanceof UnsupportedPlatformError) {
      process.stderr.write(`iisfleet-agent: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

const code = await main();
if (code >= 0) process.exitCode = code;
