import { type ServiceInfo, SvcState } from "../host/port.js";

/** Lower-cased service names: the SCM compares service names case-insensitively. */
const key = (name: string) => name.toLowerCase();

/**
 * Every service that depends, directly or transitively, on `root`, each with its depth (1 = direct dependent).
 * A service reachable by several paths gets its longest depth, so stopping deepest-first never stops a
 * service while something that needs it still runs.
 */
export function transitiveDependents(services: ServiceInfo[], root: string): Map<string, number> {
  const dependentsOf = new Map<string, ServiceInfo[]>();
  for (const svc of services) {
    for (const dep of svc.dependsOn) {
      const list = dependentsOf.get(key(dep)) ?? [];
      list.push(svc);
      dependentsOf.set(key(dep), list);
    }
  }
  const depth = new Map<string, number>();
  const visit = (name: string, d: number, path: Set<string>) => {
    for (const dependent of dependentsOf.get(key(name)) ?? []) {
      const k = key(dependent.name);
      if (path.has(k)) continue; // a cycle is a broken registry; never loop on it
      if ((depth.get(dependent.name) ?? 0) < d) depth.set(dependent.name, d);
      path.add(k);
      visit(dependent.name, d + 1, path);
      path.delete(k);
    }
  };
  visit(root, 1, new Set([key(root)]));
  return depth;
}

/** Orders names so that every service comes after the services it depends on (start order). */
export function startOrder(services: ServiceInfo[], names: string[]): string[] {
  const byKey = new Map(services.map((s) => [key(s.name), s]));
  const wanted = new Set(names.map(key));
  const done = new Set<string>();
  const out: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    const k = key(name);
    if (done.has(k) || path.has(k)) return;
    path.add(k);
    for (const dep of byKey.get(k)?.dependsOn ?? []) {
      if (wanted.has(key(dep))) visit(dep, path);
    }
    path.delete(k);
    done.add(k);
    out.push(byKey.get(k)?.name ?? name);
  };
  for (const n of names) visit(n, new Set());
  return out;
}

/**
 * The running roots and their running dependents, in stop order: a service comes after every dependent it has in
 * the set (the longest chain of dependents above it first), then the roots in the order given — the roots of one
 * level never depend on each other (WAS, IISADMIN, HTTP).
 */
export function stopOrder(services: ServiceInfo[], roots: string[]): string[] {
  const byKey = new Map(services.map((s) => [key(s.name), s]));
  const up = (name: string) => {
    const s = byKey.get(key(name));
    return s !== undefined && s.state !== SvcState.Stopped ? s : undefined;
  };
  const members = new Map<string, ServiceInfo>();
  for (const root of roots) {
    const info = up(root);
    if (info) members.set(key(root), info);
    for (const name of transitiveDependents(services, root).keys()) {
      const dep = up(name);
      if (dep) members.set(key(name), dep);
    }
  }
  const height = new Map<string, number>();
  const heightOf = (k: string, path: Set<string>): number => {
    const known = height.get(k);
    if (known !== undefined) return known;
    let h = 0;
    for (const other of members.values()) {
      const ok = key(other.name);
      if (path.has(ok) || !other.dependsOn.some((d) => key(d) === k)) continue;
      path.add(ok);
      h = Math.max(h, heightOf(ok, path) + 1);
      path.delete(ok);
    }
    height.set(k, h);
    return h;
  };
  const rootIndex = (k: string) => roots.findIndex((r) => key(r) === k);
  return [...members.values()]
    .map((s) => ({ name: s.name, k: key(s.name), h: heightOf(key(s.name), new Set([key(s.name)])), root: rootIndex(key(s.name)) }))
    .sort((a, b) => {
      if ((a.root >= 0) !== (b.root >= 0)) return a.root >= 0 ? 1 : -1;
      return a.root >= 0 ? a.root - b.root : a.h - b.h || a.name.localeCompare(b.name);
    })
    .map((s) => s.name);
}
