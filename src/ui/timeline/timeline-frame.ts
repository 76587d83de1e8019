/**
 * One frame of the timeline: lane backgrounds and labels, the axis, the driver's calls,
 * every worker lane, running tasks, the "now" line and the hover and focus outlines.
 */
import type { RunModel } from '../../core/run-model';
import type { TimelineIndex } from './timeline-index';
import type { Layout, Pick } from './timeline-layout';
import { barBox, pickSpan } from './timeline-layout';
import type { CallBar, LanePainter } from './timeline-paint';
import { callLabels } from '../call-labels';
import { formatPercent } from '../format';
import { callColour, drawAxis, drawCalls, drawScriptBusy, timeToX } from './timeline-paint';
import { drawGpuLane } from './timeline-gpu';
import type { TimelineTheme } from './timeline-theme';
import { labelFont } from './timeline-theme';

/** Most sub-rows the driver lane splits into for calls that overlap in time. */
const DRIVER_ROWS = 3;

/** Sub-rows the driver lane's bars use (at least one). */
export function driverRows(bars: readonly CallBar[]): number {
  let rows = 1;
  for (const b of bars) rows = Math.max(rows, b.row + 1);
  return rows;
}

/** Everything a frame draws from. */
export interface Frame {
  model: RunModel;
  index: TimelineIndex;
  painter: LanePainter;
  bars: readonly CallBar[];
  layout: Layout;
  width: number;
  height: number;
  now: number;
  hover: Pick | undefined;
  focus: Pick | undefined;
  theme: TimelineTheme;
}

/** Draws a whole frame in CSS pixels (the caller sets the device-pixel transform). */
export function drawFrame(ctx: CanvasRenderingContext2D, f: Frame): void {
  const { layout: l, model, theme } = f;
  ctx.fillStyle = theme.bg;
  ctx.fillRect(0, 0, f.width, f.height);
  ctx.font = labelFont(theme.fontPx);
  ctx.textBaseline = 'middle';
  // Roomy lanes also say how much of the run each worker spent computing.
  const stats = l.laneH >= theme.fontPx * 2.5 ? model.workerStats(f.now) : [];
  const gpuLane = gpuLaneOf(f);
  for (let lane = 0; lane < l.lanes; lane++) {
    const y = l.top + lane * l.laneH;
    ctx.fillStyle = lane % 2 === 0 ? theme.laneA : theme.laneB;
    ctx.fillRect(0, y, f.width, l.laneH);
    ctx.fillStyle = theme.text;
    if (l.laneH < Math.min(9, theme.fontPx)) continue;
    const util = lane > 0 && lane !== gpuLane ? stats[lane - 1]?.utilisation : undefined;
    if (util === undefined) {
      ctx.fillText(laneLabel(f, lane, gpuLane), 8, y + l.laneH / 2);
      continue;
    }
    const half = Math.round(theme.fontPx * 0.65);
    ctx.fillText(`worker ${lane - 1}`, 8, y + l.laneH / 2 - half);
    ctx.fillStyle = theme.muted;
    ctx.fillText(`${formatPercent(util)} busy`, 8, y + l.laneH / 2 + half);
  }
  drawAxis(ctx, l.view, model.scriptStart, l.top, l.axisY, theme);
  ctx.save();
  ctx.beginPath();
  ctx.rect(l.view.left, 0, l.view.width, l.axisY);
  ctx.clip();
  const [dy, dh] = barBox(l, 0);
  drawScriptBusy(ctx, model.scriptBusy, l.view, dy, dh, theme);
  drawCalls(ctx, f.bars, driverRows(f.bars), l.view, dy, dh, theme);
  for (const [worker, lane] of f.index.lanes.entries()) {
    const [y, bh] = barBox(l, worker + 1);
    f.painter.drawLane(ctx, lane, l.view, y, bh);
  }
  if (gpuLane >= 0) {
    const [gy, gh] = barBox(l, gpuLane);
    drawGpuLane(ctx, model.gpu.calls, l.view, gy, gh);
  }
  drawRunning(ctx, f);
  if (!model.outcome && f.now > l.view.t0 && f.now < l.view.t1) {
    ctx.fillStyle = theme.now;
    ctx.fillRect(Math.round(timeToX(l.view, f.now)), l.top, 1, l.axisY - l.top);
  }
  outline(ctx, f, f.hover, theme.hover, 1);
  outline(ctx, f, f.focus, theme.focus, 2);
  ctx.restore();
}

/** The GPU lane's index (the last lane), or -1 when the script did not use the GPU. */
export function gpuLaneOf(f: Frame): number {
  return f.model.gpu.used ? f.layout.lanes - 1 : -1;
}

/** A lane's label: driver, worker n, or GPU (software adapters say so). */
function laneLabel(f: Frame, lane: number, gpuLane: number): string {
  if (lane === 0) return 'driver';
  if (lane !== gpuLane) return `worker ${lane - 1}`;
  return f.model.gpu.adapter?.fallback ? 'GPU (sw)' : 'GPU';
}

/**
 * Dispatched tasks not yet back: a tint from submission to now with a dashed outline; after
 * Stop, the tasks it cut short end at the stop, outlined in grey.
 */
function drawRunning(ctx: CanvasRenderingContext2D, f: Frame): void {
  const v = f.layout.view;
  const end = f.model.outcome?.ended ?? f.now;
  ctx.setLineDash([3, 2]);
  ctx.lineWidth = 1;
  ctx.strokeStyle = f.model.outcome ? f.theme.muted : f.theme.hover;
  for (const r of f.model.running.values()) {
    const [y, bh] = barBox(f.layout, r.worker + 1);
    const x0 = Math.max(v.left - 4, timeToX(v, r.submitted));
    const x1 = Math.max(x0 + 2, Math.min(v.left + v.width + 4, timeToX(v, end)));
    if (x1 < v.left) continue;
    ctx.globalAlpha = 0.45;
    ctx.fillStyle = callColour(r.callId);
    ctx.fillRect(x0, y, x1 - x0, bh);
    ctx.globalAlpha = 1;
    ctx.strokeRect(x0 + 0.5, y + 0.5, x1 - x0 - 1, bh - 1);
  }
  ctx.setLineDash([]);
}

/** Outlines a picked item (hover or keyboard focus). */
function outline(
  ctx: CanvasRenderingContext2D,
  f: Frame,
  p: Pick | undefined,
  colour: string,
  width: number,
): void {
  if (!p) return;
  const l = f.layout;
  const [a, b] = pickSpan(p, f.model, f.bars, f.now);
  const [y, bh] = barBox(l, p.lane);
  const bar = p.kind === 'call' ? f.bars[p.ref] : undefined;
  const rh = bar ? bh / driverRows(f.bars) : bh;
  const top = bar ? y + bar.row * rh : y;
  const x0 = Math.max(l.view.left - 4, timeToX(l.view, a));
  const x1 = Math.max(x0 + 2, Math.min(l.view.left + l.view.width + 4, timeToX(l.view, b)));
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.strokeRect(x0 - width / 2, top - width / 2, x1 - x0 + width, rh + width);
}

/** The driver lane's bars: one per call, each in the first sub-row free at its start. */
export function layoutCalls(model: RunModel, now: number): CallBar[] {
  const rowEnds = new Array<number>(DRIVER_ROWS).fill(-Infinity);
  const open = model.outcome?.ended ?? now;
  const labels = callLabels(model.calls.values());
  return [...model.calls.values()].map((c) => {
    const start = c.start.time;
    const end = Math.max(start, c.end?.time ?? open);
    let row = rowEnds.findIndex((e) => e <= start);
    if (row < 0) row = DRIVER_ROWS - 1;
    rowEnds[row] = Math.max(rowEnds[row] ?? -Infinity, end);
    const label = labels.get(c.start.callId) ?? c.start.label;
    return { callId: c.start.callId, label, start, end, open: !c.end, row };
  });
}
