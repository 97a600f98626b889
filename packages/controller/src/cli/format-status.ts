import pc from "picocolors";
import type {
  AnsweredHostView as AnsweredHost,
  AppPoolFactView as AppPoolFact,
  HostRowView as HostRow,
  SiteFactView as SiteFact,
  LiveStatusView as LiveStatusAnswer,
  RegistryStatusView as RegistryStatusAnswer,
  ServiceFactView as ServiceFact,
} from "../api/contract/views.js";
import { hostRow as rowOf } from "../api/contract/host-row.js";
import { age, colourState, duration, table } from "./format.js";

/** The line scripts grep and humans read first: `42 answered, 1 silent, 0 unknown in 183 ms`. */
export function liveSummary(a: LiveStatusAnswer): string {
  const s = a.summary;
  const extra = [
    s.duplicates > 0 ? `${s.duplicates} duplicate` : "",
    s.malformed > 0 ? `${s.malformed} malformed ${s.malformed === 1 ? "reply" : "replies"} ignored` : "",
  ].filter(Boolean);
  return `${s.answered} answered, ${s.silent} silent, ${s.unknown} unknown in ${Math.round(a.durationMs)} ms${extra.length ? `, ${extra.join(", ")}` : ""}`;
}

/** "all 7 running", or "5/7 running: W3SVC STOPPED, WAS STOP_PENDING". */
export function servicesCell(services: ServiceFact[] | undefined): string {
  return servicesRowCell(rowOf({ services }).services);
}

function servicesRowCell(s: HostRow["services"]): string {
  if (s.total === 0) return "-";
  if (s.notRunning.length === 0) return pc.green(`all ${s.total} running`);
  return pc.yellow(`${s.total - s.notRunning.length}/${s.total} running: ${s.notRunning.map((x) => `${x.name} ${x.state}`).join(", ")}`);
}

/** "3/3 started, 3 workers", or the stopped pools by name. */
export function poolsCell(pools: AppPoolFact[] | undefined): string {
  return poolsRowCell(rowOf({ appPools: pools }).appPools);
}

function poolsRowCell(p: HostRow["appPools"]): string {
  if (p.total === 0) return "-";
  const head = `${p.total - p.stopped.length}/${p.total} started, ${p.workers} worker${p.workers === 1 ? "" : "s"}`;
  if (p.stopped.length === 0) return head;
  const names = p.stopped.length <= 3 ? `: ${p.stopped.join(", ")} stopped` : "";
  return pc.yellow(head + names);
}

/** "2/3 started: Blog stopped", or "-" when the agent reports no sites (an agent from before sites were reported). */
export function sitesCell(sites: SiteFact[] | undefined): string {
  return sitesRowCell(rowOf({ sites }).sites);
}

function sitesRowCell(s: HostRow["sites"]): string {
  if (s.total === 0) return "-";
  const head = `${s.total - s.stopped.length}/${s.total} started`;
  if (s.stopped.length === 0) return head;
  return pc.yellow(head + (s.stopped.length <= 3 ? `: ${s.stopped.join(", ")} stopped` : ""));
}

/**
 * The SITES column, last, and only when some host reports sites: agents from before sites were reported would fill
 * it with dashes.
 */
function withSites(header: string[], hostRows: ReadonlyArray<HostRow | undefined>, cells: (i: number) => string[]): [string[], string[][]] {
  const sites = hostRows.some((r) => (r?.sites.total ?? 0) > 0);
  const rows = new Array<string[]>(hostRows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = cells(i);
    if (sites) row.push(sitesRowCell(hostRows[i]?.sites ?? { total: 0, stopped: [] }));
    rows[i] = row;
  }
  return [sites ? [...header, "SITES"] : header, rows];
}

function w3svc(state: string | undefined): string {
  const shown = state || "-";
  return shown === "RUNNING" ? pc.green(shown) : pc.yellow(shown);
}

function activity(r: HostRow): string {
  if (r.cordoned) return pc.yellow("cordoned");
  return r.busyCommandId ? `busy ${r.busyCommandId.slice(0, 8)}` : "idle";
}

function health(h: string | undefined): string {
  if (h === "healthy") return pc.green(h);
  if (h === "unhealthy") return pc.red(h);
  return "-";
}

/** The cells of a row after HOST and FARM, before the last column: W3SVC, SERVICES, APP POOLS, HEALTH, ACTIVITY. */
function factCells(r: HostRow | undefined): [string, string, string, string, string] {
  if (!r) return [w3svc(undefined), "-", "-", "-", "-"];
  return [w3svc(r.w3svc), servicesRowCell(r.services), poolsRowCell(r.appPools), health(r.health), activity(r)];
}

function hostCell(name: string, duplicateOf: number): string {
  return duplicateOf > 1 ? `${name} ${pc.red(`DUPLICATE(${duplicateOf} agents)`)}` : name;
}

/** Each answered host as a row: the controller's (?rows=1, what the CLI asks for), or made here from full facts. */
function answeredTable(hosts: AnsweredHost[]): string {
  const rows = hosts.map((h) => h.row ?? rowOf(h));
  return table(...withSites(["HOST", "FARM", "W3SVC", "SERVICES", "APP POOLS", "HEALTH", "ACTIVITY", "REPLY"], rows, (i) => {
    const h = hosts[i] as AnsweredHost;
    const [w3, services, pools, healthCell, act] = factCells(rows[i]);
    return [hostCell(h.host, h.instanceIds.length), h.farm, w3, services, pools, healthCell, act, `${h.replyMs} ms`];
  }));
}

export function formatLiveStatus(a: LiveStatusAnswer): string {
  const how =
    a.nats.end === "complete"
      ? "every expected host answered"
      : a.nats.end === "no-responders"
        ? "no agent is subscribed on NATS"
        : a.nats.end === "error"
          ? "stopped early"
          : `waited the full ${duration(a.timeoutMs)}`;
  const out: string[] = [pc.bold(liveSummary(a)) + pc.dim(`  (${a.scope}; ${how})`)];
  for (const w of a.warnings) out.push(pc.yellow(`! ${w}`));
  if (a.answered.length > 0) out.push("", answeredTable(a.answered));
  if (a.silent.length > 0) {
    out.push(
      "",
      pc.bold(pc.red("Silent: registered, no reply before the deadline")),
      table(
        ["HOST", "FARM", "LIVENESS", "LAST HEARTBEAT"],
        a.silent.map((h) => [h.host, h.farm, colourState(h.liveness), age(h.ageMs)]),
      ),
    );
  }
  if (a.unknown.length > 0) {
    out.push("", pc.bold(pc.yellow("Unknown: answered, but never registered with this controller")), answeredTable(a.unknown));
  }
  if (a.summary.expected === 0 && a.unknown.length === 0) {
    out.push("", "No registered host matches; start an agent, or check --farm and --tag.");
  }
  return out.join("\n");
}

export function formatRegistryStatus(a: RegistryStatusAnswer): string {
  const s = a.summary;
  const head =
    `${s.online} online, ${s.stale} stale, ${s.offline} offline` +
    (s.duplicates > 0 ? `, ${s.duplicates} duplicate` : "") +
    ` (from heartbeats; facts up to ${duration(s.oldestAgeMs)} old)`;
  const out = [pc.bold(head) + pc.dim(`  (${a.scope}; --live asks the agents now)`)];
  if (a.hosts.length === 0) {
    out.push("", "No registered host matches; start an agent, or check --farm and --tag.");
    return out.join("\n");
  }
  const rows = a.hosts.map((h) => ("services" in h ? rowOf(h) : undefined));
  out.push(
    "",
    table(...withSites(["HOST", "FARM", "STATE", "W3SVC", "SERVICES", "APP POOLS", "HEALTH", "ACTIVITY", "FACTS FROM"], rows, (i) => {
      const h = a.hosts[i] as (typeof a.hosts)[number];
      return [
        hostCell(h.name, h.duplicate?.instanceIds.length ?? 1),
        h.farm,
        colourState(h.liveness) + (h.renamedTo ? pc.dim(` renamed to ${h.renamedTo}`) : ""),
        ...factCells(rows[i]),
        age(h.ageMs),
      ];
    })),
  );
  return out.join("\n");
}
