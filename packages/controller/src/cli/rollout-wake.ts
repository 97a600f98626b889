import { WebSocket } from "ws";
import type { ApiClient } from "./client.js";

/** Same path and subprotocol as api/events-ws.ts (the CLI talks to the controller over the network only). */
const EVENTS_PATH = "/api/v1/events";
const STREAM_PROTOCOL = "iisfleet.v1";
/** While the stream is down (controller restarting, a proxy that drops upgrades), read this often instead. */
const FALLBACK_MS = 5_000;
const RECONNECT_MS = 1_000;

/**
 * Wakes a follower when the controller's event stream carries an event about one rollout. Reconnects with
 * `?since=<last id seen>` (the stream replays what was missed); only while it is disconnected does `next()` also
 * return every few seconds, so the follower reads the rollout slowly instead of not at all.
 */
export class RolloutWake {
  private ws: WebSocket | undefined;
  private connected = false;
  private closed = false;
  private pending = false;
  private lastId: number | undefined;
  private wakeUp: (() => void) | undefined;

  private constructor(
    private readonly api: ApiClient,
    private readonly rolloutId: string,
  ) {}

  static async open(api: ApiClient, rolloutId: string): Promise<RolloutWake> {
    const wake = new RolloutWake(api, rolloutId);
    await wake.connect().catch(() => wake.reconnectLater());
    return wake;
  }

  /**
   * Resolves when an event about the rollout has come since the last call (at once if one already has), when the
   * stream is down and FALLBACK_MS passed, or after `atMostMs` (a bake ending, which has no event of its own).
   */
  next(atMostMs?: number): Promise<void> {
    if (this.pending || this.closed) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const limit = this.connected ? atMostMs : Math.min(atMostMs ?? FALLBACK_MS, FALLBACK_MS);
      const timer = limit === undefined ? undefined : setTimeout(() => this.wake(), limit);
      this.wakeUp = () => {
        if (timer) clearTimeout(timer);
        this.wakeUp = undefined;
        this.pending = false;
        resolve();
      };
    });
  }

  close(): void {
    this.closed = true;
    this.ws?.terminate();
    this.wake();
  }

  private wake(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  private connect(): Promise<void> {
    const url = new URL(EVENTS_PATH, this.api.baseUrl);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("kinds", "rollout");
    if (this.lastId !== undefined) url.searchParams.set("since", String(this.lastId));
    return new Promise<void>((resolve, reject) => {
      // A stream that never answers the upgrade is "down": the follower reads slowly meanwhile.
      const ws = new WebSocket(url, STREAM_PROTOCOL, { headers: this.api.authHeaders(), handshakeTimeout: 10_000 });
      this.ws = ws;
      ws.on("message", (raw) => {
        const msg = parseMessage(String(raw));
        if (msg?.type === "hello") {
          const back = this.lastId !== undefined;
          this.lastId ??= msg.since;
          this.connected = true;
          // Back after a gap: what happened meanwhile is replayed, but read once now anyway.
          if (back) this.wake();
          resolve();
        } else if (msg?.type === "events") {
          for (const e of msg.events) {
            this.lastId = Math.max(this.lastId ?? 0, e.id);
            if (e.data?.rolloutId === this.rolloutId) this.pending = true;
          }
          if (this.pending) this.wake();
        }
      });
      ws.on("error", (err) => {
        if (!this.connected) reject(err);
      });
      ws.on("close", () => {
        const was = this.connected;
        this.connected = false;
        if (was && !this.closed) {
          this.wake();
          this.reconnectLater();
        }
      });
    });
  }

  private reconnectLater(): void {
    if (this.closed) return;
    setTimeout(() => {
      if (this.closed) return;
      this.connect().catch(() => this.reconnectLater());
    }, RECONNECT_MS).unref();
  }
}

interface StreamMessage {
  type: string;
  since?: number;
  events: Array<{ id: number; data?: { rolloutId?: unknown } }>;
}

function parseMessage(text: string): StreamMessage | undefined {
  try {
    const m = JSON.parse(text) as Partial<StreamMessage>;
    if (typeof m.type !== "string") return undefined;
    return { type: m.type, ...(typeof m.since === "number" ? { since: m.since } : {}), events: Array.isArray(m.events) ? m.events : [] };
  } catch {
    return undefined;
  }
}
