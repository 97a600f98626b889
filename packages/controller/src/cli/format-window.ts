import pc from "picocolors";
import { DEFAULT_EXPECTED_RESET_MS } from "../api/contract/defaults.js";
import type { OpeningView, WindowView } from "../api/contract/views.js";
import { describeSpan } from "../windows/spec.js";
import { table } from "./format.js";

export function scopeText(w: Pick<WindowView, "farm" | "tags">): string {
  const parts = [...(w.farm !== null ? [`farm ${w.farm}`] : []), ...Object.entries(w.tags).map(([k, v]) => `${k}=${v}`)];
  return parts.length === 0 ? "every host" : parts.join(", ");
}

function kind(w: WindowView): string {
  if (w.blackout) return pc.red("blackout");
  return w.farmDefault ? `window ${pc.bold("(farm default)")}` : "window";
}

function status(w: WindowView): string {
  if (w.open) return w.blackout ? pc.red(`ON until ${w.open.endLocal}`) : pc.green(`OPEN until ${w.open.endLocal}`);
  return w.next ? `next ${w.next.startLocal}` : pc.yellow("never opens again");
}

const lengthText = (w: Pick<WindowView, "durationMs" | "cutoffMs">) =>
  `${describeSpan(w.durationMs)}${w.cutoffMs > 0 ? `, cutoff ${describeSpan(w.cutoffMs)}` : ""}`;

export function formatWindowList(list: WindowView[]): string {
  if (list.length === 0) {
    return 'No maintenance windows. Add one: iisfleet window add nightly --cron "0 2 * * SUN" --duration 3h --tz Europe/Berlin --farm shop --default';
  }
  return table(
    ["NAME", "KIND", "CRON", "TIME ZONE", "LASTS", "APPLIES TO", "NOW / NEXT (in its zone)"],
    list.map((w) => [w.name, kind(w), w.cron, w.timeZone, lengthText(w), scopeText(w), status(w)]),
  );
}

export function formatWindow(w: WindowView): string {
  return [
    `${pc.bold(w.name)}  ${kind(w)}  ${w.cron}  (${w.timeZone})  lasts ${lengthText(w)}  applies to ${scopeText(w)}  by ${w.createdBy}`,
    `  ${status(w)}`,
  ].join("\n");
}

export function formatOpenings(w: WindowView, openings: OpeningView[]): string {
  const lastStart = w.blackout ? [] : ["LAST START"];
  const rows = openings.map((o, i) => [
    String(i + 1),
    o.startLocal,
    ...(w.blackout ? [] : [o.lastStartLocal]),
    o.endLocal,
    o.startUtc,
    o.endUtc,
  ]);
  const note = w.blackout
    ? "Nothing may start while a blackout is on, and a batch must be expected to end before one begins."
    : "A batch starts only before LAST START (end minus cutoff), and only if its expected duration (p95 of its hosts' " +
      `recorded resets, ${DEFAULT_EXPECTED_RESET_MS / 1000} s without history) ends by then.`;
  return [
    formatWindow(w),
    "",
    table(["#", `OPENS (${w.timeZone})`, ...lastStart, "CLOSES", "OPENS (UTC)", "CLOSES (UTC)"], rows),
    "",
    pc.dim(note),
  ].join("\n");
}
