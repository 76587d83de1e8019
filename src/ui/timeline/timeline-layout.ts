/**
 * Geometry and picking for the timeline: where lanes sit on the canvas, which item lies
 * under a point, and which item keyboard focus moves to. DOM-free apart from the model.
 */
import type { RunModel } from '../../core/run-model';
import type { TaskDispatchEvent } from '../../protocol/messages';
import type { TimelineIndex } from './timeline-index';
import type { TimelineItem } from './timeline-info';
import type { CallBar, Viewport } from './timeline-paint';

/** Width of the lane-label gutter on the left, CSS px, at 11 px labels. */
const GUTTER = 76;
/** Height of the time axis at the bottom, CSS px, at 11 px labels. */
const AXIS = 24;
const TOP = 4;
/** Tallest lane, px: few workers get roomy lanes, many get thin ones. */
const MAX_LANE_PX = 56;
/** The label size the gutter and axis are measured for. */
const BASE_FONT_PX = 11;

/** Lane positions on the canvas; lane 0 is the driver, lane `w + 1` is worker `w`. */
export interface Layout {
  view: Viewport;
  top: number;
  laneH: number;
  lanes: number;
  axisY: number;
}

/** Places `lanes` lanes and the axis in a canvas of the given CSS size. */
export function computeLayout(
  width: number,
  height: number,
  lanes: number,
  t0: number,
  t1: number,
  sizes: { fontPx: number; laneMax: number } = { fontPx: BASE_FONT_PX, laneMax: MAX_LANE_PX },
): Layout {
  // Bigger labels (presentation mode) need a wider gutter and a taller axis.
  const scale = Math.max(1, sizes.fontPx / BASE_FONT_PX);
  const gutter = Math.round(GUTTER * scale);
  const axis = Math.round(AXIS * scale);
  const laneH = Math.max(
    6,
    Math.min(sizes.laneMax, Math.floor((height - TOP - axis) / Math.max(1, lanes))),
  );
  const view = { t0, t1, left: gutter, width: Math.max(10, width - gutter - 8) };
  return { view, top: TOP, laneH, lanes, axisY: TOP + laneH * lanes };
}

/** Vertical extent `[y, h]` of the bars inside lane `lane`. */
export function barBox(l: Layout, lane: number): [number, number] {
  const pad = l.laneH >= 14 ? 3 : 1;
  return [l.top + lane * l.laneH + pad, l.laneH - 2 * pad];
}

/** The time under x, in the layout's window. */
export function xToTime(l: Layout, x: number): number {
  return l.view.t0 + ((x - l.view.left) * (l.view.t1 - l.view.t0)) / l.view.width;
}

/** An item the pointer or keyboard points at: lane plus a stable reference. */
export interface Pick {
  lane: number;
  kind: TimelineItem['kind'];
  /** Task: position in `RunModel.tasks`; running: taskId; call: position in the bars. */
  ref: number;
}

/** Same item? */
export function samePick(a: Pick | undefined, b: Pick | undefined): boolean {
  return a === b || (!!a && !!b && a.lane === b.lane && a.kind === b.kind && a.ref === b.ref);
}

/** The model data behind a pick, or undefined when it no longer exists. */
export function resolvePick(
  p: Pick,
  model: RunModel,
  bars: readonly CallBar[],
): TimelineItem | undefined {
  if (p.kind === 'task') {
    const record = model.tasks[p.ref];
    return record ? { kind: 'task', record } : undefined;
  }
  if (p.kind === 'running') {
    const dispatch = model.running.get(p.ref);
    return dispatch ? { kind: 'running', dispatch } : undefined;
  }
  const bar = bars[p.ref];
  const call = bar && model.calls.get(bar.callId);
  return call ? { kind: 'call', call } : undefined;
}

/** A running task's pick turned into its finished task's pick once it has ended. */
export function settlePick(p: Pick | undefined, model: RunModel): Pick | undefined {
  if (!p || p.kind !== 'running' || model.running.has(p.ref)) return p;
  // A task that just ended is near the end of the append-only list.
  for (let i = model.tasks.length - 1; i >= Math.max(0, model.tasks.length - 10000); i--) {
    if (model.tasks[i]?.taskId === p.ref) return { lane: p.lane, kind: 'task', ref: i };
  }
  return undefined;
}

/** Time span `[start, end]` a pick covers on the canvas. */
export function pickSpan(
  p: Pick,
  model: RunModel,
  bars: readonly CallBar[],
  now: number,
): [number, number] {
  const item = resolvePick(p, model, bars);
  if (!item) return [now, now];
  if (item.kind === 'task') return [item.record.submitted, item.record.received];
  if (item.kind === 'running') return [item.dispatch.submitted, model.outcome?.ended ?? now];
  const bar = bars[p.ref];
  return bar ? [bar.start, bar.end] : [now, now];
}

/** Running tasks of one worker, oldest first. */
export function runningOn(model: RunModel, worker: number): TaskDispatchEvent[] {
  const out: TaskDispatchEvent[] = [];
  for (const r of model.running.values()) if (r.worker === worker) out.push(r);
  return out.sort((a, b) => a.submitted - b.submitted);
}

/** The item under canvas point (x, y), within a few pixels, or undefined. */
export function pickAt(
  l: Layout,
  x: number,
  y: number,
  model: RunModel,
  index: TimelineIndex,
  bars: readonly CallBar[],
  rows: number,
  now: number,
): Pick | undefined {
  const lane = Math.floor((y - l.top) / l.laneH);
  if (lane < 0 || lane >= l.lanes || x < l.view.left) return undefined;
  const t = xToTime(l, x);
  const tol = (3 * (l.view.t1 - l.view.t0)) / l.view.width;
  if (lane === 0) {
    const row = Math.floor(((y - l.top) / l.laneH) * rows);
    let best: Pick | undefined;
    for (let i = bars.length - 1; i >= 0; i--) {
      const b = bars[i];
      if (b && b.row === row && t >= b.start - tol && t <= b.end + tol)
        return { lane, kind: 'call', ref: i };
      if (b && !best && t >= b.start - tol && t <= b.end + tol)
        best = { lane, kind: 'call', ref: i };
    }
    return best;
  }
  const worker = lane - 1;
  for (const r of runningOn(model, worker)) {
    if (t >= r.submitted - tol && t <= (model.outcome?.ended ?? now) + tol)
      return { lane, kind: 'running', ref: r.taskId };
  }
  const li = index.lanes[worker];
  const i = li ? li.hit(t, tol) : -1;
  return li && i >= 0 ? { lane, kind: 'task', ref: li.task[i] ?? 0 } : undefined;
}

/** A lane's focusable items, by position, without materialising the list. */
interface LaneItems {
  length: number;
  at(i: number): Pick;
}

/** The lane's items in time order: finished tasks, then running ones; calls on the driver lane. */
function laneItems(
  lane: number,
  model: RunModel,
  index: TimelineIndex,
  bars: readonly CallBar[],
): LaneItems {
  if (lane === 0) return { length: bars.length, at: (i) => ({ lane, kind: 'call', ref: i }) };
  const li = index.lanes[lane - 1];
  const done = li?.length ?? 0;
  const running = runningOn(model, lane - 1);
  return {
    length: done + running.length,
    at: (i) =>
      i < done
        ? { lane, kind: 'task', ref: li?.task[i] ?? 0 }
        : { lane, kind: 'running', ref: running[i - done]?.taskId ?? 0 },
  };
}

/** Position of a pick in its lane's item order (0 if it is gone). */
function positionIn(p: Pick, items: LaneItems, index: TimelineIndex, model: RunModel): number {
  if (p.kind === 'task' && p.lane > 0) {
    const li = index.lanes[p.lane - 1];
    const record = model.tasks[p.ref];
    if (li && record) {
      let i = li.nearest(record.started);
      while (i > 0 && (li.started[i - 1] ?? 0) === record.started && li.task[i] !== p.ref) i--;
      while (i < li.length - 1 && li.task[i] !== p.ref) i++;
      return i;
    }
  }
  for (let i = 0; i < items.length; i++) if (samePick(items.at(i), p)) return i;
  return 0;
}

/** Where focus goes for an arrow key (or Home/End) from `from`; undefined when nothing is there. */
export function stepFocus(
  from: Pick | undefined,
  key: string,
  model: RunModel,
  index: TimelineIndex,
  bars: readonly CallBar[],
  lanes: number,
  now: number,
): Pick | undefined {
  const itemsOf = (lane: number): LaneItems => laneItems(lane, model, index, bars);
  if (!from) {
    for (let lane = 1; lane <= lanes; lane++) {
      const items = itemsOf(lane % lanes);
      if (items.length > 0) return items.at(key === 'End' ? items.length - 1 : 0);
    }
    return undefined;
  }
  const items = itemsOf(from.lane);
  const [t] = pickSpan(from, model, bars, now);
  const pos = positionIn(from, items, index, model);
  if (key === 'ArrowLeft') return items.at(Math.max(0, pos - 1));
  if (key === 'ArrowRight') return items.at(Math.min(items.length - 1, pos + 1));
  if (key === 'Home') return items.at(0);
  if (key === 'End') return items.at(items.length - 1);
  const dir = key === 'ArrowUp' ? -1 : 1;
  for (let lane = from.lane + dir; lane >= 0 && lane < lanes; lane += dir) {
    const next = itemsOf(lane);
    if (next.length === 0) continue;
    let best = 0;
    let bestDist = Infinity;
    if (lane > 0 && (index.lanes[lane - 1]?.length ?? 0) > 0) {
      const li = index.lanes[lane - 1];
      best = li ? li.nearest(t) : 0;
      bestDist = Math.abs((li?.started[best] ?? 0) - t);
    }
    for (let i = lane === 0 ? 0 : (index.lanes[lane - 1]?.length ?? 0); i < next.length; i++) {
      const d = Math.abs(pickSpan(next.at(i), model, bars, now)[0] - t);
      if (d < bestDist) [best, bestDist] = [i, d];
    }
    return next.at(best);
  }
  return from;
}
