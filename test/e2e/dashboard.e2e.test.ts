// The dashboard in a real browser: Debian's chromium driven by playwright-core (never a downloaded browser), against
// a real nats-server, a real controller process and simulated agents. Screenshots go to test-results/dashboard/.
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { type BrowserContext, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NatsServer, startNatsServer } from "../support/nats-server.js";
import { type Controller, type Proc, cli, startAgentProcess, startControllerProcess, tempDir } from "../support/processes.js";
import { waitFor } from "../support/wait.js";

const CHROMIUM = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
// Skipped only on a developer machine without chromium; in CI a missing browser fails (beforeAll says why).
const SKIP = !HAVE_CHROMIUM && !process.env.CI;
const SKIP_NOTE = SKIP ? ` (SKIPPED: ${CHROMIUM} not found; apt-get install chromium, or set CHROMIUM_BIN)` : "";
if (SKIP) console.warn(`dashboard.e2e: skipped, ${CHROMIUM} not found (apt-get install chromium, or set CHROMIUM_BIN); CI runs it`);

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const ARTIFACTS = join(ROOT, "test-results", "dashboard");

let nats: NatsServer;
let controller: Controller;
let context: BrowserContext;
let page: Page;
const agents: Proc[] = [];
const dir = tempDir("iisfleet-dashboard-e2e-");
const frames: string[] = [];
// Console errors and uncaught exceptions in the page (a CSP violation shows up here too).
const pageErrors: string[] = [];

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await controller.fetch(path, { method: "POST", body: JSON.stringify(body) });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** An API token made with the controller's admin token, as `iisfleet token create` would. */
async function createToken(name: string, role: string): Promise<string> {
  return (await post<{ secret: string }>("/api/v1/tokens", { name, role })).secret;
}

async function signIn(token: string): Promise<void> {
  await page.getByRole("heading", { name: "Sign in with an API token" }).waitFor();
  await page.getByLabel("API token", { exact: true }).fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
const tile = (host: string) => page.locator(`button.tile[data-host="${host}"]`);

describe.skipIf(SKIP)(`dashboard in a real browser${SKIP_NOTE}`, () => {
  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium with apt-get; CI must run this test`);
    mkdirSync(ARTIFACTS, { recursive: true });
    nats = await startNatsServer();
    controller = await startControllerProcess(nats.url, join(dir.path, "iisfleet.db"));
    // Slow-ish simulated service stops and starts, so a reset lasts long enough to be watched and paused.
    for (let i = 1; i <= 4; i++) {
      agents.push(startAgentProcess(nats.url, { host: `shop0${i}`, farm: "shop", stopMs: 400, startMs: 400, extra: ["--tag", "tier=web"] }));
    }
    for (let i = 1; i <= 3; i++) agents.push(startAgentProcess(nats.url, { host: `api0${i}`, farm: "api", extra: ["--tag", "tier=api"] }));
    await waitFor(
      async () => ((await (await controller.fetch(`/api/v1/hosts`)).json()) as { hosts: unknown[] }).hosts.length === 7,
      { what: "7 agents to register", timeoutMs: 30_000 },
    );
    // Variety for the screenshots: one cordoned host, one whose agent went away.
    const c = await cli(["--controller", controller.url, "cordon", "api02", "--reason", "disk swap"]);
    expect(c.code, c.stderr).toBe(0);
    await agents.pop()?.kill();

    context = await chromium.launchPersistentContext(join(dir.path, "chromium-profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
      viewport: { width: 1280, height: 800 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("websocket", (ws) => ws.on("framereceived", (f) => frames.push(typeof f.payload === "string" ? f.payload : f.payload.toString())));
    page.on("console", (m) => void (m.type() === "error" && pageErrors.push(m.text())));
    page.on("pageerror", (err) => pageErrors.push(err.message));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await Promise.all(agents.map((a) => a.kill()));
    await controller?.kill();
    await nats?.stop();
    dir.remove();
  });

  it("asks for a token (a wrong one is refused), then shows the fleet as tiles by farm, live, and opens a host from the keyboard", async () => {
    await page.goto(controller.url);
    await expect.poll(() => page.locator("body").getAttribute("data-connection"), { timeout: 10_000 }).toBe("signed-out");
    await shot("sign-in-1280x800");
    await signIn(`iisf_${"x".repeat(43)}`);
    await expect(page.getByRole("alert").textContent()).resolves.toMatch(/token is not valid/);
    // The browser logs the refused call; that one is expected.
    await expect.poll(() => pageErrors.length).toBe(1);
    expect(pageErrors.splice(0)).toEqual([expect.stringMatching(/401/)]);
    await signIn(await createToken("web-ops", "operator"));
    await expect(page.locator("[data-who]").textContent()).resolves.toBe("web-ops");
    await expect.poll(() => page.locator("body").getAttribute("data-connection"), { timeout: 10_000 }).toBe("live");
    // This controller has no --agent-keys: the page says agent identities are unverified (issue #15).
    await expect(page.getByRole("note").filter({ hasText: "Agent identities are unverified" }).isVisible()).resolves.toBe(true);
    for (const h of ["shop01", "shop02", "shop03", "shop04", "api01"]) {
      await expect.poll(() => tile(h).getAttribute("data-state"), { timeout: 10_000 }).toBe("healthy");
    }
    await expect.poll(() => tile("api02").getAttribute("data-state"), { timeout: 10_000 }).toBe("cordoned");
    await expect.poll(() => tile("api03").getAttribute("data-state"), { timeout: 15_000 }).toBe("offline");
    await expect(page.locator("section.farm h2").allTextContents()).resolves.toEqual([
      expect.stringMatching(/^api 3 hosts/),
      expect.stringMatching(/^shop 4 hosts · 4 healthy/),
    ]);
    await shot("fleet-1280x800");

    // Keyboard: focus a tile, arrow to the next, Enter opens it, Escape closes.
    await tile("shop01").focus();
    await page.keyboard.press("ArrowRight");
    // A string, not a function: the tests are type-checked without the DOM library.
    expect(await page.evaluate<string | null>("document.activeElement && document.activeElement.getAttribute('data-host')")).toBe("shop02");
    await page.keyboard.press("Enter");
    const panel = page.getByRole("dialog", { name: "shop02" });
    await panel.getByRole("cell", { name: "W3SVC" }).waitFor();
    await expect(panel.getByRole("region", { name: "Application pools on shop02" }).isVisible()).resolves.toBe(true);
    await shot("host-panel-1280x800");
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });

    // The farm filter.
    await page.getByLabel("Farm").selectOption("shop");
    await expect.poll(() => page.locator("button.tile").count()).toBe(4);
    await page.getByLabel("Farm").selectOption("");
    expect(pageErrors).toEqual([]);
  });

  it("a rollout: tiles change live over the WebSocket, the timeline grows, and Pause (confirmed) pauses it in SQLite", async () => {
    const started = await post<{ rollout: { id: string } }>("/api/v1/rollouts", { farm: "shop", batch: "1", maxFailures: "1", actor: "e2e" });
    const id = started.rollout.id;

    // No reload, no polling: the fleet view gets tiles only from the stream's fleet summary.
    await expect.poll(() => tile("shop01").getAttribute("data-state"), { timeout: 15_000 }).toBe("resetting");
    expect(frames.some((f) => f.includes('"type":"fleet"') && f.includes('"shop01"') && f.includes('"resetting"'))).toBe(true);
    await shot("fleet-during-rollout-1280x800");

    await page.getByRole("link", { name: "Rollouts" }).click();
    await page.getByRole("link", { name: id }).first().click();
    await page.locator(`[data-rollout="${id}"]`).waitFor();
    // Wait until the first host is done and the second is resetting: the timeline then shows a staircase.
    await page.locator('.gantt-row[data-host="shop02"][data-state="resetting"]').waitFor({ timeout: 20_000 });
    await expect(page.locator('.gantt-row[data-host="shop01"]').getAttribute("data-state")).resolves.toBe("healthy");
    await expect(page.locator("[data-budget]").textContent()).resolves.toBe("0 of 1 allowed");
    await shot("rollout-running-1280x800");

    await page.getByRole("button", { name: "Pause", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Pause rollout ${id}?` });
    await dialog.waitFor();
    await shot("rollout-pause-confirm-1280x800");
    await dialog.getByRole("button", { name: "Pause rollout" }).click();
    await page.locator(`[data-rollout="${id}"][data-rollout-state="paused"]`).waitFor({ timeout: 10_000 });
    await expect(page.getByRole("button", { name: "Resume" }).isVisible()).resolves.toBe(true);

    const db = new Database(controller.dbPath, { readonly: true });
    try {
      expect(db.prepare("SELECT state FROM rollouts WHERE id = ?").get(id)).toEqual({ state: "paused" });
      expect(db.prepare("SELECT actor, action FROM rollout_actions WHERE rollout_id = ? ORDER BY id DESC LIMIT 1").get(id)).toEqual({
        actor: "web-ops:dashboard",
        action: "pause",
      });
    } finally {
      db.close();
    }
    // The host in flight finishes; the timeline shows where the rollout stopped.
    await page.locator('.gantt-row[data-host="shop02"][data-state="healthy"]').waitFor({ timeout: 20_000 });
    await shot("rollout-paused-1280x800");

    await page.setViewportSize({ width: 390, height: 844 });
    await shot("rollout-paused-390x844");
    await page.getByRole("link", { name: "Fleet" }).click();
    await tile("shop01").waitFor();
    await shot("fleet-390x844");
    await post(`/api/v1/rollouts/${id}/abort`, { actor: "e2e" });

    // History, with the maintenance windows' next openings (added only now: a window would hold the rollout back).
    await post("/api/v1/windows", { name: "sunday-night", cron: "0 2 * * SUN", timeZone: "Europe/Berlin", durationMs: 3 * 3_600_000, farm: "shop", actor: "e2e" });
    await page.getByRole("link", { name: "History" }).click();
    await page.getByRole("region", { name: "Command history" }).waitFor();
    expect(await page.getByTestId("retention").textContent()).toMatch(/^History is kept in full; oldest command /);
    expect(await page.getByTestId("notify-empty").textContent()).toMatch(/^No notification target\./);
    expect(await page.getByTestId("scheduled-empty").textContent()).toMatch(/^Nothing set for later\./);
    await page.locator("td.cal-open").first().waitFor();
    await expect(page.getByRole("region", { name: "Maintenance window calendar" }).textContent()).resolves.toMatch(/sunday-night.*farm shop/);
    await shot("history-390x844");
    expect(pageErrors).toEqual([]);
  });

  it("a viewer token: sees the fleet and a running rollout, is offered no action, and the controller refuses one", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(await createToken("wall-screen", "viewer"));
    await expect(page.locator("[data-who]").textContent()).resolves.toBe("wall-screen");
    await expect.poll(() => page.locator("body").getAttribute("data-connection"), { timeout: 10_000 }).toBe("live");

    const started = await post<{ rollout: { id: string } }>("/api/v1/rollouts", { hosts: ["shop03"], actor: "e2e" });
    const id = started.rollout.id;
    await page.goto(`${controller.url}/#/rollouts/${id}`);
    await page.locator(`[data-rollout="${id}"]`).waitFor();
    await expect(page.locator("[data-no-actions]").textContent()).resolves.toMatch(/wall-screen\) is a viewer: .* need an operator token/);
    expect(await page.getByRole("button", { name: "Pause", exact: true }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Abort", exact: true }).count()).toBe(0);
    await shot("rollout-viewer-1280x800");

    // And the controller itself refuses a viewer who tries anyway, with the token the page holds.
    const refused = await page.evaluate<{ status: number; code: string }>(`fetch("/api/v1/rollouts/${id}/pause", {
      method: "POST", headers: { "content-type": "application/json", authorization: "Bearer " + sessionStorage.getItem("iisfleet.token") }, body: "{}",
    }).then(async (r) => ({ status: r.status, code: (await r.json()).error.code }))`);
    expect(refused).toEqual({ status: 403, code: "FORBIDDEN" });
    const db = new Database(controller.dbPath, { readonly: true });
    try {
      expect(db.prepare("SELECT actor, role, status FROM audit WHERE path = ? ORDER BY id DESC LIMIT 1").get(`/api/v1/rollouts/${id}/pause`)).toEqual({
        actor: "wall-screen",
        role: "viewer",
        status: 403,
      });
    } finally {
      db.close();
    }
    await post(`/api/v1/rollouts/${id}/abort`, { actor: "e2e" });
    // The refused call was the page's own doing (evaluate); its console line is expected.
    expect(pageErrors.filter((e) => !/403/.test(e))).toEqual([]);
  });
});
