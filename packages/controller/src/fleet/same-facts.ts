import type { HostRow } from "../store/index.js";
import type { HostFactsView } from "./facts.js";

/**
 * Whether a heartbeat says anything new about the host. Most heartbeats do not: the registry then only moves the
 * clock on the row it has, instead of replacing it — at 1 000 heartbeats a second, replaced rows would be garbage
 * that lived long enough to reach V8's old generation, and the controller's memory would climb between collections.
 */
export function sameFacts(f: HostFactsView, row: HostRow): boolean {
  return (
    f.farm === row.farm &&
    f.adapter === row.adapter &&
    f.iisGeneration === row.iisGeneration &&
    f.cordoned === row.cordoned &&
    f.cordonReason === (row.cordonReason ?? "") &&
    f.busyCommandId === row.busyCommandId &&
    f.health === (row.health ?? "") &&
    sameRecord(f.tags, row.tags) &&
    sameLastReset(f.lastReset, row.lastReset ?? null) &&
    f.services.length === row.services.length &&
    f.services.every((s, i) => {
      const o = row.services[i];
      return o !== undefined && s.name === o.name && s.state === o.state && s.pid === o.pid;
    }) &&
    f.appPools.length === row.appPools.length &&
    f.appPools.every((p, i) => {
      const o = row.appPools[i];
      return (
        o !== undefined &&
        p.name === o.name &&
        p.started === o.started &&
        p.workerPids.length === o.workerPids.length &&
        p.workerPids.every((pid, j) => pid === o.workerPids[j])
      );
    }) &&
    sameSites(f.sites, row.sites ?? [])
  );
}

export function sameRecord(a: Readonly<Record<string, string | number>>, b: Readonly<Record<string, string | number>>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

function sameLastReset(a: HostFactsView["lastReset"], b: HostFactsView["lastReset"]): boolean {
  if (a === null || b === null) return a === b;
  return a.commandId === b.commandId && a.outcome === b.outcome && a.code === b.code && a.finishedAtMs === b.finishedAtMs;
}

function sameSites(a: HostFactsView["sites"], b: HostFactsView["sites"]): boolean {
  return (
    a.length === b.length &&
    a.every((s, i) => {
      const o = b[i];
      return (
        o !== undefined && s.name === o.name && s.id === o.id && s.started === o.started && s.appPool === o.appPool &&
        s.bindings.length === o.bindings.length && s.bindings.every((x, j) => x === o.bindings[j])
      );
    })
  );
}
