// One HTTP request on node:http(s). The CLI used fetch(), but Node loads its fetch implementation (undici) on first
// use, which cost ~45 ms of CPU per run, more than the rest of `iisfleet hosts` together.
import type { IncomingMessage, RequestOptions } from "node:http";

export interface HttpAnswer {
  status: number;
  text: string;
}

/** Rejects with an Error whose message says why nothing came back (e.g. "connect ECONNREFUSED 127.0.0.1:8740"). */
export async function request(
  method: string,
  url: URL,
  opts: { headers: Record<string, string>; body?: string; timeoutMs: number },
): Promise<HttpAnswer> {
  // https (and with it TLS) only for https URLs.
  const transport = url.protocol === "https:" ? await import("node:https") : await import("node:http");
  const options: RequestOptions = { method, headers: opts.headers, timeout: opts.timeoutMs };
  return new Promise<HttpAnswer>((resolve, reject) => {
    const req = transport.request(url, options, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${Math.round(opts.timeoutMs / 1000)} s`)));
    req.on("error", reject);
    req.end(opts.body);
  });
}
