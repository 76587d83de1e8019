/**
 * The run summary: headline figures that agree with a stopwatch (see run-figures.ts), the
 * overhead hint, one row per parallel call, and the last few runs side by side.
 */
import type { RunModel } from '../core/run-model';
import { overheadHint } from '../core/overhead-hint';
import type { OverheadFinding } from '../core/overhead-hint';
import { cappedOverlap, runFigures } from '../core/run-figures';
import type { Baseline } from '../core/run-figures';
import { callLabels } from './call-labels';
import { h, row } from './dom';
import { formatCount, formatMs, formatNumber } from './format';
import type { Panel } from './panel';
import { figuresElement } from './run-figures-view';
import { callCells, callRow, callsHead, earlierRow } from './summary-calls';
import type { CallCells } from './summary-calls';

/** Runs kept for the side-by-side comparison. */
const HISTORY = 5;
/** Calls listed at most; older ones are counted. */
const MAX_CALL_ROWS = 50;

/** One earlier run in "Last runs", as text. */
type RunRow = [label: string, workers: string, wall: string, compute: string, ...rest: string[]];

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

/** A speedup as "1.85×". */
function times(x: number): string {
  return `${formatNumber(x, 2)}×`;
}

/** The overhead hint in words. */
export function overheadText(f: OverheadFinding): string {
  return `${f.label}: each task computes for ${formatMs(f.computeMs)} and costs ${formatMs(f.overheadMs)} of worker time to send and return: try a larger chunkSize (or chunkSize: 'auto')`;
}

/**
 * The run summary panel. A 1-worker run of a script is remembered as the baseline later
 * runs of the same script are measured against.
 */
export class SummaryPanel implements Panel {
  private readonly history: RunRow[] = [];
  /** The latest finished 1-worker run of each script text. */
  private readonly baselines = new Map<string, Baseline>();
  private script = '';
  private readonly head = h('h2', { text: 'Run summary' });
  private readonly figures = h('div', { className: 'figures' });
  private readonly hint = h('p', { className: 'hint', data: { testid: 'overhead-hint' } });
  private readonly callsBody = h('tbody');
  private readonly calls = h(
    'div',
    { className: 'calls-scroll', attrs: { role: 'region', 'aria-label': 'Calls', tabindex: 0 } },
    h('table', { className: 'calls', data: { testid: 'calls' } }, callsHead(), this.callsBody),
  );
  private readonly historyBody = h('tbody');
  private readonly historyBox = h(
    'details',
    { className: 'history' },
    h('summary', { text: 'Last runs' }),
    h(
      'table',
      { data: { testid: 'history' } },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[
            ['Run'],
            ['Workers'],
            ['Wall'],
            ['Compute', "Sum of the tasks' compute time"],
            ['Speedup', 'Against the 1-worker run of the same script; ≈ marks an estimate'],
            ['Tasks'],
            ['Chunk', 'Items per task'],
          ].map(([text, title]) => h('th', { text, ...(title ? { title } : {}) })),
        ),
      ),
      this.historyBody,
    ),
  );
  /** What each part shows now, so a redraw replaces only what changed. */
  private readonly drawn = { figures: '', hint: '', calls: '', history: '' };
  private cappedFor: RunModel | undefined;
  private readonly capped = new Map<number, string>();

  /** `threads` is the machine's hardware thread count. */
  constructor(private readonly threads: number) {
    this.hint.hidden = true;
    this.calls.hidden = true;
    this.historyBox.hidden = true;
  }

  /** Builds the panel in `container`, showing how to start until the first run. */
  mount(container: HTMLElement): void {
    this.figures.replaceChildren(
      h('p', { className: 'muted', text: 'Press Run (Ctrl+Enter) to start.' }),
    );
    container.replaceChildren(this.head, this.figures, this.hint, this.calls, this.historyBox);
  }

  /** Removes the panel's DOM. */
  dispose(): void {
    for (const part of [this.head, this.figures, this.hint, this.calls, this.historyBox])
      part.remove();
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
    const items = model.tasks.reduce((n, t) => n + t.items, 0);
    this.history.unshift([
      label,
      String(model.workers),
      formatMs(model.wall()),
      formatMs(model.serial()),
      `${f.speedupKind === 'estimated' ? '≈' : ''}${times(f.speedup)}`,
      formatCount(model.tasks.length),
      formatNumber(ratio(items, model.tasks.length), 1),
    ]);
    this.history.length = Math.min(this.history.length, HISTORY);
  }

  /** Redraws the summary for `model` at time `now`; only the parts whose text changed. */
  render(model: RunModel, now: number): void {
    const stopped = model.outcome?.stopped ? ', stopped' : '';
    this.head.textContent = `Run summary (${model.workers} workers${stopped})`;
    this.renderFigures(model, now);
    const finding = model.outcome ? overheadHint(model) : undefined;
    const hint = finding ? overheadText(finding) : '';
    if (hint !== this.drawn.hint) {
      this.drawn.hint = hint;
      this.hint.textContent = hint;
      this.hint.hidden = !hint;
    }
    this.renderCalls(model, now);
    const history = JSON.stringify(this.history);
    if (history !== this.drawn.history) {
      this.drawn.history = history;
      this.historyBody.replaceChildren(...this.history.map((r) => row(r)));
      this.historyBox.hidden = this.history.length === 0;
    }
  }

  /** The headline figures; redrawn only when one changed, so a hover tooltip stays up. */
  private renderFigures(model: RunModel, now: number): void {
    const baseline = this.baseline();
    const el = figuresElement(runFigures(model, this.threads, now, baseline), baseline?.wall);
    const key = [...el.querySelectorAll('[title], .v, .figures-note')]
      .map((e) => `${e.textContent}|${(e as HTMLElement).title}`)
      .join('\n');
    if (key === this.drawn.figures) return;
    this.drawn.figures = key;
    this.figures.replaceChildren(el);
  }

  /** Every call, push and clear included: the table lists what the timeline draws. */
  private renderCalls(model: RunModel, now: number): void {
    const shown = [...model.calls.values()];
    const labels = callLabels(shown);
    // A loop of 10,000 submits would make a 10,000-row table: keep the latest calls.
    const earlier = Math.max(0, shown.length - MAX_CALL_ROWS);
    const rows: CallCells[] = shown
      .slice(earlier)
      .map((c) =>
        callCells(c, labels.get(c.start.callId) ?? c.start.label, model, now, (wall, s) =>
          this.callSpeedup(model, c.start.callId, wall, s),
        ),
      );
    const key = `${earlier}|${JSON.stringify(rows)}`;
    if (key === this.drawn.calls) return;
    this.drawn.calls = key;
    this.calls.hidden = rows.length === 0;
    this.callsBody.replaceChildren(
      ...(earlier > 0 ? [earlierRow(earlier)] : []),
      ...rows.map(callRow),
    );
  }

  /**
   * A finished call's speedup: compute over wall, its compute counted at most one task per
   * hardware thread at a time when workers outnumber the threads (marked ≈); cached.
   */
  private callSpeedup(model: RunModel, callId: number, wall: number, speedup: number): string {
    if (model.workers <= this.threads) return times(speedup);
    if (model !== this.cappedFor) {
      this.cappedFor = model;
      this.capped.clear();
    }
    let text = this.capped.get(callId);
    if (text === undefined) {
      const spans = model.tasks
        .filter((r) => r.callId === callId)
        .map((r) => [r.started, r.completed] as const);
      text = `≈${times(wall > 0 ? cappedOverlap(spans, this.threads) / wall : 0)}`;
      this.capped.set(callId, text);
    }
    return text;
  }
}
