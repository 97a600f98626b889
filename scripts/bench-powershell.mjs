// PowerShell spawns and script calls of the Windows adapter, counted on Linux: the real WindowsHost, ResetEngine,
// runners and facts code, with powershell.exe replaced by a fake that answers from a SimulatedHost (services take
// its default 300 ms to stop or start; the engine polls at the agent's default 250 ms) and counts every process
// start and every script. Wall-clock figures mean nothing here (the fake costs nothing to start); counts do.
//   "per call" = one powershell.exe per script (the adapter before the session);
//   "session"  = one long-lived powershell.exe per agent, started when the agent starts.
// Idle: one minute of heartbeats at the default 10 s, time-compressed (the same calls the agent makes, without
// waiting): "per call" collects facts for every heartbeat; "session" reads the cached readings, refreshed on
// their own 60 s timer.
//   node scripts/bench-powershell.mjs     (after npm run build)
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (rel) => import(pathToFileURL(join(ROOT, "packages", "agent", "dist", rel)).href);

const LEVELS = ["recycle", "w3svc", "iis", "http"];
const HEARTBEATS_PER_MINUTE = 6;
const LABEL = { "per call": "before (process per call)", session: "after (one session)" };

export async function powershellRows() {
  const win = await dist("host/windows/index.js");
  const { SimulatedHost } = await dist("host/simulated/index.js");
  const { ResetEngine } = await dist("reset/engine.js");
  const { collectFacts } = await dist("host/facts.js");
  const facts = await dist("transport/facts-cache.js");

  const idle = { cordoned: false, cordonReason: "", busyCommandId: undefined, health: "healthy", lastReset: undefined };
  const id = { host: "web01", farm: "f", tags: {} };

  /** A Windows host on a fake powershell, counted; `mode` picks the runner. */
  async function windowsOn(mode, { warm = true } = {}) {
    const sim = new SimulatedHost();
    const counts = win.newSpawnCounts();
    const answer = win.answerFromHost(sim);
    if (mode === "per call") {
      return { host: new win.WindowsHost(win.createPowerShellRunner({ spawn: win.fakePerCallSpawn(answer, counts) })), counts, close: async () => sim.dispose?.() };
    }
    const session = new win.PowerShellSession({ spawn: win.fakeSessionSpawn(answer, counts) });
    if (warm) await session.start(); // the agent starts its session at start-up, before any command
    return { host: new win.WindowsHost(session.run), counts, close: async () => { await session.close(); sim.dispose?.(); } };
  }

  const rows = [];
  const results = {};
  for (const mode of ["per call", "session"]) {
    for (const level of LEVELS) {
      const w = await windowsOn(mode);
      await w.host.iisGeneration(); // the agent knows its generation from its first heartbeat
      const before = { ...w.counts };
      const engine = new ResetEngine(w.host, { pollMs: 250 });
      const report = await engine.run({ operation: "restart", level, force: false, stopTimeoutMs: 20_000, startTimeoutMs: 60_000 });
      if (!report.ok) throw new Error(`${mode} ${level}: ${report.code} ${report.message}`);
      const spawns = w.counts.spawns - before.spawns;
      const calls = w.counts.calls - before.calls;
      results[`${mode}/${level}`] = { spawns, calls };
      rows.push([`pwsh ${LABEL[mode]}: reset --level ${level}`, `${spawns} spawns`, `${calls} script calls`]);
      await w.close();
    }
    const w = await windowsOn(mode);
    await w.host.iisGeneration(); // steady state: known since the agent's first heartbeat
    const before = { ...w.counts };
    if (mode === "per call") {
      const cache = new facts.FactsCache((s) => collectFacts(w.host, id, s), { now: () => 0, sleep: async () => {} }, 0);
      for (let i = 0; i < HEARTBEATS_PER_MINUTE; i++) await cache.get(idle);
    } else {
      const readings = new facts.HostReadings(w.host, { refreshMs: 60_000 });
      await readings.refresh(); // the one refresh a minute, on its own timer
      const cache = new facts.FactsCache((s) => collectFacts(readings, id, s), { now: () => 0, sleep: async () => {} }, 0);
      for (let i = 0; i < HEARTBEATS_PER_MINUTE; i++) await cache.get(idle);
    }
    const spawns = w.counts.spawns - before.spawns;
    const calls = w.counts.calls - before.calls;
    results[`${mode}/idle`] = { spawns, calls };
    rows.push([`pwsh ${LABEL[mode]}: idle minute`, `${spawns} spawns`, `${calls} script calls (${HEARTBEATS_PER_MINUTE} heartbeats)`]);
    await w.close();
  }
  {
    // The worst case: the session died (timeout, crash) just before a reset, whose first call starts a new one.
    const w = await windowsOn("session", { warm: false });
    const report = await new ResetEngine(w.host, { pollMs: 250 }).run({ operation: "restart", level: "iis", force: false, stopTimeoutMs: 20_000, startTimeoutMs: 60_000 });
    if (!report.ok) throw new Error(`cold session: ${report.code} ${report.message}`);
    results["session/cold"] = { spawns: w.counts.spawns, calls: w.counts.calls };
    rows.push([`pwsh ${LABEL.session}, lost before: reset --level iis`, `${w.counts.spawns} spawns`, `${w.counts.calls} script calls (the first starts a new session)`]);
    await w.close();
  }
  const worst = Math.max(...[...LEVELS, "cold"].map((l) => results[`session/${l}`].spawns));
  const target = worst <= 2 && results["session/idle"].spawns === 0 ? "met" : "MISSED";
  rows.push(["pwsh target (≤ 2 spawns/reset, 0 idle)", target, `session: worst ${worst} spawns per reset, ${results["session/idle"].spawns} per idle minute`]);
  return { rows, results };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { printTable } = await import("./bench-support.mjs");
  printTable((await powershellRows()).rows);
}
