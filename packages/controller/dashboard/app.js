// The iisfleet dashboard: three views behind hash routes, one live connection for all of them.
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { FleetView } from "./fleet.js";
import { HistoryView } from "./history.js";
import { createLive, useLive } from "./live.js";
import { RolloutsView } from "./rollout.js";
import { html } from "./ui.js";

const live = createLive();
live.connect();

const VIEWS = [
  { path: "fleet", label: "Fleet" },
  { path: "rollouts", label: "Rollouts" },
  { path: "history", label: "History" },
];

function parseHash() {
  const [view = "fleet", id] = location.hash.replace(/^#\/?/, "").split("/");
  return { view: VIEWS.some((v) => v.path === view) ? view : "fleet", id: id ? decodeURIComponent(id) : undefined };
}

function useRoute() {
  const [route, setRoute] = useState(parseHash());
  useEffect(() => {
    const on = () => setRoute(parseHash());
    addEventListener("hashchange", on);
    return () => removeEventListener("hashchange", on);
  }, []);
  return route;
}

function Connection() {
  const s = useLive(live);
  const text = { live: "Live", connecting: "Connecting…", reconnecting: "Reconnecting…" }[s.connection];
  return html`<p class=${`conn c-${s.connection}`} role="status" aria-live="polite">
    <span aria-hidden="true">${s.connection === "live" ? "●" : "○"}</span> ${text}${s.version ? html` <span class="muted">v${s.version}</span>` : ""}
  </p>`;
}

function App() {
  const route = useRoute();
  useEffect(() => {
    document.title = `${VIEWS.find((v) => v.path === route.view)?.label}${route.id ? ` ${route.id}` : ""} · iisfleet`;
    // Moving focus to the new view's heading tells keyboard and screen-reader users the page changed.
    if (location.hash) requestAnimationFrame(() => document.querySelector("main h1")?.focus());
  }, [route.view, route.id]);
  return html`<a class="skip" href="#main" onClick=${(e) => { e.preventDefault(); document.querySelector("main h1")?.focus(); }}>Skip to content</a>
    <header class="top">
      <p class="brand"><span aria-hidden="true">◆</span> iisfleet</p>
      <nav aria-label="Views"><ul>
        ${VIEWS.map((v) => html`<li><a href=${`#/${v.path}`} aria-current=${route.view === v.path ? "page" : undefined}>${v.label}</a></li>`)}
      </ul></nav>
      <${Connection} />
    </header>
    <main id="main">
      ${route.view === "fleet" ? html`<${FleetView} live=${live} />` : ""}
      ${route.view === "rollouts" ? html`<${RolloutsView} live=${live} id=${route.id} />` : ""}
      ${route.view === "history" ? html`<${HistoryView} live=${live} />` : ""}
    </main>`;
}

const root = document.getElementById("app");
root.textContent = ""; // the "Loading…" placeholder: render() adds to a container, it does not replace foreign content
render(html`<${App} />`, root);
