import { createLogger } from "../log.js";
import { UsageError } from "../options.js";
import { SimulatedFleet } from "./fleet.js";
import { SIMULATE_USAGE, parseSimulateArgs } from "./options.js";

/**
 * `iisfleet-agent simulate ...`: returns the exit code, or -1 while the fleet runs (until SIGINT/SIGTERM).
 * Usage errors exit 2, like the agent's own.
 */
export async function runSimulateCli(argv: string[]): Promise<number> {
  let opts;
  try {
    opts = parseSimulateArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`iisfleet-agent simulate: ${err.message}\n(run with --help for usage)\n`);
      return 2;
    }
    throw err;
  }
  if (opts.help) {
    process.stdout.write(`${SIMULATE_USAGE}\n`);
    return 0;
  }
  const log = createLogger("iisfleet-simulator").child({ farm: opts.farm });
  const fleet = new SimulatedFleet(opts, log);
  const started = performance.now();
  try {
    await fleet.start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.error({ err }, "simulator could not start");
    process.stderr.write(`iisfleet-agent simulate: could not start the simulated fleet: ${message}\n`);
    await fleet.stop().catch(() => undefined);
    return 1;
  }
  const names = fleet.names;
  // The one line scripts and tests wait for; logs go to stderr.
  process.stdout.write(
    `simulating ${names.length} agents (${names[0]}..${names.at(-1)}, farm ${opts.farm}) on ${opts.connections} NATS connection${opts.connections === 1 ? "" : "s"}, started in ${Math.round(performance.now() - started)} ms\n`,
  );
  const shutdown = (signal: string) => {
    log.info({ signal }, "simulator shutting down");
    void fleet.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  return -1;
}
