import { mkdirSync } from "node:fs";
import { CommandExecutor } from "./commands/executor.js";
import { HealthMonitor } from "./health/monitor.js";
import { HttpHealthChecker, type ProbeSpec, probeLabel } from "./health/probe.js";
import type { LbMemberActionName } from "./host/lb-member.js";
import { type HostPort, type ResetEventEntry, systemClock } from "./host/port.js";
import type { SimulatedSites } from "./host/simulated/index.js";
import type { Logger } from "./log.js";
import type { AgentOptions } from "./options.js";
import { ResetEngine } from "./reset/engine.js";
import { loadAgentId } from "./state/agent-id.js";
import { CordonStore } from "./state/cordon.js";
import { ResultJournal } from "./state/journal.js";
import { CommandVerifier } from "./security/command-verifier.js";
import { verifyModeFrom } from "./security/verify-mode.js";
import { loadPolicy } from "./state/policy.js";
import { ReplayMemory } from "./state/replay-memory.js";
import { TermMemory } from "./state/term-memory.js";
import { AgentEventId, type LifecycleEventWriter, STOP_GRACE_MS, recordLifecycle, waitForRunningCommand } from "./service/lifecycle.js";
import { HostReadings } from "./transport/facts-cache.js";
import { AgentMessageSigner } from "./transport/message-signer.js";
import { NatsAgent } from "./transport/nats-agent.js";
import { VERSION } from "./version.js";

export class UnsupportedPlatformError extends Error {
  readonly code = "UNSUPPORTED_PLATFORM";
}

export interface RunningAgent {
  agent: NatsAgent;
  /** Lets a running command finish and answer (at most `graceMs`, default STOP_GRACE_MS), then disconnects. */
  stop(opts?: { graceMs?: number; reason?: string }): Promise<void>;
}

/** The host adapter, and what only one kind of host has: a simulated host's sites, a real host's event log. */
interface CreatedHost {
  host: HostPort & { dispose?: () => void };
  sites?: SimulatedSites;
  writeEvent?: LifecycleEventWriter;
}

// Each adapter is imported only where it runs: a simulated agent never holds the PowerShell scripts and the Windows
// adapter's modules in memory, and a Windows agent never holds the simulator's.
async function createHost(opts: AgentOptions, log: Logger): Promise<CreatedHost> {
  if (opts.simulate) {
    const { SimulatedArr, SimulatedHost, SimulatedSites } = await import("./host/simulated/index.js");
    const arrFarms = opts.sim.arr.farms;
    const arr =
      Object.keys(arrFarms).length === 0
        ? undefined
        : new SimulatedArr({
            farms: arrFarms,
            drainMs: opts.sim.arr.drainMs,
            requests: opts.sim.arr.requests,
            // The ARR side of a rollout, in the agent's own log: which member was out of rotation, and when.
            onChange: (c) => log.info({ arr: c }, `arr member ${c.webFarm}/${c.server}: ${c.from} -> ${c.to}`),
          });
    const host = new SimulatedHost({
      generation: opts.sim.generation,
      fault: opts.sim.fault,
      stopMs: opts.sim.stopMs,
      startMs: opts.sim.startMs,
      callMs: opts.sim.callMs,
      iis6Compat: opts.sim.iis6Compat,
      siteFaults: opts.sim.siteFaults,
      poolFaults: opts.sim.poolFaults,
      ...(arr ? { arr } : {}),
    });
    return { host, sites: new SimulatedSites(host) };
  }
  // The real adapter drives the service control manager through PowerShell; anywhere else there is nothing real
  // to drive, and the agent refuses to pretend.
  // One PowerShell for the agent's lifetime, started now so no command pays for it (powershell-session.ts).
  if (process.platform === "win32") {
    const { PowerShellSession, WindowsHost } = await import("./host/windows/index.js");
    const session = new PowerShellSession();
    session.start().catch((err: unknown) => log.warn({ err }, "the PowerShell session did not start; the next call tries again"));
    const host = new WindowsHost(session.run, () => session.close());
    return { host, writeEvent: (e) => host.writeEvent(e) };
  }
  throw new UnsupportedPlatformError("The Windows adapter needs Windows; run with --simulate elsewhere.");
}

/** Composes host adapter, engine, executor and NATS edge; the only place that knows all four. */
export async function runAgent(opts: AgentOptions, log: Logger): Promise<RunningAgent> {
  const clock = systemClock;
  const policy = loadPolicy(opts.policyFile);
  const verifyMode = verifyModeFrom(opts);
  if (verifyMode.kind === "signed") log.info({ trustedKeys: verifyMode.keys.map((k) => k.keyId) }, "only signed commands will run");
  else log.warn("commands are not authenticated: anyone who can publish on this host's NATS subject can reset it (use --trusted-key)");
  mkdirSync(opts.stateDir, { recursive: true });
  const cordon = new CordonStore(opts.stateDir, (message) => log.error({ path: opts.stateDir }, message));
  const journal = new ResultJournal(opts.stateDir);
  const previous = journal.load();
  if (previous.damaged > 0) log.warn({ path: journal.path, damaged: previous.damaged }, "skipped damaged journal entries");
  const replay = new ReplayMemory(opts.stateDir);
  const seen = replay.load();
  if (seen.damaged > 0) log.warn({ path: replay.path, damaged: seen.damaged }, "skipped damaged replay-memory entries");
  const terms = new TermMemory(opts.stateDir, (message) => log.error({ path: opts.stateDir }, message));

  const { host, sites, writeEvent } = await createHost(opts, log);
  if (sites) await sites.start("127.0.0.1", opts.sim.sitePort);
  // Simulated hosts probe their own sites unless told otherwise; a real host probes what its administrator lists.
  const probes: ProbeSpec[] = opts.probes.length > 0 ? opts.probes : (sites?.probes() ?? []);
  const checker = new HttpHealthChecker(() => probes, opts.probe.timeoutMs);
  const monitor = new HealthMonitor(checker);
  const engine = new ResetEngine(host, { clock, pollMs: opts.pollMs, health: checker, probe: opts.probe, onProbe: (r) => monitor.record(r) });

  let agent: NatsAgent | undefined;
  const executor = new CommandExecutor({
    host: opts.host,
    engine,
    clock,
    cordon,
    policy,
    journal,
    replay,
    terms,
    previous: previous.results,
    // Called as methods (host.x?.()), never detached: adapters keep state on `this`.
    ...(host.reboot ? { reboot: () => host.reboot?.() ?? Promise.resolve() } : {}),
    ...(host.recordResetEvent ? { recordEvent: (e: ResetEventEntry) => host.recordResetEvent?.(e) ?? Promise.resolve() } : {}),
    ...(host.arrMember ? { arrMember: (farm: string, server: string, action: LbMemberActionName) => host.arrMember?.(farm, server, action) ?? Promise.reject(new Error("no ARR")) } : {}),
    onStart: (commandId, summary) => log.info({ commandId }, `reset started: ${summary}`),
    onRecordEventError: (err) => log.warn({ err }, "could not write the reset to the host's event log"),
    onJournalError: (err) => log.error({ err, path: journal.path }, "could not write the result journal; repeats of this command may run again"),
    events: { progress: (id, phase, message, step) => agent?.progress(id, phase, message, step) },
  });
  // On Windows every reading is a PowerShell call: heartbeats read cached readings, refreshed every minute and
  // after each command, never while one runs. The simulated host answers from memory and is read directly.
  const readings =
    host.adapter === "windows"
      ? new HostReadings(host, {
          busy: () => executor.busyCommandId !== undefined,
          commands: () => executor.executedCount,
          tickMs: Math.min(5_000, opts.heartbeatMs),
          onError: (err) => log.warn({ err }, "could not refresh the host's facts; heartbeats carry the previous ones"),
        })
      : undefined;
  readings?.start();
  // Its nkey is an ed25519 key: the same seed that lets it onto NATS signs what it says there.
  const signer = opts.natsAuth.nkeySeed ? AgentMessageSigner.fromNkeySeed(opts.host, opts.natsAuth.nkeySeed) : undefined;
  if (signer) log.info({ publicKey: signer.publicKey }, "every message this agent sends is signed with its nkey");
  else log.warn("messages to the controller are not signed (no --nats-nkey): a controller holding agent keys drops them");
  agent = new NatsAgent({
    ...(signer ? { signer } : {}),
    instanceId: loadAgentId(opts.stateDir, (why) => log.warn({ path: opts.stateDir }, why)),
    servers: opts.nats,
    auth: opts.natsAuth,
    identity: { host: opts.host, farm: opts.farm, tags: opts.tags },
    port: readings ?? host,
    executor,
    verifier: new CommandVerifier(verifyMode, opts.host, clock),
    clock,
    log,
    version: VERSION,
    heartbeatMs: opts.heartbeatMs,
    status: () => ({
      cordoned: executor.cordon.cordoned,
      cordonReason: executor.cordon.reason,
      health: monitor.verdict,
      lastReset: executor.lastReset,
    }),
  });
  await monitor.refresh();
  try {
    await agent.start();
  } catch (err) {
    // NATS refused us (credentials, TLS): release the simulated sites too, so the process can exit.
    await sites?.stop();
    readings?.stop();
    host.dispose?.();
    throw err;
  }
  // Health between resets, for heartbeats; skipped while a reset runs its own probes.
  const healthTimer = setInterval(() => {
    if (!executor.busyCommandId) void monitor.refresh();
  }, opts.heartbeatMs);
  const running = agent;
  log.info({ stateDir: opts.stateDir, probes: probes.map(probeLabel), cordoned: cordon.current.cordoned }, "agent ready");
  // The real host's event log gets the start and the stop, beside each reset's outcome (source "iisfleet").
  await recordLifecycle(writeEvent, log, {
    eventId: AgentEventId.Started,
    type: 4,
    message: `iisfleet-agent ${VERSION} started for host ${opts.host} (farm ${opts.farm}), connected to ${opts.nats.join(", ")}.`,
  });
  return {
    agent: running,
    async stop({ graceMs = STOP_GRACE_MS, reason = "stop requested" } = {}) {
      clearInterval(healthTimer);
      const { abandoned } = await waitForRunningCommand(() => executor.busyCommandId, graceMs, log);
      await recordLifecycle(writeEvent, log, {
        eventId: abandoned ? AgentEventId.StoppedWithCommandRunning : AgentEventId.Stopped,
        type: abandoned ? 2 : 4,
        message: abandoned
          ? `iisfleet-agent stopped (${reason}) while command ${abandoned} was still running after ${Math.round(graceMs / 1000)} s; the controller will report it as timed out.`
          : `iisfleet-agent stopped (${reason}).`,
      });
      readings?.stop();
      await running.stop();
      await sites?.stop();
      host.dispose?.();
    },
  };
}
