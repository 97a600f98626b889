import type { ICommandResult } from "@iisfleet/proto";

/** What the command layer needs from the transport; NATS implements it, and nothing here knows NATS. */
export interface AgentBus {
  /**
   * Sends an encoded CommandEnvelope to one agent and waits for its CommandResult.
   * Rejects with AgentUnreachableError, AgentTimeoutError, NatsUnavailableError or MalformedPayloadError.
   */
  sendCommand(host: string, envelope: Uint8Array, waitMs: number): Promise<ICommandResult>;
  /** Calls `listener` each time the transport reconnects (replies in flight may have been lost). */
  onReconnect?(listener: () => void): () => void;
}
