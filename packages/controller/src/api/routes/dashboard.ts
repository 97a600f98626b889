import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { NotFoundError } from "../../errors.js";
import { ROUTES } from "../contract/routes.js";
import { type JsonHttpServer, RawResponse } from "../http-server.js";

/** The dashboard's own files: plain ES modules, no build step (packages/controller/dashboard/). */
export const DASHBOARD_DIR = fileURLToPath(new URL("../../../dashboard/", import.meta.url));

const require = createRequire(import.meta.url);

/**
 * preact and htm, served from the installed npm packages (the import map in index.html names these URLs), so the
 * versions are the ones package-lock.json pins and nothing is copied or bundled.
 */
const VENDOR: Record<string, () => string> = {
  "preact.mjs": () => require.resolve("preact"),
  "hooks.mjs": () => require.resolve("preact/hooks"),
  // htm's "require" entry is CommonJS; its browser ES module sits beside it.
  "htm.mjs": () => join(dirname(require.resolve("htm")), "htm.module.js"),
};

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
};

const FILE_NAME = /^[a-z0-9-]+\.(js|css|svg)$/;

export function registerDashboardRoutes(http: JsonHttpServer): void {
  const cache = new Map<string, Buffer>();
  // Files are read once: they ship with the package and do not change while the controller runs.
  const read = (path: string): Buffer => {
    let body = cache.get(path);
    if (!body) {
      try {
        body = readFileSync(path);
      } catch {
        throw new NotFoundError("file", path.split("/").pop() ?? path);
      }
      cache.set(path, body);
    }
    return body;
  };
  const file = (path: string, headers: Record<string, string> = {}) =>
    new RawResponse(TYPES[path.split(".").pop() ?? ""] ?? "application/octet-stream", read(path), {
      "x-content-type-options": "nosniff",
      "cache-control": "no-cache",
      ...headers,
    });

  // The page and its files are public (no data in them): it asks for a token when the API answers 401.
  http.implement(ROUTES.dashboard, () => {
    const html = read(join(DASHBOARD_DIR, "index.html"));
    return file(join(DASHBOARD_DIR, "index.html"), { "content-security-policy": contentSecurityPolicy(html.toString("utf8")) });
  });

  http.implement(ROUTES.dashboardFile, ({ params }) => {
    const name = params.file ?? "";
    if (!FILE_NAME.test(name)) throw new NotFoundError("file", name);
    return file(join(DASHBOARD_DIR, name));
  });

  http.implement(ROUTES.dashboardVendorFile, ({ params }) => {
    const name = params.file ?? "";
    // Own keys only: "toString" or "__proto__" must not reach the object's prototype.
    const resolve = Object.hasOwn(VENDOR, name) ? VENDOR[name] : undefined;
    if (!resolve) throw new NotFoundError("file", name);
    return file(resolve(), { "cache-control": "max-age=3600" });
  });
}

/**
 * Scripts only from this controller, plus the one inline script there is — the import map — by its hash; the page
 * talks to nothing but its own origin (fetch and the WebSocket).
 */
function contentSecurityPolicy(html: string): string {
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
  const hash = createHash("sha256").update(importMap).digest("base64");
  return [
    "default-src 'self'",
    `script-src 'self' 'sha256-${hash}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}
