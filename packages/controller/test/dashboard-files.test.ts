// The dashboard's files as the controller serves them: the page with its content security policy, the app's own
// modules, preact and htm from the installed packages, and nothing else.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JsonHttpServer } from "../src/api/http-server.js";
import { registerDashboardRoutes } from "../src/api/routes/dashboard.js";
import { createLogger } from "../src/log.js";

let http: JsonHttpServer;
let base: string;

beforeAll(async () => {
  http = new JsonHttpServer(createLogger("test", "silent"));
  registerDashboardRoutes(http);
  base = `http://127.0.0.1:${(await http.listen("127.0.0.1", 0)).port}`;
});
afterAll(() => http?.close());

describe("dashboard files", () => {
  it("serves the page with a CSP that allows exactly its import map", async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    expect(JSON.parse(importMap)).toEqual({ imports: { preact: "/ui/vendor/preact.mjs", "preact/hooks": "/ui/vendor/hooks.mjs", htm: "/ui/vendor/htm.mjs" } });
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain(`script-src 'self' 'sha256-${createHash("sha256").update(importMap).digest("base64")}'`);
    expect(csp).toContain("connect-src 'self'");
  });

  it("serves the app's modules and the vendored ES modules, as JavaScript", async () => {
    for (const path of ["/ui/app.js", "/ui/fleet.js", "/ui/rollout.js", "/ui/style.css", "/ui/vendor/preact.mjs", "/ui/vendor/hooks.mjs", "/ui/vendor/htm.mjs"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(path.endsWith(".css") ? /^text\/css/ : /^text\/javascript/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
    // ES modules, not CommonJS: the browser imports them.
    expect(await (await fetch(`${base}/ui/vendor/htm.mjs`)).text()).toMatch(/export default/);
    expect(await (await fetch(`${base}/ui/vendor/hooks.mjs`)).text()).toMatch(/from\s*"preact"/);
  });

  it("serves nothing outside its own files", async () => {
    for (const path of ["/ui/..%2Fpackage.json", "/ui/index.html", "/ui/vendor/react.mjs", "/ui/%2E%2E%2Fsrc%2Fdaemon.ts", "/ui/missing.js"]) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
  });
});
