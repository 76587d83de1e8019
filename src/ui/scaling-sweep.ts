/**
 * The scaling sweep: runs the current script with 1, 2, 4 ... workers, measures speedup as
 * wall(1 worker) / wall(n workers), fits Amdahl's law and shows a chart and a table.
 */
import { fitAmdahl } from '../core/amdahl';
import type { AmdahlFit } from '../core/amdahl';
import type uPlot from 'uplot';
import type { RunReport } from '../protocol/messages';
import { h } from './dom';
import { formatNumber } from './format';
import { sweepChart, sweepLegend, sweepTable } from './sweep-chart';
import type { SweepPoint } from './sweep-chart';

export type { SweepPoint } from './sweep-chart';

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

/** Wires the "Scaling sweep" button and owns the result panel. */
export class ScalingSweep {
  readonly section: HTMLElement;
  private running = false;
  private plot: uPlot | undefined;
  /** What the panel shows, to draw it again when the theme or the layout changes. */
  private shown: Parameters<ScalingSweep['show']> | undefined;

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

  /** Draws the panel again in the theme's colours and the layout's sizes. */
  restyle(): void {
    if (this.shown && !this.section.hidden) this.show(...this.shown);
  }

  private show(points: readonly SweepPoint[], note: string, fit?: AmdahlFit): void {
    this.shown = [points, note, fit];
    const s = this.section;
    this.plot?.destroy();
    this.plot = undefined;
    const close = h('button', {
      text: '×',
      title: 'Close',
      attrs: { type: 'button', 'aria-label': 'Close the sweep result' },
    });
    close.addEventListener('click', () => (s.hidden = true));
    s.replaceChildren(
      h('div', { className: 'panel-head' }, h('h2', { text: 'Scaling sweep' }), close),
    );
    if (fit) {
      s.append(
        h('p', {
          className: 'sweep-fraction',
          data: { testid: 'sweep-fraction' },
          text: `serial fraction f = ${formatNumber(fit.serialFraction, 2)} (Amdahl fit)`,
          title: `Amdahl's law S(n) = 1 / (f + (1 - f) / n), least squares; RMSE ${formatNumber(fit.rmse, 3)}`,
        }),
      );
    }
    if (note) s.append(h('p', { className: 'muted', text: note }));
    if (points.length === 0) return;
    const threads = this.opts.threads;
    const beyond = points.some((p) => p.workers > threads)
      ? ` Beyond ${threads} workers (this machine's hardware threads) workers take turns on the threads: the curve flattens or falls.`
      : '';
    const width = Math.max(240, Math.min(640, s.clientWidth - 24));
    const { box, plot } = sweepChart(points, fit, width);
    this.plot = plot;
    s.append(
      box,
      sweepLegend(fit !== undefined),
      sweepTable(points, threads, fit),
      h('p', {
        className: 'muted sweep-agree',
        data: { testid: 'sweep-agree' },
        text: `Speedup = wall with 1 worker / wall with n workers, the figure the run summary shows as “Speedup vs 1 worker” for the same script.${beyond}`,
      }),
    );
  }
}

/** The message of a thrown value. */
function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
