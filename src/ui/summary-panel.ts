import type { CallState, RunModel } from '../core/run-model';
import { overheadHint } from '../core/overhead-hint';
import { cappedOverlap, runFigures } from '../core/run-figures';
import type { Baseline } from '../core/run-figures';
import { callLabels } from './call-labels';
import { formatCount, formatMs, formatNumber } from './format';
import { figuresElement } from './run-figures-view';
import { callColour } from './timeline/timeline-paint';

/** Runs kept for the side-by-side comparison. */
const HISTORY = 5;
/** Calls listed at most; older ones are counted. */
const MAX_CALL_ROWS = 50;

interface RunRow {
  label: string;
  workers: number;
  wall: number;
  /** Sum of the tasks' compute time, ms. */
  compute: number;
  /** Speedup as the summary showed it, and whether it was measured or estimated. */
  speedup: number;
  measured: boolean;
  tasks: number;
  /** Items per task over the run: what a chunk-size change changes. */
  itemsPerTask: number;
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

/**
 * The run summary: headline figures that agree with a stopwatch (see run-figures.ts), one
 * row per parallel call, and the last few runs side by side. A 1-worker run of a script is
 * remembered as the baseline later runs of the same script are measured against.
 */
export class SummaryPanel {
  private readonly history: RunRow[] = [];
  /** The latest finished 1-worker run of each script text. */
  private readonly baselines = new Map<string, Baseline>();
  private script = '';
  private drawn = '';
  private drawnFigures = '';
  private readonly head: HTMLElement;
  private readonly figures: HTMLElement;
  private readonly rest: HTMLElement;
  /** Whether the person opened "Last runs"; kept across redraws. */
  private historyOpen = false;

  /** Builds the panel in `container`; `threads` is the machine's hardware thread count. */
  constructor(
    private readonly container: HTMLElement,
    private readonly threads: number,
  ) {
    this.head = document.createElement('h2');
    this.figures = document.createElement('div');
    this.figures.className = 'figures';
    this.rest = document.createElement('div');
    container.replaceChildren(this.head, this.figures, this.rest);
    this.render(undefined, 0);
    container.addEventListener(
      'toggle',
      (e) => {
        const el = e.target as HTMLDetailsElement;
        if (el.classList.contains('history')) this.historyOpen = el.open;
      },
      true,
    );
  }

  /** Names the script the next run runs: runs of the same text are compared. */
  setScript(code: string): void {
    this.script = code;
  }

  /** The 1-worker run of the current script, when one has finished. */
  private baseline(): Baseline | undefined {
    return this.baselines.get(this.script);
  }

  /** Adds a finished run to the comparison table (a 1-worker run becomes the baseline). */
  remember(model: RunModel, label: string): void {
    const ok = model.outcome?.ok === true;
    if (ok && model.workers === 1)
      this.baselines.set(this.script, { wall: model.wall(), compute: model.serial() });
    const f = runFigures(model, this.threads, model.outcome?.ended ?? 0, this.baseline());
    this.history.unshift({
      label,
      workers: model.workers,
      wall: model.wall(),
      compute: model.serial(),
      speedup: f.speedup,
      measured: f.speedupKind !== 'estimated',
      tasks: model.tasks.length,
      itemsPerTask: ratio(
        model.tasks.reduce((n, t) => n + t.items, 0),
        model.tasks.length,
      ),
    });
    this.history.length = Math.min(this.history.length, HISTORY);
  }

  /** Redraws the summary for `model` at time `now`. */
  render(model: RunModel | undefined, now: number): void {
    const stopped = model?.outcome?.stopped ? ', stopped' : '';
    this.head.textContent = model
      ? `Run summary (${model.workers} workers${stopped})`
      : 'Run summary';
    if (model) {
      const baseline = this.baseline();
      const el = figuresElement(runFigures(model, this.threads, now, baseline), baseline?.wall);
      // Redraw only when a figure changed, so a hover tooltip is not torn down.
      const key = [...el.querySelectorAll('[title], .v, .figures-note')]
        .map((e) => `${e.textContent}|${(e as HTMLElement).title}`)
        .join('\n');
      if (key !== this.drawnFigures) {
        this.drawnFigures = key;
        this.figures.replaceChildren(el);
      }
    } else if (this.drawnFigures !== 'empty') {
      this.drawnFigures = 'empty';
      const p = document.createElement('p');
      p.className = 'muted';
      p.textContent = 'Press Run (Ctrl+Enter) to start.';
      this.figures.replaceChildren(p);
    }
    const html = model ? this.html(model, now) : '';
    if (html === this.drawn) return;
    this.drawn = html;
    this.rest.innerHTML = html;
  }

  /**
   * A finished call's speedup: compute over wall, its compute counted at most one task per
   * hardware thread at a time when workers outnumber the threads (marked ≈); cached.
   */
  private callSpeedup(model: RunModel, callId: number, wall: number, speedup: number): string {
    if (model.workers <= this.threads) return `${speedup.toFixed(2)}×`;
    if (model !== this.cappedFor) {
      this.cappedFor = model;
      this.capped.clear();
    }
    let text = this.capped.get(callId);
    if (text === undefined) {
      const spans = model.tasks
        .filter((r) => r.callId === callId)
        .map((r) => [r.started, r.completed] as const);
      const capped = wall > 0 ? cappedOverlap(spans, this.threads) / wall : 0;
      text = `≈${capped.toFixed(2)}×`;
      this.capped.set(callId, text);
    }
    return text;
  }

  private cappedFor: RunModel | undefined;
  private readonly capped = new Map<number, string>();

  private html(model: RunModel, now: number): string {
    // Every call, push and clear included: the table lists what the timeline draws.
    const shown = [...model.calls.values()];
    const labels = callLabels(shown);
    // A loop of 10,000 submits would make a 10,000-row table: keep the latest calls.
    const earlier = Math.max(0, shown.length - MAX_CALL_ROWS);
    const earlierRow =
      earlier > 0
        ? `<tr><td colspan="9" class="muted">${formatCount(earlier)} earlier calls not listed</td></tr>`
        : '';
    const calls = shown
      .slice(earlier)
      .map((c) => {
        const t = c.end?.timing;
        const total = c.start.total;
        const sent =
          total > 0
            ? `${formatCount(c.dispatched)}/${formatCount(total)}`
            : formatCount(c.dispatched);
        const done =
          total > 0
            ? `${formatCount(c.completed)}/${formatCount(total)}`
            : formatCount(c.completed);
        const items = countsItems(c)
          ? `${formatCount(c.itemsDone)}/${formatCount(c.start.items)}`
          : '';
        const eta = t ? '' : escapeHtml(callEta(c, now));
        return `<tr data-call="${c.start.callId}"><td><span class="call-swatch" style="background:${callColour(c.start.callId)}"></span>${escapeHtml(labels.get(c.start.callId) ?? c.start.label)}${c.start.line !== undefined ? ` <span class="muted">line ${c.start.line}</span>` : ''}${progressBar(c)}</td><td data-testid="call-sent">${sent}</td><td data-testid="call-done">${done}</td><td>${items}</td><td data-testid="call-eta">${eta}</td><td data-testid="call-wall">${t ? formatMs(t.wall) : openWall(c, model, now)}</td><td>${t ? formatMs(t.serial) : model.outcome ? '-' : '…'}</td><td data-testid="call-speedup">${t ? this.callSpeedup(model, c.start.callId, t.wall, t.speedup) : model.outcome ? '-' : '…'}</td><td>${chunkText(c)}</td></tr>`;
      })
      .join('');
    const runs = this.history
      .map(
        (r) =>
          `<tr><td>${escapeHtml(r.label)}</td><td>${r.workers}</td><td>${formatMs(r.wall)}</td><td>${formatMs(r.compute)}</td><td>${r.measured ? '' : '≈'}${r.speedup.toFixed(2)}×</td><td>${formatCount(r.tasks)}</td><td>${formatNumber(r.itemsPerTask, 1)}</td></tr>`,
      )
      .join('');
    const hint = model.outcome ? overheadHint(model) : undefined;
    return `${hint ? `<p class="hint" data-testid="overhead-hint">${escapeHtml(hint)}</p>` : ''}
      ${calls ? `<div class="calls-scroll" role="region" aria-label="Calls" tabindex="0"><table class="calls" data-testid="calls"><thead><tr><th>Call</th><th title="Tasks sent to workers">Sent</th><th title="Tasks finished">Done</th><th>Items</th><th title="Estimated time left">ETA</th><th>Wall</th><th title="Sum of the tasks' compute time">Compute</th><th title="Compute over wall, counting at most one task per hardware thread at a time (≈ when workers outnumber the threads)">Speedup</th><th title="Items per task">Chunk</th></tr></thead><tbody>${earlierRow}${calls}</tbody></table></div>` : ''}
      ${runs ? `<details class="history"${this.historyOpen ? ' open' : ''}><summary>Last runs</summary><table data-testid="history"><thead><tr><th>Run</th><th>Workers</th><th>Wall</th><th title="Sum of the tasks' compute time">Compute</th><th title="Against the 1-worker run of the same script; ≈ marks an estimate">Speedup</th><th>Tasks</th><th title="Items per task">Chunk</th></tr></thead><tbody>${runs}</tbody></table></details>` : ''}`;
  }
}

/**
 * Wall time of a call without an end: "1.23 s…" while the run goes on, and the time until
 * the run ended ("1.23 s, stopped") once it has (Stop, or the script failed first).
 */
function openWall(c: CallState, model: RunModel, now: number): string {
  const end = model.outcome?.ended;
  const wall = formatMs(Math.max(0, (end ?? now) - c.start.time));
  if (end === undefined) return `${wall}…`;
  return `${wall}, ${model.outcome?.stopped ? 'stopped' : 'unfinished'}`;
}

/**
 * Time left for a running call: elapsed * (total - done) / done, counted in items when the
 * call knows them, else in tasks; empty until something is done.
 */
export function callEta(c: CallState, now: number): string {
  const [done, total] = countsItems(c)
    ? [c.itemsDone, c.start.items]
    : [c.completed, c.start.total];
  if (!(done > 0) || !(total > done)) return '';
  const elapsed = Math.max(0, now - c.start.time);
  return formatMs((elapsed * (total - done)) / done);
}

/**
 * A call's progress as a bar: the light part is work sent to workers, the solid part work
 * finished, in items for maps (whose task count is not known up front) and tasks otherwise.
 */
export function progressBar(c: CallState): string {
  const byItems = countsItems(c);
  const total = byItems ? c.start.items : c.start.total;
  if (!(total > 0)) return '';
  const sent = Math.min(1, (byItems ? c.itemsSent : c.dispatched) / total);
  const done = Math.min(1, (byItems ? c.itemsDone : c.completed) / total);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const now = byItems ? c.itemsDone : c.completed;
  const text = `${formatCount(now)} of ${formatCount(total)} ${byItems ? 'items' : 'tasks'} done`;
  return `<div class="progress" role="progressbar" aria-label="${escapeHtml(`${c.start.label} progress`)}" aria-valuemin="0" aria-valuemax="${total}" aria-valuenow="${now}" aria-valuetext="${text}" data-testid="call-progress"><span class="sent" style="width:${pct(sent)}"></span><span class="done" style="width:${pct(done)}"></span></div>`;
}

/**
 * The effective chunk size of a load-balanced map: items per task sent so far (with `~`
 * when chunks differ, as with chunkSize 'auto' or a short last chunk).
 */
function chunkText(c: CallState): string {
  const balanced = c.start.kind === 'balanced-map' || c.start.kind === 'pool-map';
  if (!balanced || c.dispatched === 0) return '';
  const mean = c.itemsSent / c.dispatched;
  return Number.isInteger(mean) ? formatCount(mean) : `~${formatCount(Math.round(mean))}`;
}

/**
 * True for maps, whose progress is counted in items of the sequence; other calls (scatter,
 * apply, ...) count tasks, one per engine, whatever their parts hold.
 */
function countsItems(c: CallState): boolean {
  const k = c.start.kind;
  return c.start.items > 0 && (k === 'map' || k === 'balanced-map' || k === 'pool-map');
}

/** Escapes text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
