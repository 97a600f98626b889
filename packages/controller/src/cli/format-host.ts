import pc from "picocolors";
import type { HostView } from "../api/contract/views.js";
import { age, colourState, table } from "./format.js";
import { poolsCell, servicesCell, sitesCell } from "./format-status.js";

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
