import { type MsgHdrs, type NatsConnection, createInbox } from "@nats-io/transport-node";
import { NatsUnavailableError } from "../errors.js";

/** How a scatter-gather ended. */
export type GatherEnd =
  /** The caller saw every reply it expected. */
  | "complete"
  /** The deadline passed first. */
  | "deadline"
  /** NATS said at once that nobody listens on the subject (no agent connected at all). */
  | "no-responders"
  /** The subscription failed (e.g. a permissions error); the replies so far stand. */
  | "error";

export interface GatherOutcome {
  end: GatherEnd;
  replies: number;
  /** Whether the controller's NATS connection was up when the request went out. */
  connectedAtStart: boolean;
  /** The connection dropped (or was down) at some point while gathering: silence proves nothing then. */
  interrupted: boolean;
  error?: string;
}

export interface ConnectionState {
  /** The connection's reply-inbox prefix: the server may allow this client no other. */
  inboxPrefix: string;
  connected(): boolean;
  /** A counter bumped on every disconnect, so a drop-and-reconnect inside the window is noticed too. */
  disconnects(): number;
}

/**
 * One request on `subject`, replies gathered on a private inbox subscription until `onReply` returns true (every
 * expected host answered) or `timeoutMs` passes. This is NATS request-many with its own inbox rather than the
 * client's iterator, because (a) it stops the moment the last expected reply arrives, and (b) ending it never waits
 * on the server: unsubscribing is local, whereas draining an iterator's subscription during an outage waits for the
 * reconnect — a query must end at its deadline, outage or not.
 */
export function gatherReplies(
  nc: NatsConnection | undefined,
  subject: string,
  request: Uint8Array,
  timeoutMs: number,
  onReply: (data: Uint8Array, headers: () => MsgHdrs | undefined, inbox: string) => boolean,
  link: ConnectionState,
): Promise<GatherOutcome> {
  if (!nc || nc.isClosed()) return Promise.reject(new NatsUnavailableError("connection closed"));
  const connectedAtStart = link.connected();
  const disconnectsBefore = link.disconnects();
  return new Promise<GatherOutcome>((resolve, reject) => {
    let replies = 0;
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (end: GatherEnd, error?: string): void => {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      try {
        sub?.unsubscribe();
      } catch {
        // the connection closed under us: nothing left to unsubscribe
      }
      const interrupted = !connectedAtStart || !link.connected() || link.disconnects() !== disconnectsBefore;
      resolve({ end, replies, connectedAtStart, interrupted, ...(error !== undefined ? { error } : {}) });
    };
    let sub: ReturnType<NatsConnection["subscribe"]> | undefined;
    try {
      sub = nc.subscribe(createInbox(link.inboxPrefix), {
        callback: (err, msg) => {
          if (finished) return;
          if (err) return finish("error", err.message);
          // NATS answers a request nobody listens to with an empty 503 status message. After a reply, one comes
          // only from a host asked again on this inbox (an unchanged answer the caller could not use) whose agent
          // has gone since: that host stays silent, the others are still gathered.
          if (msg.data.length === 0 && msg.headers?.code === 503) return replies === 0 ? finish("no-responders") : undefined;
          replies++;
          // The headers are parsed only when asked for: a believed answer (agent-keyring.ts) needs none.
          // The inbox: a question asked again of one host (an unchanged answer the caller cannot use) is answered here too.
          if (onReply(msg.data, () => msg.headers, msg.subject)) finish("complete");
        },
      });
      timer = setTimeout(() => finish("deadline"), timeoutMs);
      nc.publish(subject, request, { reply: sub.getSubject() });
    } catch (err) {
      if (timer) clearTimeout(timer);
      finished = true;
      try {
        sub?.unsubscribe();
      } catch {
        // already gone
      }
      reject(new NatsUnavailableError(err instanceof Error ? err.message : String(err)));
    }
  });
}
