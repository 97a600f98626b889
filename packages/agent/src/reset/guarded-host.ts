import { type HostPort, Win32Error } from "../host/port.js";

/**
 * A host call that failed without a Win32 answer: PowerShell timed out, could not be spawned, printed something
 * unreadable, or its script hit a CIM/.NET fault. The engine treats it as a failed step with this cause and then
 * restores, exactly as for a Win32 refusal (DESIGN.md invariant 8) — never as a reason to stop half-way.
 */
export class HostCallFailure extends Error {
  constructor(
    readonly operation: string,
    readonly target: string,
    cause: unknown,
  ) {
    const text = cause instanceof Error ? cause.message : String(cause);
    super(`${operation}${target ? ` ${target}` : ""} failed on the host: ${text.replace(/\.$/, "")}.`);
    this.name = "HostCallFailure";
  }
}

/**
 * The host as the engine uses it: the same calls, but every failure is either a Win32Error (a number the engine
 * decides on) or a HostCallFailure naming the call — nothing else escapes.
 */
export function guardedHost(host: HostPort): HostPort {
  async function call<T>(operation: string, target: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof Win32Error || err instanceof HostCallFailure) throw err;
      throw new HostCallFailure(operation, target, err);
    }
  }
  return {
    adapter: host.adapter,
    iisGeneration: () => call("Detecting the IIS generation", "", () => host.iisGeneration()),
    listServices: () => call("Listing the services", "", () => host.listServices()),
    queryService: (name) => call("Querying", name, () => host.queryService(name)),
    stopService: (name) => call("Stopping", name, () => host.stopService(name)),
    startService: (name) => call("Starting", name, () => host.startService(name)),
    listProcesses: () => call("Listing the processes", "", () => host.listProcesses()),
    killProcess: (target) => call("Terminating", `pid ${target.pid} ${target.image}`, () => host.killProcess(target)),
    listAppPools: () => call("Listing the application pools", "", () => host.listAppPools()),
    recycleAppPool: (name) => call("Recycling", name, () => host.recycleAppPool(name)),
    startAppPool: (name) => call("Starting the application pool", name, () => host.startAppPool(name)),
    listSites: () => call("Listing the sites", "", () => host.listSites()),
    stopSite: (name) => call("Stopping the site", name, () => host.stopSite(name)),
    startSite: (name) => call("Starting the site", name, () => host.startSite(name)),
  };
}
