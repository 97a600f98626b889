// Rollout view: the list, and one rollout live — its timeline, batches, failure budget, and the operator actions
// (pause / resume / abort / approve), each behind a confirmation step.
import { useEffect, useState } from "preact/hooks";
import { Gantt } from "./gantt.js";
import { ACTOR, api, useEventRefresh, useFetch } from "./live.js";
import { Badge, ConfirmDialog, ROLLOUT_HOST_STATES, ROLLOUT_STATES, TableBox, fmtDuration, fmtTime, html, unitText } from "./ui.js";

const ACTIVE = ["running", "paused", "waiting-approval", "waiting-for-window"];

/** Which actions a state allows (the controller's RolloutService.act refuses the rest with INVALID_STATE). */
const ACTIONS = [
  { action: "pause", label: "Pause", when: ["running", "waiting-approval", "waiting-for-window"], danger: false,
    explain: "No new host will start. Hosts already resetting finish and are recorded. Resume continues where it stopped." },
  { action: "resume", label: "Resume", when: ["paused", "failed"], danger: false,
    explain: "The rollout continues with the next queued hosts, within its capacity guard and failure budget." },
  { action: "approve", label: "Approve", when: ["waiting-approval"], danger: false,
    explain: "The canary batch is done: the rollout goes on to the remaining batches." },
  { action: "abort", label: "Abort", when: ["running", "paused", "waiting-approval", "waiting-for-window"], danger: true,
    explain: "The rollout stops for good. Hosts already resetting finish; queued hosts are never touched. This cannot be undone." },
];

export function targetsText(def) {
  const t = def?.targets ?? {};
  const parts = [];
  if (t.farm) parts.push(`farm ${t.farm}`);
  for (const [k, v] of Object.entries(t.tags ?? {})) parts.push(`${k}=${v}`);
  if (t.hosts?.length) parts.push(t.hosts.join(", "));
  if (t.exclude?.length) parts.push(`except ${t.exclude.join(", ")}`);
  return parts.join(" · ") || "—";
}

export function RolloutTable({ rollouts, caption }) {
  return html`<${TableBox} label=${caption}>
    <table>
      <caption class="sr-only">${caption}</caption>
      <thead><tr><th scope="col">Rollout</th><th scope="col">State</th><th scope="col">Targets</th><th scope="col">Progress</th><th scope="col">Failures</th><th scope="col">Started</th><th scope="col">By</th></tr></thead>
      <tbody>${rollouts.map((r) => {
        const s = r.summary;
        const total = s.queued + s.draining + s.resetting + (s.undraining ?? 0) + s.healthy + s.failed + s.skipped;
        return html`<tr key=${r.id}>
          <td><a href=${`#/rollouts/${r.id}`}>${r.id}</a></td>
          <td><${Badge} table=${ROLLOUT_STATES} state=${r.state === "running" && r.blocked ? "blocked" : r.state} /></td>
          <td>${targetsText(r.definition)}${r.definition.pools?.length || r.definition.sites?.length ? html`<div class="muted small">${unitText(r.definition)}</div>` : ""}</td>
          <td>${s.healthy + s.skipped + s.failed} of ${total} done</td>
          <td>${s.failed} of ${s.maxFailures} allowed</td>
          <td>${fmtTime(r.createdMs)}</td>
          <td>${r.createdBy}</td>
        </tr>`;
      })}</tbody>
    </table>
  <//>`;
}

export function RolloutsView({ live, id }) {
  return id ? html`<${RolloutDetail} live=${live} id=${id} />` : html`<${RolloutList} live=${live} />`;
}

function RolloutList({ live }) {
  const [rev, setRev] = useState(0);
  const list = useFetch("/api/v1/rollouts?limit=50", rev);
  useEventRefresh(live, (e) => e.kind.startsWith("rollout."), () => setRev((n) => n + 1), []);
  const rollouts = list.data?.rollouts ?? [];
  const active = rollouts.filter((r) => ACTIVE.includes(r.state));
  return html`<section aria-labelledby="rollouts-title">
    <div class="view-head"><h1 id="rollouts-title" tabindex="-1">Rollouts</h1>
      <p class="muted">Start one with <code>iisfleet rollout start --farm NAME</code> (or POST /api/v1/rollouts).</p></div>
    ${list.error ? html`<p role="alert" class="error">${list.error.message}</p>` : ""}
    ${!list.data ? html`<p class="muted">Loading…</p>` : ""}
    ${active.length > 0 ? html`<h2>Active</h2><${RolloutTable} rollouts=${active} caption="Active rollouts" />` : ""}
    ${list.data ? html`<h2>Recent</h2>${rollouts.length ? html`<${RolloutTable} rollouts=${rollouts} caption="Recent rollouts" />` : html`<p class="empty">No rollout yet.</p>`}` : ""}
  </section>`;
}

function RolloutDetail({ live, id }) {
  const [rev, setRev] = useState(0);
  const serverNow = () => Date.now() + live.get().skewMs;
  const [now, setNow] = useState(serverNow());
  const [confirm, setConfirm] = useState(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState(null);
  const res = useFetch(`/api/v1/rollouts/${encodeURIComponent(id)}`, rev);
  useEffect(() => setNow(serverNow()), [res.data]);
  // Refetch when the stream reports anything about this rollout; no polling.
  useEventRefresh(live, (e) => e.data?.rolloutId === id, () => setRev((n) => n + 1), [id]);
  const d = res.data;
  // Only what the token may do is offered; the controller refuses the rest anyway (403).
  const who = live.get().who;
  const canAct = who?.role === "operator" || who?.role === "admin";
  const running = d && !d.rollout.finishedMs;
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(serverNow()), 1000);
    return () => clearInterval(t);
  }, [running]);

  async function act(a) {
    setBusy(true);
    try {
      await api.post(`/api/v1/rollouts/${encodeURIComponent(id)}/${a.action}`, { actor: ACTOR });
      setNotice({ ok: true, text: `${a.label}: done.` });
      setRev((n) => n + 1);
    } catch (err) {
      setNotice({ ok: false, text: `${a.label} failed: ${err.message}` });
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  }

  if (res.error && !d) return html`<section><h1 tabindex="-1">Rollout ${id}</h1><p role="alert" class="error">${res.error.message}</p><p><a href="#/rollouts">All rollouts</a></p></section>`;
  if (!d) return html`<section><h1 tabindex="-1">Rollout ${id}</h1><p class="muted">Loading…</p></section>`;
  const r = d.rollout;
  const s = d.summary;
  const total = d.hosts.length;
  const done = s.healthy + s.failed + s.skipped;
  const def = r.definition;
  return html`<section aria-labelledby="rollout-title" class="rollout" data-rollout=${r.id} data-rollout-state=${r.state}>
    <p class="crumbs"><a href="#/rollouts">Rollouts</a> › ${r.id}</p>
    <div class="view-head">
      <h1 id="rollout-title" tabindex="-1">Rollout ${r.id}</h1>
      <${Badge} table=${ROLLOUT_STATES} state=${r.state === "running" && r.blocked ? "blocked" : r.state} />
    </div>
    ${r.reason ? html`<p class="reason">${r.reason}</p>` : ""}
    <div class="toolbar" role="group" aria-label="Rollout actions">
      ${canAct ? ACTIONS.filter((a) => a.when.includes(r.state)).map(
        (a) => html`<button type="button" class=${a.danger ? "danger" : "primary"} onClick=${() => { setNotice(null); setConfirm(a); }}>${a.label}</button>`,
      ) : ""}
      ${canAct ? "" : html`<span class="muted" data-no-actions>Your token (${who?.name}) is a ${who?.role}: pausing, resuming, approving and aborting need an operator token.</span>`}
      ${!canAct || ACTIONS.some((a) => a.when.includes(r.state)) ? "" : html`<span class="muted">No action applies to a ${ROLLOUT_STATES[r.state]?.label.toLowerCase() ?? r.state} rollout.</span>`}
    </div>
    <p aria-live="polite" class=${notice ? (notice.ok ? "notice" : "error") : "sr-only"} role=${notice && !notice.ok ? "alert" : undefined}>${notice?.text ?? ""}</p>
    <div class="cards">
      <div class="card"><h2>Progress</h2><p class="big">${done} of ${total}</p>
        <progress max=${total} value=${done} aria-label="Hosts done"></progress>
        <p class="muted">${["draining", "resetting", "undraining", "queued", "healthy", "failed", "skipped"].filter((k) => s[k] > 0).map((k) => `${s[k]} ${ROLLOUT_HOST_STATES[k].label.toLowerCase()}`).join(" · ")}</p></div>
      <div class="card"><h2>Failure budget</h2><p class="big" data-budget>${s.failed} of ${s.maxFailures} allowed</p>
        <meter min="0" max=${s.maxFailures + 1} low=${s.maxFailures} high=${s.maxFailures + 0.5} optimum="0" value=${s.failed} aria-label="Failures used"></meter>
        <p class="muted">${s.failed > s.maxFailures ? "Over budget: no further host is touched." : `Halts at ${s.maxFailures + 1} failure${s.maxFailures === 0 ? "" : "s"}.`}</p></div>
      <div class="card"><h2>Batches</h2><p class="big">${Math.min(r.currentBatch + 1, r.batchCount)} of ${r.batchCount}</p>
        <p class="muted">${def.canary ? `canary ${def.canary}${def.canaryApproval === "manual" ? " (manual approval)" : ""} · ` : ""}${def.bakeMs ? `bake ${fmtDuration(def.bakeMs)}` : "no bake"}</p></div>
      <div class="card"><h2>${def.pools?.length || def.sites?.length ? "On each host" : "Reset"}</h2><p class="big">${unitText(def)}</p>
        <p class="muted">${targetsText(def)} · by ${r.createdBy} at ${fmtTime(r.createdMs)}</p></div>
    </div>
    <${Gantt} detail=${d} now=${now} />
    <h2>Hosts</h2>
    <${TableBox} label="Hosts of this rollout">
      <table><thead><tr><th scope="col">Host</th><th scope="col">Batch</th><th scope="col">State</th><th scope="col">Started</th><th scope="col">Took</th><th scope="col">Result</th></tr></thead>
      <tbody>${d.hosts.map((h) => html`<tr key=${h.host}>
        <td>${h.host}</td><td>${h.batch + 1}</td><td><${Badge} table=${ROLLOUT_HOST_STATES} state=${h.state} /></td>
        <td>${fmtTime(h.startedMs)}</td><td>${h.startedMs && h.finishedMs ? fmtDuration(h.finishedMs - h.startedMs) : "—"}</td>
        <td>${h.code && h.code !== "OK" ? html`<code>${h.code}</code> ${h.message}` : h.code || ""}</td></tr>`)}</tbody></table>
    <//>
    <h2>Operator actions</h2>
    <ul class="actions-log">${d.actions.map((a) => html`<li><time>${fmtTime(a.atMs)}</time> <strong>${a.actor}</strong> ${a.action}${a.host ? ` ${a.host}` : ""}${a.detail ? ` — ${a.detail}` : ""}</li>`)}</ul>
    ${confirm
      ? html`<${ConfirmDialog} title=${`${confirm.label} rollout ${r.id}?`} body=${confirm.explain} confirmLabel=${`${confirm.label} rollout`}
          danger=${confirm.danger} busy=${busy} onConfirm=${() => act(confirm)} onCancel=${() => setConfirm(null)} />`
      : ""}
  </section>`;
}
