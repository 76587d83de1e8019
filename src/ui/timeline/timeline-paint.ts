/**
 * Canvas drawing for the timeline: worker lanes, the driver lane and the time axis.
 * Tasks narrower than a few pixels are summed into per-pixel columns and drawn as runs,
 * so a lane costs O(visible tasks + width) and at most a few thousand fill calls.
 */
import { formatMs, formatTick } from '../format';
import type { LaneIndex } from './timeline-index';
import type { TimelineTheme } from './timeline-theme';
import { labelFont } from './timeline-theme';

/** Tableau 10, the categorical palette calls are coloured with (by `callId`). */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
] as const;

/** The same palette darkened, for return tails. */
const DARK = PALETTE.map((c) => shade(c, 0.55));

/** Palette slot of a call. */
export function colourIndex(callId: number): number {
  return ((callId % PALETTE.length) + PALETTE.length) % PALETTE.length;
}

/** The call's colour as a CSS string. */
export function callColour(callId: number): string {
  return PALETTE[colourIndex(callId)] ?? PALETTE[0];
}

function shade(hex: string, f: number): string {
  const n = parseInt(hex.slice(1), 16);
  const c = (s: number): number => Math.round(((n >> s) & 255) * f);
  return `rgb(${c(16)},${c(8)},${c(0)})`;
}

/** The visible time window mapped onto the plot area, in CSS pixels. */
export interface Viewport {
  t0: number;
  t1: number;
  /** Left edge of the plot area. */
  left: number;
  width: number;
}

/** X coordinate of time `t` in the viewport. */
export function timeToX(v: Viewport, t: number): number {
  return v.left + ((t - v.t0) * v.width) / (v.t1 - v.t0);
}

/** Opacity of the queue-and-transit phase in the dark theme (see TimelineTheme.queueAlpha). */
export const QUEUE_ALPHA = 0.3;

/** Compute intervals at least this wide (px) are drawn as their own rectangle. */
const WIDE_PX = 3;

/** Per-pixel coverage (0..n) and colour slot of one phase in one lane. */
class Columns {
  cover = new Float32Array(0);
  colour = new Int8Array(0);

  reset(width: number): void {
    if (this.cover.length !== width) {
      this.cover = new Float32Array(width);
      this.colour = new Int8Array(width);
    } else this.cover.fill(0);
  }

  add(x0: number, x1: number, slot: number): void {
    const a = Math.max(0, x0);
    const b = Math.min(this.cover.length, x1);
    if (b <= a) return;
    let col = Math.floor(a);
    // Zoomed out, most intervals fall inside one column: no loop needed.
    if (b <= col + 1) {
      this.cover[col] = (this.cover[col] ?? 0) + (b - a);
      this.colour[col] = slot;
      return;
    }
    for (; col < b; col++) {
      const overlap = Math.min(b, col + 1) - Math.max(a, col);
      this.cover[col] = (this.cover[col] ?? 0) + overlap;
      this.colour[col] = slot;
    }
  }

  /** Clears columns that `above` mostly covers: a phase hidden under compute is not drawn. */
  hideUnder(above: Columns): void {
    for (let col = 0; col < this.cover.length; col++) {
      if ((above.cover[col] ?? 0) >= 0.5) this.cover[col] = 0;
    }
  }

  /**
   * Draws runs of columns with the same colour. When `proportional`, a column's height is
   * its coverage (the share of that pixel's time spent in the phase), so zoomed out a lane
   * that computed 2% of the time looks 2% full, however many tasks it ran.
   */
  draw(
    ctx: CanvasRenderingContext2D,
    v: Viewport,
    y: number,
    h: number,
    styles: readonly string[],
    alpha: number,
    minCover: number,
    proportional: boolean,
  ): void {
    const n = this.cover.length;
    const height = (cover: number): number =>
      proportional ? Math.max(1, Math.round(Math.min(1, cover) * h)) : h;
    ctx.globalAlpha = alpha;
    let col = 0;
    while (col < n) {
      const cover = this.cover[col] ?? 0;
      if (cover < minCover) {
        col++;
        continue;
      }
      const slot = this.colour[col] ?? 0;
      const ph = height(cover);
      let end = col + 1;
      while (end < n) {
        const c = this.cover[end] ?? 0;
        if (c < minCover || this.colour[end] !== slot || height(c) !== ph) break;
        end++;
      }
      ctx.fillStyle = styles[slot] ?? PALETTE[0];
      ctx.fillRect(v.left + col, y + h - ph, end - col, ph);
      col = end;
    }
    ctx.globalAlpha = 1;
  }
}

/** Reusable scratch buffers for drawing lanes, so a frame allocates nothing. */
export class LanePainter {
  private readonly queue = new Columns();
  /** Opacity of the queue-and-transit phase: the theme's (the legend's swatch matches it). */
  queueAlpha = QUEUE_ALPHA;
  private readonly compute = new Columns();
  private readonly tail = new Columns();
  private wide = new Int32Array(256);

  /** Draws one worker lane's finished tasks in the window: queue wait, compute, return tail. */
  drawLane(
    ctx: CanvasRenderingContext2D,
    lane: LaneIndex,
    v: Viewport,
    y: number,
    h: number,
  ): void {
    const width = Math.max(1, Math.ceil(v.width));
    this.queue.reset(width);
    this.compute.reset(width);
    this.tail.reset(width);
    const k = v.width / (v.t1 - v.t0);
    const [from, to] = lane.visible(v.t0, v.t1);
    let wideCount = 0;
    let queueEnd = -Infinity;
    let tailEnd = -Infinity;
    for (let i = from; i < to; i++) {
      const slot = colourIndex(lane.callId[i] ?? 0);
      const s = ((lane.submitted[i] ?? 0) - v.t0) * k;
      const st = ((lane.started[i] ?? 0) - v.t0) * k;
      const d = ((lane.completed[i] ?? 0) - v.t0) * k;
      const r = ((lane.received[i] ?? 0) - v.t0) * k;
      // Queue waits overlap (tasks are sent ahead), so only the part past the previous one counts.
      const qs = Math.max(s, queueEnd);
      if (st > qs) this.queue.add(qs, st, slot);
      queueEnd = Math.max(queueEnd, st);
      if (d - st >= WIDE_PX) {
        if (wideCount === this.wide.length) this.growWide();
        this.wide[wideCount++] = i;
      } else this.compute.add(st, d, slot);
      const rs = Math.max(d, tailEnd);
      if (r > rs) this.tail.add(rs, r, slot);
      tailEnd = Math.max(tailEnd, r);
    }
    this.queue.hideUnder(this.compute);
    this.tail.hideUnder(this.compute);
    this.queue.draw(ctx, v, y, h, PALETTE, this.queueAlpha, 0.25, false);
    this.compute.draw(ctx, v, y, h, PALETTE, 1, 0.002, true);
    for (let j = 0; j < wideCount; j++) {
      const i = this.wide[j] ?? 0;
      const x0 = timeToX(v, lane.started[i] ?? 0);
      const x1 = timeToX(v, lane.completed[i] ?? 0);
      const a = Math.max(x0, v.left - 2);
      const b = Math.min(x1, v.left + v.width + 2);
      ctx.fillStyle = callColour(lane.callId[i] ?? 0);
      // A one-pixel gap keeps neighbouring tasks of the same call apart.
      ctx.fillRect(a, y, Math.max(1, b - a - (x1 - x0 >= 5 ? 1 : 0)), h);
    }
    const th = Math.max(2, Math.round(h * 0.2));
    this.tail.draw(ctx, v, y + (h - th) / 2, th, DARK, 1, 0.35, false);
  }

  private growWide(): void {
    const b = new Int32Array(this.wide.length * 2);
    b.set(this.wide);
    this.wide = b;
  }
}

/** A call on the driver lane. */
export interface CallBar {
  callId: number;
  label: string;
  start: number;
  end: number;
  open: boolean;
  /** Sub-row, for calls that overlap in time. */
  row: number;
}

/** Draws the driver lane: one bar per call from its start to its end (or now). */
export function drawCalls(
  ctx: CanvasRenderingContext2D,
  bars: readonly CallBar[],
  rows: number,
  v: Viewport,
  y: number,
  h: number,
  theme: TimelineTheme,
): void {
  const rh = h / rows;
  const right = v.left + v.width;
  const fontPx = Math.min(theme.fontPx, Math.max(8, rh - 4));
  ctx.font = labelFont(fontPx);
  ctx.textBaseline = 'middle';
  let lastX = -Infinity;
  for (const b of bars) {
    if (b.end < v.t0 || b.start > v.t1) continue;
    const x0 = Math.max(v.left, timeToX(v, b.start));
    const x1 = Math.min(right, timeToX(v, b.end));
    if (x1 - x0 < 1 && x0 < lastX + 1) continue;
    lastX = x1;
    const by = y + b.row * rh + 1;
    ctx.fillStyle = callColour(b.callId);
    ctx.globalAlpha = b.open ? 0.6 : 0.85;
    ctx.fillRect(x0, by, Math.max(1, x1 - x0), rh - 2);
    ctx.globalAlpha = 1;
    const room = x1 - x0 - 8;
    if (room > 24) {
      const chars = Math.floor(room / (fontPx * 0.55));
      const text =
        b.label.length > chars ? `${b.label.slice(0, Math.max(1, chars - 1))}…` : b.label;
      ctx.fillStyle = theme.onBar;
      ctx.fillText(text, x0 + 4, by + (rh - 2) / 2);
    }
  }
}

const stripes = new WeakMap<CanvasRenderingContext2D, CanvasPattern | string>();

/** Grey diagonal stripes (the legend's "script computing" swatch), made once per context. */
function stripePattern(ctx: CanvasRenderingContext2D): CanvasPattern | string {
  let p = stripes.get(ctx);
  if (p) return p;
  const tile = document.createElement('canvas');
  tile.width = tile.height = 6;
  const t = tile.getContext('2d');
  if (t) {
    t.fillStyle = '#3d444d';
    t.fillRect(0, 0, 6, 6);
    t.strokeStyle = '#6e7681';
    t.lineWidth = 2;
    t.beginPath();
    for (const o of [-6, 0, 6]) {
      t.moveTo(o, 6);
      t.lineTo(o + 6, 0);
    }
    t.stroke();
  }
  p = ctx.createPattern(tile, 'repeat') ?? '#6e7681';
  stripes.set(ctx, p);
  return p;
}

/**
 * Draws the stretches when the script's own thread computed, striped across the driver
 * lane, with their duration written in when there is room.
 */
export function drawScriptBusy(
  ctx: CanvasRenderingContext2D,
  spans: readonly { start: number; end: number }[],
  v: Viewport,
  y: number,
  h: number,
  theme: TimelineTheme,
): void {
  const right = v.left + v.width;
  ctx.font = labelFont(theme.fontPx);
  ctx.textBaseline = 'middle';
  for (const s of spans) {
    if (s.end < v.t0 || s.start > v.t1) continue;
    const x0 = Math.max(v.left, timeToX(v, s.start));
    const x1 = Math.min(right, timeToX(v, s.end));
    ctx.fillStyle = stripePattern(ctx);
    ctx.fillRect(x0, y, Math.max(1, x1 - x0), h);
    const text = `script ${formatMs(s.end - s.start)}`;
    const w = ctx.measureText(text).width;
    if (x1 - x0 > w + 10) {
      const boxH = Math.round(theme.fontPx * 1.3);
      ctx.fillStyle = theme.bg;
      ctx.fillRect(x0 + 3, y + (h - boxH) / 2, w + 4, boxH);
      ctx.fillStyle = theme.text;
      ctx.fillText(text, x0 + 5, y + h / 2);
    }
  }
}

/** A round tick step (1, 2 or 5 times a power of ten) giving about `count` ticks over `span`. */
export function tickStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

/** Draws grid lines over the lanes and tick labels along the bottom, relative to `origin`. */
export function drawAxis(
  ctx: CanvasRenderingContext2D,
  v: Viewport,
  origin: number,
  top: number,
  axisY: number,
  theme: TimelineTheme,
): void {
  const step = tickStep(v.t1 - v.t0, v.width / 90);
  const maxRel = Math.max(Math.abs(v.t1 - origin), Math.abs(v.t0 - origin));
  ctx.font = labelFont(theme.fontPx);
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(v.left, axisY + 0.5);
  ctx.lineTo(v.left + v.width, axisY + 0.5);
  const first = Math.ceil((v.t0 - origin) / step);
  const last = Math.floor((v.t1 - origin) / step);
  ctx.fillStyle = theme.muted;
  for (let i = first; i <= last && i - first < 500; i++) {
    const x = Math.round(timeToX(v, origin + i * step)) + 0.5;
    ctx.moveTo(x, top);
    ctx.lineTo(x, axisY + 4);
    const text = formatTick(i * step, step, maxRel);
    const half = ctx.measureText(text).width / 2;
    ctx.fillText(text, Math.min(x, v.left + v.width + 6 - half), axisY + 6);
  }
  ctx.globalAlpha = 0.6;
  ctx.stroke();
  ctx.globalAlpha = 1;
  ctx.textAlign = 'start';
}
