/**
 * Checks what crosses into the page against the protocol's types. The driver and the
 * engines run user code, and user code can post anything on any port it reaches, so every
 * message is examined at the boundary: its shape, its sizes and its counts. A value that
 * fits comes back as a fresh copy holding only the protocol's fields; one that does not
 * gives `undefined` and the caller drops it. Imports nothing, like the rest of protocol/.
 */
import type {
  CallKind,
  CallTiming,
  DriverEvent,
  OutputLine,
  PlotEvent,
  PlotSpec,
  RunOutcome,
  SerializedError,
  SerializedErrorGroup,
  TableEvent,
  TaskRecord,
  ValuePreview,
} from './messages';
import { validateGpuEvent } from './validate-gpu';
import { validateTaskRows } from './validate-task-rows';

/** Bounds every message must respect; generous for honest traffic, small for a forged one. */
export const LIMITS = {
  /** Engines a run may have (the same bound as core's worker count). */
  workers: 64,
  /** Characters of a console line, an error message or a stack. */
  text: 100_000,
  /** Characters of a label, a name, a title, a column or a table cell. */
  label: 2_000,
  /** Events in one batch. */
  batch: 100_000,
  /** Points in one chart series, and bins of a histogram. */
  points: 10_000,
  /** Cells of one heatmap. */
  imageCells: 250_000,
  /** Series of one chart. */
  series: 64,
  /** Rows and columns of one table. */
  rows: 1_000,
  columns: 100,
  /** Output lines attached to one task record (an engine keeps 1,000 and a dropped note). */
  taskLines: 10_000,
  /** Entries and depth of a printed value's preview. */
  previewEntries: 200,
  previewDepth: 8,
  /** Distinct errors of a CompositeError, and the workers or tasks listed per group. */
  groups: 100,
  groupMembers: 100_000,
} as const;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number = LIMITS.text): v is string =>
  typeof v === 'string' && v.length <= max;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isWorker = (v: unknown): v is number => isCount(v) && v < LIMITS.workers;
const isSource = (v: unknown): v is 'driver' | number => v === 'driver' || isWorker(v);
const isLine = (v: unknown): v is number => isCount(v) && v >= 1;

const LEVELS: ReadonlySet<unknown> = new Set(['log', 'info', 'warn', 'error', 'debug']);
const KINDS: ReadonlySet<unknown> = new Set<CallKind>([
  'apply',
  'execute',
  'push',
  'pull',
  'scatter',
  'gather',
  'clear',
  'map',
  'balanced-map',
  'submit',
  'pool-map',
]);

/** Arrays of at most `max` entries, each of which passes `check`. */
function isArrayOf<T>(v: unknown, max: number, check: (x: unknown) => x is T): v is T[] {
  if (!Array.isArray(v) || v.length > max) return false;
  for (const x of v) if (!check(x)) return false;
  return true;
}

/** A printed value's preview, or undefined when it is malformed or too big. */
export function validatePreview(v: unknown, depth = 0): ValuePreview | undefined {
  if (!isObj(v) || !isText(v.s) || depth > LIMITS.previewDepth) return undefined;
  if (v.e === undefined) return { s: v.s };
  if (!Array.isArray(v.e) || v.e.length > LIMITS.previewEntries || !isCount(v.more)) {
    return undefined;
  }
  const e: [string, ValuePreview][] = [];
  for (const entry of v.e as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2 || !isText(entry[0], LIMITS.label)) {
      return undefined;
    }
    const inner = validatePreview(entry[1], depth + 1);
    if (!inner) return undefined;
    e.push([entry[0], inner]);
  }
  return { s: v.s, e, more: v.more };
}

/** A console line, or undefined. */
export function validateOutputLine(v: unknown): OutputLine | undefined {
  if (!isObj(v) || !isSource(v.source) || !LEVELS.has(v.level) || !isText(v.text)) {
    return undefined;
  }
  if (!isNum(v.time) || (v.taskId !== undefined && !isCount(v.taskId))) return undefined;
  const line: OutputLine = {
    source: v.source,
    level: v.level as OutputLine['level'],
    text: v.text,
    time: v.time,
  };
  if (v.taskId !== undefined) line.taskId = v.taskId;
  if (v.dropped !== undefined) {
    if (!isCount(v.dropped)) return undefined;
    line.dropped = v.dropped;
  }
  if (v.values !== undefined) {
    if (!Array.isArray(v.values) || v.values.length > LIMITS.previewEntries) return undefined;
    const values: (string | ValuePreview)[] = [];
    for (const x of v.values as unknown[]) {
      const ok = typeof x === 'string' ? (isText(x) ? x : undefined) : validatePreview(x);
      if (ok === undefined) return undefined;
      values.push(ok);
    }
    line.values = values;
  }
  return line;
}

/** An error as it crossed a boundary, or undefined. */
export function validateError(v: unknown, depth = 0): SerializedError | undefined {
  if (!isObj(v) || !isText(v.name, LIMITS.label) || !isText(v.message)) return undefined;
  const out: SerializedError = { name: v.name, message: v.message };
  if (v.stack !== undefined) {
    if (!isText(v.stack)) return undefined;
    out.stack = v.stack;
  }
  for (const key of ['worker', 'taskId', 'callId', 'line', 'column'] as const) {
    const x = v[key];
    if (x === undefined) continue;
    if (!isCount(x) || (key === 'worker' && !isWorker(x))) return undefined;
    out[key] = x;
  }
  if (v.hint !== undefined) {
    if (!isText(v.hint)) return undefined;
    out.hint = v.hint;
  }
  if (v.groups !== undefined) {
    if (depth > 0 || !Array.isArray(v.groups) || v.groups.length > LIMITS.groups) return undefined;
    const groups: SerializedErrorGroup[] = [];
    for (const g of v.groups as unknown[]) {
      if (!isObj(g)) return undefined;
      const error = validateError(g.error, depth + 1);
      if (!error || !isArrayOf(g.workers, LIMITS.workers, isWorker)) return undefined;
      if (!isArrayOf(g.tasks, LIMITS.groupMembers, isCount)) return undefined;
      groups.push({ error, workers: [...g.workers], tasks: [...g.tasks] });
    }
    out.groups = groups;
  }
  return out;
}

/** Any number (NaN marks a gap in a chart); the points budget bounds the count. */
const isPoint = (x: unknown): x is number => typeof x === 'number';
const isSeries = (v: unknown): v is number[] => isNumbers(v, LIMITS.points);

/** Numbers as an array or a typed array (charts may send either), at most `max`. */
function isNumbers(v: unknown, max: number): v is number[] {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    return (
      (v as unknown as ArrayLike<unknown>).length <= max &&
      typeof (v as unknown as ArrayLike<unknown>)[0] !== 'bigint'
    );
  }
  return isArrayOf(v, max, isPoint);
}

/** A chart's spec, or undefined. */
function validatePlotSpec(v: unknown): PlotSpec | undefined {
  if (!isObj(v)) return undefined;
  if (v.title !== undefined && !isText(v.title, LIMITS.label)) return undefined;
  const title = v.title === undefined ? {} : { title: v.title };
  if (v.kind === 'hist') {
    if (!isCount(v.total)) return undefined;
    if (!isNumbers(v.edges, LIMITS.points + 1) || !isSeries(v.counts)) return undefined;
    return {
      kind: 'hist',
      ...title,
      edges: Array.from(v.edges),
      counts: Array.from(v.counts),
      total: v.total,
    };
  }
  if (v.kind === 'bar') {
    if (!isText(v.name, LIMITS.label) || !isLabels(v.labels) || !isSeries(v.values)) return;
    return {
      kind: 'bar',
      ...title,
      name: v.name,
      labels: [...v.labels],
      values: Array.from(v.values),
    };
  }
  if (v.kind === 'image') return validateImage(v, title);
  if ((v.kind !== 'scatter' && v.kind !== 'line') || !isCount(v.total)) return undefined;
  if (v.labels !== undefined && !isLabels(v.labels)) return undefined;
  if (!Array.isArray(v.series) || v.series.length > LIMITS.series) return undefined;
  const series: { name: string; x: number[]; y: number[] }[] = [];
  for (const s of v.series as unknown[]) {
    if (!isObj(s) || !isText(s.name, LIMITS.label) || !isSeries(s.x) || !isSeries(s.y)) {
      return undefined;
    }
    series.push({ name: s.name, x: Array.from(s.x), y: Array.from(s.y) });
  }
  const labels = v.labels === undefined ? {} : { labels: [...v.labels] };
  return { kind: v.kind, ...title, series, total: v.total, ...labels };
}

/** Category names of a chart. */
const isLabels = (v: unknown): v is string[] =>
  isArrayOf(v, LIMITS.points, (x): x is string => isText(x, LIMITS.label));

/** A heatmap's spec: its size must match its values, within the points budget squared. */
function validateImage(v: Obj, title: { title?: string }): PlotSpec | undefined {
  const { width, height, sourceWidth, sourceHeight } = v;
  if (!isCount(width) || !isCount(height) || !isCount(sourceWidth) || !isCount(sourceHeight)) {
    return undefined;
  }
  if (!isPoint(v.min) || !isPoint(v.max) || width * height > LIMITS.imageCells) return undefined;
  if (!isNumbers(v.values, LIMITS.imageCells) || v.values.length !== width * height) {
    return undefined;
  }
  return {
    kind: 'image',
    ...title,
    width,
    height,
    values: Array.from(v.values),
    min: v.min,
    max: v.max,
    sourceWidth,
    sourceHeight,
  };
}

/** A table cell: a primitive; objects were turned into text on the worker. */
const isCell = (v: unknown): boolean =>
  v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean' || isText(v);

/** A chart or a table drawn by the script or a task, or undefined. */
export function validatePlot(v: unknown): PlotEvent | TableEvent | undefined {
  if (!isObj(v) || !isSource(v.source) || !isNum(v.time)) return undefined;
  if (v.type === 'plot') {
    const spec = validatePlotSpec(v.spec);
    return spec ? { type: 'plot', source: v.source, time: v.time, spec } : undefined;
  }
  if (v.type !== 'table' || !isCount(v.total)) return undefined;
  if (!isArrayOf(v.columns, LIMITS.columns, (c): c is string => isText(c, LIMITS.label))) {
    return undefined;
  }
  const width = v.columns.length;
  const isRow = (r: unknown): r is unknown[] =>
    Array.isArray(r) && r.length <= width && r.every(isCell);
  if (!isArrayOf(v.rows, LIMITS.rows, isRow)) return undefined;
  if (v.title !== undefined && !isText(v.title, LIMITS.label)) return undefined;
  return {
    ...(v.title !== undefined ? { title: v.title } : {}),
    type: 'table',
    source: v.source,
    time: v.time,
    columns: [...v.columns],
    rows: v.rows.map((r) => [...r]),
    total: v.total,
  };
}

/** A finished task's record, or undefined. */
function validateRecord(v: unknown): TaskRecord | undefined {
  if (!isObj(v) || !isCount(v.taskId) || !isCount(v.callId) || !isWorker(v.worker)) {
    return undefined;
  }
  const stamps = ['submitted', 'started', 'completed', 'received'] as const;
  const counts = ['items', 'first', 'bytesIn', 'bytesOut'] as const;
  if (!stamps.every((k) => isNum(v[k])) || !counts.every((k) => isCount(v[k]))) return undefined;
  if (typeof v.ok !== 'boolean' || !Array.isArray(v.stdout)) return undefined;
  if (v.stdout.length > LIMITS.taskLines) return undefined;
  const stdout: OutputLine[] = [];
  for (const l of v.stdout as unknown[]) {
    const line = validateOutputLine(l);
    if (!line) return undefined;
    stdout.push(line);
  }
  return {
    taskId: v.taskId,
    callId: v.callId,
    worker: v.worker,
    submitted: v.submitted as number,
    started: v.started as number,
    completed: v.completed as number,
    received: v.received as number,
    items: v.items as number,
    first: v.first as number,
    bytesIn: v.bytesIn as number,
    bytesOut: v.bytesOut as number,
    ok: v.ok,
    stdout,
  };
}

/** A call's timing numbers, or undefined. */
function validateTiming(v: unknown): CallTiming | undefined {
  if (!isObj(v)) return undefined;
  const nums = ['wall', 'serial', 'speedup', 'efficiency'] as const;
  if (!nums.every((k) => isNum(v[k])) || !isCount(v.workers) || !isCount(v.tasks)) {
    return undefined;
  }
  return {
    wall: v.wall as number,
    serial: v.serial as number,
    speedup: v.speedup as number,
    efficiency: v.efficiency as number,
    workers: v.workers,
    tasks: v.tasks,
  };
}

/** A `call-start` event, or undefined. */
function validateCallStart(v: Record<string, unknown>): DriverEvent | undefined {
  if (!isCount(v.callId) || !KINDS.has(v.kind) || !isText(v.label, LIMITS.label)) return;
  if (!isCount(v.total) || !isCount(v.items) || !isNum(v.time)) return;
  if (!isArrayOf(v.targets, LIMITS.workers, isWorker)) return;
  if (v.line !== undefined && !isLine(v.line)) return;
  return {
    type: 'call-start',
    callId: v.callId,
    kind: v.kind as CallKind,
    label: v.label,
    total: v.total,
    items: v.items,
    targets: [...v.targets],
    ...(v.line !== undefined ? { line: v.line } : {}),
    time: v.time,
  };
}

/** A `task-dispatch` event, or undefined. */
function validateDispatch(v: Record<string, unknown>): DriverEvent | undefined {
  const counts = ['taskId', 'callId', 'items', 'first', 'bytesIn'] as const;
  if (!counts.every((k) => isCount(v[k])) || !isWorker(v.worker) || !isNum(v.submitted)) {
    return;
  }
  if (v.moved !== undefined && typeof v.moved !== 'boolean') return;
  return {
    type: 'task-dispatch',
    taskId: v.taskId as number,
    callId: v.callId as number,
    worker: v.worker,
    submitted: v.submitted,
    items: v.items as number,
    first: v.first as number,
    bytesIn: v.bytesIn as number,
    ...(v.moved ? { moved: true } : {}),
  };
}

/** A `call-end` event, or undefined. */
function validateCallEnd(v: Record<string, unknown>): DriverEvent | undefined {
  const timing = validateTiming(v.timing);
  if (!isCount(v.callId) || !isNum(v.time) || !timing) return;
  if (v.error === undefined) return { type: 'call-end', callId: v.callId, time: v.time, timing };
  const error = validateError(v.error);
  return error && { type: 'call-end', callId: v.callId, time: v.time, timing, error };
}

/** Bounds of packed task events (validate-task-rows.ts). */
const ROW_LIMITS = {
  rows: LIMITS.batch,
  workers: LIMITS.workers,
  taskLines: LIMITS.taskLines,
  line: validateOutputLine,
};

/** One driver event, or undefined when it does not match the protocol. */
export function validateDriverEvent(v: unknown): DriverEvent | undefined {
  if (!isObj(v)) return undefined;
  switch (v.type) {
    case 'call-start':
      return validateCallStart(v);
    case 'task-dispatch':
      return validateDispatch(v);
    case 'task-end': {
      const record = validateRecord(v.record);
      return record && { type: 'task-end', record };
    }
    case 'task-rows':
      return validateTaskRows(v, ROW_LIMITS);
    case 'call-end':
      return validateCallEnd(v);
    case 'output': {
      const line = validateOutputLine(v.line);
      return line && { type: 'output', line };
    }
    case 'cluster':
      if (!isCount(v.workers) || v.workers > LIMITS.workers || !isNum(v.time)) return;
      return { type: 'cluster', workers: v.workers, time: v.time };
    case 'not-kept':
      if (!isCount(v.charts) || !isCount(v.tables)) return;
      return { type: 'not-kept', charts: v.charts, tables: v.tables };
    case 'script-busy':
      if (!isNum(v.start) || !isNum(v.end)) return;
      return { type: 'script-busy', start: v.start, end: v.end };
    case 'plot':
    case 'table':
      return validatePlot(v);
    case 'gpu-device':
    case 'gpu-call':
    case 'gpu-shader':
    case 'gpu-memory':
      return validateGpuEvent(v);
  }
  return undefined;
}

// Every event type and chart kind of the protocol has a case above: adding one to
// messages.ts without teaching this file fails to compile here.
const CHECKED_EVENTS: Record<DriverEvent['type'], true> = {
  'call-start': true,
  'task-dispatch': true,
  'task-end': true,
  'task-rows': true,
  'call-end': true,
  output: true,
  cluster: true,
  'not-kept': true,
  'script-busy': true,
  plot: true,
  table: true,
  'gpu-device': true,
  'gpu-call': true,
  'gpu-shader': true,
  'gpu-memory': true,
};
const CHECKED_CHARTS: Record<PlotSpec['kind'], true> = {
  hist: true,
  scatter: true,
  line: true,
  bar: true,
  image: true,
};

/** Event types and chart kinds this file checks; the object literal types above make the check. */
export const CHECKED = { events: CHECKED_EVENTS, charts: CHECKED_CHARTS };

/**
 * Checks a batch of driver events: the events that fit, how many were dropped, and the
 * batch's number. A batch that is not a batch at all, or has no number, counts as one
 * dropped event.
 */
export function validateBatch(v: unknown): {
  events: DriverEvent[];
  dropped: number;
  seq?: number;
} {
  if (!isObj(v) || v.type !== 'events' || !Array.isArray(v.events)) {
    return { events: [], dropped: 1 };
  }
  const raw = v.events as unknown[];
  const events: DriverEvent[] = [];
  let dropped = Math.max(0, raw.length - LIMITS.batch);
  for (let i = 0; i < Math.min(raw.length, LIMITS.batch); i++) {
    const e = validateDriverEvent(raw[i]);
    if (e) events.push(e);
    else dropped++;
  }
  return isCount(v.seq) ? { events, dropped, seq: v.seq } : { events, dropped: dropped + 1 };
}

/** How a run ended, or undefined when the driver's answer does not match the protocol. */
export function validateOutcome(v: unknown): RunOutcome | undefined {
  if (!isObj(v) || typeof v.ok !== 'boolean' || !isNum(v.ended)) return undefined;
  if (!isCount(v.workers) || v.workers > LIMITS.workers) return undefined;
  if (v.started !== undefined && !isNum(v.started)) return undefined;
  if (v.batches !== undefined && !isCount(v.batches)) return undefined;
  const out: RunOutcome = { ok: v.ok, ended: v.ended, workers: v.workers };
  if (v.started !== undefined) out.started = v.started;
  if (v.batches !== undefined) out.batches = v.batches;
  if (v.error !== undefined) {
    const error = validateError(v.error);
    if (!error) return undefined;
    out.error = error;
  }
  return out;
}
