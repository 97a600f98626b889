import { connect } from "node:net";
import type { HaproxyDrainConfig } from "./config.js";
import { serverName } from "./config.js";
import { DrainError, type DrainOutcome, type DrainPhase, type DrainProvider } from "./provider.js";

/**
 * HAProxy's runtime API (the "stats socket … level admin"), one command per connection: HAProxy answers and closes
 * (non-interactive mode). Over a unix socket ("/run/haproxy/admin.sock", "unix@/path") or TCP ("127.0.0.1:9999",
 * "ipv4@127.0.0.1:9999").
 */
export class HaproxyRuntime {
  constructor(
    readonly address: string,
    private readonly timeoutMs = 5_000,
  ) {}

  command(cmd: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const path = /^(?:unix@)?(\/.+)$/.exec(this.address)?.[1];
      const tcp = /^(?:ipv4@)?(.+):(\d+)$/.exec(this.address);
      const socket = path ? connect(path) : connect(Number(tcp?.[2]), tcp?.[1] ?? "127.0.0.1");
      let out = "";
      socket.setEncoding("utf8");
      socket.setTimeout(this.timeoutMs, () => socket.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      socket.on("data", (d: string) => (out += d));
      socket.once("error", (err) => reject(new Error(`HAProxy runtime API at ${this.address}: ${err.message}`)));
      socket.once("close", (hadError) => {
        if (!hadError) resolve(out);
      });
      socket.end(`${cmd}\n`);
    });
  }

  /** `set server`: HAProxy answers an empty line on success, a sentence ("No such server.") otherwise. */
  async setState(backend: string, server: string, state: "ready" | "drain" | "maint"): Promise<void> {
    const answer = (await this.command(`set server ${backend}/${server} state ${state}`)).trim();
    if (answer !== "") throw new Error(`HAProxy refused "set server ${backend}/${server} state ${state}": ${answer}`);
  }

  /** One server's row of `show stat`: its current sessions (scur) and status (UP, DOWN, DRAIN, MAINT, "no check"...). */
  async serverStat(backend: string, server: string): Promise<{ sessions: number; status: string }> {
    const csv = await this.command(`show stat ${backend} 4 -1`);
    const lines = csv.split("\n").filter((l) => l !== "");
    const header = lines[0] ?? "";
    if (!header.startsWith("# ")) throw new Error(`HAProxy: show stat ${backend}: ${header || "empty answer"}`);
    const cols = header.slice(2).split(",");
    const at = (name: string) => cols.indexOf(name);
    for (const line of lines.slice(1)) {
      const f = line.split(",");
      if (f[at("pxname")] === backend && f[at("svname")] === server) {
        return { sessions: Number(f[at("scur")] ?? 0), status: f[at("status")] ?? "" };
      }
    }
    throw new Error(`HAProxy: no server ${server} in backend ${backend}`);
  }
}

/**
 * drain: `set server BE/SRV state drain` (no new connections, established ones finish), then wait until its current
 * sessions reach 0 or the drain timeout (the reset then goes ahead; the event says how many were cut).
 * undrain: `state ready`, then wait until HAProxy reports the server UP — its own health checks passing — so the
 * next batch does not leave the farm short of servers that only look ready.
 */
export class HaproxyDrain implements DrainProvider {
  private readonly api: HaproxyRuntime;

  constructor(
    private readonly c: HaproxyDrainConfig,
    private readonly pollMs = 100,
  ) {
    this.api = new HaproxyRuntime(c.address);
  }

  async drain(host: string): Promise<DrainOutcome> {
    const server = serverName(this.c.server, host);
    const where = `${this.c.backend}/${server}`;
    await this.call("drain", () => this.api.setState(this.c.backend, server, "drain"));
    const deadline = Date.now() + this.c.drainTimeoutMs;
    for (;;) {
      const { sessions } = await this.call("drain", () => this.api.serverStat(this.c.backend, server));
      if (sessions === 0) return { message: `${where} drained (0 sessions)` };
      if (Date.now() >= deadline) {
        return { message: `${where} draining; ${sessions} session${sessions === 1 ? "" : "s"} still open after the ${this.c.drainTimeoutMs / 1000} s drain timeout` };
      }
      await sleep(this.pollMs);
    }
  }

  async undrain(host: string): Promise<DrainOutcome> {
    const server = serverName(this.c.server, host);
    const where = `${this.c.backend}/${server}`;
    await this.call("undrain", () => this.api.setState(this.c.backend, server, "ready"));
    const deadline = Date.now() + this.c.undrainTimeoutMs;
    for (;;) {
      const { status } = await this.call("undrain", () => this.api.serverStat(this.c.backend, server));
      // "UP", or "no check" for a server without health checks: HAProxy sends it traffic. "UP 1/3" is still rising.
      if (status === "UP" || status === "no check") return { message: `${where} ready (${status})` };
      if (Date.now() >= deadline) {
        throw new DrainError("undrain", `${where} is set ready but HAProxy still reports it ${status} after ${this.c.undrainTimeoutMs / 1000} s.`, { status });
      }
      await sleep(this.pollMs);
    }
  }

  private async call<T>(phase: DrainPhase, f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (err) {
      if (err instanceof DrainError) throw err;
      throw new DrainError(phase, err instanceof Error ? err.message : String(err), { address: this.c.address });
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
