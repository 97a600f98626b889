import { type StatusRequest, decode } from "@iisfleet/proto";
import type { HostIdentity } from "../host/facts.js";
import { statusScopeTest } from "./status-filter.js";

/** A decoded StatusRequest with its scope test made once (status-filter.ts). Shared: read it, never change it. */
export interface SharedStatusRequest {
  request: StatusRequest;
  inScope: (self: HostIdentity) => boolean;
}

let lastBytes: Uint8Array | undefined;
let last: SharedStatusRequest | undefined;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Decodes a StatusRequest, reusing the previous decoding when the bytes are the same: a fleet query is one message
 * delivered to every agent of a simulator at once. Throws MalformedPayloadError like decode.statusRequest.
 */
export function decodeStatusRequestShared(data: Uint8Array): SharedStatusRequest {
  if (lastBytes && last && sameBytes(lastBytes, data)) return last;
  const request = decode.statusRequest(data);
  const shared = { request, inScope: statusScopeTest(request) };
  lastBytes = Uint8Array.from(data);
  last = shared;
  return shared;
}
