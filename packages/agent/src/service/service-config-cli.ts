// `iisfleet-agent service-config --install-dir DIR --log-dir DIR -- [agent options]`: prints the WinSW XML that
// runs this agent as the service "iisfleet-agent" with those options. install-agent.ps1 calls it on the host, so
// the options are checked by the very executable that will run them, before any service is registered.
import { parseArgs } from "node:util";
import { UsageError, parseAgentArgs } from "../options.js";
import { ServiceConfigError, renderWinSwConfig } from "./winsw-config.js";

export const SERVICE_CONFIG_USAGE = `Usage: iisfleet-agent service-config --install-dir DIR --log-dir DIR -- [agent options]

Prints the WinSW configuration (XML) for the Windows service "iisfleet-agent": LocalSystem, automatic start,
restart on failure (10 s, 30 s, then every 2 min), stop by Ctrl+C with time for a running command to finish, logs
rolled at 10 MiB. The agent options after -- are checked as the agent would check them at start-up.

  --install-dir DIR   where iisfleet-agent.exe is (absolute)
  --log-dir DIR       where the service's logs go (absolute)`;

/** Returns the exit code: 0 printed, 2 usage error. */
export function runServiceConfigCli(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const split = argv.indexOf("--");
  const own = split >= 0 ? argv.slice(0, split) : argv;
  const agentArgs = split >= 0 ? argv.slice(split + 1) : [];
  try {
    const { values } = parseArgs({ args: own, options: { "install-dir": { type: "string" }, "log-dir": { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true });
    if (values.help) {
      out(`${SERVICE_CONFIG_USAGE}\n`);
      return 0;
    }
    if (!values["install-dir"] || !values["log-dir"]) throw new UsageError("--install-dir and --log-dir are both required.");
    const agent = parseAgentArgs(agentArgs);
    if (agent.help || agent.version) throw new UsageError("the agent options after -- are for running the service; --help and --version do not belong there.");
    out(renderWinSwConfig({ installDir: values["install-dir"], logDir: values["log-dir"], agentArgs }));
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof ServiceConfigError || (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))) {
      err(`iisfleet-agent service-config: ${e.message}\n(run with --help for usage)\n`);
      return 2;
    }
    throw e;
  }
}
