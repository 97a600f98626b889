import type { ProcessInfo, ProcessRef } from "../host/port.js";

/** The IIS services whose process owns the w3wp workers: when it dies, they are IIS's to clean up too. */
const WORKER_OWNERS = new Set(["w3svc", "was", "iisadmin"]);

export type KillPlan =
  | { kind: "kill"; host: ProcessRef & { services: string[] }; workers: ProcessRef[] }
  | { kind: "refuse"; reason: string };

const label = (p: ProcessInfo) => `pid ${p.pid} ${p.image}`;

/**
 * Which processes `--force` may terminate after `failed` would not stop (DESIGN.md invariant 4): only the process
 * hosting the service that failed, and only when every service it hosts is being stopped anyway — never a shared
 * service host (WinRM's netsvcs svchost, WAS's iissvcs at level w3svc, SMSvcHost with NetTcpPortSharing). When
 * that process owns IIS's worker processes (it hosts W3SVC, WAS or IISADMIN), the w3wp workers go too. Each is
 * returned as listed, with its image and creation time, so the kill can check the pid still names it.
 */
export function planForceKill(processes: readonly ProcessInfo[], failed: string, stopSet: readonly string[]): KillPlan {
  const key = failed.toLowerCase();
  const host = processes.find((p) => p.services.some((s) => s.toLowerCase() === key));
  if (!host) return { kind: "refuse", reason: `no process hosts ${failed} (a kernel driver has none), so there is nothing force could terminate.` };
  const stopping = new Set(stopSet.map((s) => s.toLowerCase()));
  const others = host.services.filter((s) => !stopping.has(s.toLowerCase()));
  if (others.length > 0) {
    return {
      kind: "refuse",
      reason:
        `${failed} runs in ${label(host)}, which also hosts ${others.join(", ")} (not being stopped by this reset), so ` +
        `force did not terminate it. That process holds ${host.services.join(", ")}.`,
    };
  }
  if (host.createdAtMs === undefined) {
    return { kind: "refuse", reason: `the creation time of ${label(host)} could not be read, so a kill could not check it is still the process listed.` };
  }
  const ownsWorkers = host.services.some((s) => WORKER_OWNERS.has(s.toLowerCase()));
  const workers = ownsWorkers
    ? processes
        .filter((p) => p.image.toLowerCase() === "w3wp.exe" && p.createdAtMs !== undefined)
        .map((p) => ({ pid: p.pid, image: p.image, createdAtMs: p.createdAtMs as number }))
    : [];
  return {
    kind: "kill",
    host: { pid: host.pid, image: host.image, createdAtMs: host.createdAtMs, services: [...host.services] },
    workers,
  };
}
