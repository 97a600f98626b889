// Small, dependency-free waiting and networking helpers shared by every test suite.
import { createServer } from "node:net";

export interface WaitForOptions {
  /** What we are waiting for, in words; it is named in the timeout error ("timed out after 5000 ms waiting for <what>"). */
  what: string;
  /** Give up after this long. Default 30 000 ms (generous: a loaded 2-core machine is slow, a hang still ends). */
  timeoutMs?: number;
  /** Pause between two attempts. Default 50 ms. */
  intervalMs?: number;
  /** Stop waiting at once when this aborts; `waitFor` then rejects with the signal's reason. */
  signal?: AbortSignal;
}

type Falsy = false | null | undefined;

/**
 * Calls `predicate` until it returns (or resolves to) something other than `false`, `null` or `undefined`, and
 * returns that value. A predicate that throws or rejects counts as "not yet"; its last error is quoted, and attached
 * as `cause`, when the wait times out. A single slow attempt cannot push the wait past `timeoutMs`.
 */
export async function waitFor<T>(predicate: () => T | Falsy | Promise<T | Falsy>, options: WaitForOptions): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let attempts = 0;

  const { signal } = options;
  for (;;) {
    signal?.throwIfAborted();
    attempts++;
    const remaining = deadline - Date.now();
    try {
      const outcome = await withinMs(Promise.resolve().then(predicate), Math.max(remaining, 0), signal);
      if (outcome.done && outcome.value !== false && outcome.value !== null && outcome.value !== undefined) {
        return outcome.value;
      }
    } catch (err) {
      lastError = err;
    }
    signal?.throwIfAborted();
    if (Date.now() >= deadline) break;
    await sleep(Math.min(intervalMs, Math.max(deadline - Date.now(), 0)), signal);
  }

  const detail = lastError === undefined ? "" : `; last error: ${errorText(lastError)}`;
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what} (${attempts} attempts)${detail}`, {
    cause: lastError,
  });
}

/** Resolves after `ms` milliseconds; resolves early (without throwing) if `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Returns a TCP port that was free on 127.0.0.1 a moment ago: binds port 0, reads the port the OS chose, and
 * releases it. Another process may take it before the caller binds it; prefer letting the server pick its own port
 * (as `startNatsServer` does) where the server can report it.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port: 0, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        server.close();
        reject(new Error(`freePort: unexpected server address ${String(address)}`));
        return;
      }
      const { port } = address;
      server.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}

type Outcome<T> = { done: true; value: T } | { done: false };

/** Settles with the promise's outcome, or `{ done: false }` after `ms` or when `signal` aborts. */
function withinMs<T>(promise: Promise<T>, ms: number, signal: AbortSignal | undefined): Promise<Outcome<T>> {
  return new Promise<Outcome<T>>((resolve, reject) => {
    const giveUp = (): void => {
      cleanup();
      resolve({ done: false });
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", giveUp);
    };
    const timer = setTimeout(giveUp, ms);
    signal?.addEventListener("abort", giveUp, { once: true });
    promise.then(
      (value) => {
        cleanup();
        resolve({ done: true, value });
      },
      (err: unknown) => {
        cleanup();
        reject(err);
      },
    );
  });
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
