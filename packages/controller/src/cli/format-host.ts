import pc from "picocolors";
import type { HostView, SiteFactView as SiteFact } from "../api/contract/views.js";
import { age, colourState, table } from "./format.js";
import { poolsCell, servicesCell } from "./format-status.js";

/** "2/3 started: Blog stopped", or "-" when the agent reports no sites (an agent from before sites were reported). */
export function sitesCell(sites: SiteFact[] | undefined): string {
  if (!sites || sites.length === 0) return "-";
  const stopped = sites.filter((s) => !s.started);
  const head = `${sites.length - stopped.length}/${sites.length} started`;
  if (stopped.length === 0) return head;
  return pc.yellow(head + (stopped.length <= 3 ? `: ${stopped.map((s) => s.name).join(", ")} stopped` : ""));
}

/** `iisfleet host show HOST`: the host's facts, its application pools and its sites, one table each. */
export function formatHost(h: HostView): string {
  const head = [
    `${pc.bold(h.name)}  farm ${h.farm}  ${colourState(h.liveness)}${h.cordoned ? pc.yellow(` cordoned${h.cordonReason ? ` (${h.cordonReason})` : ""}`) : ""}  last seen ${age(h.ageMs)}`,
    `agent ${h.agentVersion || "-"} (${h.adapter || "-"}), IIS ${h.iisGeneration || "-"}, health ${h.health || "-"}, ${h.busyCommandId ? `busy ${h.busyCommandId}` : "idle"}`,
    `services: ${servicesCell(h.services)}; app pools: ${poolsCell(h.appPools)}; sites: ${sitesCell(h.sites)}`,
  ];
  const pools =
    h.appPools.length === 0
      ? pc.dim("No application pools reported.")
      : table(
          ["APP POOL", "STATE", "WORKER PIDS"],
          h.appPools.map((p) => [p.name, p.started ? pc.green("Started") : pc.yellow("Stopped"), p.workerPids.join(", ") || "-"]),
        );
  const sites =
    (h.sites ?? []).length === 0
      ? pc.dim("No sites reported (an agent that does not report sites, or a host without any).")
      : table(
          ["SITE", "ID", "STATE", "APP POOL", "BINDINGS"],
          (h.sites ?? []).map((s) => [s.name, String(s.id), s.started ? pc.green("Started") : pc.yellow("Stopped"), s.appPool || "-", s.bindings.join(" ") || "-"]),
        );
  return [...head, "", pools, "", sites].join("\n");
}
