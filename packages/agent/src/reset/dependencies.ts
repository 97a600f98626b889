import type { ServiceInfo } from "../host/port.js";

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
