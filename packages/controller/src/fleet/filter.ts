import { tagsMatch } from "@iisfleet/proto";

/** Which hosts a status question is about. The agents apply the same rule to a StatusRequest. */
export interface StatusFilter {
  /** Empty or undefined: every farm. */
  farm?: string | undefined;
  /** Every tag must match. */
  tags: Record<string, string>;
  /** Non-empty: only these hosts. */
  hosts: string[];
}

export const ANY_HOST: StatusFilter = { tags: {}, hosts: [] };

export type FilterSubject = { name: string; farm: string; tags: Record<string, string> };

/**
 * The filter as a test to run over many hosts: the host list becomes a set and an empty tag filter costs
 * nothing, so going through 10 000 hosts stays linear and cheap.
 */
export function filterPredicate(f: StatusFilter): (h: FilterSubject) => boolean {
  const farm = f.farm;
  const hosts = f.hosts.length > 0 ? new Set(f.hosts) : undefined;
  const tags = Object.keys(f.tags).length > 0 ? f.tags : undefined;
  return (h) => (!farm || h.farm === farm) && (!hosts || hosts.has(h.name)) && (!tags || tagsMatch(tags, h.tags));
}

/** "farm shop, tag dc=fra, 2 hosts" — for summaries; "all hosts" when nothing narrows it. */
export function describeFilter(f: StatusFilter): string {
  const parts: string[] = [];
  if (f.farm) parts.push(`farm ${f.farm}`);
  for (const [k, v] of Object.entries(f.tags)) parts.push(`tag ${k}=${v}`);
  if (f.hosts.length > 0) parts.push(f.hosts.length <= 3 ? `host ${f.hosts.join(", ")}` : `${f.hosts.length} named hosts`);
  return parts.length > 0 ? parts.join(", ") : "all hosts";
}
