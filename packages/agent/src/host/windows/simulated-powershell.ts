/**
 * A powershell.exe that is not one, for Linux: it answers the Windows adapter's scripts (recognised by their exact
 * text, arguments decoded from the `$A` line) from any HostPort — in practice a SimulatedHost — in the golden
 * files' JSON shape. It plugs in where the real process would be spawned, so WindowsHost, the per-call runner and
 * the session run their own code unchanged while every spawn and every script is counted. The benchmark measures
 * spawns and calls per reset with it; tests use it to drive the real runner code end to end.
 */
import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import { sameIisName } from "@iisfleet/proto";
import { type HostPort, ObjectState, ProcessGoneError, Win32Error } from "../port.js";
import { stopServiceReturnToWin32 } from "./parse.js";
import type { ChildLike, PsResult, SpawnFn } from "./powershell.js";
import { FRAME_TAG, type SessionChild, type SessionSpawnFn } from "./powershell-session.js";
import { type ScriptName, scriptName } from "./scripts.js";

export interface SpawnCounts {
  spawns: number;
  calls: number;
  byScript: Partial<Record<ScriptName, number>>;
}

export const newSpawnCounts = (): SpawnCounts => ({ spawns: 0, calls: 0, byScript: {} });

export type ScriptAnswer = (name: ScriptName, args: string[]) => Promise<Record<string, unknown>>;

/** The script and arguments inside a text built by withArguments(). */
export function decodeScriptText(text: string): { name: ScriptName | undefined; args: string[] } {
  const nl = text.indexOf("\n");
  const first = nl < 0 ? text : text.slice(0, nl);
  const args = [...first.matchAll(/'([A-Za-z0-9+/=]*)'/g)].map((m) => Buffer.from(m[1] ?? "", "base64").toString("utf8"));
  return { name: scriptName(nl < 0 ? "" : text.slice(nl + 1)), args };
}

const envelope = (payload: object) => `${JSON.stringify({ v: 1, ...payload })}\r\n`;

async function answerText(answer: ScriptAnswer, text: string, counts: SpawnCounts): Promise<string> {
  const { name, args } = decodeScriptText(text);
  if (!name) return envelope({ ok: false, error: { win32: null, hresult: -2146233087, type: "ParseException", message: "unknown script" } });
  counts.calls++;
  counts.byScript[name] = (counts.byScript[name] ?? 0) + 1;
  try {
    return envelope({ ok: true, data: await answer(name, args) });
  } catch (err) {
    const win32 = err instanceof Win32Error ? err.win32 : null;
    const message = err instanceof Error ? err.message : String(err);
    return envelope({ ok: false, error: { win32, hresult: -2146233087, type: "System.ComponentModel.Win32Exception", message } });
  }
}

/** StopService answers a number, not an exception: the inverse of parse.ts's table. */
function stopReturnValue(win32: number): number | undefined {
  for (let v = 1; v <= 24; v++) if (stopServiceReturnToWin32(v) === win32) return v;
  return undefined;
}

/**
 * A listed site's or pool's State as the scripts print it; one the host cannot read (IIS not serving) as the COM error
 * Microsoft.Web.Administration throws for an object WAS does not know (golden apppools-state-unknown.json).
 */
function objectState(o: { started: boolean; state?: number }): { state: number | null; stateError: PsErrorShape | null } {
  if (o.state !== undefined) return { state: o.state, stateError: null };
  if (o.started) return { state: ObjectState.Started, stateError: null };
  return { state: null, stateError: { win32: 4312, hresult: -2147020584, type: "System.Runtime.InteropServices.COMException", message: "The object identifier does not represent a valid object. (Exception from HRESULT: 0x800710D8)" } };
}

interface PsErrorShape {
  win32: number;
  hresult: number;
  type: string;
  message: string;
}

/** Answers every script the adapter sends from a HostPort, as the real scripts would print it. */
export function answerFromHost(host: HostPort): ScriptAnswer {
  const stateIn = async (list: Promise<{ name: string; started: boolean; state?: number }[]>, name: string) => {
    const found = (await list).find((o) => sameIisName(o.name, name));
    return found === undefined ? ObjectState.Unknown : (found.state ?? (found.started ? ObjectState.Started : ObjectState.Stopped));
  };
  const siteState = (name: string) => stateIn(host.listSites(), name);
  const poolState = (name: string) => stateIn(host.listAppPools(), name);
  const service = (s: Awaited<ReturnType<HostPort["queryService"]>>) => ({
    name: s.name,
    displayName: s.displayName,
    state: s.state,
    serviceType: s.name.toUpperCase() === "HTTP" ? 1 : 32,
    acceptsStop: s.acceptsStop,
    checkpoint: s.checkpoint,
    waitHintMs: s.waitHintMs,
    pid: s.pid,
    win32ExitCode: s.win32ExitCode ?? 0,
    startType: s.startType ?? 3,
    dependsOn: s.dependsOn,
  });
  return async (name, args) => {
    const a0 = args[0] ?? "";
    switch (name) {
      case "listServices": {
        const generation = await host.iisGeneration();
        const services = (await host.listServices()).map(service);
        return { services, iis: { majorVersion: generation === "iis6" ? 6 : 10, minorVersion: 0 } };
      }
      case "queryService":
        return { service: service(await host.queryService(a0)) };
      case "stopService":
        try {
          await host.stopService(a0);
          return { service: a0, returnValue: 0 };
        } catch (err) {
          const v = err instanceof Win32Error ? stopReturnValue(err.win32) : undefined;
          if (v === undefined) throw err;
          return { service: a0, returnValue: v };
        }
      case "startService":
        await host.startService(a0);
        return { service: a0 };
      case "listProcesses":
        return {
          processes: (await host.listProcesses()).map((p) => ({
            pid: p.pid,
            image: p.image,
            services: p.services,
            createdAtMs: p.createdAtMs ?? null,
            commandLine: p.appPool !== undefined ? `c:\\windows\\system32\\inetsrv\\w3wp.exe -ap "${p.appPool}" -v "v4.0"` : null,
            modules: p.modules ?? null,
            modulesError: null,
          })),
        };
      case "killProcess": {
        // As the real script: a pid that now names another process (or none) is left alone and reported.
        const target = { pid: Number(a0), image: args[1] ?? "", createdAtMs: Number(args[2]) };
        try {
          await host.killProcess(target);
          return { pid: target.pid, killed: true };
        } catch (err) {
          // Gone without a successor: the script's Get-Process fails with 87, as the envelope of a thrown error says.
          if (!(err instanceof ProcessGoneError) || err.now === undefined) throw err;
          return { pid: target.pid, killed: false, image: err.now.image, createdAtMs: err.now.createdAtMs };
        }
      }
      case "listAppPools":
        return {
          provider: "mwa",
          pools: (await host.listAppPools()).map((p) => ({ name: p.name, ...objectState(p), workerPids: p.workerPids })),
          workersError: null,
        };
      case "recycleAppPool":
        await host.recycleAppPool(a0);
        return { name: a0, state: ObjectState.Started };
      // Stop() and Start() return the ObjectState they leave the object in: Stopping / Starting while it settles.
      case "startAppPool": {
        const before = await poolState(a0);
        await host.startAppPool(a0);
        return { name: a0, before, state: await poolState(a0) };
      }
      case "listSites":
        return {
          provider: "mwa",
          sites: (await host.listSites()).map((site) => ({
            name: site.name,
            id: site.id,
            ...objectState(site),
            bindings: site.bindings,
            appPool: site.appPool,
          })),
        };
      case "stopSite":
      case "startSite": {
        const before = await siteState(a0);
        await (name === "stopSite" ? host.stopSite(a0) : host.startSite(a0));
        return { name: a0, before, state: await siteState(a0) };
      }
      case "writeEvent":
        return { source: "iisfleet", eventId: Number(a0) };
      case "arrMember":
        return { found: "no-arr" };
    }
  };
}

class FakeChild extends EventEmitter {
  readonly stdin = new PassThrough();
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  exited = false;

  kill(): boolean {
    if (this.exited) return false;
    this.exited = true;
    this.stdout.end();
    this.stderr.end();
    setImmediate(() => {
      this.emit("exit", null, "SIGTERM");
      this.emit("close", null, "SIGTERM");
    });
    return true;
  }
}

/**
 * What starting powershell.exe costs, paid before the fake answers anything (0.3–1.2 s on a real server). `sleep`
 * is the clock the caller's engine uses, so a test's manual clock sees the cost exactly.
 */
export interface SpawnCost {
  spawnMs: number;
  sleep(ms: number): Promise<void>;
}

const NO_COST: SpawnCost = { spawnMs: 0, sleep: async () => {} };

/** spawn() for the per-call runner: one fake process per call, answering its -EncodedCommand. */
export function fakePerCallSpawn(answer: ScriptAnswer, counts: SpawnCounts, cost: SpawnCost = NO_COST): SpawnFn {
  return (_file, args) => {
    counts.spawns++;
    const child = new FakeChild();
    const text = Buffer.from(args[args.length - 1] ?? "", "base64").toString("utf16le");
    void cost.sleep(cost.spawnMs).then(() => answerText(answer, text, counts)).then((out) => {
      child.stdout.end(out);
      child.stderr.end();
      child.exited = true;
      setImmediate(() => child.emit("close", 0, null));
    });
    return child as unknown as ChildLike;
  };
}

/** spawn() for the session: one fake process speaking the stdin protocol (powershell-session.ts). */
export function fakeSessionSpawn(answer: ScriptAnswer, counts: SpawnCounts, cost: SpawnCost = NO_COST): SessionSpawnFn {
  return () => {
    counts.spawns++;
    const child = new FakeChild();
    let buffer = "";
    let booted = false;
    let chain = cost.sleep(cost.spawnMs);
    child.stdin.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!booted) {
          booted = true;
          chain = chain.then(() => void child.stdout.write(`${FRAME_TAG} ready\r\n`));
          continue;
        }
        const [id, b64] = line.split(" ");
        chain = chain.then(async () => {
          const out = await answerText(answer, Buffer.from(b64 ?? "", "base64").toString("utf8"), counts);
          if (!child.exited) child.stdout.write(`${FRAME_TAG} ${id ?? ""} 0 ${Buffer.from(out).toString("base64")} \r\n`);
        });
      }
    });
    child.stdin.on("finish", () => child.kill());
    return child as unknown as SessionChild;
  };
}
