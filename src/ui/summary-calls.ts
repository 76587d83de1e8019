/**
 * The run summary's calls table: one row per parallel call with its progress bar, counts,
 * ETA, wall, compute, speedup and chunk size. Rows are described as plain strings first
 * (`callCells`), so the panel redraws only when a text changed, then built as DOM.
 */
import type { CallState, RunModel } from '../core/run-model';
import { h } from './dom';
import { formatCount, formatMs, formatPercent } from './format';
import { callColour } from './timeline/timeline-paint';

/** A call's progress bar: the part sent to workers and the part done, 0..1. */
export interface ProgressCells {
  sent: number;
  done: number;
  now: number;
  total: number;
  unit: 'items' | 'tasks';
}

/** Everything one row of the calls table shows, as text. */
export interface CallCells {
  callId: number;
  label: string;
  line: string;
  progress: ProgressCells | undefined;
  sent: string;
  done: string;
  items: string;
  eta: string;
  wall: string;
  compute: string;
  speedup: string;
  chunk: string;
}

/** The table's column headers and their explanations. */
const HEADERS: [string, string?][] = [
  ['Call'],
  ['Sent', 'Tasks sent to workers'],
  ['Done', 'Tasks finished'],
  ['Items'],
  ['ETA', 'Estimated time left'],
  ['Wall'],
  ['Compute', "Sum of the tasks' compute time"],
  [
    'Speedup',
    'Compute over wall, counting at most one task per hardware thread at a time (≈ when workers outnumber the threads)',
  ],
  ['Chunk', 'Items per task'],
];

/** "3/10", or "3" when the total is not known. */
function ofTotal(n: number, total: number): string {
  return total > 0 ? `${formatCount(n)}/${formatCount(total)}` : formatCount(n);
}

/**
 * The cells of `c`'s row at time `now`; `speedup` formats a finished call's speedup (the
 * panel caches the oversubscribed estimate).
 */
export function callCells(
  c: CallState,
  label: string,
  model: RunModel,
  now: number,
  speedup: (wall: number, speedup: number) => string,
): CallCells {
  const t = c.end?.timing;
  const total = c.start.total;
  const pending = model.outcome ? '-' : '…';
  return {
    callId: c.start.callId,
    label,
    line: c.start.line !== undefined ? `line ${c.start.line}` : '',
    progress: progressCells(c),
    sent: ofTotal(c.dispatched, total),
    done: ofTotal(c.completed, total),
    items: countsItems(c) ? `${formatCount(c.itemsDone)}/${formatCount(c.start.items)}` : '',
    eta: t ? '' : callEta(c, now),
    wall: t ? formatMs(t.wall) : openWall(c, model, now),
    compute: t ? formatMs(t.serial) : pending,
    speedup: t ? speedup(t.wall, t.speedup) : pending,
    chunk: chunkText(c),
  };
}

/** The calls table's header row. */
export function callsHead(): HTMLTableSectionElement {
  return h(
    'thead',
    {},
    h('tr', {}, ...HEADERS.map(([text, title]) => h('th', { text, ...(title ? { title } : {}) }))),
  );
}

/** One row of the calls table. */
export function callRow(cells: CallCells): HTMLTableRowElement {
  const name = h(
    'td',
    {},
    h('span', { className: 'call-swatch', style: { background: callColour(cells.callId) } }),
    cells.label,
    cells.line && ' ',
    cells.line && h('span', { className: 'muted', text: cells.line }),
    cells.progress && progressBar(cells.label, cells.progress),
  );
  const cell = (text: string, testid?: string): HTMLTableCellElement =>
    h('td', { text, ...(testid ? { data: { testid } } : {}) });
  return h(
    'tr',
    { data: { call: cells.callId } },
    name,
    cell(cells.sent, 'call-sent'),
    cell(cells.done, 'call-done'),
    cell(cells.items),
    cell(cells.eta, 'call-eta'),
    cell(cells.wall, 'call-wall'),
    cell(cells.compute),
    cell(cells.speedup, 'call-speedup'),
    cell(cells.chunk),
  );
}

/** The row that counts calls not listed. */
export function earlierRow(count: number): HTMLTableRowElement {
  const td = h('td', {
    className: 'muted',
    text: `${formatCount(count)} earlier calls not listed`,
  });
  td.colSpan = HEADERS.length;
  return h('tr', {}, td);
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
 * A call's progress, in items for maps (whose task count is not known up front) and tasks
 * otherwise; undefined when the total is not known.
 */
function progressCells(c: CallState): ProgressCells | undefined {
  const byItems = countsItems(c);
  const total = byItems ? c.start.items : c.start.total;
  if (!(total > 0)) return undefined;
  return {
    sent: Math.min(1, (byItems ? c.itemsSent : c.dispatched) / total),
    done: Math.min(1, (byItems ? c.itemsDone : c.completed) / total),
    now: byItems ? c.itemsDone : c.completed,
    total,
    unit: byItems ? 'items' : 'tasks',
  };
}

/** The progress bar: the light part is work sent to workers, the solid part work finished. */
function progressBar(label: string, p: ProgressCells): HTMLElement {
  return h(
    'div',
    {
      className: 'progress',
      attrs: {
        role: 'progressbar',
        'aria-label': `${label} progress`,
        'aria-valuemin': 0,
        'aria-valuemax': p.total,
        'aria-valuenow': p.now,
        'aria-valuetext': `${formatCount(p.now)} of ${formatCount(p.total)} ${p.unit} done`,
      },
      data: { testid: 'call-progress' },
    },
    h('span', { className: 'sent', style: { width: formatPercent(p.sent) } }),
    h('span', { className: 'done', style: { width: formatPercent(p.done) } }),
  );
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
