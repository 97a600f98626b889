import pc from "picocolors";
import type { CommandView as CommandDetail, CommandView as CommandRow, EventView as EventRow, HostView } from "../api/contract/views.js";

/** Left-aligned columns; the width of each is its widest cell. ANSI colour codes do not count toward width. */
export function table(header: string[], rows: string[][]): string {
  // `status --live` prints 10 000 rows of 8 or 9 cells: two passes over the cells, nothing kept per cell between
  // them (10 000 arrays of widths cost the CLI more in garbage collection than the reckoning itself), a regex only
  // for a cell with an escape code, and the lines joined once.
  const visible = (s: string) => (s.includes("\x1b") ? s.replace(/\x1b\[[0-9;]*m/g, "").length : s.length);
  const widths = header.map(visible);
  for (const r of rows) {
    for (let i = 0; i < widths.length; i++) {
      const w = visible(r[i] ?? "");
      if (w > (widths[i] as number)) widths[i] = w;
    }
  }
  const last = widths.length - 1;
  const line = (cells: string[]) => {
    let text = "";
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i] ?? "";
      text += i >= last ? c : c + " ".repeat((widths[i] as number) - visible(c) + 2);
    }
    return text.trimEnd();
  };
  const out = new Array<string>(rows.length + 1);
  out[0] = pc.bold(line(header));
  for (let r = 0; r < rows.length; r++) out[r + 1] = line(rows[r] ?? []);
  return out.join("\n");
}

/** "1 batch", "3 batches": a count with its noun in the right number. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "13:05:09" today (UTC), "2026-11-30 13:05:09" on any other day: a time alone never hides which day it was. */
export function clockTime(ms: number | null, nowMs = Date.now()): string {
  if (ms === null) return "-";
  const iso = new Date(ms).toISOString();
  return iso.slice(0, 10) === new Date(nowMs).toISOString().slice(0, 10) ? iso.slice(11, 19) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "-";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function age(ms: number): string {
  return ms < 1000 ? "just now" : `${duration(ms)} ago`;
}

const STATE_COLOUR: Record<string, (s: string) => string> = {
  succeeded: pc.green,
  failed: pc.red,
  rejected: pc.yellow,
  "timed-out": pc.red,
  error: pc.red,
  sent: pc.cyan,
  created: pc.cyan,
  online: pc.green,
  stale: pc.yellow,
  offline: pc.red,
};

export function colourState(state: string): string {
  return (STATE_COLOUR[state] ?? ((s: string) => s))(state);
}

/** Said above every host listing from a controller that does not check agent signatures. */
export const UNVERIFIED_IDENTITIES =
  "Agent identities are UNVERIFIED: this controller has no --agent-keys, so anyone on its NATS can speak for any host (README: Securing NATS).";

export function formatHosts(hosts: HostView[], identities?: "verified" | "unverified"): string {
  const warning = identities === "unverified" ? `${pc.yellow(UNVERIFIED_IDENTITIES)}\n` : "";
  return warning + hostTable(hosts);
}

function hostTable(hosts: HostView[]): string {
  if (hosts.length === 0) return "No agent has reported yet. Start one with: iisfleet-agent --host web01 --simulate";
  const rows = hosts.map((h) => {
    const w3svc = h.services.find((s) => s.name.toUpperCase() === "W3SVC")?.state ?? "-";
    return [
      h.name,
      h.farm,
      colourState(h.liveness) + (h.cordoned ? pc.yellow(" cordoned") : ""),
      w3svc === "RUNNING" ? pc.green(w3svc) : pc.yellow(w3svc),
      h.busyCommandId ? `busy ${h.busyCommandId.slice(0, 8)}` : "idle",
      h.adapter || "-",
      age(h.ageMs),
    ];
  });
  return table(["HOST", "FARM", "STATE", "W3SVC", "ACTIVITY", "ADAPTER", "LAST SEEN"], rows);
}

/** What a command did, in words: resets by mode and level; cordons and balancer changes by what they are. */
export function modeOf(c: Pick<CommandRow, "kind" | "operation" | "level" | "force"> & { options?: CommandRow["options"] }): string {
  if (c.kind === "cordon") return c.operation;
  if (c.kind === "lb") return `load balancer: ${c.operation}`;
  const pools = c.options?.pools ?? [];
  const sites = c.options?.sites ?? [];
  if (pools.length > 0) return `recycle ${names(pools, "pool")}${c.options?.startStopped ? " (start stopped)" : ""}`;
  if (sites.length > 0) return `${c.operation} ${names(sites, "site")}`;
  const verb = c.operation === "restart" ? "reset" : c.operation;
  return `${c.force ? pc.red("FORCE") : "noforce"} ${verb} (level ${c.level})`;
}

/** "pool ShopPool", "sites A, B": names an operator gave, with their noun. */
export function names(list: readonly string[], noun: string): string {
  return `${noun}${list.length === 1 ? "" : "s"} ${list.join(", ")}`;
}

export function formatCommand(c: CommandDetail): string {
  const took = c.finishedMs !== null ? duration(c.finishedMs - c.createdMs) : "-";
  const late = c.late ? pc.yellow(" (LATE)") : "";
  const head = `${pc.bold(c.host)}  ${modeOf(c)}  ${colourState(c.state).toUpperCase()}${late} in ${took}  ${pc.dim(c.id)}`;
  // Without the agent's answer the controller knows no steps: it must not claim none were taken.
  const noSteps = c.state === "timed-out" || c.state === "error" ? "  (no steps recorded: the agent's answer never came; see the events)" : "  (no steps were taken)";
  const steps =
    c.steps.length === 0
      ? pc.dim(noSteps)
      : table(
          ["  #", "ACTION", "TARGET", "FROM → TO", "TIME", "RESULT"],
          c.steps.map((s) => [
            `  ${s.seq}`,
            s.action,
            s.target,
            s.fromState === "UNKNOWN" && s.toState === "UNKNOWN" ? "" : `${s.fromState} → ${s.toState}`,
            duration(s.durationMs),
            s.skipped ? pc.yellow(`skipped: ${s.message}`) : s.ok ? pc.green("ok") : pc.red(`${s.message}`),
          ]),
        );
  const verdict = c.state === "succeeded" ? pc.green(c.message ?? "") : pc.red(`${c.code}: ${c.message ?? ""}`);
  const lateNote =
    c.late && c.writtenOffMs !== null
      ? `\n${pc.yellow(`late: the controller had written this command off at ${new Date(c.writtenOffMs).toISOString()}; the agent's result above came afterwards.`)}`
      : "";
  return `${head}\n${steps}\n${verdict}${lateNote}`;
}

/** An agent's refusal message starts with its code ("BAD_SIGNATURE: The signature does not match …"). */
export function formatRefusals(refusals: EventRow[]): string {
  return table(
    ["WHEN (UTC)", "HOST", "CODE", "WHY"],
    refusals.map((e) => {
      const m = /^([A-Z_]+): (.*)$/s.exec(e.message);
      return [new Date(e.atMs).toISOString().replace("T", " ").slice(0, 19), e.host ?? "-", m?.[1] ?? "-", m?.[2] ?? e.message];
    }),
  );
}

export function formatHistory(commands: CommandRow[]): string {
  if (commands.length === 0) return "No commands recorded yet.";
  return table(
    ["WHEN (UTC)", "HOST", "WHAT", "STATE", "TOOK", "CODE", "BY", "ID"],
    commands.map((c) => [
      new Date(c.createdMs).toISOString().replace("T", " ").slice(0, 19),
      c.host,
      modeOf(c),
      colourState(c.state) + (c.late ? " (late)" : ""),
      c.finishedMs !== null ? duration(c.finishedMs - c.createdMs) : "-",
      c.code ?? "-",
      c.issuer,
      c.id.slice(0, 8),
    ]),
  );
}
