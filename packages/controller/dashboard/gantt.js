// A per-host timeline of a rollout: queued, then (draining,) resetting, (undraining,) then healthy / failed / skipped; batch
// boundaries as vertical lines where each batch's first host started. HTML boxes positioned in percent rather than
// an SVG, so text stays crisp and the chart reflows from a desktop to a phone.
import { Badge, ROLLOUT_HOST_STATES, fmtDuration, html } from "./ui.js";

export function Gantt({ detail, now }) {
  const r = detail.rollout;
  const t0 = r.createdMs;
  // Never before the latest recorded moment, whatever the browser's clock says.
  const latest = Math.max(r.updatedMs, ...detail.hosts.flatMap((h) => [h.startedMs ?? 0, h.finishedMs ?? 0]));
  const t1 = Math.max(r.finishedMs ?? Math.max(now, latest), t0 + 1000);
  const span = t1 - t0;
  const pct = (ms) => `${(Math.max(0, Math.min(span, ms - t0)) / span) * 100}%`;
  const width = (from, to) => `${(Math.max(0, Math.min(t1, to) - Math.max(t0, from)) / span) * 100}%`;

  const batches = [...new Set(detail.hosts.map((h) => h.batch))].sort((a, b) => a - b);
  const batchStarts = batches
    .map((b) => ({ batch: b, at: Math.min(...detail.hosts.filter((h) => h.batch === b && h.startedMs !== null).map((h) => h.startedMs)) }))
    .filter((b) => Number.isFinite(b.at));
  const canary = r.definition?.canary > 0;

  return html`<figure class="gantt" aria-labelledby="gantt-caption">
    <figcaption id="gantt-caption">Timeline: ${fmtDuration(span)} since the rollout started${r.finishedMs ? " (finished)" : ""}. Each row is a host; the lines mark where each batch began.</figcaption>
    <div class="gantt-grid">
      <div class="gantt-axis" aria-hidden="true">
        <span class="gantt-label"></span>
        <span class="gantt-track">${ticks(span).map((t) => html`<span class="tick" style=${`left:${(t / span) * 100}%`}>+${fmtDuration(t)}</span>`)}</span>
      </div>
      ${batches.map(
        (b) => html`<div class="gantt-batch" role="group" aria-label=${`Batch ${b + 1}`}>
          <div class="gantt-batch-title">Batch ${b + 1}${canary && b === 0 ? " (canary)" : ""}${b === r.currentBatch && !r.finishedMs ? " · current" : ""}</div>
          ${detail.hosts.filter((h) => h.batch === b).map((h) => html`<${Row} key=${h.host} h=${h} t0=${t0} t1=${t1} pct=${pct} width=${width} />`)}
        </div>`,
      )}
      <div class="gantt-overlay" aria-hidden="true">
        ${batchStarts.map((b) => html`<span class="batch-line" style=${`left:${pct(b.at)}`}><span>B${b.batch + 1}</span></span>`)}
        ${r.finishedMs ? "" : html`<span class="now-line" style="left:100%"></span>`}
      </div>
    </div>
    <ul class="gantt-key" aria-label="Timeline key">
      ${[...(detail.hosts.some((h) => h.resetStartedMs > h.startedMs || h.state === "draining") ? ["queued", "draining", "resetting", "undraining"] : ["queued", "resetting"]), "healthy", "failed", "skipped"].map((s) => html`<li><span class=${`swatch g-${s}`} aria-hidden="true"></span>${ROLLOUT_HOST_STATES[s].label}</li>`)}
    </ul>
  </figure>`;
}

/**
 * A host's turn as segments: queued, then (with a load-balancer drain) draining, resetting, undraining, then its
 * outcome. Without a drain the reset starts with the turn. A phase that has not begun yet draws nothing.
 */
export function segmentsOf(h, t0, t1) {
  const segs = [];
  const started = h.startedMs;
  const finished = h.finishedMs;
  const resetAt = h.resetStartedMs ?? null;
  const undrainAt = h.undrainStartedMs ?? null;
  segs.push({ cls: "queued", from: t0, to: started ?? finished ?? t1 });
  if (started !== null) {
    const end = finished ?? t1;
    // No reset yet: still draining, or the drain failed and the host was never reset.
    const neverReset = resetAt === null && (h.state === "draining" || (h.code ?? "").startsWith("DRAIN"));
    if (neverReset) segs.push({ cls: "draining", from: started, to: end });
    else {
      const reset = resetAt ?? started;
      if (reset > started) segs.push({ cls: "draining", from: started, to: reset });
      segs.push({ cls: "resetting", from: reset, to: undrainAt ?? end });
      if (undrainAt !== null) segs.push({ cls: "undraining", from: undrainAt, to: end });
    }
  }
  if (finished !== null && !["queued", "draining", "resetting", "undraining"].includes(h.state)) segs.push({ cls: h.state, from: finished, to: t1 });
  return segs;
}

function Row({ h, t0, t1, pct, width }) {
  const started = h.startedMs;
  const finished = h.finishedMs;
  const segs = segmentsOf(h, t0, t1);
  const took = started !== null && finished !== null ? ` in ${fmtDuration(finished - started)}` : "";
  return html`<div class="gantt-row" data-host=${h.host} data-state=${h.state}>
    <span class="gantt-label">${h.host}</span>
    <span class="gantt-track">
      ${segs.map((s) => html`<span class=${`seg g-${s.cls}`} style=${`left:${pct(s.from)};width:${width(s.from, s.to)}`}
        title=${`${h.host}: ${ROLLOUT_HOST_STATES[s.cls]?.label ?? s.cls} for ${fmtDuration(Math.min(s.to, t1) - s.from)}`}></span>`)}
    </span>
    <span class="gantt-state"><${Badge} table=${ROLLOUT_HOST_STATES} state=${h.state} extra=${took} /></span>
  </div>`;
}

/** About five round tick marks across the span. */
function ticks(span) {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * 1000);
  const step = steps.find((s) => span / s <= 6) ?? 7_200_000;
  const out = [];
  for (let t = step; t < span; t += step) out.push(t);
  return out;
}
