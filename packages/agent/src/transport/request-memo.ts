import { type StatusRequest, decode } from "@iisfleet/proto";

let lastBytes: Uint8Array | undefined;
let lastRequest: StatusRequest | undefined;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Decodes a StatusRequest, reusing the previous decoding when the bytes are the same: a fleet query is one message
 * delivered to every agent of a simulator at once. The result is shared — read it, never change it. Throws
 * MalformedPayloadError like decode.statusRequest.
 */
export function decodeStatusRequestShared(data: Uint8Array): StatusRequest {
  if (lastBytes && lastRequest && sameBytes(lastBytes, data)) return lastRequest;
  const request = decode.statusRequest(data);
  lastBytes = Uint8Array.from(data);
  lastRequest = request;
  return request;
}
