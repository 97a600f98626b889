// Maintenance windows: the next openings of each window on a one-week calendar. Shown only when the controller
// has the windows API — the dashboard asks the OpenAPI description (no 404 probing), so a controller without it
// simply shows nothing here.
import { useEffect, useState } from "preact/hooks";
import { api, useFetch } from "./live.js";
import { TableBox, html } from "./ui.js";

const DAYS = 7;
const hm = (ms) => new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
const dayKey = (ms) => new Date(ms).toDateString();

/**
 * Local midnight of `count` days from `now`'s day on. By calendar date, not by adding 24 h: a day is 23 or 25 hours
 * (Lord Howe: 23.5 or 24.5) when daylight saving time changes, and 24-hour steps showed that day twice or lost the next.
 */
export function calendarDays(now, count) {
  const d = new Date(now);
  return Array.from({ length: count }, (_, i) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + i));
}

export function WindowsPanel({ refreshKey }) {
  const spec = useFetch("/api/v1/openapi.json", 0);
  const available = Boolean(spec.data?.paths?.["/api/v1/windows"]?.get && spec.data?.paths?.["/api/v1/windows/{name}"]?.get);
  const list = useFetch(available ? "/api/v1/windows" : null, refreshKey);
  const [openings, setOpenings] = useState({});
  const windows = list.data?.windows ?? [];
  const names = windows.map((w) => w.name).join(",");
  useEffect(() => {
    let stale = false;
    Promise.all(
      windows.map((w) =>
        api.get(`/api/v1/windows/${encodeURIComponent(w.name)}?count=14`).then((r) => [w.name, r.openings ?? []], () => [w.name, []]),
      ),
    ).then((pairs) => !stale && setOpenings(Object.fromEntries(pairs)));
    return () => {
      stale = true;
    };
  }, [names, refreshKey]);
  if (!available || !list.data) return "";

  const days = calendarDays(Date.now(), DAYS);
  return html`<section aria-labelledby="windows-title" class="windows">
    <h2 id="windows-title">Maintenance windows <span class="muted small">next ${DAYS} days, your local time</span></h2>
    ${windows.length === 0
      ? html`<p class="empty">No maintenance window is defined: resets may run at any time (<code>iisfleet window add</code> defines one).</p>`
      : html`<${TableBox} label="Maintenance window calendar">
          <table class="calendar">
            <thead><tr><th scope="col">Window</th>${days.map((d) => html`<th scope="col">${d.toLocaleDateString([], { weekday: "short", day: "numeric" })}</th>`)}</tr></thead>
            <tbody>${windows.map((w) => {
              const mine = openings[w.name] ?? [];
              return html`<tr>
                <th scope="row">${w.name}${w.blackout ? html` <span class="badge b-failed">blackout</span>` : ""}${w.open ? html` <span class="badge b-healthy">open now</span>` : ""}
                  <div class="muted small">${w.farm ? `farm ${w.farm}` : "any farm"}${Object.keys(w.tags ?? {}).length ? ` · ${Object.entries(w.tags).map(([k, v]) => `${k}=${v}`).join(" ")}` : ""} · ${w.cron} (${w.timeZone})</div></th>
                ${days.map((d) => {
                  const today = mine.filter((o) => dayKey(o.startMs) === d.toDateString());
                  return html`<td class=${today.length ? (w.blackout ? "cal-blackout" : "cal-open") : ""}>${today.map((o) => html`<div>${hm(o.startMs)}–${hm(o.endMs)}</div>`)}</td>`;
                })}
              </tr>`;
            })}</tbody>
          </table>
        <//>`}
  </section>`;
}
