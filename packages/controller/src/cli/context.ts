import type { Command } from "commander";
import { ApiClient } from "./client.js";
import { resolveToken } from "./token-source.js";

/** Exit codes: 0 done; 1 the operation failed (or an error); 2 the command line was wrong. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface GlobalOpts {
  controller: string;
  json: boolean;
  token?: string;
  tokenFile?: string;
}

/** What every subcommand needs: the global flags, an API client, and one way to print. */
export interface CliContext {
  json: boolean;
  api: ApiClient;
  /** JSON (the API's answer as is) with --json, the human rendering otherwise. */
  print(data: unknown, human: () => string): void;
}

export function contextOf(cmd: Command): CliContext {
  const g = cmd.optsWithGlobals<GlobalOpts>();
  return {
    json: g.json,
    // Human output renders agent-supplied text on a terminal: its control characters are neutralised. JSON output
    // escapes them anyway (JSON.stringify), and scripts get the text as the agent sent it.
    api: new ApiClient(g.controller, resolveToken({ token: g.token, tokenFile: g.tokenFile }), !g.json, (standby, leader) =>
      process.stderr.write(`iisfleet: ${standby} is a standby: sent to the leader at ${leader}\n`),
    ),
    print: (data, human) => process.stdout.write(g.json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`),
  };
}
