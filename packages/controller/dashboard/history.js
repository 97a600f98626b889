// History: resets (every command, from SQLite) and rollouts, with filters; refreshed when the stream reports a
// command or rollout finishing.
import { useState } from "preact/hooks";
import { useEventRefresh, useFetch } from "./live.js";
import { RolloutTable, targetsText } from "./rollout.js";
import { Badge, COMMAND_STATES, ROLLOUT_STATES, TableBox, commandWhat, fmtDuration, fmtTime, html, unitText } from "./ui.js";
import { WindowsPanel } from "./windows.js";

export function HistoryView({ live }) {
  const [rev, setRev] = useState(0);
  const [host, setHost] = useState("");
  const [result, setResult] = useState("");
  const [kind, setKind] = useState("reset");
  const [rolloutState, setRolloutState] = useState("");
  const [farm, setFarm] = useState("");
  const hostOk = host === "" || /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(host);
  const commands = useFetch(hostOk ? `/api/v1/commands?limit=200${host ? `&host=${encodeURIComponent(host.toLowerCase())}` : ""}` : null, rev);
  const rollouts = useFetch("/api/v1/rollouts?limit=200", rev);
  const retention = useFetch("/api/v1/retention", rev);
  const notifications = useFetch("/api/v1/notifications", rev);
  const scheduled = useFetch("/api/v1/scheduled?all=1&limit=50", rev);
  useEventRefresh(live, (e) => e.kind.startsWith("schedule.") || ["notify.failed", "history.pruned", "command.finished", "rollout.state", "rollout.started", "window.added", "window.removed"].includes(e.kind), () => setRev((n) => n + 1), []);

  const rows = (commands.data?.commands ?? []).filter((c) => (!kind || c.kind === kind) && (!result || c.state === result));
  const rs = (rollouts.data?.rollouts ?? []).filter((r) => (!rolloutState || r.state === rolloutState) && (!farm || targetsText(r.definition).includes(farm)));

  return html`<section aria-labelledby="history-title">
    <div class="view-head"><h1 id="history-title" tabindex="-1">History</h1><p class="muted">What was done, when, by whom, with what result — from SQLite.</p>
      ${retention.data ? html`<p class="muted small" data-testid="retention">${retentionText(retention.data.retention)}</p>` : ""}</div>
    <${WindowsPanel} refreshKey=${rev} />
    <h2 id="resets-title">Resets and commands</h2>
    <form class="filters" onSubmit=${(e) => e.preventDefault()} aria-labelledby="resets-title">
      <label>Host <input type="search" value=${host} placeholder="any host" onInput=${(e) => setHost(e.currentTarget.value.trim())}
        aria-invalid=${hostOk ? "false" : "true"} /></label>
      <label>Kind <select value=${kind} onChange=${(e) => setKind(e.currentTarget.value)}>
        <option value="">All</option><option value="reset">Resets</option><option value="cordon">Cordons</option></select></label>
      <label>Result <select value=${result} onChange=${(e) => setResult(e.currentTarget.value)}>
        <option value="">Any result</option>
        ${Object.entries(COMMAND_STATES).map(([k, v]) => html`<option value=${k}>${v.label}</option>`)}</select></label>
    </form>
    ${!hostOk ? html`<p role="alert" class="error">A host name is letters, digits and hyphens.</p>` : ""}
    ${commands.error ? html`<p role="alert" class="error">${commands.error.message}</p>` : ""}
    ${commands.data
      ? rows.length === 0
        ? html`<p class="empty">No command matches.</p>`
        : html`<${TableBox} label="Command history">
            <table><thead><tr><th scope="col">When</th><th scope="col">Host</th><th scope="col">What</th><th scope="col">Result</th><th scope="col">Took</th><th scope="col">By</th></tr></thead>
            <tbody>${rows.map((c) => html`<tr key=${c.id}>
              <td>${fmtTime(c.createdMs)}</td><td>${c.host}</td>
              <td>${commandWhat(c)}</td>
              <td><${Badge} table=${COMMAND_STATES} state=${c.state} />${c.code && c.state !== "succeeded" ? html` <code>${c.code}</code>` : ""}
                ${c.state !== "succeeded" && c.message ? html`<div class="muted small">${c.message}</div>` : ""}</td>
              <td>${c.finishedMs ? fmtDuration(c.finishedMs - c.createdMs) : "—"}</td><td>${c.issuer}</td></tr>`)}</tbody></table>
          <//>`
      : html`<p class="muted">Loading…</p>`}
    <${ScheduledPanel} entries=${scheduled.data?.scheduled} />
    <${NotificationsPanel} targets=${notifications.data?.targets} />
    <h2 id="rollout-history-title">Rollouts</h2>
    <form class="filters" onSubmit=${(e) => e.preventDefault()} aria-labelledby="rollout-history-title">
      <label>State <select value=${rolloutState} onChange=${(e) => setRolloutState(e.currentTarget.value)}>
        <option value="">Any state</option>
        ${Object.entries(ROLLOUT_STATES).map(([k, v]) => html`<option value=${k}>${v.label}</option>`)}</select></label>
      <label>Targets <input type="search" value=${farm} placeholder="farm, tag or host" onInput=${(e) => setFarm(e.currentTarget.value.trim())} /></label>
    </form>
    ${rollouts.data
      ? rs.length === 0 ? html`<p class="empty">No rollout matches.</p>` : html`<${RolloutTable} rollouts=${rs} caption="Rollout history" />`
      : html`<p class="muted">Loading…</p>`}
  </section>`;
}


/** How far back this history goes (controller --retain), so an empty past is not a mystery. */
function retentionText(r) {
  const kept = r.retainMs === null ? "History is kept in full" : `History is kept for ${Math.round(r.retainMs / 86_400_000)} days (controller --retain)`;
  const oldest = r.oldest.commandMs === null ? "no command recorded yet" : `oldest command ${fmtTime(r.oldest.commandMs)}`;
  return `${kept}; ${oldest}.`;
}

/** Where notifications go and how their deliveries fared (iisfleet notify list). */
function NotificationsPanel({ targets }) {
  if (!targets) return "";
  return html`<h2 id="notify-title">Notifications</h2>
    ${targets.length === 0
      ? html`<p class="empty" data-testid="notify-empty">No notification target. Add one: <code>iisfleet notify add NAME --url URL --events rollout.finished</code></p>`
      : html`<${TableBox} label="Notification targets">
          <table><thead><tr><th scope="col">Name</th><th scope="col">Format</th><th scope="col">URL</th><th scope="col">Events</th><th scope="col">Delivered</th><th scope="col">Pending</th><th scope="col">Failed</th></tr></thead>
          <tbody>${targets.map((t) => html`<tr key=${t.name}><td>${t.name}</td><td>${t.format}</td><td><code>${t.url}</code></td><td>${t.events.join(", ")}</td>
            <td>${t.deliveries.delivered}</td><td>${t.deliveries.pending}</td><td>${t.deliveries.failed}</td></tr>`)}</tbody></table>
        <//>`}`;
}

/** A request that names pools or sites: its unit is worth saying. */
const named = (r) => (r?.pools?.length ?? 0) > 0 || (r?.sites?.length ?? 0) > 0;

/** Resets and rollouts set to start later (iisfleet scheduled list --all): what waits, and what became of the rest. */
function ScheduledPanel({ entries }) {
  if (!entries) return "";
  return html`<h2 id="scheduled-title">At a set time</h2>
    ${entries.length === 0
      ? html`<p class="empty" data-testid="scheduled-empty">Nothing set for later. Set one: <code>iisfleet reset HOST --at "2026-12-05 02:00" --tz Europe/Berlin</code></p>`
      : html`<${TableBox} label="Scheduled starts">
          <table><thead><tr><th scope="col">At</th><th scope="col">What</th><th scope="col">State</th><th scope="col">By</th><th scope="col">Outcome</th></tr></thead>
          <tbody>${entries.map((s) => html`<tr key=${s.id}><td>${s.at}</td><td>${s.kind} of ${s.target}${named(s.request) ? ` (${unitText(s.request)})` : ""} <span class="muted small">${s.id}</span></td>
            <td>${s.state}</td><td>${s.createdBy}</td><td>${s.message || "—"}</td></tr>`)}</tbody></table>
        <//>`}`;
}
