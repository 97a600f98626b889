/**
 * The simulated process table. PIDs come from a counter (multiples of 4, as on Windows) so runs are
 * deterministic. By default a pid is never reused, so "the worker pid changed" is always observable; with
 * `reusePids` a freed pid is handed out again at once (the most recently freed first), as Windows reuses pids —
 * which is why a kill must check the creation time, not trust a bare pid.
 */
export type ProcessRole =
  | { readonly kind: "system" }
  | { readonly kind: "service-host"; readonly group: string }
  | { readonly kind: "worker"; readonly pool: string }
  /** A w3wp.exe WAS no longer manages (the unkillable-process fault). */
  | { readonly kind: "orphan-worker"; readonly pool: string }
  /** A process unrelated to IIS (WmiPrvSE.exe, conhost.exe ...): what a reused pid may belong to. */
  | { readonly kind: "unrelated" };

export interface SimProcess {
  readonly pid: number;
  readonly image: string;
  readonly modules: readonly string[];
  /** OpenProcess fails on it, so TerminateProcess is impossible: access denied. */
  readonly protected: boolean;
  readonly role: ProcessRole;
  /** Creation time, Unix ms; strictly increasing, so two processes never share one (Windows: 100 ns ticks). */
  readonly createdAtMs: number;
}

export interface ProcessTableOptions {
  /** Source of creation times. */
  now: () => number;
  reusePids?: boolean;
  /** Told after a process left the table (the simulated host starts an unrelated process on it under pid reuse). */
  onExit?: (process: SimProcess) => void;
}

/** Windows gives the System process pid 4; everything we spawn starts well above it. */
export const SYSTEM_PID = 4;
const FIRST_PID = 1000;

export class ProcessTable {
  private nextPid = FIRST_PID;
  private lastCreatedAtMs = 0;
  private readonly freed: number[] = [];
  private readonly byPid = new Map<number, SimProcess>();

  constructor(private readonly o: ProcessTableOptions) {
    this.byPid.set(SYSTEM_PID, {
      pid: SYSTEM_PID,
      image: "System",
      modules: ["ntoskrnl.exe"],
      protected: true,
      role: { kind: "system" },
      createdAtMs: this.creationTime(),
    });
  }

  spawn(image: string, modules: readonly string[], role: ProcessRole, isProtected = false): SimProcess {
    let pid = this.o.reusePids ? this.freed.pop() : undefined;
    if (pid === undefined) {
      pid = this.nextPid;
      this.nextPid += 4;
    }
    const process: SimProcess = { pid, image, modules, protected: isProtected, role, createdAtMs: this.creationTime() };
    this.byPid.set(pid, process);
    return process;
  }

  /** Removes the process; false when it had already gone (a drain timer racing a kill is harmless). */
  exit(pid: number): boolean {
    const process = this.byPid.get(pid);
    if (!process) return false;
    this.byPid.delete(pid);
    if (this.o.reusePids) this.freed.push(pid);
    this.o.onExit?.(process);
    return true;
  }

  private creationTime(): number {
    this.lastCreatedAtMs = Math.max(this.o.now(), this.lastCreatedAtMs + 1);
    return this.lastCreatedAtMs;
  }

  get(pid: number): SimProcess | undefined {
    return this.byPid.get(pid);
  }

  has(pid: number): boolean {
    return this.byPid.has(pid);
  }

  serviceHost(group: string): SimProcess | undefined {
    for (const process of this.byPid.values()) {
      if (process.role.kind === "service-host" && process.role.group === group) return process;
    }
    return undefined;
  }

  list(): SimProcess[] {
    return [...this.byPid.values()].sort((a, b) => a.pid - b.pid);
  }
}
