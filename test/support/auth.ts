// API tokens for tests: a controller writes its bootstrap admin token to admin.token beside its database on first
// start; tests read it there, like the CLI on the controller's machine does.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export function adminTokenFileOf(dbPath: string): string {
  return join(dirname(dbPath), "admin.token");
}

/** The bootstrap admin token of the controller whose database is `dbPath`. */
export function readAdminToken(dbPath: string): string {
  return readFileSync(adminTokenFileOf(dbPath), "utf8").trim();
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** fetch() with a bearer token (and a JSON content type when there is a body). */
export function fetchWithToken(token: string, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  return fetch(url, { ...init, headers });
}
