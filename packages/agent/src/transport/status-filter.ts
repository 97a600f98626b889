import { tagsMatch } from "@iisfleet/proto";
import type { HostIdentity } from "../host/facts.js";

/** The scope of a StatusRequest, as decoded (proto3: empty means "any"). */
export interface StatusScope {
  farm?: string | null;
  tags?: Record<string, string> | null;
  hosts?: string[] | null;
}

/**
 * Whether this agent is one of the hosts a fleet status request asks about. An agent outside the scope stays
 * silent rather than answer noise, so the controller's "silent" bucket means exactly "in scope, no reply".
 * Farm and host names compare case-insensitively, as Windows compares computer names.
 */
export function inStatusScope(req: StatusScope, self: HostIdentity): boolean {
  if (req.farm && req.farm.toLowerCase() !== self.farm) return false;
  const hosts = req.hosts ?? [];
  if (hosts.length > 0 && !hosts.some((h) => h.toLowerCase() === self.host)) return false;
  return tagsMatch(req.tags ?? {}, self.tags);
}
