import type { LbMemberAnswer, LbMemberParams } from "../commands/command-service.js";
import type { ArrDrainConfig } from "./config.js";
import { serverName } from "./config.js";
import { type DrainContext, DrainError, type DrainOutcome, type DrainPhase, type DrainProvider } from "./provider.js";

/** The part of the CommandService the ARR driver needs: signed lbMember commands to one agent. */
export interface LbMemberClient {
  lbMember(p: LbMemberParams): Promise<LbMemberAnswer>;
}

/**
 * IIS Application Request Routing, driven through the iisfleet agent on the ARR host (ARR has no network API of
 * its own; it is managed through IIS's configuration system on that host). drain: SetState Drain (ARR sends the
 * member no new requests), then poll the member's counters until its current requests reach 0, or the drain
 * timeout (the reset then goes ahead; the event says how many were cut). undrain: SetState Start, then poll until
 * ARR reports it Available and healthy, so the next batch never leaves the farm short of servers that only look back.
 */
export class ArrDrain implements DrainProvider {
  constructor(
    private readonly c: ArrDrainConfig,
    private readonly client: LbMemberClient,
    private readonly context: DrainContext,
  ) {}

  async drain(host: string): Promise<DrainOutcome> {
    const server = serverName(this.c.server, host);
    const where = this.where(server);
    await this.call("drain", server, "drain");
    const deadline = Date.now() + this.c.drainTimeoutMs;
    for (;;) {
      const m = await this.call("drain", server, "status");
      if (m.state === "available") {
        // Someone (IIS Manager, another script) put the member back meanwhile: a reset now would cut live traffic.
        throw new DrainError("drain", `${where} is available again while draining: someone else changed it on ${this.c.arrHost}.`, this.details(server));
      }
      if (m.currentRequests === 0) return { message: `${where} drained (0 current requests)` };
      if (Date.now() >= deadline) {
        const n = m.currentRequests;
        return { message: `${where} draining; ${n} request${n === 1 ? "" : "s"} still running after the ${this.c.drainTimeoutMs / 1000} s drain timeout` };
      }
      await sleep(this.c.pollMs);
    }
  }

  async undrain(host: string): Promise<DrainOutcome> {
    const server = serverName(this.c.server, host);
    const where = this.where(server);
    await this.call("undrain", server, "available");
    const deadline = Date.now() + this.c.undrainTimeoutMs;
    for (;;) {
      const m = await this.call("undrain", server, "status");
      if (m.state === "available" && m.healthy) return { message: `${where} available and healthy` };
      if (Date.now() >= deadline) {
        throw new DrainError(
          "undrain",
          `${where} is set available but ARR still reports it ${m.state}${m.healthy ? "" : " and unhealthy"} after ${this.c.undrainTimeoutMs / 1000} s.`,
          { ...this.details(server), state: m.state, healthy: m.healthy },
        );
      }
      await sleep(this.c.pollMs);
    }
  }

  private where(server: string): string {
    return `ARR ${this.c.arrHost} ${this.c.webFarm}/${server}`;
  }

  private details(server: string): Record<string, unknown> {
    return { arrHost: this.c.arrHost, webFarm: this.c.webFarm, server };
  }

  /** One lbMember command; anything but a member in the answer is the agent's (or the bus's) refusal, as a DrainError. */
  private async call(phase: DrainPhase, server: string, action: LbMemberParams["action"]): Promise<NonNullable<LbMemberAnswer["member"]>> {
    let answer: LbMemberAnswer;
    try {
      answer = await this.client.lbMember({
        host: this.c.arrHost,
        webFarm: this.c.webFarm,
        server,
        action,
        issuer: this.context.rolloutId ? `rollout:${this.context.rolloutId}` : `drain:${this.context.farm}`,
      });
    } catch (err) {
      // UnknownHostError: no agent on the ARR host ever reported.
      throw new DrainError(phase, `${this.where(server)}: ${err instanceof Error ? err.message : String(err)}`, this.details(server));
    }
    if (!answer.ok || !answer.member) {
      throw new DrainError(phase, `${this.where(server)}: the ARR host's agent answered ${answer.code}: ${answer.message}`, { ...this.details(server), code: answer.code });
    }
    return answer.member;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
