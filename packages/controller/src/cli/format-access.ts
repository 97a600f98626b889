import pc from "picocolors";
import type { AuditView as AuditRow, TokenView } from "../api/contract/views.js";
import { table } from "./format.js";

const when = (ms: number | null) => (ms === null ? "-" : new Date(ms).toISOString().replace("T", " ").slice(0, 19));

export function formatTokenCreated(t: TokenView, secret: string): string {
  return [
    `Created token ${pc.bold(t.name)} (${t.role}, ${t.id})${t.expiresMs !== null ? `, expires ${when(t.expiresMs)} UTC` : ""}.`,
    "",
    `  ${secret}`,
    "",
    pc.yellow("This is the only time it is shown: the controller keeps only its SHA-256."),
    "Give it to its user, who sets IISFLEET_TOKEN or puts it in a file for --token-file / IISFLEET_TOKEN_FILE.",
  ].join("\n");
}

export function formatTokenList(tokens: TokenView[]): string {
  if (tokens.length === 0) return "No tokens.";
  const state = (t: TokenView) => (t.state === "active" ? pc.green("active") : t.state === "expired" ? pc.yellow("expired") : pc.red("revoked"));
  return table(
    ["ID", "NAME", "ROLE", "STATE", "HINT", "CREATED (UTC)", "BY", "LAST USED", "EXPIRES"],
    tokens.map((t) => [t.id, t.name, t.role, state(t), `${t.hint}…`, when(t.createdMs), t.createdBy, when(t.lastUsedMs), when(t.expiresMs)]),
  );
}

/** One line per request: when, who (token and role), what, on what, from where, and how it ended. */
export function formatAudit(rows: AuditRow[]): string {
  if (rows.length === 0) return "No audited requests.";
  return table(
    ["WHEN (UTC)", "WHO", "ROLE", "ACTION", "TARGET", "FROM", "RESULT"],
    rows.map((a) => [when(a.atMs), a.actor, a.role ?? "-", a.action, a.target || "-", a.remote, outcome(a)]),
  );
}

function outcome(a: AuditRow): string {
  if (a.status === null) return pc.yellow("no answer recorded");
  if (a.status < 400) return pc.green(String(a.status));
  return pc.red(`${a.status} ${a.code ?? ""}`.trim());
}
