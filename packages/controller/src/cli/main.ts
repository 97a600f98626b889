#!/usr/bin/env node
import { CommanderError } from "commander";
import { IisfleetError } from "../errors.js";
import { EXIT_FAILED, EXIT_USAGE } from "./context.js";
import { buildProgram } from "./program.js";

async function main(argv: string[]): Promise<void> {
  const program = await buildProgram(argv);
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
