/**
 * The timeline's text: tooltip contents for a task or a call, and the visually hidden
 * per-worker summary table that screen readers and tests read instead of the canvas.
 */
import type { CallState, RunModel } from '../../core/run-model';
import type { TaskDispatchEvent, TaskRecord } from '../../protocol/messages';
import { callLabels } from '../call-labels';
import { formatBytes, formatCount, formatMs, formatNumber, formatPercent } from '../format';
import type { TimelineIndex } from './timeline-index';
import { callColour } from './timeline-paint';

/** Stdout lines shown in a task's tooltip. */
const STDOUT_LINES = 5;

/** What the tooltip describes: a finished task, a running task or a call. */
export type TimelineItem =
  | { kind: 'task'; record: TaskRecord }
  | { kind: 'running'; dispatch: TaskDispatchEvent }
  | { kind: 'call'; call: CallState };

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function itemRange(first: number, items: number): string {
  return items <= 1
    ? `item ${formatCount(first)}`
    : `items ${formatCount(first)}..${formatCount(first + items - 1)}`;
}

/** A call's label, numbered when several calls share it. */
function labelOf(model: RunModel, callId: number, fallback = `call ${callId}`): string {
  return callLabels(model.calls.values()).get(callId) ?? fallback;
}

/** What a tooltip shows: the call's colour and a title, rows of figures, stdout lines. */
interface TipText {
  callId: number;
  title: string;
  rows: [string, string][];
  stdout: string[];
}

/** Replaces the tooltip's children with a description of `item` (text only, never HTML). */
export function fillTooltip(
  tip: HTMLElement,
  item: TimelineItem,
  model: RunModel,
  now: number,
): void {
  const { callId, title, rows, stdout } =
    item.kind === 'call'
      ? callTip(item.call, model, now)
      : item.kind === 'running'
        ? runningTip(item.dispatch, model, now)
        : taskTip(item.record, model);
  const head = el('div', 'timeline-tip-title');
  const swatch = el('span', 'timeline-tip-swatch');
  swatch.style.background = callColour(callId);
  head.append(swatch, title);
  const dl = el('dl', 'timeline-tip-rows');
  for (const [k, v] of rows) dl.append(el('dt', '', k), el('dd', '', v));
  tip.replaceChildren(head, dl);
  if (stdout.length > 0) tip.append(el('pre', 'timeline-tip-stdout', stdout.join('\n')));
}

/** A call's tooltip: its kind, tasks and items, wall time and, once ended, its figures. */
function callTip(call: CallState, model: RunModel, now: number): TipText {
  const { start, end } = call;
  const stop = end?.time ?? model.outcome?.ended ?? now;
  const rows: [string, string][] = [['kind', start.kind]];
  if (start.line !== undefined) rows.push(['line', String(start.line)]);
  if (call.dispatched > 0 && start.items > 0)
    rows.push(['items per task', formatNumber(call.itemsSent / call.dispatched, 1)]);
  rows.push(['tasks', `${formatCount(call.completed)} / ${formatCount(start.total)}`]);
  rows.push(['items', formatCount(start.items)]);
  rows.push([end ? 'wall' : 'running for', formatMs(stop - start.time)]);
  if (end) {
    rows.push(['serial', formatMs(end.timing.serial)]);
    rows.push(['speedup', `${formatNumber(end.timing.speedup, 2)}x`]);
    rows.push(['efficiency', formatPercent(end.timing.efficiency)]);
    if (end.error) rows.push(['error', end.error.message]);
  }
  return { callId: start.callId, title: labelOf(model, start.callId), rows, stdout: [] };
}

/** A running (or stopped) task's tooltip: where it runs, its items, how long so far. */
function runningTip(d: TaskDispatchEvent, model: RunModel, now: number): TipText {
  const ended = model.outcome?.ended;
  const rows: [string, string][] = [
    ['worker', String(d.worker)],
    ['task', `${d.taskId} (${ended === undefined ? 'running' : 'stopped'})`],
    ['range', itemRange(d.first, d.items)],
    [
      ended === undefined ? 'since dispatch' : 'dispatch to stop',
      formatMs((ended ?? now) - d.submitted),
    ],
    ['bytes in', formatBytes(d.bytesIn)],
  ];
  return {
    callId: d.callId,
    title: labelOf(model, d.callId, `task ${d.taskId}`),
    rows,
    stdout: [],
  };
}

/** A finished task's tooltip: its phases, bytes and first lines of output. */
function taskTip(t: TaskRecord, model: RunModel): TipText {
  const rows: [string, string][] = [
    ['worker', String(t.worker)],
    ['task', t.ok ? String(t.taskId) : `${t.taskId} (failed)`],
    ['range', itemRange(t.first, t.items)],
    ['queued + in transit', formatMs(t.started - t.submitted)],
    ['compute', formatMs(t.completed - t.started)],
    ['return', formatMs(t.received - t.completed)],
    ['bytes in / out', `${formatBytes(t.bytesIn)} / ${formatBytes(t.bytesOut)}`],
  ];
  const stdout = t.stdout.slice(0, STDOUT_LINES).map((l) => l.text);
  if (t.stdout.length > STDOUT_LINES)
    stdout.push(`… ${formatCount(t.stdout.length - STDOUT_LINES)} more lines`);
  return { callId: t.callId, title: labelOf(model, t.callId, `task ${t.taskId}`), rows, stdout };
}

/** One sentence describing the item, for the canvas's live region when focus moves. */
export function describeItem(item: TimelineItem, model: RunModel): string {
  if (item.kind === 'call') return `driver: ${labelOf(model, item.call.start.callId)}`;
  const t = item.kind === 'task' ? item.record : item.dispatch;
  const label = labelOf(model, t.callId, `task ${t.taskId}`);
  const extra =
    item.kind === 'task'
      ? `compute ${formatMs(item.record.completed - item.record.started)}`
      : model.outcome
        ? 'stopped'
        : 'running';
  return `worker ${t.worker}: ${label}, ${itemRange(t.first, t.items)}, ${extra}`;
}

/** Refresh interval of the summary table, ms (at most ~4 times a second). */
const SUMMARY_EVERY_MS = 250;

/**
 * The per-worker table: status, tasks, busy time, utilisation and idle gaps. Shown as the
 * workers panel, or visually hidden as the canvas's text alternative.
 */
export class TimelineSummary {
  readonly table: HTMLTableElement;
  private readonly body: HTMLTableSectionElement;
  private lastAt = -Infinity;
  private lastModel: RunModel | undefined;
  private lastVersion = -1;

  constructor(container: HTMLElement, visible = false) {
    this.table = el('table', visible ? 'workers-table' : 'visually-hidden');
    this.table.id = 'timeline-summary';
    this.table.dataset['testid'] = 'timeline-summary';
    const caption = this.table.createCaption();
    caption.textContent = 'Per-worker timeline summary';
    if (visible) caption.className = 'sr-only';
    const head = this.table.createTHead().insertRow();
    for (const h of [
      'worker',
      'status',
      'tasks',
      'busy (ms)',
      'utilisation (%)',
      'idle gaps',
      'idle total (ms)',
    ]) {
      const th = el('th', '', h);
      th.scope = 'col';
      head.append(th);
    }
    this.body = this.table.createTBody();
    container.append(this.table);
  }

  /** Rewrites the rows when the model changed and the last refresh is old enough (or the run ended). */
  update(model: RunModel, index: TimelineIndex, now: number, force = false): void {
    const changed = model !== this.lastModel || model.version !== this.lastVersion;
    if (!changed && !force) return;
    const live = model.outcome === undefined;
    if (live && !force && model === this.lastModel && now - this.lastAt < SUMMARY_EVERY_MS) return;
    this.lastAt = now;
    this.lastModel = model;
    this.lastVersion = model.version;
    const stats = model.workerStats(now);
    const rows = stats.map((s) => {
      const lane = index.lanes[s.worker];
      const status = s.running ? 'busy' : s.stopped ? 'stopped' : live ? 'idle' : 'done';
      const cells: [string, number | string][] = [
        [String(s.worker), s.worker],
        [status, status],
        [formatCount(s.tasks), s.tasks],
        [formatNumber(s.busy, 1), s.busy],
        [formatNumber(s.utilisation * 100, 1), s.utilisation * 100],
        [formatCount(lane?.gaps ?? 0), lane?.gaps ?? 0],
        [formatNumber(lane?.gapTotal ?? 0, 1), lane?.gapTotal ?? 0],
      ];
      const tr = document.createElement('tr');
      for (const [i, [text, value]] of cells.entries()) {
        const cell = i === 0 ? el('th', '', `worker ${text}`) : el('td', '', text);
        if (i === 0) cell.scope = 'row';
        cell.dataset['value'] = String(value);
        tr.append(cell);
      }
      tr.dataset['status'] = status;
      // The utilisation cell carries a bar, drawn by CSS from this custom property.
      tr.cells[4]?.style.setProperty('--util', `${(s.utilisation * 100).toFixed(1)}%`);
      return tr;
    });
    this.body.replaceChildren(...rows);
  }
}

/** Puts the tooltip next to point (x, y) of `root`, flipped to stay inside it. */
export function placeTooltip(tip: HTMLElement, root: HTMLElement, x: number, y: number): void {
  const tw = tip.offsetWidth;
  const th = tip.offsetHeight;
  const left = x + 14 + tw > root.clientWidth ? x - 14 - tw : x + 14;
  const top = y + 14 + th > root.clientHeight ? y - 14 - th : y + 14;
  tip.style.left = `${Math.max(0, left)}px`;
  tip.style.top = `${Math.max(0, top)}px`;
}
