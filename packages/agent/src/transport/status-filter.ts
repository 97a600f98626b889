import { tagsMatch } from "@iisfleet/proto";
import type { HostIdentity } from "../host/facts.js";

/** The scope of a StatusRequest, as decoded (proto3: empty means "any"). */
export interface StatusScope {
  farm?: string | null;
  tags?: Record<string, string> | null;
  hosts?: string[] | null;
}

/**
 * Whether an agent is one of the hosts a fleet status request asks about. An agent outside the scope stays
 * silent rather than answer noise, so the controller's "silent" bucket means exactly "in scope, no reply".
 * Farm and host names compare case-insensitively, as Windows compares computer names (an agent's own names are
 * lower case). Made once per request: a simulator asks it for thousands of agents about the same request.
 */
export function statusScopeTest(req: StatusScope): (self: HostIdentity) => boolean {
  const farm = req.farm ? req.farm.toLowerCase() : "";
  const hosts = req.hosts && req.hosts.length > 0 ? new Set(req.hosts.map((h) => h.toLowerCase())) : undefined;
  const tags = req.tags && Object.keys(req.tags).length > 0 ? req.tags : undefined;
  return (self) => (!farm || farm === self.farm) && (!hosts || hosts.has(self.host)) && (!tags || tagsMatch(tags, self.tags));
}

/** statusScopeTest for one question. */
export function inStatusScope(req: StatusScope, self: HostIdentity): boolean {
  return statusScopeTest(req)(self);
}
