import { isIP } from "node:net";

/**
 * Who sent a request, for the audit log. Behind a reverse proxy (TLS termination in front of the API) the socket's
 * peer is the proxy; only proxies the operator named (--trust-proxy) are believed about X-Forwarded-For, and the
 * header is read right to left, skipping trusted hops, so a client cannot pose as another by sending the header
 * itself. The peer stays in the record: "203.0.113.7 via 127.0.0.1".
 */
export function clientAddress(peer: string, forwardedFor: string | string[] | undefined, trusted: ReadonlySet<string>): string {
  const self = normalize(peer);
  if (!trusted.has(self) || forwardedFor === undefined) return self;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((h) => normalize(h.trim()))
    .filter((h) => h !== "");
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    if (isIP(hop) === 0) return `${self} (X-Forwarded-For not an address)`;
    if (!trusted.has(hop)) return `${hop} via ${self}`;
  }
  return self;
}

/** "::ffff:127.0.0.1" (an IPv4 client on a dual-stack socket) is 127.0.0.1. */
function normalize(address: string): string {
  return address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** --trust-proxy values: IP addresses only (no names: a name would make the audit trust DNS). */
export function parseTrustedProxies(values: string[]): Set<string> {
  const out = new Set<string>();
  for (const v of values.flatMap((x) => x.split(",")).map((x) => x.trim()).filter(Boolean)) {
    if (isIP(v) === 0) throw new Error(`--trust-proxy: "${v}" is not an IP address.`);
    out.add(normalize(v));
  }
  return out;
}
