import pc from "picocolors";
import { describeDrain } from "../drain/config.js";
import type { RolloutDefinitionView as RolloutDefinition, RolloutDetailView as RolloutDetail, RolloutPlanView as RolloutPlan } from "../api/contract/views.js";
import { formatAmount } from "../rollout/spec.js";
import { describeUnit } from "../rollout/unit.js";
import { clockTime, count, duration, table } from "./format.js";

const HOST_COLOUR: Record<string, (s: string) => string> = {
  queued: pc.dim,
  "not started": pc.dim,
  draining: pc.cyan,
  resetting: pc.cyan,
  undraining: pc.cyan,
  healthy: pc.green,
  failed: pc.red,
  skipped: pc.yellow,
};

const ROLLOUT_COLOUR: Record<string, (s: string) => string> = {
  running: pc.cyan,
  paused: pc.yellow,
  "waiting-approval": pc.yellow,
  "waiting-for-window": pc.yellow,
  succeeded: pc.green,
  failed: pc.red,
  aborted: pc.red,
  blocked: pc.red,
};

export const colourHost = (s: string) => (HOST_COLOUR[s] ?? ((x: string) => x))(s);
export const colourRollout = (s: string) => (ROLLOUT_COLOUR[s] ?? ((x: string) => x))(s);

/** "blocked" for a running rollout that cannot make progress (its stored state stays "running"). */
export const shownState = (r: Pick<RolloutDetail["rollout"], "state" | "blocked">) => (r.state === "running" && r.blocked ? "blocked" : r.state);

/** Which farms drain through which balancer, or that --no-drain left them alone. */
function drainLine(def: RolloutDefinition): string {
  if (def.skipDrain) return `\n  load-balancer drain: off (--no-drain)`;
  const farms = Object.entries(def.drain ?? {});
  if (farms.length === 0) return "";
  const ignore = def.ignoreDrainFailure ? "; drain failures ignored" : "";
  return `\n  load-balancer drain: ${farms.map(([farm, c]) => `${farm} via ${describeDrain(c)}`).join("; ")}${ignore}`;
}


const skippedLine = (hosts: Array<{ host: string; reason: string }>) =>
  `Skipped before the start (--skip-offline): ${hosts.map((e) => `${e.host} (${e.reason})`).join(", ")}`;

/** Hosts already out of service in the targeted farms, and whether batch 1 could start: "" when nothing to say. */
export function capacityNotes(p: Pick<RolloutPlan, "outOfService" | "blockedReason" | "skipped">): string {
  const lines: string[] = [];
  if (p.skipped.length > 0) lines.push(pc.yellow(skippedLine(p.skipped)));
  if (p.outOfService.length > 0) {
    lines.push(pc.yellow(`Out of service now (they count against --max-unavailable): ${p.outOfService.map((h) => `${h.host} (${h.reason})`).join(", ")}`));
    if (p.skipped.length === 0 && p.outOfService.some((h) => h.reason.startsWith("offline"))) lines.push(pc.yellow("--skip-offline leaves the offline targets out of the rollout."));
  }
  if (p.blockedReason) lines.push(pc.red(`It would be blocked: ${p.blockedReason}.`));
  return lines.map((l) => `${l}\n`).join("");
}

export function formatPlan(p: RolloutPlan): string {
  const lines = [
    table(
      ["BATCH", "HOSTS", "EXPECTED"],
      p.batches.map((b) => [`${b.batch + 1}${b.canary ? " (canary)" : ""}`, b.hosts.join(", "), duration(b.expectedMs)]),
    ),
    "",
    `${count(p.hosts.length, "host")} in ${count(p.batches.length, "batch", "batches")}; projected ${duration(p.projectedMs)} ` +
      `(${p.fromHistory} of ${count(p.hosts.length, "host")} from history medians, others 30 s); halts after more than ${p.maxFailures} failure${p.maxFailures === 1 ? "" : "s"}.`,
  ];
  lines.push(`Unit: ${p.unit}.`);
  if (p.missingTargets.length > 0) {
    lines.push(pc.yellow(`Would fail (the named ${p.definition.sites?.length ? "site" : "pool"} is not there; each counts against --max-failures): ${p.missingTargets.map((m) => `${m.host} ${m.reason}`).join("; ")}`));
  }
  const drain = drainLine(p.definition).trim();
  if (drain) lines.push(drain[0]?.toUpperCase() + drain.slice(1) + ".");
  if (p.excluded.length > 0) lines.push(pc.yellow(`Left out: ${p.excluded.map((e) => `${e.host} (${e.reason})`).join(", ")}`));
  const notes = capacityNotes(p);
  if (notes) lines.push(notes.trimEnd());
  lines.push(...windowLines(p));
  return lines.join("\n");
}

const SOURCE: Record<string, string> = { named: "named", "farm-default": "the farm's default", "only-window": "the only window applying" };

function windowLines(p: RolloutPlan): string[] {
  if (p.override) return [pc.yellow(`Outside any maintenance window (--now by ${p.override.actor}: ${p.override.reason}).`)];
  const w = p.window;
  const lines: string[] = [];
  if (w) {
    const when = w.open ? `open now, batches start until ${w.open.lastStartLocal}` : w.next ? `next opens ${w.next.startLocal}` : "never opens again";
    lines.push(`Window: ${w.name} (${SOURCE[w.source] ?? w.source}), ${w.cron} ${w.timeZone}; ${when}.`);
  }
  if (p.waitReason) lines.push(pc.yellow(`It would wait: ${p.waitReason}.`));
  return lines;
}

type RolloutHostRow = RolloutDetail["hosts"][number];

/** How long a host's turn took; none for a skipped host (its times are the failed attempt's start and the skip). */
export const hostTook = (h: Pick<RolloutHostRow, "state" | "startedMs" | "finishedMs">): number | null =>
  h.state !== "skipped" && h.startedMs !== null && h.finishedMs !== null ? h.finishedMs - h.startedMs : null;

/** A queued host of an aborted rollout never started and never will: say so rather than "queued". */
const hostStateShown = (d: RolloutDetail, h: RolloutHostRow) => (h.state === "queued" && d.rollout.state === "aborted" ? "not started" : h.state);

export function formatRollout(d: RolloutDetail, nowMs = Date.now()): string {
  const r = d.rollout;
  const def = r.definition;
  const head =
    `${pc.bold(r.id)}  ${colourRollout(shownState(r))}  batch ${Math.min(r.currentBatch + 1, r.batchCount)}/${r.batchCount}  ` +
    `${def.force ? pc.red("FORCE") : "noforce"} ${def.pools?.length || def.sites?.length ? describeUnit(def) : `level ${def.level}`}, batch ${def.batch.map(formatAmount).join(",")}, ` +
    `max-failures ${formatAmount(def.maxFailures)}${def.maxUnavailable ? `, max-unavailable ${formatAmount(def.maxUnavailable)}` : ""}  by ${r.createdBy}` +
    (def.window ? `\n  window ${def.window.name} (${def.window.timeZone}), on window end: ${def.onWindowEnd ?? "continue"}` : "") +
    (def.override ? `\n  outside any window: --now by ${def.override.actor} (${def.override.reason})` : "") +
    drainLine(def) +
    (def.skippedBeforeStart ? `\n  ${skippedLine(def.skippedBeforeStart)}` : "");
  const s = d.summary;
  const queued = r.state === "aborted" ? `${s.queued} not started (aborted)` : `${s.queued} queued`;
  const summary = `${s.healthy} healthy, ${s.failed} failed (budget ${s.maxFailures}), ${s.draining} draining, ${s.resetting} resetting, ${s.undraining} undraining, ${queued}, ${s.skipped} skipped`;
  const rows = d.hosts.map((h) => [
    String(h.batch + 1),
    h.host,
    colourHost(hostStateShown(d, h)),
    clockTime(h.startedMs, nowMs),
    clockTime(h.finishedMs, nowMs),
    duration(hostTook(h)),
    h.state === "failed" || h.state === "skipped" ? `${h.code}: ${h.message}` : h.code,
  ]);
  const lines = [head, r.reason ? `  ${r.reason}` : "", table(["BATCH", "HOST", "STATE", "STARTED (UTC)", "FINISHED (UTC)", "TOOK", "RESULT"], rows), summary];
  if (d.actions.length > 0) {
    lines.push("", ...d.actions.map((a) => pc.dim(`${new Date(a.atMs).toISOString()}  ${a.actor}: ${a.action}${a.host ? ` ${a.host}` : ""}${a.detail ? ` (${a.detail})` : ""}`)));
  }
  return lines.filter((l) => l !== "").join("\n");
}

export function formatRolloutList(list: Array<RolloutDetail["rollout"] & { summary: RolloutDetail["summary"] }>): string {
  if (list.length === 0) return "No rollouts yet. Plan one: iisfleet rollout plan --farm FARM --batch 2";
  return table(
    ["ID", "STATE", "STARTED (UTC)", "BY", "HOSTS", "HEALTHY", "FAILED", "REASON"],
    list.map((r) => [
      r.id,
      colourRollout(shownState(r)),
      new Date(r.createdMs).toISOString().replace("T", " ").slice(0, 19),
      r.createdBy,
      String(r.summary.queued + r.summary.draining + r.summary.resetting + r.summary.undraining + r.summary.healthy + r.summary.failed + r.summary.skipped),
      String(r.summary.healthy),
      String(r.summary.failed),
      r.reason,
    ]),
  );
}
