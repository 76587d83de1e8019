/**
 * The scaling sweep: runs the current script with 1, 2, 4 ... workers, measures speedup as
 * wall(1 worker) / wall(n workers), fits Amdahl's law and shows a chart and a table.
 */
import { fitAmdahl } from '../core/amdahl';
import type { AmdahlFit } from '../core/amdahl';
import type { RunReport } from '../protocol/messages';
import { formatMs, formatNumber, formatPercent } from './format';

/** One measured worker count. */
export interface SweepPoint {
  workers: number;
  wall: number;
  speedup: number;
  efficiency: number;
}

/** What a sweep measured; `stopped` when a run was stopped or failed before the end. */
export interface SweepResult {
  points: SweepPoint[];
  fit: AmdahlFit;
  stopped: boolean;
  error?: string;
}

/** Worker counts of a sweep up to `max`: 1, 2, 4 ... max. */
export function sweepCounts(max: number): number[] {
  const counts: number[] = [];
  for (let n = 1; n <= max; n *= 2) counts.push(n);
  if (counts.at(-1) !== max && max > 1) counts.push(max);
  return counts;
}

/**
 * Runs `run` once per worker count in turn and fits Amdahl's law to the speedups; ends
 * early when a run does not finish (Stop or an error).
 */
export async function runSweep(
  run: (workers: number) => Promise<RunReport>,
  max: number,
  onProgress?: (workers: number, points: readonly SweepPoint[]) => void,
): Promise<SweepResult> {
  const points: SweepPoint[] = [];
  let base = 0;
  let stopped = false;
  let error: string | undefined;
  for (const workers of sweepCounts(max)) {
    onProgress?.(workers, points);
    const report = await run(workers);
    if (!report.ok) {
      stopped = true;
      error = report.error ? `${report.error.name}: ${report.error.message}` : undefined;
      break;
    }
    if (report.workers !== workers) {
      // cluster({ workers: 2 }) in the script overrides the sweep's count: say so.
      stopped = true;
      error = `the script ran on ${report.workers} workers when the sweep asked for ${workers}: call cluster() without workers (or use pool) so the sweep can set the count`;
      break;
    }
    if (workers === 1) base = report.wall;
    const speedup = base > 0 && report.wall > 0 ? base / report.wall : 0;
    points.push({ workers, wall: report.wall, speedup, efficiency: speedup / workers });
  }
  return { points, fit: fitAmdahl(points), stopped, ...(error ? { error } : {}) };
}

/** Elements and callbacks the sweep needs from the page. */
export interface SweepOptions {
  button: HTMLButtonElement;
  maxSelect: HTMLSelectElement;
  workersSelect: HTMLSelectElement;
  /** The column the result panel goes into. */
  parent: HTMLElement;
  /** Placed before this element of `parent`, when given. */
  before?: Element | null;
  run: (workers: number) => Promise<RunReport>;
  /** True while a run is in progress (the sweep does not start then). */
  busy: () => boolean;
  /** Hardware threads: counts above it are marked as oversubscribed. */
  threads: number;
}

const COLORS = { ideal: '#8b949e', fit: '#d29922', speedup: '#58a6ff', efficiency: '#3fb950' };

/** Wires the "Scaling sweep" button and owns the result panel. */
export class ScalingSweep {
  readonly section: HTMLElement;
  private running = false;

  constructor(private readonly opts: SweepOptions) {
    this.section = document.createElement('section');
    this.section.id = 'sweep-result';
    this.section.className = 'panel sweep-panel';
    this.section.dataset.testid = 'sweep';
    this.section.setAttribute('aria-label', 'Scaling sweep');
    this.section.hidden = true;
    opts.parent.insertBefore(this.section, opts.before ?? null);
    opts.button.addEventListener('click', () => {
      this.start().catch((e: unknown) => this.show([], `Sweep failed: ${errorText(e)}`));
    });
  }

  /** Runs a sweep up to the selected maximum, unless a run or sweep is in progress. */
  async start(): Promise<SweepResult | undefined> {
    if (this.running || this.opts.busy()) return undefined;
    const max = Number(this.opts.maxSelect.value) || 4;
    const previous = this.opts.workersSelect.value;
    this.running = true;
    this.opts.button.disabled = true;
    this.section.hidden = false;
    try {
      const result = await runSweep(this.opts.run, max, (n, points) =>
        this.show(points, `Running with ${n} worker${n === 1 ? '' : 's'}… (Stop cancels)`),
      );
      this.showResult(result);
      return result;
    } catch (e) {
      this.show([], `Sweep failed: ${errorText(e)}`);
      return undefined;
    } finally {
      this.opts.workersSelect.value = previous;
      this.opts.button.disabled = false;
      this.running = false;
    }
  }

  private showResult(r: SweepResult): void {
    const note = r.stopped
      ? `Sweep stopped after ${r.points.length} run${r.points.length === 1 ? '' : 's'}${r.error && !/stop/i.test(r.error) ? ` (${r.error})` : ''}.`
      : '';
    this.show(r.points, note, r.points.length >= 2 ? r.fit : undefined);
  }

  private show(points: readonly SweepPoint[], note: string, fit?: AmdahlFit): void {
    const s = this.section;
    s.replaceChildren();
    const head = document.createElement('div');
    head.className = 'panel-head';
    const h2 = document.createElement('h2');
    h2.textContent = 'Scaling sweep';
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.title = 'Close';
    close.setAttribute('aria-label', 'Close the sweep result');
    close.addEventListener('click', () => (s.hidden = true));
    head.append(h2, close);
    s.append(head);
    if (fit) {
      const p = document.createElement('p');
      p.dataset.testid = 'sweep-fraction';
      p.className = 'sweep-fraction';
      p.textContent = `serial fraction f = ${formatNumber(fit.serialFraction, 2)} (Amdahl fit)`;
      p.title = `Amdahl's law S(n) = 1 / (f + (1 - f) / n), least squares; RMSE ${formatNumber(fit.rmse, 3)}`;
      s.append(p);
    }
    if (note) {
      const p = document.createElement('p');
      p.className = 'muted';
      p.textContent = note;
      s.append(p);
    }
    if (points.length > 0) {
      const threads = this.opts.threads;
      const agree = document.createElement('p');
      agree.className = 'muted sweep-agree';
      agree.dataset.testid = 'sweep-agree';
      agree.textContent = `Speedup = wall with 1 worker / wall with n workers, the figure the run summary shows as “Speedup vs 1 worker” for the same script.${points.some((p) => p.workers > threads) ? ` Beyond ${threads} workers (this machine's hardware threads) workers take turns on the threads: the curve flattens or falls.` : ''}`;
      s.append(chart(points, fit), legend(fit !== undefined), table(points, threads, fit), agree);
    }
  }
}

/** The chart's legend, below it (drawn inside, it covered the lines). */
function legend(withFit: boolean): HTMLElement {
  const list = document.createElement('ul');
  list.className = 'sweep-legend';
  list.dataset.testid = 'sweep-legend';
  const entries: [string, string, boolean][] = [
    ['speedup', COLORS.speedup, false],
    ['efficiency (right axis)', COLORS.efficiency, false],
    ['ideal', COLORS.ideal, true],
  ];
  if (withFit) entries.push(['Amdahl fit', COLORS.fit, false]);
  for (const [label, color, dashed] of entries) {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'sweep-swatch';
    swatch.style.borderTop = `2px ${dashed ? 'dashed' : 'solid'} ${color}`;
    li.append(swatch, label);
    list.append(li);
  }
  return list;
}

function table(points: readonly SweepPoint[], threads: number, fit?: AmdahlFit): HTMLTableElement {
  const t = document.createElement('table');
  t.dataset.testid = 'sweep-points';
  const row = (cells: string[], tag: 'th' | 'td'): HTMLTableRowElement => {
    const tr = document.createElement('tr');
    for (const c of cells) {
      const cell = document.createElement(tag);
      cell.textContent = c;
      tr.append(cell);
    }
    return tr;
  };
  t.createTHead().append(row(['Workers', 'Wall', 'Speedup', 'Efficiency', 'Amdahl'], 'th'));
  const body = t.createTBody();
  for (const p of points) {
    body.append(
      row(
        [
          p.workers > threads ? `${p.workers} (> ${threads} threads)` : String(p.workers),
          formatMs(p.wall),
          `${formatNumber(p.speedup, 2)}×`,
          formatPercent(p.efficiency),
          fit ? `${formatNumber(fit.predict(p.workers), 2)}×` : '',
        ],
        'td',
      ),
    );
  }
  return t;
}

/** Speedup (left axis) and efficiency (right axis, 0-100%) against workers. */
function chart(points: readonly SweepPoint[], fit?: AmdahlFit): HTMLCanvasElement {
  const W = 320;
  const H = 180;
  const dpr = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = W * dpr;
  canvas.height = H * dpr;
  canvas.style.width = `${W}px`;
  canvas.style.height = `${H}px`;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute(
    'aria-label',
    'Speedup and efficiency against workers, with the ideal line and the Amdahl fit',
  );
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  ctx.scale(dpr, dpr);
  const pad = { l: 34, r: 38, t: 10, b: 36 };
  const maxN = Math.max(2, ...points.map((p) => p.workers));
  const maxS = Math.max(maxN, ...points.map((p) => p.speedup)) * 1.05;
  const x = (n: number): number => pad.l + ((n - 1) / (maxN - 1)) * (W - pad.l - pad.r);
  const y = (s: number): number => H - pad.b - (s / maxS) * (H - pad.t - pad.b);
  const yEff = (e: number): number => H - pad.b - Math.min(1.2, e) * (H - pad.t - pad.b);
  const css = getComputedStyle(document.documentElement);
  const text = css.getPropertyValue('--muted').trim() || '#8b949e';
  ctx.font = '11px system-ui, sans-serif';
  ctx.strokeStyle = text;
  ctx.fillStyle = text;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(pad.l, pad.t);
  ctx.lineTo(pad.l, H - pad.b);
  ctx.lineTo(W - pad.r, H - pad.b);
  ctx.lineTo(W - pad.r, pad.t);
  ctx.stroke();
  ctx.textAlign = 'center';
  for (const p of points) ctx.fillText(String(p.workers), x(p.workers), H - pad.b + 13);
  ctx.fillText('workers', (pad.l + W - pad.r) / 2, H - 4);
  ctx.textAlign = 'right';
  ctx.fillText('0', pad.l - 4, y(0) + 4);
  ctx.fillText(`${formatNumber(maxS / 1.05, 0)}×`, pad.l - 4, y(maxS / 1.05) + 4);
  ctx.textAlign = 'left';
  ctx.fillText('100%', W - pad.r + 4, yEff(1) + 4);
  ctx.fillText('0%', W - pad.r + 4, yEff(0) + 4);
  const line = (f: (n: number) => number, color: string, dash: number[] = []): void => {
    ctx.strokeStyle = color;
    ctx.setLineDash(dash);
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (let i = 0; i <= 60; i++) {
      const n = 1 + ((maxN - 1) * i) / 60;
      if (i === 0) ctx.moveTo(x(n), f(n));
      else ctx.lineTo(x(n), f(n));
    }
    ctx.stroke();
    ctx.setLineDash([]);
  };
  line((n) => y(n), COLORS.ideal, [4, 3]);
  if (fit) line((n) => y(fit.predict(n)), COLORS.fit);
  const series = (v: (p: SweepPoint) => number, color: string): void => {
    ctx.strokeStyle = ctx.fillStyle = color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    points.forEach((p, i) =>
      i === 0 ? ctx.moveTo(x(p.workers), v(p)) : ctx.lineTo(x(p.workers), v(p)),
    );
    ctx.stroke();
    for (const p of points) {
      ctx.beginPath();
      ctx.arc(x(p.workers), v(p), 3, 0, Math.PI * 2);
      ctx.fill();
    }
  };
  series((p) => y(p.speedup), COLORS.speedup);
  series((p) => yEff(p.efficiency), COLORS.efficiency);
  return canvas;
}

/** The message of a thrown value. */
function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
