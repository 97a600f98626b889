/**
 * The simulated process table. PIDs come from a counter (multiples of 4, as on Windows) so runs are
 * deterministic; a pid is never reused, so "the worker pid changed" is always observable.
 */
export type ProcessRole =
  | { readonly kind: "system" }
  | { readonly kind: "service-host"; readonly group: string }
  | { readonly kind: "worker"; readonly pool: string }
  /** A w3wp.exe WAS no longer manages (the unkillable-process fault). */
  | { readonly kind: "orphan-worker"; readonly pool: string };

export interface SimProcess {
  readonly pid: number;
  readonly image: string;
  readonly modules: readonly string[];
  /** OpenProcess fails on it, so TerminateProcess is impossible: access denied. */
  readonly protected: boolean;
  readonly role: ProcessRole;
}

/** Windows gives the System process pid 4; everything we spawn starts well above it. */
export const SYSTEM_PID = 4;
const FIRST_PID = 1000;

export class ProcessTable {
  private nextPid = FIRST_PID;
  private readonly byPid = new Map<number, SimProcess>();

  constructor() {
    this.byPid.set(SYSTEM_PID, {
      pid: SYSTEM_PID,
      image: "System",
      modules: ["ntoskrnl.exe"],
      protected: true,
      role: { kind: "system" },
    });
  }

  spawn(image: string, modules: readonly string[], role: ProcessRole, isProtected = false): SimProcess {
    const pid = this.nextPid;
    this.nextPid += 4;
    const process: SimProcess = { pid, image, modules, protected: isProtected, role };
    this.byPid.set(pid, process);
    return process;
  }

  /** Removes the process; false when it had already gone (a drain timer racing a kill is harmless). */
  exit(pid: number): boolean {
    return this.byPid.delete(pid);
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
