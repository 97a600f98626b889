import pc from "picocolors";
import type {
  AnsweredHostView as AnsweredHost,
  AppPoolFactView as AppPoolFact,
  SiteFactView as SiteFact,
  LiveStatusView as LiveStatusAnswer,
  RegistryStatusView as RegistryStatusAnswer,
  ServiceFactView as ServiceFact,
} from "../api/contract/views.js";
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
  if (!services || services.length === 0) return "-";
  const notRunning = services.filter((s) => s.state !== "RUNNING");
  if (notRunning.length === 0) return pc.green(`all ${services.length} running`);
  const running = services.length - notRunning.length;
  return pc.yellow(`${running}/${services.length} running: ${notRunning.map((s) => `${s.name} ${s.state}`).join(", ")}`);
}

/** "3/3 started, 3 workers", or the stopped pools by name. */
export function poolsCell(pools: AppPoolFact[] | undefined): string {
  if (!pools || pools.length === 0) return "-";
  const stopped = pools.filter((p) => !p.started);
  const workers = pools.reduce((n, p) => n + p.workerPids.length, 0);
  const head = `${pools.length - stopped.length}/${pools.length} started, ${workers} worker${workers === 1 ? "" : "s"}`;
  if (stopped.length === 0) return head;
  const names = stopped.length <= 3 ? `: ${stopped.map((p) => p.name).join(", ")} stopped` : "";
  return pc.yellow(head + names);
}

/** "2/3 started: Blog stopped", or "-" when the agent reports no sites (an agent from before sites were reported). */
export function sitesCell(sites: SiteFact[] | undefined): string {
  if (!sites || sites.length === 0) return "-";
  const stopped = sites.filter((s) => !s.started);
  const head = `${sites.length - stopped.length}/${sites.length} started`;
  if (stopped.length === 0) return head;
  return pc.yellow(head + (stopped.length <= 3 ? `: ${stopped.map((s) => s.name).join(", ")} stopped` : ""));
}

/**
 * The SITES column, last, and only when some host reports sites: agents from before sites were reported would fill
 * it with dashes.
 */
function withSites<H>(header: string[], rows: string[][], hosts: readonly H[], sitesOf: (h: H) => SiteFact[] | undefined): [string[], string[][]] {
  if (!hosts.some((h) => (sitesOf(h)?.length ?? 0) > 0)) return [header, rows];
  return [[...header, "SITES"], rows.map((r, i) => [...r, sitesCell(sitesOf(hosts[i] as H))])];
}

function w3svc(services: ServiceFact[] | undefined): string {
  const state = services?.find((s) => s.name.toUpperCase() === "W3SVC")?.state ?? "-";
  return state === "RUNNING" ? pc.green(state) : pc.yellow(state);
}

function activity(h: { cordoned?: boolean | undefined; busyCommandId?: string | undefined }): string {
  if (h.cordoned) return pc.yellow("cordoned");
  return h.busyCommandId ? `busy ${h.busyCommandId.slice(0, 8)}` : "idle";
}

function health(h: string | undefined): string {
  if (h === "healthy") return pc.green(h);
  if (h === "unhealthy") return pc.red(h);
  return "-";
}

function hostCell(name: string, duplicateOf: number): string {
  return duplicateOf > 1 ? `${name} ${pc.red(`DUPLICATE(${duplicateOf} agents)`)}` : name;
}

function answeredTable(hosts: AnsweredHost[]): string {
  return table(...withSites(
    ["HOST", "FARM", "W3SVC", "SERVICES", "APP POOLS", "HEALTH", "ACTIVITY", "REPLY"],
    hosts.map((h) => [
      hostCell(h.host, h.instanceIds.length),
      h.farm,
      w3svc(h.services),
      servicesCell(h.services),
      poolsCell(h.appPools),
      health(h.health),
      activity(h),
      `${h.replyMs} ms`,
    ]),
    hosts,
    (h) => h.sites,
  ));
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
  out.push(
    "",
    table(...withSites(
      ["HOST", "FARM", "STATE", "W3SVC", "SERVICES", "APP POOLS", "HEALTH", "ACTIVITY", "FACTS FROM"],
      a.hosts.map((h) => {
        const full = "services" in h ? h : undefined;
        return [
          hostCell(h.name, h.duplicate?.instanceIds.length ?? 1),
          h.farm,
          colourState(h.liveness) + (h.renamedTo ? pc.dim(` renamed to ${h.renamedTo}`) : ""),
          w3svc(full?.services),
          servicesCell(full?.services),
          poolsCell(full?.appPools),
          health(full?.health),
          full ? activity(full) : "-",
          age(h.ageMs),
        ];
      }),
      a.hosts,
      (h) => ("sites" in h ? h.sites : undefined),
    )),
  );
  return out.join("\n");
}
