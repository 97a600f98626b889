import { ControllerUnreachableError, IisfleetError } from "../errors.js";
import { request } from "./http-request.js";
import { mayDecodeUnsafe, terminalSafeReviver } from "./terminal-safe.js";
import type { ResolvedToken } from "./token-source.js";

export const DEFAULT_CONTROLLER_URL = "http://127.0.0.1:8740";

export interface CallOptions {
  /** Request fields the user gave as flags ({ batch: "--batch" }): a 400 about one names the flag, not the field. */
  flags?: Readonly<Record<string, string>>;
}

/**
 * The API names the body's field ("batch: must be at least 1."); the user typed a flag, so the CLI says
 * "--batch: must be at least 1." — the field's sentence without its prefix, the flag once.
 */
function flagSentence(details: Record<string, unknown> | undefined, flags: CallOptions["flags"]): string | undefined {
  const issues = details?.issues;
  if (!flags || !Array.isArray(issues)) return undefined;
  const first = issues[0] as { path?: unknown; message?: unknown } | undefined;
  const field = Array.isArray(first?.path) ? first.path[0] : undefined;
  if (typeof field !== "string" || !Object.hasOwn(flags, field) || typeof first?.message !== "string") return undefined;
  return `${flags[field]}: ${first.message}`;
}

/**
 * Where a standby's NOT_LEADER says the leader is, when the CLI may go there: a write sent to a standby of a pair is
 * sent once more to the leader, with the same token. Never from https to http (the token would travel in the clear).
 */
export function leaderToFollow(from: string, err: IisfleetError): string | undefined {
  const to = err.code === "NOT_LEADER" ? err.details["leaderUrl"] : undefined;
  if (typeof to !== "string") return undefined;
  let target: URL;
  try {
    target = new URL(to);
  } catch {
    return undefined;
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") return undefined;
  if (new URL(from).protocol === "https:" && target.protocol !== "https:") return undefined;
  return target.href;
}

/** The CLI's only way to the controller: its HTTP API. */
export class ApiClient {
  private base: string;

  constructor(
    baseUrl: string,
    private readonly auth: ResolvedToken = { token: undefined, source: "none" },
    /** Strip terminal control characters from every string in the answers (for human output; see terminal-safe.ts). */
    private readonly forTerminal = false,
    /** Told when a write goes to the leader a standby named (the CLI says so on stderr). */
    private readonly onLeader: (standby: string, leader: string) => void = () => undefined,
  ) {
    this.base = baseUrl;
  }

  /** The controller this client talks to: the one it was given, or the leader a standby named for a write. */
  get baseUrl(): string {
    return this.base;
  }

  /** The Authorization header this client sends, for the event stream's WebSocket (cli/rollout-wake.ts). */
  authHeaders(): Record<string, string> {
    return this.auth.token !== undefined ? { authorization: `Bearer ${this.auth.token}` } : {};
  }

  get<T>(path: string, opts: CallOptions = {}): Promise<T> {
    return this.call<T>("GET", path, undefined, opts);
  }

  post<T>(path: string, body: unknown, opts: CallOptions = {}): Promise<T> {
    return this.call<T>("POST", path, body, opts);
  }

  private async call<T>(method: string, path: string, body: unknown, opts: CallOptions): Promise<T> {
    try {
      return await this.callOnce<T>(method, path, body, opts);
    } catch (err) {
      // Only the leader of a standby pair accepts writes; the operator need not know which one leads. Once: a leader
      // that is itself no longer leading answers with its own sentence.
      const leader = err instanceof IisfleetError ? leaderToFollow(this.base, err) : undefined;
      if (leader === undefined || method === "GET") throw err;
      this.onLeader(this.base, leader);
      this.base = leader;
      return this.callOnce<T>(method, path, body, opts);
    }
  }

  private async callOnce<T>(method: string, path: string, body: unknown, opts: CallOptions): Promise<T> {
    let res: { status: number; text: string };
    try {
      res = await request(method, new URL(path, this.base), {
        headers: {
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...this.authHeaders(),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        // A reset waits for the agent; the controller bounds that wait itself.
        timeoutMs: 15 * 60_000,
      });
    } catch (err) {
      throw new ControllerUnreachableError(this.base, err instanceof Error ? err.message : String(err));
    }
    const text = res.text;
    let payload: unknown;
    try {
      payload = this.forTerminal && mayDecodeUnsafe(text) ? JSON.parse(text, terminalSafeReviver) : JSON.parse(text);
    } catch {
      throw new ControllerUnreachableError(this.base, `answered HTTP ${res.status} with something that is not iisfleet JSON`);
    }
    if (res.status < 200 || res.status > 299) {
      const e = (payload as { error?: { code?: string; message?: string; details?: Record<string, unknown> } }).error;
      let message = flagSentence(e?.details, opts.flags) ?? e?.message ?? `HTTP ${res.status}`;
      // Say where the CLI looked (or which token it used): the controller cannot know.
      if (res.status === 401) message += this.auth.token === undefined ? ` Token: ${this.auth.source}.` : ` (token from ${this.auth.source})`;
      throw new IisfleetError(e?.code ?? "HTTP_ERROR", message, res.status, e?.details ?? {});
    }
    return payload as T;
  }
}
