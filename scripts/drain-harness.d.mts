// Types for drain-harness.mjs (imported by the TypeScript e2e test).
export function findHaproxy(env?: NodeJS.ProcessEnv): string | undefined;
export interface HaproxyServer {
  name: string;
  port: number;
}
/** `check`: the site the health check asks for, by path and Host header (sites sharing a port). */
export function haproxyConfig(o: { frontendPort: number; statsPort: number; backend?: string; servers: HaproxyServer[]; checkIntervalMs?: number; check?: { path: string; host: string } }): string;
export function haproxyArgs(configPath: string): string[];
export interface LoadStats {
  requests: number;
  failed: number;
  /** Failed requests by reason: "HTTP 503", "ECONNRESET", "TIMEOUT"… */
  reasons: Record<string, number>;
  durationMs: number;
}
export function runLoad(o: { url: string; host?: string; concurrency?: number; ratePerSec?: number; timeoutMs?: number; stop: () => boolean }): Promise<LoadStats>;
export function freePortRange(count: number): Promise<number>;
/** A GET with `host` as the Host header; resolves at the headers, the body (or the connection's loss) on text(). */
export function requestSite(url: string, host?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: () => Promise<string> }>;
