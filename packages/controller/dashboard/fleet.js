// Fleet view: hosts grouped by farm as tiles, live from the WebSocket's fleet summary; filters by farm, tag and
// state; a tile opens the host (services, app pools, last resets).
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { useEventRefresh, useFetch, useLive } from "./live.js";
import { Badge, COMMAND_STATES, HOST_STATES, TableBox, commandWhat, fmtDuration, fmtTime, html } from "./ui.js";

const ORDER = Object.keys(HOST_STATES);

export function FleetView({ live }) {
  const state = useLive(live);
  const [farm, setFarm] = useState("");
  const [tag, setTag] = useState("");
  const [only, setOnly] = useState("");
  const [open, setOpen] = useState(null);
  const tiles = [...state.tiles.values()];

  const farms = useMemo(() => [...new Set(tiles.map((t) => t.farm))].sort(), [state.tiles]);
  const tags = useMemo(() => [...new Set(tiles.flatMap((t) => Object.entries(t.tags).map(([k, v]) => `${k}=${v}`)))].sort(), [state.tiles]);
  const shown = tiles.filter(
    (t) =>
      (!farm || t.farm === farm) &&
      (!only || t.state === only) &&
      (!tag || t.tags[tag.slice(0, tag.indexOf("="))] === tag.slice(tag.indexOf("=") + 1)),
  );
  const byFarm = new Map();
  for (const t of shown.sort((a, b) => (a.farm === b.farm ? (a.name < b.name ? -1 : 1) : a.farm < b.farm ? -1 : 1))) {
    if (!byFarm.has(t.farm)) byFarm.set(t.farm, []);
    byFarm.get(t.farm).push(t);
  }

  return html`<section aria-labelledby="fleet-title">
    <div class="view-head">
      <h1 id="fleet-title" tabindex="-1">Fleet</h1>
      <p class="muted">${tiles.length} hosts · updated live${state.atMs ? ` · as of ${fmtTime(state.atMs)}` : ""}</p>
    </div>
    <ul class="legend" aria-label="Hosts by state">
      ${ORDER.map((s) => html`<li><${Badge} table=${HOST_STATES} state=${s} extra=${String(state.counts[s] ?? 0)} /></li>`)}
    </ul>
    <form class="filters" onSubmit=${(e) => e.preventDefault()} aria-label="Filter hosts">
      <label>Farm <select value=${farm} onChange=${(e) => setFarm(e.currentTarget.value)}>
        <option value="">All farms</option>
        ${farms.map((f) => html`<option value=${f}>${f}</option>`)}
      </select></label>
      <label>Tag <select value=${tag} onChange=${(e) => setTag(e.currentTarget.value)}>
        <option value="">Any tag</option>
        ${tags.map((t) => html`<option value=${t}>${t}</option>`)}
      </select></label>
      <label>State <select value=${only} onChange=${(e) => setOnly(e.currentTarget.value)}>
        <option value="">Any state</option>
        ${ORDER.map((s) => html`<option value=${s}>${HOST_STATES[s].label}</option>`)}
      </select></label>
    </form>
    ${tiles.length === 0
      ? html`<p class="empty">${state.connection === "live" ? "No agent has reported yet." : "Connecting to the controller…"}</p>`
      : shown.length === 0
        ? html`<p class="empty">No host matches these filters.</p>`
        : [...byFarm].map(([name, hosts]) => html`<${Farm} key=${name} name=${name} hosts=${hosts} onOpen=${setOpen} />`)}
    <${Activity} events=${state.events} />
    ${open ? html`<${HostPanel} live=${live} name=${open} tile=${state.tiles.get(open)} onClose=${() => setOpen(null)} />` : ""}
  </section>`;
}

/** The newest events from the stream (since this page opened), progress chatter left out. */
function Activity({ events }) {
  const shown = events.filter((e) => e.kind !== "command.progress").slice(0, 12);
  return html`<section aria-labelledby="activity-title" class="activity">
    <h2 id="activity-title">Recent events <span class="muted small">live, since this page opened</span></h2>
    ${shown.length === 0
      ? html`<p class="muted">Nothing yet.</p>`
      : html`<ol>${shown.map((e) => html`<li key=${e.id}><time>${fmtTime(e.atMs)}</time> <code>${e.kind}</code> ${e.host ? html`<strong>${e.host}</strong> ` : ""}${e.message}</li>`)}</ol>`}
  </section>`;
}

function Farm({ name, hosts, onOpen }) {
  const counts = ORDER.map((s) => [s, hosts.filter((h) => h.state === s).length]).filter(([, n]) => n > 0);
  const id = `farm-${name}`;
  return html`<section class="farm" aria-labelledby=${id}>
    <h2 id=${id}>${name} <span class="muted">${hosts.length} host${hosts.length === 1 ? "" : "s"} · ${counts.map(([s, n]) => `${n} ${HOST_STATES[s].label.toLowerCase()}`).join(" · ")}</span></h2>
    <ul class="tiles" onKeyDown=${arrowKeys}>
      ${hosts.map((t) => html`<li key=${t.name}><${Tile} tile=${t} onOpen=${onOpen} /></li>`)}
    </ul>
  </section>`;
}

function Tile({ tile, onOpen }) {
  const meta = HOST_STATES[tile.state];
  return html`<button type="button" class=${`tile t-${tile.state}`} data-host=${tile.name} data-state=${tile.state}
      aria-label=${`${tile.name}: ${meta.label}${tile.reason ? `, ${tile.reason}` : ""}`} onClick=${() => onOpen(tile.name)}>
    <span class="tile-name">${tile.name}</span>
    <span class="tile-state"><span aria-hidden="true" class="icon">${meta.icon}</span> ${meta.label}</span>
    ${tile.reason ? html`<span class="tile-reason">${tile.reason}</span>` : ""}
  </button>`;
}

/** Arrow keys move between tiles of a farm (Tab moves between farms' first tiles and the rest of the page). */
function arrowKeys(e) {
  const buttons = [...e.currentTarget.querySelectorAll("button.tile")];
  const i = buttons.indexOf(document.activeElement);
  if (i < 0) return;
  const perRow = Math.max(1, Math.round(e.currentTarget.clientWidth / (buttons[0].offsetWidth || 1)));
  const next = { ArrowRight: i + 1, ArrowLeft: i - 1, ArrowDown: i + perRow, ArrowUp: i - perRow, Home: 0, End: buttons.length - 1 }[e.key];
  if (next === undefined) return;
  e.preventDefault();
  buttons[Math.max(0, Math.min(buttons.length - 1, next))].focus();
}

/** One host: its facts, services, app pools and last resets; refreshed when its tile changes or a command of it ends. */
function HostPanel({ live, name, tile, onClose }) {
  const ref = useRef(null);
  const [rev, setRev] = useState(0);
  const host = useFetch(`/api/v1/hosts/${encodeURIComponent(name)}`, `${tile?.state}/${rev}`);
  const history = useFetch(`/api/v1/commands?host=${encodeURIComponent(name)}&limit=10`, `${tile?.state}/${rev}`);
  useEventRefresh(live, (e) => e.host === name && e.kind === "command.finished", () => setRev((n) => n + 1), [name]);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const h = host.data?.host;
  return html`<dialog ref=${ref} class="panel" aria-labelledby="host-title" onClose=${onClose} onCancel=${onClose}>
    <div class="panel-head">
      <h2 id="host-title">${name}</h2>
      <button type="button" class="secondary" onClick=${onClose} aria-label="Close host details">Close</button>
    </div>
    ${tile ? html`<p><${Badge} table=${HOST_STATES} state=${tile.state} /> ${tile.reason ? html`<span class="muted">${tile.reason}</span>` : ""}</p>` : ""}
    ${host.error ? html`<p role="alert" class="error">${host.error.message}</p>` : ""}
    ${h
      ? html`<dl class="facts">
          <dt>Farm</dt><dd>${h.farm}</dd>
          <dt>Tags</dt><dd>${Object.entries(h.tags).map(([k, v]) => `${k}=${v}`).join(", ") || "—"}</dd>
          <dt>Health probe</dt><dd>${h.health || "not probed yet"}</dd>
          <dt>Cordoned</dt><dd>${h.cordoned ? `yes${h.cordonReason ? `: ${h.cordonReason}` : ""}` : "no"}</dd>
          <dt>Agent</dt><dd>${h.agentVersion || "—"} (${h.adapter || "?"}, IIS ${h.iisGeneration || "?"})</dd>
          <dt>Last heartbeat</dt><dd>${fmtDuration(h.ageMs)} ago (${h.liveness})</dd>
        </dl>
        <h3>Services</h3>
        <${TableBox} label=${`Services on ${name}`}>
          <table><thead><tr><th scope="col">Service</th><th scope="col">State</th><th scope="col">PID</th></tr></thead>
          <tbody>${h.services.map((s) => html`<tr><td>${s.name}</td><td>${s.state}</td><td>${s.pid || "—"}</td></tr>`)}</tbody></table>
        <//>
        <h3>Application pools</h3>
        <${TableBox} label=${`Application pools on ${name}`}>
          <table><thead><tr><th scope="col">Pool</th><th scope="col">State</th><th scope="col">Worker PIDs</th></tr></thead>
          <tbody>${h.appPools.map((p) => html`<tr><td>${p.name}</td><td>${p.started ? "Started" : "Stopped"}</td><td>${p.workerPids.join(", ") || "—"}</td></tr>`)}</tbody></table>
        <//>
        <h3>Sites</h3>
        ${(h.sites ?? []).length === 0
          ? html`<p class="muted">No sites reported.</p>`
          : html`<${TableBox} label=${`Sites on ${name}`}>
              <table><thead><tr><th scope="col">Site</th><th scope="col">ID</th><th scope="col">State</th><th scope="col">Pool</th><th scope="col">Bindings</th></tr></thead>
              <tbody>${h.sites.map((s) => html`<tr><td>${s.name}</td><td>${s.id}</td><td>${s.started ? "Started" : "Stopped"}</td><td>${s.appPool || "—"}</td><td>${s.bindings.join(" ") || "—"}</td></tr>`)}</tbody></table>
            <//>`}`
      : host.error ? "" : html`<p class="muted">Loading…</p>`}
    <h3>Last resets</h3>
    ${history.data
      ? history.data.commands.length === 0
        ? html`<p class="muted">No command recorded for ${name}.</p>`
        : html`<${TableBox} label=${`Last commands on ${name}`}>
            <table><thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Result</th><th scope="col">Took</th><th scope="col">By</th></tr></thead>
            <tbody>${history.data.commands.map((c) => html`<tr>
              <td>${fmtTime(c.createdMs)}</td>
              <td>${commandWhat(c)}</td>
              <td><${Badge} table=${COMMAND_STATES} state=${c.state} />${c.code && c.state !== "succeeded" ? html` <code>${c.code}</code>` : ""}</td>
              <td>${c.finishedMs ? fmtDuration(c.finishedMs - c.createdMs) : "—"}</td>
              <td>${c.issuer}</td></tr>`)}</tbody></table>
          <//>`
      : html`<p class="muted">Loading…</p>`}
  </dialog>`;
}
