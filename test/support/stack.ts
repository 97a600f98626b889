// The usual e2e stack in one call: a temp dir, a nats-server, a controller on a database in that dir, agents on
// simulated hosts, and a wait for the agents to register. `stop()` takes it all down again — agents, controller,
// nats-server, dir — and is safe to call twice or after a start that failed half-way (startStack calls it itself then).
import { waitForHosts } from "./events.js";
import { type NatsServer, type NatsServerOptions, startNatsServer } from "./nats-server.js";
import { type AgentSpec, type Controller, type Proc, startAgentProcess, startControllerProcess, tempDir } from "./processes.js";

export interface StackSpec {
  /** Prefix of the stack's temp dir (which holds the controller's database, `iisfleet.db`). */
  dirPrefix?: string;
  agents?: AgentSpec[];
  /** Keep each agent's state in `<dir>/agent-<host>` (unless its spec names a stateDir) instead of a temp dir of its own. */
  agentStateInDir?: boolean;
  nats?: NatsServerOptions;
  controllerArgs?: string[];
  controllerEnv?: NodeJS.ProcessEnv;
  /**
   * What to wait for once all is started (waitForHosts): by default every agent's host registered; `false`: nothing.
   * `hosts`: a count or names instead of the agents' names; `what`, `timeoutMs`: as waitForHosts takes them.
   */
  waitFor?: false | { hosts?: number | string[]; what?: string; timeoutMs?: number };
}

export interface Stack {
  readonly dir: string;
  readonly nats: NatsServer;
  readonly controller: Controller;
  readonly agents: readonly Proc[];
  /** The agent process of this host. Throws for a host the stack did not start. */
  agent(host: string): Proc;
  /** Kills the agents and the controller, stops nats-server, removes the dir. Idempotent. */
  stop(): Promise<void>;
}

export async function startStack(spec: StackSpec = {}): Promise<Stack> {
  const dir = tempDir(spec.dirPrefix ?? "iisfleet-stack-e2e-");
  const byHost = new Map<string, Proc>();
  let nats: NatsServer | undefined;
  let controller: Controller | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      try {
        await Promise.all([...byHost.values()].map((a) => a.kill()));
        await controller?.kill();
        await nats?.stop();
      } finally {
        dir.remove();
      }
    })());
  try {
    nats = await startNatsServer(spec.nats);
    controller = await startControllerProcess(nats.url, `${dir.path}/iisfleet.db`, spec.controllerArgs, spec.controllerEnv);
    for (const a of spec.agents ?? []) {
      const stateDir = a.stateDir ?? (spec.agentStateInDir ? `${dir.path}/agent-${a.host}` : undefined);
      byHost.set(a.host, startAgentProcess(nats.url, stateDir === undefined ? a : { ...a, stateDir }));
    }
    if (spec.waitFor !== false && (spec.agents?.length ?? 0) > 0) {
      const w = spec.waitFor ?? {};
      await waitForHosts(controller, w.hosts ?? [...byHost.keys()], w.what, w.timeoutMs === undefined ? {} : { timeoutMs: w.timeoutMs });
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const started = { nats, controller };
  return {
    dir: dir.path,
    nats: started.nats,
    controller: started.controller,
    agents: [...byHost.values()],
    agent(host: string): Proc {
      const a = byHost.get(host);
      if (a === undefined) throw new Error(`no agent ${host} in this stack (it has ${[...byHost.keys()].join(", ") || "none"})`);
      return a;
    },
    stop,
  };
}

/** Agent specs for these hosts of one farm: `hostsOf("shop", "web01", "web02")`. */
export function hostsOf(farm: string, ...hosts: string[]): AgentSpec[] {
  return hosts.map((host) => ({ host, farm }));
}
