/**
 * The live task timeline: a canvas with a driver lane and one lane per worker, zoom, pan,
 * hover and keyboard focus with a tooltip, a hidden summary table and trace export.
 */
import type { RunModel } from '../../core/run-model';
import type { Panel } from '../panel';
import { toTraceEvents } from '../../core/trace-export';
import { createTimelineDom } from './timeline-dom';
import { drawFrame, driverRows, layoutCalls } from './timeline-frame';
import { TimelineIndex } from './timeline-index';
import { attachPointer } from './timeline-input';
import { TimelineSummary, describeItem, fillTooltip, placeTooltip } from './timeline-info';
import type { Layout, Pick } from './timeline-layout';
import {
  barBox,
  computeLayout,
  pickAt,
  pickSpan,
  resolvePick,
  samePick,
  settlePick,
  stepFocus,
  xToTime,
} from './timeline-layout';
import type { CallBar } from './timeline-paint';
import { LanePainter, timeToX } from './timeline-paint';
import type { TimelineTheme } from './timeline-theme';
import { readTheme } from './timeline-theme';
import { TimeWindow } from './timeline-window';

/**
 * With prefers-reduced-motion, a live run that the view follows is redrawn this often
 * instead of on every frame: the picture steps, it does not crawl and rescale.
 */
const CALM_INTERVAL_MS = 1000;

/** Draws a `RunModel` as a zoomable per-worker timeline inside `container`. */
export class TimelineView implements Panel {
  private readonly root: HTMLDivElement;
  private readonly plot: HTMLDivElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly tooltip: HTMLDivElement;
  private readonly announce: HTMLDivElement;
  private readonly exportButton: HTMLButtonElement;
  private readonly empty: HTMLDivElement;
  private readonly summary: TimelineSummary;
  private readonly index = new TimelineIndex();
  private readonly painter = new LanePainter();
  private readonly window = new TimeWindow();
  private readonly resize = new ResizeObserver(() => this.measure());
  private model: RunModel | undefined;
  private now = 0;
  private size = { w: 0, h: 0, dpr: 1 };
  private layout: Layout | undefined;
  private drawnKey = '';
  private bars: CallBar[] = [];
  private barsVersion = -1;
  private hover: Pick | undefined;
  private hoverAt = { x: 0, y: 0 };
  private focus: Pick | undefined;
  private frame = 0;
  private theme: TimelineTheme;
  private themeVersion = 0;
  private readonly reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
  /** What only the person changes (size, picks, theme): redrawn at once even when calm. */
  private userKey = '';
  private liveDrawnAt = -Infinity;

  /**
   * Builds the view. The per-worker table goes to `workersHost` when given, shown as the
   * page's workers panel; otherwise it stays inside the view, visually hidden.
   */
  constructor(workersHost?: HTMLElement) {
    const dom = createTimelineDom();
    ({ root: this.root, plot: this.plot, canvas: this.canvas, ctx: this.ctx } = dom);
    ({ tooltip: this.tooltip, announce: this.announce, exportButton: this.exportButton } = dom);
    this.empty = dom.empty;
    dom.fitButton.addEventListener('click', () => this.fit());
    this.exportButton.addEventListener('click', () => this.exportTrace());
    this.summary = new TimelineSummary(workersHost ?? this.root, workersHost !== undefined);
    this.theme = readTheme(this.root);
    this.listen();
  }

  /** Puts the view into `container` and starts following its size. */
  mount(container: HTMLElement): void {
    container.append(this.root);
    this.restyle();
    this.resize.observe(this.plot);
    this.measure();
  }

  /** Draws `model` as of time `now`; call it on every animation frame, it skips unchanged frames. */
  render(model: RunModel, now: number): void {
    if (model !== this.model) {
      this.model = model;
      this.empty.hidden = true;
      this.window.follow = true;
      this.hover = this.focus = undefined;
      this.barsVersion = -1;
    }
    this.now = now;
    this.draw();
  }

  /** Fits the whole run into view and follows it while it is live, until the next zoom or pan. */
  fit(): void {
    this.window.follow = true;
    this.invalidate();
  }

  /**
   * Reads the colours and sizes again from the page's CSS: call it after the theme or the
   * presentation mode changed.
   */
  restyle(): void {
    this.theme = readTheme(this.root);
    this.painter.queueAlpha = this.theme.queueAlpha;
    this.themeVersion++;
    this.drawnKey = '';
    this.invalidate();
  }

  /** Stops observing and removes the view from its container. */
  dispose(): void {
    this.resize.disconnect();
    cancelAnimationFrame(this.frame);
    this.root.remove();
  }

  private invalidate(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private measure(): void {
    const dpr = window.devicePixelRatio || 1;
    const w = this.plot.clientWidth;
    const h = this.plot.clientHeight;
    if (w === this.size.w && h === this.size.h && dpr === this.size.dpr) return;
    this.size = { w, h, dpr };
    this.canvas.width = Math.max(1, Math.round(w * dpr));
    this.canvas.height = Math.max(1, Math.round(h * dpr));
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
    this.drawnKey = '';
    this.invalidate();
  }

  private syncBars(model: RunModel): void {
    if (model.version !== this.barsVersion) {
      this.barsVersion = model.version;
      this.bars = layoutCalls(model, this.now);
    } else if (!model.outcome) {
      for (const b of this.bars) if (b.open) b.end = Math.max(b.start, this.now);
    }
  }

  private draw(): void {
    const model = this.model;
    // A move to a screen with another pixel ratio resizes nothing, so check it here.
    if ((window.devicePixelRatio || 1) !== this.size.dpr) this.measure();
    if (!model || this.size.w === 0) return;
    this.index.sync(model);
    this.hover = settlePick(this.hover, model);
    this.focus = settlePick(this.focus, model);
    this.syncBars(model);
    let lastEnd = this.index.end;
    for (const b of this.bars) lastEnd = Math.max(lastEnd, b.end);
    for (const c of model.gpu.calls) lastEnd = Math.max(lastEnd, c.end);
    this.window.update(model, this.now, lastEnd);
    let workers = Math.max(model.workers, this.index.lanes.length);
    for (const r of model.running.values()) workers = Math.max(workers, r.worker + 1);
    const lanes = workers + 1 + (model.gpu.used ? 1 : 0);
    this.setData('lanes', String(lanes));
    this.setData('gpuCalls', String(model.gpu.calls.length));
    this.setData('tasks', String(this.index.size + model.running.size));
    const empty = model.tasks.length === 0 && model.calls.size === 0;
    if (this.exportButton.disabled !== empty) this.exportButton.disabled = empty;
    this.summary.update(model, this.index, this.now);
    const { w, h, dpr } = this.size;
    const { t0, t1 } = this.window;
    const picks = JSON.stringify([this.hover, this.focus]);
    const userKey = [w, h, dpr, lanes, picks, this.themeVersion].join('|');
    const key = [model.version, t0, t1, userKey].join('|');
    const live = !model.outcome && (model.running.size > 0 || this.bars.some((b) => b.open));
    if (key === this.drawnKey && !live) return;
    if (live && this.calm(userKey)) return;
    this.drawnKey = key;
    this.userKey = userKey;
    if (live) this.liveDrawnAt = this.now;
    const layout = computeLayout(w, h, lanes, t0, t1, this.theme);
    this.layout = layout;
    // Where the lanes are, for tests and tools that point at tasks.
    this.setData('laneTop', String(layout.top));
    this.setData('laneHeight', String(layout.laneH));
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const { index, painter, bars, now, hover, focus } = this;
    drawFrame(this.ctx, {
      model,
      index,
      painter,
      bars,
      layout,
      width: w,
      height: h,
      now,
      hover,
      focus,
      theme: this.theme,
    });
    this.showTooltip();
  }

  /**
   * True when a live frame may be skipped for prefers-reduced-motion: the view follows the
   * run by itself, the person changed nothing, and the last live frame is recent.
   */
  private calm(userKey: string): boolean {
    return (
      this.reducedMotion.matches &&
      this.window.follow &&
      userKey === this.userKey &&
      this.now - this.liveDrawnAt < CALM_INTERVAL_MS
    );
  }

  /** Sets a data attribute only when it changes, so an idle frame touches no DOM. */
  private setData(name: string, value: string): void {
    if (this.canvas.dataset[name] !== value) this.canvas.dataset[name] = value;
  }

  private showTooltip(): void {
    const model = this.model;
    const l = this.layout;
    const p = this.hover ?? this.focus;
    const item = model && p ? resolvePick(p, model, this.bars) : undefined;
    if (!model || !l || !p || !item) {
      this.tooltip.hidden = true;
      return;
    }
    fillTooltip(this.tooltip, item, model, this.now);
    this.tooltip.hidden = false;
    let { x, y } = this.hoverAt;
    if (!this.hover) {
      const [a, b] = pickSpan(p, model, this.bars, this.now);
      const v = l.view;
      x = Math.max(v.left, Math.min(v.left + v.width, timeToX(v, (a + b) / 2)));
      y = barBox(l, p.lane)[0] + l.laneH;
    }
    placeTooltip(this.tooltip, this.root, this.canvas.offsetLeft + x, this.canvas.offsetTop + y);
  }

  private pickAt(x: number, y: number): Pick | undefined {
    const { layout: l, model: m } = this;
    return l && m
      ? pickAt(l, x, y, m, this.index, this.bars, driverRows(this.bars), this.now)
      : undefined;
  }

  private setFocus(p: Pick | undefined, reveal: boolean): void {
    const model = this.model;
    this.focus = p;
    const item = model && p ? resolvePick(p, model, this.bars) : undefined;
    if (p && item && model) {
      if (reveal) this.window.reveal(...pickSpan(p, model, this.bars, this.now));
      this.announce.textContent = describeItem(item, model);
      this.canvas.setAttribute('aria-describedby', this.tooltip.id);
    } else this.canvas.removeAttribute('aria-describedby');
    this.invalidate();
  }

  private zoomAt(factor: number, x: number): void {
    const l = this.layout;
    if (!l) return;
    this.window.zoom(factor, xToTime(l, Math.max(l.view.left, x)));
    this.invalidate();
  }

  private listen(): void {
    const msPerPx = (): number => {
      const v = this.layout?.view;
      return v ? (v.t1 - v.t0) / v.width : 0;
    };
    let dragT0 = 0;
    attachPointer(this.canvas, {
      dragStart: () => (dragT0 = this.window.t0),
      drag: (dx) => {
        this.window.pan(dragT0 - dx * msPerPx() - this.window.t0);
        this.hover = undefined;
        this.invalidate();
      },
      pan: (dx) => {
        this.window.pan(dx * msPerPx());
        this.invalidate();
      },
      zoomAt: (factor, x) => this.zoomAt(factor, x),
      hover: (x, y) => {
        this.hoverAt = { x, y };
        const p = this.pickAt(x, y);
        if (!samePick(p, this.hover)) {
          this.hover = p;
          this.invalidate();
        } else if (p) {
          const c = this.canvas;
          placeTooltip(this.tooltip, this.root, c.offsetLeft + x, c.offsetTop + y);
        }
      },
      leave: () => {
        if (!this.hover) return;
        this.hover = undefined;
        this.invalidate();
      },
      click: (x, y) => this.setFocus(this.pickAt(x, y), false),
      doubleClick: () => this.fit(),
    });
    this.canvas.addEventListener('keydown', (e) => this.onKey(e));
  }

  private onKey(e: KeyboardEvent): void {
    const { model, layout: l } = this;
    if (!model || !l) return;
    const mid = l.view.left + l.view.width / 2;
    if (e.key === '+' || e.key === '=') this.zoomAt(0.7, mid);
    else if (e.key === '-') this.zoomAt(1 / 0.7, mid);
    else if (e.key === '0') this.fit();
    else if (e.key === 'Escape' && this.focus) this.setFocus(undefined, false);
    else if (['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(e.key)) {
      this.hover = undefined;
      this.setFocus(
        stepFocus(this.focus, e.key, model, this.index, this.bars, l.lanes, this.now),
        true,
      );
    } else return;
    e.preventDefault();
  }

  private exportTrace(): void {
    if (!this.model) return;
    const json = JSON.stringify(toTraceEvents(this.model));
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'fanout-trace.json';
    a.hidden = true;
    this.root.append(a);
    a.click();
    a.remove();
    // Revoking at once can cancel the download in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
