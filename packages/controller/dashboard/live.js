// The dashboard's link to the controller: JSON calls, and the live event stream over one WebSocket that resumes
// from the last event id it saw after any disconnect (the controller sends every event after it, gap-free).
// Both carry the API token the operator typed in: kept in sessionStorage (this tab only, gone when it closes), sent
// as Authorization on calls and, since a browser cannot set headers on a WebSocket, as a subprotocol on the stream.
import { useEffect, useState } from "preact/hooks";

export class ApiError extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

const TOKEN_KEY = "iisfleet.token";

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (t) => sessionStorage.setItem(TOKEN_KEY, t),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Called when the controller answers 401: the token is missing, revoked or expired. */
const unauthorizedHandlers = new Set();

async function call(method, path, body) {
  let res;
  const t = token.get();
  try {
    res = await fetch(path, {
      method,
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...(t ? { authorization: `Bearer ${t}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError("CONTROLLER_UNREACHABLE", `Cannot reach the controller (${err.message}).`, 0);
  }
  const payload = await res.json().catch(() => ({}));
  if (res.status === 401) for (const h of unauthorizedHandlers) h(payload.error?.message);
  if (!res.ok) throw new ApiError(payload.error?.code ?? "HTTP_ERROR", payload.error?.message ?? `HTTP ${res.status}`, res.status);
  return payload;
}

export const api = {
  get: (path) => call("GET", path),
  post: (path, body) => call("POST", path, body ?? {}),
};

/** Who the dashboard says did an action (rollout_actions.actor). */
export const ACTOR = "dashboard";

const MAX_EVENTS = 200;

/**
 * Live state: host tiles (from the fleet summary), the recent events, and the connection. Components subscribe;
 * views that show SQLite-backed detail (a rollout) refetch when an event concerning them arrives.
 */
export function createLive() {
  const state = {
    connection: "connecting",
    // "checking" the stored token, "needed" (none, or refused: the sign-in form shows), or "ok" with `who`.
    auth: "checking",
    who: null,
    authError: null,
    tiles: new Map(),
    counts: {},
    events: [],
    lastEventId: null,
    version: "",
    atMs: 0,
    skewMs: 0,
  };
  const listeners = new Set();
  const eventListeners = new Set();
  let backoffMs = 500;
  let ws;

  const notify = () => {
    for (const l of listeners) l();
    document.body.dataset.connection = state.connection;
  };

  function signedOut(message) {
    token.clear();
    state.auth = "needed";
    state.who = null;
    state.authError = message ?? null;
    state.connection = "signed-out";
    const old = ws;
    ws = undefined;
    old?.close();
    notify();
  }
  unauthorizedHandlers.add((message) => state.auth === "ok" && signedOut(message));

  function retry() {
    state.connection = "reconnecting";
    notify();
    setTimeout(connect, backoffMs);
    backoffMs = Math.min(backoffMs * 2, 10_000);
  }

  async function connect() {
    const t = token.get();
    if (!t) return signedOut(null);
    // The stream cannot say why it refused a connection (a browser hides the HTTP status): ask first who we are.
    try {
      state.who = (await api.get("/api/v1/whoami")).token;
      state.auth = "ok";
      state.authError = null;
    } catch (err) {
      if (err.status === 401) return signedOut(err.message);
      return retry();
    }
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    // No since on the first connection: events from now on. After that, resume exactly after the last one seen.
    const since = state.lastEventId === null ? "" : `?since=${state.lastEventId}`;
    const socket = new WebSocket(`${scheme}://${location.host}/api/v1/events${since}`, ["iisfleet.v1", `iisfleet.bearer.${t}`]);
    ws = socket;
    socket.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      if (msg.type === "hello") {
        backoffMs = 500;
        state.version = msg.version;
        state.agentIdentities = msg.agentIdentities;
        // Timelines compare the controller's timestamps with "now": use the controller's clock.
        state.skewMs = msg.atMs - Date.now();
        if (state.lastEventId === null || msg.resync) state.lastEventId = msg.since;
        state.connection = "live";
      } else if (msg.type === "events") {
        state.events = [...msg.events.slice().reverse(), ...state.events].slice(0, MAX_EVENTS);
        state.lastEventId = msg.events[msg.events.length - 1].id;
        for (const l of eventListeners) l(msg.events);
      } else if (msg.type === "fleet") {
        if (msg.full) state.tiles = new Map();
        else state.tiles = new Map(state.tiles);
        for (const t of msg.hosts) state.tiles.set(t.name, t);
        for (const name of msg.removed) state.tiles.delete(name);
        state.counts = msg.counts;
        state.atMs = msg.atMs;
      }
      notify();
    };
    socket.onclose = () => {
      // Closed by signing out (or replaced): nothing to resume.
      if (ws !== socket) return;
      retry();
    };
  }

  return {
    connect,
    signIn(t) {
      token.set(t.trim());
      state.auth = "checking";
      state.authError = null;
      notify();
      void connect();
    },
    signOut: () => signedOut(null),
    get: () => state,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    onEvents(fn) {
      eventListeners.add(fn);
      return () => eventListeners.delete(fn);
    },
  };
}

/** Re-renders the calling component whenever the live state changes. */
export function useLive(live) {
  const [, setTick] = useState(0);
  useEffect(() => live.subscribe(() => setTick((n) => n + 1)), [live]);
  return live.get();
}

/** Calls `fn` (debounced) when an event arrives that `match` accepts: how detail views stay current without polling. */
export function useEventRefresh(live, match, fn, deps) {
  useEffect(() => {
    let timer;
    const off = live.onEvents((events) => {
      if (!events.some(match)) return;
      clearTimeout(timer);
      timer = setTimeout(fn, 120);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, deps);
}

/** GET `path` now and whenever `refreshKey` changes; returns { data, error, reload }. */
export function useFetch(path, refreshKey) {
  const [result, setResult] = useState({ data: undefined, error: undefined });
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!path) return;
    let stale = false;
    api.get(path).then(
      (data) => !stale && setResult({ data, error: undefined }),
      (error) => !stale && setResult((r) => ({ data: r.data, error })),
    );
    return () => {
      stale = true;
    };
  }, [path, refreshKey, n]);
  return { ...result, reload: () => setN((x) => x + 1) };
}
