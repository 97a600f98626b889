#!/usr/bin/env node
import { clockSkewSettingProblem } from "@iisfleet/proto";
import { LogLevelError, type Logger, createLogger } from "./log.js";
import { USAGE, UsageError, parseAgentArgs } from "./options.js";
import { UnsupportedPlatformError, runAgent } from "./run-agent.js";
import { PolicyError } from "./state/policy.js";
import { NatsAuthRefusedError } from "./transport/nats-credentials.js";
import { VERSION } from "./version.js";

async function main(): Promise<number> {
  // `iisfleet-agent simulate ...`: many simulated agents in one process (simulate/).
  // Both subcommands are imported only when named: a running agent does not hold them in memory.
  if (process.argv[2] === "simulate") return (await import("./simulate/main.js")).runSimulateCli(process.argv.slice(3));
  // `iisfleet-agent service-config ...`: the WinSW XML for running as a Windows service (install-agent.ps1).
  if (process.argv[2] === "service-config") {
    const { runServiceConfigCli } = await import("./service/service-config-cli.js");
    return runServiceConfigCli(process.argv.slice(3), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
  }
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
  const skew = clockSkewSettingProblem();
  if (skew && !opts.help && !opts.version) {
    process.stderr.write(`iisfleet-agent: ${skew.message}\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (opts.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  let log: Logger;
  try {
    log = createLogger("iisfleet-agent").child({ host: opts.host });
  } catch (err) {
    if (!(err instanceof LogLevelError)) throw err;
    process.stderr.write(`iisfleet-agent: ${err.message}\n`);
    return 2;
  }
  try {
    const running = await runAgent(opts, log);
    // SIGINT is also how the Windows service stops us (WinSW sends Ctrl+C): a running command finishes first.
    const shutdown = (signal: string) => {
      log.info({ signal }, "agent shutting down");
      void running.stop({ reason: signal }).then(() => process.exit(0));
    };
    process.once("SIGINT", () => shutdown("SIGINT"));
    process.once("SIGTERM", () => shutdown("SIGTERM"));
    return -1; // keep running
  } catch (err) {
    // Start-up failures (unsupported platform, a bad policy file, an unwritable state dir): one sentence, exit 1.
    const message = err instanceof Error ? err.message : String(err);
    log.error({ err, code: err instanceof UnsupportedPlatformError || err instanceof PolicyError || err instanceof NatsAuthRefusedError ? err.code : undefined }, "agent could not start");
    process.stderr.write(`iisfleet-agent: ${message}\n`);
    return 1;
  }
}

// No top-level await: the Windows executable embeds this file as a CommonJS bundle (Node's single executable
// applications start CommonJS), and esbuild cannot emit top-level await in that format.
void main().then((code) => {
  if (code >= 0) process.exitCode = code;
});
