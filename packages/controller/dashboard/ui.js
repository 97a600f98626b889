// Shared pieces of the dashboard: the htm binding, state badges (icon + text, never colour alone), formatting,
// and the confirmation dialog every operator action goes through. Icons are plain Unicode symbols that common
// system fonts carry (no emoji, which a server's headless browser or an old Windows font may lack).
import { h } from "preact";
import { useEffect, useRef } from "preact/hooks";
import htm from "htm";

export const html = htm.bind(h);

/** Host tile states (observe/host-state.ts on the controller). */
export const HOST_STATES = {
  healthy: { icon: "✓", label: "Healthy" },
  resetting: { icon: "↻", label: "Resetting" },
  failed: { icon: "✕", label: "Failed" },
  stale: { icon: "◔", label: "Stale" },
  offline: { icon: "○", label: "Offline" },
  cordoned: { icon: "⊘", label: "Cordoned" },
};

/** A host's place in a rollout. */
export const ROLLOUT_HOST_STATES = {
  queued: { icon: "…", label: "Queued" },
  draining: { icon: "↘", label: "Draining" },
  resetting: { icon: "↻", label: "Resetting" },
  undraining: { icon: "↗", label: "Undraining" },
  healthy: { icon: "✓", label: "Healthy" },
  failed: { icon: "✕", label: "Failed" },
  skipped: { icon: "»", label: "Skipped" },
};

export const ROLLOUT_STATES = {
  running: { icon: "▶", label: "Running" },
  paused: { icon: "‖", label: "Paused" },
  "waiting-approval": { icon: "◷", label: "Waiting for approval" },
  "waiting-for-window": { icon: "◴", label: "Waiting for its maintenance window" },
  // Shown for a running rollout whose `blocked` is set (its stored state stays "running").
  blocked: { icon: "⚠", label: "Blocked" },
  succeeded: { icon: "✓", label: "Succeeded" },
  failed: { icon: "✕", label: "Failed" },
  aborted: { icon: "■", label: "Aborted" },
};

export const COMMAND_STATES = {
  created: { icon: "…", label: "Created" },
  sent: { icon: "↻", label: "Running" },
  succeeded: { icon: "✓", label: "Succeeded" },
  failed: { icon: "✕", label: "Failed" },
  rejected: { icon: "⊘", label: "Rejected" },
  "timed-out": { icon: "◷", label: "Timed out" },
  error: { icon: "!", label: "Error" },
};

/** A coloured badge that also says its state in words, with an icon: readable without colour. */
export function Badge({ table, state, extra }) {
  const meta = table[state] ?? { icon: "?", label: state };
  return html`<span class=${`badge b-${state}`} data-state=${state}><span aria-hidden="true" class="icon">${meta.icon}</span> ${meta.label}${extra ? html` <span class="muted">${extra}</span>` : ""}</span>`;
}

/** What a command did, in words: "restart iis", "recycle pool ShopPool", "restart site Shop". */
export function commandWhat(c) {
  if (c.kind !== "reset") return c.kind;
  const pools = c.options?.pools ?? [];
  const sites = c.options?.sites ?? [];
  if (pools.length > 0) return `recycle ${namesText(pools, "pool")}${c.options?.startStopped ? " (start stopped)" : ""}`;
  if (sites.length > 0) return `${c.operation} ${namesText(sites, "site")}`;
  return `${c.operation} ${c.level}${c.force ? " --force" : ""}`;
}

/** A rollout's unit: what it does to each host. */
export function unitText(def) {
  if (def.pools?.length) return `recycle ${namesText(def.pools, "pool")}${def.startStopped ? " (start stopped)" : ""}`;
  if (def.sites?.length) return `${def.operation ?? "restart"} ${namesText(def.sites, "site")}`;
  return `${def.level}${def.force ? " --force" : ""}`;
}

function namesText(names, noun) {
  return `${noun}${names.length === 1 ? "" : "s"} ${names.join(", ")}`;
}

export function fmtTime(ms) {
  if (ms === null || ms === undefined) return "—";
  const d = new Date(ms);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString() : d.toLocaleString();
}

export function fmtDuration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/**
 * The confirmation step: a modal <dialog> (focus is trapped, Escape cancels), the consequence in a sentence, and
 * the confirm button named after the action — never a bare "OK". A destructive action starts on Cancel.
 */
export function ConfirmDialog({ title, body, confirmLabel, danger, busy, onConfirm, onCancel }) {
  const ref = useRef(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.open && d.close();
  }, []);
  return html`<dialog ref=${ref} class="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-body"
      onCancel=${(e) => { e.preventDefault(); onCancel(); }}>
    <h2 id="confirm-title">${title}</h2>
    <p id="confirm-body">${body}</p>
    <div class="actions">
      <button type="button" class="secondary" onClick=${onCancel} disabled=${busy} autofocus=${danger}>Cancel</button>
      <button type="button" class=${danger ? "danger" : "primary"} onClick=${onConfirm} disabled=${busy} autofocus=${!danger}>${busy ? "Working…" : confirmLabel}</button>
    </div>
  </dialog>`;
}

/** A wide table scrolls sideways inside its own box on a phone instead of widening the page. */
export function TableBox({ label, children }) {
  return html`<div class="table-box" role="region" aria-label=${label} tabindex="0">${children}</div>`;
}
