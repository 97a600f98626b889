// The iisfleet dashboard: three views behind hash routes, one live connection for all of them.
import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
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
  const text = { live: "Live", connecting: "Connecting…", reconnecting: "Reconnecting…", "signed-out": "Signed out" }[s.connection];
  return html`<p class=${`conn c-${s.connection}`} role="status" aria-live="polite">
    <span aria-hidden="true">${s.connection === "live" ? "●" : "○"}</span> ${text}${s.version ? html` <span class="muted">v${s.version}</span>` : ""}
  </p>
  ${s.who
    ? html`<p class="who"><span data-who=${s.who.name}>${s.who.name}</span> <span class="muted">${s.who.role}</span>
        <button type="button" class="link" onClick=${() => live.signOut()}>Sign out</button></p>`
    : ""}`;
}

/** Shown when the controller answers 401: the API token, kept in this tab only. */
function SignIn() {
  const s = useLive(live);
  const input = useRef(null);
  useEffect(() => input.current?.focus(), []);
  const submit = (e) => {
    e.preventDefault();
    const t = input.current?.value.trim();
    if (t) live.signIn(t);
  };
  return html`<section aria-labelledby="signin-title" class="signin">
    <h1 id="signin-title" tabindex="-1">Sign in with an API token</h1>
    <p>This controller answers only requests that carry an API token. Ask an admin for one
      (<code>iisfleet token create --name you --role viewer</code>); on a fresh install the admin token is in
      <code>admin.token</code> beside the controller's database.</p>
    <form onSubmit=${submit}>
      <label for="token">API token</label>
      <input id="token" ref=${input} type="password" name="token" autocomplete="off" spellcheck="false" placeholder="iisf_…" required />
      <button type="submit" class="primary" disabled=${s.auth === "checking"}>${s.auth === "checking" ? "Checking…" : "Sign in"}</button>
    </form>
    ${s.authError ? html`<p role="alert" class="error">${s.authError}</p>` : ""}
    <p class="muted">The token stays in this browser tab (session storage) and is gone when the tab closes.</p>
  </section>`;
}

function App() {
  const route = useRoute();
  const s = useLive(live);
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
    ${s.agentIdentities === "unverified"
      ? html`<p class="warn-banner" role="note" data-identities="unverified">Agent identities are <strong>unverified</strong>: this
          controller has no <code>--agent-keys</code>, so anyone on its NATS can speak for any host. See the README, "Securing NATS".</p>`
      : ""}
    <main id="main">
      ${s.auth === "needed" ? html`<${SignIn} />` : ""}
      ${s.auth === "checking" && !s.who ? html`<p class="muted">Checking your token…</p>` : ""}
      ${s.auth === "ok" && route.view === "fleet" ? html`<${FleetView} live=${live} />` : ""}
      ${s.auth === "ok" && route.view === "rollouts" ? html`<${RolloutsView} live=${live} id=${route.id} />` : ""}
      ${s.auth === "ok" && route.view === "history" ? html`<${HistoryView} live=${live} />` : ""}
    </main>`;
}

const root = document.getElementById("app");
root.textContent = ""; // the "Loading…" placeholder: render() adds to a container, it does not replace foreign content
render(html`<${App} />`, root);
